/* screenshots.c — renders the main views of Preuves to PNG files
 *
 * Used by build-aux/screenshots for the README and the AppStream
 * metainfo. Renders in-process (widget paintable → GSK renderer → PNG),
 * so the pictures do not depend on a window manager.
 *
 *   preuves-screenshots OUTDIR DEMO.preuves SUFFIX
 *
 * writes OUTDIR/welcome-SUFFIX.png, library-SUFFIX.png, overview-…,
 * bloc-…, preuves-…, matrix-…, rehearsal-…, narrow-…, preferences-… and
 * shortcuts-SUFFIX.png
 * (welcome.png … when SUFFIX is empty).
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "preuves-application.h"
#include "preuves-i18n.h"
#include "preuves-portfolio-file.h"
#include "preuves-preferences-window.h"
#include "preuves-window-private.h"

static const char *outdir;
static const char *suffix;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Lets pages load (some compute in threads) and the frame clock settle. */
static void
settle (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for_view (PreuvesWindow *window,
               const char    *view)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_strcmp0 (preuves_window_get_view (window), view) != 0 || window->n_busy > 0)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The window never showed “%s”", view);
      g_main_context_iteration (NULL, TRUE);
    }
  settle (600);
}

/* A window that was not laid out yet, or a widget paintable made while a
 * relayout is pending, gives nothing: let the frame clock run and take it
 * again. */
static GskRenderNode *
snapshot_window (GtkWidget *widget,
                 int       *width,
                 int       *height)
{
  for (guint attempt = 0; attempt < 200; attempt++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      GskRenderNode *node;

      *width = gtk_widget_get_width (widget);
      *height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), *width, *height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node != NULL && *width > 0 && *height > 0)
        return node;
      g_clear_pointer (&node, gsk_render_node_unref);
      settle (100);
    }

  return NULL;
}

static void
render (gpointer    window,
        const char *name)
{
  GtkWidget *widget = GTK_WIDGET (window);
  int width, height;
  g_autoptr(GskRenderNode) node = snapshot_window (widget, &width, &height);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *basename = *suffix != '\0' ? g_strdup_printf ("%s-%s.png", name, suffix)
                                                : g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (outdir, basename, NULL);

  if (node == NULL)
    g_error ("Nothing to render for %s", name);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Cannot write %s", path);

  g_print ("%s\n", path);
}

static void
show (PreuvesWindow *window,
      const char    *action,
      const char    *parameter)
{
  if (parameter != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), action, "s", parameter);
  else
    gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
  settle (600);
}

static void
render_portfolio_views (PreuvesWindow *window)
{
  GListModel *preuves = preuves_portfolio_get_preuves (preuves_window_get_portfolio (window));

  show (window, "win.show-overview", NULL);
  render (window, "overview");
  show (window, "win.show-bloc", "B1");
  render (window, "bloc");

  if (g_list_model_get_n_items (preuves) > 0)
    {
      g_autoptr(PreuvesPreuve) first = g_list_model_get_item (preuves, 0);

      show (window, "win.show-preuve", preuves_preuve_get_uuid (first));
    }
  else
    show (window, "win.show-preuves", NULL);
  render (window, "preuves");

  show (window, "win.show-matrix", NULL);
  render (window, "matrix");
  show (window, "win.show-rehearsal", "bloc2");
  render (window, "rehearsal");
}

/* Down to a phone-sized window, the leaflet folds to the sidebar. A
 * window of its own: resizing a mapped one leaves a margin in the picture. */
static void
render_narrow (PreuvesApplication *app,
               GFile              *portfolio)
{
  PreuvesWindow *window = preuves_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 760);
  gtk_window_present (GTK_WINDOW (window));
  preuves_window_open_portfolio (window, portfolio);
  wait_for_view (window, "portfolio");
  render (window, "narrow");
  /* Folded twice: the preuves list first, then a preuve's editor, each
   * with a single back button. */
  show (window, "win.show-preuves", NULL);
  render (window, "narrow-preuves");
  if (g_list_model_get_n_items (preuves_portfolio_get_preuves (preuves_window_get_portfolio (window))) > 0)
    {
      g_autoptr(PreuvesPreuve) first = g_list_model_get_item (preuves_portfolio_get_preuves (preuves_window_get_portfolio (window)), 0);

      show (window, "win.show-preuve", preuves_preuve_get_uuid (first));
      render (window, "narrow-editor");
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The preferences and the shortcuts, over the main window. */
static void
render_dialogs (PreuvesApplication *app,
                PreuvesWindow      *window)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.preuves.Preuves");
  GtkWindow *prefs = GTK_WINDOW (preuves_preferences_window_new (settings));
  GtkWindow *shortcuts = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  gtk_window_set_transient_for (prefs, GTK_WINDOW (window));
  gtk_window_present (prefs);
  settle (600);
  render (prefs, "preferences");
  gtk_window_destroy (prefs);

  gtk_window_present (shortcuts);
  settle (600);
  render (shortcuts, "shortcuts");
  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);
}

/* The demo goes into the library the way an import does, without the
 * toast an import shows (it would cover the pictures). */
static GFile *
import_demo (PreuvesApplication *app,
             GFile              *demo)
{
  PreuvesLibrary *library = preuves_application_get_library (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dest = NULL;

  dest = preuves_library_dup_new_file (library, "demo", &error);
  if (dest == NULL ||
      !preuves_portfolio_file_import (demo, dest, NULL, NULL, NULL, &error))
    g_error ("Cannot import the demo: %s", error->message);

  preuves_library_reload (library);

  return g_steal_pointer (&dest);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PreuvesApplication) app = NULL;
  g_autoptr(GFile) demo = NULL;
  g_autoptr(GFile) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *library = NULL;
  PreuvesWindow *window;

  if (argc != 4)
    {
      g_printerr ("usage: %s OUTDIR DEMO.preuves SUFFIX\n", argv[0]);
      return 2;
    }
  outdir = argv[1];
  demo = g_file_new_for_commandline_arg (argv[2]);
  suffix = argv[3];

  preuves_i18n_init ();

  /* A library of its own, so the pictures never show anyone's portfolios. */
  library = g_dir_make_tmp ("preuves-screenshots-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("PREUVES_LIBRARY_DIR", library, TRUE);
  g_mkdir_with_parents (outdir, 0755);

  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = preuves_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = preuves_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_view (window, "welcome");
  render (window, "welcome");

  imported = import_demo (app, demo);
  preuves_window_open_portfolio (window, imported);
  wait_for_view (window, "portfolio");
  render_portfolio_views (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-portfolio", NULL);
  wait_for_view (window, "library");
  render (window, "library");
  render_dialogs (app, window);
  gtk_window_destroy (GTK_WINDOW (window));

  render_narrow (app, imported);
  settle (100);
  g_application_quit (G_APPLICATION (app));

  /* The temporary library holds the imported copy of the demo. */
  {
    g_autoptr(GDir) dir = g_dir_open (library, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (library, name, NULL);
        g_unlink (path);
      }
    g_rmdir (library);
  }

  return 0;
}
