/* preuves-portfolio-attachments.c — documents attached to preuves
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Functions of PreuvesPortfolio kept apart from preuves-portfolio.c to keep
 * each file readable.
 *
 * Threading: storing a document can take seconds, so the async variant
 * runs in a GTask thread. SQLite connections must not be used by two
 * threads at once, and the main thread keeps using the portfolio's own
 * connection, so the worker gets a second connection on the same file
 * (with a busy timeout: while the worker writes, the main thread's writes
 * wait for its lock). The new row is then read back and the models and
 * signals updated on the main context, in the callback.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "preuves-attachment-private.h"
#include "preuves-blob-store.h"
#include "preuves-blob-stream.h"
#include "preuves-document-check.h"
#include "preuves-portfolio-private.h"
#include "preuves-preuve-private.h"
#include "preuves-schema.h"

typedef struct
{
  sqlite3 *worker_db;  /* owned, NULL when working on the portfolio's own */
  GFile   *file;
  char    *preuve_uuid;
  char    *author;
  char    *uuid;       /* of the new attachment */
} AttachData;

static void
attach_data_free (AttachData *data)
{
  g_clear_pointer (&data->worker_db, sqlite3_close);
  g_clear_object (&data->file);
  g_free (data->preuve_uuid);
  g_free (data->author);
  g_free (data->uuid);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttachData, attach_data_free)

static AttachData *
attach_data_new (PreuvesPortfolio *self,
                 PreuvesPreuve    *preuve,
                 GFile            *file)
{
  AttachData *data = g_new0 (AttachData, 1);

  data->file = g_object_ref (file);
  data->preuve_uuid = g_strdup (preuves_preuve_get_uuid (preuve));
  data->author = g_strdup (preuves_portfolio_get_author (self));
  data->uuid = preuves_portfolio_new_uuid ();
  return data;
}

