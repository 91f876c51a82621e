/* preuves-overview-page.c — the readiness of each bloc and of the whole certification
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-epreuve-panel.h"
#include "preuves-overview-page.h"
#include "preuves-page-util.h"
#include "preuves-readiness-row.h"
#include "preuves-readiness-watch.h"

/* Enough next steps to start a session of work, few enough to read. */
#define N_NEXT_STEPS 5

struct _PreuvesOverviewPage
{
  AdwBin                 parent_instance;

  PreuvesReadinessWatch *watch;
  gulong                 changed_id;

  GtkLabel              *overall_title;
  GtkLabel              *overall_state;
  GtkLabel              *overall_summary;
  GtkLevelBar           *overall_bar;
  AdwPreferencesGroup   *next_group;
  GtkListBox            *next_list;
  GtkListBox            *blocs_list;
  AdwPreferencesGroup   *remarks_group;
  GtkListBox            *remarks_list;
  PreuvesEpreuvePanel   *finale_panel;
};

enum {
  PROP_0,
  PROP_PORTFOLIO,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PreuvesOverviewPage, preuves_overview_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static char *
part_title (const PreuvesReadinessPart *part)
{
  PreuvesReferentiel *referentiel = preuves_referentiel_get_default ();
  const PreuvesBloc *bloc = preuves_referentiel_find_bloc (referentiel, part->code);
  const PreuvesEpreuve *epreuve;

  if (bloc != NULL)
    /* Translators: "Bloc 1 — <official title>" */
    return g_strdup_printf (_("Bloc %u — %s"), bloc->number, bloc->title);
  epreuve = preuves_referentiel_find_epreuve (referentiel, part->code);
  return g_strdup (epreuve != NULL ? epreuve->title : part->code);
}

static GtkWidget *
find_bloc_row (PreuvesOverviewPage *self,
               const char          *code)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->blocs_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (PREUVES_IS_READINESS_ROW (child) &&
        g_strcmp0 (preuves_readiness_row_get_code (PREUVES_READINESS_ROW (child)), code) == 0)
      return child;
  return NULL;
}

static void
update_blocs (PreuvesOverviewPage *self,
              PreuvesReadiness    *readiness)
{
  for (guint i = 0; i < preuves_readiness_get_n_blocs (readiness); i++)
    {
      const PreuvesReadinessPart *part = preuves_readiness_get_bloc (readiness, i);
      GtkWidget *row = find_bloc_row (self, part->code);

      if (row == NULL)
        {
          g_autofree char *title = part_title (part);

          row = preuves_readiness_row_new (part->code, title);
          gtk_list_box_append (self->blocs_list, row);
        }
      preuves_readiness_row_set_part (PREUVES_READINESS_ROW (row), part);
    }
}

static void
add_next_step (PreuvesOverviewPage          *self,
               const PreuvesReadinessReason *reason,
               const char                   *part_code)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reason->message);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "reason", preuves_readiness_reason_copy (reason),
                          (GDestroyNotify) preuves_readiness_reason_free);
  g_object_set_data_full (G_OBJECT (row), "part", g_strdup (part_code), g_free);
  gtk_list_box_append (self->next_list, row);
}

/* The first reason of each bloc comes first: work can start anywhere. */
static void
update_next_steps (PreuvesOverviewPage *self,
                   PreuvesReadiness    *readiness)
{
  const PreuvesReadinessPart *overall = preuves_readiness_get_overall (readiness);
  guint shown = 0;

  preuves_list_box_remove_all (self->next_list);
  for (guint i = 0; i < preuves_readiness_get_n_blocs (readiness) && shown < N_NEXT_STEPS; i++)
    {
      const PreuvesReadinessPart *part = preuves_readiness_get_bloc (readiness, i);

      if (part->reasons->len > 0)
        {
          add_next_step (self, g_ptr_array_index (part->reasons, 0), part->code);
          shown++;
        }
    }
  for (guint i = 0; i < overall->reasons->len && shown < N_NEXT_STEPS; i++)
    {
      const PreuvesReadinessReason *reason = g_ptr_array_index (overall->reasons, i);

      if (g_str_equal (reason->kind, "bloc-not-ready"))
        continue;
      add_next_step (self, reason, overall->code);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->next_group), shown > 0);
}

static void
update_overall (PreuvesOverviewPage *self,
                PreuvesReadiness    *readiness)
{
  const PreuvesReadinessPart *overall = preuves_readiness_get_overall (readiness);
  g_autofree char *summary = NULL;

  preuves_state_pill_set (GTK_WIDGET (self->overall_state), overall->state, PREUVES_READINESS_OF_CERTIFICATION);
  /* The French agrees with the number backed, so that number picks the form. */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u of %u sous-compétences backed by a justified preuve",
                                          "%u of %u sous-compétences backed by a justified preuve",
                                          overall->covered),
                             overall->covered, overall->total);
  gtk_label_set_text (self->overall_summary, summary);
  gtk_level_bar_set_value (self->overall_bar,
                           overall->total > 0 ? (double) overall->covered / overall->total : 0);
}

static void
readiness_changed_cb (PreuvesOverviewPage *self)
{
  PreuvesReadiness *readiness = preuves_readiness_watch_get_readiness (self->watch);

  if (readiness == NULL)
    return;
  update_overall (self, readiness);
  update_blocs (self, readiness);
  update_next_steps (self, readiness);
}

/* The overview holds the remarks no bloc page or preuve shows: those on
 * the épreuve finale. */
