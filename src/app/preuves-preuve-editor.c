/* preuves-preuve-editor.c — edits one preuve: its facts, attachments and what it proves
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-page-util.h"
#include "preuves-preuve-editor.h"
#include "preuves-remarks-list.h"
#include "preuves-review-note.h"

/* Edits are written a moment after the last keystroke: every write is a
 * synced SQLite transaction, too costly to do for each character. */
#define SAVE_DELAY_MS 500

struct _PreuvesPreuveEditor
{
  AdwBin            parent_instance;

  PreuvesPortfolio *portfolio;
  PreuvesPreuve    *preuve;
  gulong            changed_id;
  guint             save_id;
  gboolean          loading;
  guint             n_attaching;
  guint             pulse_id;
  GCancellable     *cancellable;

  GtkStack         *stack;
  AdwEntryRow      *title_row;
  AdwComboRow      *kind_row;
  AdwEntryRow      *date_start_row;
  AdwEntryRow      *date_end_row;
  GtkLabel         *date_error;
  GtkSwitch        *confidential_switch;
  GtkTextView      *situation_view;
  GtkListBox       *attachments_list;
  GtkProgressBar   *attach_progress;
  GtkListBox       *links_list;
  PreuvesRemarksList *review_remarks;
  GtkWidget        *delete_button;
  GtkPopover       *add_link_popover;
  GtkSearchEntry   *sc_search;
  GtkListBox       *sc_list;
};

enum {
  PROP_0,
  PROP_PORTFOLIO,
  PROP_PREUVE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PreuvesPreuveEditor, preuves_preuve_editor, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static void rebuild_links (PreuvesPreuveEditor *self);
static void update_date_problems (PreuvesPreuveEditor *self,
                                  gboolean             now);
static void select_first_sc_match (PreuvesPreuveEditor *self);

static const char *
kind_label (const char *kind)
{
  static const struct { const char *kind; const char *label; } labels[] = {
    { PREUVES_PREUVE_KIND_REPORT, N_("Report") },
    { PREUVES_PREUVE_KIND_PLAN, N_("Plan") },
    { PREUVES_PREUVE_KIND_MINUTES, N_("Minutes") },
    { PREUVES_PREUVE_KIND_BUDGET, N_("Budget") },
    { PREUVES_PREUVE_KIND_EMAIL, N_("E-mail") },
    { PREUVES_PREUVE_KIND_PRESENTATION, N_("Presentation") },
    { PREUVES_PREUVE_KIND_PROCEDURE, N_("Procedure") },
    { PREUVES_PREUVE_KIND_SURVEY, N_("Survey") },
    { PREUVES_PREUVE_KIND_OTHER, N_("Other") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].kind, kind) == 0)
      return _(labels[i].label);
  return kind;
}

static void
report_error (PreuvesPreuveEditor *self,
              const GError        *error)
{
  preuves_page_show_error (GTK_WIDGET (self), error);
}

/* ------------------------------------------------------------------ */
/* Saving: compare the widgets with the preuve and write what differs. */

static char *
situation_text (PreuvesPreuveEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->situation_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
date_entry_ok (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text[0] == '\0' || preuves_date_is_valid (text);
}

/* The date in @row, NULL when the row is empty. */
static const char *
row_date (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text[0] != '\0' ? text : NULL;
}

/* A date or a period the file would refuse stays in the rows, which show
 * what is wrong, until it is put right. */
static void
save_period (PreuvesPreuveEditor *self)
{
  const char *start = row_date (self->date_start_row);
  const char *end = row_date (self->date_end_row);
  g_autoptr(GError) error = NULL;

  if (preuves_period_check (start, end, NULL) &&
      !preuves_preuve_set_period (self->preuve, start, end, &error))
    report_error (self, error);
}

static void
save_justifications (PreuvesPreuveEditor *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->links_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *sc_id = g_object_get_data (G_OBJECT (row), "sous-competence-id");
      const char *saved = g_object_get_data (G_OBJECT (row), "saved-justification");
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
      g_autoptr(GError) error = NULL;

      if (sc_id == NULL || g_strcmp0 (saved, text) == 0)
        continue;
      g_object_set_data_full (G_OBJECT (row), "saved-justification", g_strdup (text), g_free);
      if (!preuves_portfolio_set_justification (self->portfolio, self->preuve, sc_id, text, &error))
        report_error (self, error);
    }
}

/**
 * preuves_preuve_editor_save:
 *
 * Writes the pending edits now (they are otherwise written a moment after
 * the last keystroke).
 */
