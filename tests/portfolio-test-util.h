/* portfolio-test-util.h — small helpers shared by the portfolio tests
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Removes @dir and everything below it. */
void    preuves_test_remove_dir        (const char *dir);
/* The first column of the first row of @sql, which must return one. */
gint64  preuves_test_query_int         (sqlite3    *db,
                                        const char *sql);
char   *preuves_test_query_text        (sqlite3    *db,
                                        const char *sql);
void    preuves_test_assert_same_files (const char *a,
                                        const char *b);
/* Whether the bytes of @marker stand anywhere in the file at @path. */
gboolean preuves_test_file_contains    (const char *path,
                                        const char *marker);
/* Writes at @v1_path a new portfolio of schema version 1, made as the
 * first Preuves made them, holding every row of @source (a current
 * portfolio) that version 1 has a table for. Returns how many tables of
 * version 1 have no row. */
guint   preuves_test_write_v1_portfolio (const char *source,
                                         const char *v1_path);

G_END_DECLS
