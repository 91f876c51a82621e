/* preuves-bloc-page.c — one bloc: its compétences and their preuves, its épreuve and document
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-bloc-page.h"
#include "preuves-document-check.h"
#include "preuves-page-util.h"
#include "preuves-readiness-watch.h"

/* Rows are rebuilt a moment after a burst of changes, not on each. */
#define REFRESH_DELAY_MS 150

struct _PreuvesBlocPage
{
  AdwBin                 parent_instance;

  char                  *bloc_code;
  const PreuvesBloc     *bloc;
  PreuvesReadinessWatch *watch;
  gulong                 changed_id;
  guint                  refresh_id;
  GHashTable            *expanded;      /* compétence codes shown open */
  GPtrArray             *criterion_rows;
  GCancellable          *cancellable;
  GCancellable          *check_cancellable;
  gboolean               loading;
  gboolean               attaching;

  GtkLabel              *title_label;
  GtkLabel              *state_label;
  GtkLabel              *coverage_label;
  GtkLevelBar           *coverage_bar;
  GtkListBox            *remarks_list;
  AdwPreferencesGroup   *reasons_group;
  GtkListBox            *reasons_list;
  GtkBox                *activites_box;
  AdwPreferencesGroup   *epreuve_group;
  AdwActionRow          *epreuve_kind_row;
  AdwActionRow          *durations_row;
  GtkButton             *rehearse_button;
  GtkLabel              *modalites_label;
  AdwActionRow          *jury_row;
  AdwPreferencesGroup   *document_group;
  GtkButton             *document_button;
  AdwActionRow          *document_row;
  GtkSpinner            *document_spinner;
  AdwActionRow          *pages_row;
  AdwActionRow          *annex_row;
  GtkSpinButton         *annex_spin;
  GtkBox                *thumbnails_box;
  AdwPreferencesGroup   *criteria_group;
};

enum {
  PROP_0,
  PROP_PORTFOLIO,
  PROP_BLOC_CODE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PreuvesBlocPage, preuves_bloc_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static PreuvesPortfolio *
portfolio_of (PreuvesBlocPage *self)
{
  return preuves_readiness_watch_get_portfolio (self->watch);
}

/* ------------------------------------------------------------------ */
/* Compétences, sous-compétences and the preuves that back them */

static void
preuve_row_activated_cb (AdwActionRow *row,
                         gpointer      user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (row), "win.show-preuve", "s",
                              g_object_get_data (G_OBJECT (row), "preuve-uuid"));
}

static GtkWidget *
preuve_row_new (PreuvesPreuve *preuve,
                PreuvesLink   *link)
{
  GtkWidget *row = adw_action_row_new ();
  const char *justification = preuves_link_get_justification (link);
  gboolean justified = justification != NULL && justification[0] != '\0';

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), preuves_preuve_get_title (preuve));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               justified ? justification : _("No justification yet: say what in this preuve shows it"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (justified ? "document-properties-symbolic" : "dialog-warning-symbolic"));
  if (!justified)
    gtk_widget_add_css_class (row, "warning");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_widget_set_margin_start (row, 24);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "preuve-uuid", g_strdup (preuves_preuve_get_uuid (preuve)), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (preuve_row_activated_cb), NULL);
  return row;
}

/* Adds the sous-compétence's row and one row per preuve backing it.
 * Returns whether a justified preuve backs it. */