void
preuves_preuve_editor_save (PreuvesPreuveEditor *self)
{
  g_autofree char *situation = NULL;
  g_autoptr(GError) error = NULL;
  const char *title;

  g_return_if_fail (PREUVES_IS_PREUVE_EDITOR (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->preuve == NULL || self->portfolio == NULL || preuves_portfolio_is_closed (self->portfolio))
    return;

  title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  /* An empty title is kept out of the file: the row shows the error. */
  if (title[0] != '\0' && g_strcmp0 (title, preuves_preuve_get_title (self->preuve)) != 0 &&
      !preuves_preuve_set_title (self->preuve, title, &error))
    report_error (self, error);
  g_clear_error (&error);

  situation = situation_text (self);
  if (g_strcmp0 (situation, preuves_preuve_get_situation (self->preuve) ?: "") != 0 &&
      !preuves_preuve_set_situation (self->preuve, situation, &error))
    report_error (self, error);

  save_period (self);
  save_justifications (self);
}

static gboolean
save_cb (gpointer user_data)
{
  PreuvesPreuveEditor *self = user_data;

  self->save_id = 0;
  update_date_problems (self, TRUE);
  preuves_preuve_editor_save (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (PreuvesPreuveEditor *self)
{
  if (self->loading)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_cb, self);
}

static void
set_row_error (GtkWidget *row,
               gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
title_changed_cb (PreuvesPreuveEditor *self)
{
  set_row_error (GTK_WIDGET (self->title_row),
                 gtk_editable_get_text (GTK_EDITABLE (self->title_row))[0] == '\0');
  schedule_save (self);
}

/* A date written day first, as is usual in France ("14/03/2025",
 * "14.03.2025"), in the year-month-day form the file takes; else NULL. */
static char *
day_first_to_iso (const char *text)
{
  unsigned day, month, year;
  char separator, separator2, end;

  if (sscanf (text, "%2u%c%2u%c%4u%c", &day, &separator, &month, &separator2, &year, &end) != 5 ||
      separator != separator2 || strchr ("/.-", separator) == NULL || year < 1000 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

/* What is wrong with the date in @row and how to write it; NULL when the
 * row is empty or holds a date. */
static char *
date_problem (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *iso = NULL;

  if (date_entry_ok (row))
    return NULL;
  iso = day_first_to_iso (text);
  if (iso != NULL)
    /* Translators: the first %s is the date as typed, "14/03/2025"; the
     * second is the same date as it must be written, "2025-03-14". */
    return g_strdup_printf (_("“%s” is not in year-month-day order. Write %s."), text, iso);
  return g_strdup_printf (_("“%s” is not a date. Write it as year-month-day, for example 2025-03-14."), text);
}

/* What is wrong with the period the two rows make when each holds a date
 * or nothing (its end before its start); NULL when it is a day or a
 * period. */
static char *
period_problem (PreuvesPreuveEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (preuves_period_check (row_date (self->date_start_row), row_date (self->date_end_row), &error))
    return NULL;
  return g_strdup (error->message);
}

static void
set_date_row_invalid (AdwEntryRow *row,
                      gboolean     invalid)
{
  set_row_error (GTK_WIDGET (row), invalid);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

/* The rows turn red at once, but while the user types the message under
 * them waits for a pause (@now FALSE): it would otherwise come and go at
 * each keystroke of a date being written. It goes as soon as all is well. */
static void
update_date_problems (PreuvesPreuveEditor *self,
                      gboolean             now)
{
  g_autofree char *start = date_problem (self->date_start_row);
  g_autofree char *end = date_problem (self->date_end_row);
  g_autofree char *period = start == NULL && end == NULL ? period_problem (self) : NULL;
  g_autofree char *message = NULL;

  set_date_row_invalid (self->date_start_row, start != NULL || period != NULL);
  set_date_row_invalid (self->date_end_row, end != NULL || period != NULL);
  if (start == NULL && end == NULL && period == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->date_error), FALSE);
      return;
    }
  if (!now && !gtk_widget_get_visible (GTK_WIDGET (self->date_error)))
    return;
  if (period != NULL)
    message = g_steal_pointer (&period);
  else
    message = start != NULL && end != NULL ? g_strjoin ("\n", start, end, NULL) : g_strdup (start ?: end);
  gtk_label_set_text (self->date_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->date_error), TRUE);
}

static void
date_changed_cb (PreuvesPreuveEditor *self)
{
  update_date_problems (self, self->loading);
  schedule_save (self);
}

static void
situation_changed_cb (PreuvesPreuveEditor *self)
{
  schedule_save (self);
}

static void
kind_selected_cb (PreuvesPreuveEditor *self)
{
  const char * const *kinds = preuves_preuve_kinds ();
  guint selected = adw_combo_row_get_selected (self->kind_row);
  g_autoptr(GError) error = NULL;

  if (self->loading || self->preuve == NULL || selected >= g_strv_length ((char **) kinds))
    return;
  if (g_strcmp0 (kinds[selected], preuves_preuve_get_kind (self->preuve)) != 0 &&
      !preuves_preuve_set_kind (self->preuve, kinds[selected], &error))
    report_error (self, error);
}

static void
confidential_toggled_cb (PreuvesPreuveEditor *self)
{
  gboolean active = gtk_switch_get_active (self->confidential_switch);
  g_autoptr(GError) error = NULL;

  if (self->loading || self->preuve == NULL)
    return;
  if (active != preuves_preuve_get_confidential (self->preuve) &&
      !preuves_preuve_set_confidential (self->preuve, active, &error))
    report_error (self, error);
}

/* ------------------------------------------------------------------ */
/* Attachments */

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    preuves_page_add_toast (widget, adw_toast_new (_("No application can open this file. Save a copy and open it from your files.")));
}

typedef struct
{
  GtkWidget *widget;
  GFile     *dest;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_object_unref (data->widget);
  g_object_unref (data->dest);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenData, open_data_free)

static void
written_for_open_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OpenData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (!preuves_attachment_write_to_finish (PREUVES_ATTACHMENT (object), result, &error))
    {
      preuves_page_show_error (data->widget, error);
      return;
    }
  uri = g_file_get_uri (data->dest);
  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, launch_cb, g_object_ref (data->widget));
}

