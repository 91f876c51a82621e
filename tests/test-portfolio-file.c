/* test-portfolio-file.c — checking, importing and copying portfolio files
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "portfolio-test-util.h"
#include "preuves-assessment.h"
#include "preuves-changes.h"
#include "preuves-merge.h"
#include "preuves-portfolio.h"
#include "preuves-portfolio-file.h"
#include "preuves-schema.h"

/* A folder per test, removed at the end. */
typedef struct
{
  char *dir;
  char *valid;   /* a portfolio made through the core API */
  char *pdf;     /* the PDF attached to it */
  char *scan;    /* a 2.5 MiB attachment: three chunks */
} Fixture;

static char *
sha256_of_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
write_pdf (const char *path,
           const char *title,
           int         n_pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int page = 1; page <= n_pages; page++)
    {
      g_autofree char *line = g_strdup_printf ("%s — page %d", title, page);

      cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 14);
      cairo_move_to (cr, 60, 80);
      cairo_show_text (cr, line);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* Random bytes do not compress: 2.5 MiB stays three chunks. */
static void
write_random (const char *path,
              gsize       size)
{
  g_autofree guint32 *words = g_new (guint32, size / 4);

  for (gsize i = 0; i < size / 4; i++)
    words[i] = g_random_int ();
  g_assert_true (g_file_set_contents (path, (const char *) words, size, NULL));
}

/* A row in every other table, so that an import that forgot one shows. */
static void
fill_other_tables (PreuvesPortfolio *portfolio,
                   PreuvesPreuve    *preuve,
                   GFile            *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *remark = NULL;
  const char * const names[] = { "Mme Durand", NULL };

  g_assert_true (preuves_portfolio_set_etablissement (portfolio, "Collège-lycée d'essai", &error));
  g_assert_true (preuves_portfolio_set_criterion (portfolio, "B1-1", PREUVES_CRITERION_MET, "Fait.", &error));
  g_assert_true (preuves_portfolio_add_rehearsal (portfolio, "bloc2", 17 * 60, 16 * 60, NULL, &error));
  remark = preuves_portfolio_add_remark (portfolio, PREUVES_REMARK_ROLE_ADVISOR, "preuve",
                                         preuves_preuve_get_uuid (preuve), 2, "Précisez.", &error);
  g_assert_nonnull (remark);
  g_assert_true (preuves_portfolio_set_names (portfolio, names, &error));
  g_assert_true (preuves_portfolio_set_written_document (portfolio, "bloc1", pdf, NULL, &error));
  g_assert_no_error (error);
}

/* competence_status has no API yet: a row written as the core would. */
static void
add_competence_status (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO competence_status (sous_competence_id, status, uuid, author, modified_at)"
                                 " VALUES ('c1-1-1', 'acquired', '4d1b6c0e-0d8e-4a43-9d1e-8d6f4f1f7a10', 'Camille', 1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
make_valid_portfolio (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (fixture->valid);
  g_autoptr(GFile) pdf = g_file_new_for_path (fixture->pdf);
  g_autoptr(GFile) scan = g_file_new_for_path (fixture->scan);
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(PreuvesAttachment) a1 = NULL;
  g_autoptr(PreuvesAttachment) a2 = NULL;
  g_autoptr(PreuvesLink) link = NULL;
  PreuvesPreuve *p1, *p2;

  portfolio = preuves_portfolio_create (file, "Camille Essai", PREUVES_PATH_VAE, &error);
  g_assert_no_error (error);
  p1 = preuves_portfolio_add_preuve (portfolio, "Diagnostic du pôle vie scolaire", &error);
  g_assert_no_error (error);
  p2 = preuves_portfolio_add_preuve (portfolio, "Budget prévisionnel 2025-2026", &error);
  g_assert_no_error (error);
  preuves_preuve_set_confidential (p2, TRUE, &error);
  g_assert_no_error (error);

  a1 = preuves_portfolio_attach_file (portfolio, p1, pdf, NULL, &error);
  g_assert_no_error (error);
  a2 = preuves_portfolio_attach_file (portfolio, p2, scan, NULL, &error);
  g_assert_no_error (error);
  link = preuves_portfolio_link (portfolio, p1, "C1-1.1", "J'ai conduit le diagnostic.", &error);
  g_assert_no_error (error);
  fill_other_tables (portfolio, p2, pdf);
  preuves_portfolio_close (portfolio);
  add_competence_status (fixture->valid);
}

static void
fixture_init (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-portfolio-file-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->valid = g_build_filename (fixture->dir, "valid.preuves", NULL);
  fixture->pdf = g_build_filename (fixture->dir, "diagnostic.pdf", NULL);
  fixture->scan = g_build_filename (fixture->dir, "annexe.dat", NULL);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* The valid portfolio is made once through the core API (which syncs
 * every change, so it is slow); each test works on its own copy. */
static Fixture template;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (template.dir == NULL)
    {
      fixture_init (&template);
      write_pdf (template.pdf, "Diagnostic du pôle vie scolaire", 3);
      write_random (template.scan, 5 * 512 * 1024);
      make_valid_portfolio (&template);
    }
  fixture_init (fixture);
  copy_file (template.valid, fixture->valid);
  copy_file (template.pdf, fixture->pdf);
  copy_file (template.scan, fixture->scan);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  preuves_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->valid);
  g_free (fixture->pdf);
  g_free (fixture->scan);
}

/* Changes the file at @path by @sql on an ordinary connection: the way
 * someone would craft a hostile file. */
