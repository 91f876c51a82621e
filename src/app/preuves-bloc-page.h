/* preuves-bloc-page.h — one bloc: its compétences and their preuves, its épreuve and document
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_BLOC_PAGE (preuves_bloc_page_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesBlocPage, preuves_bloc_page, PREUVES, BLOC_PAGE, AdwBin)

GtkWidget        *preuves_bloc_page_new           (const char       *bloc_code);
PreuvesPortfolio *preuves_bloc_page_get_portfolio (PreuvesBlocPage  *self);
void              preuves_bloc_page_set_portfolio (PreuvesBlocPage  *self,
                                                   PreuvesPortfolio *portfolio);
const char       *preuves_bloc_page_get_bloc_code (PreuvesBlocPage  *self);
void              preuves_bloc_page_set_bloc_code (PreuvesBlocPage  *self,
                                                   const char       *bloc_code);
void              preuves_bloc_page_attach_document (PreuvesBlocPage *self,
                                                     GFile           *pdf);

G_END_DECLS
