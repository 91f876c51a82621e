/* preuves-deposit.h — the deposit folder for the jury: one bookmarked PDF per bloc
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "preuves-report.h"

G_BEGIN_DECLS

/* The France VAE platform takes files of at most 10 Mo. A megabyte here is
 * 1,000,000 bytes, the smaller reading of "Mo": a file under that limit
 * passes whichever reading the platform makes. */
#define PREUVES_DEPOSIT_MB               ((guint64) 1000 * 1000)
#define PREUVES_DEPOSIT_DEFAULT_LIMIT_MB 10

/* What one preuve weighs in a bloc's file. */
typedef struct
{
  char    *title;
  guint64  bytes;
} PreuvesDepositContribution;

typedef struct
{
  char      *bloc_code;     /* "B1" */
  char      *path;          /* the file written */
  guint64    size;
  guint      n_pages;
  gboolean   too_big;
  char      *message;       /* translated: why the file is too big, or NULL */
  GPtrArray *contributions; /* PreuvesDepositContribution, largest first */
} PreuvesDepositFile;

typedef struct
{
  GPtrArray *files;    /* PreuvesDepositFile, one per bloc */
  GPtrArray *problems; /* char *, translated: documents that could not go in */
} PreuvesDepositResult;

void                  preuves_deposit_result_free  (PreuvesDepositResult       *result);

/* Writes Bloc-1-….pdf … Bloc-4-….pdf into @dir (created if needed): each
 * the bloc's correspondence table, then for each of its preuves a title
 * page, the pages of its PDFs (drawn again by the probe) and its images,
 * with a bookmark for each. A file over @limit_bytes is kept, and its
 * message names the preuves that weigh most. Documents that are neither
 * PDF, PNG nor JPEG, or that cannot be read, are listed in problems. */
PreuvesDepositResult *preuves_deposit_write        (PreuvesReport              *report,
                                                    GFile                      *dir,
                                                    guint64                     limit_bytes,
                                                    GCancellable               *cancellable,
                                                    GError                    **error);
void                  preuves_deposit_write_async  (PreuvesReport              *report,
                                                    GFile                      *dir,
                                                    guint64                     limit_bytes,
                                                    GCancellable               *cancellable,
                                                    PreuvesExportProgressFunc   progress,
                                                    gpointer                    progress_data,
                                                    GAsyncReadyCallback         callback,
                                                    gpointer                    user_data);
PreuvesDepositResult *preuves_deposit_write_finish (GAsyncResult               *result,
                                                    GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreuvesDepositResult, preuves_deposit_result_free)

G_END_DECLS
