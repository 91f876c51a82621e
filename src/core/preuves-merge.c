/* preuves-merge.c — merging a reviewed copy of a portfolio back into the
 * local one
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The incoming file is someone else's: it is never read directly. It goes
 * through the hardened check and import of preuves-portfolio-file.c into a
 * fresh temporary portfolio, which is then attached to a connection on the
 * local file as "incoming". Rows are matched by uuid, so nothing is ever
 * duplicated, and all of the merge happens in one transaction.
 *
 * The rule of each table:
 * - portfolio: the identity of the file. Both uuids must be equal, else
 *   the merge is refused; the row itself is never changed.
 * - candidate, preuve, attachment, link, written_document,
 *   criterion_assessment, rehearsal, names: the candidate's rows. The
 *   higher revision wins (each edit, deletion included, bumps it), so a
 *   tombstone beats the older live row it replaces but not a newer edit.
 *   Equal revisions with different modification times are a real
 *   conflict: the local row is kept and the conflict recorded. An incoming
 *   row that would duplicate a live local one under another uuid (the same
 *   link, the document or criterion of the same épreuve) is a conflict
 *   too.
 * - blob, blob_chunk: content-addressed and never edited. Documents the
 *   incoming rows refer to and the local file lacks are copied, and their
 *   SHA-256 computed again on the way.
 * - remark: an advisor's remark is theirs in its text, target, page and
 *   deletion, which come from the advisor's side; its resolution and
 *   response are the candidate's answer, taken from the higher revision.
 *   A candidate's own note is the candidate's row, as above.
 * - competence_status: the advisor's rows, taken from the advisor's side
 *   as they are.
 * - review_baseline: what this side last saw; never merged.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "preuves-blob-store.h"
#include "preuves-blob-stream.h"
#include "preuves-merge.h"
#include "preuves-portfolio-private.h"
#include "preuves-schema.h"

G_DEFINE_QUARK (preuves-merge-error-quark, preuves_merge_error)

/* The candidate's tables, parents before children (foreign keys). */
static const char * const candidate_tables[] = {
  "candidate", "preuve", "attachment", "link", "written_document",
  "criterion_assessment", "rehearsal", "names", NULL
};

typedef struct
{
  sqlite3                       *db;
  PreuvesRole                    local_role;
  char                          *incoming_path;
  PreuvesMergeSummary           *summary;
  GCancellable                  *cancellable;
} Merge;

void
preuves_merge_summary_free (PreuvesMergeSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->conflict_uuids, g_ptr_array_unref);
  g_free (summary);
}

static PreuvesMergeSummary *
summary_new (void)
{
  PreuvesMergeSummary *summary = g_new0 (PreuvesMergeSummary, 1);

  summary->conflict_uuids = g_ptr_array_new_with_free_func (g_free);
  return summary;
}

static void
record_conflict (Merge      *merge,
                 const char *uuid)
{
  merge->summary->conflicts++;
  g_ptr_array_add (merge->summary->conflict_uuids, g_strdup (uuid));
}

/* Temporary import ------------------------------------------------------------ */

GFile *
preuves_merge_import_temporary (GFile         *incoming,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) dest = NULL;

  g_return_val_if_fail (G_IS_FILE (incoming), NULL);

  dir = g_dir_make_tmp ("preuves-merge-XXXXXX", error);
  if (dir == NULL)
    return NULL;
  dest = g_file_new_build_filename (dir, "incoming.preuves", NULL);
  if (!preuves_portfolio_file_import (incoming, dest, NULL, NULL, cancellable, error))
    {
      g_rmdir (dir);
      return NULL;
    }
  return g_steal_pointer (&dest);
}

static void
delete_temporary (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);

  g_file_delete (file, NULL, NULL);
  g_file_delete (dir, NULL, NULL);
}

/* SQL helpers ------------------------------------------------------------------- */

