/* preuves-changes.h — what changed in a portfolio between two versions,
 * and since the advisor's last review
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

typedef enum
{
  PREUVES_CHANGE_ADDED,
  PREUVES_CHANGE_MODIFIED,
  PREUVES_CHANGE_REMOVED,
} PreuvesChangeType;

/* One row of the candidate's content that differs. Revisions are 0 on
 * the side where the row was not live. */
typedef struct
{
  char              *kind;          /* "preuve", "link", "attachment", "document", "criterion" */
  char              *uuid;
  PreuvesChangeType  change;
  gint64             old_revision;
  gint64             new_revision;
  char              *label;         /* a title, a code or a file name, for people */
} PreuvesChange;

void        preuves_change_free             (PreuvesChange      *change);
const char *preuves_change_type_to_string   (PreuvesChangeType   change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreuvesChange, preuves_change_free)

/* What changed between two portfolio files, each first checked and
 * imported with the hardened import (they may come from someone else).
 * Sorted by kind, then label. Blocks: call it from a thread. */
GPtrArray  *preuves_changes_between_files   (GFile              *old_file,
                                             GFile              *new_file,
                                             GCancellable       *cancellable,
                                             GError            **error);

/* Remembers the revision of every row of the candidate's content as "seen
 * at the last review": call it when an advisor imports a portfolio or
 * exports the reviewed copy. */
gboolean    preuves_portfolio_record_review (PreuvesPortfolio   *self,
                                             GError            **error);
/* When the last review was recorded (unix µs), or 0 if never. */
gint64      preuves_portfolio_get_last_review (PreuvesPortfolio *self);
/* What changed since the last recorded review (everything live is "added"
 * if there was none). Element: PreuvesChange. */
GPtrArray  *preuves_portfolio_list_changes_since_review (PreuvesPortfolio  *self,
                                             GError            **error);

G_END_DECLS
