/* test-export-ui.c — the window's exports for the jury, under Xvfb
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <poppler.h>
#include <string.h>

#include "gui-test-util.h"
#include "pdf-fixtures.h"
#include "portfolio-test-util.h"
#include "preuves-application.h"
#include "preuves-portfolio.h"
#include "preuves-window-private.h"
#include "raw-pdf.h"

static char *library_dir;
static PreuvesApplication *app;

static gboolean
window_idle (gpointer data)
{
  PreuvesWindow *window = data;

  return window->n_busy == 0 && !preuves_library_get_loading (preuves_application_get_library (app)) &&
         !gtk_widget_get_visible (GTK_WIDGET (window->progress_bar));
}

static gboolean
shows_portfolio (gpointer data)
{
  return g_strcmp0 (preuves_window_get_view (data), "portfolio") == 0 && window_idle (data);
}

static guint
count_pdfs (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    n += g_str_has_suffix (name, ".pdf") ? 1 : 0;
  return n;
}

static void
link_to (PreuvesPortfolio *portfolio,
         PreuvesPreuve    *preuve,
         const char       *sous_competence,
         const char       *justification)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesLink) made = preuves_portfolio_link (portfolio, preuve, sous_competence, justification, &error);

  g_assert_no_error (error);
  g_assert_nonnull (made);
}

static GFile *
make_portfolio (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (library_dir, "jury.preuves", NULL);
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(GError) error = NULL;
  PreuvesPreuve *shown, *secret;

  portfolio = preuves_portfolio_create (file, "Dominique Essai", PREUVES_PATH_VAE, &error);
  g_assert_no_error (error);
  shown = preuves_portfolio_add_preuve (portfolio, "Tableau de bord", &error);
  g_assert_no_error (error);
  link_to (portfolio, shown, "C1-1.1", "Indicateurs suivis");
  secret = preuves_portfolio_add_preuve (portfolio, "Dossier Zorglub", &error);
  g_assert_no_error (error);
  link_to (portfolio, secret, "C1-1.2", "Secret");
  preuves_preuve_set_confidential (secret, TRUE, &error);
  g_assert_no_error (error);
  preuves_portfolio_close (portfolio);
  return g_steal_pointer (&file);
}

/* Each test may run alone: the portfolio is made once. */
static GFile *
ensure_portfolio (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (library_dir, "jury.preuves", NULL);

  if (g_file_query_exists (file, NULL))
    return g_steal_pointer (&file);
  return make_portfolio ();
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_object_unref (page);
    }
  g_object_unref (document);
  return g_string_free (text, FALSE);
}

static void
test_export_actions (void)
{
  g_autoptr(GFile) file = ensure_portfolio ();
  g_autofree char *report = g_build_filename (library_dir, "..", "report.pdf", NULL);
  g_autofree char *deposit = g_build_filename (library_dir, "..", "depot", NULL);
  g_autofree char *text = NULL;
  g_autofree char *printed = g_build_filename (library_dir, "..", "printed.pdf", NULL);
  g_autoptr(GFile) report_file = g_file_new_for_path (report);
  g_autoptr(GFile) printed_file = g_file_new_for_path (printed);
  g_autoptr(GFile) deposit_dir = g_file_new_for_path (deposit);
  PreuvesWindow *window;

  window = g_object_ref (preuves_window_new (app));
  gtk_window_present (GTK_WINDOW (window));
  preuves_test_spin_until (window_idle, window);
  /* No portfolio, no export. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export-report"));

  preuves_window_open_portfolio (window, file);
  preuves_test_spin_until (shows_portfolio, window);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export-report"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export-deposit"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "print-report"));

  preuves_export_controller_write_report (window->export_controller, report_file, FALSE);
  preuves_test_spin_until (window_idle, window);
  g_assert_true (g_file_test (report, G_FILE_TEST_EXISTS));
  text = pdf_text (report);
  g_assert_nonnull (strstr (text, "Dominique Essai"));
  g_assert_null (strstr (text, "Zorglub"));

  /* Printing draws the report's own pages, numbered. */
  preuves_export_controller_print_to_pdf (window->export_controller, printed_file, FALSE);
  preuves_test_spin_until (window_idle, window);
  g_free (text);
  text = pdf_text (printed);
  g_assert_nonnull (strstr (text, "Page 1 / "));
  g_assert_nonnull (strstr (text, "Indicateurs suivis"));
  g_assert_null (strstr (text, "Zorglub"));

  /* The progress bar shows until the deposit is written. */
  preuves_export_controller_write_deposit (window->export_controller, deposit_dir, FALSE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->progress_bar)));
  preuves_test_spin_until (window_idle, window);
  g_assert_cmpuint (count_pdfs (deposit), ==, 4);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-portfolio", NULL);
  preuves_test_spin_until (window_idle, window);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export-report"));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Closing the window while the deposit is written ends quietly: the
 * export finishes, then lets go of its controller. */
