/* preuves-merge.h — merging a reviewed copy of a portfolio back into the
 * local one: the advisor's remarks and statuses, the candidate's edits
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "preuves-portfolio-file.h"
#include "preuves-review.h"

G_BEGIN_DECLS

#define PREUVES_MERGE_ERROR (preuves_merge_error_quark ())

typedef enum
{
  PREUVES_MERGE_ERROR_OTHER_PORTFOLIO, /* the incoming file is another candidate's portfolio */
} PreuvesMergeError;

GQuark preuves_merge_error_quark (void);

/* What a merge did, counted in rows of the local portfolio. A conflict is
 * a row both sides changed as far as each can tell (same revision,
 * different edit), or an incoming row that would duplicate a local one
 * (the same link, document or criterion under another uuid): the local
 * row is kept and the uuid listed in conflict_uuids. */
typedef struct
{
  guint      added;
  guint      updated;
  guint      conflicts;
  guint      blobs_copied;
  GPtrArray *conflict_uuids;  /* element: char * */
} PreuvesMergeSummary;

void preuves_merge_summary_free (PreuvesMergeSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreuvesMergeSummary, preuves_merge_summary_free)

/* Checks @incoming with the hardened check of preuves-portfolio-file.h and
 * imports it into a fresh temporary portfolio, which the caller deletes.
 * Nothing of @incoming is read otherwise. Blocks: call it from a thread. */
GFile               *preuves_merge_import_temporary (GFile                         *incoming,
                                                     GCancellable                  *cancellable,
                                                     GError                       **error);

/* Merges @incoming into the portfolio file @local when both are the same
 * portfolio (same uuid), in one transaction: either all of it or nothing.
 * @local_role says whose copy @local is (the other side is the incoming
 * one). Open portfolios on @local see the merge after reopening. */
PreuvesMergeSummary *preuves_merge                  (GFile                         *local,
                                                     PreuvesRole                    local_role,
                                                     GFile                         *incoming,
                                                     PreuvesPortfolioFileProgress   progress,
                                                     gpointer                       progress_data,
                                                     GCancellable                  *cancellable,
                                                     GError                       **error);
void                 preuves_merge_async            (GFile                         *local,
                                                     PreuvesRole                    local_role,
                                                     GFile                         *incoming,
                                                     PreuvesPortfolioFileProgress   progress,
                                                     gpointer                       progress_data,
                                                     GDestroyNotify                 progress_data_free,
                                                     GCancellable                  *cancellable,
                                                     GAsyncReadyCallback            callback,
                                                     gpointer                       user_data);
PreuvesMergeSummary *preuves_merge_finish           (GAsyncResult                  *result,
                                                     GError                       **error);

G_END_DECLS