/* The bytes live inside the portfolio: copy them to a private cache file
 * (off the main thread) that the default application can open. */
static void
open_clicked_cb (GtkButton         *button,
                 PreuvesAttachment *attachment)
{
  g_autofree char *dir = NULL;
  g_autofree char *basename = NULL;
  OpenData *data;

  dir = g_build_filename (g_get_user_cache_dir (), "preuves", "open",
                          preuves_attachment_get_uuid (attachment), NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      preuves_page_add_toast (GTK_WIDGET (button), adw_toast_new (_("Could not prepare the file to open it. Check the free space on your disk.")));
      return;
    }
  basename = g_path_get_basename (preuves_attachment_get_filename (attachment));
  data = g_new0 (OpenData, 1);
  data->widget = g_object_ref (GTK_WIDGET (button));
  data->dest = g_file_new_build_filename (dir, basename, NULL);
  preuves_attachment_write_to_async (attachment, data->dest, NULL, written_for_open_cb, data);
}

typedef struct
{
  PreuvesPortfolio  *portfolio;
  PreuvesAttachment *attachment;
  GtkWidget         *row;
  gboolean           undone;
} PendingRemoval;

static void
pending_removal_free (PendingRemoval *pending)
{
  g_object_unref (pending->portfolio);
  g_object_unref (pending->attachment);
  g_object_unref (pending->row);
  g_free (pending);
}

static void
removal_undo_cb (AdwToast       *toast,
                 PendingRemoval *pending)
{
  pending->undone = TRUE;
  gtk_widget_set_visible (pending->row, TRUE);
}

/* The attachment is removed from the file only when the toast goes away
 * without Undo: until then the deletion costs nothing to take back. */
static void
removal_dismissed_cb (AdwToast       *toast,
                      PendingRemoval *pending)
{
  g_autoptr(GError) error = NULL;

  if (!pending->undone && !preuves_portfolio_is_closed (pending->portfolio) &&
      !preuves_portfolio_remove_attachment (pending->portfolio, pending->attachment, &error))
    g_warning ("Could not remove the attachment: %s", error->message);
}

static void
remove_attachment_clicked_cb (GtkButton         *button,
                              PreuvesAttachment *attachment)
{
  PreuvesPreuveEditor *self = PREUVES_PREUVE_EDITOR (gtk_widget_get_ancestor (GTK_WIDGET (button), PREUVES_TYPE_PREUVE_EDITOR));
  PendingRemoval *pending = g_new0 (PendingRemoval, 1);
  AdwToast *toast;
  g_autofree char *title = NULL;

  pending->portfolio = g_object_ref (self->portfolio);
  pending->attachment = g_object_ref (attachment);
  pending->row = g_object_ref (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW));
  gtk_widget_set_visible (pending->row, FALSE);

  title = g_strdup_printf (_("“%s” removed"), preuves_attachment_get_filename (attachment));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect (toast, "button-clicked", G_CALLBACK (removal_undo_cb), pending);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (removal_dismissed_cb), pending,
                         (GClosureNotify) pending_removal_free, 0);
  preuves_page_add_toast (GTK_WIDGET (self), toast);
}

