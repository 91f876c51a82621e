/* preuves-bloc-page.c — one bloc: its compétences and their preuves, its épreuve and document
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-bloc-page.h"
#include "preuves-epreuve-panel.h"
#include "preuves-page-util.h"
#include "preuves-readiness-watch.h"
#include "preuves-refresh-scheduler.h"
#include "preuves-remarks-list.h"
#include "preuves-review-panel.h"

/* Rows are rebuilt a moment after a burst of changes, not on each. */
#define REFRESH_DELAY_MS 150

struct _PreuvesBlocPage
{
  AdwBin                 parent_instance;

  char                  *bloc_code;
  const PreuvesBloc     *bloc;
  PreuvesReadinessWatch *watch;
  gulong                 changed_id;
  PreuvesRefreshScheduler refresh;
  GHashTable            *expanded;      /* compétence codes shown open */

  GtkLabel              *title_label;
  GtkLabel              *state_label;
  GtkLabel              *coverage_label;
  GtkLevelBar           *coverage_bar;
  GtkListBox            *remarks_list;
  AdwPreferencesGroup   *reasons_group;
  GtkListBox            *reasons_list;
  GtkBox                *activites_box;
  PreuvesEpreuvePanel   *epreuve_panel;
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

  /* The French agrees with the number backed, so that number picks the form. */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u sous-compétences backed",
                                           "%u of %u sous-compétences backed", covered),
                              covered, competence->sous_competences->len);
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

/* A remark on a preuve is answered in the preuve's editor; the others
 * are on this page. */
static void
show_remark (PreuvesBlocPage *self,
             const char      *remark_uuid)
{
  g_autoptr(GPtrArray) remarks = preuves_portfolio_list_remarks (portfolio_of (self), NULL, NULL);

  for (guint i = 0; remarks != NULL && i < remarks->len; i++)
    {
      const PreuvesRemark *remark = g_ptr_array_index (remarks, i);

      if (g_strcmp0 (remark->uuid, remark_uuid) == 0 && g_strcmp0 (remark->target_kind, "preuve") == 0)
        {
          gtk_widget_activate_action (GTK_WIDGET (self), "win.show-preuve", "s", remark->target_id);
          return;
        }
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->remarks_list));
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
    preuves_epreuve_panel_focus_document (self->epreuve_panel);
  else if (g_str_has_prefix (reason->kind, "criterion-"))
    preuves_epreuve_panel_focus_criterion (self->epreuve_panel, reason->target);
  else if (g_str_has_prefix (reason->kind, "remark-"))
    show_remark (self, reason->target);
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
  preuves_state_pill_set (GTK_WIDGET (self->state_label), part->state, PREUVES_READINESS_OF_BLOC);
  coverage = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u of %u sous-compétences backed by a justified preuve",
                                           "%u of %u sous-compétences backed by a justified preuve",
                                           part->covered),
                              part->covered, part->total);
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

  /* The remarks on the bloc itself have their own list, with answers, at
   * the end of the page; these are the ones on what the bloc holds. */
  return g_strcmp0 (remark->target_kind, "bloc") != 0 &&
         preuves_remark_find_bloc (portfolio_of (self), remark) == self->bloc;
}

static void
refresh_now (PreuvesBlocPage *self)
{
  preuves_refresh_scheduler_done (&self->refresh);
  if (self->bloc == NULL || portfolio_of (self) == NULL)
    return;
  rebuild_activites (self);
  preuves_page_fill_remarks (self->remarks_list, portfolio_of (self), remark_is_about_bloc, self);
}

static void
refresh_cb (gpointer user_data)
{
  refresh_now (user_data);
}

static void
portfolio_changed_cb (PreuvesPortfolio *portfolio,
                      const char       *what,
                      PreuvesBlocPage  *self)
{
  preuves_refresh_scheduler_queue (&self->refresh);
}

static void
preuves_bloc_page_dispose (GObject *object)
{
  PreuvesBlocPage *self = PREUVES_BLOC_PAGE (object);

  preuves_bloc_page_set_portfolio (self, NULL);
  preuves_refresh_scheduler_clear (&self->refresh);
  /* A computation in flight keeps the watch alive: stop listening. */
  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);
  G_OBJECT_CLASS (preuves_bloc_page_parent_class)->dispose (object);
}

static void
preuves_bloc_page_finalize (GObject *object)
{
  PreuvesBlocPage *self = PREUVES_BLOC_PAGE (object);

  g_free (self->bloc_code);
  g_hash_table_unref (self->expanded);
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

  g_type_ensure (PREUVES_TYPE_EPREUVE_PANEL);
  g_type_ensure (PREUVES_TYPE_REMARKS_LIST);
  g_type_ensure (PREUVES_TYPE_REVIEW_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, PREUVES_RESOURCE_PREFIX "/preuves-bloc-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, coverage_label);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, coverage_bar);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, remarks_list);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, reasons_group);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, reasons_list);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, activites_box);
  gtk_widget_class_bind_template_child (widget_class, PreuvesBlocPage, epreuve_panel);
  gtk_widget_class_bind_template_callback (widget_class, reason_activated_cb);
}

static void
preuves_bloc_page_init (PreuvesBlocPage *self)
{
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Before the template: its bindings read the portfolio. */
  self->watch = preuves_readiness_watch_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->watch, "notify::readiness", G_CALLBACK (update_readiness), self);
  preuves_refresh_scheduler_init (&self->refresh, GTK_WIDGET (self), REFRESH_DELAY_MS, refresh_cb, self);
}

/* Stores @pdf as the written document of the bloc's épreuve and checks
 * it, off the main thread. */
void
preuves_bloc_page_attach_document (PreuvesBlocPage *self,
                                   GFile           *pdf)
{
  g_return_if_fail (PREUVES_IS_BLOC_PAGE (self));
  preuves_epreuve_panel_attach_document (self->epreuve_panel, pdf);
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
  preuves_epreuve_panel_set_portfolio (self->epreuve_panel, portfolio);
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
  preuves_epreuve_panel_set_epreuve_id (self->epreuve_panel, self->bloc->epreuve ? self->bloc->epreuve->id : NULL);
  refresh_now (self);
  update_readiness (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOC_CODE]);
}
