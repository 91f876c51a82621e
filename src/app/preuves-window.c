/* preuves-window.c — the main window: welcome, library and portfolio views
 *
 * A top-level stack switches between the welcome page (first run, or a new
 * portfolio), the library and the open portfolio. The portfolio view is a
 * leaflet: a sidebar of sections and a stack of pages, each page a widget
 * with a "portfolio" property bound to the window's.
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-bloc-page.h"
#include "preuves-matrix-page.h"
#include "preuves-overview-page.h"
#include "preuves-page-util.h"
#include "preuves-portfolio-file.h"
#include "preuves-changes-page.h"
#include "preuves-changes.h"
#include "preuves-merge-action.h"
#include "preuves-remarks-list.h"
#include "preuves-review-note.h"
#include "preuves-review-panel.h"
#include "preuves-review.h"
#include "preuves-window-private.h"

G_DEFINE_FINAL_TYPE (PreuvesWindow, preuves_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_PORTFOLIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const portfolio_actions[] = {
  "win.show-overview", "win.show-bloc", "win.show-preuves", "win.show-preuve",
  "win.show-matrix", "win.show-rehearsal", "win.add-preuve", "win.export-copy",
  "win.close-portfolio",
};

/* Progress ------------------------------------------------------------- */

static gboolean
pulse_cb (gpointer user_data)
{
  PreuvesWindow *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);

  return G_SOURCE_CONTINUE;
}

/* Long work shows a bar at the top of the window; work that cannot say how
 * far it is (an export, attaching a file) makes it pulse. */
static void
busy_begin (PreuvesWindow *self,
            gboolean       pulse)
{
  if (self->n_busy++ == 0)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
    }
  if (pulse && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (150, pulse_cb, self);
}

/* Returns FALSE when the window was closed while the work ran: its
 * widgets are gone, so the caller only cleans up. */
static gboolean
busy_end (PreuvesWindow *self)
{
  g_assert (self->n_busy > 0);

  if (g_cancellable_is_cancelled (self->cancellable))
    return FALSE;

  if (--self->n_busy == 0)
    {
      g_clear_handle_id (&self->pulse_id, g_source_remove);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
    }

  return TRUE;
}

static void
import_progress_cb (double   fraction,
                    gpointer user_data)
{
  PreuvesWindow *self = user_data;

  if (self->pulse_id == 0)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

/* Errors ---------------------------------------------------------------- */

void
preuves_window_show_error (PreuvesWindow *self,
                           const char    *heading,
                           const GError  *error)
{
  GtkWidget *dialog;

  g_return_if_fail (PREUVES_IS_WINDOW (self));
  g_return_if_fail (heading != NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   error != NULL ? error->message : NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Views ----------------------------------------------------------------- */

const char *
preuves_window_get_view (PreuvesWindow *self)
{
  g_return_val_if_fail (PREUVES_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

static void
show_library_or_welcome (PreuvesWindow *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->library)) == 0;

  gtk_stack_set_visible_child_name (self->main_stack, empty ? "welcome" : "library");
}

static void
library_loading_cb (PreuvesWindow *self)
{
  const char *view = preuves_window_get_view (self);

  /* The first run lands on the welcome page; later runs on the library. */
  if (!preuves_library_get_loading (self->library) && g_strcmp0 (view, "library") == 0)
    show_library_or_welcome (self);
}

static void
library_items_changed_cb (PreuvesWindow *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->library));

  preuves_welcome_page_set_can_go_back (self->welcome_page, n_items > 0);
}

static void
select_sidebar_row (PreuvesWindow *self,
                    const char    *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
        {
          gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
          return;
        }
    }
}

static void
show_page (PreuvesWindow *self,
           const char    *name)
{
  if (gtk_stack_get_child_by_name (self->content_stack, name) == NULL)
    {
      g_warning ("No page named “%s”", name);
      return;
    }

  gtk_stack_set_visible_child_name (self->content_stack, name);
  select_sidebar_row (self, name);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content));
}