static GtkWidget *
icon_button_new (const char *icon_name,
                 const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static GtkWidget *
create_attachment_row (gpointer item,
                       gpointer user_data)
{
  PreuvesAttachment *attachment = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *open_button, *remove_button;
  g_autofree char *size = g_format_size (preuves_attachment_get_size (attachment));
  g_autofree char *type = g_content_type_get_description (preuves_attachment_get_content_type (attachment) ?: "application/octet-stream");
  g_autofree char *subtitle = g_strdup_printf ("%s — %s", type, size);
  g_autoptr(GIcon) icon = g_content_type_get_symbolic_icon (preuves_attachment_get_content_type (attachment) ?: "application/octet-stream");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), preuves_attachment_get_filename (attachment));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_gicon (icon));

  open_button = icon_button_new ("document-open-symbolic", _("Open With the Default Application"));
  g_signal_connect_object (open_button, "clicked", G_CALLBACK (open_clicked_cb), attachment, 0);
  remove_button = icon_button_new ("user-trash-symbolic", _("Remove Attachment"));
  g_signal_connect_object (remove_button, "clicked", G_CALLBACK (remove_attachment_clicked_cb), attachment, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), open_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove_button);
  return row;
}

static gboolean
pulse_cb (gpointer user_data)
{
  PreuvesPreuveEditor *self = user_data;

  gtk_progress_bar_pulse (self->attach_progress);
  return G_SOURCE_CONTINUE;
}

static void
update_attaching (PreuvesPreuveEditor *self)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->attach_progress), self->n_attaching > 0);
  if (self->n_attaching == 0)
    {
      g_clear_handle_id (&self->pulse_id, g_source_remove);
      return;
    }
  text = g_strdup_printf (g_dngettext (NULL, "Adding %u file…", "Adding %u files…", self->n_attaching),
                          self->n_attaching);
  gtk_progress_bar_set_text (self->attach_progress, text);
  if (self->pulse_id == 0)
    self->pulse_id = g_timeout_add (150, pulse_cb, self);
}

static void
attach_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PreuvesPreuveEditor) self = user_data;
  g_autoptr(PreuvesAttachment) attachment = NULL;
  g_autoptr(GError) error = NULL;

  attachment = preuves_portfolio_attach_file_finish (PREUVES_PORTFOLIO (object), result, &error);
  self->n_attaching--;
  update_attaching (self);
  if (attachment == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    report_error (self, error);
}

/* Attaches each of @files (GFile) to the current preuve, off the main
 * thread, showing progress meanwhile. */
