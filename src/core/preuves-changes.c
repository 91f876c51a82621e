/* preuves-changes.c — what changed in a portfolio between two versions,
 * and since the advisor's last review
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A version is summed up as a snapshot: for each row of the candidate's
 * content, its kind, uuid, revision and deletion state. Every edit bumps a
 * row's revision and a deletion keeps the row as a tombstone, so comparing
 * two snapshots row by row says exactly what was added, modified or
 * removed. The snapshot seen at the last review is kept in the
 * review_baseline table of the advisor's copy.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "preuves-changes.h"
#include "preuves-merge.h"
#include "preuves-portfolio-private.h"
#include "preuves-schema.h"

/* Kinds in the order they are listed. */
static const char * const kinds[] = {
  "preuve", "link", "attachment", "document", "criterion", NULL
};

static const char snapshot_sql[] =
  "SELECT 'preuve' AS kind, uuid, revision, deleted, title AS label FROM preuve"
  " UNION ALL SELECT 'link', l.uuid, l.revision, l.deleted,"
  "   l.sous_competence_id || coalesce (' — ' || nullif (p.title, ''), '')"
  "   FROM link l LEFT JOIN preuve p ON p.uuid = l.preuve_uuid"
  " UNION ALL SELECT 'attachment', uuid, revision, deleted, filename FROM attachment"
  " UNION ALL SELECT 'document', uuid, revision, deleted,"
  "   epreuve_id || coalesce (' — ' || filename, '') FROM written_document"
  " UNION ALL SELECT 'criterion', uuid, revision, deleted, criterion_id FROM criterion_assessment";

typedef struct
{
  char   *kind;
  char   *uuid;
  gint64  revision;
  int     deleted;
  char   *label;
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->kind);
  g_free (entry->uuid);
  g_free (entry->label);
  g_free (entry);
}

void
preuves_change_free (PreuvesChange *change)
{
  if (change == NULL)
    return;
  g_free (change->kind);
  g_free (change->uuid);
  g_free (change->label);
  g_free (change);
}

const char *
preuves_change_type_to_string (PreuvesChangeType change)
{
  static const char * const names[] = { "added", "modified", "removed" };

  g_return_val_if_fail (change < G_N_ELEMENTS (names), NULL);
  return names[change];
}

/* Snapshots ------------------------------------------------------------------ */

static GHashTable *
snapshot_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) entry_free);
}

static void
snapshot_add (GHashTable   *snapshot,
              sqlite3_stmt *stmt)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->kind = preuves_sqlite_dup_text (stmt, 0);
  entry->uuid = preuves_sqlite_dup_text (stmt, 1);
  entry->revision = sqlite3_column_int64 (stmt, 2);
  entry->deleted = sqlite3_column_int (stmt, 3);
  entry->label = preuves_sqlite_dup_text (stmt, 4);
  g_hash_table_replace (snapshot, g_strconcat (entry->kind, "/", entry->uuid, NULL), entry);
}

static GHashTable *
snapshot_read (sqlite3     *db,
               const char  *sql,
               GError     **error)
{
  g_autoptr(GHashTable) snapshot = snapshot_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      preuves_portfolio_set_sqlite_error (error, db, rc);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    snapshot_add (snapshot, stmt);
  if (rc != SQLITE_DONE)
    {
      preuves_portfolio_set_sqlite_error (error, db, rc);
      return NULL;
    }
  return g_steal_pointer (&snapshot);
}

/* Comparing ------------------------------------------------------------------- */

static gboolean
has_label (const Entry *entry)
{
  return entry->label != NULL && entry->label[0] != '\0';
}

/* A copy keeps the tombstone of a removed preuve or document but not its
 * title or file name (see preuves_portfolio_file_save_copy()): the row
 * is then named by what it was. */
static const char *
removed_label (const char *kind)
{
  if (g_str_equal (kind, "preuve"))
    return _("A removed preuve");
  if (g_str_equal (kind, "attachment"))
    return _("A removed document");
  return _("Removed content");
}

static void
add_change (GPtrArray         *changes,
            const Entry       *entry,
            PreuvesChangeType  type,
            gint64             old_revision,
            gint64             new_revision)
{
  PreuvesChange *change = g_new0 (PreuvesChange, 1);

  change->kind = g_strdup (entry->kind);
  change->uuid = g_strdup (entry->uuid);
  change->change = type;
  change->old_revision = old_revision;
  change->new_revision = new_revision;
  if (has_label (entry))
    change->label = g_strdup (entry->label);
  else
    change->label = g_strdup (type == PREUVES_CHANGE_REMOVED ? removed_label (entry->kind) : "");
  g_ptr_array_add (changes, change);
}

static guint
kind_rank (const char *kind)
{
  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_str_equal (kinds[i], kind))
      return i;
  return G_N_ELEMENTS (kinds);
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const PreuvesChange *x = *(PreuvesChange * const *) a;
  const PreuvesChange *y = *(PreuvesChange * const *) b;
  int rank = (int) kind_rank (x->kind) - (int) kind_rank (y->kind);

  if (rank != 0)
    return rank;
  if (g_strcmp0 (x->label, y->label) != 0)
    return g_utf8_collate (x->label, y->label);
  return g_strcmp0 (x->uuid, y->uuid);
}