/* Folded, one back button at a time: the preuves page's own leads from its
 * editor to its list, this one from a page to the sidebar. */
static void
update_back_button (PreuvesWindow *self)
{
  gboolean editor = gtk_stack_get_visible_child (self->content_stack) == GTK_WIDGET (self->preuves_page) &&
                    preuves_preuves_page_get_editor_shown (self->preuves_page);

  gtk_widget_set_visible (self->content_back_button, adw_leaflet_get_folded (self->leaflet) && !editor);
}

/* Beside the pages, the sidebar is kept narrow whatever the length of the
 * candidate's name; folded, it is the whole window, and fills it. */
#define SIDEBAR_MAX_WIDTH 300
#define SIDEBAR_FOLDED_WIDTH 100000

static void
update_sidebar_width (PreuvesWindow *self)
{
  AdwClamp *clamp = ADW_CLAMP (self->sidebar);
  int width = adw_leaflet_get_folded (self->leaflet) ? SIDEBAR_FOLDED_WIDTH : SIDEBAR_MAX_WIDTH;

  adw_clamp_set_maximum_size (clamp, width);
  adw_clamp_set_tightening_threshold (clamp, width);
}

static void
content_stack_notify_visible_child_cb (PreuvesWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->content_stack);
  GtkStackPage *page;

  if (child == NULL)
    return;

  page = gtk_stack_get_page (self->content_stack, child);
  adw_window_title_set_title (self->content_title, gtk_stack_page_get_title (page));
  update_back_button (self);
}

static void
sidebar_row_activated_cb (PreuvesWindow *self,
                          GtkListBoxRow *row)
{
  show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
back_clicked_cb (PreuvesWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Each bloc in the sidebar carries its state, with the bloc's full title
 * and the state in its tooltip. */
static void
update_bloc_states (PreuvesWindow *self)
{
  PreuvesReadiness *readiness = preuves_readiness_watch_get_readiness (self->readiness_watch);
  PreuvesReferentiel *referentiel = preuves_referentiel_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (self->bloc_icons); i++)
    {
      g_autofree char *code = g_strdup_printf ("B%u", i + 1);
      const PreuvesBloc *bloc = preuves_referentiel_find_bloc (referentiel, code);
      const PreuvesReadinessPart *part = readiness != NULL ? preuves_readiness_lookup_bloc (readiness, code) : NULL;
      PreuvesReadinessState state = part != NULL ? part->state : PREUVES_READINESS_NOT_STARTED;
      const char *classes[] = { preuves_readiness_state_css_class (state), NULL };
      GtkWidget *row = gtk_widget_get_ancestor (self->bloc_icons[i], GTK_TYPE_LIST_BOX_ROW);
      g_autofree char *tooltip = NULL;

      tooltip = g_strdup_printf ("%s — %s", bloc != NULL ? bloc->title : code,
                                 preuves_readiness_state_label (state, PREUVES_READINESS_OF_BLOC));
      gtk_image_set_from_icon_name (GTK_IMAGE (self->bloc_icons[i]), preuves_readiness_state_icon_name (state));
      gtk_widget_set_css_classes (self->bloc_icons[i], classes);
      gtk_widget_set_tooltip_text (row, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
    }
}

/* The portfolio ---------------------------------------------------------- */

static void
update_titles (PreuvesWindow *self)
{
  const char *name = NULL;
  const char *subtitle = NULL;

  if (self->portfolio != NULL)
    {
      name = preuves_portfolio_get_candidate_name (self->portfolio);
      subtitle = preuves_portfolio_get_path (self->portfolio) == PREUVES_PATH_VAE
        ? _("VAE") : _("Formation");
    }

  adw_window_title_set_title (self->sidebar_title, name != NULL && *name != '\0' ? name : _("Portfolio"));
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
}

/* Every row the user writes records who wrote it: the name from the
 * preferences, else the account's. The role decides what may change: an
 * advisor reviews (remarks, statuses) without touching the candidate's
 * content. */
/* An advisor adds no preuve (the core would refuse it): the buttons that
 * would are off. */
static void
apply_role_to_actions (PreuvesWindow *self)
{
  gboolean candidate = self->portfolio != NULL &&
                       preuves_portfolio_get_role (self->portfolio) != PREUVES_ROLE_ADVISOR;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-preuve", candidate);
  gtk_widget_action_set_enabled (GTK_WIDGET (self->preuves_page), "preuves.new", candidate);
  gtk_widget_action_set_enabled (GTK_WIDGET (self->preuves_page), "preuves.from-files", candidate);
}

static void
apply_user (PreuvesWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "user-name");
  g_autofree char *role_name = g_settings_get_string (self->settings, "user-role");
  const char *author = g_strstrip (name);
  PreuvesRole role = PREUVES_ROLE_CANDIDATE;

  if (*author == '\0')
    author = g_get_real_name ();
  if (!preuves_role_from_string (role_name, &role))
    role = PREUVES_ROLE_CANDIDATE;

  preuves_portfolio_set_author (self->portfolio, author);
  preuves_portfolio_set_role (self->portfolio, role);
  apply_role_to_actions (self);
}

static void
user_changed_cb (PreuvesWindow *self)
{
  if (self->portfolio != NULL)
    apply_user (self);
}

static void
set_portfolio (PreuvesWindow    *self,
               PreuvesPortfolio *portfolio)
{
  gboolean open = portfolio != NULL;

  if (self->portfolio == portfolio)
    return;

  /* The watch lets go of the old portfolio before it closes. */
  preuves_readiness_watch_set_portfolio (self->readiness_watch, portfolio);

  if (self->portfolio != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->portfolio, update_titles, self);
      preuves_portfolio_close (self->portfolio);
    }
  g_set_object (&self->portfolio, portfolio);

  if (self->portfolio != NULL)
    {
      apply_user (self);
      g_signal_connect_swapped (self->portfolio, "notify::candidate-name",
                                G_CALLBACK (update_titles), self);
      g_signal_connect_swapped (self->portfolio, "notify::path",
                                G_CALLBACK (update_titles), self);
    }

  for (guint i = 0; i < G_N_ELEMENTS (portfolio_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), portfolio_actions[i], open);
  apply_role_to_actions (self);

  update_titles (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTFOLIO]);
}

