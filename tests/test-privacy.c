/* test-privacy.c — names found before an export, deleted bytes gone, no
 * network anywhere
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "pdf-fixtures.h"
#include "portfolio-test-util.h"
#include "preuves-assessment.h"
#include "preuves-names-check.h"
#include "preuves-portfolio.h"
#include "preuves-portfolio-file.h"
#include "preuves-portfolio-private.h"

typedef struct
{
  char *dir;
  char *path;
  PreuvesPortfolio *portfolio;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  fixture->dir = g_dir_make_tmp ("test-privacy-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "portfolio.preuves", NULL);
  file = g_file_new_for_path (fixture->path);
  fixture->portfolio = preuves_portfolio_create (file, "Camille Essai", PREUVES_PATH_VAE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  if (fixture->portfolio != NULL)
    preuves_portfolio_close (fixture->portfolio);
  g_clear_object (&fixture->portfolio);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* ---- Matching ------------------------------------------------------------- */

static gboolean
finds (const char *name,
       const char *text)
{
  const char * const names[] = { name, NULL };
  g_autofree gssize *found = preuves_names_find (names, text);

  return found != NULL && found[0] >= 0;
}

static void
test_find (void)
{
  const char * const names[] = { "Zoé Lefèvre", "Karim", "Absent", NULL };
  const char *text = "Réunion avec KARIM et zoe\nLEFEVRE le 3 mars.";
  g_autofree gssize *found = preuves_names_find (names, text);

  /* Case, accents and line breaks do not matter. */
  g_assert_nonnull (found);
  g_assert_cmpint (found[0], ==, strstr (text, "zoe") - text);
  g_assert_cmpint (found[1], ==, strstr (text, "KARIM") - text);
  g_assert_cmpint (found[2], ==, -1);

  /* Whole words only, and the name can be at either end. */
  g_assert_true (finds ("Martin", "Martin"));
  g_assert_true (finds ("Martin", "avec M. Martin."));
  g_assert_true (finds ("Martin", "d’Martin, puis"));
  g_assert_false (finds ("Martin", "Martinez"));
  g_assert_false (finds ("Martin", "Saint-Martinois"));
  g_assert_false (finds ("Lefèvre", "Lefèvres"));
  g_assert_true (finds ("Jean-Luc Ébrard", "JEAN-LUC  EBRARD"));
  g_assert_true (finds ("Ophélie", "Ophe\xcc\x81lie")); /* decomposed accents */
  g_assert_true (finds ("O'Neil", "Mme O’Neil"));
  g_assert_false (finds ("", "anything"));
  g_assert_false (finds ("Karim", NULL));
  g_assert_false (finds ("Karim", "Kar\xffim"));
}

/* ---- The check on a portfolio ------------------------------------------- */

static PreuvesPreuve *
add_preuve (Fixture    *fixture,
            const char *title)
{
  g_autoptr(GError) error = NULL;
  PreuvesPreuve *preuve = preuves_portfolio_add_preuve (fixture->portfolio, title, &error);

  g_assert_no_error (error);
  return preuve;
}

static void
attach (Fixture       *fixture,
        PreuvesPreuve *preuve,
        const char    *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesAttachment) attachment = NULL;

  attachment = preuves_portfolio_attach_file (fixture->portfolio, preuve, file, NULL, &error);
  g_assert_no_error (error);
}

static void
set_names (Fixture *fixture)
{
  const char * const names[] = { "Zoé Lefèvre", "Karim Benali", "Personne Absente", NULL };
  g_autoptr(GError) error = NULL;

  preuves_portfolio_set_names (fixture->portfolio, names, &error);
  g_assert_no_error (error);
}

/* A preuve whose justification names a colleague, a PDF that names a
 * pupil on its second page, and a confidential preuve full of names. */
