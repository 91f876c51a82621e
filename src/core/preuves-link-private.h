/* preuves-link-private.h — how the portfolio builds its links
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "preuves-link.h"

G_BEGIN_DECLS

/* Columns read by preuves_link_new_from_row(), in this order. */
#define PREUVES_LINK_COLUMNS \
  "uuid, preuve_uuid, sous_competence_id, justification, author, revision, modified_at"

PreuvesLink *preuves_link_new_from_row (sqlite3_stmt *stmt);

G_END_DECLS