/**
 * preuves_window_open_portfolio:
 * @file: a portfolio in the library
 *
 * Opens @file (which never reads its documents) and shows its overview.
 */
void
preuves_window_open_portfolio (PreuvesWindow *self,
                               GFile         *file)
{
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PREUVES_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  portfolio = preuves_portfolio_open (file, &error);
  if (portfolio == NULL)
    {
      preuves_window_show_error (self, _("Cannot Open the Portfolio"), error);
      return;
    }

  set_portfolio (self, portfolio);
  gtk_stack_set_visible_child_name (self->main_stack, "portfolio");
  show_page (self, "overview");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->sidebar));
}

PreuvesPortfolio *
preuves_window_get_portfolio (PreuvesWindow *self)
{
  g_return_val_if_fail (PREUVES_IS_WINDOW (self), NULL);

  return self->portfolio;
}

void
preuves_window_add_toast (PreuvesWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (PREUVES_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
add_toast_printf (PreuvesWindow *self,
                  const char    *format,
                  ...) G_GNUC_PRINTF (2, 3);

static void
add_toast_printf (PreuvesWindow *self,
                  const char    *format,
                  ...)
{
  g_autofree char *title = NULL;
  va_list args;

  va_start (args, format);
  /* Toast titles are markup in libadwaita 1.2: escape names. */
  title = g_markup_vprintf_escaped (format, args);
  va_end (args);

  preuves_window_add_toast (self, adw_toast_new (title));
}

/* Creating a portfolio ---------------------------------------------------- */

typedef struct
{
  char        *candidate_name;
  char        *etablissement;
  char        *secteur;
  PreuvesPath  path;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->candidate_name);
  g_free (data->etablissement);
  g_free (data->secteur);
  g_free (data);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GFile *file = g_task_get_task_data (task);
  CreateData *data = g_object_get_data (G_OBJECT (task), "create-data");
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  GError *error = NULL;

  portfolio = preuves_portfolio_create (file, data->candidate_name, data->path, &error);
  if (portfolio == NULL ||
      !preuves_portfolio_set_etablissement (portfolio, data->etablissement, &error) ||
      !preuves_portfolio_set_secteur (portfolio, data->secteur, &error))
    {
      if (portfolio != NULL)
        {
          preuves_portfolio_close (portfolio);
          g_file_delete (file, NULL, NULL);
        }
      g_task_return_error (task, error);
      return;
    }

  preuves_portfolio_close (portfolio);
  g_task_return_boolean (task, TRUE);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PreuvesWindow *self = PREUVES_WINDOW (object);
  g_autoptr(GError) error = NULL;
  gboolean created = g_task_propagate_boolean (G_TASK (result), &error);

  if (!busy_end (self))
    return;

  if (!created)
    {
      preuves_window_show_error (self, _("Cannot Create the Portfolio"), error);
      return;
    }

  preuves_welcome_page_reset (self->welcome_page);
  preuves_library_reload (self->library);
  preuves_window_open_portfolio (self, g_task_get_task_data (G_TASK (result)));
}

void
preuves_window_create_portfolio (PreuvesWindow *self,
                                 const char    *candidate_name,
                                 const char    *etablissement,
                                 const char    *secteur,
                                 PreuvesPath    path)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  CreateData *data;

  g_return_if_fail (PREUVES_IS_WINDOW (self));
  g_return_if_fail (candidate_name != NULL);

  file = preuves_library_dup_new_file (self->library, candidate_name, &error);
  if (file == NULL)
    {
      preuves_window_show_error (self, _("Cannot Create the Portfolio"), error);
      return;
    }

  data = g_new0 (CreateData, 1);
  data->candidate_name = g_strdup (candidate_name);
  data->etablissement = g_strdup (etablissement != NULL ? etablissement : "");
  data->secteur = g_strdup (secteur != NULL ? secteur : "");
  data->path = path;

  task = g_task_new (self, self->cancellable, create_cb, NULL);
  g_task_set_source_tag (task, preuves_window_create_portfolio);
  g_task_set_task_data (task, g_steal_pointer (&file), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "create-data", data, (GDestroyNotify) create_data_free);
  busy_begin (self, TRUE);
  g_task_run_in_thread (task, create_thread);
}