static gboolean
remark_is_general (const PreuvesRemark *remark,
                   gpointer             user_data)
{
  PreuvesOverviewPage *self = user_data;

  return g_strcmp0 (remark->target_kind, "preuve") != 0 &&
         preuves_remark_find_bloc (preuves_readiness_watch_get_portfolio (self->watch), remark) == NULL;
}

static void
update_remarks (PreuvesOverviewPage *self)
{
  preuves_page_fill_remarks (self->remarks_list, preuves_readiness_watch_get_portfolio (self->watch),
                             remark_is_general, self);
  gtk_widget_set_visible (GTK_WIDGET (self->remarks_group),
                          gtk_widget_get_visible (GTK_WIDGET (self->remarks_list)));
}

static void
portfolio_changed_cb (PreuvesPortfolio    *portfolio,
                      const char          *what,
                      PreuvesOverviewPage *self)
{
  update_remarks (self);
}

static void
next_row_activated_cb (GtkListBox          *list,
                       GtkListBoxRow       *row,
                       PreuvesOverviewPage *self)
{
  const PreuvesReadinessReason *reason = g_object_get_data (G_OBJECT (row), "reason");

  if (reason == NULL)
    return;
  /* The épreuve finale's document and criteria are on this page. */
  if (g_strcmp0 (reason->target, "finale") == 0 && g_str_has_prefix (reason->kind, "document-"))
    preuves_epreuve_panel_focus_document (self->finale_panel);
  else if (g_str_has_prefix (reason->kind, "criterion-") && g_str_has_prefix (reason->target, "EF-"))
    preuves_epreuve_panel_focus_criterion (self->finale_panel, reason->target);
  else
    preuves_page_show_reason_target (GTK_WIDGET (self), reason,
                                     g_object_get_data (G_OBJECT (row), "part"));
}

static void
preuves_overview_page_dispose (GObject *object)
{
  PreuvesOverviewPage *self = PREUVES_OVERVIEW_PAGE (object);

  preuves_overview_page_set_portfolio (self, NULL);
  /* A computation in flight keeps the watch alive: stop listening. */
  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);
  G_OBJECT_CLASS (preuves_overview_page_parent_class)->dispose (object);
}

static void
preuves_overview_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      g_value_set_object (value, preuves_overview_page_get_portfolio (PREUVES_OVERVIEW_PAGE (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_overview_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      preuves_overview_page_set_portfolio (PREUVES_OVERVIEW_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_overview_page_class_init (PreuvesOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = preuves_overview_page_dispose;
  object_class->get_property = preuves_overview_page_get_property;
  object_class->set_property = preuves_overview_page_set_property;

  properties[PROP_PORTFOLIO] =
    g_param_spec_object ("portfolio", NULL, NULL, PREUVES_TYPE_PORTFOLIO,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PREUVES_TYPE_EPREUVE_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, PREUVES_RESOURCE_PREFIX "/preuves-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PreuvesOverviewPage, overall_title);
  gtk_widget_class_bind_template_child (widget_class, PreuvesOverviewPage, overall_state);
  gtk_widget_class_bind_template_child (widget_class, PreuvesOverviewPage, overall_summary);
  gtk_widget_class_bind_template_child (widget_class, PreuvesOverviewPage, overall_bar);
  gtk_widget_class_bind_template_child (widget_class, PreuvesOverviewPage, next_group);
  gtk_widget_class_bind_template_child (widget_class, PreuvesOverviewPage, next_list);
  gtk_widget_class_bind_template_child (widget_class, PreuvesOverviewPage, blocs_list);
  gtk_widget_class_bind_template_child (widget_class, PreuvesOverviewPage, remarks_group);
  gtk_widget_class_bind_template_child (widget_class, PreuvesOverviewPage, remarks_list);
  gtk_widget_class_bind_template_child (widget_class, PreuvesOverviewPage, finale_panel);
  gtk_widget_class_bind_template_callback (widget_class, next_row_activated_cb);
}

static void
preuves_overview_page_init (PreuvesOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->watch = preuves_readiness_watch_new ();
  g_signal_connect_swapped (self->watch, "notify::readiness", G_CALLBACK (readiness_changed_cb), self);
  gtk_widget_add_css_class (GTK_WIDGET (self->overall_state), "caption-heading");
}

GtkWidget *
preuves_overview_page_new (void)
{
  return g_object_new (PREUVES_TYPE_OVERVIEW_PAGE, NULL);
}

PreuvesPortfolio *
preuves_overview_page_get_portfolio (PreuvesOverviewPage *self)
{
  g_return_val_if_fail (PREUVES_IS_OVERVIEW_PAGE (self), NULL);
  return preuves_readiness_watch_get_portfolio (self->watch);
}

void
preuves_overview_page_set_portfolio (PreuvesOverviewPage *self,
                                     PreuvesPortfolio    *portfolio)
{
  PreuvesPortfolio *old;

  g_return_if_fail (PREUVES_IS_OVERVIEW_PAGE (self));

  old = preuves_readiness_watch_get_portfolio (self->watch);
  if (old == portfolio)
    return;
  g_clear_signal_handler (&self->changed_id, old);
  preuves_readiness_watch_set_portfolio (self->watch, portfolio);
  preuves_epreuve_panel_set_portfolio (self->finale_panel, portfolio);
  if (portfolio != NULL)
    self->changed_id = g_signal_connect (portfolio, "changed",
                                         G_CALLBACK (portfolio_changed_cb), self);
  update_remarks (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTFOLIO]);
}
