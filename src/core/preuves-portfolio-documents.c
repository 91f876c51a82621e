/* preuves-portfolio-documents.c — the written documents of the épreuves
 * and the stored result of their page check
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Functions of PreuvesPortfolio kept apart from preuves-portfolio.c, a thin
 * layer of SQL over the written_document table. The check itself is done
 * elsewhere; this file only stores its result.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "preuves-assessment.h"
#include "preuves-blob-store.h"
#include "preuves-portfolio-private.h"
#include "preuves-schema.h"

void
preuves_written_document_free (PreuvesWrittenDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->uuid);
  g_free (document->epreuve_id);
  g_free (document->filename);
  g_free (document->content_type);
  g_free (document->sha256);
  g_free (document->check_error);
  g_free (document->checked_sha256);
  g_free (document);
}

static gboolean
check_epreuve (const char  *epreuve_id,
               GError     **error)
{
  if (epreuve_id != NULL && *epreuve_id != '\0' && g_utf8_validate (epreuve_id, -1, NULL))
    return TRUE;
  g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID,
                       _("Choose the épreuve of the document: bloc1 or finale."));
  return FALSE;
}

/* Written documents ------------------------------------------------------------- */

typedef struct
{
  sqlite3 *worker_db;  /* owned; NULL on the synchronous path */
  char    *epreuve_id;
  GFile   *file;
  char    *author;
} DocumentData;

static void
document_data_free (DocumentData *data)
{
  g_clear_pointer (&data->worker_db, sqlite3_close);
  g_free (data->epreuve_id);
  g_clear_object (&data->file);
  g_free (data->author);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DocumentData, document_data_free)

/* A new file replaces the previous one and forgets its check result and
 * manual annex start, which were about other pages. The row keeps its
 * uuid, so that a review round trip sees an edit, not a new document. */
static const char upsert_document_sql[] =
  "INSERT INTO written_document (uuid, epreuve_id, filename, content_type, sha256, size, author, modified_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
  " ON CONFLICT (epreuve_id) WHERE deleted = 0 DO UPDATE SET"
  " filename = excluded.filename, content_type = excluded.content_type, sha256 = excluded.sha256,"
  " size = excluded.size, author = excluded.author, modified_at = excluded.modified_at,"
  " revision = revision + 1, pages_total = NULL, text_layer = NULL, annex_start = NULL,"
  " annex_method = NULL, pages_counted = NULL, manual_annex_start = NULL, check_error = NULL,"
  " checked_sha256 = NULL";

/* Also forgets the previous document's bytes, in the same transaction. */
static gboolean
upsert_document_row (sqlite3            *db,
                     PreuvesStoredFile  *stored,
                     gpointer            user_data,
                     GError            **error)
{
  DocumentData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = preuves_portfolio_new_uuid ();
  int rc;

  rc = sqlite3_prepare_v2 (db, upsert_document_sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return preuves_portfolio_set_sqlite_error (error, db, rc);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, data->epreuve_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, stored->filename, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, stored->content_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, stored->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, stored->size);
  sqlite3_bind_text (stmt, 7, data->author, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, preuves_portfolio_now ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return preuves_portfolio_set_sqlite_error (error, db, rc);
  return preuves_blob_store_collect (db, error);
}

static gboolean
store_document (sqlite3       *db,
                DocumentData  *data,
                GCancellable  *cancellable,
                GError       **error)
{
  return preuves_blob_store_store_file (db, data->file, upsert_document_row, data, cancellable, error);
}

static DocumentData *
document_data_new (PreuvesPortfolio *self,
                   const char       *epreuve_id,
                   GFile            *file)
{
  DocumentData *data = g_new0 (DocumentData, 1);

  data->epreuve_id = g_strdup (epreuve_id);
  data->file = g_object_ref (file);
  data->author = g_strdup (preuves_portfolio_get_author (self));
  return data;
}

/**
 * preuves_portfolio_set_written_document:
 *
 * Stores @file as the written document of @epreuve_id ("bloc1",
 * "finale" …), replacing the previous one, on the calling thread.
 */
gboolean
preuves_portfolio_set_written_document (PreuvesPortfolio  *self,
                                        const char        *epreuve_id,
                                        GFile             *file,
                                        GCancellable      *cancellable,
                                        GError           **error)
{
  g_autoptr(DocumentData) data = NULL;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!check_epreuve (epreuve_id, error) || !preuves_portfolio_check_open (self, error))
    return FALSE;
  data = document_data_new (self, epreuve_id, file);
  if (!store_document (preuves_portfolio_get_db (self), data, cancellable, error))
    return FALSE;
  preuves_portfolio_emit_changed (self, "documents");
  return TRUE;
}

/* Same threading as attachments (see preuves-portfolio-attachments.c): a
 * second connection in the worker, signals back on the main context. */
