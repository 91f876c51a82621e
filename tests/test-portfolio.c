/* test-portfolio.c — the portfolio file, its preuves and links
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libglib-testing/signal-logger.h>
#include <sqlite3.h>
#include <string.h>

#include "portfolio-test-util.h"
#include "preuves-assessment.h"
#include "preuves-merge.h"
#include "preuves-portfolio-file.h"
#include "preuves-portfolio-private.h"
#include "preuves-schema.h"

typedef struct
{
  char  *dir;
  char  *path;
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-portfolio-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "candidate.preuves", NULL);
  fixture->file = g_file_new_for_path (fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  preuves_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_object_unref (fixture->file);
}

static PreuvesPortfolio *
create_portfolio (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  PreuvesPortfolio *portfolio;

  portfolio = preuves_portfolio_create (fixture->file, "Camille Martin", PREUVES_PATH_VAE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  preuves_portfolio_set_author (portfolio, "Camille");
  return portfolio;
}

static PreuvesPortfolio *
reopen (Fixture          *fixture,
        PreuvesPortfolio *portfolio)
{
  g_autoptr(GError) error = NULL;
  PreuvesPortfolio *reopened;

  preuves_portfolio_close (portfolio);
  g_assert_finalize_object (portfolio);
  reopened = preuves_portfolio_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reopened);
  return reopened;
}

/* Creating, closing, reopening ---------------------------------------------- */

