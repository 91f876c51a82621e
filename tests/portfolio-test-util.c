/* portfolio-test-util.c — small helpers shared by the portfolio tests
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "portfolio-test-util.h"
#include "preuves-schema.h"

void
preuves_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        preuves_test_remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static sqlite3_stmt *
step_one_row (sqlite3    *db,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stmt;
}

gint64
preuves_test_query_int (sqlite3    *db,
                        const char *sql)
{
  sqlite3_stmt *stmt = step_one_row (db, sql);
  gint64 value = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  return value;
}

char *
preuves_test_query_text (sqlite3    *db,
                         const char *sql)
{
  sqlite3_stmt *stmt = step_one_row (db, sql);
  char *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  return value;
}

void
preuves_test_assert_same_files (const char *a,
                                const char *b)
{
  g_autofree char *contents_a = NULL;
  g_autofree char *contents_b = NULL;
  gsize length_a, length_b;

  g_assert_true (g_file_get_contents (a, &contents_a, &length_a, NULL));
  g_assert_true (g_file_get_contents (b, &contents_b, &length_b, NULL));
  g_assert_cmpmem (contents_a, length_a, contents_b, length_b);
}

gboolean
preuves_test_file_contains (const char *path,
                            const char *marker)
{
  g_autofree char *contents = NULL;
  gsize length, marker_length = strlen (marker);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* The file holds NUL bytes: compare bytes, not strings. */
  for (gsize i = 0; i + marker_length <= length; i++)
    if (contents[i] == marker[0] && memcmp (contents + i, marker, marker_length) == 0)
      return TRUE;
  return FALSE;
}

/* "INSERT INTO t (columns) SELECT columns FROM current.t" for the columns
 * version 1 gave @table (one of ours: no quote to escape in its name). */
static char *
copy_into_v1_sql (sqlite3    *db,
                  const char *table)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *columns = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT group_concat ('\"' || name || '\"', ', ')"
                                       " FROM pragma_table_xinfo (?1, 'main')", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  columns = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_strdup_printf ("INSERT INTO main.\"%s\" (%s) SELECT %s FROM current.\"%s\"",
                          table, columns, columns, table);
}

static void
attach_as_current (sqlite3    *db,
                   const char *path)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "ATTACH ?1 AS current", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

guint
preuves_test_write_v1_portfolio (const char *source,
                                 const char *v1_path)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;
  guint n_empty = 0;

  g_assert_false (g_file_test (v1_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sqlite3_open (v1_path, &db), ==, SQLITE_OK);
  g_assert_true (preuves_schema_create_version (db, 1, &error));
  g_assert_no_error (error);
  attach_as_current (db, source);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM main.sqlite_schema WHERE type = 'table'",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = copy_into_v1_sql (db, (const char *) sqlite3_column_text (tables, 0));

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      if (sqlite3_changes (db) == 0)
        n_empty++;
    }
  sqlite3_finalize (tables);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT; DETACH current", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (preuves_test_query_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return n_empty;
}
