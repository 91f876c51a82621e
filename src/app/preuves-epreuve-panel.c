/* preuves-epreuve-panel.c — an épreuve: its modalités, written document and criteria
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-document-check.h"
#include "preuves-epreuve-panel.h"
#include "preuves-page-util.h"
#include "preuves-page-thumbnail.h"
#include "preuves-pdf-report.h"
#include "preuves-refresh-scheduler.h"
#include "preuves-window.h"

/* Rows are refreshed a moment after a burst of changes, not on each. */
#define REFRESH_DELAY_MS 150

struct _PreuvesEpreuvePanel
{
  AdwBin                parent_instance;

  PreuvesPortfolio     *portfolio;
  gulong                changed_id;
  PreuvesRefreshScheduler refresh;
  char                 *epreuve_id;
  const PreuvesEpreuve *epreuve;
  GPtrArray            *criterion_rows;
  GCancellable         *cancellable;
  GCancellable         *check_cancellable;
  gboolean              loading;
  gboolean              attaching;

  AdwPreferencesGroup  *epreuve_group;
  AdwActionRow         *epreuve_kind_row;
  AdwActionRow         *durations_row;
  GtkButton            *rehearse_button;
  GtkLabel             *modalites_label;
  AdwActionRow         *jury_row;
  AdwPreferencesGroup  *document_group;
  GtkButton            *document_button;
  AdwActionRow         *document_row;
  GtkSpinner           *document_spinner;
  AdwActionRow         *pages_row;
  AdwActionRow         *annex_row;
  GtkSpinButton        *annex_spin;
  GtkBox               *thumbnails_box;
  AdwPreferencesGroup  *criteria_group;
};

enum {
  PROP_0,
  PROP_PORTFOLIO,
  PROP_EPREUVE_ID,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PreuvesEpreuvePanel, preuves_epreuve_panel, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* The épreuve and its criteria */

static void
load_epreuve (PreuvesEpreuvePanel *self)
{
  const PreuvesEpreuve *epreuve = self->epreuve;
  g_autofree char *durations = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->epreuve_group), epreuve != NULL);
  if (epreuve == NULL)
    return;
  adw_preferences_group_set_description (self->epreuve_group, epreuve->title);
  adw_action_row_set_subtitle (self->epreuve_kind_row,
                               epreuve->kind == PREUVES_EPREUVE_ORAL ? _("Oral, before a jury") : _("Written document"));
  durations = preuves_epreuve_durations_text (epreuve);
  adw_action_row_set_subtitle (self->durations_row, durations);
  gtk_widget_set_visible (GTK_WIDGET (self->durations_row), epreuve->presentation_max > 0);
  gtk_label_set_text (self->modalites_label, epreuve->modalites ?: "");
  adw_action_row_set_subtitle (self->jury_row, epreuve->jury ?: "");
}

static void
criterion_selected_cb (AdwComboRow         *row,
                       GParamSpec          *pspec,
                       PreuvesEpreuvePanel *self)
{
  const PreuvesCriterion *criterion = g_object_get_data (G_OBJECT (row), "criterion");
  PreuvesCriterionState state = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;

  if (self->loading || self->portfolio == NULL)
    return;
  if (!preuves_portfolio_set_criterion (self->portfolio, criterion->id, state, NULL, &error))
    preuves_page_show_error (GTK_WIDGET (self), error);
}

static void
build_criteria (PreuvesEpreuvePanel *self)
{
  const PreuvesEpreuve *epreuve = self->epreuve;
  const char * const states[] = { N_("Not yet"), N_("In progress"), N_("Met"), NULL };

  gtk_widget_set_visible (GTK_WIDGET (self->criteria_group), epreuve != NULL);
  for (guint i = 0; epreuve != NULL && i < epreuve->criteria->len; i++)
    {
      const PreuvesCriterion *criterion = g_ptr_array_index (epreuve->criteria, i);
      g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
      GtkWidget *row = adw_combo_row_new ();
      g_autofree char *name = g_strconcat ("criterion-", criterion->id, NULL);

      for (guint s = 0; states[s] != NULL; s++)
        gtk_string_list_append (model, _(states[s]));
      gtk_widget_set_name (row, name);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), criterion->text);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), criterion->id);
      g_object_set_data (G_OBJECT (row), "criterion", (gpointer) criterion);
      g_signal_connect (row, "notify::selected", G_CALLBACK (criterion_selected_cb), self);
      adw_preferences_group_add (self->criteria_group, row);
      g_ptr_array_add (self->criterion_rows, row);
    }
}

