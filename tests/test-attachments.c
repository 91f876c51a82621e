/* test-attachments.c — documents stored in a portfolio, and preuves-cli
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libglib-testing/signal-logger.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "portfolio-test-util.h"
#include "preuves-blob-store.h"
#include "preuves-portfolio-private.h"

typedef struct
{
  char             *dir;
  GFile            *file;
  PreuvesPortfolio *portfolio;
  PreuvesPreuve    *preuve;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("test-attachments-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "p.preuves", NULL);
  fixture->file = g_file_new_for_path (path);
  fixture->portfolio = preuves_portfolio_create (fixture->file, "Camille", PREUVES_PATH_FORMATION, &error);
  g_assert_no_error (error);
  fixture->preuve = preuves_portfolio_add_preuve (fixture->portfolio, "Rapport d'activité", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->portfolio);
  g_object_unref (fixture->file);
  preuves_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* A file of @size pseudo-random bytes (reproducible), and its SHA-256. */
static char *
write_document (Fixture    *fixture,
                const char *name,
                gsize       size,
                guint32     seed,
                char      **sha256)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guint32 *words = g_new (guint32, size / 4 + 1);
  char *path = g_build_filename (fixture->dir, name, NULL);

  for (gsize i = 0; i < size / 4 + 1; i++)
    words[i] = g_rand_int (rand);
  g_assert_true (g_file_set_contents (path, (const char *) words, size, NULL));
  if (sha256 != NULL)
    *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) words, size);
  return path;
}

static gint64
query_int (PreuvesPortfolio *portfolio,
           const char       *sql)
{
  return preuves_test_query_int (preuves_portfolio_get_db (portfolio), sql);
}

static PreuvesAttachment *
attach (Fixture    *fixture,
        const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) document = g_file_new_for_path (path);
  PreuvesAttachment *attachment;

  attachment = preuves_portfolio_attach_file (fixture->portfolio, fixture->preuve, document, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attachment);
  return attachment;
}

/* A few MiB across several chunks comes back byte for byte, through
 * write_to() and through the stream. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  gsize size = 3 * PREUVES_BLOB_CHUNK_SIZE + 12345;
  g_autofree char *path = write_document (fixture, "scan.pdf", size, 1, &sha256);
  g_autofree char *out_path = g_build_filename (fixture->dir, "out.pdf", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(PreuvesAttachment) attachment = attach (fixture, path);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 buffer[7777];
  gssize n;

  g_assert_cmpstr (preuves_attachment_get_filename (attachment), ==, "scan.pdf");
  g_assert_cmpuint (preuves_attachment_get_size (attachment), ==, size);
  g_assert_cmpstr (preuves_attachment_get_sha256 (attachment), ==, sha256);
  g_assert_cmpint (query_int (fixture->portfolio, "SELECT count(*) FROM blob_chunk"), ==, 4);
  g_assert_cmpint (query_int (fixture->portfolio, "SELECT max(length(data)) FROM blob_chunk"), ==,
                   PREUVES_BLOB_CHUNK_SIZE);

  g_assert_true (preuves_attachment_write_to (attachment, out, NULL, &error));
  g_assert_no_error (error);
  preuves_test_assert_same_files (path, out_path);

  /* Never over a file that exists. */
  g_assert_false (preuves_attachment_write_to (attachment, out, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  stream = preuves_portfolio_open_blob_stream (fixture->portfolio, sha256, &error);
  g_assert_no_error (error);
  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error)) > 0)
    g_checksum_update (checksum, buffer, n);
  g_assert_cmpint (n, ==, 0);
  g_assert_cmpstr (g_checksum_get_string (checksum), ==, sha256);

  /* After reopening too: the model reads the attachments on demand. */
  preuves_portfolio_close (fixture->portfolio);
  g_clear_object (&fixture->portfolio);
  fixture->portfolio = preuves_portfolio_open (fixture->file, &error);
  g_assert_no_error (error);
  fixture->preuve = g_list_model_get_item (preuves_portfolio_get_preuves (fixture->portfolio), 0);
  g_object_unref (fixture->preuve);
  g_assert_cmpuint (g_list_model_get_n_items (preuves_preuve_get_attachments (fixture->preuve)), ==, 1);
}

