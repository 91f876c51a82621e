/* test-window.c — widget tests of the application shell, under Xvfb
 *
 * Builds every window (the main window in each state, preferences,
 * shortcuts, about) so that a broken template fails here, and drives the
 * main journeys: create a portfolio from the welcome page, list the
 * library, delete and undo, import and export a copy.
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gui-test-util.h"
#include "preuves-application.h"
#include "preuves-overview-page.h"
#include "preuves-portfolio.h"
#include "preuves-preferences-window.h"
#include "preuves-review.h"
#include "preuves-window-private.h"

/* Set once in main(): PREUVES_LIBRARY_DIR points into it. */
static char *library_dir;
static PreuvesApplication *app;

static void
spin_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
library_loaded (gpointer data)
{
  return !preuves_library_get_loading (preuves_application_get_library (app));
}

static gboolean
window_idle (gpointer data)
{
  PreuvesWindow *window = data;

  return window->n_busy == 0 && library_loaded (NULL);
}

static gboolean
shows_portfolio (gpointer data)
{
  return g_strcmp0 (preuves_window_get_view (data), "portfolio") == 0 && window_idle (data);
}

static gboolean
leaflet_folded (gpointer data)
{
  return adw_leaflet_get_folded (((PreuvesWindow *) data)->leaflet);
}

static gboolean
leaflet_unfolded (gpointer data)
{
  return !leaflet_folded (data);
}

static gboolean
file_missing (gpointer data)
{
  return !g_file_query_exists (data, NULL);
}

/* Empties the library folder so that each test starts from a first run. */
static void
clear_library (void)
{
  g_autoptr(GDir) dir = g_dir_open (library_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (library_dir, name, NULL);

      g_assert_no_errno (g_unlink (path));
    }
}

static void
reload_library (void)
{
  preuves_library_reload (preuves_application_get_library (app));
  preuves_test_spin_until (library_loaded, NULL);
}

static PreuvesWindow *
open_window (void)
{
  PreuvesWindow *window;

  window = g_object_ref (preuves_window_new (app));
  gtk_window_present (GTK_WINDOW (window));
  preuves_test_spin_until (window_idle, window);

  return window;
}

static PreuvesWindow *
new_window (void)
{
  clear_library ();

  return open_window ();
}

static void
destroy_window (PreuvesWindow *window)
{
  preuves_test_spin_until (window_idle, window);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_idle ();
  g_assert_finalize_object (window);
}

/* A portfolio made with the core directly, outside the app's journeys. */
static GFile *
make_portfolio (const char  *dir,
                const char  *basename,
                const char  *candidate,
                PreuvesPath  path)
{
  g_autoptr(GFile) file = g_file_new_build_filename (dir, basename, NULL);
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_mkdir_with_parents (dir, 0700) == 0);
  portfolio = preuves_portfolio_create (file, candidate, path, &error);
  g_assert_no_error (error);
  preuves_portfolio_close (portfolio);

  return g_steal_pointer (&file);
}

static void
set_mtime (GFile  *file,
           guint64 seconds)
{
  g_autoptr(GError) error = NULL;

  g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, seconds,
                               G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
}

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);

  return GTK_WIDGET (child);
}

static GListModel *
toplevels_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GListStore *found = g_list_store_new (GTK_TYPE_WINDOW);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type))
        g_list_store_append (found, window);
    }

  return G_LIST_MODEL (found);
}

static void
close_toplevels_of_type (GType type)
{
  g_autoptr(GListModel) windows = toplevels_of_type (type);

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (windows, i);

      gtk_window_destroy (window);
    }
  spin_idle ();
}

/* Tests ------------------------------------------------------------------- */