static void
welcome_page_create_cb (PreuvesWindow      *self,
                        const char         *candidate_name,
                        const char         *etablissement,
                        const char         *secteur,
                        int                 path,
                        PreuvesWelcomePage *page)
{
  preuves_window_create_portfolio (self, candidate_name, etablissement, secteur, path);
}

static void
library_page_open_cb (PreuvesWindow      *self,
                      GFile              *file,
                      PreuvesLibraryPage *page)
{
  preuves_window_open_portfolio (self, file);
}

/* Importing --------------------------------------------------------------- */

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (g_str_has_suffix (basename, ".preuves"))
    basename[strlen (basename) - strlen (".preuves")] = '\0';

  return g_filename_display_name (basename);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PreuvesWindow *self = g_task_get_source_object (task);
  GFile *source = g_object_get_data (G_OBJECT (task), "source");
  GFile *dest = g_task_get_task_data (task);
  g_autofree char *name = dup_display_name (source);
  g_autoptr(GError) error = NULL;
  gboolean imported = preuves_portfolio_file_import_finish (result, &error);

  if (!busy_end (self))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The window was closed");
      return;
    }

  if (!imported)
    {
      g_autofree char *heading = g_strdup_printf (_("Cannot Import “%s”"), name);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        preuves_window_show_error (self, heading, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_object_get_data (G_OBJECT (task), "is-demo") != NULL)
    {
      g_autofree char *basename = g_file_get_basename (dest);

      g_settings_set_string (self->settings, "demo-portfolio", basename);
    }

  preuves_library_reload (self->library);
  preuves_window_open_portfolio (self, dest);
  if (self->portfolio != NULL)
    /* Translators: %s is the candidate's name */
    add_toast_printf (self, _("Imported the portfolio of %s"),
                      preuves_portfolio_get_candidate_name (self->portfolio));
  g_task_return_boolean (task, TRUE);
}

