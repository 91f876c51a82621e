/* preuves-preuves-page.h — the list of preuves, its search and filters, and the editor
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

/* What the list shows besides the search. */
typedef enum
{
  PREUVES_PREUVES_FILTER_ALL,
  PREUVES_PREUVES_FILTER_UNMAPPED,
  PREUVES_PREUVES_FILTER_CONFIDENTIAL,
} PreuvesPreuvesFilter;

#define PREUVES_TYPE_PREUVES_PAGE (preuves_preuves_page_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesPreuvesPage, preuves_preuves_page, PREUVES, PREUVES_PAGE, AdwBin)

GtkWidget        *preuves_preuves_page_new           (void);
PreuvesPortfolio *preuves_preuves_page_get_portfolio (PreuvesPreuvesPage   *self);
void              preuves_preuves_page_set_portfolio (PreuvesPreuvesPage   *self,
                                                      PreuvesPortfolio     *portfolio);
gboolean          preuves_preuves_page_select_preuve (PreuvesPreuvesPage   *self,
                                                      const char           *uuid);
void              preuves_preuves_page_set_filter    (PreuvesPreuvesPage   *self,
                                                      PreuvesPreuvesFilter  filter,
                                                      const char           *bloc_or_competence);
GListModel       *preuves_preuves_page_get_shown     (PreuvesPreuvesPage   *self);
gboolean          preuves_preuves_page_get_editor_shown (PreuvesPreuvesPage *self);
void              preuves_preuves_page_add_files     (PreuvesPreuvesPage   *self,
                                                      GListModel           *files);

G_END_DECLS
