/* test-hostile-portfolios.c — crafted portfolio files are refused or
 * imported cleanly, never a crash or a hang
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-portfolio-file.c covers the plain refusals (triggers, views, extra
 * or altered tables, a missing chunk…). These files go further: lengths
 * and sizes out of range, rows that point nowhere, duplicate UUIDs, values
 * that break the table rules, a header that lies, bytes flipped at random.
 * Each one goes through preuves_portfolio_file_check(), _import(),
 * preuves_portfolio_open() (on a copy) and `preuves-cli check` in a child
 * process that is killed if it runs past a generous bound: the outcome
 * must be a clear error or a clean result, and the CLI must exit, not
 * crash.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "portfolio-test-util.h"
#include "preuves-portfolio.h"
#include "preuves-portfolio-file.h"
#include "preuves-schema.h"

/* Far beyond what any of these files needs: reaching it means a hang. */
#define CLI_BOUND_SECONDS 120

typedef struct
{
  char *dir;
  char *valid;
} Fixture;

static void
write_random (const char *path,
              gsize       size)
{
  g_autofree guint32 *words = g_new (guint32, size / 4);

  for (gsize i = 0; i < size / 4; i++)
    words[i] = g_random_int ();
  g_assert_true (g_file_set_contents (path, (const char *) words, size, NULL));
}

