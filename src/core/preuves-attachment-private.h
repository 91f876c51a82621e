/* preuves-attachment-private.h — how the portfolio builds its attachments
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

/* Columns read by preuves_attachment_new_from_row(), in this order. */
#define PREUVES_ATTACHMENT_COLUMNS \
  "uuid, preuve_uuid, filename, content_type, size, sha256, added_at"

PreuvesAttachment *preuves_attachment_new_from_row (PreuvesPortfolio *portfolio,
                                                    sqlite3_stmt     *stmt);

G_END_DECLS
