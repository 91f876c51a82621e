/* preuves-export-controller.c — the window's exports for the jury: report, deposit, print
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each export goes: choose where, say whether confidential preuves go in
 * (they stay out unless the user says so), then write off the main thread
 * with the window's progress bar, and end on a toast that opens the result.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "preuves-assessment.h"
#include "preuves-deposit.h"
#include "preuves-export-controller.h"
#include "preuves-names-check.h"
#include "preuves-report.h"
#include "preuves-window-private.h"

typedef enum
{
  EXPORT_REPORT,
  EXPORT_DEPOSIT,
  EXPORT_PRINT,
} ExportKind;

struct _PreuvesExportController
{
  GObject        parent_instance;

  PreuvesWindow *window; /* weak */
  GCancellable  *cancellable;
  GSimpleAction *actions[3];
  guint          n_running;
};

G_DEFINE_FINAL_TYPE (PreuvesExportController, preuves_export_controller, G_TYPE_OBJECT)

static const char * const action_names[] = { "export-report", "export-deposit", "print-report" };

/* ---- Progress and messages ------------------------------------------------ */

/* A window being closed cancels its work first: its widgets go next. */
static gboolean
window_alive (PreuvesExportController *self)
{
  return self->window != NULL && !g_cancellable_is_cancelled (self->window->cancellable);
}

static void
progress_begin (PreuvesExportController *self)
{
  GtkProgressBar *bar = self->window->progress_bar;

  if (self->n_running++ == 0)
    {
      gtk_progress_bar_set_fraction (bar, 0.0);
      gtk_widget_set_visible (GTK_WIDGET (bar), TRUE);
    }
}

/* The window's other work (imports, attachments) shares the bar. */
static void
progress_end (PreuvesExportController *self)
{
  g_assert (self->n_running > 0);

  if (--self->n_running == 0 && self->window->n_busy == 0)
    gtk_widget_set_visible (GTK_WIDGET (self->window->progress_bar), FALSE);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  PreuvesExportController *self = user_data;

  if (window_alive (self) && self->window->pulse_id == 0)
    gtk_progress_bar_set_fraction (self->window->progress_bar, fraction);
}

static void
show_toast (PreuvesExportController *self,
            AdwToast                *toast)
{
  adw_toast_overlay_add_toast (self->window->toast_overlay, toast);
}

static void
show_error (PreuvesExportController *self,
            const GError            *error)
{
  show_toast (self, adw_toast_new (error->message));
}

static void
open_uri_cb (AdwToast *toast,
             gpointer  user_data)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "uri");
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Could not open %s: %s", uri, error->message);
}

static void
show_done_toast (PreuvesExportController *self,
                 const char              *title,
                 const char              *button,
                 GFile                   *file)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, button);
  g_object_set_data_full (G_OBJECT (toast), "uri", g_file_get_uri (file), g_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (open_uri_cb), NULL);
  show_toast (self, toast);
}

/* ---- Report --------------------------------------------------------------- */

/* What the exports read, copied from the open portfolio; NULL after
 * telling the user why. */
static PreuvesReport *
new_report (PreuvesExportController *self,
            gboolean                 include_confidential)
{
  PreuvesPortfolio *portfolio = preuves_window_get_portfolio (self->window);
  g_autoptr(GError) error = NULL;
  PreuvesReport *report;

  g_return_val_if_fail (portfolio != NULL, NULL);

  report = preuves_report_new (portfolio, include_confidential, &error);
  if (report == NULL)
    show_error (self, error);
  return report;
}

/* A running export holds the controller, which its progress callback
 * uses until the end; the window may go away meanwhile. */
typedef struct
{
  PreuvesExportController *self;
  GFile                   *file;
} Job;

static Job *
job_new (PreuvesExportController *self,
         GFile                   *file)
{
  Job *job = g_new0 (Job, 1);

  job->self = g_object_ref (self);
  job->file = g_object_ref (file);
  return job;
}

/* Returns the controller, or NULL when the window went away meanwhile. */
static PreuvesExportController *
job_free (Job *job)
{
  g_autoptr(PreuvesExportController) self = job->self;

  g_object_unref (job->file);
  g_free (job);
  if (!window_alive (self))
    return NULL;
  progress_end (self);
  /* The window holds it still. */
  return self;
}

static void
report_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GFile) file = g_object_ref (((Job *) user_data)->file);
  g_autoptr(GError) error = NULL;
  gboolean written = preuves_report_write_finish (PREUVES_REPORT (object), result, &error);
  PreuvesExportController *self = job_free (user_data);

  if (self == NULL)
    return;
  if (!written)
    show_error (self, error);
  else
    show_done_toast (self, _("Report saved"), _("_Open"), file);
}