static void
import_file (PreuvesWindow *self,
             GFile         *file,
             gboolean       is_demo)
{
  g_autofree char *name = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autoptr(GError) error = NULL;
  GTask *task;

  name = dup_display_name (file);
  dest = preuves_library_dup_new_file (self->library, name, &error);
  if (dest == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Cannot Import “%s”"), name);

      preuves_window_show_error (self, heading, error);
      return;
    }

  task = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_source_tag (task, preuves_window_import_file);
  g_task_set_task_data (task, g_object_ref (dest), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "source", g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (task), "is-demo", GINT_TO_POINTER (is_demo));

  busy_begin (self, FALSE);
  preuves_portfolio_file_import_async (file, dest, import_progress_cb, self, NULL,
                                       self->cancellable, import_cb, task);
}

/**
 * preuves_window_import_file:
 * @file: a portfolio from someone else, or from another computer
 *
 * Checks @file and copies it into the library (the hardened import), then
 * opens the copy. Progress shows at the top of the window; errors in a
 * dialog. The file chooser, drag and drop, the file manager and the demo
 * all come here.
 */
void
preuves_window_import_file (PreuvesWindow *self,
                            GFile         *file)
{
  g_return_if_fail (PREUVES_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  import_file (self, file, FALSE);
}

/* Exporting --------------------------------------------------------------- */

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PreuvesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved = preuves_portfolio_file_save_copy_finish (result, &error);

  if (!busy_end (self))
    return;

  if (!saved)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        preuves_window_show_error (self, _("Cannot Export the Portfolio"), error);
      return;
    }

  preuves_window_add_toast (self, adw_toast_new (_("Copy exported")));
}

/**
 * preuves_window_export_copy:
 * @dest: where to write the copy
 *
 * Writes a self-contained copy of the open portfolio to @dest, to send to
 * an advisor or keep as a backup.
 */
void
preuves_window_export_copy (PreuvesWindow *self,
                            GFile         *dest)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PREUVES_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (dest));
  g_return_if_fail (self->portfolio != NULL);

  /* An advisor who sends the reviewed copy back has seen the portfolio as
   * it is now: the next copy from the candidate is compared with this. */
  if (preuves_portfolio_get_role (self->portfolio) == PREUVES_ROLE_ADVISOR &&
      !preuves_portfolio_record_review (self->portfolio, &error))
    g_warning ("Cannot remember the review: %s", error->message);

  busy_begin (self, TRUE);
  preuves_portfolio_file_save_copy_async (preuves_portfolio_get_file (self->portfolio), dest,
                                          self->cancellable, export_cb, g_object_ref (self));
}

/* File choosers ----------------------------------------------------------- */

static void
add_portfolio_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) portfolios = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (portfolios, _("Portfolios"));
  gtk_file_filter_add_mime_type (portfolios, "application/x-preuves-portfolio");
  gtk_file_filter_add_pattern (portfolios, "*.preuves");
  gtk_file_chooser_add_filter (chooser, portfolios);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);

  gtk_file_chooser_set_filter (chooser, portfolios);
}

