/* preuves-coverage-matrix.h — a grid of sous-compétences × preuves, gaps visible
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

/* What a cell shows. */
typedef enum
{
  PREUVES_COVERAGE_NONE,
  PREUVES_COVERAGE_LINKED,    /* linked, without a justification yet */
  PREUVES_COVERAGE_JUSTIFIED,
} PreuvesCoverage;

#define PREUVES_TYPE_COVERAGE_MATRIX (preuves_coverage_matrix_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesCoverageMatrix, preuves_coverage_matrix, PREUVES, COVERAGE_MATRIX, GtkWidget)

GtkWidget       *preuves_coverage_matrix_new           (void);
void             preuves_coverage_matrix_set_portfolio (PreuvesCoverageMatrix *self,
                                                        PreuvesPortfolio      *portfolio);
void             preuves_coverage_matrix_reload        (PreuvesCoverageMatrix *self);
guint            preuves_coverage_matrix_get_n_preuves (PreuvesCoverageMatrix *self);
PreuvesCoverage  preuves_coverage_matrix_get_cell      (PreuvesCoverageMatrix *self,
                                                        guint                  sous_competence_index,
                                                        guint                  preuve_index);
void             preuves_coverage_matrix_activate_cell (PreuvesCoverageMatrix *self,
                                                        guint                  sous_competence_index,
                                                        guint                  preuve_index);
guint            preuves_coverage_matrix_count_gaps    (PreuvesCoverageMatrix *self);

G_END_DECLS