void
preuves_export_controller_write_report (PreuvesExportController *self,
                                        GFile                   *file,
                                        gboolean                 include_confidential)
{
  g_autoptr(PreuvesReport) report = NULL;

  g_return_if_fail (PREUVES_IS_EXPORT_CONTROLLER (self));
  g_return_if_fail (G_IS_FILE (file));

  report = new_report (self, include_confidential);
  if (report == NULL)
    return;
  progress_begin (self);
  preuves_report_write_async (report, file, self->cancellable, progress_cb, self,
                              report_written_cb, job_new (self, file));
}

/* ---- Deposit -------------------------------------------------------------- */

static void
deposit_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GFile            *dir)
{
  if (g_str_equal (response, "open"))
    {
      g_autofree char *uri = g_file_get_uri (dir);

      g_app_info_launch_default_for_uri (uri, NULL, NULL);
    }
}

/* Files over the limit and documents left out are never silent: they get
 * a dialog that names them. */
static void
show_deposit_problems (PreuvesExportController *self,
                       PreuvesDepositResult    *result,
                       GFile                   *dir)
{
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  for (guint i = 0; i < result->files->len; i++)
    {
      PreuvesDepositFile *file = result->files->pdata[i];

      if (file->message != NULL)
        g_string_append_printf (body, "%s\n\n", file->message);
    }
  for (guint i = 0; i < result->problems->len; i++)
    g_string_append_printf (body, "%s\n\n", (const char *) result->problems->pdata[i]);
  g_strchomp (body->str);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self->window),
                                                       _("The Deposit Needs Attention"), body->str));
  adw_message_dialog_add_responses (dialog, "close", _("_Close"), "open", _("_Open Folder"), NULL);
  adw_message_dialog_set_default_response (dialog, "open");
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_data (dialog, "response", G_CALLBACK (deposit_response_cb), g_object_ref (dir),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
deposit_has_problems (PreuvesDepositResult *result)
{
  for (guint i = 0; i < result->files->len; i++)
    if (((PreuvesDepositFile *) result->files->pdata[i])->too_big)
      return TRUE;
  return result->problems->len > 0;
}

static void
deposit_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GFile) dir = g_object_ref (((Job *) user_data)->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesDepositResult) deposit = preuves_deposit_write_finish (result, &error);
  PreuvesExportController *self = job_free (user_data);

  if (self == NULL)
    return;
  if (deposit == NULL)
    show_error (self, error);
  else if (deposit_has_problems (deposit))
    show_deposit_problems (self, deposit, dir);
  else
    show_done_toast (self, _("Deposit folder written"), _("_Open Folder"), dir);
}

void
preuves_export_controller_write_deposit (PreuvesExportController *self,
                                         GFile                   *dir,
                                         gboolean                 include_confidential)
{
  g_autoptr(PreuvesReport) report = NULL;
  guint limit_mb;

  g_return_if_fail (PREUVES_IS_EXPORT_CONTROLLER (self));
  g_return_if_fail (G_IS_FILE (dir));

  report = new_report (self, include_confidential);
  if (report == NULL)
    return;
  limit_mb = g_settings_get_uint (self->window->settings, "deposit-size-limit");
  progress_begin (self);
  preuves_deposit_write_async (report, dir, (guint64) MAX (limit_mb, 1) * PREUVES_DEPOSIT_MB, self->cancellable,
                               progress_cb, self, deposit_written_cb, job_new (self, dir));
}

/* ---- Print ---------------------------------------------------------------- */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PreuvesReport     *report)
{
  guint n_pages = preuves_report_paginate (report, gtk_print_context_get_cairo_context (context),
                                           gtk_print_context_get_width (context),
                                           gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, n_pages);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PreuvesReport     *report)
{
  preuves_report_draw_page (report, gtk_print_context_get_cairo_context (context), page);
}

/* Through the print dialog, or straight to @pdf (GTK's own export, which
 * goes through the same callbacks). */
static void
print_report (PreuvesExportController *self,
              gboolean                 include_confidential,
              GFile                   *pdf)
{
  GtkPrintOperationAction action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(PreuvesReport) report = new_report (self, include_confidential);
  g_autoptr(GError) error = NULL;

  if (report == NULL)
    return;
  operation = gtk_print_operation_new ();
  /* The report lays itself out in points, with its own margins. */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_job_name (operation, _("Portfolio synthesis"));
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (begin_print_cb), g_object_ref (report),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), g_object_ref (report),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  /* Running asynchronously, the operation outlives this function. */
  g_signal_connect (g_object_ref (operation), "done", G_CALLBACK (g_object_unref), NULL);
  if (pdf != NULL)
    {
      g_autofree char *path = g_file_get_path (pdf);

      gtk_print_operation_set_export_filename (operation, path);
      action = GTK_PRINT_OPERATION_ACTION_EXPORT;
    }
  if (gtk_print_operation_run (operation, action, GTK_WINDOW (self->window), &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, error);
}