static void
test_close_while_exporting (void)
{
  g_autoptr(GFile) file = ensure_portfolio ();
  g_autofree char *deposit = g_build_filename (library_dir, "..", "depot-closed", NULL);
  g_autoptr(GFile) deposit_dir = g_file_new_for_path (deposit);
  PreuvesExportController *controller = NULL;
  PreuvesWindow *window;

  window = g_object_ref (preuves_window_new (app));
  gtk_window_present (GTK_WINDOW (window));
  preuves_test_spin_until (window_idle, window);
  preuves_window_open_portfolio (window, file);
  preuves_test_spin_until (shows_portfolio, window);

  g_set_weak_pointer (&controller, window->export_controller);
  preuves_export_controller_write_deposit (window->export_controller, deposit_dir, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  preuves_test_spin_until (is_null, &controller);
  g_assert_cmpuint (count_pdfs (deposit), ==, 4);
}

/* A preuve with a good PDF and one that poppler takes forever to draw. */
static GFile *
make_hostile_portfolio (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (library_dir, "hostile.preuves", NULL);
  g_autofree char *endless = g_build_filename (library_dir, "..", "formulaire.pdf", NULL);
  g_autofree char *good = g_build_filename (library_dir, "..", "planning.pdf", NULL);
  PdfPageSpec pages[] = { { "Planning de l’année", FALSE } };
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(GError) error = NULL;
  PreuvesPreuve *preuve;

  preuves_test_make_endless_pdf (endless);
  g_assert_true (preuves_test_make_pdf (good, pages, G_N_ELEMENTS (pages), NULL, 0, &error));
  portfolio = preuves_portfolio_create (file, "Camille Essai", PREUVES_PATH_VAE, &error);
  g_assert_no_error (error);
  preuve = preuves_portfolio_add_preuve (portfolio, "Inscriptions", &error);
  g_assert_no_error (error);
  link_to (portfolio, preuve, "C1-1.1", "Le formulaire et le planning");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GFile) document = g_file_new_for_path (i == 0 ? endless : good);
      g_autoptr(PreuvesAttachment) attachment = preuves_portfolio_attach_file (portfolio, preuve, document,
                                                                               NULL, &error);

      g_assert_no_error (error);
    }
  preuves_portfolio_close (portfolio);
  return g_steal_pointer (&file);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
shows_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* One document that stops the PDF checker: the deposit is written, and a
 * dialog names that document and says why it is not in. */
static void
test_deposit_left_out (void)
{
  g_autoptr(GFile) file = make_hostile_portfolio ();
  g_autofree char *deposit = g_build_filename (library_dir, "..", "depot-hostile", NULL);
  g_autoptr(GFile) deposit_dir = g_file_new_for_path (deposit);
  AdwMessageDialog *dialog;
  const char *body;
  PreuvesWindow *window;

  window = g_object_ref (preuves_window_new (app));
  gtk_window_present (GTK_WINDOW (window));
  preuves_window_open_portfolio (window, file);
  preuves_test_spin_until (shows_portfolio, window);

  preuves_export_controller_write_deposit (window->export_controller, deposit_dir, FALSE);
  preuves_test_spin_until (shows_message_dialog, NULL);

  dialog = find_message_dialog ();
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "formulaire.pdf"));
  g_assert_nonnull (strstr (body, "Inscriptions"));
  g_assert_nonnull (strstr (body, "took too long"));
  g_assert_null (strstr (body, "planning.pdf"));
  g_assert_cmpuint (count_pdfs (deposit), ==, 4);

  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  int status;

  tmp = g_dir_make_tmp ("preuves-test-export-ui-XXXXXX", &error);
  g_assert_no_error (error);
  library_dir = g_build_filename (tmp, "library", NULL);
  g_assert_true (g_mkdir_with_parents (library_dir, 0700) == 0);
  g_setenv ("PREUVES_LIBRARY_DIR", library_dir, TRUE);
  /* The probe gets a second for each document instead of thirty, so that
   * a document that stops it costs little; set before any thread starts. */
  g_setenv ("PREUVES_PDF_PROBE_TIMEOUT_MS", "1000", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = preuves_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/export-ui/actions", test_export_actions);
  g_test_add_func ("/export-ui/close-while-exporting", test_close_while_exporting);
  g_test_add_func ("/export-ui/deposit-left-out", test_deposit_left_out);

  status = g_test_run ();

  g_clear_object (&app);
  preuves_test_remove_dir (tmp);
  g_free (library_dir);
  return status;
}