static void
tamper (const char *path,
        const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_null (message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A copy of the valid portfolio, changed by @sql. */
static char *
tampered_copy (Fixture    *fixture,
               const char *name,
               const char *sql)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  copy_file (fixture->valid, path);
  tamper (path, sql);
  return path;
}

/* A portfolio of schema version 1, as the first Preuves wrote them,
 * holding every row of the valid one: a row in every table. */
static char *
v1_portfolio (Fixture    *fixture,
              const char *name)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_cmpuint (preuves_test_write_v1_portfolio (fixture->valid, path), ==, 0);
  return path;
}

static guint
count_hidden_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.' || g_str_has_suffix (name, "-journal"))
      n++;
  return n;
}

/* The file is refused by check and by import with @domain/@code and a
 * message containing @fragment; the source is byte-identical afterwards,
 * the destination untouched and no temporary file is left. */
static void
assert_refused (Fixture    *fixture,
                const char *path,
                GQuark      domain,
                int         code,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *dest_path = g_build_filename (fixture->dir, "dest.preuves", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  g_autofree char *before = sha256_of_file (path);
  g_autofree char *after = NULL;
  g_autofree char *dest_contents = NULL;

  g_assert_true (g_file_set_contents (dest_path, "earlier content", -1, NULL));

  g_assert_false (preuves_portfolio_file_check (file, NULL, NULL, &error));
  g_assert_error (error, domain, code);
  g_test_message ("check: %s", error->message);
  g_assert_nonnull (strstr (error->message, fragment));
  g_clear_error (&error);

  g_assert_false (preuves_portfolio_file_import (file, dest, NULL, NULL, NULL, &error));
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, fragment));

  after = sha256_of_file (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (g_file_get_contents (dest_path, &dest_contents, NULL, NULL));
  g_assert_cmpstr (dest_contents, ==, "earlier content");
  g_assert_cmpuint (count_hidden_files (fixture->dir), ==, 0);
  g_unlink (dest_path);
}

static void
test_refuse_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "empty.preuves", NULL);

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  assert_refused (fixture, path, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_A_PORTFOLIO, "is empty");
}

static void
test_refuse_random (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "random.preuves", NULL);

  write_random (path, 64 * 1024);
  assert_refused (fixture, path, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_A_PORTFOLIO,
                  "is not a Preuves portfolio");
}

/* Cut at a page boundary, so that only the header's page count tells. */
static void
test_refuse_truncated (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "truncated.preuves", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (fixture->valid, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4 * PREUVES_SCHEMA_PAGE_SIZE);
  g_assert_true (g_file_set_contents (path, contents, (length / 2) & ~(gsize) (PREUVES_SCHEMA_PAGE_SIZE - 1), NULL));
  assert_refused (fixture, path, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED, "incomplete");

  g_assert_true (g_file_set_contents (path, contents, length - 1000, NULL));
  assert_refused (fixture, path, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED, "incomplete");
}

static void
test_refuse_trigger (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "trigger.preuves",
                                         "CREATE TRIGGER wipe AFTER INSERT ON preuve BEGIN DELETE FROM link; END;");

  assert_refused (fixture, path, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNSAFE,
                  "trigger “wipe”");
}

static void
test_refuse_view (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "view.preuves",
                                         "CREATE VIEW everything AS SELECT * FROM preuve;");

  assert_refused (fixture, path, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNSAFE,
                  "view “everything”");
}

static void
test_refuse_extra_table (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "extra.preuves",
                                         "CREATE TABLE payload (x BLOB); INSERT INTO payload VALUES (randomblob (100));");

  assert_refused (fixture, path, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNSAFE,
                  "table “payload”");
}

/* Same table name, other columns: the allow-list holds columns too. */
static void
test_refuse_altered_table (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "altered.preuves",
                                         "ALTER TABLE names ADD COLUMN secret TEXT;");

  assert_refused (fixture, path, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNSAFE,
                  "table “names”");
}

/* A virtual table in place of a real one, with the same name: refused
 * without its module ever being run on the file's arguments. */
static void
test_refuse_virtual_table (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "virtual.preuves",
                                         "DROP TABLE names;"
                                         "CREATE VIRTUAL TABLE names USING fts5 (name, uuid, author);");

  assert_refused (fixture, path, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNSAFE,
                  "table “names");
}

static void
test_refuse_missing_table (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "missing.preuves", "DROP TABLE competence_status;");

  assert_refused (fixture, path, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED, "is missing");
}

static void
test_refuse_application_id (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "appid.preuves", "PRAGMA application_id = 1234;");

  assert_refused (fixture, path, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_A_PORTFOLIO,
                  "is not a Preuves portfolio");
}

static void
test_refuse_future_version (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d;", PREUVES_SCHEMA_VERSION + 1);
  g_autofree char *path = tampered_copy (fixture, "future.preuves", sql);

  assert_refused (fixture, path, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_TOO_NEW,
                  "newer version of Preuves");
}

/* Every Preuves writes the version with the tables: no portfolio it
 * wrote has version 0. */
static void
test_refuse_unknown_version (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "version-0.preuves", "PRAGMA user_version = 0;");

  assert_refused (fixture, path, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED,
                  "version number is not valid");
}

/* A file of an older version is held against the allow-list of its own
 * version: what a later version added (the review baseline of version 2,
 * the page checks of version 3) is as foreign to it as a trigger. */