static void
test_window_first_run (void)
{
  PreuvesWindow *window = new_window ();

  /* An empty library opens on the welcome page, with no way "back". */
  g_assert_cmpstr (preuves_window_get_view (window), ==, "welcome");
  g_assert_false (preuves_welcome_page_get_can_go_back (window->welcome_page));
  g_assert_null (preuves_window_get_portfolio (window));
  g_assert_false (gtk_widget_is_sensitive (template_child (window->welcome_page,
                                                           PREUVES_TYPE_WELCOME_PAGE,
                                                           "create_button")));

  /* Portfolio actions wait for a portfolio. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-copy", NULL) &&
                  preuves_window_get_portfolio (window) != NULL);

  destroy_window (window);
}

static void
test_window_dialogs (void)
{
  PreuvesWindow *window = new_window ();
  PreuvesPreferencesWindow *prefs;
  g_autoptr(GListModel) about = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.preuves.Preuves");

  /* Preferences write straight to GSettings. */
  prefs = g_object_ref (preuves_preferences_window_new (settings));
  gtk_window_present (GTK_WINDOW (prefs));
  spin_idle ();
  gtk_editable_set_text (GTK_EDITABLE (template_child (prefs, PREUVES_TYPE_PREFERENCES_WINDOW, "name_row")),
                         "Camille Martin");
  adw_combo_row_set_selected (ADW_COMBO_ROW (template_child (prefs, PREUVES_TYPE_PREFERENCES_WINDOW, "role_row")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (template_child (prefs, PREUVES_TYPE_PREFERENCES_WINDOW, "style_row")), 2);
  {
    g_autofree char *user_name = g_settings_get_string (settings, "user-name");
    g_autofree char *user_role = g_settings_get_string (settings, "user-role");
    g_autofree char *style_variant = g_settings_get_string (settings, "style-variant");

    g_assert_cmpstr (user_name, ==, "Camille Martin");
    g_assert_cmpstr (user_role, ==, "advisor");
    g_assert_cmpstr (style_variant, ==, "dark");
  }
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_finalize_object (prefs);
  g_settings_reset (settings, "user-name");
  g_settings_reset (settings, "user-role");
  g_settings_reset (settings, "style-variant");

  /* The shortcuts window comes from gtk/help-overlay.ui in the resources. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  spin_idle ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  spin_idle ();
  about = toplevels_of_type (ADW_TYPE_ABOUT_WINDOW);
  g_assert_cmpuint (g_list_model_get_n_items (about), ==, 1);
  g_clear_object (&about);
  close_toplevels_of_type (ADW_TYPE_ABOUT_WINDOW);

  destroy_window (window);
}

static void
fill_welcome_form (PreuvesWindow *window,
                   const char    *name,
                   const char    *etablissement,
                   const char    *secteur,
                   guint          path_position)
{
  GtkWidget *page = GTK_WIDGET (window->welcome_page);
  GType type = PREUVES_TYPE_WELCOME_PAGE;

  gtk_editable_set_text (GTK_EDITABLE (template_child (page, type, "name_row")), name);
  gtk_editable_set_text (GTK_EDITABLE (template_child (page, type, "etablissement_row")), etablissement);
  gtk_editable_set_text (GTK_EDITABLE (template_child (page, type, "secteur_row")), secteur);
  adw_combo_row_set_selected (ADW_COMBO_ROW (template_child (page, type, "path_row")), path_position);
}

static void
test_window_create_portfolio (void)
{
  PreuvesWindow *window = new_window ();
  g_autoptr(PreuvesPortfolio) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  GtkWidget *button;
  int sidebar_width;
  static const char *pages[] = { "bloc-B1", "bloc-B2", "bloc-B3", "bloc-B4" };

  fill_welcome_form (window, "  Camille Martin ", "Lycée Jean Moulin", "Vie scolaire", 1);
  button = template_child (window->welcome_page, PREUVES_TYPE_WELCOME_PAGE, "create_button");
  g_assert_true (gtk_widget_is_sensitive (button));
  preuves_test_click (button);
  preuves_test_spin_until (shows_portfolio, window);

  /* The file is in the library and opens with the core. */
  g_assert_nonnull (preuves_window_get_portfolio (window));
  file = g_object_ref (preuves_portfolio_get_file (preuves_window_get_portfolio (window)));
  g_assert_true (g_file_has_parent (file, preuves_library_get_folder (preuves_application_get_library (app))));
  g_assert_cmpstr (adw_window_title_get_title (window->sidebar_title), ==, "Camille Martin");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "overview");

  /* A long name does not widen the sidebar at the expense of the pages. */
  adw_window_title_set_title (window->sidebar_title,
                              "Marie-Alexandrine de La Tour d’Auvergne (lycée professionnel Jean Moulin)");
  gtk_widget_measure (window->sidebar, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &sidebar_width, NULL, NULL);
  g_assert_cmpint (sidebar_width, <=, 300);

  /* Folded into a narrow window, the sidebar fills it all the same. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  preuves_test_spin_until (leaflet_folded, window);
  adw_leaflet_navigate (window->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  preuves_test_spin_until ((PreuvesTestCondition) gtk_widget_get_mapped, window->sidebar);
  spin_idle ();
  g_assert_cmpint (gtk_widget_get_width (adw_clamp_get_child (ADW_CLAMP (window->sidebar))), >, 300);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 740);
  preuves_test_spin_until (leaflet_unfolded, window);

  /* Every section can be shown through the window's actions. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-bloc", "s", pages[i] + strlen ("bloc-")));
      spin_idle ();
      g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, pages[i]);
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-preuves", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "preuves");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-matrix", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "matrix");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-rehearsal", "s", "finale");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "rehearsal");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-overview", NULL);
  spin_idle ();

  /* Closing goes back to the library, which now lists the portfolio. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-portfolio", NULL));
  preuves_test_spin_until (window_idle, window);
  g_assert_null (preuves_window_get_portfolio (window));
  g_assert_cmpstr (preuves_window_get_view (window), ==, "library");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (preuves_application_get_library (app))), ==, 1);

  reopened = preuves_portfolio_open (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (preuves_portfolio_get_candidate_name (reopened), ==, "Camille Martin");
  g_assert_cmpstr (preuves_portfolio_get_etablissement (reopened), ==, "Lycée Jean Moulin");
  g_assert_cmpstr (preuves_portfolio_get_secteur (reopened), ==, "Vie scolaire");
  g_assert_cmpint (preuves_portfolio_get_path (reopened), ==, PREUVES_PATH_VAE);
  preuves_portfolio_close (reopened);

  destroy_window (window);
}

static const char *
library_candidate_at (guint position)
{
  g_autoptr(GFileInfo) info = g_list_model_get_item (G_LIST_MODEL (preuves_application_get_library (app)), position);

  g_assert_nonnull (info);

  return g_intern_string (g_file_info_get_attribute_string (info, PREUVES_LIBRARY_ATTRIBUTE_CANDIDATE));
}

static void
test_window_library_order (void)
{
  PreuvesWindow *window = new_window ();
  g_autoptr(GFile) old = make_portfolio (library_dir, "old.preuves", "Alice Ancien", PREUVES_PATH_FORMATION);
  g_autoptr(GFile) recent = make_portfolio (library_dir, "recent.preuves", "Bruno Récent", PREUVES_PATH_VAE);
  g_autoptr(GFile) middle = make_portfolio (library_dir, "middle.preuves", "Chloé Milieu", PREUVES_PATH_FORMATION);
  g_autoptr(GFile) stray = g_file_new_build_filename (library_dir, "notes.txt", NULL);
  g_autoptr(GListModel) library = NULL;
  PreuvesWindow *other;

  g_assert_true (g_file_replace_contents (stray, "x", 1, NULL, FALSE, 0, NULL, NULL, NULL));
  set_mtime (old, 1700000000);
  set_mtime (middle, 1750000000);
  set_mtime (recent, 1780000000);
  reload_library ();

  library = g_object_ref (G_LIST_MODEL (preuves_application_get_library (app)));
  g_assert_cmpuint (g_list_model_get_n_items (library), ==, 3);
  g_assert_cmpstr (library_candidate_at (0), ==, "Bruno Récent");
  g_assert_cmpstr (library_candidate_at (1), ==, "Chloé Milieu");
  g_assert_cmpstr (library_candidate_at (2), ==, "Alice Ancien");

  /* A window opened on a library that has portfolios shows them. */
  other = open_window ();
  g_assert_cmpstr (preuves_window_get_view (other), ==, "library");
  destroy_window (other);

  /* The library page shows one row a portfolio, and opens it. */
  g_assert_cmpstr (preuves_window_get_view (window), ==, "welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-library", NULL));
  g_signal_emit_by_name (window->library_page, "open", middle);
  preuves_test_spin_until (shows_portfolio, window);
  g_assert_cmpstr (preuves_portfolio_get_candidate_name (preuves_window_get_portfolio (window)), ==, "Chloé Milieu");

  destroy_window (window);
}