static void
test_create_reopen (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  PreuvesPortfolio *portfolio = create_portfolio (fixture);
  g_autofree char *uuid = g_strdup (preuves_portfolio_get_uuid (portfolio));
  g_autofree char *preuve_uuid = NULL;
  PreuvesPreuve *preuve;

  g_assert_true (g_uuid_string_is_valid (uuid));
  g_assert_cmpstr (preuves_portfolio_get_candidate_name (portfolio), ==, "Camille Martin");
  g_assert_cmpint (preuves_portfolio_get_path (portfolio), ==, PREUVES_PATH_VAE);
  g_assert_true (preuves_portfolio_set_etablissement (portfolio, "Lycée Jean Moulin", &error));
  g_assert_no_error (error);
  g_assert_true (preuves_portfolio_set_secteur (portfolio, "Enseignement secondaire", &error));
  g_assert_true (preuves_portfolio_set_path (portfolio, PREUVES_PATH_FORMATION, &error));

  preuve = preuves_portfolio_add_preuve (portfolio, "Plan de formation 2025", &error);
  g_assert_no_error (error);
  preuve_uuid = g_strdup (preuves_preuve_get_uuid (preuve));
  g_assert_true (preuves_preuve_set_situation (preuve, "Réorganisation du pôle", &error));
  g_assert_true (preuves_preuve_set_date_start (preuve, "2025-01-06", &error));
  g_assert_true (preuves_preuve_set_date_end (preuve, "2025-06-30", &error));
  g_assert_true (preuves_preuve_set_kind (preuve, PREUVES_PREUVE_KIND_PLAN, &error));
  g_assert_true (preuves_preuve_set_confidential (preuve, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (preuves_preuve_get_revision (preuve), ==, 6);

  portfolio = reopen (fixture, portfolio);
  g_assert_cmpstr (preuves_portfolio_get_uuid (portfolio), ==, uuid);
  g_assert_cmpstr (preuves_portfolio_get_etablissement (portfolio), ==, "Lycée Jean Moulin");
  g_assert_cmpstr (preuves_portfolio_get_secteur (portfolio), ==, "Enseignement secondaire");
  g_assert_cmpint (preuves_portfolio_get_path (portfolio), ==, PREUVES_PATH_FORMATION);
  g_assert_cmpuint (g_list_model_get_n_items (preuves_portfolio_get_preuves (portfolio)), ==, 1);

  preuve = preuves_portfolio_find_preuve (portfolio, preuve_uuid);
  g_assert_nonnull (preuve);
  g_assert_cmpstr (preuves_preuve_get_title (preuve), ==, "Plan de formation 2025");
  g_assert_cmpstr (preuves_preuve_get_situation (preuve), ==, "Réorganisation du pôle");
  g_assert_cmpstr (preuves_preuve_get_date_start (preuve), ==, "2025-01-06");
  g_assert_cmpstr (preuves_preuve_get_date_end (preuve), ==, "2025-06-30");
  g_assert_cmpstr (preuves_preuve_get_kind (preuve), ==, "plan");
  g_assert_true (preuves_preuve_get_confidential (preuve));
  g_assert_cmpstr (preuves_preuve_get_author (preuve), ==, "Camille");
  g_assert_cmpint (preuves_preuve_get_revision (preuve), ==, 6);
  g_assert_cmpint (preuves_preuve_get_modified_at (preuve), >, 0);

  preuves_portfolio_close (portfolio);
  g_assert_true (preuves_portfolio_is_closed (portfolio));
  g_assert_false (preuves_preuve_set_title (preuve, "after close", &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_CLOSED);
  g_assert_finalize_object (portfolio);
}

static void
test_create_refuses_overwrite (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  PreuvesPortfolio *portfolio;

  g_assert_true (g_file_set_contents (fixture->path, "someone's notes", -1, &error));
  g_assert_true (g_file_get_contents (fixture->path, &before, &before_length, NULL));

  portfolio = preuves_portfolio_create (fixture->file, "X", PREUVES_PATH_VAE, &error);
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_EXISTS);
  g_assert_null (portfolio);

  g_assert_true (g_file_get_contents (fixture->path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

/* Creating writes a temporary file first: nothing but the portfolio is
 * left, and a failure leaves nothing. The file is private to the user. */
static void
test_create_leaves_nothing_else (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "p.preuves", NULL);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(PreuvesPortfolio) failed = NULL;
  PreuvesPortfolio *portfolio = create_portfolio (fixture);
  GStatBuf st;

  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  preuves_portfolio_close (portfolio);
  g_assert_finalize_object (portfolio);

  failed = preuves_portfolio_create (missing_file, "X", PREUVES_PATH_VAE, &error);
  g_assert_null (failed);
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_IO);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

static void
test_pragmas (Fixture       *fixture,
              gconstpointer  user_data)
{
  PreuvesPortfolio *portfolio = create_portfolio (fixture);
  sqlite3 *db = preuves_portfolio_get_db (portfolio);
  g_autofree char *journal_mode = preuves_test_query_text (db, "PRAGMA journal_mode");
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  sqlite3 *raw = NULL;

  g_assert_cmpstr (journal_mode, ==, "delete");
  g_assert_cmpint (preuves_test_query_int (db, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (preuves_test_query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (preuves_test_query_int (db, "PRAGMA secure_delete"), ==, 1);
  g_assert_cmpint (preuves_test_query_int (db, "PRAGMA page_size"), ==, 8192);
  g_assert_cmpint (preuves_test_query_int (db, "PRAGMA application_id"), ==, PREUVES_APPLICATION_ID);
  g_assert_cmpint (preuves_test_query_int (db, "PRAGMA user_version"), ==, PREUVES_SCHEMA_VERSION);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* What is in the file header, seen by another program. */
  preuves_portfolio_close (portfolio);
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (preuves_test_query_int (raw, "PRAGMA application_id"), ==, PREUVES_APPLICATION_ID);
  g_assert_cmpint (preuves_test_query_int (raw, "PRAGMA user_version"), ==, PREUVES_SCHEMA_VERSION);
  g_assert_cmpint (preuves_test_query_int (raw, "PRAGMA page_size"), ==, 8192);
  for (guint i = 0; preuves_schema_tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                                              " AND name = '%s'", preuves_schema_tables[i]);

      g_assert_cmpint (preuves_test_query_int (raw, sql), ==, 1);
    }
  sqlite3_close (raw);
  g_assert_finalize_object (portfolio);
}

/* A file of an older version, made by hand: the application id of a
 * portfolio and user_version 0. Migrating brings every table and the
 * current version; migrating a current file writes nothing. */
static void
test_migrate_forward (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d;"
                                          "CREATE TABLE kept (x INTEGER); INSERT INTO kept VALUES (42);",
                                          PREUVES_APPLICATION_ID);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (preuves_test_query_int (db, "PRAGMA user_version"), ==, 0);

  g_assert_true (preuves_schema_migrate (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (preuves_test_query_int (db, "PRAGMA user_version"), ==, PREUVES_SCHEMA_VERSION);
  g_assert_cmpint (preuves_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'preuve'"), ==, 1);
  g_assert_cmpint (preuves_test_query_int (db, "SELECT x FROM kept"), ==, 42);
  sqlite3_close (db);

  g_assert_true (g_file_get_contents (fixture->path, &before, &before_length, NULL));
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_true (preuves_schema_migrate (db, &error));
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (fixture->path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
}

/* Another connection (the library listing its folder, say) migrates the
 * file while this one waits for the write lock to migrate it too: the
 * version is read again under the lock, so the steps do not run twice. */
typedef struct
{
  sqlite3  *other;
  gboolean  other_migrated;
} MigrationRace;

static int
other_migrates_cb (void *data,
                   int   n_calls)
{
  MigrationRace *race = data;
  g_autoptr(GError) error = NULL;

  if (!race->other_migrated)
    {
      g_assert_cmpint (sqlite3_exec (race->other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_true (preuves_schema_migrate (race->other, &error));
      g_assert_no_error (error);
      race->other_migrated = TRUE;
    }
  return 1;
}

static void
test_migrate_concurrently (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  MigrationRace race = { NULL, FALSE };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_true (preuves_schema_create_version (db, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (fixture->path, &race.other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (race.other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_busy_handler (db, other_migrates_cb, &race);

  g_assert_true (preuves_schema_migrate (db, &error));
  g_assert_no_error (error);
  g_assert_true (race.other_migrated);
  g_assert_cmpint (preuves_test_query_int (db, "PRAGMA user_version"), ==, PREUVES_SCHEMA_VERSION);
  g_assert_cmpint (preuves_test_query_int (db, "SELECT count(*) FROM review_baseline"), ==, 0);
  sqlite3_close (race.other);
  sqlite3_close (db);
}

/* The steps up to each version are also the allow-list for files of that
 * version from someone else: a released step edited in place would refuse
 * every file it once wrote. The fingerprints are those of the schemas as
 * released (version 1 in the first portfolio file, version 2 with the
 * review baseline, version 3 with the page checks kept by content); a new
 * version adds its own line. */
static void
test_released_schemas (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const char * const released[] = {
    "e1bda079180849f812c4df41c9c794cb0dee7fd31911c42fe9a8187eac32e79b",
    "39731d76eb2445e71ad758131e88538be468ba1f5ee9c1f13f7ec2cb57026815",
    "a772b258ef8cc7079aa4e808c4501c1821eab4f9f6173ac2df52c3cfb9b7c471",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (released) == PREUVES_SCHEMA_VERSION);

  for (int version = 1; version <= PREUVES_SCHEMA_VERSION; version++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *schema = NULL;
      g_autofree char *fingerprint = NULL;
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
      g_assert_true (preuves_schema_create_version (db, version, &error));
      g_assert_no_error (error);
      g_assert_cmpint (preuves_test_query_int (db, "PRAGMA user_version"), ==, version);
      schema = preuves_test_query_text (db, "SELECT group_concat (type || ' ' || name || ' ' || ifnull (sql, ''), char (10))"
                                            " FROM (SELECT * FROM sqlite_schema ORDER BY type, name)");
      fingerprint = g_compute_checksum_for_string (G_CHECKSUM_SHA256, schema, -1);
      g_assert_cmpstr (fingerprint, ==, released[version - 1]);
      sqlite3_close (db);
    }
}

/* Files that must be refused, and left as they were. */
static void
write_other_sqlite (const char *path,
                    const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_refused (Fixture *fixture,
                int      code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *journal = g_strconcat (fixture->path, "-journal", NULL);
  gsize before_length, after_length;

  g_assert_true (g_file_get_contents (fixture->path, &before, &before_length, NULL));
  portfolio = preuves_portfolio_open (fixture->file, &error);
  g_assert_null (portfolio);
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), >, 20);

  g_assert_true (g_file_get_contents (fixture->path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
test_refuse_other_application (Fixture       *fixture,
                               gconstpointer  user_data)
{
  write_other_sqlite (fixture->path, "PRAGMA application_id = 1234;"
                                     "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hi');");
  assert_refused (fixture, PREUVES_PORTFOLIO_ERROR_NOT_A_PORTFOLIO);
}

static void
test_refuse_future_version (Fixture       *fixture,
                            gconstpointer  user_data)
{
  PreuvesPortfolio *portfolio = create_portfolio (fixture);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", PREUVES_SCHEMA_VERSION + 1);

  preuves_portfolio_close (portfolio);
  g_assert_finalize_object (portfolio);
  write_other_sqlite (fixture->path, sql);
  assert_refused (fixture, PREUVES_PORTFOLIO_ERROR_TOO_NEW);
}

static void
test_refuse_random_bytes (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint8 bytes[16384];

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (fixture->path, (const char *) bytes, sizeof bytes, NULL));
  assert_refused (fixture, PREUVES_PORTFOLIO_ERROR_NOT_A_PORTFOLIO);
}

static void
test_refuse_empty_file (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));
  assert_refused (fixture, PREUVES_PORTFOLIO_ERROR_NOT_A_PORTFOLIO);
}

static void
test_refuse_missing_file (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = preuves_portfolio_open (fixture->file, &error);

  g_assert_null (portfolio);
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_IO);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

/* SQLite's errors become errors that say what to do. */
static void
test_sqlite_errors (void)
{
  const struct { int rc; int code; } cases[] = {
    { SQLITE_NOTADB, PREUVES_PORTFOLIO_ERROR_NOT_A_PORTFOLIO },
    { SQLITE_CORRUPT, PREUVES_PORTFOLIO_ERROR_DAMAGED },
    { SQLITE_FULL, PREUVES_PORTFOLIO_ERROR_FULL },
    { SQLITE_CANTOPEN, PREUVES_PORTFOLIO_ERROR_IO },
    { SQLITE_READONLY, PREUVES_PORTFOLIO_ERROR_READ_ONLY },
    { SQLITE_READONLY_DBMOVED, PREUVES_PORTFOLIO_ERROR_READ_ONLY },
    { SQLITE_BUSY, PREUVES_PORTFOLIO_ERROR_BUSY },
    { SQLITE_IOERR_FSYNC, PREUVES_PORTFOLIO_ERROR_IO },
    { SQLITE_CONSTRAINT_UNIQUE, PREUVES_PORTFOLIO_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (preuves_portfolio_set_sqlite_error (&error, NULL, cases[i].rc));
      g_assert_error (error, PREUVES_PORTFOLIO_ERROR, cases[i].code);
      g_assert_cmpuint (strlen (error->message), >, 20);
    }
}

/* Models and signals ------------------------------------------------------------ */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names of the properties notified on @object, sorted: GObject does not
 * promise an order for notifications held back by g_object_set(). */
static char *
pop_notified (GtSignalLogger *logger,
              gpointer        object)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  while (gt_signal_logger_get_n_emissions (logger) > 0)
    {
      g_autoptr(GtSignalLoggerEmission) emission = NULL;
      g_autofree char *type_name = NULL;
      g_autofree char *signal_name = NULL;
      GParamSpec *pspec = NULL;
      gpointer emitter = NULL;

      g_assert_true (gt_signal_logger_pop_emission (logger, &emitter, &type_name, &signal_name, &emission));
      g_assert_true (emitter == object);
      g_assert_cmpstr (signal_name, ==, "notify");
      gt_signal_logger_emission_get_params (emission, &pspec);
      g_ptr_array_add (names, (gpointer) g_param_spec_get_name (pspec));
      g_param_spec_unref (pspec);
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_model_signals (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(PreuvesPortfolio) portfolio = create_portfolio (fixture);
  GListModel *preuves = preuves_portfolio_get_preuves (portfolio);
  PreuvesPreuve *first, *second;
  g_autoptr(PreuvesLink) link = NULL;
  g_autofree char *what_preuves = NULL;
  g_autofree char *what_links = NULL;
  g_autofree char *notified = NULL;
  guint position, removed, added;

  gt_signal_logger_connect (logger, preuves, "items-changed");
  first = preuves_portfolio_add_preuve (portfolio, "Compte rendu du CA", &error);
  second = preuves_portfolio_add_preuve (portfolio, "Budget 2025", &error);
  g_assert_no_error (error);
  gt_signal_logger_assert_emission_pop (logger, preuves, "items-changed", &position, &removed, &added);
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (added, ==, 1);
  gt_signal_logger_assert_emission_pop (logger, preuves, "items-changed", &position, &removed, &added);
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpuint (removed, ==, 0);
  gt_signal_logger_assert_no_emissions (logger);

  g_assert_true (preuves_portfolio_remove_preuve (portfolio, first, &error));
  gt_signal_logger_assert_emission_pop (logger, preuves, "items-changed", &position, &removed, &added);
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (added, ==, 0);
  g_assert_true (g_list_model_get_object (preuves, 0) == G_OBJECT (second));
  g_object_unref (second);

  g_assert_true (preuves_portfolio_restore_preuve (portfolio, first, &error));
  g_assert_no_error (error);
  gt_signal_logger_assert_emission_pop (logger, preuves, "items-changed", &position, &removed, &added);
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (added, ==, 1);
  gt_signal_logger_assert_no_emissions (logger);

  /* A property set writes through and notifies it, with the bookkeeping. */
  gt_signal_logger_connect (logger, second, "notify");
  gt_signal_logger_connect (logger, portfolio, "changed");
  /* g_object_set() holds notify back until it returns, so the portfolio's
   * "changed" comes first. */
  g_object_set (second, "title", "Budget prévisionnel 2025", NULL);
  g_assert_cmpstr (preuves_preuve_get_title (second), ==, "Budget prévisionnel 2025");
  gt_signal_logger_assert_emission_pop (logger, portfolio, "changed", &what_preuves);
  g_assert_cmpstr (what_preuves, ==, "preuves");
  notified = pop_notified (logger, second);
  g_assert_cmpstr (notified, ==, "author modified-at revision title");
  gt_signal_logger_assert_no_emissions (logger);

  /* Setting the same value again is not a change. */
  g_object_set (second, "title", "Budget prévisionnel 2025", NULL);
  gt_signal_logger_assert_no_emissions (logger);

  link = preuves_portfolio_link (portfolio, second, "C1-1.1", "Le budget que j'ai construit", &error);
  g_assert_no_error (error);
  gt_signal_logger_assert_emission_pop (logger, portfolio, "changed", &what_links);
  g_assert_cmpstr (what_links, ==, "links");
  gt_signal_logger_assert_no_emissions (logger);
}

/* Links ----------------------------------------------------------------------- */

static guint
count_for (GHashTable *counts,
           const char *id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, id));
}

static void
test_links (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  PreuvesPortfolio *portfolio = create_portfolio (fixture);
  PreuvesPreuve *plan = preuves_portfolio_add_preuve (portfolio, "Plan", &error);
  PreuvesPreuve *budget = preuves_portfolio_add_preuve (portfolio, "Budget", &error);
  g_autoptr(PreuvesLink) link = NULL;
  g_autoptr(PreuvesLink) again = NULL;
  g_autoptr(GListModel) for_preuve = NULL;
  g_autoptr(GListModel) for_competence = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(PreuvesLink) first = NULL;
  g_autofree char *plan_uuid = g_strdup (preuves_preuve_get_uuid (plan));

  link = preuves_portfolio_link (portfolio, plan, "C1-1.3", "J'ai conduit le diagnostic", &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (preuves_link_get_uuid (link)));
  g_assert_cmpstr (preuves_link_get_preuve_uuid (link), ==, plan_uuid);
  g_assert_cmpstr (preuves_link_get_justification (link), ==, "J'ai conduit le diagnostic");
  g_assert_cmpstr (preuves_link_get_author (link), ==, "Camille");
  g_clear_object (&link);
  link = preuves_portfolio_link (portfolio, plan, "C1-2b.6", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&link);
  link = preuves_portfolio_link (portfolio, budget, "C1-1.3", "Budget du projet", &error);
  g_assert_no_error (error);

  /* The same pair twice is refused; an empty id too. */
  again = preuves_portfolio_link (portfolio, plan, "C1-1.3", "encore", &error);
  g_assert_null (again);
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID);
  g_clear_error (&error);
  again = preuves_portfolio_link (portfolio, plan, "", "vide", &error);
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID);
  g_clear_error (&error);

  counts = preuves_portfolio_count_links_by_sous_competence (portfolio);
  g_assert_cmpuint (count_for (counts, "C1-1.3"), ==, 2);
  g_assert_cmpuint (count_for (counts, "C1-2b.6"), ==, 1);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 2);
  g_clear_pointer (&counts, g_hash_table_unref);

  g_assert_true (preuves_portfolio_set_justification (portfolio, plan, "C1-2b.6",
                                                      "Procédure rédigée avec l'équipe", &error));
  g_assert_no_error (error);
  g_assert_true (preuves_portfolio_unlink (portfolio, budget, "C1-1.3", &error));
  g_assert_no_error (error);
  g_assert_false (preuves_portfolio_unlink (portfolio, budget, "C1-1.3", &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Linking again after an unlink is allowed: the tombstone stays. */
  g_clear_object (&link);
  link = preuves_portfolio_link (portfolio, budget, "C1-1.3", "Second essai", &error);
  g_assert_no_error (error);
  g_assert_true (preuves_portfolio_unlink (portfolio, budget, "C1-1.3", &error));
  g_assert_cmpint (preuves_test_query_int (preuves_portfolio_get_db (portfolio),
                              "SELECT count(*) FROM link WHERE deleted = 1"), ==, 2);

  portfolio = reopen (fixture, portfolio);
  plan = preuves_portfolio_find_preuve (portfolio, plan_uuid);
  for_preuve = preuves_portfolio_list_links_for_preuve (portfolio, plan);
  g_assert_cmpuint (g_list_model_get_n_items (for_preuve), ==, 2);
  first = g_list_model_get_item (for_preuve, 1);
  g_assert_cmpstr (preuves_link_get_sous_competence_id (first), ==, "C1-2b.6");
  g_assert_cmpstr (preuves_link_get_justification (first), ==, "Procédure rédigée avec l'équipe");
  g_assert_cmpint (preuves_link_get_revision (first), ==, 2);
  for_competence = preuves_portfolio_list_links_for_sous_competence (portfolio, "C1-1.3");
  g_assert_cmpuint (g_list_model_get_n_items (for_competence), ==, 1);
  counts = preuves_portfolio_count_links_by_sous_competence (portfolio);
  g_assert_cmpuint (count_for (counts, "C1-1.3"), ==, 1);

  preuves_portfolio_close (portfolio);
  g_clear_object (&for_preuve);
  g_clear_object (&for_competence);
  g_clear_object (&first);
  g_assert_finalize_object (portfolio);
}

/* Removing a preuve tombstones it with its links; restoring brings back
 * those links and not one unlinked before. */
static void
test_remove_restore (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  PreuvesPortfolio *portfolio = create_portfolio (fixture);
  PreuvesPreuve *preuve = preuves_portfolio_add_preuve (portfolio, "Charte", &error);
  g_autofree char *uuid = g_strdup (preuves_preuve_get_uuid (preuve));
  g_autoptr(PreuvesLink) a = preuves_portfolio_link (portfolio, preuve, "C2-1.1", "a", &error);
  g_autoptr(PreuvesLink) b = preuves_portfolio_link (portfolio, preuve, "C2-1.2", "b", &error);
  g_autoptr(GHashTable) counts = NULL;
  sqlite3 *db = preuves_portfolio_get_db (portfolio);

  g_assert_no_error (error);
  g_assert_true (preuves_portfolio_unlink (portfolio, preuve, "C2-1.2", &error));
  g_assert_true (preuves_portfolio_remove_preuve (portfolio, preuve, &error));
  g_assert_no_error (error);
  g_assert_true (preuves_preuve_get_deleted (preuve));
  g_assert_null (preuves_portfolio_find_preuve (portfolio, uuid));
  counts = preuves_portfolio_count_links_by_sous_competence (portfolio);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 0);
  g_clear_pointer (&counts, g_hash_table_unref);
  g_assert_cmpint (preuves_test_query_int (db, "SELECT count(*) FROM preuve WHERE deleted = 1"), ==, 1);

  /* Removing twice is an error, not a crash. */
  g_assert_false (preuves_portfolio_remove_preuve (portfolio, preuve, &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (preuves_portfolio_restore_preuve (portfolio, preuve, &error));
  g_assert_no_error (error);
  g_assert_true (preuves_portfolio_find_preuve (portfolio, uuid) == preuve);
  counts = preuves_portfolio_count_links_by_sous_competence (portfolio);
  g_assert_cmpuint (count_for (counts, "C2-1.1"), ==, 1);
  g_assert_cmpuint (count_for (counts, "C2-1.2"), ==, 0);
  g_clear_pointer (&counts, g_hash_table_unref);

  /* A removed preuve stays removed in the file. */
  g_assert_true (preuves_portfolio_remove_preuve (portfolio, preuve, &error));
  portfolio = reopen (fixture, portfolio);
  g_assert_cmpuint (g_list_model_get_n_items (preuves_portfolio_get_preuves (portfolio)), ==, 0);
  g_assert_null (preuves_portfolio_find_preuve (portfolio, uuid));
  preuves_portfolio_close (portfolio);
  g_assert_finalize_object (portfolio);
}

static void
test_invalid_values (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = create_portfolio (fixture);
  PreuvesPreuve *preuve = preuves_portfolio_add_preuve (portfolio, "Note", &error);
  const char * const bad_dates[] = { "2025-02-30", "25-01-01", "2025-1-1", "2025-01-01x", "hier", NULL };

  for (guint i = 0; bad_dates[i] != NULL; i++)
    {
      g_assert_false (preuves_preuve_set_date_start (preuve, bad_dates[i], &error));
      g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_null (preuves_preuve_get_date_start (preuve));
  g_assert_true (preuves_preuve_set_date_start (preuve, "2024-02-29", &error));
  g_assert_true (preuves_preuve_set_date_start (preuve, "", &error));
  g_assert_null (preuves_preuve_get_date_start (preuve));

  g_assert_false (preuves_preuve_set_kind (preuve, "poem", &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID);
  g_assert_cmpstr (preuves_preuve_get_kind (preuve), ==, "other");
}

/* A period never ends before it starts, whichever date is changed; one
 * that ends on the day it starts is that day alone. */
static void
test_period (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(PreuvesPortfolio) portfolio = create_portfolio (fixture);
  PreuvesPreuve *preuve = preuves_portfolio_add_preuve (portfolio, "Stage", NULL);
  g_autoptr(GError) error = NULL;
  gint64 revision;

  g_assert_true (preuves_preuve_set_period (preuve, "2025-03-01", "2025-03-31", &error));
  revision = preuves_preuve_get_revision (preuve);

  g_assert_false (preuves_preuve_set_date_end (preuve, "2025-02-28", &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The period ends on 2025-02-28, before it starts on 2025-03-01. Swap the two dates.");
  g_clear_error (&error);
  g_assert_false (preuves_preuve_set_date_start (preuve, "2025-04-01", &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (preuves_preuve_set_period (preuve, "2025-03-31", "2025-03-01", &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (preuves_period_check ("2025-03-01", "2025-02-30", &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (preuves_preuve_get_date_start (preuve), ==, "2025-03-01");
  g_assert_cmpstr (preuves_preuve_get_date_end (preuve), ==, "2025-03-31");
  g_assert_cmpint (preuves_preuve_get_revision (preuve), ==, revision);

  /* A period moved past its old end goes in one write. */
  g_assert_true (preuves_preuve_set_period (preuve, "2025-04-01", "2025-04-30", &error));
  g_assert_cmpint (preuves_preuve_get_revision (preuve), ==, revision + 1);

  g_assert_true (preuves_preuve_set_date_end (preuve, "2025-04-01", &error));
  g_assert_cmpstr (preuves_preuve_get_date_start (preuve), ==, "2025-04-01");
  g_assert_null (preuves_preuve_get_date_end (preuve));
  g_assert_true (preuves_preuve_set_period (preuve, "2025-05-02", "2025-05-02", &error));
  g_assert_cmpstr (preuves_preuve_get_date_start (preuve), ==, "2025-05-02");
  g_assert_null (preuves_preuve_get_date_end (preuve));
  g_assert_true (preuves_preuve_set_date_end (preuve, "2025-05-09", &error));
  g_assert_true (preuves_preuve_set_date_start (preuve, "2025-05-09", &error));
  g_assert_null (preuves_preuve_get_date_end (preuve));
  g_assert_no_error (error);
  g_assert_cmpint (preuves_test_query_int (preuves_portfolio_get_db (portfolio),
                                           "SELECT count(*) FROM preuve WHERE date_end IS NULL"), ==, 1);
}

/* A copy made by another version, or by hand, can hold a reversed period:
 * it is merged and opened as it is, to be put right in the editor. */
static void
test_period_reversed_received (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = create_portfolio (fixture);
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copy.preuves", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autofree char *uuid = g_strdup (preuves_preuve_get_uuid (preuves_portfolio_add_preuve (portfolio, "Stage", &error)));
  PreuvesMergeSummary *summary;
  PreuvesPreuve *preuve;
  sqlite3 *db = NULL;

  preuves_portfolio_file_save_copy (fixture->file, copy, NULL, &error);
  g_assert_no_error (error);
  preuves_portfolio_close (portfolio);
  g_clear_object (&portfolio);
  g_assert_cmpint (sqlite3_open (copy_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE preuve SET date_start = '2025-03-31', date_end = '2025-03-01',"
                                 " revision = revision + 1", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  summary = preuves_merge (fixture->file, PREUVES_ROLE_CANDIDATE, copy, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->updated, ==, 1);
  preuves_merge_summary_free (summary);

  portfolio = preuves_portfolio_open (fixture->file, &error);
  g_assert_no_error (error);
  preuve = preuves_portfolio_find_preuve (portfolio, uuid);
  g_assert_cmpstr (preuves_preuve_get_date_start (preuve), ==, "2025-03-31");
  g_assert_cmpstr (preuves_preuve_get_date_end (preuve), ==, "2025-03-01");
  g_assert_true (preuves_preuve_set_date_start (preuve, "2025-02-01", &error));
  g_assert_cmpstr (preuves_preuve_get_date_end (preuve), ==, "2025-03-01");
}

/* Assessment storage ---------------------------------------------------------- */

static void
test_criteria_rehearsals (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  PreuvesPortfolio *portfolio = create_portfolio (fixture);
  g_autoptr(GPtrArray) rehearsals = NULL;
  g_autofree char *note = NULL;
  PreuvesRehearsal *latest;

  g_assert_cmpint (preuves_portfolio_get_criterion (portfolio, "bloc1-c1", &note), ==,
                   PREUVES_CRITERION_NOT_YET);
  g_assert_null (note);
  g_assert_true (preuves_portfolio_set_criterion (portfolio, "bloc1-c1", PREUVES_CRITERION_IN_PROGRESS,
                                                  "Il manque le budget", &error));
  g_assert_true (preuves_portfolio_set_criterion (portfolio, "bloc1-c1", PREUVES_CRITERION_MET,
                                                  "Fait", &error));
  g_assert_no_error (error);
  g_assert_cmpint (preuves_test_query_int (preuves_portfolio_get_db (portfolio),
                              "SELECT revision FROM criterion_assessment"), ==, 2);

  g_assert_true (preuves_portfolio_add_rehearsal (portfolio, "bloc2", 17 * 60, 16 * 60, "trop long", &error));
  g_assert_true (preuves_portfolio_add_rehearsal (portfolio, "bloc2", 18 * 60, 15 * 60, NULL, &error));
  g_assert_true (preuves_portfolio_add_rehearsal (portfolio, "finale", 20 * 60, 35 * 60, NULL, &error));
  g_assert_no_error (error);

  portfolio = reopen (fixture, portfolio);
  g_assert_cmpint (preuves_portfolio_get_criterion (portfolio, "bloc1-c1", &note), ==,
                   PREUVES_CRITERION_MET);
  g_assert_cmpstr (note, ==, "Fait");
  rehearsals = preuves_portfolio_list_rehearsals (portfolio, "bloc2");
  g_assert_cmpuint (rehearsals->len, ==, 2);
  latest = g_ptr_array_index (rehearsals, 0);
  g_assert_cmpint (latest->presentation_seconds, ==, 18 * 60);
  g_assert_cmpint (latest->exchange_seconds, ==, 15 * 60);
  g_assert_cmpstr (latest->author, ==, "Camille");
  g_clear_pointer (&rehearsals, g_ptr_array_unref);
  rehearsals = preuves_portfolio_list_rehearsals (portfolio, NULL);
  g_assert_cmpuint (rehearsals->len, ==, 3);
  preuves_portfolio_close (portfolio);
  g_assert_finalize_object (portfolio);
}

static void
test_written_document (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  PreuvesPortfolio *portfolio = create_portfolio (fixture);
  g_autofree char *doc_path = g_build_filename (fixture->dir, "diagnostic.pdf", NULL);
  g_autoptr(GFile) doc = g_file_new_for_path (doc_path);
  g_autoptr(PreuvesWrittenDocument) stored = NULL;
  PreuvesWrittenDocument check = { 0 };

  g_assert_null (preuves_portfolio_get_written_document (portfolio, "bloc1"));
  g_assert_true (g_file_set_contents (doc_path, "%PDF-1.4 not really", -1, NULL));
  g_assert_true (preuves_portfolio_set_written_document (portfolio, "bloc1", doc, NULL, &error));
  g_assert_no_error (error);

  check.pages_total = 24;
  check.text_layer = 1;
  check.annex_start = 20;
  check.annex_method = PREUVES_ANNEX_METHOD_OUTLINE;
  check.pages_counted = 19;
  check.check_error = NULL;
  check.checked_sha256 = (char *) "0000000000000000000000000000000000000000000000000000000000000000";
  g_assert_true (preuves_portfolio_set_written_document_check (portfolio, "bloc1", &check, &error));
  g_assert_true (preuves_portfolio_set_manual_annex_start (portfolio, "bloc1", 21, &error));
  g_assert_no_error (error);
  g_assert_false (preuves_portfolio_set_manual_annex_start (portfolio, "finale", 3, &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  portfolio = reopen (fixture, portfolio);
  stored = preuves_portfolio_get_written_document (portfolio, "bloc1");
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->filename, ==, "diagnostic.pdf");
  g_assert_cmpuint (stored->size, ==, strlen ("%PDF-1.4 not really"));
  g_assert_cmpint (stored->pages_total, ==, 24);
  g_assert_cmpint (stored->text_layer, ==, 1);
  g_assert_cmpint (stored->annex_start, ==, 20);
  g_assert_cmpint (stored->annex_method, ==, PREUVES_ANNEX_METHOD_OUTLINE);
  g_assert_cmpint (stored->pages_counted, ==, 19);
  g_assert_cmpint (stored->manual_annex_start, ==, 21);
  g_assert_null (stored->check_error);
  g_assert_cmpstr (stored->checked_sha256, ==, check.checked_sha256);
  g_clear_pointer (&stored, preuves_written_document_free);

  /* A new file forgets the old check and the old bytes. */
  g_assert_true (g_file_set_contents (doc_path, "%PDF-1.4 second version", -1, NULL));
  g_assert_true (preuves_portfolio_set_written_document (portfolio, "bloc1", doc, NULL, &error));
  stored = preuves_portfolio_get_written_document (portfolio, "bloc1");
  g_assert_cmpint (stored->pages_total, ==, -1);
  g_assert_cmpint (stored->manual_annex_start, ==, -1);
  g_assert_cmpint (preuves_test_query_int (preuves_portfolio_get_db (portfolio), "SELECT count(*) FROM blob"), ==, 1);
  g_assert_cmpint (preuves_test_query_int (preuves_portfolio_get_db (portfolio),
                              "SELECT count(*) FROM written_document"), ==, 1);

  g_assert_true (preuves_portfolio_remove_written_document (portfolio, "bloc1", &error));
  g_assert_null (preuves_portfolio_get_written_document (portfolio, "bloc1"));
  preuves_portfolio_close (portfolio);
  g_assert_finalize_object (portfolio);
}

static void
test_remarks_names (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  PreuvesPortfolio *portfolio = create_portfolio (fixture);
  g_autofree char *uuid = NULL;
  g_autofree char *refused = NULL;
  g_autoptr(GPtrArray) remarks = NULL;
  const char * const names[] = { "Jeanne Dupont", "M. Leroy", NULL };
  const char * const fewer[] = { "M. Leroy", "Mme Petit", NULL };
  g_auto(GStrv) stored = NULL;
  PreuvesRemark *remark;

  preuves_portfolio_set_author (portfolio, "Conseillère VAE");
  uuid = preuves_portfolio_add_remark (portfolio, PREUVES_REMARK_ROLE_ADVISOR, "sous-competence",
                                       "C1-1.3", 0, "Justification trop courte", &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (uuid));
  refused = preuves_portfolio_add_remark (portfolio, PREUVES_REMARK_ROLE_ADVISOR, "planet", NULL, 0,
                                          "?", &error);
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (preuves_portfolio_add_remark (portfolio, PREUVES_REMARK_ROLE_ADVISOR, "bloc", "1", 0,
                                               "  ", &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID);
  g_clear_error (&error);

  preuves_portfolio_set_author (portfolio, "Camille");
  g_assert_true (preuves_portfolio_resolve_remark (portfolio, uuid, TRUE, "Complétée", &error));
  g_assert_no_error (error);

  g_assert_true (preuves_portfolio_set_names (portfolio, names, &error));
  g_assert_true (preuves_portfolio_set_names (portfolio, fewer, &error));
  g_assert_no_error (error);

  portfolio = reopen (fixture, portfolio);
  remarks = preuves_portfolio_list_remarks (portfolio, "sous-competence", "C1-1.3");
  g_assert_cmpuint (remarks->len, ==, 1);
  remark = g_ptr_array_index (remarks, 0);
  g_assert_cmpint (remark->role, ==, PREUVES_REMARK_ROLE_ADVISOR);
  g_assert_true (remark->resolved);
  g_assert_cmpstr (remark->response, ==, "Complétée");
  g_assert_cmpstr (remark->text, ==, "Justification trop courte");
  g_assert_cmpstr (remark->author, ==, "Camille");
  g_clear_pointer (&remarks, g_ptr_array_unref);
  remarks = preuves_portfolio_list_remarks (portfolio, "preuve", NULL);
  g_assert_cmpuint (remarks->len, ==, 0);

  stored = preuves_portfolio_get_names (portfolio);
  g_assert_cmpstrv (stored, fewer);
  g_assert_cmpint (preuves_test_query_int (preuves_portfolio_get_db (portfolio),
                              "SELECT count(*) FROM names WHERE deleted = 1"), ==, 1);
  preuves_portfolio_close (portfolio);
  g_assert_finalize_object (portfolio);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/portfolio/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("create-reopen", test_create_reopen);
  ADD ("create-refuses-overwrite", test_create_refuses_overwrite);
  ADD ("create-leaves-nothing-else", test_create_leaves_nothing_else);
  ADD ("pragmas", test_pragmas);
  ADD ("migrate-forward", test_migrate_forward);
  ADD ("migrate-concurrently", test_migrate_concurrently);
  ADD ("released-schemas", test_released_schemas);
  ADD ("refuse/other-application", test_refuse_other_application);
  ADD ("refuse/future-version", test_refuse_future_version);
  ADD ("refuse/random-bytes", test_refuse_random_bytes);
  ADD ("refuse/empty-file", test_refuse_empty_file);
  ADD ("refuse/missing-file", test_refuse_missing_file);
  g_test_add_func ("/portfolio/sqlite-errors", test_sqlite_errors);
  ADD ("model-signals", test_model_signals);
  ADD ("links", test_links);
  ADD ("remove-restore", test_remove_restore);
  ADD ("invalid-values", test_invalid_values);
  ADD ("period", test_period);
  ADD ("period-reversed-received", test_period_reversed_received);
  ADD ("criteria-rehearsals", test_criteria_rehearsals);
  ADD ("written-document", test_written_document);
  ADD ("remarks-names", test_remarks_names);
#undef ADD

  return g_test_run ();
}