static gboolean
add_sous_competence (PreuvesBlocPage             *self,
                     AdwExpanderRow              *expander,
                     const PreuvesSousCompetence *sc)
{
  PreuvesPortfolio *portfolio = portfolio_of (self);
  g_autoptr(GListModel) links = preuves_portfolio_list_links_for_sous_competence (portfolio, sc->id);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *label = preuves_sous_competence_label (sc);
  g_autofree char *name = g_strconcat ("sous-competence-", sc->id, NULL);
  guint n_links = g_list_model_get_n_items (links);
  gboolean covered = FALSE;

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sc->text);
  adw_expander_row_add_row (expander, row);

  for (guint i = 0; i < n_links; i++)
    {
      g_autoptr(PreuvesLink) link = g_list_model_get_item (links, i);
      PreuvesPreuve *preuve = preuves_portfolio_find_preuve (portfolio, preuves_link_get_preuve_uuid (link));
      const char *justification = preuves_link_get_justification (link);

      if (preuve == NULL)
        continue;
      covered |= justification != NULL && justification[0] != '\0';
      adw_expander_row_add_row (expander, preuve_row_new (preuve, link));
    }

  if (n_links == 0)
    {
      GtkWidget *gap = gtk_label_new (_("No preuve yet"));

      gtk_widget_add_css_class (gap, "warning");
      gtk_widget_add_css_class (gap, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gap);
    }
  return covered;
}

static void
expanded_changed_cb (AdwExpanderRow  *expander,
                     GParamSpec      *pspec,
                     PreuvesBlocPage *self)
{
  const char *code = g_object_get_data (G_OBJECT (expander), "competence-code");

  if (adw_expander_row_get_expanded (expander))
    g_hash_table_add (self->expanded, g_strdup (code));
  else
    g_hash_table_remove (self->expanded, code);
}

static GtkWidget *
competence_row_new (PreuvesBlocPage         *self,
                    const PreuvesCompetence *competence)
{
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *title = g_strdup_printf ("%s — %s", competence->code, competence->title);
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;
  guint covered = 0;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  for (guint i = 0; i < competence->sous_competences->len; i++)
    covered += add_sous_competence (self, ADW_EXPANDER_ROW (expander),
                                    g_ptr_array_index (competence->sous_competences, i));

  subtitle = g_strdup_printf (_("%u of %u sous-compétences backed"), covered, competence->sous_competences->len);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  if (covered < competence->sous_competences->len)
    adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander),
                                 gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  else
    adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander),
                                 gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
  g_object_set_data_full (G_OBJECT (expander), "competence-code", g_strdup (competence->code), g_free);
  name = g_strconcat ("competence-", competence->code, NULL);
  gtk_widget_set_name (expander, name);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander),
                                 g_hash_table_contains (self->expanded, competence->code));
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (expanded_changed_cb), self);
  return expander;
}

static void
rebuild_activites (PreuvesBlocPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->activites_box))) != NULL)
    gtk_box_remove (self->activites_box, child);
  if (self->bloc == NULL || portfolio_of (self) == NULL)
    return;

  for (guint i = 0; i < self->bloc->activites->len; i++)
    {
      const PreuvesActivite *activite = g_ptr_array_index (self->bloc->activites, i);
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *title = g_strdup_printf (_("Activité %s"), activite->code);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), activite->title);
      for (guint j = 0; j < activite->competences->len; j++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   competence_row_new (self, g_ptr_array_index (activite->competences, j)));
      gtk_box_append (self->activites_box, group);
    }
}

/* ------------------------------------------------------------------ */
/* The épreuve and its criteria */

