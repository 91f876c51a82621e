/* test-review-ui.c — the advisor's review in the window: the read-only
 * note, the statuses of a bloc, remarks and the changes since the review
 *
 * With PREUVES_REVIEW_SCREENSHOTS=DIR, also renders the advisor's views to
 * DIR/review-*.png (for looking at them in each language).
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "preuves-application.h"
#include "preuves-assessment.h"
#include "preuves-changes.h"
#include "preuves-changes-page.h"
#include "preuves-library.h"
#include "preuves-merge-action.h"
#include "preuves-portfolio-file.h"
#include "preuves-preuve-editor.h"
#include "preuves-remarks-list.h"
#include "preuves-review-note.h"
#include "preuves-review-panel.h"
#include "preuves-review.h"
#include "preuves-window-private.h"

static PreuvesApplication *app;
static char *tmp_dir;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets pages load and lay out; asserts nothing about time. */
static void
settle (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first visible list: an AdwPreferencesGroup keeps a hidden one of
 * its own before the lists it is given. */
static GtkListBox *
first_list (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget) && gtk_widget_get_visible (widget))
    return GTK_LIST_BOX (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox *found = first_list (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_titled (GtkWidget  *widget,
             const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_titled (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_rows (GtkWidget *widget)
{
  GtkListBox *list = first_list (widget);
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static void
render (PreuvesWindow *window,
        const char    *name)
{
  const char *dir = g_getenv ("PREUVES_REVIEW_SCREENSHOTS");
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  settle (500);
  /* A paintable taken while a relayout is pending holds nothing yet. */
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      g_clear_object (&paintable);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                              gtk_widget_get_width (widget), gtk_widget_get_height (widget));
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        settle (100);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                              gtk_widget_get_height (widget)));
  file = g_strdup_printf ("review-%s-%s.png", name, g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "C");
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Camille's portfolio, reviewed once, then changed by Camille. */
static GFile *
make_reviewed_portfolio (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "camille.preuves", NULL);
  GFile *file = g_file_new_for_path (path);
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  PreuvesPreuve *plan;

  g_unlink (path);
  portfolio = preuves_portfolio_create (file, "Camille Martin", PREUVES_PATH_VAE, &error);
  g_assert_no_error (error);
  plan = preuves_portfolio_add_preuve (portfolio, "Plan de formation", &error);
  preuves_portfolio_link (portfolio, plan, "C1-1.1", "Le plan analyse les besoins.", &error);
  g_assert_no_error (error);
  g_assert_true (preuves_portfolio_record_review (portfolio, &error));
  g_assert_nonnull (preuves_portfolio_add_preuve (portfolio, "Comité de pilotage", &error));
  g_assert_true (preuves_preuve_set_title (plan, "Plan de formation 2026", &error));
  preuves_portfolio_set_role (portfolio, PREUVES_ROLE_ADVISOR);
  preuves_portfolio_set_author (portfolio, "Dominique Conseil");
  g_free (preuves_portfolio_add_remark (portfolio, PREUVES_REMARK_ROLE_ADVISOR, "bloc", "B1", 0,
                                        "Bon début : précisez les sources du diagnostic.", &error));
  g_assert_no_error (error);
  preuves_portfolio_close (portfolio);
  return file;
}

static PreuvesWindow *
open_portfolio (GFile *file)
{
  PreuvesWindow *window = g_object_ref (preuves_window_new (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  preuves_window_open_portfolio (window, file);
  while (g_strcmp0 (preuves_window_get_view (window), "portfolio") != 0 || window->n_busy > 0)
    g_main_context_iteration (NULL, TRUE);
  settle (300);
  return window;
}

static void
close_window (PreuvesWindow *window)
{
  while (window->n_busy > 0)
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (window);
}

static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t point;

  settle (300);
  g_assert_true (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y - 12);
  settle (300);
}

static void
scroll_to_end (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  settle (300);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  settle (300);
}

/* The library of an advisor says when each portfolio was last reviewed. */
static void
test_library_last_review (void)
{
  PreuvesLibrary *library = preuves_application_get_library (app);
  g_autoptr(GFile) file = make_reviewed_portfolio ();
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  copy = preuves_library_dup_new_file (library, "Camille Martin", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_copy (file, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  preuves_library_reload (library);
  while (preuves_library_get_loading (library))
    g_main_context_iteration (NULL, TRUE);
  info = preuves_library_lookup (library, copy);
  g_assert_nonnull (info);
  g_assert_cmpstr (g_file_info_get_attribute_string (info, PREUVES_LIBRARY_ATTRIBUTE_CANDIDATE), ==, "Camille Martin");
  g_assert_cmpint (g_file_info_get_attribute_int64 (info, PREUVES_LIBRARY_ATTRIBUTE_LAST_REVIEW), >, 0);
}

static void
test_advisor_review (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.preuves.Preuves");
  g_autoptr(GFile) file = make_reviewed_portfolio ();
  PreuvesWindow *window;
  GtkWidget *note, *bloc_page, *panel, *remarks, *changes;
  AdwComboRow *first;

  g_settings_set_string (settings, "user-role", "advisor");
  window = open_portfolio (file);
  note = find_descendant (GTK_WIDGET (window->content), PREUVES_TYPE_REVIEW_NOTE);
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (find_descendant (note, GTK_TYPE_LABEL))),
                            "Camille Martin"));
  render (window, "overview");

  /* The bloc page: statuses may be set, the remark is listed. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-bloc", "s", "B1");
  settle (300);
  bloc_page = gtk_stack_get_visible_child (window->content_stack);
  panel = find_descendant (bloc_page, PREUVES_TYPE_REVIEW_PANEL);
  remarks = find_descendant (bloc_page, PREUVES_TYPE_REMARKS_LIST);
  g_assert_cmpuint (count_rows (panel), >, 5);
  g_assert_cmpuint (count_rows (remarks), ==, 1);
  first = ADW_COMBO_ROW (gtk_list_box_get_row_at_index (first_list (panel), 0));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (first)));
  adw_combo_row_set_selected (first, 1);
  g_assert_cmpint (preuves_portfolio_get_competence_status (preuves_window_get_portfolio (window), "C1-1.1"),
                   ==, PREUVES_COMPETENCE_STATUS_ACQUIRED);
  scroll_to (panel);
  render (window, "statuses");
  scroll_to_end (remarks);
  render (window, "remarks");

  /* Remarks on a page of the written document, chosen in the panel. */
  {
    g_autoptr(GError) error = NULL;
    AdwComboRow *about = ADW_COMBO_ROW (find_titled (panel, _("Remarks About")));

    g_assert_nonnull (about);
    adw_combo_row_set_selected (about, 1);
    g_assert_cmpuint (count_rows (remarks), ==, 0);
    g_free (preuves_portfolio_add_remark (preuves_window_get_portfolio (window), PREUVES_REMARK_ROLE_ADVISOR,
                                          "document", "bloc1", 3, "Page 3 : la conclusion manque.", &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_rows (remarks), ==, 1);
    scroll_to_end (remarks);
    render (window, "document-remarks");
  }

  /* A preuve: read-only fields, and its remarks. */
  {
    g_autoptr(PreuvesPreuve) preuve = g_list_model_get_item (preuves_portfolio_get_preuves (preuves_window_get_portfolio (window)), 0);
    g_autoptr(GError) error = NULL;
    g_autofree char *uuid = NULL;
    GtkWidget *editor, *on_preuve;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-preuve", "s", preuves_preuve_get_uuid (preuve));
    settle (300);
    editor = find_descendant (gtk_stack_get_visible_child (window->content_stack), PREUVES_TYPE_PREUVE_EDITOR);
    on_preuve = find_descendant (editor, PREUVES_TYPE_REMARKS_LIST);
    g_assert_false (gtk_widget_is_sensitive (find_descendant (editor, ADW_TYPE_ENTRY_ROW)));
    uuid = preuves_portfolio_add_remark (preuves_window_get_portfolio (window), PREUVES_REMARK_ROLE_ADVISOR,
                                         "preuve", preuves_preuve_get_uuid (preuve), 0,
                                         "Joindre la version signée du plan.", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count_rows (on_preuve), ==, 1);
    scroll_to_end (on_preuve);
    render (window, "preuve");
  }

  /* What Camille changed since the review. */
  gtk_stack_set_visible_child_name (window->content_stack, "changes");
  changes = find_descendant (gtk_stack_get_visible_child (window->content_stack), PREUVES_TYPE_CHANGES_PAGE);
  g_assert_cmpuint (count_rows (changes), ==, 2);
  render (window, "changes");

  /* Sending the reviewed copy back ends the review. */
  {
    g_autofree char *path = g_build_filename (tmp_dir, "camille-reviewed.preuves", NULL);
    g_autoptr(GFile) reviewed = g_file_new_for_path (path);

    preuves_window_export_copy (window, reviewed);
    while (window->n_busy > 0)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (g_file_query_exists (reviewed, NULL));
    g_assert_cmpuint (count_rows (changes), ==, 0);
  }

  /* Back as the candidate: no note, statuses read-only. */
  g_settings_set_string (settings, "user-role", "candidate");
  settle (100);
  g_assert_false (gtk_widget_get_visible (note));
  close_window (window);
  window = open_portfolio (file);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-bloc", "s", "B1");
  settle (300);
  panel = find_descendant (gtk_stack_get_visible_child (window->content_stack), PREUVES_TYPE_REVIEW_PANEL);
  first = ADW_COMBO_ROW (gtk_list_box_get_row_at_index (first_list (panel), 0));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (first)));
  g_assert_cmpuint (adw_combo_row_get_selected (first), ==, 1);
  close_window (window);
}

/* The candidate merges the advisor's reviewed copy from the menu's
 * action: the window reopens the portfolio with the remarks in it. */
static void
test_candidate_merges (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.preuves.Preuves");
  g_autoptr(GFile) file = make_reviewed_portfolio ();
  g_autofree char *path = g_build_filename (tmp_dir, "from-advisor.preuves", NULL);
  g_autoptr(GFile) reviewed = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) remarks = NULL;
  PreuvesPortfolio *before;
  PreuvesWindow *window;

  g_unlink (path);
  g_assert_true (preuves_portfolio_file_save_copy (file, reviewed, NULL, &error));
  {
    g_autoptr(PreuvesPortfolio) advisor = preuves_portfolio_open (reviewed, &error);

    g_assert_no_error (error);
    preuves_portfolio_set_role (advisor, PREUVES_ROLE_ADVISOR);
    g_free (preuves_portfolio_add_remark (advisor, PREUVES_REMARK_ROLE_ADVISOR, "sous-competence", "C1-1.1", 0,
                                          "Citez vos sources.", &error));
    g_assert_true (preuves_portfolio_set_competence_status (advisor, "C1-1.1", PREUVES_COMPETENCE_STATUS_REWORK, &error));
    preuves_portfolio_close (advisor);
  }

  g_settings_set_string (settings, "user-role", "candidate");
  window = open_portfolio (file);
  before = preuves_window_get_portfolio (window);
  preuves_merge_action_merge (window, reviewed);
  while (preuves_window_get_portfolio (window) == before)
    g_main_context_iteration (NULL, TRUE);
  remarks = preuves_portfolio_list_remarks (preuves_window_get_portfolio (window), "sous-competence", "C1-1.1");
  g_assert_cmpuint (remarks->len, ==, 1);
  g_assert_cmpint (preuves_portfolio_get_competence_status (preuves_window_get_portfolio (window), "C1-1.1"),
                   ==, PREUVES_COMPETENCE_STATUS_REWORK);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *library = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PREUVES_LOCALEDIR") ? g_getenv ("PREUVES_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  tmp_dir = g_dir_make_tmp ("preuves-test-review-ui-XXXXXX", &error);
  g_assert_no_error (error);
  library = g_build_filename (tmp_dir, "library", NULL);
  g_assert_true (g_mkdir_with_parents (library, 0700) == 0);
  g_setenv ("PREUVES_LIBRARY_DIR", library, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  app = preuves_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/review-ui/advisor", test_advisor_review);
  g_test_add_func ("/review-ui/library-last-review", test_library_last_review);
  g_test_add_func ("/review-ui/candidate-merges", test_candidate_merges);
  status = g_test_run ();

  g_object_unref (app);
  g_free (tmp_dir);
  return status;
}
