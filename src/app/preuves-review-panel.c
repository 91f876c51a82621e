/* preuves-review-panel.c — the advisor's status of each sous-compétence of
 * a bloc
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One combo row per sous-compétence: no status, acquise, partiellement
 * acquise, à retravailler, non démontrée (the labels are translated; the
 * file stores "acquired", "partial", "rework", "not-shown"). Only an
 * advisor may change them: for a candidate the rows are read-only.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-page-util.h"
#include "preuves-remarks-list.h"
#include "preuves-review-note.h"
#include "preuves-review-panel.h"
#include "preuves-review.h"

struct _PreuvesReviewPanel
{
  AdwBin               parent_instance;

  PreuvesPortfolio    *portfolio;
  const PreuvesBloc   *bloc;
  gulong               changed_id;
  gboolean             filling;

  AdwPreferencesGroup *group;
  GtkListBox          *list;
  AdwComboRow         *about_row;
  PreuvesRemarksList  *remarks;
  GPtrArray           *targets;  /* Target: what remarks may be about */
};

/* Something of the bloc a remark may be about. */
typedef struct
{
  const char *kind;
  const char *id;
} Target;

G_DEFINE_FINAL_TYPE (PreuvesReviewPanel, preuves_review_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PORTFOLIO,
  PROP_BLOC_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const PreuvesCompetenceStatus statuses[] = {
  PREUVES_COMPETENCE_STATUS_NONE,
  PREUVES_COMPETENCE_STATUS_ACQUIRED,
  PREUVES_COMPETENCE_STATUS_PARTIAL,
  PREUVES_COMPETENCE_STATUS_REWORK,
  PREUVES_COMPETENCE_STATUS_NOT_SHOWN,
};

static GListModel *
status_labels (void)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    gtk_string_list_append (labels, preuves_competence_status_get_label (statuses[i]));
  return G_LIST_MODEL (labels);
}

static void
selected_cb (AdwComboRow        *row,
             GParamSpec         *pspec,
             PreuvesReviewPanel *self)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (row), "sous-competence-id");
  guint selected = adw_combo_row_get_selected (row);

  if (self->filling || selected >= G_N_ELEMENTS (statuses))
    return;
  if (!preuves_portfolio_set_competence_status (self->portfolio, id, statuses[selected], &error))
    preuves_page_show_error (GTK_WIDGET (self), error);
}

static GtkWidget *
status_row_new (PreuvesReviewPanel          *self,
                const PreuvesSousCompetence *sous,
                PreuvesCompetenceStatus      status,
                gboolean                     editable)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GListModel) labels = status_labels ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sous->code);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sous->text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), labels);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (statuses[i] == status)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  gtk_widget_set_sensitive (row, editable);
  g_object_set_data (G_OBJECT (row), "sous-competence-id", (gpointer) sous->id);
  g_signal_connect (row, "notify::selected", G_CALLBACK (selected_cb), self);
  return row;
}

static void
refill (PreuvesReviewPanel *self)
{
  gboolean editable = preuves_app_is_advisor ();
  GtkWidget *child;

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; self->portfolio != NULL && self->bloc != NULL && i < self->bloc->sous_competences->len; i++)
    {
      const PreuvesSousCompetence *sous = g_ptr_array_index (self->bloc->sous_competences, i);
      PreuvesCompetenceStatus status = preuves_portfolio_get_competence_status (self->portfolio, sous->id);

      gtk_list_box_append (self->list, status_row_new (self, sous, status, editable));
    }
  adw_preferences_group_set_description (self->group, editable
                                         ? _("Set the status of each sous-compétence of the bloc")
                                         : _("The advisor’s status of each sous-compétence of the bloc"));
  self->filling = FALSE;
}

/* Statuses changed (a merge, this panel): the rows stay, only their
 * selection follows. Rebuilding them would destroy the row whose change
 * is being handled. */
static void
changed_cb (PreuvesPortfolio   *portfolio,
            const char         *what,
            PreuvesReviewPanel *self)
{
  self->filling = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *id = g_object_get_data (G_OBJECT (row), "sous-competence-id");
      PreuvesCompetenceStatus status = preuves_portfolio_get_competence_status (portfolio, id);

      for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
        if (statuses[i] == status && adw_combo_row_get_selected (ADW_COMBO_ROW (row)) != i)
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
    }
  self->filling = FALSE;
}

static void
about_selected_cb (PreuvesReviewPanel *self)
{
  guint selected = adw_combo_row_get_selected (self->about_row);
  const Target *target = selected < self->targets->len ? g_ptr_array_index (self->targets, selected) : NULL;

  if (self->remarks == NULL)
    return;
  preuves_remarks_list_set_target (self->remarks, self->portfolio,
                                   target != NULL ? target->kind : NULL,
                                   target != NULL ? target->id : NULL);
}

