/* preuves-schema.h — the tables of a portfolio file and their migrations
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Written to the SQLite header (PRAGMA application_id) so that `file` and
 * the MIME database recognise a portfolio: "PrUv" in ASCII. */
#define PREUVES_APPLICATION_ID 0x50725576

/* PRAGMA user_version of a portfolio written by this version of Preuves.
 * Older files are migrated forward on open; newer ones are refused. */
#define PREUVES_SCHEMA_VERSION 3

/* The oldest user_version a released Preuves wrote: a file from someone
 * else may have any version from this one to PREUVES_SCHEMA_VERSION. */
#define PREUVES_SCHEMA_VERSION_OLDEST 1

/* Page size of new files. It can only be chosen before the first table. */
#define PREUVES_SCHEMA_PAGE_SIZE 8192

/* Names of every table a portfolio of this version holds, NULL-terminated. */
extern const char * const preuves_schema_tables[];

gboolean preuves_schema_configure   (sqlite3  *db,
                                     GError  **error);
gboolean preuves_schema_create      (sqlite3  *db,
                                     GError  **error);
gboolean preuves_schema_create_version (sqlite3  *db,
                                        int       version,
                                        GError  **error);
gboolean preuves_schema_migrate     (sqlite3  *db,
                                     GError  **error);
gboolean preuves_schema_upgrade     (sqlite3  *db,
                                     int       from_version,
                                     GError  **error);
gboolean preuves_schema_check_header (sqlite3  *db,
                                     int      *user_version,
                                     GError  **error);
gboolean preuves_schema_exec        (sqlite3     *db,
                                     const char  *sql,
                                     GError     **error);

G_END_DECLS