static void
import_response_cb (PreuvesWindow        *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          preuves_window_import_file (self, file);
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PreuvesWindow *self = PREUVES_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import a Portfolio"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_portfolio_filters (GTK_FILE_CHOOSER (chooser));
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_response_cb (PreuvesWindow        *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->portfolio != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      preuves_window_export_copy (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
export_copy_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PreuvesWindow *self = PREUVES_WINDOW (widget);
  g_autofree char *basename = NULL;
  GtkFileChooserNative *chooser;

  g_return_if_fail (self->portfolio != NULL);

  chooser = gtk_file_chooser_native_new (_("Export a Copy"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_portfolio_filters (GTK_FILE_CHOOSER (chooser));
  basename = g_file_get_basename (preuves_portfolio_get_file (self->portfolio));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), basename);
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Drag and drop ---------------------------------------------------------- */

static void
attach_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PreuvesWindow) self = user_data;
  g_autoptr(PreuvesAttachment) attachment = NULL;
  g_autoptr(GError) error = NULL;

  attachment = preuves_portfolio_attach_file_finish (PREUVES_PORTFOLIO (object), result, &error);
  if (!busy_end (self))
    return;

  if (attachment == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    preuves_window_show_error (self, _("Cannot Add the Document"), error);
}

/* A dropped document becomes a new preuve named after it. Returns the
 * preuve (owned by the portfolio) while its document is being attached. */
static PreuvesPreuve *
add_preuve_for_file (PreuvesWindow  *self,
                     GFile          *file,
                     GError        **error)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *title = g_filename_display_name (basename);
  char *dot = strrchr (title, '.');
  PreuvesPreuve *preuve;

  if (dot != NULL && dot != title)
    *dot = '\0';

  preuve = preuves_portfolio_add_preuve (self->portfolio, title, error);
  if (preuve == NULL)
    return NULL;

  busy_begin (self, TRUE);
  preuves_portfolio_attach_file_async (self->portfolio, preuve, file, self->cancellable,
                                       attach_cb, g_object_ref (self));
  return preuve;
}

static gboolean
drop_cb (PreuvesWindow *self,
         const GValue  *value,
         double         x,
         double         y)
{
  GSList *files = g_value_get_boxed (value);
  g_autofree char *last_uuid = NULL;
  guint n_preuves = 0, n_ignored = 0;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *basename = g_file_get_basename (l->data);
      g_autoptr(GError) error = NULL;
      PreuvesPreuve *preuve;

      if (g_str_has_suffix (basename, ".preuves"))
        {
          preuves_window_import_file (self, l->data);
          continue;
        }
      if (self->portfolio == NULL)
        {
          n_ignored++;
          continue;
        }

      preuve = add_preuve_for_file (self, l->data, &error);
      if (preuve == NULL)
        {
          preuves_window_show_error (self, _("Cannot Add the Document"), error);
          continue;
        }
      n_preuves++;
      g_free (last_uuid);
      last_uuid = g_strdup (preuves_preuve_get_uuid (preuve));
    }

  if (n_ignored > 0)
    preuves_window_add_toast (self, adw_toast_new (_("Open a portfolio first, then drop documents on it")));

  if (n_preuves > 0)
    {
      add_toast_printf (self,
                        g_dngettext (GETTEXT_PACKAGE, "Added %u preuve", "Added %u preuves", n_preuves),
                        n_preuves);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-preuve", "s", last_uuid);
    }

  return TRUE;
}

/* Actions ----------------------------------------------------------------- */

static void
show_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PreuvesWindow *self = PREUVES_WINDOW (widget);
  const char *page = action_name + strlen ("win.show-");

  show_page (self, page);
}

static void
show_bloc_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autofree char *page = g_strconcat ("bloc-", g_variant_get_string (parameter, NULL), NULL);

  show_page (PREUVES_WINDOW (widget), page);
}

static void
show_preuve_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PreuvesWindow *self = PREUVES_WINDOW (widget);

  show_page (self, "preuves");
  preuves_preuves_page_select_preuve (self->preuves_page, g_variant_get_string (parameter, NULL));
}

static void
show_rehearsal_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PreuvesWindow *self = PREUVES_WINDOW (widget);

  preuves_rehearsal_page_set_epreuve_id (self->rehearsal_page, g_variant_get_string (parameter, NULL));
  show_page (self, "rehearsal");
}

static void
add_preuve_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PreuvesWindow *self = PREUVES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  PreuvesPreuve *preuve;

  g_return_if_fail (self->portfolio != NULL);

  preuve = preuves_portfolio_add_preuve (self->portfolio, _("New preuve"), &error);
  if (preuve == NULL)
    {
      preuves_window_show_error (self, _("Cannot Add a Preuve"), error);
      return;
    }

  gtk_widget_activate_action (widget, "win.show-preuve", "s",
                              preuves_preuve_get_uuid (preuve));
}

