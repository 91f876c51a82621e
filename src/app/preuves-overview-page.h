/* preuves-overview-page.h — the readiness of each bloc and of the whole certification
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_OVERVIEW_PAGE (preuves_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesOverviewPage, preuves_overview_page, PREUVES, OVERVIEW_PAGE, AdwBin)

GtkWidget        *preuves_overview_page_new           (void);
PreuvesPortfolio *preuves_overview_page_get_portfolio (PreuvesOverviewPage *self);
void              preuves_overview_page_set_portfolio (PreuvesOverviewPage *self,
                                                       PreuvesPortfolio    *portfolio);

G_END_DECLS