static void
test_window_delete_undo (void)
{
  PreuvesWindow *window = new_window ();
  g_autoptr(GFile) file = make_portfolio (library_dir, "delete-me.preuves", "Denis Effacé", PREUVES_PATH_FORMATION);
  GListModel *library = G_LIST_MODEL (preuves_application_get_library (app));
  AdwToast *toast;

  reload_library ();
  g_assert_cmpuint (g_list_model_get_n_items (library), ==, 1);

  /* Undo from the toast: the portfolio is listed again and still there. */
  toast = preuves_library_page_delete (window->library_page, file);
  g_assert_nonnull (toast);
  g_assert_cmpuint (g_list_model_get_n_items (library), ==, 0);
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
  spin_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (library), ==, 1);
  g_assert_true (g_file_query_exists (file, NULL));
  reload_library ();
  g_assert_cmpuint (g_list_model_get_n_items (library), ==, 1);

  /* Without undo, the file goes when the toast does. */
  toast = preuves_library_page_delete (window->library_page, file);
  g_assert_nonnull (toast);
  g_assert_true (g_file_query_exists (file, NULL));
  adw_toast_dismiss (toast);
  preuves_test_spin_until (file_missing, file);
  reload_library ();
  g_assert_cmpuint (g_list_model_get_n_items (library), ==, 0);

  destroy_window (window);
}