static void
test_refuse_v1_extras (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct
  {
    const char *sql;
    const char *element;
  } extras[] = {
    { "CREATE TRIGGER wipe AFTER INSERT ON preuve BEGIN DELETE FROM link; END;", "trigger “wipe”" },
    { "CREATE VIEW everything AS SELECT * FROM preuve;", "view “everything”" },
    { "CREATE TABLE notes (text TEXT);", "table “notes”" },
    { "CREATE INDEX spy ON preuve (title, situation);", "index “spy”" },
  };
  g_autofree char *relabelled = tampered_copy (fixture, "current-as-v1.preuves",
                                               "DROP TABLE page_check; PRAGMA user_version = 1;");
  g_autofree char *relabelled_v2 = tampered_copy (fixture, "current-as-v2.preuves", "PRAGMA user_version = 2;");

  for (guint i = 0; i < G_N_ELEMENTS (extras); i++)
    {
      g_autofree char *name = g_strdup_printf ("v1-extra-%u.preuves", i);
      g_autofree char *path = v1_portfolio (fixture, name);

      tamper (path, extras[i].sql);
      assert_refused (fixture, path, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNSAFE,
                      extras[i].element);
    }
  assert_refused (fixture, relabelled, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNSAFE,
                  "review_baseline");
  assert_refused (fixture, relabelled_v2, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNSAFE,
                  "page_check");
}

static void
test_refuse_other_database (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "other.sqlite", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE song (title TEXT); INSERT INTO song VALUES ('x');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (fixture, path, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_A_PORTFOLIO,
                  "is not a Preuves portfolio");
}

static void
test_refuse_missing_chunk (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "chunk-missing.preuves",
                                         "DELETE FROM blob_chunk WHERE seq = 1;");

  assert_refused (fixture, path, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED,
                  "part 2 of the document “annexe.dat” is missing");
}

static void
test_refuse_last_chunk_missing (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "chunk-last.preuves",
                                         "DELETE FROM blob_chunk WHERE seq = 2;");

  assert_refused (fixture, path, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED,
                  "part 3 of the document “annexe.dat” is missing");
}

static void
test_refuse_altered_chunk (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "chunk-altered.preuves",
                                         "UPDATE blob_chunk SET data = zeroblob (length (data)) WHERE seq = 0"
                                         " AND sha256 = (SELECT sha256 FROM attachment WHERE filename = 'diagnostic.pdf');");

  assert_refused (fixture, path, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED,
                  "the document “diagnostic.pdf” was altered");
}

static void
test_refuse_wrong_size (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = tampered_copy (fixture, "size.preuves",
                                         "UPDATE attachment SET size = size + 1 WHERE filename = 'diagnostic.pdf';");

  assert_refused (fixture, path, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED,
                  "the size recorded for “diagnostic.pdf”");
}

/* A journal beside the file means another program's unfinished changes:
 * reading without them could show a half-written state. */
static void
test_refuse_unfinished (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *journal = g_strconcat (fixture->valid, "-journal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fixture->valid);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (journal, "not empty", -1, NULL));
  g_assert_false (preuves_portfolio_file_check (file, NULL, NULL, &error));
  g_assert_error (error, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNFINISHED);
  g_assert_nonnull (strstr (error->message, "valid.preuves-journal"));
  g_unlink (journal);
}

static void
assert_same_content (const char *original_path,
                     const char *imported_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) original_file = g_file_new_for_path (original_path);
  g_autoptr(GFile) imported_file = g_file_new_for_path (imported_path);
  g_autoptr(PreuvesPortfolio) original = preuves_portfolio_open (original_file, &error);
  g_autoptr(PreuvesPortfolio) imported = NULL;
  GListModel *a, *b;

  g_assert_no_error (error);
  imported = preuves_portfolio_open (imported_file, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (preuves_portfolio_get_uuid (original), ==, preuves_portfolio_get_uuid (imported));
  g_assert_cmpstr (preuves_portfolio_get_candidate_name (imported), ==, "Camille Essai");
  a = preuves_portfolio_get_preuves (original);
  b = preuves_portfolio_get_preuves (imported);
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (b), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PreuvesPreuve) pa = g_list_model_get_item (a, i);
      g_autoptr(PreuvesPreuve) pb = g_list_model_get_item (b, i);
      g_autoptr(PreuvesAttachment) xa = g_list_model_get_item (preuves_preuve_get_attachments (pa), 0);
      g_autoptr(PreuvesAttachment) xb = g_list_model_get_item (preuves_preuve_get_attachments (pb), 0);

      g_assert_cmpstr (preuves_preuve_get_uuid (pa), ==, preuves_preuve_get_uuid (pb));
      g_assert_cmpstr (preuves_preuve_get_title (pa), ==, preuves_preuve_get_title (pb));
      g_assert_cmpint (preuves_preuve_get_confidential (pa), ==, preuves_preuve_get_confidential (pb));
      g_assert_cmpstr (preuves_attachment_get_sha256 (xa), ==, preuves_attachment_get_sha256 (xb));
      g_assert_cmpuint (preuves_attachment_get_size (xa), ==, preuves_attachment_get_size (xb));
    }
  preuves_portfolio_close (original);
  preuves_portfolio_close (imported);
}

/* The bytes of the attachment named @filename, read back through the
 * imported portfolio, are those of the file that was attached. */
static void
assert_attachment_bytes (const char *portfolio_path,
                         const char *original_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (portfolio_path);
  g_autoptr(PreuvesPortfolio) portfolio = preuves_portfolio_open (file, &error);
  g_autofree char *expected = sha256_of_file (original_path);
  g_autofree char *written_path = g_strconcat (portfolio_path, ".out", NULL);
  g_autoptr(GFile) written = g_file_new_for_path (written_path);
  g_autofree char *basename = g_path_get_basename (original_path);
  GListModel *preuves;
  gboolean found = FALSE;

  g_assert_no_error (error);
  preuves = preuves_portfolio_get_preuves (portfolio);
  for (guint i = 0; i < g_list_model_get_n_items (preuves); i++)
    {
      g_autoptr(PreuvesPreuve) preuve = g_list_model_get_item (preuves, i);
      g_autoptr(PreuvesAttachment) attachment = g_list_model_get_item (preuves_preuve_get_attachments (preuve), 0);
      g_autofree char *actual = NULL;

      if (attachment == NULL || g_strcmp0 (preuves_attachment_get_filename (attachment), basename) != 0)
        continue;
      g_assert_true (preuves_attachment_write_to (attachment, written, NULL, &error));
      g_assert_no_error (error);
      actual = sha256_of_file (written_path);
      g_assert_cmpstr (actual, ==, expected);
      g_unlink (written_path);
      found = TRUE;
    }
  g_assert_true (found);
  preuves_portfolio_close (portfolio);
}