void
preuves_preuve_editor_attach_files (PreuvesPreuveEditor *self,
                                    GListModel          *files)
{
  g_return_if_fail (PREUVES_IS_PREUVE_EDITOR (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  if (self->preuve == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      self->n_attaching++;
      preuves_portfolio_attach_file_async (self->portfolio, self->preuve, file, self->cancellable,
                                           attach_cb, g_object_ref (self));
    }
  update_attaching (self);
}

static void
chooser_response_cb (GtkNativeDialog     *chooser,
                     int                  response,
                     PreuvesPreuveEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      preuves_preuve_editor_attach_files (self, files);
    }
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_types[])
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

/* Any file can be attached; the filters only narrow the list. */
static void
add_attachment_filters (GtkFileChooser *chooser)
{
  const char *pdf[] = { "application/pdf", NULL };
  const char *images[] = { "image/*", NULL };
  const char *documents[] = {
    "application/pdf", "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet", "application/vnd.oasis.opendocument.presentation",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
    "text/plain", "text/csv", "application/rtf", NULL
  };
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
  add_filter (chooser, _("PDF documents"), pdf);
  add_filter (chooser, _("Images"), images);
  add_filter (chooser, _("Documents"), documents);
}

static void
attach_clicked_cb (PreuvesPreuveEditor *self)
{
  GtkFileChooserNative *chooser;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  chooser = gtk_file_chooser_native_new (_("Attach Files"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Attach"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  add_attachment_filters (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ */
/* What it proves: one entry row per sous-compétence, with its justification. */

typedef struct
{
  PreuvesPortfolio *portfolio;
  PreuvesPreuve    *preuve;
  char             *sous_competence_id;
  char             *justification;
} UnlinkUndo;

static void
unlink_undo_free (gpointer data)
{
  UnlinkUndo *undo = data;

  g_object_unref (undo->portfolio);
  g_object_unref (undo->preuve);
  g_free (undo->sous_competence_id);
  g_free (undo->justification);
  g_free (undo);
}

static void
unlink_undo_cb (AdwToast   *toast,
                UnlinkUndo *undo)
{
  g_autoptr(PreuvesLink) link = NULL;
  g_autoptr(GError) error = NULL;

  link = preuves_portfolio_link (undo->portfolio, undo->preuve, undo->sous_competence_id,
                                 undo->justification, &error);
  if (link == NULL)
    g_warning ("Could not restore the link: %s", error->message);
}

static void
unlink_clicked_cb (GtkButton           *button,
                   PreuvesPreuveEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ENTRY_ROW);
  const char *sc_id = g_object_get_data (G_OBJECT (row), "sous-competence-id");
  UnlinkUndo *undo = g_new0 (UnlinkUndo, 1);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;
  g_autofree char *title = NULL;

  undo->portfolio = g_object_ref (self->portfolio);
  undo->preuve = g_object_ref (self->preuve);
  undo->sous_competence_id = g_strdup (sc_id);
  undo->justification = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  if (!preuves_portfolio_unlink (self->portfolio, self->preuve, sc_id, &error))
    {
      unlink_undo_free (undo);
      report_error (self, error);
      return;
    }
  title = g_strdup_printf (_("No longer proves %s"), undo->sous_competence_id);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (unlink_undo_cb), undo,
                         (GClosureNotify) unlink_undo_free, 0);
  preuves_page_add_toast (GTK_WIDGET (self), toast);
}

static void
justification_changed_cb (GtkEditable         *row,
                          PreuvesPreuveEditor *self)
{
  gboolean missing = gtk_editable_get_text (row)[0] == '\0';

  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "missing-icon"), missing);
  schedule_save (self);
}

static GtkWidget *
link_row_new (PreuvesPreuveEditor *self,
              PreuvesLink         *link)
{
  const char *sc_id = preuves_link_get_sous_competence_id (link);
  const PreuvesSousCompetence *sc =
    preuves_referentiel_find_sous_competence (preuves_referentiel_get_default (), sc_id, NULL);
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *missing = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *unlink;
  g_autofree char *label = sc ? preuves_sous_competence_label (sc) : g_strdup (sc_id);
  g_autofree char *title = g_strdup_printf ("%s — %s", label, sc ? sc->text : "");
  g_autofree char *name = g_strconcat ("justification-", sc_id, NULL);
  const char *justification = preuves_link_get_justification (link) ?: "";

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_tooltip_text (row, sc ? sc->text : NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), justification);
  g_object_set_data_full (G_OBJECT (row), "sous-competence-id", g_strdup (sc_id), g_free);
  g_object_set_data_full (G_OBJECT (row), "saved-justification", g_strdup (justification), g_free);

  gtk_widget_set_tooltip_text (missing, _("No justification yet: say what in this preuve shows it"));
  gtk_widget_add_css_class (missing, "warning");
  gtk_widget_set_visible (missing, justification[0] == '\0');
  g_object_set_data (G_OBJECT (row), "missing-icon", missing);
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), missing);

  unlink = icon_button_new ("edit-delete-symbolic", _("Remove This Sous-compétence"));
  g_signal_connect (unlink, "clicked", G_CALLBACK (unlink_clicked_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), unlink);
  g_signal_connect (row, "changed", G_CALLBACK (justification_changed_cb), self);
  return row;
}

static GtkWidget *
find_link_row (PreuvesPreuveEditor *self,
               const char          *sc_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->links_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "sous-competence-id"), sc_id) == 0)
      return row;
  return NULL;
}

static void
update_sc_rows (PreuvesPreuveEditor *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sc_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const PreuvesSousCompetence *sc = g_object_get_data (G_OBJECT (row), "sous-competence");

      gtk_widget_set_sensitive (row, find_link_row (self, sc->id) == NULL);
    }
  select_first_sc_match (self);
}

/* Rebuilding rows would steal the focus from a justification being typed:
 * rebuild only when the set of sous-compétences changed. */