static void
test_window_import_export (void)
{
  PreuvesWindow *window = new_window ();
  g_autofree char *outside = g_build_filename (library_dir, "..", "outside", NULL);
  g_autoptr(GFile) source = make_portfolio (outside, "from-advisor.preuves", "Élise Importée", PREUVES_PATH_VAE);
  g_autoptr(GFile) copy = g_file_new_build_filename (outside, "copy.preuves", NULL);
  g_autoptr(GFile) bogus = g_file_new_build_filename (outside, "bogus.preuves", NULL);
  g_autoptr(PreuvesPortfolio) reopened = NULL;
  g_autoptr(GListModel) dialogs = NULL;
  g_autoptr(GError) error = NULL;
  PreuvesPortfolio *imported;

  /* The file chooser, the file manager and drag and drop all import
   * through preuves_window_import_file(). */
  preuves_window_import_file (window, source);
  preuves_test_spin_until (shows_portfolio, window);
  imported = preuves_window_get_portfolio (window);
  g_assert_cmpstr (preuves_portfolio_get_candidate_name (imported), ==, "Élise Importée");
  g_assert_false (g_file_equal (preuves_portfolio_get_file (imported), source));
  g_assert_true (g_file_has_parent (preuves_portfolio_get_file (imported),
                                    preuves_library_get_folder (preuves_application_get_library (app))));

  /* Export a copy, and it opens. */
  preuves_window_export_copy (window, copy);
  preuves_test_spin_until (window_idle, window);
  reopened = preuves_portfolio_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (preuves_portfolio_get_candidate_name (reopened), ==, "Élise Importée");
  preuves_portfolio_close (reopened);

  /* A file that is not a portfolio: a dialog says so, the library is unchanged. */
  g_assert_true (g_file_replace_contents (bogus, "not a portfolio", 15, NULL, FALSE, 0, NULL, NULL, NULL));
  preuves_window_import_file (window, bogus);
  preuves_test_spin_until (window_idle, window);
  dialogs = toplevels_of_type (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpuint (g_list_model_get_n_items (dialogs), ==, 1);
  g_clear_object (&dialogs);
  close_toplevels_of_type (ADW_TYPE_MESSAGE_DIALOG);
  reload_library ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (preuves_application_get_library (app))), ==, 1);

  g_assert_no_errno (g_unlink (g_file_peek_path (copy)));
  g_assert_no_errno (g_unlink (g_file_peek_path (bogus)));
  g_assert_no_errno (g_unlink (g_file_peek_path (source)));
  g_assert_no_errno (g_rmdir (outside));

  destroy_window (window);
}

static void
test_window_user (void)
{
  PreuvesWindow *window = new_window ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.preuves.Preuves");
  g_autoptr(GFile) file = make_portfolio (library_dir, "reviewed.preuves", "Gaëlle Revue", PREUVES_PATH_VAE);
  PreuvesPortfolio *portfolio;

  /* The preferences say who edits, and as what. */
  g_settings_set_string (settings, "user-name", "Claire Conseil");
  g_settings_set_string (settings, "user-role", "advisor");
  reload_library ();
  preuves_window_open_portfolio (window, file);
  preuves_test_spin_until (shows_portfolio, window);
  portfolio = preuves_window_get_portfolio (window);
  g_assert_cmpstr (preuves_portfolio_get_author (portfolio), ==, "Claire Conseil");
  g_assert_cmpint (preuves_portfolio_get_role (portfolio), ==, PREUVES_ROLE_ADVISOR);

  /* Changing them applies to the open portfolio at once. */
  g_settings_set_string (settings, "user-name", "Gaëlle Revue");
  g_settings_set_string (settings, "user-role", "candidate");
  g_assert_cmpstr (preuves_portfolio_get_author (portfolio), ==, "Gaëlle Revue");
  g_assert_cmpint (preuves_portfolio_get_role (portfolio), ==, PREUVES_ROLE_CANDIDATE);

  g_settings_reset (settings, "user-name");
  g_settings_reset (settings, "user-role");
  destroy_window (window);
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
}