static void
update_criteria (PreuvesEpreuvePanel *self)
{
  self->loading = TRUE;
  for (guint i = 0; i < self->criterion_rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->criterion_rows, i);
      const PreuvesCriterion *criterion = g_object_get_data (G_OBJECT (row), "criterion");

      adw_combo_row_set_selected (row, preuves_portfolio_get_criterion (self->portfolio, criterion->id, NULL));
    }
  self->loading = FALSE;
}

static void
rehearse_clicked_cb (PreuvesEpreuvePanel *self)
{
  if (self->epreuve != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-rehearsal", "s", self->epreuve->id);
}

/* ------------------------------------------------------------------ */
/* The written document and its page check */

static const char *
annex_method_text (PreuvesAnnexMethod method)
{
  switch (method)
    {
    case PREUVES_ANNEX_METHOD_OUTLINE:
      return _("Found in the document’s outline");
    case PREUVES_ANNEX_METHOD_HEADING:
      return _("Found from an annex heading at the top of a page");
    case PREUVES_ANNEX_METHOD_MANUAL:
      return _("Set by hand");
    case PREUVES_ANNEX_METHOD_NONE:
    default:
      return _("Not found: if the document has annexes, set their first page by hand");
    }
}

/* Page 0 means that no annex was found: a dash says so better than "0". */
static gboolean
annex_spin_output_cb (GtkSpinButton *spin)
{
  if (gtk_spin_button_get_value_as_int (spin) >= 1)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (spin), "—");
  return TRUE;
}

static int
annex_spin_input_cb (GtkSpinButton *spin,
                     double        *value)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), "—") != 0)
    return FALSE;
  *value = 0;
  return TRUE;
}

static void
update_thumbnails (PreuvesEpreuvePanel          *self,
                   const PreuvesWrittenDocument *doc)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->thumbnails_box))) != NULL)
    gtk_box_remove (self->thumbnails_box, child);
  if (doc == NULL || doc->pages_total <= 0)
    return;
  /* Drawn by the probe, off the main thread, and kept in a cache. */
  gtk_box_append (self->thumbnails_box,
                  preuves_page_thumbnail_new (self->portfolio, doc->sha256, 1, _("First page")));
  if (doc->annex_start > 0)
    {
      g_autofree char *caption = g_strdup_printf (_("First annex page, p. %d"), doc->annex_start);

      gtk_box_append (self->thumbnails_box,
                      preuves_page_thumbnail_new (self->portfolio, doc->sha256, doc->annex_start, caption));
    }
}

static char *
pages_text (const PreuvesWrittenDocument     *doc,
            const PreuvesWrittenDocumentSpec *spec,
            gboolean                         *ok)
{
  *ok = FALSE;
  if (doc->pages_counted < 0)
    return g_strdup (_("Not counted yet"));
  if (doc->pages_counted < (int) spec->pages_min)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d page: too short, the jury expects %u to %u pages without the annexes",
                                         "%d pages: too short, the jury expects %u to %u pages without the annexes",
                                         MAX (doc->pages_counted, 0)),
                            doc->pages_counted, spec->pages_min, spec->pages_max);
  if (doc->pages_counted > (int) spec->pages_max)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d page: too long, the jury expects %u to %u pages without the annexes",
                                         "%d pages: too long, the jury expects %u to %u pages without the annexes",
                                         MAX (doc->pages_counted, 0)),
                            doc->pages_counted, spec->pages_min, spec->pages_max);
  *ok = TRUE;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d page, within the %u to %u pages expected",
                                       "%d pages, within the %u to %u pages expected",
                                       MAX (doc->pages_counted, 0)),
                          doc->pages_counted, spec->pages_min, spec->pages_max);
}

/* Says with an icon, beside the words, whether a row is fine. */
static void
set_row_state (AdwActionRow *row,
               gboolean      ok)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "state-icon");

  if (icon == NULL)
    {
      icon = gtk_image_new ();
      adw_action_row_add_prefix (row, icon);
      g_object_set_data (G_OBJECT (row), "state-icon", icon);
    }
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (icon, ok ? "warning" : "success");
  gtk_widget_add_css_class (icon, ok ? "success" : "warning");
}

/* The stored check keeps a code ("encrypted", "damaged"…); the user reads
 * the translated sentence that says what to do. */
static char *
check_error_text (const char *check_error)
{
  PreuvesPdfError code;
  g_autoptr(GError) error = NULL;

  if (!preuves_pdf_error_from_string (check_error, &code))
    return g_strdup (check_error);
  error = preuves_pdf_error_new (code, 0);
  return g_strdup (error->message);
}