/* A row counts as present when it is live. Labels come from the newer
 * side (a baseline keeps none), except for a removed row, whose tombstone
 * in a copy has lost its title: the older side names it when it can. */
static GPtrArray *
compare_snapshots (GHashTable *old_rows,
                   GHashTable *new_rows)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) preuves_change_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, new_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Entry *now = value;
      const Entry *before = g_hash_table_lookup (old_rows, key);
      gboolean was_live = before != NULL && before->deleted == 0;

      if (now->deleted == 0 && !was_live)
        add_change (changes, now, PREUVES_CHANGE_ADDED, 0, now->revision);
      else if (now->deleted == 0 && before->revision != now->revision)
        add_change (changes, now, PREUVES_CHANGE_MODIFIED, before->revision, now->revision);
      else if (now->deleted != 0 && was_live)
        add_change (changes, has_label (before) ? before : now,
                    PREUVES_CHANGE_REMOVED, before->revision, 0);
    }
  /* Rows gone without a tombstone (a file made by other means). */
  g_hash_table_iter_init (&iter, old_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((Entry *) value)->deleted == 0 && !g_hash_table_contains (new_rows, key))
      add_change (changes, value, PREUVES_CHANGE_REMOVED, ((Entry *) value)->revision, 0);
  g_ptr_array_sort (changes, compare_changes);
  return changes;
}

/* Between files ----------------------------------------------------------------- */

static void
delete_temporary (GFile *file)
{
  g_autoptr(GFile) dir = NULL;

  if (file == NULL)
    return;
  dir = g_file_get_parent (file);
  g_file_delete (file, NULL, NULL);
  g_file_delete (dir, NULL, NULL);
  g_object_unref (file);
}

static GHashTable *
snapshot_of_file (GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GFile *copy = preuves_merge_import_temporary (file, cancellable, error);
  sqlite3 *db = NULL;
  GHashTable *snapshot = NULL;

  if (copy == NULL)
    return NULL;
  db = preuves_portfolio_open_connection (copy, SQLITE_OPEN_READONLY, error);
  if (db != NULL)
    snapshot = snapshot_read (db, snapshot_sql, error);
  sqlite3_close (db);
  delete_temporary (copy);
  return snapshot;
}

/**
 * preuves_changes_between_files:
 *
 * Returns: (transfer full) (element-type PreuvesChange): the changes, or
 *   %NULL with @error set
 */
GPtrArray *
preuves_changes_between_files (GFile         *old_file,
                               GFile         *new_file,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GHashTable) old_rows = NULL;
  g_autoptr(GHashTable) new_rows = NULL;

  g_return_val_if_fail (G_IS_FILE (old_file), NULL);
  g_return_val_if_fail (G_IS_FILE (new_file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  old_rows = snapshot_of_file (old_file, cancellable, error);
  if (old_rows == NULL)
    return NULL;
  new_rows = snapshot_of_file (new_file, cancellable, error);
  if (new_rows == NULL)
    return NULL;
  return compare_snapshots (old_rows, new_rows);
}

/* Since the last review ------------------------------------------------------------ */

static gboolean
write_baseline (PreuvesPortfolio  *self,
                GError           **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM review_baseline;"
                                          "INSERT INTO review_baseline (kind, row_uuid, revision, deleted, seen_at)"
                                          " SELECT kind, uuid, revision, deleted, %" G_GINT64_FORMAT
                                          " FROM (%s)",
                                          preuves_portfolio_now (), snapshot_sql);

  return preuves_schema_exec (preuves_portfolio_get_db (self), sql, error);
}

gboolean
preuves_portfolio_record_review (PreuvesPortfolio  *self,
                                 GError           **error)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);

  if (!preuves_portfolio_begin (self, error))
    return FALSE;
  if (!write_baseline (self, error))
    {
      preuves_portfolio_rollback (self);
      return FALSE;
    }
  if (!preuves_portfolio_commit (self, error))
    return FALSE;
  preuves_portfolio_emit_changed (self, "review");
  return TRUE;
}

gint64
preuves_portfolio_get_last_review (PreuvesPortfolio *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), 0);

  stmt = preuves_portfolio_prepare (self, "SELECT max (seen_at) FROM review_baseline", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * preuves_portfolio_list_changes_since_review:
 *
 * Returns: (transfer full) (element-type PreuvesChange): the changes, or
 *   %NULL with @error set
 */
GPtrArray *
preuves_portfolio_list_changes_since_review (PreuvesPortfolio  *self,
                                             GError           **error)
{
  g_autoptr(GHashTable) old_rows = NULL;
  g_autoptr(GHashTable) new_rows = NULL;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);

  if (!preuves_portfolio_check_open (self, error))
    return NULL;
  old_rows = snapshot_read (preuves_portfolio_get_db (self),
                            "SELECT kind, row_uuid, revision, deleted, NULL FROM review_baseline", error);
  if (old_rows == NULL)
    return NULL;
  new_rows = snapshot_read (preuves_portfolio_get_db (self), snapshot_sql, error);
  if (new_rows == NULL)
    return NULL;
  return compare_snapshots (old_rows, new_rows);
}