static void
load_epreuve (PreuvesBlocPage *self)
{
  const PreuvesEpreuve *epreuve = self->bloc->epreuve;
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
criterion_selected_cb (AdwComboRow     *row,
                       GParamSpec      *pspec,
                       PreuvesBlocPage *self)
{
  const PreuvesCriterion *criterion = g_object_get_data (G_OBJECT (row), "criterion");
  PreuvesCriterionState state = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;

  if (self->loading || portfolio_of (self) == NULL)
    return;
  if (!preuves_portfolio_set_criterion (portfolio_of (self), criterion->id, state, NULL, &error))
    preuves_page_show_error (GTK_WIDGET (self), error);
}

static void
build_criteria (PreuvesBlocPage *self)
{
  const PreuvesEpreuve *epreuve = self->bloc->epreuve;
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
update_criteria (PreuvesBlocPage *self)
{
  self->loading = TRUE;
  for (guint i = 0; i < self->criterion_rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->criterion_rows, i);
      const PreuvesCriterion *criterion = g_object_get_data (G_OBJECT (row), "criterion");

      adw_combo_row_set_selected (row, preuves_portfolio_get_criterion (portfolio_of (self), criterion->id, NULL));
    }
  self->loading = FALSE;
}

static void
rehearse_clicked_cb (PreuvesBlocPage *self)
{
  if (self->bloc != NULL && self->bloc->epreuve != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-rehearsal", "s", self->bloc->epreuve->id);
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

/* Pages are never rendered in the app's process (poppler would parse an
 * untrusted file there): a card names the page instead. */
static GtkWidget *
page_card_new (const char *caption,
               guint       page)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *image = gtk_image_new_from_icon_name ("x-office-document-symbolic");
  GtkWidget *number = gtk_label_new (NULL);
  GtkWidget *label = gtk_label_new (caption);
  g_autofree char *text = g_strdup_printf (_("Page %u"), page);
  g_autofree char *description = g_strdup_printf ("%s: %s", caption, text);

  gtk_image_set_pixel_size (GTK_IMAGE (image), 48);
  gtk_label_set_text (GTK_LABEL (number), text);
  gtk_widget_add_css_class (number, "heading");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_size_request (box, 120, 150);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_valign (image, GTK_ALIGN_END);
  gtk_widget_set_vexpand (image, TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  return box;
}

static void
update_thumbnails (PreuvesBlocPage              *self,
                   const PreuvesWrittenDocument *doc)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->thumbnails_box))) != NULL)
    gtk_box_remove (self->thumbnails_box, child);
  if (doc == NULL || doc->pages_total <= 0)
    return;
  gtk_box_append (self->thumbnails_box, page_card_new (_("First page"), 1));
  if (doc->annex_start > 0)
    gtk_box_append (self->thumbnails_box, page_card_new (_("First annex page"), doc->annex_start));
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
    return g_strdup_printf (_("%d pages: too short, the jury expects %u to %u pages without the annexes"),
                            doc->pages_counted, spec->pages_min, spec->pages_max);
  if (doc->pages_counted > (int) spec->pages_max)
    return g_strdup_printf (_("%d pages: too long, the jury expects %u to %u pages without the annexes"),
                            doc->pages_counted, spec->pages_min, spec->pages_max);
  *ok = TRUE;
  return g_strdup_printf (_("%d pages, within the %u to %u pages expected"),
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

/* Fills the rows from a checked document (manual annex start applied). */
static void
show_checked_document (PreuvesBlocPage              *self,
                       const PreuvesWrittenDocument *doc)
{
  const PreuvesWrittenDocumentSpec *spec = self->bloc->epreuve->written_document;
  g_autofree char *pages = NULL;
  g_autofree char *total = NULL;
  gboolean ok;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->document_row), doc->filename);
  total = g_strdup_printf (g_dngettext (NULL, "%d page in all", "%d pages in all", MAX (doc->pages_total, 0)),
                           doc->pages_total);
  if (doc->check_error != NULL)
    adw_action_row_set_subtitle (self->document_row, doc->check_error);
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
set_checking (PreuvesBlocPage *self,
              gboolean         checking)
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
  g_autoptr(PreuvesBlocPage) self = user_data;
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
update_document (PreuvesBlocPage *self)
{
  const PreuvesEpreuve *epreuve = self->bloc ? self->bloc->epreuve : NULL;
  const PreuvesWrittenDocumentSpec *spec = epreuve ? epreuve->written_document : NULL;
  g_autoptr(PreuvesWrittenDocument) doc = NULL;
  g_autofree char *summary = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->document_group), spec != NULL);
  if (spec == NULL || portfolio_of (self) == NULL)
    return;
  summary = g_strdup_printf (_("%s: %u to %u pages without the annexes"), spec->title, spec->pages_min, spec->pages_max);
  adw_preferences_group_set_description (self->document_group, summary);

  doc = preuves_portfolio_get_written_document (portfolio_of (self), epreuve->id);
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
  preuves_document_check_run_async (portfolio_of (self), epreuve->id, self->check_cancellable,
                                    run_check_cb, g_object_ref (self));
}