/* Fills the rows from a checked document (manual annex start applied). */
static void
show_checked_document (PreuvesEpreuvePanel          *self,
                       const PreuvesWrittenDocument *doc)
{
  const PreuvesWrittenDocumentSpec *spec = self->epreuve->written_document;
  g_autofree char *pages = NULL;
  g_autofree char *total = NULL;
  gboolean ok;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->document_row), doc->filename);
  total = g_strdup_printf (g_dngettext (NULL, "%d page in all", "%d pages in all", MAX (doc->pages_total, 0)),
                           doc->pages_total);
  if (doc->check_error != NULL)
    {
      g_autofree char *message = check_error_text (doc->check_error);

      adw_action_row_set_subtitle (self->document_row, message);
    }
  else if (doc->text_layer == 0)
    adw_action_row_set_subtitle (self->document_row, _("No text layer: the annexes cannot be found from the text"));
  else
    adw_action_row_set_subtitle (self->document_row, total);
  /* A document that could not be read has no pages to count. */
  gtk_widget_set_visible (GTK_WIDGET (self->pages_row), doc->check_error == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->annex_row), doc->check_error == NULL);

  pages = pages_text (doc, spec, &ok);
  adw_action_row_set_subtitle (self->pages_row, pages);
  set_row_state (self->pages_row, ok);

  adw_action_row_set_subtitle (self->annex_row, annex_method_text (doc->annex_method));
  gtk_spin_button_set_range (self->annex_spin, 0, MAX (doc->pages_total, 1));
  gtk_spin_button_set_value (self->annex_spin, MAX (doc->annex_start, 0));
  update_thumbnails (self, doc);
}

static void
set_checking (PreuvesEpreuvePanel *self,
              gboolean             checking)
{
  gtk_widget_set_visible (GTK_WIDGET (self->document_spinner), checking);
  if (checking)
    gtk_spinner_start (self->document_spinner);
  else
    gtk_spinner_stop (self->document_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->document_button), !checking);
  gtk_widget_set_sensitive (GTK_WIDGET (self->annex_row), !checking);
}

static void
run_check_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PreuvesEpreuvePanel) self = user_data;
  g_autoptr(PreuvesWrittenDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = preuves_document_check_run_finish (PREUVES_PORTFOLIO (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_checking (self, FALSE);
  if (doc != NULL)
    show_checked_document (self, doc);
  else
    adw_action_row_set_subtitle (self->document_row, error->message);
}

/* The stored row says whether there is a document; the check (stored, or
 * run off the main thread when the bytes are new) says what it holds. */
static void
update_document (PreuvesEpreuvePanel *self)
{
  const PreuvesEpreuve *epreuve = self->epreuve;
  const PreuvesWrittenDocumentSpec *spec = epreuve ? epreuve->written_document : NULL;
  g_autoptr(PreuvesWrittenDocument) doc = NULL;
  g_autofree char *summary = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->document_group), spec != NULL);
  if (spec == NULL || self->portfolio == NULL)
    return;
  summary = g_strdup_printf (_("%s: %u to %u pages without the annexes"), spec->title, spec->pages_min, spec->pages_max);
  adw_preferences_group_set_description (self->document_group, summary);

  doc = preuves_portfolio_get_written_document (self->portfolio, epreuve->id);
  if (doc == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->pages_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->annex_row), FALSE);
      update_thumbnails (self, NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->document_row), _("No document yet"));
      adw_action_row_set_subtitle (self->document_row, _("Choose the PDF you will send to the jury: Preuves counts its pages and finds the annexes."));
      return;
    }
  if (self->attaching)
    return;
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->document_row), doc->filename);
  set_checking (self, TRUE);
  preuves_document_check_run_async (self->portfolio, epreuve->id, self->check_cancellable,
                                    run_check_cb, g_object_ref (self));
}

/* The document just stored is the one on show: the refresh its storing
 * queued would only check it again, and meanwhile turn the annex row
 * insensitive and reset the page the user may be typing. */
static void
skip_queued_document_refresh (PreuvesEpreuvePanel *self)
{
  preuves_refresh_scheduler_done (&self->refresh);
  update_criteria (self);
}

static void
attach_document_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PreuvesEpreuvePanel) self = user_data;
  g_autoptr(PreuvesWrittenDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = preuves_document_check_attach_finish (PREUVES_PORTFOLIO (object), result, &error);
  self->attaching = FALSE;
  set_checking (self, FALSE);
  if (doc != NULL)
    {
      show_checked_document (self, doc);
      skip_queued_document_refresh (self);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      /* A toast would go unnoticed; the previous document, if any, is kept. */
      if (PREUVES_IS_WINDOW (root))
        preuves_window_show_error (PREUVES_WINDOW (root), _("Cannot Add the Written Document"), error);
      else
        preuves_page_show_error (GTK_WIDGET (self), error);
      update_document (self);
    }
}