static void
rebuild_links (PreuvesPreuveEditor *self)
{
  g_autoptr(GListModel) links = NULL;
  guint n, n_rows = 0;
  gboolean same = TRUE;

  if (self->preuve == NULL)
    {
      preuves_list_box_remove_all (self->links_list);
      return;
    }
  links = preuves_portfolio_list_links_for_preuve (self->portfolio, self->preuve);
  n = g_list_model_get_n_items (links);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->links_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    n_rows++;
  for (guint i = 0; i < n && same; i++)
    {
      g_autoptr(PreuvesLink) link = g_list_model_get_item (links, i);

      same = find_link_row (self, preuves_link_get_sous_competence_id (link)) != NULL;
    }
  if (same && n == n_rows)
    return;

  preuves_list_box_remove_all (self->links_list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PreuvesLink) link = g_list_model_get_item (links, i);

      gtk_list_box_append (self->links_list, link_row_new (self, link));
    }
  update_sc_rows (self);
}

static void
sc_row_activated_cb (PreuvesPreuveEditor *self,
                     GtkListBoxRow       *row)
{
  const PreuvesSousCompetence *sc = g_object_get_data (G_OBJECT (row), "sous-competence");
  g_autoptr(PreuvesLink) link = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *link_row;

  gtk_popover_popdown (self->add_link_popover);
  link = preuves_portfolio_link (self->portfolio, self->preuve, sc->id, "", &error);
  if (link == NULL)
    {
      report_error (self, error);
      return;
    }
  rebuild_links (self);
  /* The justification is what makes the link count: ask for it now. */
  link_row = find_link_row (self, sc->id);
  if (link_row != NULL)
    gtk_widget_grab_focus (link_row);
}

static gboolean
sc_filter_func (GtkListBoxRow *row,
                gpointer       user_data)
{
  PreuvesPreuveEditor *self = user_data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->sc_search));
  const char *haystack = g_object_get_data (G_OBJECT (row), "search-key");
  g_autofree char *needle = NULL;

  if (query[0] == '\0')
    return TRUE;
  needle = g_utf8_casefold (query, -1);
  return strstr (haystack, needle) != NULL;
}

/* The first sous-compétence the search leaves that can still be picked;
 * none while the search is empty. It asks the filter itself: the list is
 * filtered only after a pause in typing. */
static GtkListBoxRow *
first_sc_match (PreuvesPreuveEditor *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->sc_search))[0] == '\0')
    return NULL;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sc_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_sensitive (row) &&
        sc_filter_func (GTK_LIST_BOX_ROW (row), self))
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

/* The list shows the first match selected: it is what Enter picks. */
static void
select_first_sc_match (PreuvesPreuveEditor *self)
{
  GtkListBoxRow *first = first_sc_match (self);

  if (first != NULL)
    gtk_list_box_select_row (self->sc_list, first);
  else
    gtk_list_box_unselect_all (self->sc_list);
}

static void
sc_search_changed_cb (PreuvesPreuveEditor *self)
{
  gtk_list_box_invalidate_filter (self->sc_list);
  select_first_sc_match (self);
}

/* Enter picks the first match, as a click on it would, like the searches
 * of GNOME Settings and the Shell. */
static void
sc_search_activate_cb (PreuvesPreuveEditor *self)
{
  GtkListBoxRow *first = first_sc_match (self);

  if (first != NULL)
    sc_row_activated_cb (self, first);
  else
    gtk_widget_error_bell (GTK_WIDGET (self->sc_search));
}

static void
fill_sc_list (PreuvesPreuveEditor *self)
{
  GPtrArray *all = preuves_referentiel_get_sous_competences (preuves_referentiel_get_default ());

  for (guint i = 0; i < all->len; i++)
    {
      const PreuvesSousCompetence *sc = g_ptr_array_index (all, i);
      g_autofree char *label = preuves_sous_competence_label (sc);
      g_autofree char *key = g_strdup_printf ("%s %s %s", sc->id, sc->code, sc->text);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sc->text);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "sous-competence", (gpointer) sc);
      g_object_set_data_full (G_OBJECT (row), "search-key", g_utf8_casefold (key, -1), g_free);
      gtk_list_box_append (self->sc_list, row);
    }
  gtk_list_box_set_filter_func (self->sc_list, sc_filter_func, self, NULL);
}

/* ------------------------------------------------------------------ */
/* The preuve */

/* An advisor reads the candidate's preuve and remarks on it: the core
 * refuses their edits, so the fields say so by being read-only. */
