/* preuves-rehearsal-page.h — times a rehearsal of an oral épreuve and keeps the result
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-portfolio.h"
#include "preuves-rehearsal-timer.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_REHEARSAL_PAGE (preuves_rehearsal_page_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesRehearsalPage, preuves_rehearsal_page, PREUVES, REHEARSAL_PAGE, AdwBin)

GtkWidget             *preuves_rehearsal_page_new            (const char           *epreuve_id);
PreuvesPortfolio      *preuves_rehearsal_page_get_portfolio  (PreuvesRehearsalPage *self);
void                   preuves_rehearsal_page_set_portfolio  (PreuvesRehearsalPage *self,
                                                              PreuvesPortfolio     *portfolio);
const char            *preuves_rehearsal_page_get_epreuve_id (PreuvesRehearsalPage *self);
void                   preuves_rehearsal_page_set_epreuve_id (PreuvesRehearsalPage *self,
                                                              const char           *epreuve_id);
PreuvesRehearsalTimer *preuves_rehearsal_page_get_timer      (PreuvesRehearsalPage *self);

G_END_DECLS