static gboolean
insert_attachment_row (sqlite3            *db,
                       PreuvesStoredFile  *stored,
                       gpointer            user_data,
                       GError            **error)
{
  AttachData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO attachment (uuid, preuve_uuid, filename, content_type, sha256, size,"
                           " added_at, author, modified_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7)",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return preuves_portfolio_set_sqlite_error (error, db, rc);
  sqlite3_bind_text (stmt, 1, data->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, data->preuve_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, stored->filename, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, stored->content_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, stored->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, stored->size);
  sqlite3_bind_int64 (stmt, 7, preuves_portfolio_now ());
  sqlite3_bind_text (stmt, 8, data->author, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return preuves_portfolio_set_sqlite_error (error, db, rc);
  return TRUE;
}

/* Stores the document and its row in one transaction on @db. */
static gboolean
attach_on_db (sqlite3       *db,
              AttachData    *data,
              GCancellable  *cancellable,
              GError       **error)
{
  return preuves_blob_store_store_file (db, data->file, insert_attachment_row, data, cancellable, error);
}

static PreuvesAttachment *
read_attachment (PreuvesPortfolio  *self,
                 const char        *uuid,
                 GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = preuves_portfolio_prepare (self, "SELECT " PREUVES_ATTACHMENT_COLUMNS
                                    " FROM attachment WHERE uuid = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return preuves_attachment_new_from_row (self, stmt);
  preuves_portfolio_set_sqlite_error (error, preuves_portfolio_get_db (self),
                                      rc == SQLITE_DONE ? SQLITE_CORRUPT : rc);
  return NULL;
}

/* Back on the main thread: show the new attachment. */
static PreuvesAttachment *
attach_complete (PreuvesPortfolio  *self,
                 AttachData        *data,
                 GError           **error)
{
  PreuvesAttachment *attachment = read_attachment (self, data->uuid, error);
  PreuvesPreuve *preuve;

  if (attachment == NULL)
    return NULL;
  /* The preuve may have been deleted while the document was stored: the
   * attachment then goes with it, and comes back if it is restored. */
  preuve = preuves_portfolio_find_preuve (self, data->preuve_uuid);
  if (preuve == NULL)
    preuves_schema_exec (preuves_portfolio_get_db (self),
                         "UPDATE attachment SET deleted = 2 WHERE deleted = 0 AND preuve_uuid IN"
                         " (SELECT uuid FROM preuve WHERE deleted != 0)", NULL);
  else
    preuves_preuve_reload_attachments (preuve);
  preuves_portfolio_emit_changed (self, "attachments");
  return attachment;
}

static gboolean
check_preuve (PreuvesPortfolio  *self,
              PreuvesPreuve     *preuve,
              GError           **error)
{
  if (!preuves_portfolio_check_open (self, error))
    return FALSE;
  if (preuves_portfolio_find_preuve (self, preuves_preuve_get_uuid (preuve)) == preuve)
    return TRUE;
  g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND,
                       _("This preuve is not in the portfolio any more."));
  return FALSE;
}

/**
 * preuves_portfolio_attach_file:
 *
 * Stores a copy of @file in the portfolio and attaches it to @preuve, on
 * the calling thread (for the CLI and for code already in a thread of its
 * own). Identical documents are stored once.
 * Returns: (transfer full): the new attachment
 */
PreuvesAttachment *
preuves_portfolio_attach_file (PreuvesPortfolio  *self,
                               PreuvesPreuve     *preuve,
                               GFile             *file,
                               GCancellable      *cancellable,
                               GError           **error)
{
  g_autoptr(AttachData) data = NULL;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (PREUVES_IS_PREUVE (preuve), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!check_preuve (self, preuve, error))
    return NULL;
  data = attach_data_new (self, preuve, file);
  if (!attach_on_db (preuves_portfolio_get_db (self), data, cancellable, error))
    return NULL;
  return attach_complete (self, data, error);
}

static void
attach_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AttachData *data = task_data;
  GError *error = NULL;

  if (attach_on_db (data->worker_db, data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
attach_thread_done_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PreuvesPortfolio *self = g_task_get_source_object (task);
  PreuvesAttachment *attachment;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  attachment = attach_complete (self, g_task_get_task_data (G_TASK (result)), &error);
  if (attachment == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, attachment, g_object_unref);
}

void
preuves_portfolio_attach_file_async (PreuvesPortfolio    *self,
                                     PreuvesPreuve       *preuve,
                                     GFile               *file,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  AttachData *data;
  GError *error = NULL;

  g_return_if_fail (PREUVES_IS_PORTFOLIO (self));
  g_return_if_fail (PREUVES_IS_PREUVE (preuve));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, preuves_portfolio_attach_file_async);
  if (!check_preuve (self, preuve, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data = attach_data_new (self, preuve, file);
  data->worker_db = preuves_portfolio_open_worker_db (self, &error);
  if (data->worker_db == NULL)
    {
      attach_data_free (data);
      g_task_return_error (task, error);
      return;
    }
  /* No source object: the thread drops its reference on @worker after
   * @task may have ended, and must not be the last to hold @self then (the
   * portfolio would be finalized, its database closed, off the main
   * thread). @task keeps @self alive until the callback has run. */
  worker = g_task_new (NULL, cancellable, attach_thread_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, data, (GDestroyNotify) attach_data_free);
  g_task_run_in_thread (worker, attach_thread);
}

/**
 * preuves_portfolio_attach_file_finish:
 *
 * Returns: (transfer full): the new attachment, already in the preuve's
 *   model when the callback runs
 */
PreuvesAttachment *
preuves_portfolio_attach_file_finish (PreuvesPortfolio  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Flips the tombstone of one attachment, ?1 its uuid. Returns the number
 * of rows changed, or -1. */
static int
set_attachment_deleted (PreuvesPortfolio   *self,
                        const char         *sql,
                        PreuvesAttachment  *attachment,
                        GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = preuves_portfolio_prepare (self, sql, error);
  PreuvesPreuve *preuve;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, preuves_attachment_get_uuid (attachment), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, preuves_portfolio_get_author (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, preuves_portfolio_now ());
  if (!preuves_portfolio_step_done (self, stmt, error))
    return -1;

  preuve = preuves_portfolio_find_preuve (self, preuves_attachment_get_preuve_uuid (attachment));
  if (preuve != NULL)
    preuves_preuve_reload_attachments (preuve);
  preuves_portfolio_emit_changed (self, "attachments");
  return sqlite3_changes (preuves_portfolio_get_db (self));
}

/* Tombstones the attachment; its bytes stay until
 * preuves_portfolio_purge_deleted(), so the deletion can be undone. */
gboolean
preuves_portfolio_remove_attachment (PreuvesPortfolio   *self,
                                     PreuvesAttachment  *attachment,
                                     GError            **error)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (PREUVES_IS_ATTACHMENT (attachment), FALSE);

  return set_attachment_deleted (self,
                                 "UPDATE attachment SET deleted = 1, revision = revision + 1,"
                                 " author = ?2, modified_at = ?3 WHERE uuid = ?1 AND deleted = 0",
                                 attachment, error) >= 0;
}

/* Undoes preuves_portfolio_remove_attachment(), as long as the bytes were
 * not purged and the preuve is still there. */
gboolean
preuves_portfolio_restore_attachment (PreuvesPortfolio   *self,
                                      PreuvesAttachment  *attachment,
                                      GError            **error)
{
  int changed;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (PREUVES_IS_ATTACHMENT (attachment), FALSE);

  changed = set_attachment_deleted (self,
                                    "UPDATE attachment SET deleted = 0, revision = revision + 1,"
                                    " author = ?2, modified_at = ?3 WHERE uuid = ?1 AND deleted = 1"
                                    " AND sha256 IS NOT NULL AND preuve_uuid IN"
                                    " (SELECT uuid FROM preuve WHERE deleted = 0)",
                                    attachment, error);
  if (changed != 0)
    return changed > 0;
  g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND,
                       _("This document cannot come back any more. Add it again."));
  return FALSE;
}

/**
 * preuves_portfolio_open_blob_stream:
 *
 * Opens the stored bytes of a document for reading, a chunk at a time. The
 * stream has its own connection to the file: it may be handed to another
 * thread (one at a time).
 * Returns: (transfer full): the stream
 */
GInputStream *
preuves_portfolio_open_blob_stream (PreuvesPortfolio  *self,
                                    const char        *sha256,
                                    GError           **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);

  if (!preuves_sha256_is_valid (sha256))
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND,
                           _("This document is not in the portfolio any more. Add it again."));
      return NULL;
    }
  path = g_file_get_path (preuves_portfolio_get_file (self));
  return preuves_blob_stream_new (path, sha256, error);
}

/* Deleted attachments lose their bytes but keep their tombstones (and can
 * no longer come back with their preuve); then every blob nothing refers
 * to is deleted (secure_delete wipes its pages), with the checks kept for
 * bytes that are no longer a written document. */
gboolean
preuves_portfolio_purge_deleted (PreuvesPortfolio  *self,
                                 GError           **error)
{
  sqlite3 *db;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);

  if (!preuves_portfolio_begin (self, error))
    return FALSE;
  db = preuves_portfolio_get_db (self);
  if (!preuves_schema_exec (db,
                            "UPDATE attachment SET sha256 = NULL, deleted = 1 WHERE deleted != 0;"
                            "UPDATE written_document SET sha256 = NULL WHERE deleted != 0;",
                            error) ||
      !preuves_blob_store_collect (db, error) ||
      !preuves_document_check_forget_unused (db, error))
    {
      preuves_portfolio_rollback (self);
      return FALSE;
    }
  return preuves_portfolio_commit (self, error);
}
