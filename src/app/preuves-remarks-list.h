/* preuves-remarks-list.h — the remarks about one thing of a portfolio, with
 * adding, answering and resolving
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_REMARKS_LIST (preuves_remarks_list_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesRemarksList, preuves_remarks_list, PREUVES, REMARKS_LIST, AdwBin)

GtkWidget *preuves_remarks_list_new        (void);
/* Also the properties "portfolio", "target-kind" and "target-id", so
 * that a page's template can bind them. @target_kind: "preuve", "sous-competence", "criterion", "document" or
 * "bloc"; a document's remarks may name a page. */
void       preuves_remarks_list_set_target (PreuvesRemarksList *self,
                                            PreuvesPortfolio   *portfolio,
                                            const char         *target_kind,
                                            const char         *target_id);

G_END_DECLS
