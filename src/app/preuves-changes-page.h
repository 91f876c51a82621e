/* preuves-changes-page.h — what the candidate changed since the advisor's
 * last review
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_CHANGES_PAGE (preuves_changes_page_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesChangesPage, preuves_changes_page, PREUVES, CHANGES_PAGE, AdwBin)

GtkWidget *preuves_changes_page_new           (void);
void       preuves_changes_page_set_portfolio (PreuvesChangesPage *self,
                                               PreuvesPortfolio   *portfolio);

G_END_DECLS
