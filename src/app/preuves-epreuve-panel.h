/* preuves-epreuve-panel.h — an épreuve: its modalités, written document and criteria
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_EPREUVE_PANEL (preuves_epreuve_panel_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesEpreuvePanel, preuves_epreuve_panel, PREUVES, EPREUVE_PANEL, AdwBin)

GtkWidget *preuves_epreuve_panel_new             (const char          *epreuve_id);
void       preuves_epreuve_panel_set_portfolio   (PreuvesEpreuvePanel *self,
                                                  PreuvesPortfolio    *portfolio);
void       preuves_epreuve_panel_set_epreuve_id  (PreuvesEpreuvePanel *self,
                                                  const char          *epreuve_id);
void       preuves_epreuve_panel_attach_document (PreuvesEpreuvePanel *self,
                                                  GFile               *pdf);
void       preuves_epreuve_panel_focus_document  (PreuvesEpreuvePanel *self);
void       preuves_epreuve_panel_focus_criterion (PreuvesEpreuvePanel *self,
                                                  const char          *criterion_id);

G_END_DECLS