static sqlite3_stmt *
prepare_read_only (const char *path,
                   const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  return stmt;
}

static void
finalize_and_close (sqlite3_stmt *stmt)
{
  sqlite3 *db = sqlite3_db_handle (stmt);

  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Every table of @a holds exactly the rows of the same table of @b,
 * value for value, type for type. */
static void
assert_same_rows (const char *a,
                  const char *b,
                  const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1", table);
  sqlite3_stmt *sa = prepare_read_only (a, sql);
  sqlite3_stmt *sb = prepare_read_only (b, sql);
  int ra, rb;
  guint n_rows = 0;

  while ((ra = sqlite3_step (sa)) == SQLITE_ROW)
    {
      rb = sqlite3_step (sb);
      g_assert_cmpint (rb, ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_count (sa), ==, sqlite3_column_count (sb));
      for (int i = 0; i < sqlite3_column_count (sa); i++)
        {
          g_assert_cmpint (sqlite3_column_type (sa, i), ==, sqlite3_column_type (sb, i));
          g_assert_cmpmem (sqlite3_column_blob (sa, i), sqlite3_column_bytes (sa, i),
                           sqlite3_column_blob (sb, i), sqlite3_column_bytes (sb, i));
        }
      n_rows++;
    }
  g_assert_cmpint (ra, ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_step (sb), ==, SQLITE_DONE);
  g_test_message ("%s: %u rows alike", table, n_rows);
  finalize_and_close (sa);
  finalize_and_close (sb);
}

static void
assert_same_tables (const char *a,
                    const char *b)
{
  sqlite3_stmt *tables = prepare_read_only (a, "SELECT name FROM sqlite_schema WHERE type = 'table'");
  guint n_tables = 0;

  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      assert_same_rows (a, b, (const char *) sqlite3_column_text (tables, 0));
      n_tables++;
    }
  g_assert_cmpuint (n_tables, >=, 10);
  finalize_and_close (tables);
}