static void
make_valid_portfolio (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (fixture->valid);
  g_autofree char *doc_path = g_build_filename (fixture->dir, "rapport.dat", NULL);
  g_autoptr(GFile) doc = g_file_new_for_path (doc_path);
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(PreuvesAttachment) attachment = NULL;
  g_autoptr(PreuvesLink) link = NULL;
  PreuvesPreuve *preuve;

  /* Two and a half chunks of random bytes. */
  write_random (doc_path, 5 * 512 * 1024);
  portfolio = preuves_portfolio_create (file, "Camille Essai", PREUVES_PATH_VAE, &error);
  g_assert_no_error (error);
  preuve = preuves_portfolio_add_preuve (portfolio, "Conduite du projet d'établissement", &error);
  g_assert_no_error (error);
  g_assert_nonnull (preuves_portfolio_add_preuve (portfolio, "Plan de formation", &error));
  g_assert_no_error (error);
  attachment = preuves_portfolio_attach_file (portfolio, preuve, doc, NULL, &error);
  g_assert_no_error (error);
  link = preuves_portfolio_link (portfolio, preuve, "C1-1.1", "J'ai conduit le diagnostic.", &error);
  g_assert_no_error (error);
  preuves_portfolio_close (portfolio);
  g_unlink (doc_path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-hostile-portfolios-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->valid = g_build_filename (fixture->dir, "valid.preuves", NULL);
  make_valid_portfolio (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->valid);
}

static char *
copy_of_valid (Fixture    *fixture,
               const char *name)
{
  g_autofree char *contents = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);
  gsize length;

  g_assert_true (g_file_get_contents (fixture->valid, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

/* Changes the file at @path by @sql on an ordinary connection with the
 * safety rules off, the way someone would craft a hostile file. */
static void
tamper (const char *path,
        const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  if (message != NULL)
    g_error ("crafting %s: %s", path, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A copy of the valid portfolio changed by @sql. */
static char *
tampered_copy (Fixture    *fixture,
               const char *name,
               const char *sql)
{
  char *path = copy_of_valid (fixture, name);

  tamper (path, sql);
  return path;
}

static void
child_exited_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *done = TRUE;
}

static gboolean
bound_reached_cb (gpointer user_data)
{
  gboolean *reached = user_data;

  *reached = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs `preuves-cli check @path` and waits at most CLI_BOUND_SECONDS: it
 * must exit 0, 1 or 2 on its own, never die of a signal. */
static void
assert_cli_exits (const char *path)
{
  const char *cli = g_getenv ("PREUVES_CLI");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) bound = NULL;
  gboolean done = FALSE, reached = FALSE;
  int status;

  if (cli == NULL)
    return;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, cli, "check", path, NULL);
  g_assert_no_error (error);
  bound = g_timeout_source_new_seconds (CLI_BOUND_SECONDS);
  g_source_set_callback (bound, bound_reached_cb, &reached, NULL);
  g_source_attach (bound, NULL);
  g_subprocess_wait_async (process, NULL, child_exited_cb, &done);
  while (!done && !reached)
    g_main_context_iteration (NULL, TRUE);
  g_source_destroy (bound);
  if (!done)
    {
      g_subprocess_force_exit (process);
      g_error ("preuves-cli check %s did not finish within %d s", path, CLI_BOUND_SECONDS);
    }

  g_assert_false (g_subprocess_get_if_signaled (process));
  status = g_subprocess_get_exit_status (process);
  g_test_message ("preuves-cli check: exit %d", status);
  g_assert_cmpint (status, >=, 0);
  g_assert_cmpint (status, <=, 2);
}

static gboolean
is_known_error (const GError *error)
{
  return error->domain == PREUVES_PORTFOLIO_ERROR ||
         error->domain == PREUVES_PORTFOLIO_FILE_ERROR;
}

/* Opening a file that is not checked first (a file picked with "Open")
 * may fail, but must fail with an error, and closing must be clean. */
static void
assert_open_survives (Fixture    *fixture,
                      const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *copy = g_build_filename (fixture->dir, "opened.preuves", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (copy);
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  portfolio = preuves_portfolio_open (file, &error);
  if (portfolio == NULL)
    {
      g_assert_nonnull (error);
      g_test_message ("open: %s", error->message);
      g_assert_true (is_known_error (error));
    }
  else
    {
      g_list_model_get_n_items (preuves_portfolio_get_preuves (portfolio));
      preuves_portfolio_close (portfolio);
    }
  g_unlink (copy);
}

/* Import refuses @path with @domain/@code (any known error when @domain
 * is 0) and leaves no destination; or, if @may_succeed, accepts it and the
 * imported file checks clean. */
static void
assert_outcome (Fixture    *fixture,
                const char *path,
                GQuark      domain,
                int         code,
                gboolean    may_succeed)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *dest_path = g_build_filename (fixture->dir, "dest.preuves", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  g_autoptr(GError) check_error = NULL;
  g_autoptr(GError) import_error = NULL;
  gboolean checked, imported;

  checked = preuves_portfolio_file_check (file, NULL, NULL, &check_error);
  imported = preuves_portfolio_file_import (file, dest, NULL, NULL, NULL, &import_error);
  if (check_error != NULL)
    g_test_message ("check: %s", check_error->message);
  if (import_error != NULL)
    g_test_message ("import: %s", import_error->message);

  /* Import begins with the same checks, then reads every value: whatever
   * check refuses, import refuses too; import may refuse more. */
  if (!checked)
    {
      g_assert_false (imported);
      g_assert_true (is_known_error (check_error));
    }
  if (imported)
    {
      g_assert_true (may_succeed);
      g_assert_true (preuves_portfolio_file_check (dest, NULL, NULL, &check_error));
      g_assert_no_error (check_error);
    }
  else
    {
      g_assert_true (is_known_error (import_error));
      if (domain != 0)
        g_assert_error (import_error, domain, code);
      g_assert_false (g_file_test (dest_path, G_FILE_TEST_EXISTS));
    }
  g_unlink (dest_path);

  assert_open_survives (fixture, path);
  assert_cli_exits (path);
}

#define DAMAGED PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED
#define UNSAFE PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNSAFE

/* Rules written in CHECK constraints can be switched off by whoever
 * crafts the file; the file is then no longer one Preuves writes. */
#define NO_CHECKS "PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF;"

static void
test_negative_size (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "negative-size.preuves",
                                         NO_CHECKS "UPDATE blob SET size = -5; UPDATE attachment SET size = -5;");

  assert_outcome (fixture, path, DAMAGED, FALSE);
}

static void
test_huge_size (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "huge-size.preuves",
                                         "UPDATE blob SET size = 9223372036854775807;"
                                         "UPDATE attachment SET size = 9223372036854775807;");

  assert_outcome (fixture, path, DAMAGED, FALSE);
}

/* A single value far larger than a chunk: SQLite's length limit on the
 * untrusted connection stops it before it is read into memory. */
static void
test_huge_chunk (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "huge-chunk.preuves",
                                         "UPDATE blob_chunk SET data = zeroblob (40 * 1024 * 1024) WHERE seq = 1;");

  assert_outcome (fixture, path, DAMAGED, FALSE);
}

static void
test_huge_text (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "huge-text.preuves",
                                         "UPDATE preuve SET situation = printf ('%.*c', 30000000, 'x');");

  assert_outcome (fixture, path, DAMAGED, FALSE);
}

static void
test_negative_seq (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "negative-seq.preuves",
                                         NO_CHECKS "UPDATE blob_chunk SET seq = -1 - seq WHERE seq = 0;");

  assert_outcome (fixture, path, DAMAGED, FALSE);
}

static void
test_chunk_gap (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "chunk-gap.preuves",
                                         "UPDATE blob_chunk SET seq = 2000000000 WHERE seq = 2;");

  assert_outcome (fixture, path, DAMAGED, FALSE);
}

static void
test_link_to_nothing (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "link-to-nothing.preuves",
                                         NO_CHECKS "UPDATE link SET preuve_uuid = 'nowhere';");

  assert_outcome (fixture, path, DAMAGED, FALSE);
}