static void
apply_role (PreuvesPreuveEditor *self)
{
  gboolean editable = !preuves_app_is_advisor ();
  GtkWidget *groups[] = {
    gtk_widget_get_ancestor (GTK_WIDGET (self->title_row), ADW_TYPE_PREFERENCES_GROUP),
    gtk_widget_get_ancestor (GTK_WIDGET (self->situation_view), ADW_TYPE_PREFERENCES_GROUP),
    gtk_widget_get_ancestor (GTK_WIDGET (self->attachments_list), ADW_TYPE_PREFERENCES_GROUP),
    gtk_widget_get_ancestor (GTK_WIDGET (self->links_list), ADW_TYPE_PREFERENCES_GROUP),
    self->delete_button,
  };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (groups[i] != NULL)
      gtk_widget_set_sensitive (groups[i], editable);
  preuves_remarks_list_set_target (self->review_remarks, self->portfolio, "preuve",
                                   preuves_preuve_get_uuid (self->preuve));
}

static void
load_preuve (PreuvesPreuveEditor *self)
{
  PreuvesPreuve *preuve = self->preuve;
  const char * const *kinds = preuves_preuve_kinds ();
  guint kind_index = 0;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), preuves_preuve_get_title (preuve) ?: "");
  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_strcmp0 (kinds[i], preuves_preuve_get_kind (preuve)) == 0)
      kind_index = i;
  adw_combo_row_set_selected (self->kind_row, kind_index);
  gtk_editable_set_text (GTK_EDITABLE (self->date_start_row), preuves_preuve_get_date_start (preuve) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_end_row), preuves_preuve_get_date_end (preuve) ?: "");
  gtk_switch_set_active (self->confidential_switch, preuves_preuve_get_confidential (preuve));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->situation_view),
                            preuves_preuve_get_situation (preuve) ?: "", -1);
  self->loading = FALSE;

  gtk_list_box_bind_model (self->attachments_list, preuves_preuve_get_attachments (preuve),
                           create_attachment_row, NULL, NULL);
  preuves_list_box_remove_all (self->links_list);
  rebuild_links (self);
  apply_role (self);
}

static void
portfolio_changed_cb (PreuvesPortfolio    *portfolio,
                      const char          *what,
                      PreuvesPreuveEditor *self)
{
  if (self->preuve == NULL)
    return;
  if (g_strcmp0 (what, "links") == 0)
    rebuild_links (self);
  else if (g_strcmp0 (what, "preuves") == 0 && preuves_preuve_get_deleted (self->preuve))
    preuves_preuve_editor_set_preuve (self, NULL);
}

typedef struct
{
  PreuvesPortfolio *portfolio;
  PreuvesPreuve    *preuve;
  GWeakRef          editor;
} DeleteUndo;

static void
delete_undo_free (gpointer data)
{
  DeleteUndo *undo = data;

  g_object_unref (undo->portfolio);
  g_object_unref (undo->preuve);
  g_weak_ref_clear (&undo->editor);
  g_free (undo);
}

/* Undo puts things back as they were before the deletion: the preuve is
 * in the editor again (and so, through the page, selected in the list). */
static void
delete_undo_cb (AdwToast   *toast,
                DeleteUndo *undo)
{
  g_autoptr(PreuvesPreuveEditor) editor = g_weak_ref_get (&undo->editor);
  g_autoptr(GError) error = NULL;

  if (!preuves_portfolio_restore_preuve (undo->portfolio, undo->preuve, &error))
    {
      g_warning ("Could not restore the preuve: %s", error->message);
      return;
    }
  if (editor != NULL && editor->portfolio == undo->portfolio)
    preuves_preuve_editor_set_preuve (editor, undo->preuve);
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PreuvesPreuveEditor *self = PREUVES_PREUVE_EDITOR (widget);
  DeleteUndo *undo;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (self->preuve == NULL)
    return;
  preuves_preuve_editor_save (self);
  undo = g_new0 (DeleteUndo, 1);
  undo->portfolio = g_object_ref (self->portfolio);
  undo->preuve = g_object_ref (self->preuve);
  g_weak_ref_init (&undo->editor, self);
  if (!preuves_portfolio_remove_preuve (self->portfolio, self->preuve, &error))
    {
      delete_undo_free (undo);
      report_error (self, error);
      return;
    }
  title = g_strdup_printf (_("“%s” deleted"), preuves_preuve_get_title (undo->preuve));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (delete_undo_cb), undo,
                         (GClosureNotify) delete_undo_free, 0);
  preuves_preuve_editor_set_preuve (self, NULL);
  preuves_page_add_toast (widget, toast);
}