static void
close_portfolio_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PreuvesWindow *self = PREUVES_WINDOW (widget);

  set_portfolio (self, NULL);
  preuves_library_reload (self->library);
  gtk_stack_set_visible_child_name (self->main_stack, "library");
}

static void
show_library_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PreuvesWindow *self = PREUVES_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->main_stack, "library");
}

static void
new_portfolio_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PreuvesWindow *self = PREUVES_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
}

static void
open_demo_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PreuvesWindow *self = PREUVES_WINDOW (widget);
  g_autoptr(GFile) demo = preuves_application_dup_demo_file ();
  g_autofree char *copy_name = g_settings_get_string (self->settings, "demo-portfolio");
  g_autoptr(GFile) demo_copy = NULL;

  if (copy_name[0] != '\0' && strchr (copy_name, '/') == NULL)
    demo_copy = g_file_get_child (preuves_library_get_folder (self->library), copy_name);

  if (!g_file_query_exists (demo, NULL))
    {
      g_autoptr(GError) error = NULL;

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The demo portfolio is not installed (%s). Reinstall Preuves, or import a portfolio."),
                   g_file_peek_path (demo));
      preuves_window_show_error (self, _("Cannot Open the Demo"), error);
      return;
    }

  /* The demo is imported once; opening it again reopens that copy, with
   * whatever was tried on it, rather than piling up copies. */
  if (demo_copy != NULL && preuves_library_lookup (self->library, demo_copy) != NULL)
    {
      preuves_window_open_portfolio (self, demo_copy);
      return;
    }

  import_file (self, demo, TRUE);
}

/* GObject ----------------------------------------------------------------- */

static gboolean
preuves_window_close_request (GtkWindow *window)
{
  PreuvesWindow *self = PREUVES_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (preuves_window_parent_class)->close_request (window);
}