static void
test_attachment_to_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "attachment-to-nothing.preuves",
                                         NO_CHECKS "UPDATE attachment SET sha256 = printf ('%.64c', 'a');");

  assert_outcome (fixture, path, DAMAGED, FALSE);
}

/* Values the table rules forbid, written with the rules off: whatever the
 * check says, the import writes into tables that enforce them again. */
static void
test_values_out_of_range (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "out-of-range.preuves",
                                         NO_CHECKS "UPDATE preuve SET deleted = 7, confidential = -3;"
                                         "UPDATE candidate SET path = 'elsewhere';");

  assert_outcome (fixture, path, 0, 0, FALSE);
}

/* The same in a file of version 1: the import copies it into a fresh file
 * of version 1, whose tables enforce the rules, before migrating it; the
 * open migrates it in place. */
static void
test_v1_values_out_of_range (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "v1-out-of-range.preuves", NULL);

  preuves_test_write_v1_portfolio (fixture->valid, path);
  tamper (path, NO_CHECKS "UPDATE preuve SET deleted = 7, confidential = -3;"
                "UPDATE candidate SET path = 'elsewhere';");
  assert_outcome (fixture, path, 0, 0, FALSE);
}

static void
test_invalid_utf8 (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "invalid-utf8.preuves",
                                         "UPDATE preuve SET title = CAST (x'c3284ffe80' AS TEXT);"
                                         "UPDATE attachment SET filename = CAST (x'2e2e2f2e2e2fff' AS TEXT);");

  assert_outcome (fixture, path, 0, 0, TRUE);
}

/* Two preuves with one UUID. The UNIQUE index forbids it, so the file is
 * crafted by writing the table without its index and putting the original
 * definition back through writable_schema. */
static void
test_duplicate_uuids (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "duplicate-uuids.preuves",
                                         "PRAGMA writable_schema = ON;"
                                         "DELETE FROM sqlite_schema WHERE name = 'sqlite_autoindex_preuve_1';"
                                         "UPDATE sqlite_schema SET sql = replace (sql, 'uuid TEXT UNIQUE NOT NULL', 'uuid TEXT NOT NULL')"
                                         "  WHERE name = 'preuve';");
  sqlite3 *db = NULL;

  /* Second step on a fresh connection, which reads the edited schema. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE preuve SET uuid = (SELECT min (uuid) FROM preuve);"
                                 "PRAGMA writable_schema = ON;"
                                 "UPDATE sqlite_schema SET sql = replace (sql, 'uuid TEXT NOT NULL', 'uuid TEXT UNIQUE NOT NULL')"
                                 "  WHERE name = 'preuve';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_outcome (fixture, path, 0, 0, FALSE);
}

/* A preuve without a UUID (the NOT NULL rule taken out of the schema for
 * the write, then put back): opening must refuse it, not crash on it. */
static void
test_null_uuid (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "null-uuid.preuves",
                                         "PRAGMA writable_schema = ON;"
                                         "UPDATE sqlite_schema SET sql = replace (sql, 'uuid TEXT UNIQUE NOT NULL', 'uuid TEXT UNIQUE')"
                                         "  WHERE name = 'preuve';");
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = OFF;"
                                 "UPDATE preuve SET uuid = NULL WHERE title = 'Plan de formation';"
                                 "PRAGMA writable_schema = ON;"
                                 "UPDATE sqlite_schema SET sql = replace (sql, 'uuid TEXT UNIQUE', 'uuid TEXT UNIQUE NOT NULL')"
                                 "  WHERE name = 'preuve';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_outcome (fixture, path, DAMAGED, FALSE);
}

static void
test_future_schema (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE signature (id INTEGER PRIMARY KEY, data BLOB);"
                                          "ALTER TABLE preuve ADD COLUMN colour TEXT;"
                                          "PRAGMA user_version = %d;", PREUVES_SCHEMA_VERSION + 41);
  g_autofree char *path = tampered_copy (fixture, "future.preuves", sql);

  assert_outcome (fixture, path, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_TOO_NEW, FALSE);
}

/* A version below zero is no version Preuves ever wrote; opening must not
 * try to migrate from it. */
static void
test_negative_version (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "negative-version.preuves", "PRAGMA user_version = -1;");

  assert_outcome (fixture, path, 0, 0, FALSE);
}

/* Another program's database that borrowed our application id. */
static void
test_other_database_with_our_id (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "songs.preuves", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;"
                                          "CREATE TABLE song (title TEXT); INSERT INTO song VALUES ('x');",
                                          (gint32) PREUVES_APPLICATION_ID, PREUVES_SCHEMA_VERSION);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_outcome (fixture, path, UNSAFE, FALSE);
}

