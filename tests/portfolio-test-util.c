/* portfolio-test-util.c — small helpers shared by the portfolio tests
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "portfolio-test-util.h"

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