static void
attach_document_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PreuvesBlocPage) self = user_data;
  g_autoptr(PreuvesWrittenDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = preuves_document_check_attach_finish (PREUVES_PORTFOLIO (object), result, &error);
  self->attaching = FALSE;
  set_checking (self, FALSE);
  if (doc != NULL)
    show_checked_document (self, doc);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      preuves_page_show_error (GTK_WIDGET (self), error);
      update_document (self);
    }
}

/* Stores @pdf as the bloc's written document and checks its pages, off the
 * main thread; a spinner shows meanwhile. */
void
preuves_bloc_page_attach_document (PreuvesBlocPage *self,
                                   GFile           *pdf)
{
  g_return_if_fail (PREUVES_IS_BLOC_PAGE (self));
  g_return_if_fail (G_IS_FILE (pdf));

  if (portfolio_of (self) == NULL || self->bloc == NULL || self->bloc->epreuve == NULL)
    return;
  self->attaching = TRUE;
  g_cancellable_cancel (self->check_cancellable);
  set_checking (self, TRUE);
  adw_action_row_set_subtitle (self->document_row, _("Counting pages and looking for the annexes…"));
  preuves_document_check_attach_async (portfolio_of (self), self->bloc->epreuve->id, pdf,
                                       self->cancellable, attach_document_cb, g_object_ref (self));
}

static void
document_chooser_response_cb (GtkNativeDialog *chooser,
                              int              response,
                              PreuvesBlocPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      preuves_bloc_page_attach_document (self, file);
    }
  g_object_unref (chooser);
}

static void
choose_document_cb (PreuvesBlocPage *self)
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

static void
annex_apply_cb (PreuvesBlocPage *self)
{
  guint page = gtk_spin_button_get_value_as_int (self->annex_spin);
  g_autoptr(GError) error = NULL;

  if (!preuves_document_check_set_annex_start (portfolio_of (self), self->bloc->epreuve->id, page, &error))
    preuves_page_show_error (GTK_WIDGET (self), error);
  update_document (self);
}

/* ------------------------------------------------------------------ */
/* Readiness and refresh */

static GtkWidget *
find_named_child (GtkWidget  *root,
                  const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named_child (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
reason_activated_cb (PreuvesBlocPage *self,
                     GtkListBoxRow   *row)
{
  const PreuvesReadinessReason *reason = g_object_get_data (G_OBJECT (row), "reason");

  if (g_str_has_prefix (reason->kind, "sous-competence-"))
    {
      /* Open the compétence where the gap is. */
      const PreuvesSousCompetence *sc =
        preuves_referentiel_find_sous_competence (preuves_referentiel_get_default (), reason->target, NULL);

      if (sc != NULL)
        {
          g_autofree char *name = g_strconcat ("sous-competence-", sc->id, NULL);
          GtkWidget *target;

          g_hash_table_add (self->expanded, g_strdup (sc->competence->code));
          rebuild_activites (self);
          /* Focusing the row scrolls the page to it. */
          target = find_named_child (GTK_WIDGET (self->activites_box), name);
          if (target != NULL)
            gtk_widget_grab_focus (target);
        }
    }
  else if (g_str_has_prefix (reason->kind, "rehearsal-"))
    preuves_page_show_reason_target (GTK_WIDGET (self), reason, self->bloc_code);
  else if (g_str_has_prefix (reason->kind, "document-"))
    gtk_widget_grab_focus (GTK_WIDGET (self->document_button));
  else if (g_str_has_prefix (reason->kind, "criterion-"))
    {
      g_autofree char *name = g_strconcat ("criterion-", reason->target, NULL);
      GtkWidget *target = find_named_child (GTK_WIDGET (self->criteria_group), name);

      if (target != NULL)
        gtk_widget_grab_focus (target);
    }
  else if (g_str_has_prefix (reason->kind, "remark-"))
    gtk_widget_grab_focus (GTK_WIDGET (self->remarks_list));
}

static void
add_reason_row (PreuvesBlocPage              *self,
                const char                   *message,
                const PreuvesReadinessReason *reason)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "reason", preuves_readiness_reason_copy (reason),
                          (GDestroyNotify) preuves_readiness_reason_free);
  gtk_list_box_append (self->reasons_list, row);
}

