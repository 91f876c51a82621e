/* preuves-schema.c — the tables of a portfolio file and their migrations
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "preuves-portfolio-private.h"
#include "preuves-schema.h"

/* Every row a review round trip can touch carries the same bookkeeping
 * columns: a UUID (rows keep it when a portfolio is copied, sent to an
 * advisor and merged back, so a merge matches rows instead of duplicating
 * them), the author and revision of the last change (to pick the newer side
 * of a conflict) and its time in unix microseconds.
 *
 * Deletions are a `deleted` flag on the row rather than a separate
 * tombstones table: the flag keeps the row's uuid, author and revision, so
 * a merge sees who deleted what and when with the same rule as an edit, and
 * undoing a deletion is flipping the flag back with nothing to rebuild.
 * deleted = 1: the row itself was deleted. deleted = 2: it went with its
 * preuve (links, attachments), so restoring the preuve restores exactly
 * those and not the ones deleted on their own before. */
#define ROW_COLUMNS \
  "  uuid TEXT UNIQUE NOT NULL," \
  "  author TEXT," \
  "  revision INTEGER NOT NULL DEFAULT 1," \
  "  modified_at INTEGER NOT NULL," \
  "  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1, 2))"

/* Version 1. Foreign keys point at UUIDs, not rowids, so that copying rows
 * between files keeps them valid. Blobs are content-addressed and never
 * edited, so they need no bookkeeping columns: two sides of a merge that
 * hold the same document hold the same row. Large BLOBs live in rowid
 * tables (WITHOUT ROWID suits only small rows). */
