/* preuves-matrix-page.c — the coverage matrix of preuves × sous-compétences
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-coverage-matrix.h"
#include "preuves-matrix-page.h"
#include "preuves-page-util.h"
#include "preuves-refresh-scheduler.h"

/* Rows are rebuilt a moment after a burst of changes, not on each. */
#define REFRESH_DELAY_MS 150

struct _PreuvesMatrixPage
{
  AdwBin                 parent_instance;

  PreuvesPortfolio      *portfolio;
  gulong                 changed_id;
  PreuvesRefreshScheduler refresh;

  GtkLabel              *summary_label;
  GtkBox                *legend_box;
  GtkStack              *stack;
  PreuvesCoverageMatrix *matrix;
  AdwPreferencesGroup   *gaps_group;
  GtkListBox            *gaps_list;
};

enum {
  PROP_0,
  PROP_PORTFOLIO,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PreuvesMatrixPage, preuves_matrix_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

/* The gaps, listed in words too: the grid alone is hard to read with a
 * screen reader. */
static void
fill_gaps (PreuvesMatrixPage *self)
{
  GPtrArray *all = preuves_referentiel_get_sous_competences (preuves_referentiel_get_default ());
  guint n = preuves_coverage_matrix_get_n_preuves (self->matrix);
  guint gaps = 0;

  preuves_list_box_remove_all (self->gaps_list);
  for (guint r = 0; r < all->len; r++)
    {
      const PreuvesSousCompetence *sc = g_ptr_array_index (all, r);
      g_autofree char *label = NULL;
      GtkWidget *row;
      gboolean gap = TRUE;

      for (guint c = 0; c < n && gap; c++)
        gap = preuves_coverage_matrix_get_cell (self->matrix, r, c) != PREUVES_COVERAGE_JUSTIFIED;
      if (!gap)
        continue;
      gaps++;
      label = preuves_sous_competence_label (sc);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sc->text);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "bloc-code", (gpointer) sc->bloc->code);
      gtk_list_box_append (self->gaps_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->gaps_group), gaps > 0);
}

static void
refresh_now (PreuvesMatrixPage *self)
{
  guint total = preuves_referentiel_get_sous_competences (preuves_referentiel_get_default ())->len;
  guint gaps, n;
  g_autofree char *summary = NULL;
  g_autofree char *backed = NULL;
  g_autofree char *preuves = NULL;

  preuves_refresh_scheduler_done (&self->refresh);
  preuves_coverage_matrix_set_portfolio (self->matrix, self->portfolio);
  n = preuves_coverage_matrix_get_n_preuves (self->matrix);
  gaps = preuves_coverage_matrix_count_gaps (self->matrix);
  backed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u of %u sous-compétences backed by a justified preuve",
                                         "%u of %u sous-compétences backed by a justified preuve",
                                         total - gaps),
                            total - gaps, total);
  preuves = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u preuve", "%u preuves", n), n);
  /* TRANSLATORS: the sous-compétences backed, then the number of preuves */
  summary = g_strdup_printf (_("%s; %s."), backed, preuves);
  gtk_label_set_text (self->summary_label, summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->matrix),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "matrix" : "empty");
  fill_gaps (self);
}

static void
refresh_cb (gpointer user_data)
{
  refresh_now (user_data);
}

static void
portfolio_changed_cb (PreuvesPortfolio  *portfolio,
                      const char        *what,
                      PreuvesMatrixPage *self)
{
  preuves_refresh_scheduler_queue (&self->refresh);
}

static void
gap_activated_cb (PreuvesMatrixPage *self,
                  GtkListBoxRow     *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-bloc", "s",
                              g_object_get_data (G_OBJECT (row), "bloc-code"));
}

static void
add_legend (PreuvesMatrixPage *self,
            const char        *icon_name,
            const char        *css_class,
            const char        *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label;

  gtk_widget_add_css_class (image, css_class);
  gtk_box_append (GTK_BOX (box), image);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (self->legend_box, box);
}

static void
preuves_matrix_page_dispose (GObject *object)
{
  PreuvesMatrixPage *self = PREUVES_MATRIX_PAGE (object);

  preuves_matrix_page_set_portfolio (self, NULL);
  preuves_refresh_scheduler_clear (&self->refresh);
  G_OBJECT_CLASS (preuves_matrix_page_parent_class)->dispose (object);
}

static void
preuves_matrix_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      g_value_set_object (value, PREUVES_MATRIX_PAGE (object)->portfolio);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_matrix_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      preuves_matrix_page_set_portfolio (PREUVES_MATRIX_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_matrix_page_class_init (PreuvesMatrixPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = preuves_matrix_page_dispose;
  object_class->get_property = preuves_matrix_page_get_property;
  object_class->set_property = preuves_matrix_page_set_property;

  properties[PROP_PORTFOLIO] =
    g_param_spec_object ("portfolio", NULL, NULL, PREUVES_TYPE_PORTFOLIO,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PREUVES_TYPE_COVERAGE_MATRIX);
  gtk_widget_class_set_template_from_resource (widget_class, PREUVES_RESOURCE_PREFIX "/preuves-matrix-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PreuvesMatrixPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PreuvesMatrixPage, legend_box);
  gtk_widget_class_bind_template_child (widget_class, PreuvesMatrixPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PreuvesMatrixPage, matrix);
  gtk_widget_class_bind_template_child (widget_class, PreuvesMatrixPage, gaps_group);
  gtk_widget_class_bind_template_child (widget_class, PreuvesMatrixPage, gaps_list);
  gtk_widget_class_bind_template_callback (widget_class, gap_activated_cb);
}

static void
preuves_matrix_page_init (PreuvesMatrixPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  preuves_refresh_scheduler_init (&self->refresh, GTK_WIDGET (self), REFRESH_DELAY_MS, refresh_cb, self);

  add_legend (self, "media-record-symbolic", "accent", _("Proved, with a justification"));
  add_legend (self, "radio-symbolic", "warning", _("Linked, no justification yet"));
  add_legend (self, "dialog-warning-symbolic", "error", _("Gap: nothing proves it yet"));
  refresh_now (self);
}

GtkWidget *
preuves_matrix_page_new (void)
{
  return g_object_new (PREUVES_TYPE_MATRIX_PAGE, NULL);
}

PreuvesPortfolio *
preuves_matrix_page_get_portfolio (PreuvesMatrixPage *self)
{
  g_return_val_if_fail (PREUVES_IS_MATRIX_PAGE (self), NULL);
  return self->portfolio;
}

void
preuves_matrix_page_set_portfolio (PreuvesMatrixPage *self,
                                   PreuvesPortfolio  *portfolio)
{
  g_return_if_fail (PREUVES_IS_MATRIX_PAGE (self));

  if (self->portfolio == portfolio)
    return;
  g_clear_signal_handler (&self->changed_id, self->portfolio);
  g_set_object (&self->portfolio, portfolio);
  if (portfolio != NULL)
    self->changed_id = g_signal_connect (portfolio, "changed", G_CALLBACK (portfolio_changed_cb), self);
  if (gtk_widget_get_first_child (GTK_WIDGET (self)) != NULL)
    refresh_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTFOLIO]);
}
