/* preuves-library-page.c — the list of portfolios in the library
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-library-page.h"
#include "preuves-page-util.h"
#include "preuves-window.h"

struct _PreuvesLibraryPage
{
  AdwBin          parent_instance;

  PreuvesLibrary *library;

  GtkStack       *stack;
  GtkSpinner     *spinner;
  GtkListBox     *list_box;
};

G_DEFINE_FINAL_TYPE (PreuvesLibraryPage, preuves_library_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LIBRARY,
  N_PROPS
};

enum {
  OPEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GFile *
row_get_file (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "file");
}

static void
row_activated_cb (PreuvesLibraryPage *self,
                  GtkListBoxRow      *row)
{
  g_signal_emit (self, signals[OPEN], 0, row_get_file (row));
}

static void
delete_clicked_cb (GtkButton *button,
                   GFile     *file)
{
  PreuvesLibraryPage *self = PREUVES_LIBRARY_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                            PREUVES_TYPE_LIBRARY_PAGE));

  preuves_library_page_delete (self, file);
}

/* Relative for recent changes; a plain date otherwise (month names would
 * need the user's locale installed, the format comes from the translation). */
static char *
describe_date (GDateTime *modified)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) local = g_date_time_to_local (modified);
  g_autofree char *day = NULL;
  int days = g_date_time_get_day_of_year (now) - g_date_time_get_day_of_year (local);

  if (g_date_time_get_year (now) != g_date_time_get_year (local) || days < 0 || days > 6)
    {
      /* Translators: a date, see the GDateTime format codes; French uses "%d/%m/%Y" */
      day = g_date_time_format (local, _("%Y-%m-%d"));
      /* Translators: %s is a date */
      return g_strdup_printf (_("Changed on %s"), day);
    }

  if (days == 0)
    return g_strdup (_("Changed today"));
  if (days == 1)
    return g_strdup (_("Changed yesterday"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Changed %d day ago", "Changed %d days ago", days), days);
}

/* An advisor's library says when each candidate was last reviewed. */
static char *
describe_review (GFileInfo  *info,
                 const char *subtitle)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *day = NULL;
  g_autofree char *reviewed = NULL;

  if (!g_file_info_has_attribute (info, PREUVES_LIBRARY_ATTRIBUTE_LAST_REVIEW))
    return NULL;
  when = g_date_time_new_from_unix_local (g_file_info_get_attribute_int64 (info, PREUVES_LIBRARY_ATTRIBUTE_LAST_REVIEW) / G_USEC_PER_SEC);
  day = g_date_time_format (when, _("%Y-%m-%d"));
  /* Translators: %s is a date */
  reviewed = g_strdup_printf (_("Reviewed on %s"), day);
  return subtitle != NULL ? g_strdup_printf ("%s · %s", subtitle, reviewed) : g_steal_pointer (&reviewed);
}

static char *
describe_entry (GFileInfo *info)
{
  const char *path = g_file_info_get_attribute_string (info, PREUVES_LIBRARY_ATTRIBUTE_PATH);
  g_autoptr(GDateTime) modified = g_file_info_get_modification_date_time (info);
  g_autofree char *date = NULL;
  const char *path_label = NULL;
  const char *error = g_file_info_get_attribute_string (info, PREUVES_LIBRARY_ATTRIBUTE_ERROR);

  if (error != NULL)
    return g_strdup (error);

  if (g_strcmp0 (path, "vae") == 0)
    path_label = _("VAE");
  else if (g_strcmp0 (path, "formation") == 0)
    path_label = _("Formation");

  if (modified != NULL)
    date = describe_date (modified);

  if (path_label != NULL && date != NULL)
    return g_strdup_printf ("%s · %s", path_label, date);

  return g_strdup (path_label != NULL ? path_label : date);
}

/* The same pill as on the overview, so the states read alike. */
static GtkWidget *
create_readiness_pill (GFileInfo *info)
{
  const char *readiness = g_file_info_get_attribute_string (info, PREUVES_LIBRARY_ATTRIBUTE_READINESS);
  PreuvesReadinessState states[] = {
    PREUVES_READINESS_NOT_STARTED, PREUVES_READINESS_IN_PROGRESS, PREUVES_READINESS_READY,
  };
  GtkWidget *pill;

  if (readiness == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_strcmp0 (readiness, preuves_readiness_state_to_string (states[i])) == 0)
      {
        pill = preuves_state_pill_new (states[i], PREUVES_READINESS_OF_CERTIFICATION);
        gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
        return pill;
      }

  return NULL;
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  GFileInfo *info = item;
  GFile *file = G_FILE (g_file_info_get_attribute_object (info, "standard::file"));
  const char *name = g_file_info_get_attribute_string (info, PREUVES_LIBRARY_ATTRIBUTE_CANDIDATE);
  g_autofree char *entry = describe_entry (info);
  g_autofree char *reviewed = describe_review (info, entry);
  const char *subtitle = reviewed != NULL ? reviewed : entry;
  g_autofree char *delete_label = NULL;
  GtkWidget *row, *button, *readiness;

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", name != NULL ? name : g_file_info_get_display_name (info),
                      "subtitle", subtitle,
                      "use-markup", FALSE,
                      "activatable", TRUE,
                      NULL);
  g_object_set_data_full (G_OBJECT (row), "file", g_object_ref (file), g_object_unref);

  readiness = create_readiness_pill (info);
  if (readiness != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), readiness);

  /* Translators: %s is the candidate's name */
  delete_label = g_strdup_printf (_("Delete the portfolio of %s"), name);
  button = g_object_new (GTK_TYPE_BUTTON,
                         "icon-name", "user-trash-symbolic",
                         "tooltip-text", _("Delete"),
                         "valign", GTK_ALIGN_CENTER,
                         NULL);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
  g_signal_connect_data (button, "clicked", G_CALLBACK (delete_clicked_cb),
                         g_object_ref (file), (GClosureNotify) g_object_unref, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  return row;
}

