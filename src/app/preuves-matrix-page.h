/* preuves-matrix-page.h — the coverage matrix of preuves × sous-compétences
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_MATRIX_PAGE (preuves_matrix_page_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesMatrixPage, preuves_matrix_page, PREUVES, MATRIX_PAGE, AdwBin)

GtkWidget        *preuves_matrix_page_new           (void);
PreuvesPortfolio *preuves_matrix_page_get_portfolio (PreuvesMatrixPage *self);
void              preuves_matrix_page_set_portfolio (PreuvesMatrixPage *self,
                                                     PreuvesPortfolio  *portfolio);

G_END_DECLS