void
preuves_export_controller_print_to_pdf (PreuvesExportController *self,
                                        GFile                   *pdf,
                                        gboolean                 include_confidential)
{
  g_return_if_fail (PREUVES_IS_EXPORT_CONTROLLER (self));
  g_return_if_fail (G_IS_FILE (pdf));

  print_report (self, include_confidential, pdf);
}

/* ---- Choosing and asking -------------------------------------------------- */

static void
run (PreuvesExportController *self,
     ExportKind               kind,
     GFile                   *file,
     gboolean                 include_confidential)
{
  if (self->window == NULL || preuves_window_get_portfolio (self->window) == NULL)
    return;
  if (kind == EXPORT_REPORT)
    preuves_export_controller_write_report (self, file, include_confidential);
  else if (kind == EXPORT_DEPOSIT)
    preuves_export_controller_write_deposit (self, file, include_confidential);
  else
    print_report (self, include_confidential, NULL);
}

/* An export waiting for the names check. */
typedef struct
{
  PreuvesExportController *self; /* weak */
  ExportKind               kind;
  GFile                   *file;
  gboolean                 include_confidential;
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_weak_pointer (&pending->self);
  g_clear_object (&pending->file);
  g_free (pending);
}

static void
names_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Pending          *pending)
{
  if (pending->self != NULL && g_str_equal (response, "export"))
    run (pending->self, pending->kind, pending->file, pending->include_confidential);
}

static void
show_names_found (Pending   *pending,
                  GPtrArray *findings)
{
  PreuvesNameFinding *first = findings->pdata[0];
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (findings->len == 1)
    body = g_strdup_printf (_("A name from your list of names to anonymise is still in the portfolio: “%s”, in “%s”. "
                              "Anonymise it first, or export anyway."), first->name, first->label);
  else
    body = g_strdup_printf (g_dngettext (NULL,
                                         "Names from your list of names to anonymise are still in %u place, such as "
                                         "“%s”, in “%s”. Anonymise them first, or export anyway.",
                                         "Names from your list of names to anonymise are still in %u places, such as "
                                         "“%s”, in “%s”. Anonymise them first, or export anyway.",
                                         findings->len),
                            findings->len, first->name, first->label);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (pending->self->window),
                                                       _("Names to Anonymise Found"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "export", _("_Export Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (names_response_cb), pending,
                         (GClosureNotify) (void (*) (void)) pending_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
names_checked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = preuves_names_check_finish (PREUVES_PORTFOLIO (object), result, NULL, &error);

  if (pending->self == NULL || !window_alive (pending->self))
    {
      pending_free (pending);
      return;
    }
  progress_end (pending->self);
  /* A check that could not run does not hold the export back. */
  if (findings != NULL && findings->len > 0)
    {
      show_names_found (pending, findings);
      return;
    }
  run (pending->self, pending->kind, pending->file, pending->include_confidential);
  pending_free (pending);
}

/* When the candidate keeps a list of names to anonymise, the export first
 * looks for them, and says so if one is still there. */
static void
check_names_then_run (PreuvesExportController *self,
                      ExportKind               kind,
                      GFile                   *file,
                      gboolean                 include_confidential)
{
  PreuvesPortfolio *portfolio = preuves_window_get_portfolio (self->window);
  g_auto(GStrv) names = portfolio != NULL ? preuves_portfolio_get_names (portfolio) : NULL;
  Pending *pending;

  if (names == NULL || names[0] == NULL)
    {
      run (self, kind, file, include_confidential);
      return;
    }
  pending = g_new0 (Pending, 1);
  g_set_weak_pointer (&pending->self, self);
  pending->kind = kind;
  pending->file = file != NULL ? g_object_ref (file) : NULL;
  pending->include_confidential = include_confidential;
  progress_begin (self);
  preuves_names_check_async (portfolio, self->cancellable, names_checked_cb, pending);
}

static guint
count_confidential (PreuvesPortfolio *portfolio)
{
  GListModel *preuves = preuves_portfolio_get_preuves (portfolio);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (preuves); i++)
    {
      g_autoptr(PreuvesPreuve) preuve = g_list_model_get_item (preuves, i);

      n += preuves_preuve_get_confidential (preuve) ? 1 : 0;
    }
  return n;
}

static void
confidential_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  PreuvesExportController *self = g_object_get_data (G_OBJECT (dialog), "controller");
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  ExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "kind"));

  if (self->window != NULL && !g_str_equal (response, "cancel"))
    check_names_then_run (self, kind, file, g_str_equal (response, "include"));
}

/* Confidential preuves stay out unless the user includes them here: the
 * safe answer is the default one. */