static void
preuves_preuve_editor_dispose (GObject *object)
{
  PreuvesPreuveEditor *self = PREUVES_PREUVE_EDITOR (object);

  preuves_preuve_editor_save (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  preuves_preuve_editor_set_portfolio (self, NULL);
  G_OBJECT_CLASS (preuves_preuve_editor_parent_class)->dispose (object);
}

static void
preuves_preuve_editor_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PreuvesPreuveEditor *self = PREUVES_PREUVE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      g_value_set_object (value, self->portfolio);
      break;
    case PROP_PREUVE:
      g_value_set_object (value, self->preuve);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_preuve_editor_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PreuvesPreuveEditor *self = PREUVES_PREUVE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      preuves_preuve_editor_set_portfolio (self, g_value_get_object (value));
      break;
    case PROP_PREUVE:
      preuves_preuve_editor_set_preuve (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_preuve_editor_class_init (PreuvesPreuveEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = preuves_preuve_editor_dispose;
  object_class->get_property = preuves_preuve_editor_get_property;
  object_class->set_property = preuves_preuve_editor_set_property;

  properties[PROP_PORTFOLIO] =
    g_param_spec_object ("portfolio", NULL, NULL, PREUVES_TYPE_PORTFOLIO,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREUVE] =
    g_param_spec_object ("preuve", NULL, NULL, PREUVES_TYPE_PREUVE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PREUVES_TYPE_REMARKS_LIST);
  gtk_widget_class_set_template_from_resource (widget_class, PREUVES_RESOURCE_PREFIX "/preuves-preuve-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, date_start_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, date_end_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, date_error);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, confidential_switch);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, situation_view);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, attachments_list);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, attach_progress);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, links_list);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, review_remarks);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, add_link_popover);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, sc_search);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuveEditor, sc_list);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confidential_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, attach_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sc_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sc_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, sc_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action_cb);
}

static GtkWidget *
placeholder_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
preuves_preuve_editor_init (PreuvesPreuveEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  const char * const *names = preuves_preuve_kinds ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  for (guint i = 0; names[i] != NULL; i++)
    gtk_string_list_append (kinds, kind_label (names[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->situation_view), "changed",
                            G_CALLBACK (situation_changed_cb), self);
  fill_sc_list (self);
  gtk_list_box_set_placeholder (self->attachments_list,
                                placeholder_new (_("No files yet: attach the documents that show your work, with + or by dropping them on the list of preuves")));
  gtk_list_box_set_placeholder (self->links_list,
                                placeholder_new (_("Proves nothing yet: add the sous-compétences this preuve shows, with +")));
}

GtkWidget *
preuves_preuve_editor_new (void)
{
  return g_object_new (PREUVES_TYPE_PREUVE_EDITOR, NULL);
}

PreuvesPortfolio *
preuves_preuve_editor_get_portfolio (PreuvesPreuveEditor *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE_EDITOR (self), NULL);
  return self->portfolio;
}

void
preuves_preuve_editor_set_portfolio (PreuvesPreuveEditor *self,
                                     PreuvesPortfolio    *portfolio)
{
  g_return_if_fail (PREUVES_IS_PREUVE_EDITOR (self));

  if (self->portfolio == portfolio)
    return;
  preuves_preuve_editor_set_preuve (self, NULL);
  g_clear_signal_handler (&self->changed_id, self->portfolio);
  g_set_object (&self->portfolio, portfolio);
  if (portfolio != NULL)
    self->changed_id = g_signal_connect (portfolio, "changed", G_CALLBACK (portfolio_changed_cb), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTFOLIO]);
}

PreuvesPreuve *
preuves_preuve_editor_get_preuve (PreuvesPreuveEditor *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE_EDITOR (self), NULL);
  return self->preuve;
}

void
preuves_preuve_editor_set_preuve (PreuvesPreuveEditor *self,
                                  PreuvesPreuve       *preuve)
{
  g_return_if_fail (PREUVES_IS_PREUVE_EDITOR (self));
  g_return_if_fail (preuve == NULL || self->portfolio != NULL);

  if (self->preuve == preuve)
    return;
  /* Edits of the previous preuve are written before leaving it. */
  preuves_preuve_editor_save (self);
  g_set_object (&self->preuve, preuve);
  if (preuve != NULL)
    load_preuve (self);
  else
    {
      gtk_list_box_bind_model (self->attachments_list, NULL, NULL, NULL, NULL);
      preuves_list_box_remove_all (self->links_list);
    }
  gtk_stack_set_visible_child_name (self->stack, preuve ? "editor" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", preuve != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREUVE]);
}

void
preuves_preuve_editor_focus_title (PreuvesPreuveEditor *self)
{
  g_return_if_fail (PREUVES_IS_PREUVE_EDITOR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}
