/* preuves-review-panel.h — the advisor's status of each sous-compétence of
 * a bloc
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-portfolio.h"
#include "preuves-referentiel.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_REVIEW_PANEL (preuves_review_panel_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesReviewPanel, preuves_review_panel, PREUVES, REVIEW_PANEL, AdwBin)

/* Properties "portfolio" and "bloc-code" ("B1" … "B4") choose what the
 * panel shows, so that a page's template can bind them. */
GtkWidget *preuves_review_panel_new      (void);
void       preuves_review_panel_set_bloc (PreuvesReviewPanel *self,
                                          PreuvesPortfolio   *portfolio,
                                          const char         *bloc_code);

G_END_DECLS