static void
make_named_portfolio (Fixture *fixture)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "compte-rendu.pdf", NULL);
  g_autofree char *notes = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesLink) link = NULL;
  const PdfPageSpec pages[] = {
    { "Compte rendu du conseil pédagogique\nOrdre du jour", FALSE },
    { "Situation de l'élève\nSuivi de ZOE LEFEVRE en 4e B\npar le professeur principal", FALSE },
    { NULL, FALSE },
  };
  PreuvesPreuve *preuve, *secret;

  g_assert_true (preuves_test_make_pdf (pdf, pages, G_N_ELEMENTS (pages), NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (notes, "Zoé Lefèvre, Karim Benali", -1, NULL));

  preuve = add_preuve (fixture, "Conseil pédagogique de mars");
  attach (fixture, preuve, pdf);
  attach (fixture, preuve, notes);  /* not a PDF: not read */
  link = preuves_portfolio_link (fixture->portfolio, preuve, "C1-1.1",
                                 "J'ai préparé la séance avec karim BENALI, CPE.", &error);
  g_assert_no_error (error);

  secret = add_preuve (fixture, "Entretien avec Zoé Lefèvre et Karim Benali");
  preuves_preuve_set_confidential (secret, TRUE, &error);
  g_assert_no_error (error);
  attach (fixture, secret, pdf);
  set_names (fixture);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  PreuvesNameFinding *finding;
  guint unreadable = 99;

  make_named_portfolio (fixture);
  preuves_names_check_async (fixture->portfolio, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  findings = preuves_names_check_finish (fixture->portfolio, result, &unreadable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unreadable, ==, 0);

  /* Nothing from the confidential preuve, nothing from the text file. */
  g_assert_cmpuint (findings->len, ==, 2);
  finding = findings->pdata[0];
  g_assert_cmpstr (finding->name, ==, "Karim Benali");
  g_assert_cmpint (finding->place, ==, PREUVES_NAME_PLACE_JUSTIFICATION);
  g_assert_cmpstr (finding->label, ==, "Conseil pédagogique de mars");
  g_assert_cmpstr (finding->detail, ==, "C1-1.1");
  g_assert_nonnull (strstr (finding->excerpt, "karim BENALI"));

  finding = findings->pdata[1];
  g_assert_cmpstr (finding->name, ==, "Zoé Lefèvre");
  g_assert_cmpint (finding->place, ==, PREUVES_NAME_PLACE_ATTACHMENT);
  g_assert_cmpstr (finding->detail, ==, "compte-rendu.pdf");
  g_assert_cmpuint (finding->page, ==, 2);
  g_assert_nonnull (strstr (finding->excerpt, "ZOE LEFEVRE"));
}

/* The names list is edited from the command line, and privacy-check
 * exits 1 while a name is found, 0 once the candidate has anonymised. */
static int
run_cli (const char  *cli,
         char       **out,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *) cli);
  va_start (args, out);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  const char *cli = g_getenv ("PREUVES_CLI");
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *findings;

  if (cli == NULL)
    {
      g_test_skip ("PREUVES_CLI is not set");
      return;
    }
  make_named_portfolio (fixture);
  preuves_portfolio_close (fixture->portfolio);

  g_assert_cmpint (run_cli (cli, &out, "privacy-check", fixture->path, "--json", NULL), ==, 1);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  findings = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 2);
  g_clear_pointer (&out, g_free);

  /* Anonymised: the names are no longer listed, nothing is found. */
  g_assert_cmpint (run_cli (cli, NULL, "names", fixture->path, "remove", "Zoé Lefèvre", NULL), ==, 0);
  g_assert_cmpint (run_cli (cli, NULL, "names", fixture->path, "remove", "Karim Benali", NULL), ==, 0);
  g_assert_cmpint (run_cli (cli, NULL, "names", fixture->path, "remove", "Nobody", NULL), ==, 2);
  g_assert_cmpint (run_cli (cli, NULL, "names", fixture->path, "add", "Hugo Nadal", NULL), ==, 0);
  g_assert_cmpint (run_cli (cli, &out, "names", fixture->path, "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Personne Absente\nHugo Nadal\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (cli, &out, "privacy-check", fixture->path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "None of the names was found."));
}

/* ---- Deleted bytes -------------------------------------------------------- */

static void
test_secure_delete (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *marker = g_strdup_printf ("PREUVES-PRIVATE-%08x%08x", g_random_int (), g_random_int ());
  g_autofree char *doc = g_build_filename (fixture->dir, "bulletin.txt", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.preuves", NULL);
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy);
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesAttachment) attachment = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PreuvesPreuve *preuve;

  /* The connection wipes freed pages. */
  stmt = preuves_portfolio_prepare (fixture->portfolio, "PRAGMA secure_delete", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);

  /* Half a megabyte that names someone, over several pages. */
  while (contents->len < 512 * 1024)
    g_string_append_printf (contents, "%s : appréciation confidentielle.\n", marker);
  g_assert_true (g_file_set_contents (doc, contents->str, contents->len, NULL));
  preuve = add_preuve (fixture, "Bulletins");
  {
    g_autoptr(GFile) file = g_file_new_for_path (doc);

    attachment = preuves_portfolio_attach_file (fixture->portfolio, preuve, file, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_true (preuves_test_file_contains (fixture->path, marker));

  g_assert_true (preuves_portfolio_remove_attachment (fixture->portfolio, attachment, &error));
  g_assert_no_error (error);
  g_assert_true (preuves_portfolio_purge_deleted (fixture->portfolio, &error));
  g_assert_no_error (error);
  preuves_portfolio_close (fixture->portfolio);

  g_assert_false (preuves_test_file_contains (fixture->path, marker));
  g_assert_true (preuves_portfolio_file_save_copy (preuves_portfolio_get_file (fixture->portfolio),
                                                   copy_file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (preuves_test_file_contains (copy, marker));
}

/* ---- No network ------------------------------------------------------------ */

static void
collect_sources (const char *dir,
                 GPtrArray  *paths)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_sources (path, paths);
      else if (g_str_has_suffix (name, ".c") || g_str_has_suffix (name, ".h") ||
               g_str_has_suffix (name, ".build") || g_str_has_suffix (name, ".ui"))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

/* Every API that reaches another machine. The probe client's GSocket is a
 * local socket pair to a child process, and stays allowed. */
static const char * const network_apis[] = {
  "GSocketClient", "g_socket_client", "GSocketService", "g_socket_service",
  "GSocketListener", "g_socket_listener", "g_socket_connect (", "GNetworkMonitor",
  "g_network_", "GResolver", "g_resolver", "g_inet_", "GInetSocketAddress",
  "GProxy", "g_proxy", "GDBusServer", "soup", "curl", "getaddrinfo", "gethostbyname",
  "AF_INET", "webkit", "GTlsConnection", "g_tls_",
};

static void
test_no_network_in_code (void)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "..", "src", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_test (src, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the source tree is not available");
      return;
    }
  collect_sources (src, paths);
  g_assert_cmpuint (paths->len, >, 10);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_file_get_contents (paths->pdata[i], &contents, NULL, NULL));
      lines = g_strsplit (contents, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        for (guint n = 0; n < G_N_ELEMENTS (network_apis); n++)
          if (strstr (lines[l], network_apis[n]) != NULL)
            g_error ("%s:%u uses %s: Preuves must never touch the network", (char *) paths->pdata[i], l + 1,
                     network_apis[n]);
    }

  /* And the probe, inside Flatpak, gets a sandbox without network. */
  {
    g_autofree char *client = g_build_filename (src, "core", "preuves-pdf-probe-client.c", NULL);

    g_assert_true (preuves_test_file_contains (client, "\"--no-network\""));
  }
}

static void
test_no_network_in_flatpak (void)
{
  g_autofree char *manifest = g_test_build_filename (G_TEST_DIST, "..", "flatpak",
                                                     "io.github.preuves.Preuves.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *finish_args;

  if (!g_file_test (manifest, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the Flatpak manifest is not available");
      return;
    }
  g_assert_false (preuves_test_file_contains (manifest, "--share=network"));
  g_assert_true (json_parser_load_from_file (parser, manifest, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  finish_args = json_object_get_array_member (root, "finish-args");
  for (guint i = 0; i < json_array_get_length (finish_args); i++)
    {
      const char *arg = json_array_get_string_element (finish_args, i);

      g_test_message ("finish-arg: %s", arg);
      g_assert_false (g_str_has_prefix (arg, "--share=network"));
      g_assert_false (g_str_has_prefix (arg, "--filesystem=home"));
      g_assert_false (g_str_has_prefix (arg, "--filesystem=host"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/privacy/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/privacy/find", test_find);
  ADD ("check", test_check);
  ADD ("cli", test_cli);
  ADD ("secure-delete", test_secure_delete);
  g_test_add_func ("/privacy/no-network/code", test_no_network_in_code);
  g_test_add_func ("/privacy/no-network/flatpak", test_no_network_in_flatpak);

  return g_test_run ();
}