static void
update_stack (PreuvesLibraryPage *self)
{
  gboolean loading = self->library != NULL && preuves_library_get_loading (self->library);
  guint n_items = self->library != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->library)) : 0;

  gtk_spinner_set_spinning (self->spinner, loading && n_items == 0);

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (loading)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

typedef struct
{
  PreuvesLibrary *library;
  GFile          *file;
  gboolean        undone;
} PendingDeletion;

static void
pending_deletion_free (PendingDeletion *pending)
{
  g_object_unref (pending->library);
  g_object_unref (pending->file);
  g_free (pending);
}

static void
undo_clicked_cb (AdwToast        *toast,
                 PendingDeletion *pending)
{
  pending->undone = TRUE;
  preuves_library_unhide (pending->library, pending->file);
}

/* The file goes only when the toast does, so Undo costs nothing. */
static void
toast_dismissed_cb (AdwToast        *toast,
                    PendingDeletion *pending)
{
  if (!pending->undone)
    preuves_library_discard (pending->library, pending->file);
}

/**
 * preuves_library_page_delete:
 * @file: a portfolio in the library
 *
 * Takes @file out of the list and shows a toast that can undo; the file
 * is deleted when the toast goes away. Returns the toast (transfer none),
 * or %NULL if @file is not listed.
 */
AdwToast *
preuves_library_page_delete (PreuvesLibraryPage *self,
                             GFile              *file)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), PREUVES_TYPE_WINDOW);
  GFileInfo *info;
  g_autofree char *title = NULL;
  PendingDeletion *pending;
  AdwToast *toast;

  g_return_val_if_fail (PREUVES_IS_LIBRARY_PAGE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (PREUVES_IS_WINDOW (window), NULL);

  info = preuves_library_lookup (self->library, file);
  if (info == NULL)
    return NULL;

  /* Toast titles are markup in libadwaita 1.2. */
  /* Translators: %s is the candidate's name */
  title = g_markup_printf_escaped (_("Portfolio of %s deleted"),
                           g_file_info_get_attribute_string (info, PREUVES_LIBRARY_ATTRIBUTE_CANDIDATE));
  preuves_library_hide (self->library, file);

  pending = g_new0 (PendingDeletion, 1);
  pending->library = g_object_ref (self->library);
  pending->file = g_object_ref (file);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), pending);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (toast_dismissed_cb),
                         pending, (GClosureNotify) pending_deletion_free, 0);
  preuves_window_add_toast (PREUVES_WINDOW (window), toast);

  return toast;
}

PreuvesLibrary *
preuves_library_page_get_library (PreuvesLibraryPage *self)
{
  g_return_val_if_fail (PREUVES_IS_LIBRARY_PAGE (self), NULL);

  return self->library;
}

void
preuves_library_page_set_library (PreuvesLibraryPage *self,
                                  PreuvesLibrary     *library)
{
  g_return_if_fail (PREUVES_IS_LIBRARY_PAGE (self));
  g_return_if_fail (library == NULL || PREUVES_IS_LIBRARY (library));

  if (self->library == library)
    return;

  if (self->library != NULL)
    g_signal_handlers_disconnect_by_func (self->library, update_stack, self);
  g_set_object (&self->library, library);

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (library), create_row_cb, self, NULL);
  if (library != NULL)
    {
      g_signal_connect_swapped (library, "notify::loading", G_CALLBACK (update_stack), self);
      g_signal_connect_swapped (library, "items-changed", G_CALLBACK (update_stack), self);
    }

  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY]);
}

static void
preuves_library_page_dispose (GObject *object)
{
  PreuvesLibraryPage *self = PREUVES_LIBRARY_PAGE (object);

  if (self->library != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->library, update_stack, self);
      gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
      g_clear_object (&self->library);
    }

  /* No gtk_widget_dispose_template(): AdwBin drops its child itself. */
  G_OBJECT_CLASS (preuves_library_page_parent_class)->dispose (object);
}

static void
preuves_library_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PreuvesLibraryPage *self = PREUVES_LIBRARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_library_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PreuvesLibraryPage *self = PREUVES_LIBRARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      preuves_library_page_set_library (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_library_page_class_init (PreuvesLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = preuves_library_page_dispose;
  object_class->get_property = preuves_library_page_get_property;
  object_class->set_property = preuves_library_page_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         PREUVES_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PreuvesLibraryPage::open:
   * @file: the portfolio the user chose
   */
  signals[OPEN] =
    g_signal_new ("open",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/preuves/Preuves/preuves-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PreuvesLibraryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PreuvesLibraryPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PreuvesLibraryPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
preuves_library_page_init (PreuvesLibraryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
preuves_library_page_new (void)
{
  return g_object_new (PREUVES_TYPE_LIBRARY_PAGE, NULL);
}