#define COMPUTATION_WAIT_MS 2000

/* Dropping the overview while the readiness of its portfolio is still being
 * computed: when the computation ends, the page that listened to it is gone
 * and must not be called. */
static void
test_window_close_while_computing (void)
{
  g_autofree char *outside = g_build_filename (library_dir, "..", "computing", NULL);
  g_autoptr(GFile) file = make_portfolio (outside, "computing.preuves", "Camille Calcul", PREUVES_PATH_FORMATION);
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = preuves_portfolio_open (file, &error);
  GtkWidget *page;
  gboolean waited = FALSE;

  g_assert_no_error (error);
  page = g_object_ref_sink (preuves_overview_page_new ());
  /* Setting the portfolio starts the first computation at once, in a thread. */
  preuves_overview_page_set_portfolio (PREUVES_OVERVIEW_PAGE (page), portfolio);
  g_assert_finalize_object (page);

  /* Not a measure of speed: only time for the computation to end. */
  g_timeout_add_once (COMPUTATION_WAIT_MS, set_true, &waited);
  preuves_test_spin_until (is_true, &waited);
  spin_idle ();

  preuves_portfolio_close (portfolio);
  g_assert_no_errno (g_unlink (g_file_peek_path (file)));
}

static void
test_window_demo (void)
{
  PreuvesWindow *window = new_window ();
  g_autofree char *outside = g_build_filename (library_dir, "..", "demo", NULL);
  g_autoptr(GFile) demo = make_portfolio (outside, "demo.preuves", "Camille Démo", PREUVES_PATH_VAE);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.preuves.Preuves");
  GListModel *library = G_LIST_MODEL (preuves_application_get_library (app));
  g_autoptr(GFile) first = NULL;

  g_setenv ("PREUVES_DEMO_PORTFOLIO", g_file_peek_path (demo), TRUE);

  /* The demo comes in as a copy in the library… */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL));
  preuves_test_spin_until (shows_portfolio, window);
  /* The header names the page the portfolio opens on. */
  g_assert_cmpstr (adw_window_title_get_title (window->content_title), ==, "Overview");
  first = g_object_ref (preuves_portfolio_get_file (preuves_window_get_portfolio (window)));
  g_assert_true (g_file_has_parent (first, preuves_library_get_folder (preuves_application_get_library (app))));
  g_assert_cmpuint (g_list_model_get_n_items (library), ==, 1);

  /* …and opening it again reopens that copy instead of adding another. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-portfolio", NULL);
  preuves_test_spin_until (window_idle, window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL));
  preuves_test_spin_until (shows_portfolio, window);
  g_assert_true (g_file_equal (preuves_portfolio_get_file (preuves_window_get_portfolio (window)), first));
  reload_library ();
  g_assert_cmpuint (g_list_model_get_n_items (library), ==, 1);

  g_settings_reset (settings, "demo-portfolio");
  g_unsetenv ("PREUVES_DEMO_PORTFOLIO");
  destroy_window (window);
  g_assert_no_errno (g_unlink (g_file_peek_path (demo)));
  g_assert_no_errno (g_rmdir (outside));
}

static void
test_window_open_file (void)
{
  g_autofree char *outside = g_build_filename (library_dir, "..", "opened", NULL);
  g_autoptr(GFile) file = NULL;
  PreuvesWindow *window;

  clear_library ();
  file = make_portfolio (outside, "from-files.preuves", "Inès Ouverte", PREUVES_PATH_FORMATION);

  /* Opening a portfolio from the file manager imports a copy and opens it. */
  g_application_open (G_APPLICATION (app), &file, 1, "");
  window = PREUVES_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  g_object_ref (window);
  preuves_test_spin_until (shows_portfolio, window);
  g_assert_cmpstr (preuves_portfolio_get_candidate_name (preuves_window_get_portfolio (window)), ==, "Inès Ouverte");
  g_assert_false (g_file_equal (preuves_portfolio_get_file (preuves_window_get_portfolio (window)), file));
  g_assert_true (g_file_query_exists (file, NULL));

  destroy_window (window);
  g_assert_no_errno (g_unlink (g_file_peek_path (file)));
  g_assert_no_errno (g_rmdir (outside));
}