static sqlite3_stmt *
prepare (Merge       *merge,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (merge->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    return stmt;
  preuves_portfolio_set_sqlite_error (error, merge->db, rc);
  return NULL;
}

/* Runs @sql with ?1 bound to @uuid; *changed says whether a row changed. */
static gboolean
exec_for_uuid (Merge       *merge,
               const char  *sql,
               const char  *uuid,
               gboolean    *changed,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (merge, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return preuves_portfolio_set_sqlite_error (error, merge->db, rc);
  if (changed != NULL)
    *changed = sqlite3_changes (merge->db) > 0;
  return TRUE;
}

/* The columns of @table that a merge copies: all but the local rowid,
 * except in the one-row tables whose id is always 1. */
static char *
column_list (Merge       *merge,
             const char  *table,
             GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA main.table_info (\"%s\")", table);
  g_autoptr(sqlite3_stmt) stmt = prepare (merge, sql, error);
  g_autoptr(GString) columns = g_string_new (NULL);
  gboolean keep_id = g_str_equal (table, "candidate");

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (g_str_equal (name, "id") && !keep_id)
        continue;
      g_string_append_printf (columns, "%s\"%s\"", columns->len > 0 ? ", " : "", name);
    }
  return g_string_free (g_steal_pointer (&columns), FALSE);
}

/* Rows ---------------------------------------------------------------------------- */

/* Where an incoming row stands against the local row of the same uuid. */
typedef enum
{
  ROW_NEW,        /* no local row */
  ROW_SAME,       /* same revision and time: nothing to do */
  ROW_NEWER,      /* the incoming side has the higher revision */
  ROW_OLDER,      /* the local side has the higher revision */
  ROW_CONFLICT,   /* same revision, different edit */
} RowState;

static RowState
compare_row (sqlite3_stmt *local,
             gint64        revision,
             gint64        modified_at)
{
  gint64 local_revision, local_modified_at;

  sqlite3_reset (local);
  if (sqlite3_step (local) != SQLITE_ROW)
    return ROW_NEW;
  local_revision = sqlite3_column_int64 (local, 0);
  local_modified_at = sqlite3_column_int64 (local, 1);
  if (revision > local_revision)
    return ROW_NEWER;
  if (revision < local_revision)
    return ROW_OLDER;
  return modified_at == local_modified_at ? ROW_SAME : ROW_CONFLICT;
}

static gboolean
insert_row (Merge       *merge,
            const char  *table,
            const char  *columns,
            const char  *uuid,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT OR IGNORE INTO main.\"%s\" (%s)"
                                          " SELECT %s FROM incoming.\"%s\" WHERE uuid = ?1",
                                          table, columns, columns, table);
  gboolean changed = FALSE;

  if (!exec_for_uuid (merge, sql, uuid, &changed, error))
    return FALSE;
  if (changed)
    merge->summary->added++;
  else
    record_conflict (merge, uuid);
  return TRUE;
}

/* Copies @columns of the incoming row over the local one. A change that
 * would duplicate another live row (unique indexes on live rows) is left
 * out and recorded as a conflict. */
static gboolean
update_row (Merge       *merge,
            const char  *table,
            const char  *columns,
            const char  *uuid,
            GError     **error)
{
  g_autofree char *update = g_strdup_printf ("UPDATE OR IGNORE main.\"%s\" SET (%s) ="
                                             " (SELECT %s FROM incoming.\"%s\" WHERE uuid = ?1)"
                                             " WHERE uuid = ?1", table, columns, columns, table);
  g_autofree char *differ = g_strdup_printf ("SELECT 1 FROM main.\"%s\" WHERE uuid = ?1 AND (%s) IS NOT"
                                             " (SELECT %s FROM incoming.\"%s\" WHERE uuid = ?1)",
                                             table, columns, columns, table);
  g_autoptr(sqlite3_stmt) check = prepare (merge, differ, error);
  gboolean changed = FALSE;

  if (check == NULL)
    return FALSE;
  sqlite3_bind_text (check, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (check) != SQLITE_ROW)
    return TRUE;
  if (!exec_for_uuid (merge, update, uuid, &changed, error))
    return FALSE;
  if (changed)
    merge->summary->updated++;
  else
    record_conflict (merge, uuid);
  return TRUE;
}

