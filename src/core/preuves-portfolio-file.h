/* preuves-portfolio-file.h — portfolios that travel: checking a file from
 * someone else, importing it into a fresh portfolio, saving a copy
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Errors these functions report beyond PREUVES_PORTFOLIO_ERROR (which
 * they also use: NOT_A_PORTFOLIO, DAMAGED, TOO_NEW, FULL, IO, BUSY). */
#define PREUVES_PORTFOLIO_FILE_ERROR (preuves_portfolio_file_error_quark ())

typedef enum
{
  PREUVES_PORTFOLIO_FILE_ERROR_UNSAFE,      /* triggers, views, unknown tables, altered columns */
  PREUVES_PORTFOLIO_FILE_ERROR_UNFINISHED,  /* a journal beside the file holds unfinished changes */
  PREUVES_PORTFOLIO_FILE_ERROR_TOO_COMPLEX, /* checking it used up the work budget */
} PreuvesPortfolioFileError;

GQuark preuves_portfolio_file_error_quark (void);

/* Called in the thread-default main context of the caller of an _async
 * function, with @fraction growing from 0.0 to 1.0. The _async function's
 * progress_data_free is called in that context too, after the last
 * report (possibly after the GAsyncReadyCallback). */
typedef void (*PreuvesPortfolioFileProgress) (double   fraction,
                                              gpointer user_data);

/* What a successful check found, for people who want to see it. */
typedef struct
{
  int     schema_version; /* the file's own: an import migrates its copy */
  guint   n_preuves;      /* live preuves */
  guint   n_documents;    /* distinct stored documents */
  guint64 document_bytes; /* their total size */
} PreuvesPortfolioFileSummary;

/* Validates a portfolio that comes from someone else without writing
 * anything, not even a lock or a journal: header, application id, schema
 * version (any that a released Preuves wrote, up to this one's), SQLite's
 * quick_check, the schema against the allow-list of that version, and
 * every stored document against its size and SHA-256. Reads every
 * document, so it blocks: call it from a thread. @summary may be NULL. */
gboolean  preuves_portfolio_file_check         (GFile                         *file,
                                                PreuvesPortfolioFileSummary   *summary,
                                                GCancellable                  *cancellable,
                                                GError                       **error);

/* Checks @source, then copies its rows one table at a time, value by value,
 * into a fresh portfolio of the same schema version written beside @dest,
 * migrates that copy to the current version, and renames it over @dest.
 * @source is only read. On any error @dest is untouched and no temporary
 * file is left. */
gboolean  preuves_portfolio_file_import        (GFile                         *source,
                                                GFile                         *dest,
                                                PreuvesPortfolioFileProgress   progress,
                                                gpointer                       progress_data,
                                                GCancellable                  *cancellable,
                                                GError                       **error);
void      preuves_portfolio_file_import_async  (GFile                         *source,
                                                GFile                         *dest,
                                                PreuvesPortfolioFileProgress   progress,
                                                gpointer                       progress_data,
                                                GDestroyNotify                 progress_data_free,
                                                GCancellable                  *cancellable,
                                                GAsyncReadyCallback            callback,
                                                gpointer                       user_data);
gboolean  preuves_portfolio_file_import_finish (GAsyncResult                  *result,
                                                GError                       **error);

/* Writes a consistent, self-contained copy of the portfolio @source to
 * @dest (replacing it), even while another connection writes to @source:
 * VACUUM INTO a temporary file, purge it, check it, fsync, rename. No
 * journal is left beside @dest. The copy keeps the tombstones of deleted
 * rows (uuid, revision, deleted flag) but not their content, nor the bytes
 * of deleted documents; @source itself is not purged. */
gboolean  preuves_portfolio_file_save_copy         (GFile                *source,
                                                    GFile                *dest,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
void      preuves_portfolio_file_save_copy_async   (GFile                *source,
                                                    GFile                *dest,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean  preuves_portfolio_file_save_copy_finish  (GAsyncResult         *result,
                                                    GError              **error);

/* Temporaries older than this are leftovers of a killed import or copy. */
#define PREUVES_PORTFOLIO_FILE_STALE_SECONDS (60 * 60)

guint     preuves_portfolio_file_remove_stale_temporaries (GFile        *dir,
                                                           GCancellable *cancellable);

G_END_DECLS