/* Stores @pdf as the épreuve's written document and checks its pages, off the
 * main thread; a spinner shows meanwhile. */
void
preuves_epreuve_panel_attach_document (PreuvesEpreuvePanel *self,
                                       GFile               *pdf)
{
  g_return_if_fail (PREUVES_IS_EPREUVE_PANEL (self));
  g_return_if_fail (G_IS_FILE (pdf));

  if (self->portfolio == NULL || self->epreuve == NULL)
    return;
  self->attaching = TRUE;
  g_cancellable_cancel (self->check_cancellable);
  set_checking (self, TRUE);
  adw_action_row_set_subtitle (self->document_row, _("Counting pages and looking for the annexes…"));
  preuves_document_check_attach_async (self->portfolio, self->epreuve->id, pdf,
                                       self->cancellable, attach_document_cb, g_object_ref (self));
}

static void
document_chooser_response_cb (GtkNativeDialog     *chooser,
                              int                  response,
                              PreuvesEpreuvePanel *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      preuves_epreuve_panel_attach_document (self, file);
    }
  g_object_unref (chooser);
}

static void
choose_document_cb (PreuvesEpreuvePanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose the Written Document"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (document_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ */

static void
clear_criteria (PreuvesEpreuvePanel *self)
{
  for (guint i = 0; i < self->criterion_rows->len; i++)
    adw_preferences_group_remove (self->criteria_group, g_ptr_array_index (self->criterion_rows, i));
  g_ptr_array_set_size (self->criterion_rows, 0);
}

static void
refresh_now (PreuvesEpreuvePanel *self)
{
  preuves_refresh_scheduler_done (&self->refresh);
  if (self->epreuve == NULL || self->portfolio == NULL)
    return;
  update_criteria (self);
  update_document (self);
}

static void
refresh_cb (gpointer user_data)
{
  refresh_now (user_data);
}

static void
annex_apply_cb (PreuvesEpreuvePanel *self)
{
  guint page = gtk_spin_button_get_value_as_int (self->annex_spin);
  g_autoptr(GError) error = NULL;

  if (!preuves_document_check_set_annex_start (self->portfolio, self->epreuve->id, page, &error))
    preuves_page_show_error (GTK_WIDGET (self), error);
  /* Now, and once: the refresh this change queued would check it again. */
  refresh_now (self);
}

static void
portfolio_changed_cb (PreuvesPortfolio    *portfolio,
                      const char          *what,
                      PreuvesEpreuvePanel *self)
{
  if (g_strcmp0 (what, "criteria") != 0 && g_strcmp0 (what, "documents") != 0)
    return;
  preuves_refresh_scheduler_queue (&self->refresh);
}

static void
preuves_epreuve_panel_dispose (GObject *object)
{
  PreuvesEpreuvePanel *self = PREUVES_EPREUVE_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->check_cancellable);
  preuves_epreuve_panel_set_portfolio (self, NULL);
  preuves_refresh_scheduler_clear (&self->refresh);
  G_OBJECT_CLASS (preuves_epreuve_panel_parent_class)->dispose (object);
}

static void
preuves_epreuve_panel_finalize (GObject *object)
{
  PreuvesEpreuvePanel *self = PREUVES_EPREUVE_PANEL (object);

  g_free (self->epreuve_id);
  g_ptr_array_unref (self->criterion_rows);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->check_cancellable);
  G_OBJECT_CLASS (preuves_epreuve_panel_parent_class)->finalize (object);
}