/* Calls @func for each incoming row of @table with its local standing. */
typedef gboolean (*RowFunc) (Merge       *merge,
                             const char  *table,
                             const char  *columns,
                             const char  *uuid,
                             RowState     state,
                             GError     **error);

static gboolean
foreach_row (Merge       *merge,
             const char  *table,
             RowFunc      func,
             GError     **error)
{
  g_autofree char *columns = column_list (merge, table, error);
  g_autofree char *select_sql = g_strdup_printf ("SELECT uuid, revision, modified_at FROM incoming.\"%s\""
                                                 " ORDER BY id", table);
  g_autofree char *local_sql = g_strdup_printf ("SELECT revision, modified_at FROM main.\"%s\""
                                                " WHERE uuid = ?1", table);
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(sqlite3_stmt) local = NULL;
  int rc;

  if (columns == NULL ||
      (rows = prepare (merge, select_sql, error)) == NULL ||
      (local = prepare (merge, local_sql, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      g_autofree char *uuid = preuves_sqlite_dup_text (rows, 0);
      RowState state;

      if (g_cancellable_set_error_if_cancelled (merge->cancellable, error))
        return FALSE;
      sqlite3_bind_text (local, 1, uuid, -1, SQLITE_TRANSIENT);
      state = compare_row (local, sqlite3_column_int64 (rows, 1), sqlite3_column_int64 (rows, 2));
      sqlite3_reset (local);
      if (!func (merge, table, columns, uuid, state, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return preuves_portfolio_set_sqlite_error (error, merge->db, rc);
  return TRUE;
}

/* The candidate's rows: the higher revision wins. */
static gboolean
merge_newest_cb (Merge       *merge,
                 const char  *table,
                 const char  *columns,
                 const char  *uuid,
                 RowState     state,
                 GError     **error)
{
  switch (state)
    {
    case ROW_NEW:
      return insert_row (merge, table, columns, uuid, error);
    case ROW_NEWER:
      return update_row (merge, table, columns, uuid, error);
    case ROW_CONFLICT:
      record_conflict (merge, uuid);
      return TRUE;
    case ROW_SAME:
    case ROW_OLDER:
    default:
      return TRUE;
    }
}

/* The advisor's rows: the advisor's side as it is. */
static gboolean
merge_advisor_cb (Merge       *merge,
                  const char  *table,
                  const char  *columns,
                  const char  *uuid,
                  RowState     state,
                  GError     **error)
{
  if (merge->local_role == PREUVES_ROLE_ADVISOR)
    return state == ROW_NEW ? insert_row (merge, table, columns, uuid, error) : TRUE;
  if (state == ROW_NEW)
    return insert_row (merge, table, columns, uuid, error);
  return update_row (merge, table, columns, uuid, error);
}

/* Remarks: see the rules at the top. The advisor's part of an advisor's
 * remark follows the advisor's side whatever the revisions say. */
/* The author stays the advisor's: answering a remark records the
 * candidate as its last author, which is not who made the remark. */
static const char remark_advisor_columns[] = "\"text\", \"target_kind\", \"target_id\", \"page\", \"deleted\", \"author\"";
static const char remark_answer_columns[] = "\"resolved\", \"response\", \"modified_at\", \"revision\"";

static gboolean
merge_remark_cb (Merge       *merge,
                 const char  *table,
                 const char  *columns,
                 const char  *uuid,
                 RowState     state,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) role = NULL;
  gboolean advisor_remark;
  guint updated = merge->summary->updated;

  if (state == ROW_NEW)
    return insert_row (merge, table, columns, uuid, error);
  role = prepare (merge, "SELECT role = 'advisor' FROM main.remark WHERE uuid = ?1", error);
  if (role == NULL)
    return FALSE;
  sqlite3_bind_text (role, 1, uuid, -1, SQLITE_TRANSIENT);
  advisor_remark = sqlite3_step (role) == SQLITE_ROW && sqlite3_column_int (role, 0) != 0;
  if (!advisor_remark)
    return merge_newest_cb (merge, table, columns, uuid, state, error);

  if (state == ROW_CONFLICT)
    record_conflict (merge, uuid);
  else if (state == ROW_NEWER &&
           !update_row (merge, table, remark_answer_columns, uuid, error))
    return FALSE;
  if (merge->local_role == PREUVES_ROLE_CANDIDATE &&
      !update_row (merge, table, remark_advisor_columns, uuid, error))
    return FALSE;
  /* One remark counts once, even when both of its parts changed. */
  merge->summary->updated = MIN (merge->summary->updated, updated + 1);
  return TRUE;
}

/* Documents ------------------------------------------------------------------------ */

/* Copies one document through a stream, which computes its SHA-256 again:
 * bytes that do not match their name never reach the local file. */
static gboolean
copy_blob (Merge       *merge,
           const char  *sha256,
           GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *stored = NULL;
  guint64 size = 0;

  stream = preuves_blob_stream_new (merge->incoming_path, sha256, error);
  if (stream == NULL ||
      !preuves_blob_store_put_stream (merge->db, stream, &stored, &size, merge->cancellable, error))
    return FALSE;
  if (g_strcmp0 (stored, sha256) != 0)
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED,
                           _("A document of the received portfolio is damaged. Ask its sender to send it again."));
      return FALSE;
    }
  merge->summary->blobs_copied++;
  return TRUE;
}

static gboolean
copy_missing_blobs (Merge   *merge,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) missing = prepare (merge,
                                             "SELECT sha256 FROM incoming.blob i WHERE NOT EXISTS"
                                             " (SELECT 1 FROM main.blob m WHERE m.sha256 = i.sha256)"
                                             " AND (sha256 IN (SELECT sha256 FROM incoming.attachment)"
                                             " OR sha256 IN (SELECT sha256 FROM incoming.written_document))",
                                             error);
  int rc;

  if (missing == NULL)
    return FALSE;
  while ((rc = sqlite3_step (missing)) == SQLITE_ROW)
    if (!copy_blob (merge, (const char *) sqlite3_column_text (missing, 0), error))
      return FALSE;
  if (rc != SQLITE_DONE)
    return preuves_portfolio_set_sqlite_error (error, merge->db, rc);
  return TRUE;
}

/* The whole merge ------------------------------------------------------------------ */

static gboolean
check_same_portfolio (Merge   *merge,
                      GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (merge,
                                          "SELECT m.uuid = i.uuid, c.name FROM main.portfolio m,"
                                          " incoming.portfolio i, incoming.candidate c", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0)
    return TRUE;
  g_set_error (error, PREUVES_MERGE_ERROR, PREUVES_MERGE_ERROR_OTHER_PORTFOLIO,
               _("This file is another portfolio (%s’s), not a copy of this one. Open it on its own instead of merging it."),
               sqlite3_column_text (stmt, 1) != NULL ? (const char *) sqlite3_column_text (stmt, 1) : "?");
  return FALSE;
}

static gboolean
merge_tables (Merge   *merge,
              GError **error)
{
  if (!check_same_portfolio (merge, error) ||
      !copy_missing_blobs (merge, error))
    return FALSE;
  for (guint i = 0; candidate_tables[i] != NULL; i++)
    if (!foreach_row (merge, candidate_tables[i], merge_newest_cb, error))
      return FALSE;
  if (!foreach_row (merge, "remark", merge_remark_cb, error) ||
      !foreach_row (merge, "competence_status", merge_advisor_cb, error))
    return FALSE;
  /* Documents only the losing side referred to are not kept. */
  return preuves_blob_store_collect (merge->db, error);
}

static sqlite3 *
open_local (GFile   *local,
            GError **error)
{
  sqlite3 *db = preuves_portfolio_open_connection (local, SQLITE_OPEN_READWRITE, error);

  if (db != NULL &&
      (!preuves_schema_configure (db, error) || !preuves_schema_migrate (db, error)))
    g_clear_pointer (&db, sqlite3_close);
  return db;
}

static gboolean
attach_incoming (Merge   *merge,
                 GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (merge, "ATTACH DATABASE ?1 AS incoming", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, merge->incoming_path, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return preuves_portfolio_set_sqlite_error (error, merge->db, rc);
  return TRUE;
}

static gboolean
merge_run (Merge   *merge,
           GError **error)
{
  if (!attach_incoming (merge, error) ||
      !preuves_schema_exec (merge->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!merge_tables (merge, error) ||
      !preuves_schema_exec (merge->db, "COMMIT", error))
    {
      sqlite3_exec (merge->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Merges the imported @copy (already checked) into @local. */
static PreuvesMergeSummary *
merge_imported (GFile         *local,
                PreuvesRole    local_role,
                GFile         *copy,
                GCancellable  *cancellable,
                GError       **error)
{
  Merge merge = { NULL, local_role, NULL, NULL, cancellable };
  gboolean ok;

  merge.incoming_path = g_file_get_path (copy);
  merge.summary = summary_new ();
  merge.db = open_local (local, error);
  ok = merge.db != NULL && merge_run (&merge, error);
  g_clear_pointer (&merge.db, sqlite3_close);
  g_free (merge.incoming_path);
  if (!ok)
    g_clear_pointer (&merge.summary, preuves_merge_summary_free);
  return merge.summary;
}

PreuvesMergeSummary *
preuves_merge (GFile                         *local,
               PreuvesRole                    local_role,
               GFile                         *incoming,
               PreuvesPortfolioFileProgress   progress,
               gpointer                       progress_data,
               GCancellable                  *cancellable,
               GError                       **error)
{
  g_autoptr(GFile) copy = NULL;
  PreuvesMergeSummary *summary;

  g_return_val_if_fail (G_IS_FILE (local), NULL);
  g_return_val_if_fail (G_IS_FILE (incoming), NULL);
  g_return_val_if_fail (local_role <= PREUVES_ROLE_ADVISOR, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (progress != NULL)
    progress (0.0, progress_data);
  copy = preuves_merge_import_temporary (incoming, cancellable, error);
  if (copy == NULL)
    return NULL;
  if (progress != NULL)
    progress (0.5, progress_data);
  summary = merge_imported (local, local_role, copy, cancellable, error);
  delete_temporary (copy);
  if (summary != NULL && progress != NULL)
    progress (1.0, progress_data);
  return summary;
}

/* Asynchronous merge ----------------------------------------------------------------- */

/* The import's own asynchronous version checks and copies the incoming
 * file off the main thread and delivers its progress (the first half) in
 * the caller's context; the merge itself then runs in a thread. Every
 * callback runs in the caller's context, so the caller's progress data is
 * freed there, with the last reference. */
typedef struct
{
  gatomicrefcount               ref;
  GFile                        *local;
  GFile                        *copy;
  PreuvesRole                   role;
  PreuvesPortfolioFileProgress  progress;
  gpointer                      progress_data;
  GDestroyNotify                progress_data_free;
  GMainContext                 *context;
} MergeAsync;

static MergeAsync *
merge_async_ref (MergeAsync *state)
{
  g_atomic_ref_count_inc (&state->ref);
  return state;
}

static gboolean
merge_async_free_cb (gpointer user_data)
{
  MergeAsync *state = user_data;

  if (state->copy != NULL)
    delete_temporary (state->copy);
  g_clear_object (&state->copy);
  g_clear_object (&state->local);
  if (state->progress_data_free != NULL)
    state->progress_data_free (state->progress_data);
  g_main_context_unref (state->context);
  g_free (state);
  return G_SOURCE_REMOVE;
}

/* The last reference may go in the worker thread: the state is freed in
 * the caller's context all the same. */
static void
merge_async_unref (gpointer user_data)
{
  MergeAsync *state = user_data;
  g_autoptr(GSource) source = NULL;

  if (!g_atomic_ref_count_dec (&state->ref))
    return;
  source = g_idle_source_new ();
  g_source_set_callback (source, merge_async_free_cb, state, NULL);
  g_source_attach (source, state->context);
}

static void
merge_async_report (MergeAsync *state,
                    double      fraction)
{
  if (state->progress != NULL)
    state->progress (fraction, state->progress_data);
}

static void
import_progress_cb (double   fraction,
                    gpointer user_data)
{
  merge_async_report (user_data, 0.5 * fraction);
}

static void
merge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MergeAsync *state = task_data;
  GError *error = NULL;
  PreuvesMergeSummary *summary;

  summary = merge_imported (state->local, state->role, state->copy, cancellable, &error);
  if (summary != NULL)
    g_task_return_pointer (task, summary, (GDestroyNotify) preuves_merge_summary_free);
  else
    g_task_return_error (task, error);
}

/* Back in the caller's context: the last progress report, then the
 * result. */
static void
merged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  PreuvesMergeSummary *summary = g_task_propagate_pointer (G_TASK (result), &error);

  if (summary == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  merge_async_report (g_task_get_task_data (task), 1.0);
  g_task_return_pointer (task, summary, (GDestroyNotify) preuves_merge_summary_free);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GTask) inner = NULL;
  MergeAsync *state = g_task_get_task_data (task);
  GError *error = NULL;

  if (!preuves_portfolio_file_import_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  merge_async_report (state, 0.5);
  inner = g_task_new (NULL, g_task_get_cancellable (task), merged_cb, g_object_ref (task));
  g_task_set_task_data (inner, merge_async_ref (state), merge_async_unref);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_run_in_thread (inner, merge_thread);
}

void
preuves_merge_async (GFile                         *local,
                     PreuvesRole                    local_role,
                     GFile                         *incoming,
                     PreuvesPortfolioFileProgress   progress,
                     gpointer                       progress_data,
                     GDestroyNotify                 progress_data_free,
                     GCancellable                  *cancellable,
                     GAsyncReadyCallback            callback,
                     gpointer                       user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *dir = NULL;
  MergeAsync *state = g_new0 (MergeAsync, 1);
  GError *error = NULL;

  g_return_if_fail (G_IS_FILE (local));
  g_return_if_fail (G_IS_FILE (incoming));

  g_atomic_ref_count_init (&state->ref);
  state->local = g_object_ref (local);
  state->role = local_role;
  state->progress = progress;
  state->progress_data = progress_data;
  state->progress_data_free = progress_data_free;
  state->context = g_main_context_ref_thread_default ();
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, preuves_merge_async);
  g_task_set_task_data (task, state, merge_async_unref);
  /* Once committed the merge is done: a late cancellation must not report
   * a failure that did not happen. */
  g_task_set_check_cancellable (task, FALSE);

  dir = g_dir_make_tmp ("preuves-merge-XXXXXX", &error);
  if (dir == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  state->copy = g_file_new_build_filename (dir, "incoming.preuves", NULL);
  preuves_portfolio_file_import_async (incoming, state->copy, import_progress_cb,
                                       merge_async_ref (state), merge_async_unref,
                                       cancellable, imported_cb, g_steal_pointer (&task));
}

/**
 * preuves_merge_finish:
 *
 * Returns: (transfer full): what the merge did, or %NULL with @error set
 */
PreuvesMergeSummary *
preuves_merge_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == preuves_merge_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
