/* preuves-application.c — the Preuves GtkApplication
 *
 * Opening a .preuves file from the file manager imports a copy into the
 * library (DESIGN.md: the app works on its own copies, never on a file
 * reached through the document portal).
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-application.h"
#include "preuves-preferences-window.h"
#include "preuves-window.h"

struct _PreuvesApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  PreuvesLibrary *library;
  gboolean        open_demo;
};

G_DEFINE_FINAL_TYPE (PreuvesApplication, preuves_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Open the demo portfolio"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

/* The library folder: PREUVES_LIBRARY_DIR wins, so that tests and
 * screenshots never touch the user's portfolios. */
static GFile *
library_folder (void)
{
  const char *dir = g_getenv ("PREUVES_LIBRARY_DIR");

  if (dir != NULL && *dir != '\0')
    return g_file_new_for_path (dir);

  return g_file_new_build_filename (g_get_user_data_dir (), "preuves", "portfolios", NULL);
}

GFile *
preuves_application_dup_demo_file (void)
{
  const char *path = g_getenv ("PREUVES_DEMO_PORTFOLIO");

  if (path != NULL && *path != '\0')
    return g_file_new_for_path (path);

  return g_file_new_build_filename (PKGDATADIR, "demo", "demo.preuves", NULL);
}

static PreuvesWindow *
get_or_create_window (PreuvesApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (PREUVES_IS_WINDOW (window))
    return PREUVES_WINDOW (window);

  return preuves_window_new (self);
}

static void
preuves_application_activate (GApplication *app)
{
  PreuvesApplication *self = PREUVES_APPLICATION (app);
  PreuvesWindow *window = get_or_create_window (self);

  gtk_window_present (GTK_WINDOW (window));

  if (self->open_demo)
    {
      self->open_demo = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL);
    }
}

static void
preuves_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  PreuvesWindow *window = get_or_create_window (PREUVES_APPLICATION (app));

  for (int i = 0; i < n_files; i++)
    preuves_window_import_file (window, files[i]);

  gtk_window_present (GTK_WINDOW (window));
}

static int
preuves_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  PreuvesApplication *self = PREUVES_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "demo"))
    {
      g_autoptr(GError) error = NULL;

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      /* A running Preuves opens the demo itself; here, activate() will.
       * (A window made before g_application_run() would not show.) */
      if (g_application_get_is_remote (app))
        {
          g_action_group_activate_action (G_ACTION_GROUP (app), "demo", NULL);
          return 0;
        }
      self->open_demo = TRUE;
    }

  return -1;
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  PreuvesApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows lets each one save its state. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  PreuvesApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *prefs = GTK_WINDOW (preuves_preferences_window_new (self->settings));

  gtk_window_set_transient_for (prefs, parent);
  gtk_window_present (prefs);
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PreuvesApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Preuves authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Preuves"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", "The Preuves authors",
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Build the portfolio of preuves for the certification « Coordinateur opérationnel », check the written documents and see how ready each bloc is."),
                        "copyright", "© 2026 The Preuves authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
help_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) advice = NULL;

  if (gtk_show_uri_full_finish (parent, result, &error))
    return;

  /* GTK's own message ("Operation not supported") does not tell the user
   * what is missing: without a help viewer, nothing can show the pages. */
  g_debug ("Could not open the help: %s", error->message);
  advice = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                _("No help viewer is installed. Install the GNOME help viewer (Yelp) to read the help of Preuves."));
  if (PREUVES_IS_WINDOW (parent))
    preuves_window_show_error (PREUVES_WINDOW (parent), _("The Help Could Not Be Opened"), advice);
}

static void
help_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  PreuvesApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_show_uri_full (parent, "help:io.github.preuves.Preuves", GDK_CURRENT_TIME,
                     NULL, help_shown_cb, parent ? g_object_ref (parent) : NULL);
}

static void
shortcuts_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  PreuvesApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* GtkApplication loads gtk/help-overlay.ui from our resources and gives
   * every GtkApplicationWindow this action. */
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
demo_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  PreuvesWindow *window = get_or_create_window (PREUVES_APPLICATION (user_data));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
  { "preferences", preferences_activated_cb },
  { "about", about_activated_cb },
  { "help", help_activated_cb },
  { "shortcuts", shortcuts_activated_cb },
  { "demo", demo_activated_cb },
};

static gboolean
color_scheme_from_setting (GValue   *value,
                           GVariant *variant,
                           gpointer  user_data)
{
  const char *style = g_variant_get_string (variant, NULL);

  if (g_strcmp0 (style, "light") == 0)
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_strcmp0 (style, "dark") == 0)
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    g_value_set_enum (value, ADW_COLOR_SCHEME_DEFAULT);

  return TRUE;
}

static void
preuves_application_startup (GApplication *app)
{
  PreuvesApplication *self = PREUVES_APPLICATION (app);
  static const struct { const char *action; const char *accels[2]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "win.import", { "<Control>o", NULL } },
    { "win.export-copy", { "<Control><Shift>s", NULL } },
    { "win.add-preuve", { "<Control>n", NULL } },
    { "win.close-portfolio", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (preuves_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  g_settings_bind_with_mapping (self->settings, "style-variant",
                                adw_style_manager_get_default (), "color-scheme",
                                G_SETTINGS_BIND_GET, color_scheme_from_setting,
                                NULL, NULL, NULL);
}

static void
preuves_application_finalize (GObject *object)
{
  PreuvesApplication *self = PREUVES_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (preuves_application_parent_class)->finalize (object);
}

static void
preuves_application_class_init (PreuvesApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = preuves_application_finalize;

  app_class->activate = preuves_application_activate;
  app_class->open = preuves_application_open;
  app_class->startup = preuves_application_startup;
  app_class->handle_local_options = preuves_application_handle_local_options;
}

static void
preuves_application_init (PreuvesApplication *self)
{
  g_autoptr(GFile) folder = library_folder ();

  self->settings = g_settings_new ("io.github.preuves.Preuves");
  self->library = preuves_library_new (folder);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
}

PreuvesApplication *
preuves_application_new (void)
{
  return g_object_new (PREUVES_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       /* The same resources for the Devel build. */
                       "resource-base-path", "/io/github/preuves/Preuves",
                       NULL);
}

PreuvesLibrary *
preuves_application_get_library (PreuvesApplication *self)
{
  g_return_val_if_fail (PREUVES_IS_APPLICATION (self), NULL);

  return self->library;
}

GSettings *
preuves_application_get_settings (PreuvesApplication *self)
{
  g_return_val_if_fail (PREUVES_IS_APPLICATION (self), NULL);

  return self->settings;
}