static void
preuves_epreuve_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PreuvesEpreuvePanel *self = PREUVES_EPREUVE_PANEL (object);

  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      g_value_set_object (value, self->portfolio);
      break;
    case PROP_EPREUVE_ID:
      g_value_set_string (value, self->epreuve_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_epreuve_panel_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PreuvesEpreuvePanel *self = PREUVES_EPREUVE_PANEL (object);

  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      preuves_epreuve_panel_set_portfolio (self, g_value_get_object (value));
      break;
    case PROP_EPREUVE_ID:
      preuves_epreuve_panel_set_epreuve_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_epreuve_panel_class_init (PreuvesEpreuvePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = preuves_epreuve_panel_dispose;
  object_class->finalize = preuves_epreuve_panel_finalize;
  object_class->get_property = preuves_epreuve_panel_get_property;
  object_class->set_property = preuves_epreuve_panel_set_property;

  properties[PROP_PORTFOLIO] =
    g_param_spec_object ("portfolio", NULL, NULL, PREUVES_TYPE_PORTFOLIO,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EPREUVE_ID] =
    g_param_spec_string ("epreuve-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, PREUVES_RESOURCE_PREFIX "/preuves-epreuve-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PreuvesEpreuvePanel, epreuve_group);
  gtk_widget_class_bind_template_child (widget_class, PreuvesEpreuvePanel, epreuve_kind_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesEpreuvePanel, durations_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesEpreuvePanel, rehearse_button);
  gtk_widget_class_bind_template_child (widget_class, PreuvesEpreuvePanel, modalites_label);
  gtk_widget_class_bind_template_child (widget_class, PreuvesEpreuvePanel, jury_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesEpreuvePanel, document_group);
  gtk_widget_class_bind_template_child (widget_class, PreuvesEpreuvePanel, document_button);
  gtk_widget_class_bind_template_child (widget_class, PreuvesEpreuvePanel, document_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesEpreuvePanel, document_spinner);
  gtk_widget_class_bind_template_child (widget_class, PreuvesEpreuvePanel, pages_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesEpreuvePanel, annex_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesEpreuvePanel, annex_spin);
  gtk_widget_class_bind_template_callback (widget_class, annex_spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, annex_spin_input_cb);
  gtk_widget_class_bind_template_child (widget_class, PreuvesEpreuvePanel, thumbnails_box);
  gtk_widget_class_bind_template_child (widget_class, PreuvesEpreuvePanel, criteria_group);
  gtk_widget_class_bind_template_callback (widget_class, rehearse_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_document_cb);
  gtk_widget_class_bind_template_callback (widget_class, annex_apply_cb);
}

static void
preuves_epreuve_panel_init (PreuvesEpreuvePanel *self)
{
  self->criterion_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  /* Not deferred while hidden: the panel lives inside its bloc page. */
  preuves_refresh_scheduler_init (&self->refresh, NULL, REFRESH_DELAY_MS, refresh_cb, self);

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
preuves_epreuve_panel_new (const char *epreuve_id)
{
  return g_object_new (PREUVES_TYPE_EPREUVE_PANEL, "epreuve-id", epreuve_id, NULL);
}

void
preuves_epreuve_panel_set_portfolio (PreuvesEpreuvePanel *self,
                                     PreuvesPortfolio    *portfolio)
{
  g_return_if_fail (PREUVES_IS_EPREUVE_PANEL (self));

  if (self->portfolio == portfolio)
    return;
  g_clear_signal_handler (&self->changed_id, self->portfolio);
  g_cancellable_cancel (self->check_cancellable);
  g_set_object (&self->portfolio, portfolio);
  if (portfolio != NULL)
    self->changed_id = g_signal_connect (portfolio, "changed", G_CALLBACK (portfolio_changed_cb), self);
  refresh_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTFOLIO]);
}

void
preuves_epreuve_panel_set_epreuve_id (PreuvesEpreuvePanel *self,
                                      const char          *epreuve_id)
{
  g_return_if_fail (PREUVES_IS_EPREUVE_PANEL (self));

  if (g_strcmp0 (self->epreuve_id, epreuve_id) == 0)
    return;
  g_free (self->epreuve_id);
  self->epreuve_id = g_strdup (epreuve_id);
  self->epreuve = epreuve_id ? preuves_referentiel_find_epreuve (preuves_referentiel_get_default (), epreuve_id) : NULL;
  clear_criteria (self);
  load_epreuve (self);
  gtk_widget_set_visible (GTK_WIDGET (self->criteria_group), self->epreuve != NULL);
  if (self->epreuve != NULL)
    build_criteria (self);
  else
    gtk_widget_set_visible (GTK_WIDGET (self->document_group), FALSE);
  refresh_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPREUVE_ID]);
}

/* Leads the eye to the document's button. */
void
preuves_epreuve_panel_focus_document (PreuvesEpreuvePanel *self)
{
  g_return_if_fail (PREUVES_IS_EPREUVE_PANEL (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->document_button));
}

/* Leads the eye to the self-assessment of @criterion_id. */
void
preuves_epreuve_panel_focus_criterion (PreuvesEpreuvePanel *self,
                                       const char          *criterion_id)
{
  g_return_if_fail (PREUVES_IS_EPREUVE_PANEL (self));

  for (guint i = 0; i < self->criterion_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->criterion_rows, i);
      const PreuvesCriterion *criterion = g_object_get_data (G_OBJECT (row), "criterion");

      if (g_strcmp0 (criterion->id, criterion_id) == 0)
        gtk_widget_grab_focus (row);
    }
}