/* One row for all the sous-compétences still to back: listing each one
 * here would bury the other reasons. It leads to the first gap. */
static guint
add_gaps_row (PreuvesBlocPage            *self,
              const PreuvesReadinessPart *part)
{
  const PreuvesReadinessReason *first = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  for (guint i = 0; i < part->reasons->len; i++)
    {
      const PreuvesReadinessReason *reason = g_ptr_array_index (part->reasons, i);

      if (g_str_has_prefix (reason->kind, "sous-competence-"))
        {
          first = first ? first : reason;
          n++;
        }
    }
  if (n == 0)
    return 0;
  message = g_strdup_printf (g_dngettext (NULL,
                                          "%u sous-compétence still needs a preuve with a written justification",
                                          "%u sous-compétences still need a preuve with a written justification",
                                          n), n);
  add_reason_row (self, message, first);
  return n;
}

static void
update_readiness (PreuvesBlocPage *self)
{
  PreuvesReadiness *readiness = preuves_readiness_watch_get_readiness (self->watch);
  const PreuvesReadinessPart *part;
  g_autofree char *coverage = NULL;
  guint n_gaps;

  part = readiness && self->bloc_code ? preuves_readiness_lookup_bloc (readiness, self->bloc_code) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), part != NULL);
  if (part == NULL)
    return;
  preuves_state_pill_set (GTK_WIDGET (self->state_label), part->state);
  coverage = g_strdup_printf (_("%u of %u sous-compétences backed by a justified preuve"), part->covered, part->total);
  gtk_label_set_text (self->coverage_label, coverage);
  gtk_level_bar_set_value (self->coverage_bar, part->total ? (double) part->covered / part->total : 0);

  preuves_list_box_remove_all (self->reasons_list);
  n_gaps = add_gaps_row (self, part);
  for (guint i = 0; i < part->reasons->len; i++)
    {
      const PreuvesReadinessReason *reason = g_ptr_array_index (part->reasons, i);

      /* Gaps are summed up above, and shown where they are below. */
      if (!g_str_has_prefix (reason->kind, "sous-competence-"))
        add_reason_row (self, reason->message, reason);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_group), part->reasons->len > 0 || n_gaps > 0);
}

static gboolean
remark_is_about_bloc (const PreuvesRemark *remark,
                      gpointer             user_data)
{
  PreuvesBlocPage *self = user_data;

  return preuves_remark_find_bloc (portfolio_of (self), remark) == self->bloc;
}

static void
refresh_now (PreuvesBlocPage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->bloc == NULL || portfolio_of (self) == NULL)
    return;
  rebuild_activites (self);
  update_criteria (self);
  update_document (self);
  preuves_page_fill_remarks (self->remarks_list, portfolio_of (self), remark_is_about_bloc, self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  refresh_now (user_data);
  return G_SOURCE_REMOVE;
}

static void
portfolio_changed_cb (PreuvesPortfolio *portfolio,
                      const char       *what,
                      PreuvesBlocPage  *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
preuves_bloc_page_dispose (GObject *object)
{
  PreuvesBlocPage *self = PREUVES_BLOC_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->check_cancellable);
  preuves_bloc_page_set_portfolio (self, NULL);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->watch);
  G_OBJECT_CLASS (preuves_bloc_page_parent_class)->dispose (object);
}

static void
preuves_bloc_page_finalize (GObject *object)
{
  PreuvesBlocPage *self = PREUVES_BLOC_PAGE (object);

  g_free (self->bloc_code);
  g_hash_table_unref (self->expanded);
  g_ptr_array_unref (self->criterion_rows);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->check_cancellable);
  G_OBJECT_CLASS (preuves_bloc_page_parent_class)->finalize (object);
}