static void
document_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  DocumentData *data = task_data;
  GError *error = NULL;

  if (store_document (data->worker_db, data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
document_thread_done_cb (GObject      *source_object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  preuves_portfolio_emit_changed (g_task_get_source_object (task), "documents");
  g_task_return_boolean (task, TRUE);
}

void
preuves_portfolio_set_written_document_async (PreuvesPortfolio    *self,
                                              const char          *epreuve_id,
                                              GFile               *file,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  DocumentData *data;
  GError *error = NULL;

  g_return_if_fail (PREUVES_IS_PORTFOLIO (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, preuves_portfolio_set_written_document_async);
  if (!check_epreuve (epreuve_id, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data = document_data_new (self, epreuve_id, file);
  data->worker_db = preuves_portfolio_open_worker_db (self, &error);
  if (data->worker_db == NULL)
    {
      document_data_free (data);
      g_task_return_error (task, error);
      return;
    }
  /* No source object: the thread drops its reference on @worker after
   * @task may have ended, and must not be the last to hold @self then. */
  worker = g_task_new (NULL, cancellable, document_thread_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, data, (GDestroyNotify) document_data_free);
  g_task_run_in_thread (worker, document_thread);
}

gboolean
preuves_portfolio_set_written_document_finish (PreuvesPortfolio  *self,
                                               GAsyncResult      *result,
                                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static PreuvesWrittenDocument *
document_from_row (sqlite3_stmt *stmt)
{
  PreuvesWrittenDocument *document = g_new0 (PreuvesWrittenDocument, 1);
  const char *method = (const char *) sqlite3_column_text (stmt, 9);

  document->uuid = preuves_sqlite_dup_text (stmt, 0);
  document->epreuve_id = preuves_sqlite_dup_text (stmt, 1);
  document->filename = preuves_sqlite_dup_text (stmt, 2);
  document->content_type = preuves_sqlite_dup_text (stmt, 3);
  document->sha256 = preuves_sqlite_dup_text (stmt, 4);
  document->size = sqlite3_column_int64 (stmt, 5);
  document->pages_total = preuves_sqlite_column_int_or_unknown (stmt, 6);
  document->text_layer = preuves_sqlite_column_int_or_unknown (stmt, 7);
  document->annex_start = preuves_sqlite_column_int_or_unknown (stmt, 8);
  if (!preuves_annex_method_from_string (method, &document->annex_method))
    document->annex_method = PREUVES_ANNEX_METHOD_NONE;
  document->pages_counted = preuves_sqlite_column_int_or_unknown (stmt, 10);
  document->manual_annex_start = preuves_sqlite_column_int_or_unknown (stmt, 11);
  document->check_error = preuves_sqlite_dup_text (stmt, 12);
  document->checked_sha256 = preuves_sqlite_dup_text (stmt, 13);
  return document;
}

/**
 * preuves_portfolio_get_written_document:
 *
 * Returns: (transfer full) (nullable): the written document of
 *   @epreuve_id, or %NULL if none was added
 */
PreuvesWrittenDocument *
preuves_portfolio_get_written_document (PreuvesPortfolio *self,
                                        const char       *epreuve_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);

  stmt = preuves_portfolio_prepare (self,
                                    "SELECT uuid, epreuve_id, filename, content_type, sha256, size,"
                                    " pages_total, text_layer, annex_start, annex_method, pages_counted,"
                                    " manual_annex_start, check_error, checked_sha256"
                                    " FROM written_document WHERE epreuve_id = ?1 AND deleted = 0",
                                    NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, epreuve_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return document_from_row (stmt);
}

static gboolean
finish_document_update (PreuvesPortfolio  *self,
                        sqlite3_stmt      *stmt,
                        GError           **error)
{
  if (!preuves_portfolio_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (preuves_portfolio_get_db (self)) == 0)
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND,
                           _("There is no written document for this épreuve yet. Add it first."));
      return FALSE;
    }
  preuves_portfolio_emit_changed (self, "documents");
  return TRUE;
}

gboolean
preuves_portfolio_remove_written_document (PreuvesPortfolio  *self,
                                           const char        *epreuve_id,
                                           GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);

  stmt = preuves_portfolio_prepare (self,
                                    "UPDATE written_document SET deleted = 1, revision = revision + 1,"
                                    " author = ?2, modified_at = ?3 WHERE epreuve_id = ?1 AND deleted = 0",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, epreuve_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, preuves_portfolio_get_author (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, preuves_portfolio_now ());
  return finish_document_update (self, stmt, error);
}

/* A check result is derived from the document's bytes and can be computed
 * again, so storing it is not an edit: the revision stays, so that two
 * sides of a review that merely checked the same file do not conflict. */
gboolean
preuves_portfolio_set_written_document_check (PreuvesPortfolio              *self,
                                              const char                    *epreuve_id,
                                              const PreuvesWrittenDocument  *check,
                                              GError                       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  stmt = preuves_portfolio_prepare (self,
                                    "UPDATE written_document SET pages_total = ?2, text_layer = ?3,"
                                    " annex_start = ?4, annex_method = ?5, pages_counted = ?6,"
                                    " check_error = ?7, checked_sha256 = ?8"
                                    " WHERE epreuve_id = ?1 AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, epreuve_id, -1, SQLITE_TRANSIENT);
  preuves_sqlite_bind_int_or_null (stmt, 2, check->pages_total);
  preuves_sqlite_bind_int_or_null (stmt, 3, check->text_layer);
  preuves_sqlite_bind_int_or_null (stmt, 4, check->annex_start);
  sqlite3_bind_text (stmt, 5, preuves_annex_method_to_string (check->annex_method), -1, SQLITE_STATIC);
  preuves_sqlite_bind_int_or_null (stmt, 6, check->pages_counted);
  sqlite3_bind_text (stmt, 7, check->check_error, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, check->checked_sha256, -1, SQLITE_TRANSIENT);
  return finish_document_update (self, stmt, error);
}

gboolean
preuves_portfolio_set_manual_annex_start (PreuvesPortfolio  *self,
                                          const char        *epreuve_id,
                                          int                page,
                                          GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (page >= 0, FALSE);

  stmt = preuves_portfolio_prepare (self,
                                    "UPDATE written_document SET manual_annex_start = ?2, author = ?3,"
                                    " modified_at = ?4, revision = revision + 1"
                                    " WHERE epreuve_id = ?1 AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, epreuve_id, -1, SQLITE_TRANSIENT);
  preuves_sqlite_bind_int_or_null (stmt, 2, page > 0 ? page : -1);
  sqlite3_bind_text (stmt, 3, preuves_portfolio_get_author (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, preuves_portfolio_now ());
  return finish_document_update (self, stmt, error);
}