static void
test_empty_document (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_document (fixture, "vide.txt", 0, 1, NULL);
  g_autofree char *out_path = g_build_filename (fixture->dir, "out.txt", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(PreuvesAttachment) attachment = attach (fixture, path);

  g_assert_cmpuint (preuves_attachment_get_size (attachment), ==, 0);
  g_assert_cmpstr (preuves_attachment_get_sha256 (attachment), ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_true (preuves_attachment_write_to (attachment, out, NULL, &error));
  g_assert_no_error (error);
  preuves_test_assert_same_files (path, out_path);
}

/* The same document twice is stored once; its bytes go when nothing
 * refers to them any more. */
static void
test_dedup_and_purge (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_document (fixture, "budget.xlsx", PREUVES_BLOB_CHUNK_SIZE + 10, 2, NULL);
  g_autofree char *copy = write_document (fixture, "budget-copie.xlsx", PREUVES_BLOB_CHUNK_SIZE + 10, 2, NULL);
  g_autoptr(PreuvesAttachment) first = attach (fixture, path);
  g_autoptr(PreuvesAttachment) second = attach (fixture, copy);
  g_autoptr(PreuvesAttachment) other = NULL;
  g_autofree char *other_path = write_document (fixture, "autre.pdf", 1000, 3, NULL);

  g_assert_cmpstr (preuves_attachment_get_sha256 (first), ==, preuves_attachment_get_sha256 (second));
  g_assert_cmpint (query_int (fixture->portfolio, "SELECT count(*) FROM blob"), ==, 1);
  g_assert_cmpint (query_int (fixture->portfolio, "SELECT count(*) FROM blob_chunk"), ==, 2);
  g_assert_cmpint (query_int (fixture->portfolio, "SELECT count(*) FROM attachment"), ==, 2);
  other = attach (fixture, other_path);

  g_assert_true (preuves_portfolio_remove_attachment (fixture->portfolio, first, &error));
  g_assert_true (preuves_portfolio_purge_deleted (fixture->portfolio, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->portfolio, "SELECT count(*) FROM blob"), ==, 2);

  g_assert_true (preuves_portfolio_remove_attachment (fixture->portfolio, second, &error));
  g_assert_true (preuves_portfolio_purge_deleted (fixture->portfolio, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->portfolio, "SELECT count(*) FROM blob"), ==, 1);
  g_assert_cmpint (query_int (fixture->portfolio, "SELECT count(*) FROM blob_chunk"), ==, 1);
  /* Purged bytes cannot come back. */
  g_assert_false (preuves_portfolio_restore_attachment (fixture->portfolio, second, &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* The tombstones stay, without their bytes. */
  g_assert_cmpint (query_int (fixture->portfolio,
                              "SELECT count(*) FROM attachment WHERE deleted = 1 AND sha256 IS NULL"), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (preuves_preuve_get_attachments (fixture->preuve)), ==, 1);
}

/* Removing a preuve hides its attachments; restoring it brings them back. */
static void
test_restore_with_preuve (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_document (fixture, "cr.odt", 5000, 4, NULL);
  g_autofree char *path2 = write_document (fixture, "old.odt", 6000, 5, NULL);
  g_autoptr(PreuvesAttachment) kept = attach (fixture, path);
  g_autoptr(PreuvesAttachment) dropped = attach (fixture, path2);
  GListModel *attachments = preuves_preuve_get_attachments (fixture->preuve);

  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 2);
  g_assert_true (preuves_portfolio_remove_attachment (fixture->portfolio, dropped, &error));
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 1);
  /* Undo, and remove again. */
  g_assert_true (preuves_portfolio_restore_attachment (fixture->portfolio, dropped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 2);
  g_assert_true (preuves_portfolio_remove_attachment (fixture->portfolio, dropped, &error));
  g_assert_true (preuves_portfolio_remove_preuve (fixture->portfolio, fixture->preuve, &error));
  g_assert_cmpint (query_int (fixture->portfolio, "SELECT count(*) FROM attachment WHERE deleted = 0"), ==, 0);
  g_assert_true (preuves_portfolio_restore_preuve (fixture->portfolio, fixture->preuve, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 1);
  g_assert_cmpint (query_int (fixture->portfolio, "SELECT count(*) FROM attachment WHERE deleted = 0"), ==, 1);
}

static void
attach_ready_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
write_ready_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The async path stores on a worker connection and updates the model on
 * the main context before the callback runs. */
static void
test_async (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autofree char *sha256 = NULL;
  g_autofree char *path = write_document (fixture, "presentation.odp", 2 * PREUVES_BLOB_CHUNK_SIZE + 1, 6, &sha256);
  g_autofree char *out_path = g_build_filename (fixture->dir, "out.odp", NULL);
  g_autoptr(GFile) document = g_file_new_for_path (path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) written = NULL;
  g_autoptr(PreuvesAttachment) attachment = NULL;
  GListModel *attachments = preuves_preuve_get_attachments (fixture->preuve);
  guint position, removed, added;

  gt_signal_logger_connect (logger, attachments, "items-changed");
  preuves_portfolio_attach_file_async (fixture->portfolio, fixture->preuve, document, NULL,
                                       attach_ready_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  attachment = preuves_portfolio_attach_file_finish (fixture->portfolio, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (preuves_attachment_get_sha256 (attachment), ==, sha256);
  gt_signal_logger_assert_emission_pop (logger, attachments, "items-changed", &position, &removed, &added);
  g_assert_cmpuint (added, ==, 1);
  gt_signal_logger_assert_no_emissions (logger);

  preuves_attachment_write_to_async (attachment, out, NULL, write_ready_cb, &written);
  while (written == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (preuves_attachment_write_to_finish (attachment, written, &error));
  g_assert_no_error (error);
  preuves_test_assert_same_files (path, out_path);
}

/* The model changes only where the list changed, so that a view keeps its
 * selection. */
static void
test_model_changes (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autofree char *a_path = write_document (fixture, "a.pdf", 100, 12, NULL);
  g_autofree char *b_path = write_document (fixture, "b.pdf", 200, 13, NULL);
  g_autofree char *c_path = write_document (fixture, "c.pdf", 300, 14, NULL);
  GListModel *attachments = preuves_preuve_get_attachments (fixture->preuve);
  g_autoptr(PreuvesAttachment) a = attach (fixture, a_path);
  g_autoptr(PreuvesAttachment) b = attach (fixture, b_path);
  g_autoptr(PreuvesAttachment) c = NULL;
  guint position, removed, added;

  gt_signal_logger_connect (logger, attachments, "items-changed");
  g_assert_true (preuves_portfolio_remove_attachment (fixture->portfolio, a, &error));
  g_assert_no_error (error);
  gt_signal_logger_assert_emission_pop (logger, attachments, "items-changed", &position, &removed, &added);
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (added, ==, 0);

  c = attach (fixture, c_path);
  gt_signal_logger_assert_emission_pop (logger, attachments, "items-changed", &position, &removed, &added);
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 1);
  gt_signal_logger_assert_no_emissions (logger);
}

/* A preuve deleted while its document is being stored takes the new
 * attachment with it, and gives it back when restored. */
static void
test_async_into_deleted_preuve (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_document (fixture, "tard.pdf", PREUVES_BLOB_CHUNK_SIZE, 15, NULL);
  g_autoptr(GFile) document = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PreuvesAttachment) attachment = NULL;

  preuves_portfolio_attach_file_async (fixture->portfolio, fixture->preuve, document, NULL,
                                       attach_ready_cb, &result);
  g_assert_true (preuves_portfolio_remove_preuve (fixture->portfolio, fixture->preuve, &error));
  g_assert_no_error (error);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  attachment = preuves_portfolio_attach_file_finish (fixture->portfolio, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->portfolio, "SELECT count(*) FROM attachment WHERE deleted = 0"), ==, 0);

  g_assert_true (preuves_portfolio_restore_preuve (fixture->portfolio, fixture->preuve, &error));
  g_assert_cmpuint (g_list_model_get_n_items (preuves_preuve_get_attachments (fixture->preuve)), ==, 1);
}

/* A cancelled store leaves nothing behind. */
static void
test_cancelled (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_document (fixture, "gros.pdf", 2 * PREUVES_BLOB_CHUNK_SIZE, 7, NULL);
  g_autoptr(GFile) document = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PreuvesAttachment) attachment = NULL;

  g_cancellable_cancel (cancellable);
  attachment = preuves_portfolio_attach_file (fixture->portfolio, fixture->preuve, document, cancellable, &error);
  g_assert_null (attachment);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (query_int (fixture->portfolio, "SELECT count(*) FROM blob"), ==, 0);
  g_assert_cmpint (query_int (fixture->portfolio, "SELECT count(*) FROM blob_chunk"), ==, 0);
  g_assert_cmpint (query_int (fixture->portfolio, "SELECT count(*) FROM attachment"), ==, 0);
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "absent.pdf", NULL);
  g_autoptr(GFile) document = g_file_new_for_path (path);
  g_autoptr(PreuvesAttachment) attachment = NULL;
  g_autoptr(GInputStream) stream = NULL;

  attachment = preuves_portfolio_attach_file (fixture->portfolio, fixture->preuve, document, NULL, &error);
  g_assert_null (attachment);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  stream = preuves_portfolio_open_blob_stream (fixture->portfolio,
                                               "0000000000000000000000000000000000000000000000000000000000000000",
                                               &error);
  g_assert_null (stream);
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  stream = preuves_portfolio_open_blob_stream (fixture->portfolio, "../etc", &error);
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND);
}

/* preuves-cli ------------------------------------------------------------------ */

/* Runs preuves-cli with the NULL-terminated arguments; returns its exit
 * status and what it printed. */
static int
run_cli (char **out,
         char **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out_text = NULL;
  g_autofree char *err_text = NULL;
  const char *cli = g_getenv ("PREUVES_CLI");
  const char *arg;
  int status;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out_text, &err_text, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  /* Errors are one line on stderr. */
  if (WEXITSTATUS (status) != 0)
    {
      g_assert_true (g_str_has_prefix (err_text, "preuves-cli: "));
      g_assert_nonnull (strchr (err_text, '\n'));
      g_assert_cmpstr (strchr (err_text, '\n') + 1, ==, "");
    }
  if (out != NULL)
    *out = g_steal_pointer (&out_text);
  if (err != NULL)
    *err = g_steal_pointer (&err_text);
  return WEXITSTATUS (status);
}

static JsonObject *
list_json (const char *portfolio,
           JsonParser *parser)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "list", portfolio, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_cli_round_trip (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *doc = write_document (fixture, "diagnostic.pdf", 2 * PREUVES_BLOB_CHUNK_SIZE + 99, 8, &sha256);
  g_autofree char *note = write_document (fixture, "note.txt", 300, 9, NULL);
  g_autofree char *portfolio = g_build_filename (fixture->dir, "cli.preuves", NULL);
  g_autofree char *out_dir = g_build_filename (fixture->dir, "extracted", NULL);
  g_autofree char *extracted = g_build_filename (out_dir, "diagnostic.pdf", NULL);
  g_autofree char *extracted_note = g_build_filename (out_dir, "note.txt", NULL);
  g_autofree char *uuid = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *preuve, *link, *attachment;
  JsonArray *links, *attachments;

  g_assert_cmpint (run_cli (NULL, NULL, "new", portfolio, "--candidate", "Camille Martin", "--path", "vae",
                            "--etablissement", "Lycée Jean Moulin", NULL), ==, 0);
  g_assert_cmpint (run_cli (&uuid, NULL, "add", portfolio, "--title", "Diagnostic du pôle",
                            "--situation", "Audit interne", "--date", "2025-02-03", "--kind", "report",
                            "--attach", doc, "--attach", note,
                            "--competence", "C1-1.3", "--why", "J'ai mené le diagnostic",
                            "--competence", "C1-2a.6", "--why", "Plan d'action", NULL), ==, 0);
  g_strstrip (uuid);
  g_assert_true (g_uuid_string_is_valid (uuid));

  root = list_json (portfolio, parser);
  g_assert_cmpstr (json_object_get_string_member (root, "candidate"), ==, "Camille Martin");
  g_assert_cmpstr (json_object_get_string_member (root, "path"), ==, "vae");
  preuve = json_array_get_object_element (json_object_get_array_member (root, "preuves"), 0);
  g_assert_cmpstr (json_object_get_string_member (preuve, "id"), ==, uuid);
  g_assert_cmpstr (json_object_get_string_member (preuve, "date_start"), ==, "2025-02-03");
  g_assert_cmpstr (json_object_get_string_member (preuve, "kind"), ==, "report");
  links = json_object_get_array_member (preuve, "links");
  g_assert_cmpuint (json_array_get_length (links), ==, 2);
  link = json_array_get_object_element (links, 0);
  g_assert_cmpstr (json_object_get_string_member (link, "sous_competence"), ==, "C1-1.3");
  g_assert_cmpstr (json_object_get_string_member (link, "justification"), ==, "J'ai mené le diagnostic");
  link = json_array_get_object_element (links, 1);
  g_assert_cmpstr (json_object_get_string_member (link, "sous_competence"), ==, "C1-2a.6");
  g_assert_cmpstr (json_object_get_string_member (link, "code"), ==, "C1-2.6");
  attachments = json_object_get_array_member (preuve, "attachments");
  g_assert_cmpuint (json_array_get_length (attachments), ==, 2);
  attachment = json_array_get_object_element (attachments, 0);
  g_assert_cmpstr (json_object_get_string_member (attachment, "name"), ==, "diagnostic.pdf");
  g_assert_cmpint (json_object_get_int_member (attachment, "size"), ==, 2 * PREUVES_BLOB_CHUNK_SIZE + 99);
  g_assert_cmpstr (json_object_get_string_member (attachment, "sha256"), ==, sha256);

  g_assert_cmpint (run_cli (NULL, NULL, "extract", portfolio, uuid, out_dir, NULL), ==, 0);
  preuves_test_assert_same_files (doc, extracted);
  preuves_test_assert_same_files (note, extracted_note);
  /* Never over existing files. */
  g_assert_cmpint (run_cli (NULL, NULL, "extract", portfolio, uuid, out_dir, NULL), ==, 2);
  preuves_test_assert_same_files (doc, extracted);

  g_assert_cmpint (run_cli (NULL, NULL, "unlink", portfolio, uuid, "C1-1.3", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "unlink", portfolio, uuid, "C1-1.3", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "link", portfolio, uuid, "C1-1.4", "--why", "Suivi", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "link", portfolio, uuid, "C1-1.5", NULL), ==, 2);
  root = list_json (portfolio, parser);
  preuve = json_array_get_object_element (json_object_get_array_member (root, "preuves"), 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (preuve, "links")), ==, 2);

  g_assert_cmpint (run_cli (NULL, NULL, "remove", portfolio, uuid, NULL), ==, 0);
  root = list_json (portfolio, parser);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "preuves")), ==, 0);
}