static void
preuves_window_constructed (GObject *object)
{
  PreuvesWindow *self = PREUVES_WINDOW (object);
  int width, height;

  G_OBJECT_CLASS (preuves_window_parent_class)->constructed (object);

  g_assert (PREUVES_IS_LIBRARY (self->library));

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->settings, "changed::user-name",
                           G_CALLBACK (user_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::user-role",
                           G_CALLBACK (user_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "notify::loading",
                           G_CALLBACK (library_loading_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "items-changed",
                           G_CALLBACK (library_items_changed_cb), self, G_CONNECT_SWAPPED);
  preuves_library_page_set_library (self->library_page, self->library);
  library_items_changed_cb (self);
  preuves_library_reload (self->library);
}

static void
preuves_window_dispose (GObject *object)
{
  PreuvesWindow *self = PREUVES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  /* The sidebar goes with the template: no more updates for it. */
  if (self->readiness_watch != NULL)
    g_signal_handlers_disconnect_by_data (self->readiness_watch, self);
  if (self->portfolio != NULL)
    set_portfolio (self, NULL);
  g_clear_object (&self->readiness_watch);
  g_clear_object (&self->export_controller);

  gtk_widget_dispose_template (GTK_WIDGET (self), PREUVES_TYPE_WINDOW);

  G_OBJECT_CLASS (preuves_window_parent_class)->dispose (object);
}

static void
preuves_window_finalize (GObject *object)
{
  PreuvesWindow *self = PREUVES_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (preuves_window_parent_class)->finalize (object);
}

static void
preuves_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PreuvesWindow *self = PREUVES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    case PROP_PORTFOLIO:
      g_value_set_object (value, self->portfolio);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PreuvesWindow *self = PREUVES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-overview", NULL, show_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-bloc", "s", show_bloc_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-preuves", NULL, show_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-preuve", "s", show_preuve_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-matrix", NULL, show_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-rehearsal", "s", show_rehearsal_action_cb);
  gtk_widget_class_install_action (widget_class, "win.add-preuve", NULL, add_preuve_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-copy", NULL, export_copy_action_cb);
  gtk_widget_class_install_action (widget_class, "win.close-portfolio", NULL, close_portfolio_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-library", NULL, show_library_action_cb);
  gtk_widget_class_install_action (widget_class, "win.new-portfolio", NULL, new_portfolio_action_cb);
}

static void
preuves_window_class_init (PreuvesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = preuves_window_constructed;
  object_class->dispose = preuves_window_dispose;
  object_class->finalize = preuves_window_finalize;
  object_class->get_property = preuves_window_get_property;
  object_class->set_property = preuves_window_set_property;

  window_class->close_request = preuves_window_close_request;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         PREUVES_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PORTFOLIO] =
    g_param_spec_object ("portfolio", NULL, NULL,
                         PREUVES_TYPE_PORTFOLIO,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PREUVES_TYPE_BLOC_PAGE);
  g_type_ensure (PREUVES_TYPE_CHANGES_PAGE);
  g_type_ensure (PREUVES_TYPE_REMARKS_LIST);
  g_type_ensure (PREUVES_TYPE_REVIEW_NOTE);
  g_type_ensure (PREUVES_TYPE_REVIEW_PANEL);
  g_type_ensure (PREUVES_TYPE_LIBRARY_PAGE);
  g_type_ensure (PREUVES_TYPE_MATRIX_PAGE);
  g_type_ensure (PREUVES_TYPE_OVERVIEW_PAGE);
  g_type_ensure (PREUVES_TYPE_PREUVES_PAGE);
  g_type_ensure (PREUVES_TYPE_REHEARSAL_PAGE);
  g_type_ensure (PREUVES_TYPE_WELCOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/preuves/Preuves/preuves-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PreuvesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWindow, library_page);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWindow, sidebar_list);
  for (guint i = 0; i < G_N_ELEMENTS (((PreuvesWindow *) NULL)->bloc_icons); i++)
    {
      g_autofree char *id = g_strdup_printf ("bloc_b%u_icon", i + 1);

      gtk_widget_class_bind_template_child_full (widget_class, id, FALSE,
                                                 G_STRUCT_OFFSET (PreuvesWindow, bloc_icons) + i * sizeof (GtkWidget *));
    }
  gtk_widget_class_bind_template_child (widget_class, PreuvesWindow, content);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWindow, content_back_button);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWindow, preuves_page);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWindow, rehearsal_page);
  gtk_widget_class_bind_template_callback (widget_class, welcome_page_create_cb);
  gtk_widget_class_bind_template_callback (widget_class, library_page_open_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, content_stack_notify_visible_child_cb);

  install_actions (widget_class);
}

static void
preuves_window_init (PreuvesWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The first page was shown before its title was known: say it now. */
  content_stack_notify_visible_child_cb (self);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (update_back_button),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (update_sidebar_width),
                           self, G_CONNECT_SWAPPED);
  update_sidebar_width (self);
  g_signal_connect_object (self->preuves_page, "notify::editor-shown", G_CALLBACK (update_back_button),
                           self, G_CONNECT_SWAPPED);

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new ("io.github.preuves.Preuves");
  self->readiness_watch = preuves_readiness_watch_new ();
  g_signal_connect_object (self->readiness_watch, "notify::readiness",
                           G_CALLBACK (update_bloc_states), self, G_CONNECT_SWAPPED);
  update_bloc_states (self);
  self->export_controller = preuves_export_controller_new (self);
  preuves_merge_action_install (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_swapped (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  for (guint i = 0; i < G_N_ELEMENTS (portfolio_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), portfolio_actions[i], FALSE);

  /* The library shows while it loads; an empty one gives way to the
   * welcome page. */
  gtk_stack_set_visible_child_name (self->main_stack, "library");

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

PreuvesWindow *
preuves_window_new (PreuvesApplication *application)
{
  g_return_val_if_fail (PREUVES_IS_APPLICATION (application), NULL);

  return g_object_new (PREUVES_TYPE_WINDOW,
                       "application", application,
                       "library", preuves_application_get_library (application),
                       NULL);
}