static void
add_target (PreuvesReviewPanel *self,
            GtkStringList      *labels,
            const char         *kind,
            const char         *id,
            const char         *label)
{
  Target *target = g_new0 (Target, 1);

  target->kind = kind;
  target->id = id;
  g_ptr_array_add (self->targets, target);
  gtk_string_list_append (labels, label);
}

/* The bloc first (what the list shows at first), then its written
 * document, its criteria and its sous-compétences, by code. */
static void
fill_targets (PreuvesReviewPanel *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const PreuvesEpreuve *epreuve = self->bloc != NULL ? self->bloc->epreuve : NULL;

  g_ptr_array_set_size (self->targets, 0);
  if (self->bloc != NULL)
    add_target (self, labels, "bloc", self->bloc->code, _("The whole bloc"));
  if (epreuve != NULL && epreuve->written_document != NULL)
    add_target (self, labels, "document", epreuve->id, _("The written document"));
  for (guint i = 0; epreuve != NULL && i < epreuve->criteria->len; i++)
    {
      const PreuvesCriterion *criterion = g_ptr_array_index (epreuve->criteria, i);
      add_target (self, labels, "criterion", criterion->id, criterion->id);
    }
  for (guint i = 0; self->bloc != NULL && i < self->bloc->sous_competences->len; i++)
    {
      const PreuvesSousCompetence *sous = g_ptr_array_index (self->bloc->sous_competences, i);
      add_target (self, labels, "sous-competence", sous->id, sous->code);
    }
  adw_combo_row_set_model (self->about_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->about_row, 0);
  about_selected_cb (self);
}

void
preuves_review_panel_set_bloc (PreuvesReviewPanel *self,
                               PreuvesPortfolio   *portfolio,
                               const char         *bloc_code)
{
  g_return_if_fail (PREUVES_IS_REVIEW_PANEL (self));

  g_clear_signal_handler (&self->changed_id, self->portfolio);
  g_set_object (&self->portfolio, portfolio);
  self->bloc = bloc_code != NULL
    ? preuves_referentiel_find_bloc (preuves_referentiel_get_default (), bloc_code) : NULL;
  if (portfolio != NULL)
    self->changed_id = g_signal_connect (portfolio, "changed::statuses", G_CALLBACK (changed_cb), self);
  refill (self);
  fill_targets (self);
}

static void
preuves_review_panel_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PreuvesReviewPanel *self = PREUVES_REVIEW_PANEL (object);

  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      g_value_set_object (value, self->portfolio);
      break;
    case PROP_BLOC_CODE:
      g_value_set_string (value, self->bloc != NULL ? self->bloc->code : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_review_panel_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PreuvesReviewPanel *self = PREUVES_REVIEW_PANEL (object);

  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      preuves_review_panel_set_bloc (self, g_value_get_object (value),
                                     self->bloc != NULL ? self->bloc->code : NULL);
      break;
    case PROP_BLOC_CODE:
      preuves_review_panel_set_bloc (self, self->portfolio, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_review_panel_dispose (GObject *object)
{
  PreuvesReviewPanel *self = PREUVES_REVIEW_PANEL (object);

  g_clear_signal_handler (&self->changed_id, self->portfolio);
  g_clear_object (&self->portfolio);
  G_OBJECT_CLASS (preuves_review_panel_parent_class)->dispose (object);
}

static void
preuves_review_panel_finalize (GObject *object)
{
  PreuvesReviewPanel *self = PREUVES_REVIEW_PANEL (object);

  g_ptr_array_unref (self->targets);
  G_OBJECT_CLASS (preuves_review_panel_parent_class)->finalize (object);
}

static void
preuves_review_panel_class_init (PreuvesReviewPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = preuves_review_panel_dispose;
  object_class->finalize = preuves_review_panel_finalize;
  object_class->get_property = preuves_review_panel_get_property;
  object_class->set_property = preuves_review_panel_set_property;

  properties[PROP_PORTFOLIO] =
    g_param_spec_object ("portfolio", NULL, NULL, PREUVES_TYPE_PORTFOLIO,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLOC_CODE] =
    g_param_spec_string ("bloc-code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PREUVES_TYPE_REMARKS_LIST);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/preuves/Preuves/preuves-review-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PreuvesReviewPanel, group);
  gtk_widget_class_bind_template_child (widget_class, PreuvesReviewPanel, list);
  gtk_widget_class_bind_template_child (widget_class, PreuvesReviewPanel, about_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesReviewPanel, remarks);
  gtk_widget_class_bind_template_callback (widget_class, about_selected_cb);
}

static void
preuves_review_panel_init (PreuvesReviewPanel *self)
{
  self->targets = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
preuves_review_panel_new (void)
{
  return g_object_new (PREUVES_TYPE_REVIEW_PANEL, NULL);
}