static const char schema_v1[] =
  "CREATE TABLE portfolio ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  created_at INTEGER NOT NULL,"
  "  referentiel TEXT NOT NULL,"
  ROW_COLUMNS
  ") STRICT;"
  "CREATE TABLE candidate ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  name TEXT NOT NULL,"
  "  etablissement TEXT,"
  "  secteur TEXT,"
  "  path TEXT NOT NULL CHECK (path IN ('formation', 'vae')),"
  ROW_COLUMNS
  ") STRICT;"
  "CREATE TABLE preuve ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL,"
  "  situation TEXT,"
  "  date_start TEXT,"
  "  date_end TEXT,"
  "  kind TEXT NOT NULL DEFAULT 'other',"
  "  confidential INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),"
  "  created_at INTEGER NOT NULL,"
  ROW_COLUMNS
  ") STRICT;"
  "CREATE TABLE blob ("
  "  sha256 TEXT PRIMARY KEY NOT NULL CHECK (length (sha256) = 64),"
  "  size INTEGER NOT NULL CHECK (size >= 0)"
  ") STRICT;"
  "CREATE TABLE blob_chunk ("
  "  id INTEGER PRIMARY KEY,"
  "  sha256 TEXT NOT NULL REFERENCES blob (sha256) ON DELETE CASCADE,"
  "  seq INTEGER NOT NULL CHECK (seq >= 0),"
  "  data BLOB NOT NULL,"
  "  UNIQUE (sha256, seq)"
  ") STRICT;"
  /* sha256 is NULL once the bytes of a deleted attachment are purged: the
   * tombstone stays for merges, the document does not. */
  "CREATE TABLE attachment ("
  "  id INTEGER PRIMARY KEY,"
  "  preuve_uuid TEXT NOT NULL REFERENCES preuve (uuid) ON DELETE CASCADE,"
  "  filename TEXT NOT NULL,"
  "  content_type TEXT,"
  "  sha256 TEXT REFERENCES blob (sha256),"
  "  size INTEGER NOT NULL CHECK (size >= 0),"
  "  added_at INTEGER NOT NULL,"
  ROW_COLUMNS
  ") STRICT;"
  "CREATE INDEX attachment_by_preuve ON attachment (preuve_uuid);"
  "CREATE INDEX attachment_by_sha256 ON attachment (sha256);"
  "CREATE TABLE link ("
  "  id INTEGER PRIMARY KEY,"
  "  preuve_uuid TEXT NOT NULL REFERENCES preuve (uuid) ON DELETE CASCADE,"
  "  sous_competence_id TEXT NOT NULL,"
  "  justification TEXT NOT NULL DEFAULT '',"
  ROW_COLUMNS
  ") STRICT;"
  "CREATE UNIQUE INDEX link_live ON link (preuve_uuid, sous_competence_id) WHERE deleted = 0;"
  "CREATE INDEX link_by_sous_competence ON link (sous_competence_id, deleted);"
  "CREATE INDEX link_by_preuve ON link (preuve_uuid, deleted);"
  "CREATE TABLE written_document ("
  "  id INTEGER PRIMARY KEY,"
  "  epreuve_id TEXT NOT NULL,"
  "  filename TEXT,"
  "  content_type TEXT,"
  "  sha256 TEXT REFERENCES blob (sha256),"
  "  size INTEGER NOT NULL DEFAULT 0,"
  "  pages_total INTEGER,"
  "  text_layer INTEGER,"
  "  annex_start INTEGER,"
  "  annex_method TEXT,"
  "  pages_counted INTEGER,"
  "  manual_annex_start INTEGER,"
  "  check_error TEXT,"
  "  checked_sha256 TEXT,"
  ROW_COLUMNS
  ") STRICT;"
  "CREATE UNIQUE INDEX written_document_live ON written_document (epreuve_id) WHERE deleted = 0;"
  "CREATE INDEX written_document_by_sha256 ON written_document (sha256);"
  "CREATE TABLE criterion_assessment ("
  "  id INTEGER PRIMARY KEY,"
  "  criterion_id TEXT NOT NULL,"
  "  state TEXT NOT NULL CHECK (state IN ('not-yet', 'in-progress', 'met')),"
  "  note TEXT,"
  ROW_COLUMNS
  ") STRICT;"
  "CREATE UNIQUE INDEX criterion_assessment_live ON criterion_assessment (criterion_id) WHERE deleted = 0;"
  "CREATE TABLE rehearsal ("
  "  id INTEGER PRIMARY KEY,"
  "  epreuve_id TEXT NOT NULL,"
  "  presentation_seconds INTEGER NOT NULL CHECK (presentation_seconds >= 0),"
  "  exchange_seconds INTEGER NOT NULL CHECK (exchange_seconds >= 0),"
  "  recorded_at INTEGER NOT NULL,"
  "  note TEXT,"
  ROW_COLUMNS
  ") STRICT;"
  "CREATE INDEX rehearsal_by_epreuve ON rehearsal (epreuve_id, deleted);"
  "CREATE TABLE remark ("
  "  id INTEGER PRIMARY KEY,"
  "  role TEXT NOT NULL CHECK (role IN ('advisor', 'candidate')),"
  "  target_kind TEXT NOT NULL CHECK (target_kind IN"
  "    ('preuve', 'sous-competence', 'criterion', 'document', 'bloc')),"
  "  target_id TEXT,"
  "  page INTEGER,"
  "  text TEXT NOT NULL,"
  "  resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),"
  "  response TEXT,"
  "  created_at INTEGER NOT NULL,"
  ROW_COLUMNS
  ") STRICT;"
  "CREATE INDEX remark_by_target ON remark (target_kind, target_id);"
  "CREATE TABLE competence_status ("
  "  id INTEGER PRIMARY KEY,"
  "  sous_competence_id TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  ROW_COLUMNS
  ") STRICT;"
  "CREATE UNIQUE INDEX competence_status_live ON competence_status (sous_competence_id) WHERE deleted = 0;"
  "CREATE TABLE names ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  ROW_COLUMNS
  ") STRICT;";

/* Version 2: what the advisor saw at their last review (export or import
 * of a reviewed copy), so that "what changed since the last review" can be
 * shown. One row per candidate row seen, with the revision and deletion
 * state seen then, and when. Additive: a version 1 file gains an empty
 * table, meaning "never reviewed". */