static void
preuves_bloc_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PreuvesBlocPage *self = PREUVES_BLOC_PAGE (object);

  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      g_value_set_object (value, portfolio_of (self));
      break;
    case PROP_BLOC_CODE:
      g_value_set_string (value, self->bloc_code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_bloc_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PreuvesBlocPage *self = PREUVES_BLOC_PAGE (object);

  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      preuves_bloc_page_set_portfolio (self, g_value_get_object (value));
      break;
    case PROP_BLOC_CODE:
      preuves_bloc_page_set_bloc_code (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_bloc_page_class_init (PreuvesBlocPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = preuves_bloc_page_dispose;
  object_class->finalize = preuves_bloc_page_finalize;
  object_class->get_property = preuves_bloc_page_get_property;
  object_class->set_property = preuves_bloc_page_set_property;

  properties[PROP_PORTFOLIO] =
    g_param_spec_object ("portfolio", NULL, NULL, PREUVES_TYPE_PORTFOLIO,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLOC_CODE] =
    g_param_spec_string ("bloc-code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, PREUVES_RESOURCE_PREFIX "/preuves-bloc-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, coverage_label);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, coverage_bar);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, remarks_list);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, reasons_group);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, reasons_list);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, activites_box);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, epreuve_group);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, epreuve_kind_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, durations_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, rehearse_button);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, modalites_label);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, jury_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, document_group);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, document_button);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, document_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, document_spinner);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, pages_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, annex_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, annex_spin);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, thumbnails_box);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, criteria_group);
  gtk_widget_class_bind_template_callback (widget_class, reason_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, rehearse_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_document_cb);
  gtk_widget_class_bind_template_callback (widget_class, annex_apply_cb);
}

static void
preuves_bloc_page_init (PreuvesBlocPage *self)
{
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->criterion_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->watch = preuves_readiness_watch_new ();
  g_signal_connect_swapped (self->watch, "notify::readiness", G_CALLBACK (update_readiness), self);
}

GtkWidget *
preuves_bloc_page_new (const char *bloc_code)
{
  return g_object_new (PREUVES_TYPE_BLOC_PAGE, "bloc-code", bloc_code, NULL);
}

PreuvesPortfolio *
preuves_bloc_page_get_portfolio (PreuvesBlocPage *self)
{
  g_return_val_if_fail (PREUVES_IS_BLOC_PAGE (self), NULL);
  return portfolio_of (self);
}

void
preuves_bloc_page_set_portfolio (PreuvesBlocPage  *self,
                                 PreuvesPortfolio *portfolio)
{
  PreuvesPortfolio *old;

  g_return_if_fail (PREUVES_IS_BLOC_PAGE (self));

  old = portfolio_of (self);
  if (old == portfolio)
    return;
  g_clear_signal_handler (&self->changed_id, old);
  preuves_readiness_watch_set_portfolio (self->watch, portfolio);
  if (portfolio != NULL)
    self->changed_id = g_signal_connect (portfolio, "changed", G_CALLBACK (portfolio_changed_cb), self);
  refresh_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTFOLIO]);
}

const char *
preuves_bloc_page_get_bloc_code (PreuvesBlocPage *self)
{
  g_return_val_if_fail (PREUVES_IS_BLOC_PAGE (self), NULL);
  return self->bloc_code;
}

void
preuves_bloc_page_set_bloc_code (PreuvesBlocPage *self,
                                 const char      *bloc_code)
{
  g_autofree char *title = NULL;

  g_return_if_fail (PREUVES_IS_BLOC_PAGE (self));
  g_return_if_fail (self->bloc_code == NULL || g_strcmp0 (self->bloc_code, bloc_code) == 0);

  if (bloc_code == NULL || self->bloc_code != NULL)
    return;
  self->bloc = preuves_referentiel_find_bloc (preuves_referentiel_get_default (), bloc_code);
  g_return_if_fail (self->bloc != NULL);
  self->bloc_code = g_strdup (bloc_code);

  title = g_strdup_printf (_("Bloc %u — %s"), self->bloc->number, self->bloc->title);
  gtk_label_set_text (self->title_label, title);
  load_epreuve (self);
  build_criteria (self);
  refresh_now (self);
  update_readiness (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOC_CODE]);
}