static void
test_import_valid (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (fixture->valid);
  g_autofree char *dest_path = g_build_filename (fixture->dir, "imported.preuves", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  g_autofree char *before = sha256_of_file (fixture->valid);
  g_autofree char *after = NULL;
  PreuvesPortfolioFileSummary summary;

  g_assert_true (preuves_portfolio_file_check (source, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.schema_version, ==, PREUVES_SCHEMA_VERSION);
  g_assert_cmpuint (summary.n_preuves, ==, 2);
  g_assert_cmpuint (summary.n_documents, ==, 2);

  g_assert_true (preuves_portfolio_file_import (source, dest, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  after = sha256_of_file (fixture->valid);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_hidden_files (fixture->dir), ==, 0);

  g_assert_true (preuves_portfolio_file_check (dest, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_same_tables (fixture->valid, dest_path);
  assert_same_content (fixture->valid, dest_path);
  assert_attachment_bytes (dest_path, fixture->scan);
  assert_attachment_bytes (dest_path, fixture->pdf);
}

typedef struct
{
  GMainLoop *loop;
  GArray    *fractions;
  gboolean   done;
  gboolean   freed;
} AsyncState;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_false (state->done);
  g_array_append_val (state->fractions, fraction);
}

static void
progress_data_free (gpointer user_data)
{
  AsyncState *state = user_data;

  state->freed = TRUE;
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (preuves_portfolio_file_import_finish (result, &error));
  g_assert_no_error (error);
  state->done = TRUE;
  g_main_loop_quit (state->loop);
}

/* Progress arrives in the caller's context, grows, ends at 1, and the
 * caller's data is freed once the last report has run. */
static void
test_import_async_progress (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GFile) source = g_file_new_for_path (fixture->valid);
  g_autofree char *dest_path = g_build_filename (fixture->dir, "imported.preuves", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  AsyncState state = { 0 };

  state.loop = g_main_loop_new (NULL, FALSE);
  state.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  preuves_portfolio_file_import_async (source, dest, progress_cb, &state, progress_data_free,
                                       NULL, import_done_cb, &state);
  g_main_loop_run (state.loop);
  while (!state.freed)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (state.fractions->len, >=, 2);
  for (guint i = 1; i < state.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (state.fractions, double, i), >, g_array_index (state.fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (state.fractions, double, state.fractions->len - 1), ==, 1.0);
  g_assert_true (g_file_test (dest_path, G_FILE_TEST_IS_REGULAR));

  g_array_unref (state.fractions);
  g_main_loop_unref (state.loop);
}

static void
test_import_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (fixture->valid);
  g_autofree char *dest_path = g_build_filename (fixture->dir, "imported.preuves", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  g_assert_false (preuves_portfolio_file_import (source, dest, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (dest_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_hidden_files (fixture->dir), ==, 0);
}

/* ---- A copy taken while another connection writes ---- */

typedef struct
{
  const char *path;
  gint        stop;
  gint        inserted;
} Writer;

static gpointer
writer_thread (gpointer user_data)
{
  Writer *writer = user_data;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (writer->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 30000);
  /* Still a rollback journal and real locks; only the fsyncs go, which
   * would make the test slow without making it stricter. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA synchronous = OFF", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO names (name, uuid, modified_at)"
                                       " VALUES (hex (randomblob (200)), hex (randomblob (16)), 0)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (!g_atomic_int_get (&writer->stop))
    {
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      g_atomic_int_inc (&writer->inserted);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return NULL;
}

static void
assert_sound_copy (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (preuves_portfolio_file_check (file, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "delete");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* A preuve whose title, situation, justification and document all carry
 * @marker, added to the portfolio at @path. */
static char *
add_marked_preuve (const char *path,
                    const char *dir,
                    const char *marker)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *doc_path = g_build_filename (dir, "private.txt", NULL);
  g_autofree char *title = g_strdup_printf ("Titre %s", marker);
  g_autofree char *justification = g_strdup_printf ("Avec %s", marker);
  g_autofree char *bytes = g_strdup_printf ("Appréciation de %s.", marker);
  g_autoptr(GFile) doc = g_file_new_for_path (doc_path);
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(PreuvesAttachment) attachment = NULL;
  g_autoptr(PreuvesLink) link = NULL;
  g_autoptr(GError) error = NULL;
  PreuvesPreuve *preuve;

  g_assert_true (g_file_set_contents (doc_path, bytes, -1, NULL));
  portfolio = preuves_portfolio_open (file, &error);
  g_assert_no_error (error);
  preuve = preuves_portfolio_add_preuve (portfolio, title, &error);
  g_assert_no_error (error);
  g_assert_true (preuves_preuve_set_situation (preuve, justification, &error));
  link = preuves_portfolio_link (portfolio, preuve, "C1-1.2", justification, &error);
  g_assert_no_error (error);
  attachment = preuves_portfolio_attach_file (portfolio, preuve, doc, NULL, &error);
  g_assert_no_error (error);
  preuves_portfolio_close (portfolio);
  g_assert_true (g_unlink (doc_path) == 0);
  return g_strdup (preuves_link_get_preuve_uuid (link));
}

static void
remove_preuve (const char *path,
               const char *uuid)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = preuves_portfolio_open (file, &error);

  g_assert_no_error (error);
  g_assert_true (preuves_portfolio_remove_preuve (portfolio, preuves_portfolio_find_preuve (portfolio, uuid), &error));
  g_assert_no_error (error);
  preuves_portfolio_close (portfolio);
}

/* The advisor's copy, reviewed at @before_path, merges the purged copy
 * @after: the deletion comes through and is listed since the review. */
static void
assert_merged_removal (const char *before_path,
                       GFile      *after,
                       const char *uuid)
{
  g_autoptr(GFile) before = g_file_new_for_path (before_path);
  g_autoptr(PreuvesMergeSummary) summary = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean removed_listed = FALSE;

  portfolio = preuves_portfolio_open (before, &error);
  g_assert_no_error (error);
  g_assert_true (preuves_portfolio_record_review (portfolio, &error));
  preuves_portfolio_close (portfolio);
  g_clear_object (&portfolio);

  summary = preuves_merge (before, PREUVES_ROLE_ADVISOR, after, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (preuves_portfolio_find_preuve (portfolio = preuves_portfolio_open (before, &error), uuid));
  g_assert_no_error (error);
  changes = preuves_portfolio_list_changes_since_review (portfolio, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      PreuvesChange *change = changes->pdata[i];

      if (g_str_equal (change->kind, "preuve") && g_str_equal (change->uuid, uuid))
        {
          g_assert_cmpint (change->change, ==, PREUVES_CHANGE_REMOVED);
          g_assert_cmpstr (change->label, ==, "A removed preuve");
          removed_listed = TRUE;
        }
    }
  g_assert_true (removed_listed);
  preuves_portfolio_close (portfolio);
}

/* A copy keeps the tombstone of a removed preuve, not its content; the
 * working file keeps both (the removal can still be undone there). */
static void
test_copy_purges_deleted (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *marker = g_strdup_printf ("PREUVES-GONE-%08x%08x", g_random_int (), g_random_int ());
  g_autofree char *before_path = g_build_filename (fixture->dir, "before.preuves", NULL);
  g_autofree char *after_path = g_build_filename (fixture->dir, "after.preuves", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (fixture->valid);
  g_autoptr(GFile) before = g_file_new_for_path (before_path);
  g_autoptr(GFile) after = g_file_new_for_path (after_path);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  gboolean removed_listed = FALSE;

  uuid = add_marked_preuve (fixture->valid, fixture->dir, marker);
  g_assert_true (preuves_portfolio_file_save_copy (source, before, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (preuves_test_file_contains (before_path, marker));
  /* Removed, not purged. */
  remove_preuve (fixture->valid, uuid);

  g_assert_true (preuves_portfolio_file_save_copy (source, after, NULL, &error));
  g_assert_no_error (error);
  assert_sound_copy (after_path);
  g_assert_false (preuves_test_file_contains (after_path, marker));
  g_assert_true (preuves_test_file_contains (fixture->valid, marker));
  assert_attachment_bytes (after_path, fixture->scan);

  /* The tombstone travels, and says what it was. */
  g_assert_cmpint (sqlite3_open_v2 (after_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sql = g_strdup_printf ("SELECT deleted FROM preuve WHERE uuid = '%s'", uuid);
  g_assert_cmpint (preuves_test_query_int (db, sql), ==, 1);
  g_assert_cmpint (preuves_test_query_int (db, "SELECT count (*) FROM link WHERE deleted = 2"), ==, 1);
  g_assert_cmpint (preuves_test_query_int (db, "SELECT count (*) FROM attachment WHERE deleted != 0"), ==, 1);
  sqlite3_close (db);

  changes = preuves_changes_between_files (before, after, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      PreuvesChange *change = changes->pdata[i];

      if (g_str_equal (change->uuid, uuid))
        {
          g_autofree char *title = g_strdup_printf ("Titre %s", marker);

          /* Named by the older side, which still has its title. */
          g_assert_cmpint (change->change, ==, PREUVES_CHANGE_REMOVED);
          g_assert_cmpstr (change->label, ==, title);
          removed_listed = TRUE;
        }
    }
  g_assert_true (removed_listed);
  assert_merged_removal (before_path, after, uuid);
}

static void
make_old (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guint64 two_hours_ago = g_get_real_time () / G_USEC_PER_SEC - 2 * 60 * 60;

  g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, two_hours_ago,
                                              G_FILE_QUERY_INFO_NONE, NULL, &error));
  g_assert_no_error (error);
}

static char *
make_file (const char *dir,
           const char *name,
           gboolean    old)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
  if (old)
    make_old (path);
  return g_steal_pointer (&path);
}

/* Only our own temporaries of portfolios go, once old and unlocked. */
static void
test_stale_temporaries (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->dir);
  g_autofree char *stale = make_file (fixture->dir, ".valid.preuves.Ab12Cd", TRUE);
  g_autofree char *stale_journal = make_file (fixture->dir, ".valid.preuves.Ab12Cd-journal", TRUE);
  g_autofree char *orphan_journal = make_file (fixture->dir, ".copy.preuves.Zz99zZ-journal", TRUE);
  g_autofree char *fresh = make_file (fixture->dir, ".valid.preuves.Fr3shh", FALSE);
  g_autofree char *other = make_file (fixture->dir, ".diagnostic.pdf.Ab12Cd", TRUE);
  g_autofree char *note = make_file (fixture->dir, ".notes", TRUE);
  g_autofree char *named = make_file (fixture->dir, "old.preuves", TRUE);
  g_autofree char *busy = g_build_filename (fixture->dir, ".busy.preuves.L0cked", NULL);
  g_autofree char *busy_journal = NULL;
  sqlite3 *db = NULL;

  /* A temporary that an import in this process is still writing. */
  g_assert_cmpint (sqlite3_open (busy, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  busy_journal = g_strconcat (busy, "-journal", NULL);
  g_assert_true (g_file_test (busy_journal, G_FILE_TEST_EXISTS));
  make_old (busy);
  make_old (busy_journal);

  g_assert_cmpuint (preuves_portfolio_file_remove_stale_temporaries (dir, NULL), ==, 3);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_journal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (orphan_journal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (note, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (named, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (busy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (busy_journal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fixture->valid, G_FILE_TEST_EXISTS));

  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_copy_while_writing (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) source = g_file_new_for_path (fixture->valid);
  g_autofree char *dest_path = g_build_filename (fixture->dir, "copy.preuves", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  Writer writer = { fixture->valid, 0, 0 };
  GThread *thread;

  thread = g_thread_new ("writer", writer_thread, &writer);
  /* Copy only once the writer is really writing. */
  while (g_atomic_int_get (&writer.inserted) < 10)
    g_thread_yield ();

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;
      int before = g_atomic_int_get (&writer.inserted);

      g_assert_true (preuves_portfolio_file_save_copy (source, dest, NULL, &error));
      g_assert_no_error (error);
      assert_sound_copy (dest_path);
      /* The writer goes on between copies. */
      while (g_atomic_int_get (&writer.inserted) < before + 10)
        g_thread_yield ();
    }
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);
  g_assert_cmpuint (count_hidden_files (fixture->dir), ==, 0);
}

static void
test_copy_refuses_non_portfolio (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "random.preuves", NULL);
  g_autofree char *dest_path = g_build_filename (fixture->dir, "copy.preuves", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  g_autoptr(GError) error = NULL;

  write_random (path, 64 * 1024);
  g_assert_false (preuves_portfolio_file_save_copy (source, dest, NULL, &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_A_PORTFOLIO);
  g_assert_false (g_file_test (dest_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_hidden_files (fixture->dir), ==, 0);
}

/* A write that fails halfway, from a file size limit in a child process:
 * SQLite sees a short write (which it reports as a full disk) or EFBIG (an
 * I/O error), depending on which page it writes first past the limit. */
static void
assert_write_failed (GError     *error,
                     const char *dest_path,
                     const char *dir)
{
  g_assert_true (g_error_matches (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_FULL) ||
                 g_error_matches (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_IO));
  g_assert_false (g_file_test (dest_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_hidden_files (dir), ==, 0);
}

static void
test_write_failure (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) source = g_file_new_for_path (fixture->valid);
  g_autofree char *dest_path = g_build_filename (fixture->dir, "full.preuves", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  g_autoptr(GError) error = NULL;
  struct rlimit limit = { 500000 + 1000, RLIM_INFINITY };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_false (preuves_portfolio_file_save_copy (source, dest, NULL, &error));
  assert_write_failed (error, dest_path, fixture->dir);
  g_clear_error (&error);

  g_assert_false (preuves_portfolio_file_import (source, dest, NULL, NULL, NULL, &error));
  assert_write_failed (error, dest_path, fixture->dir);
}

/* A writer that stopped mid-transaction leaves a hot journal: the copy
 * says so instead of calling the file read-only, and the source and its
 * journal stay as they were, for Preuves to roll back when it opens it. */
#define HOT_JOURNAL_MODE "--leave-hot-journal"

/* This program, for test_copy_hot_journal()'s writer. */
static const char *test_program;

/* The writer: starts a transaction on @path and exits without finishing
 * it, leaving a hot journal. A tiny cache makes the transaction write
 * into the file itself. */
static int
leave_hot_journal (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA cache_size = 1; BEGIN; DELETE FROM blob_chunk;", NULL, NULL, NULL) != SQLITE_OK)
    _exit (1);
  _exit (0);
}

static void
test_copy_hot_journal (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) source = g_file_new_for_path (fixture->valid);
  g_autofree char *dest_path = g_build_filename (fixture->dir, "copy.preuves", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  g_autofree char *journal = g_strconcat (fixture->valid, "-journal", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *argv[] = { test_program, HOT_JOURNAL_MODE, fixture->valid, NULL };
  int status;

  /* A writer that dies mid-transaction: this program again, run in its
   * helper mode (a real exec, so that valgrind does not see a copy of our
   * heap die without freeing it). */
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  before = sha256_of_file (fixture->valid);

  g_assert_false (preuves_portfolio_file_save_copy (source, dest, NULL, &error));
  g_assert_error (error, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNFINISHED);
  g_assert_false (g_file_test (dest_path, G_FILE_TEST_EXISTS));
  after = sha256_of_file (fixture->valid);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_unlink (journal);
}

/* ---- Files written by an older Preuves ---- */

/* A file of version 1 from someone else: checked against the version 1
 * allow-list, copied into a fresh file of version 1, which is migrated;
 * every row arrives, and the file itself is only read. */
static void
test_import_v1 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *v1 = v1_portfolio (fixture, "v1.preuves");
  g_autoptr(GFile) source = g_file_new_for_path (v1);
  g_autofree char *dest_path = g_build_filename (fixture->dir, "imported.preuves", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  g_autofree char *before = sha256_of_file (v1);
  g_autofree char *after = NULL;
  PreuvesPortfolioFileSummary summary;

  g_assert_true (preuves_portfolio_file_check (source, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.schema_version, ==, 1);
  g_assert_cmpuint (summary.n_preuves, ==, 2);
  g_assert_cmpuint (summary.n_documents, ==, 2);

  g_assert_true (preuves_portfolio_file_import (source, dest, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_hidden_files (fixture->dir), ==, 0);
  g_assert_true (preuves_portfolio_file_check (dest, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.schema_version, ==, PREUVES_SCHEMA_VERSION);
  assert_same_tables (v1, dest_path);
  assert_same_content (fixture->valid, dest_path);
  assert_attachment_bytes (dest_path, fixture->scan);

  after = sha256_of_file (v1);
  g_assert_cmpstr (before, ==, after);
}

/* @migrated is @v1 migrated in place: the current version, sound, and
 * every row of @v1 still there. */
static void
assert_migrated (const char *v1,
                 const char *migrated)
{
  sqlite3 *db = NULL;

  assert_sound_copy (migrated);
  g_assert_cmpint (sqlite3_open_v2 (migrated, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (preuves_test_query_int (db, "PRAGMA user_version"), ==, PREUVES_SCHEMA_VERSION);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  assert_same_tables (v1, migrated);
}

/* The user's own file of version 1 is migrated in place when opened. */
static void
test_open_v1 (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *v1 = v1_portfolio (fixture, "v1.preuves");
  g_autofree char *own = g_build_filename (fixture->dir, "own.preuves", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (own);
  g_autoptr(PreuvesPortfolio) portfolio = NULL;

  copy_file (v1, own);
  portfolio = preuves_portfolio_open (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (preuves_portfolio_get_preuves (portfolio)), ==, 2);
  preuves_portfolio_close (portfolio);

  assert_migrated (v1, own);
  assert_same_content (fixture->valid, own);
}

/* Preuves dying while it migrates the user's own file: this program again,
 * in a helper mode that migrates the file through a VFS that ends the
 * process right after the first write into the file itself. SQLite writes
 * there only once the journal holding the old pages is synced, so the
 * file is left half-migrated with its journal beside it. */
#define DIE_MIGRATING_MODE "--die-migrating"
#define DIED_MIGRATING 3

static sqlite3_vfs *real_vfs;
static const sqlite3_io_methods *real_methods;
static sqlite3_io_methods dying_methods;
static sqlite3_vfs dying_vfs;

static int
write_and_die (sqlite3_file  *file,
               const void    *data,
               int            amount,
               sqlite3_int64  offset)
{
  real_methods->xWrite (file, data, amount, offset);
  _exit (DIED_MIGRATING);
}

static int
dying_open (sqlite3_vfs      *vfs,
            sqlite3_filename  name,
            sqlite3_file     *file,
            int               flags,
            int              *out_flags)
{
  int rc = real_vfs->xOpen (real_vfs, name, file, flags, out_flags);

  if (rc == SQLITE_OK && (flags & SQLITE_OPEN_MAIN_DB) && file->pMethods != NULL)
    {
      real_methods = file->pMethods;
      dying_methods = *real_methods;
      dying_methods.xWrite = write_and_die;
      file->pMethods = &dying_methods;
    }
  return rc;
}

static int
die_migrating (const char *path)
{
  sqlite3 *db = NULL;

  real_vfs = sqlite3_vfs_find (NULL);
  dying_vfs = *real_vfs;
  dying_vfs.zName = "dying";
  dying_vfs.pNext = NULL;
  dying_vfs.xOpen = dying_open;
  if (sqlite3_vfs_register (&dying_vfs, 0) != SQLITE_OK ||
      sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, "dying") != SQLITE_OK ||
      !preuves_schema_configure (db, NULL))
    _exit (1);
  preuves_schema_migrate (db, NULL);
  /* The migration never wrote into the file. */
  _exit (2);
}

static void
test_open_v1_after_crash (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *v1 = v1_portfolio (fixture, "v1.preuves");
  g_autofree char *own = g_build_filename (fixture->dir, "own.preuves", NULL);
  g_autofree char *journal = g_strconcat (own, "-journal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (own);
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autofree char *before = NULL;
  g_autofree char *half_migrated = NULL;
  const char *argv[] = { test_program, DIE_MIGRATING_MODE, own, NULL };
  int status;

  copy_file (v1, own);
  before = sha256_of_file (own);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, DIED_MIGRATING);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  half_migrated = sha256_of_file (own);
  g_assert_cmpstr (half_migrated, !=, before);

  /* Opening rolls the journal back, then migrates from version 1 again. */
  portfolio = preuves_portfolio_open (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (preuves_portfolio_get_preuves (portfolio)), ==, 2);
  preuves_portfolio_close (portfolio);
  assert_migrated (v1, own);
}

/* ---- preuves-cli ---- */

static int
run_cli (const char * const *args,
         char              **out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ignored = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) g_getenv ("PREUVES_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                               NULL, NULL, out != NULL ? out : &ignored, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *trigger = tampered_copy (fixture, "trigger.preuves",
                                            "CREATE TRIGGER wipe AFTER INSERT ON preuve BEGIN DELETE FROM link; END;");
  g_autofree char *random = g_build_filename (fixture->dir, "random.preuves", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.preuves", NULL);
  g_autofree char *imported = g_build_filename (fixture->dir, "imported.preuves", NULL);
  g_autofree char *out = NULL;

  if (g_getenv ("PREUVES_CLI") == NULL)
    {
      g_test_skip ("PREUVES_CLI is not set");
      return;
    }
  write_random (random, 4096);

  g_assert_cmpint (run_cli ((const char *[]) { "check", fixture->valid, NULL }, &out), ==, 0);
  g_assert_nonnull (strstr (out, "2 preuves"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "check", trigger, NULL }, &out), ==, 1);
  g_assert_nonnull (strstr (out, "trigger “wipe”"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "check", random, NULL }, NULL), ==, 2);
  g_assert_cmpint (run_cli ((const char *[]) { "check", NULL }, NULL), ==, 2);

  g_assert_cmpint (run_cli ((const char *[]) { "copy", fixture->valid, copy, NULL }, NULL), ==, 0);
  assert_sound_copy (copy);
  g_assert_cmpint (run_cli ((const char *[]) { "copy", fixture->valid, copy, NULL }, NULL), ==, 2);
  g_assert_cmpint (run_cli ((const char *[]) { "copy", fixture->valid, copy, "--force", NULL }, NULL), ==, 0);
  g_assert_cmpint (run_cli ((const char *[]) { "copy", random, imported, NULL }, NULL), ==, 2);

  g_assert_cmpint (run_cli ((const char *[]) { "import", trigger, imported, NULL }, NULL), ==, 1);
  g_assert_false (g_file_test (imported, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_cli ((const char *[]) { "import", copy, imported, NULL }, NULL), ==, 0);
  assert_same_content (fixture->valid, imported);
}

#define ADD(name, func) \
  g_test_add ("/portfolio-file/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  int status;

  if (argc == 3 && g_str_equal (argv[1], HOT_JOURNAL_MODE))
    return leave_hot_journal (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], DIE_MIGRATING_MODE))
    return die_migrating (argv[2]);
  test_program = argv[0];
  g_test_init (&argc, &argv, NULL);

  ADD ("refuse/empty", test_refuse_empty);
  ADD ("refuse/random", test_refuse_random);
  ADD ("refuse/truncated", test_refuse_truncated);
  ADD ("refuse/trigger", test_refuse_trigger);
  ADD ("refuse/view", test_refuse_view);
  ADD ("refuse/extra-table", test_refuse_extra_table);
  ADD ("refuse/altered-table", test_refuse_altered_table);
  ADD ("refuse/virtual-table", test_refuse_virtual_table);
  ADD ("refuse/missing-table", test_refuse_missing_table);
  ADD ("refuse/application-id", test_refuse_application_id);
  ADD ("refuse/future-version", test_refuse_future_version);
  ADD ("refuse/unknown-version", test_refuse_unknown_version);
  ADD ("refuse/v1-extras", test_refuse_v1_extras);
  ADD ("refuse/other-database", test_refuse_other_database);
  ADD ("refuse/missing-chunk", test_refuse_missing_chunk);
  ADD ("refuse/last-chunk-missing", test_refuse_last_chunk_missing);
  ADD ("refuse/altered-chunk", test_refuse_altered_chunk);
  ADD ("refuse/wrong-size", test_refuse_wrong_size);
  ADD ("refuse/unfinished", test_refuse_unfinished);
  ADD ("import/valid", test_import_valid);
  ADD ("import/async-progress", test_import_async_progress);
  ADD ("import/cancelled", test_import_cancelled);
  ADD ("copy/while-writing", test_copy_while_writing);
  ADD ("copy/non-portfolio", test_copy_refuses_non_portfolio);
  ADD ("copy/hot-journal", test_copy_hot_journal);
  ADD ("copy/purges-deleted", test_copy_purges_deleted);
  ADD ("v1/import", test_import_v1);
  ADD ("v1/open", test_open_v1);
  ADD ("v1/open-after-crash", test_open_v1_after_crash);
  ADD ("stale-temporaries", test_stale_temporaries);
  ADD ("write-failure", test_write_failure);
  ADD ("cli", test_cli);

  status = g_test_run ();
  if (template.dir != NULL)
    fixture_tear_down (&template, NULL);
  return status;
}