/* Bad input: exit status 2, one line on stderr, and nothing half-written. */
static void
test_cli_bad_input (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *portfolio = g_build_filename (fixture->dir, "cli.preuves", NULL);
  g_autofree char *doc = write_document (fixture, "doc.pdf", 100, 10, NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.pdf", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_cmpint (run_cli (NULL, NULL, "new", portfolio, "--candidate", "C", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "new", portfolio, "--candidate", "C", "--path", "x", NULL), ==, 2);
  g_assert_false (g_file_test (portfolio, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_cli (NULL, NULL, "new", portfolio, "--candidate", "C", "--path", "formation", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "new", portfolio, "--candidate", "D", "--path", "vae", NULL), ==, 2);

  g_assert_cmpint (run_cli (NULL, NULL, "add", portfolio, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "add", portfolio, "--title", "T", "--competence", "C1-1.3", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "add", portfolio, "--title", "T", "--why", "w", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "add", portfolio, "--title", "T", "--competence", "C1-1.3",
                            "--competence", "C1-1.4", "--why", "w", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "add", portfolio, "--title", "T", "--competence", "C9-9.9",
                            "--why", "w", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "add", portfolio, "--title", "T", "--competence", "C1-2.6",
                            "--why", "ambiguous code", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "add", portfolio, "--title", "T", "--date", "2025-13-01", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "add", portfolio, "--title", "T", "--kind", "poem", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "add", portfolio, "--title", "T", "--attach", doc,
                            "--attach", missing, NULL), ==, 2);
  root = list_json (portfolio, parser);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "preuves")), ==, 0);

  g_assert_cmpint (run_cli (NULL, NULL, "list", doc, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "list", missing, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "extract", portfolio, "no-such-preuve", fixture->dir, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "remove", portfolio, "no-such-preuve", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "list", NULL), ==, 2);
}

