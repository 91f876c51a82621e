/* preuves-preuve-private.h — how the portfolio builds and updates its preuves
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

/* Columns read by preuves_preuve_new_from_row(), in this order. */
#define PREUVES_PREUVE_COLUMNS \
  "uuid, title, situation, date_start, date_end, kind, confidential, " \
  "author, revision, modified_at, deleted"

PreuvesPreuve *preuves_preuve_new_from_row        (PreuvesPortfolio *portfolio,
                                                   sqlite3_stmt     *stmt);
void           preuves_preuve_set_deleted         (PreuvesPreuve    *self,
                                                   gboolean          deleted);
void           preuves_preuve_reload_attachments  (PreuvesPreuve    *self);
void           preuves_preuve_forget_portfolio    (PreuvesPreuve    *self);

G_END_DECLS