static void
ask_confidential (PreuvesExportController *self,
                  ExportKind               kind,
                  GFile                   *file)
{
  guint n = count_confidential (preuves_window_get_portfolio (self->window));
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (n == 0)
    {
      check_names_then_run (self, kind, file, FALSE);
      return;
    }
  body = g_strdup_printf (g_dngettext (NULL,
                                       "%u preuve is marked confidential. It stays out of the export unless you include it.",
                                       "%u preuves are marked confidential. They stay out of the export unless you include them.",
                                       n), n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self->window),
                                                       _("Include Confidential Preuves?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "include", _("_Include Them"),
                                    "leave-out", _("_Leave Them Out"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "include", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "leave-out", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "leave-out");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "controller", g_object_ref (self), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "kind", GINT_TO_POINTER (kind));
  if (file != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (confidential_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chooser_response_cb (GtkFileChooserNative *chooser,
                     int                   response,
                     gpointer              user_data)
{
  PreuvesExportController *self = g_object_get_data (G_OBJECT (chooser), "controller");
  ExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "kind"));

  if (response == GTK_RESPONSE_ACCEPT && self->window != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      ask_confidential (self, kind, file);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static char *
report_filename (PreuvesPortfolio *portfolio)
{
  const char *name = preuves_portfolio_get_candidate_name (portfolio);
  g_autofree char *safe = g_strdelimit (g_strdup (name != NULL && *name ? name : _("Portfolio")), "/\\:", '-');

  /* TRANSLATORS: the report's file name; %s is the candidate's name */
  return g_strdup_printf (_("Synthesis - %s.pdf"), safe);
}

static void
choose (PreuvesExportController *self,
        ExportKind               kind)
{
  gboolean folder = kind == EXPORT_DEPOSIT;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (folder ? _("Choose the Deposit Folder") : _("Save the Report"),
                                         GTK_WINDOW (self->window),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         folder ? _("_Select") : _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (!folder)
    {
      g_autofree char *name = report_filename (preuves_window_get_portfolio (self->window));

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_object_set_data_full (G_OBJECT (chooser), "controller", g_object_ref (self), g_object_unref);
  g_object_set_data (G_OBJECT (chooser), "kind", GINT_TO_POINTER (kind));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
activate_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  PreuvesExportController *self = user_data;
  ExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (action), "kind"));

  if (self->window == NULL || preuves_window_get_portfolio (self->window) == NULL)
    return;
  if (kind == EXPORT_PRINT)
    ask_confidential (self, kind, NULL);
  else
    choose (self, kind);
}

static void
portfolio_changed_cb (PreuvesExportController *self)
{
  gboolean open = self->window != NULL && preuves_window_get_portfolio (self->window) != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (self->actions); i++)
    g_simple_action_set_enabled (self->actions[i], open);
}

/* ---- GObject -------------------------------------------------------------- */

static void
preuves_export_controller_dispose (GObject *object)
{
  PreuvesExportController *self = PREUVES_EXPORT_CONTROLLER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->window);
  for (guint i = 0; i < G_N_ELEMENTS (self->actions); i++)
    g_clear_object (&self->actions[i]);

  G_OBJECT_CLASS (preuves_export_controller_parent_class)->dispose (object);
}

static void
preuves_export_controller_finalize (GObject *object)
{
  PreuvesExportController *self = PREUVES_EXPORT_CONTROLLER (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (preuves_export_controller_parent_class)->finalize (object);
}

static void
preuves_export_controller_class_init (PreuvesExportControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = preuves_export_controller_dispose;
  object_class->finalize = preuves_export_controller_finalize;
}

static void
preuves_export_controller_init (PreuvesExportController *self)
{
  self->cancellable = g_cancellable_new ();
}

PreuvesExportController *
preuves_export_controller_new (PreuvesWindow *window)
{
  PreuvesExportController *self;

  g_return_val_if_fail (PREUVES_IS_WINDOW (window), NULL);

  self = g_object_new (PREUVES_TYPE_EXPORT_CONTROLLER, NULL);
  g_set_weak_pointer (&self->window, window);
  for (guint i = 0; i < G_N_ELEMENTS (self->actions); i++)
    {
      self->actions[i] = g_simple_action_new (action_names[i], NULL);
      g_object_set_data (G_OBJECT (self->actions[i]), "kind", GINT_TO_POINTER (i));
      g_signal_connect (self->actions[i], "activate", G_CALLBACK (activate_cb), self);
      g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (self->actions[i]));
    }
  g_signal_connect_object (window, "notify::portfolio", G_CALLBACK (portfolio_changed_cb), self, G_CONNECT_SWAPPED);
  portfolio_changed_cb (self);
  return self;
}