static void
test_window_size_remembered (void)
{
  PreuvesWindow *window = new_window ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.preuves.Preuves");
  int width, height;

  /* Closing the window keeps its size for the next one. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_close (GTK_WINDOW (window));
  spin_idle ();
  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_finalize_object (window);

  window = open_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  destroy_window (window);
  g_settings_reset (settings, "window-size");
}

static GFile *
write_pdf (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_move_to (cr, 72, 72);
  cairo_show_text (cr, "Compte rendu du conseil pédagogique");
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_file_new_for_path (path);
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  g_assert_not_reached ();
}

static gboolean
drop_files (PreuvesWindow *window,
            GFile         *file)
{
  GSList files = { file, NULL };
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, &files);
  g_signal_emit_by_name (find_drop_target (GTK_WIDGET (window)), "drop", &value, 10.0, 10.0, &handled);

  return handled;
}

static void
test_window_drop (void)
{
  PreuvesWindow *window = new_window ();
  g_autofree char *outside = g_build_filename (library_dir, "..", "dropped", NULL);
  g_autofree char *pdf_path = g_build_filename (outside, "compte-rendu.pdf", NULL);
  g_autoptr(GFile) source = make_portfolio (outside, "dropped.preuves", "Fanny Glissée", PREUVES_PATH_FORMATION);
  g_autoptr(GFile) pdf = write_pdf (pdf_path);
  g_autoptr(PreuvesPreuve) preuve = NULL;
  GListModel *preuves;

  /* A dropped portfolio is imported and opened. */
  g_assert_true (drop_files (window, source));
  preuves_test_spin_until (shows_portfolio, window);
  g_assert_cmpstr (preuves_portfolio_get_candidate_name (preuves_window_get_portfolio (window)), ==, "Fanny Glissée");

  /* A dropped document becomes a preuve named after it, with the document attached. */
  preuves = preuves_portfolio_get_preuves (preuves_window_get_portfolio (window));
  g_assert_cmpuint (g_list_model_get_n_items (preuves), ==, 0);
  g_assert_true (drop_files (window, pdf));
  preuves_test_spin_until (window_idle, window);
  g_assert_cmpuint (g_list_model_get_n_items (preuves), ==, 1);
  preuve = g_list_model_get_item (preuves, 0);
  g_assert_cmpstr (preuves_preuve_get_title (preuve), ==, "compte-rendu");
  g_assert_cmpuint (g_list_model_get_n_items (preuves_preuve_get_attachments (preuve)), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "preuves");
  g_clear_object (&preuve);

  destroy_window (window);
  g_assert_no_errno (g_unlink (pdf_path));
  g_assert_no_errno (g_unlink (g_file_peek_path (source)));
  g_assert_no_errno (g_rmdir (outside));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  int status;

  tmp = g_dir_make_tmp ("preuves-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  library_dir = g_build_filename (tmp, "library", NULL);
  g_assert_true (g_mkdir_with_parents (library_dir, 0700) == 0);
  g_setenv ("PREUVES_LIBRARY_DIR", library_dir, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The tests dismiss toasts at once; libadwaita 1.2 can crash when a
   * toast is dismissed during its show animation. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = preuves_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/first-run", test_window_first_run);
  g_test_add_func ("/window/dialogs", test_window_dialogs);
  g_test_add_func ("/window/create-portfolio", test_window_create_portfolio);
  g_test_add_func ("/window/library-order", test_window_library_order);
  g_test_add_func ("/window/delete-undo", test_window_delete_undo);
  g_test_add_func ("/window/import-export", test_window_import_export);
  g_test_add_func ("/window/drop", test_window_drop);
  g_test_add_func ("/window/user", test_window_user);
  g_test_add_func ("/window/demo", test_window_demo);
  g_test_add_func ("/window/close-while-computing", test_window_close_while_computing);
  g_test_add_func ("/window/open-file", test_window_open_file);
  g_test_add_func ("/window/size-remembered", test_window_size_remembered);

  status = g_test_run ();

  clear_library ();
  g_rmdir (library_dir);
  g_rmdir (tmp);
  g_free (library_dir);
  g_clear_object (&app);

  return status;
}