static const char schema_v2[] =
  "CREATE TABLE review_baseline ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN"
  "    ('preuve', 'link', 'attachment', 'document', 'criterion')),"
  "  row_uuid TEXT NOT NULL,"
  "  revision INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL CHECK (deleted IN (0, 1, 2)),"
  "  seen_at INTEGER NOT NULL,"
  "  UNIQUE (kind, row_uuid)"
  ") STRICT;";

/* Version 3: the page check of each written document's bytes, by SHA-256,
 * so that bytes checked before (replaced, removed, added again) need no
 * new probe run, and the annex start the user set on them comes back with
 * them. Derived and local: no bookkeeping columns, never merged. A check
 * is reused only when its analysis is PREUVES_PDF_ANALYSIS_VERSION, the
 * current annex detection; a row that only holds a manual annex start has
 * analysis 0. Additive: a version 2 file gains the table with the annex
 * starts set by hand on its documents, whose pages are checked again. */
static const char schema_v3[] =
  "CREATE TABLE page_check ("
  "  sha256 TEXT PRIMARY KEY NOT NULL CHECK (length (sha256) = 64),"
  "  analysis INTEGER NOT NULL DEFAULT 0,"
  "  pages_total INTEGER,"
  "  text_layer INTEGER,"
  "  annex_start INTEGER,"
  "  annex_method TEXT,"
  "  pages_counted INTEGER,"
  "  check_error TEXT,"
  "  manual_annex_start INTEGER"
  ") STRICT;"
  "INSERT INTO page_check (sha256, manual_annex_start)"
  "  SELECT sha256, max (manual_annex_start) FROM written_document"
  "  WHERE deleted = 0 AND length (sha256) = 64 AND manual_annex_start > 0 GROUP BY sha256;";

const char * const preuves_schema_tables[] = {
  "portfolio", "candidate", "preuve", "blob", "blob_chunk", "attachment",
  "link", "written_document", "criterion_assessment", "rehearsal",
  "remark", "competence_status", "names", "review_baseline", "page_check", NULL
};

/* migrations[i] brings a file from user_version i to i + 1. Add a step at
 * the end and bump PREUVES_SCHEMA_VERSION; never edit a released step: the
 * steps up to a version are also the allow-list that files of that version
 * from someone else are held against (tests/test-portfolio.c pins them). */
static const char * const migrations[] = {
  schema_v1,
  schema_v2,
  schema_v3,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PREUVES_SCHEMA_VERSION);

gboolean
preuves_schema_exec (sqlite3     *db,
                     const char  *sql,
                     GError     **error)
{
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return preuves_portfolio_set_sqlite_error (error, db, rc);
  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      preuves_portfolio_set_sqlite_error (error, db, rc);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* The pragmas every connection on a working portfolio uses. Never WAL: a
 * -wal file left beside a copied or e-mailed portfolio loses data. */
gboolean
preuves_schema_configure (sqlite3  *db,
                          GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  sqlite3_busy_timeout (db, 5000);
  sqlite3_extended_result_codes (db, 1);
  return preuves_schema_exec (db,
                              "PRAGMA journal_mode = DELETE;"
                              "PRAGMA synchronous = FULL;"
                              "PRAGMA foreign_keys = ON;"
                              "PRAGMA secure_delete = ON;"
                              "PRAGMA trusted_schema = OFF;",
                              error);
}

/* Reads the header of an open file: refuses anything that is not a
 * portfolio, or a portfolio from a newer Preuves. */
gboolean
preuves_schema_check_header (sqlite3  *db,
                             int      *user_version,
                             GError  **error)
{
  int application_id;
  int version;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!query_int (db, "PRAGMA application_id", &application_id, error) ||
      !query_int (db, "PRAGMA user_version", &version, error))
    return FALSE;

  if ((guint32) application_id != PREUVES_APPLICATION_ID)
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR,
                           PREUVES_PORTFOLIO_ERROR_NOT_A_PORTFOLIO,
                           _("This file is not a Preuves portfolio. Choose a portfolio saved by Preuves, or ask its sender for a new copy."));
      return FALSE;
    }
  /* No Preuves writes a negative version: migrating from it would start
   * before the first step. */
  if (version < 0)
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR,
                           PREUVES_PORTFOLIO_ERROR_DAMAGED,
                           _("This portfolio is damaged: its version number is not valid. Open a backup copy instead."));
      return FALSE;
    }
  if (version > PREUVES_SCHEMA_VERSION)
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR,
                           PREUVES_PORTFOLIO_ERROR_TOO_NEW,
                           _("This portfolio was saved by a newer version of Preuves. Update Preuves to open it."));
      return FALSE;
    }
  if (user_version != NULL)
    *user_version = version;
  return TRUE;
}