/* A stored name with a folder in it (from a hostile file) is refused. */
static void
test_cli_unsafe_name (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *doc = write_document (fixture, "doc.pdf", 100, 11, NULL);
  g_autofree char *portfolio = g_file_get_path (fixture->file);
  g_autofree char *out_dir = g_build_filename (fixture->dir, "a", "b", NULL);
  g_autofree char *escaped = g_build_filename (fixture->dir, "a", "evil", NULL);
  g_autoptr(PreuvesAttachment) attachment = attach (fixture, doc);
  const char *uuid = preuves_preuve_get_uuid (fixture->preuve);

  g_assert_cmpint (sqlite3_exec (preuves_portfolio_get_db (fixture->portfolio),
                                 "UPDATE attachment SET filename = '../evil'", NULL, NULL, NULL), ==, SQLITE_OK);
  preuves_portfolio_close (fixture->portfolio);

  g_assert_cmpint (run_cli (NULL, NULL, "extract", portfolio, uuid, out_dir, NULL), ==, 2);
  g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/attachments/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("empty-document", test_empty_document);
  ADD ("dedup-and-purge", test_dedup_and_purge);
  ADD ("restore-with-preuve", test_restore_with_preuve);
  ADD ("async", test_async);
  ADD ("model-changes", test_model_changes);
  ADD ("async-into-deleted-preuve", test_async_into_deleted_preuve);
  ADD ("cancelled", test_cancelled);
  ADD ("missing", test_missing);
  ADD ("cli/round-trip", test_cli_round_trip);
  ADD ("cli/bad-input", test_cli_bad_input);
  ADD ("cli/unsafe-name", test_cli_unsafe_name);
#undef ADD

  return g_test_run ();
}