static void
test_extra_index (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "extra-index.preuves",
                                         "CREATE INDEX spy ON preuve (title, situation);");

  assert_outcome (fixture, path, UNSAFE, FALSE);
}

/* An index on an expression two hundred levels deep (a left-deep chain
 * of additions; SQLite allows 50 on a file from someone else): parsing
 * the schema alone must stay bounded. */
static void
test_deep_expression (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) sql = g_string_new ("CREATE INDEX deep ON preuve (id");
  g_autofree char *path = NULL;

  for (int i = 0; i < 200; i++)
    g_string_append (sql, " + id");
  g_string_append (sql, ");");
  path = tampered_copy (fixture, "deep-expression.preuves", sql->str);

  assert_outcome (fixture, path, 0, 0, FALSE);
}

/* Statistics are allowed (SQLite writes them itself), but they steer the
 * query planner: absurd ones must not change what the checks find. */
static void
test_absurd_statistics (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "statistics.preuves",
                                         "ANALYZE;"
                                         "DELETE FROM sqlite_stat1;"
                                         "INSERT INTO sqlite_stat1 VALUES ('blob_chunk', 'sqlite_autoindex_blob_chunk_1', '1 99999999999 -4');"
                                         "INSERT INTO sqlite_stat1 VALUES ('preuve', NULL, 'garbage');");

  assert_outcome (fixture, path, 0, 0, TRUE);
}

static void
patch_bytes (const char   *path,
             goffset       offset,
             const guint8 *bytes,
             gsize         n_bytes)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (offset + n_bytes, <=, length);
  memcpy (contents + offset, bytes, n_bytes);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

/* The header claims a million pages: the file is incomplete. */
static void
test_header_page_count (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = copy_of_valid (fixture, "page-count.preuves");
  static const guint8 count[4] = { 0x00, 0x0f, 0x42, 0x40 };

  patch_bytes (path, 28, count, sizeof count);
  assert_outcome (fixture, path, DAMAGED, FALSE);
}

static void
test_header_page_size (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = copy_of_valid (fixture, "page-size.preuves");
  static const guint8 size[2] = { 0x03, 0xe8 }; /* 1000: not a power of two */

  patch_bytes (path, 16, size, sizeof size);
  assert_outcome (fixture, path, DAMAGED, FALSE);
}

/* Bytes flipped at random in the pages (not the header, which has its own
 * cases): a seeded loop, so that a failure can be replayed with -p and
 * --seed. Any outcome is fine but a crash, a hang or a half import. */
static void
test_flipped_bytes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (fixture->valid, &contents, &length, NULL));
  for (int round = 0; round < 12; round++)
    {
      g_autofree char *flipped = g_memdup2 (contents, length);
      g_autofree char *path = g_build_filename (fixture->dir, "flipped.preuves", NULL);
      /* Chunks hold most of the bytes: aim at the first pages, where the
       * schema and the small tables live, most of the time. */
      gsize span = round % 3 == 0 ? length : MIN (length, 16 * PREUVES_SCHEMA_PAGE_SIZE);

      for (int i = 0; i < 1 + round; i++)
        {
          gsize offset = 100 + g_test_rand_int_range (0, span - 100);
          flipped[offset] ^= 1 << g_test_rand_int_range (0, 8);
        }
      g_assert_true (g_file_set_contents (path, flipped, length, NULL));
      assert_outcome (fixture, path, 0, 0, TRUE);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/hostile-portfolios/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("negative-size", test_negative_size);
  ADD ("huge-size", test_huge_size);
  ADD ("huge-chunk", test_huge_chunk);
  ADD ("huge-text", test_huge_text);
  ADD ("negative-seq", test_negative_seq);
  ADD ("chunk-gap", test_chunk_gap);
  ADD ("link-to-nothing", test_link_to_nothing);
  ADD ("attachment-to-nothing", test_attachment_to_nothing);
  ADD ("values-out-of-range", test_values_out_of_range);
  ADD ("v1-values-out-of-range", test_v1_values_out_of_range);
  ADD ("invalid-utf8", test_invalid_utf8);
  ADD ("duplicate-uuids", test_duplicate_uuids);
  ADD ("null-uuid", test_null_uuid);
  ADD ("future-schema", test_future_schema);
  ADD ("negative-version", test_negative_version);
  ADD ("other-database-with-our-id", test_other_database_with_our_id);
  ADD ("extra-index", test_extra_index);
  ADD ("deep-expression", test_deep_expression);
  ADD ("absurd-statistics", test_absurd_statistics);
  ADD ("header-page-count", test_header_page_count);
  ADD ("header-page-size", test_header_page_size);
  ADD ("flipped-bytes", test_flipped_bytes);

  return g_test_run ();
}