/* Runs the steps that bring a file from user_version @from to @to. */
static gboolean
run_migrations (sqlite3  *db,
                int       from,
                int       to,
                GError  **error)
{
  g_autofree char *set_version = NULL;

  g_assert (0 <= from && from <= to && to <= PREUVES_SCHEMA_VERSION);

  for (int v = from; v < to; v++)
    if (!preuves_schema_exec (db, migrations[v], error))
      return FALSE;

  set_version = g_strdup_printf ("PRAGMA user_version = %d", to);
  return preuves_schema_exec (db, set_version, error);
}

/**
 * preuves_schema_upgrade:
 *
 * Brings a portfolio of user_version @from_version to
 * PREUVES_SCHEMA_VERSION inside the caller's transaction, so that the
 * caller decides what else commits with it: nothing for the user's own
 * file, the copied rows for a file from someone else.
 */
gboolean
preuves_schema_upgrade (sqlite3  *db,
                        int       from_version,
                        GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (0 <= from_version && from_version <= PREUVES_SCHEMA_VERSION, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (db), FALSE);

  if (from_version == PREUVES_SCHEMA_VERSION)
    return TRUE;
  return run_migrations (db, from_version, PREUVES_SCHEMA_VERSION, error);
}

/* Brings an open portfolio to PREUVES_SCHEMA_VERSION, all steps in one
 * transaction: with the rollback journal and synchronous = FULL, a crash
 * or a power cut in the middle leaves the file as it was, and the next
 * open rolls the journal back and migrates again. */
gboolean
preuves_schema_migrate (sqlite3  *db,
                        GError  **error)
{
  int version;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!preuves_schema_check_header (db, &version, error))
    return FALSE;
  if (version == PREUVES_SCHEMA_VERSION)
    return TRUE;

  if (!preuves_schema_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* Read again under the write lock: another connection (the library
   * listing its folder, a merge) may have migrated the file meanwhile,
   * and running its steps twice would fail. */
  if (!preuves_schema_check_header (db, &version, error) ||
      !preuves_schema_upgrade (db, version, error) ||
      !preuves_schema_exec (db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/**
 * preuves_schema_create_version:
 *
 * Makes an empty database a portfolio with no rows, exactly as the
 * Preuves that wrote schema @version made it: pragmas, page size,
 * application id, the tables of the steps up to @version, that
 * user_version. The import copies a file from someone else into such a
 * fresh file of the file's own version before migrating it.
 */
gboolean
preuves_schema_create_version (sqlite3  *db,
                               int       version,
                               GError  **error)
{
  g_autofree char *page_size = NULL;
  g_autofree char *application_id = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (0 <= version && version <= PREUVES_SCHEMA_VERSION, FALSE);

  /* The page size only takes effect before the first table is written. */
  page_size = g_strdup_printf ("PRAGMA page_size = %d", PREUVES_SCHEMA_PAGE_SIZE);
  application_id = g_strdup_printf ("PRAGMA application_id = %d", (gint32) PREUVES_APPLICATION_ID);
  if (!preuves_schema_configure (db, error) ||
      !preuves_schema_exec (db, page_size, error) ||
      !preuves_schema_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!preuves_schema_exec (db, application_id, error) ||
      !run_migrations (db, 0, version, error) ||
      !preuves_schema_exec (db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Makes an empty database a portfolio of the current version. */
gboolean
preuves_schema_create (sqlite3  *db,
                       GError  **error)
{
  return preuves_schema_create_version (db, PREUVES_SCHEMA_VERSION, error);
}
