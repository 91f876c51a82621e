/* preuves-page-util.c — small helpers shared by the portfolio pages
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-assessment.h"
#include "preuves-page-util.h"

/* The official text prints C1-2.6 twice: show which compétence each one
 * belongs to rather than renumbering what the jury reads. */
char *
preuves_sous_competence_label (const PreuvesSousCompetence *sc)
{
  g_return_val_if_fail (sc != NULL, NULL);

  if (sc->duplicate_code)
    return g_strdup_printf ("%s (%s)", sc->code, sc->competence->code);
  return g_strdup (sc->code);
}

const char *
preuves_readiness_state_css_class (PreuvesReadinessState state)
{
  switch (state)
    {
    case PREUVES_READINESS_READY:
      return "success";
    case PREUVES_READINESS_IN_PROGRESS:
      return "warning";
    case PREUVES_READINESS_NOT_STARTED:
    default:
      return "dim-label";
    }
}

const char *
preuves_readiness_state_icon_name (PreuvesReadinessState state)
{
  switch (state)
    {
    case PREUVES_READINESS_READY:
      return "emblem-ok-symbolic";
    case PREUVES_READINESS_IN_PROGRESS:
      return "content-loading-symbolic";
    case PREUVES_READINESS_NOT_STARTED:
    default:
      return "radio-symbolic";
    }
}

char *
preuves_epreuve_durations_text (const PreuvesEpreuve *epreuve)
{
  g_return_val_if_fail (epreuve != NULL, NULL);

  if (epreuve->presentation_max == 0)
    return g_strdup (_("No oral"));
  /* Translators: durations in minutes, e.g. "Presentation 15–20 min, then exchange with the jury 15–20 min" */
  return g_strdup_printf (_("Presentation %u–%u min, then exchange with the jury %u–%u min"),
                          epreuve->presentation_min, epreuve->presentation_max,
                          epreuve->exchange_min, epreuve->exchange_max);
}

char *
preuves_format_minutes_seconds (guint seconds)
{
  return g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
}

/* Pages live inside the window's toast overlay; tests put them in one too. */
void
preuves_page_add_toast (GtkWidget *widget,
                        AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
  g_object_unref (toast);
}

void
preuves_page_show_error (GtkWidget    *widget,
                         const GError *error)
{
  g_return_if_fail (error != NULL);

  g_warning ("%s", error->message);
  preuves_page_add_toast (widget, adw_toast_new (error->message));
}

/* Leads the user to where the work on @reason is done. */
void
preuves_page_show_reason_target (GtkWidget                    *widget,
                                 const PreuvesReadinessReason *reason,
                                 const char                   *bloc_code)
{
  const char *kind = reason->kind;

  if (g_str_has_prefix (kind, "rehearsal-"))
    gtk_widget_activate_action (widget, "win.show-rehearsal", "s", reason->target);
  else if (g_str_equal (kind, "bloc-not-ready"))
    gtk_widget_activate_action (widget, "win.show-bloc", "s", reason->target);
  else if (bloc_code != NULL && g_str_has_prefix (bloc_code, "B"))
    gtk_widget_activate_action (widget, "win.show-bloc", "s", bloc_code);
  else
    gtk_widget_activate_action (widget, "win.show-preuves", NULL);
}

/* A small coloured label that says the readiness in words, not only in
 * colour. */
GtkWidget *
preuves_state_pill_new (PreuvesReadinessState   state,
                        PreuvesReadinessSubject subject)
{
  GtkWidget *label = gtk_label_new (preuves_readiness_state_label (state, subject));

  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, preuves_readiness_state_css_class (state));
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

void
preuves_state_pill_set (GtkWidget               *pill,
                        PreuvesReadinessState    state,
                        PreuvesReadinessSubject  subject)
{
  for (PreuvesReadinessState s = PREUVES_READINESS_NOT_STARTED; s <= PREUVES_READINESS_READY; s++)
    gtk_widget_remove_css_class (pill, preuves_readiness_state_css_class (s));
  gtk_widget_add_css_class (pill, preuves_readiness_state_css_class (state));
  gtk_label_set_text (GTK_LABEL (pill), preuves_readiness_state_label (state, subject));
}

void
preuves_list_box_remove_all (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
unresolve_cb (AdwToast *toast,
              gpointer  user_data)
{
  PreuvesPortfolio *portfolio = g_object_get_data (G_OBJECT (toast), "portfolio");
  g_autoptr(GError) error = NULL;

  if (!preuves_portfolio_resolve_remark (portfolio, user_data, FALSE, NULL, &error))
    g_warning ("Could not reopen the remark: %s", error->message);
}

static void
resolve_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  PreuvesPortfolio *portfolio = g_object_get_data (G_OBJECT (button), "portfolio");
  const char *uuid = g_object_get_data (G_OBJECT (button), "remark-uuid");
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  /* The toast outlives the row, which the change rebuilds. */
  toast = adw_toast_new (_("Remark marked as resolved"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "portfolio", g_object_ref (portfolio), g_object_unref);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (unresolve_cb), g_strdup (uuid),
                         (GClosureNotify) g_free, 0);
  preuves_page_add_toast (GTK_WIDGET (button), g_object_ref (toast));
  if (!preuves_portfolio_resolve_remark (portfolio, uuid, TRUE, NULL, &error))
    {
      adw_toast_dismiss (toast);
      preuves_page_show_error (GTK_WIDGET (button), error);
    }
  g_object_unref (toast);
}

static GtkWidget *
remark_row_new (PreuvesPortfolio    *portfolio,
                const PreuvesRemark *remark)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Resolve"));
  g_autofree char *title = NULL;

  /* Translators: "Remark from <advisor's name>" */
  if (remark->page > 0)
    /* Translators: "Remark from <advisor's name>, on page 12" */
    title = g_strdup_printf (_("Remark from %s, on page %d"), remark->author ? remark->author : _("the advisor"), remark->page);
  else
    title = g_strdup_printf (_("Remark from %s"), remark->author ? remark->author : _("the advisor"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), remark->text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), title);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("user-available-symbolic"));

  g_object_set_data (G_OBJECT (button), "portfolio", portfolio);
  g_object_set_data_full (G_OBJECT (button), "remark-uuid", g_strdup (remark->uuid), g_free);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", G_CALLBACK (resolve_clicked_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* Shows the unresolved advisor remarks that @filter accepts, where they
 * apply. Hides @list when there is none. */
void
preuves_page_fill_remarks (GtkListBox          *list,
                           PreuvesPortfolio    *portfolio,
                           PreuvesRemarkFilter  filter,
                           gpointer             user_data)
{
  g_autoptr(GPtrArray) remarks = NULL;
  guint shown = 0;

  preuves_list_box_remove_all (list);
  if (portfolio != NULL && !preuves_portfolio_is_closed (portfolio))
    remarks = preuves_portfolio_list_remarks (portfolio, NULL, NULL);
  for (guint i = 0; remarks != NULL && i < remarks->len; i++)
    {
      const PreuvesRemark *remark = g_ptr_array_index (remarks, i);

      if (remark->resolved || remark->role != PREUVES_REMARK_ROLE_ADVISOR || !filter (remark, user_data))
        continue;
      gtk_list_box_append (list, remark_row_new (portfolio, remark));
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (list), shown > 0);
}

/* The bloc a remark is about, through its target; NULL for the portfolio,
 * the épreuve finale and the preuves. */
const PreuvesBloc *
preuves_remark_find_bloc (PreuvesPortfolio    *portfolio,
                          const PreuvesRemark *remark)
{
  PreuvesReferentiel *referentiel = preuves_referentiel_get_default ();
  const char *kind = remark->target_kind;
  const char *id = remark->target_id;
  const PreuvesSousCompetence *sc;
  const PreuvesCriterion *criterion;
  const PreuvesEpreuve *epreuve;

  if (kind == NULL || id == NULL)
    return NULL;
  if (g_str_equal (kind, "bloc"))
    return preuves_referentiel_find_bloc (referentiel, id);
  if (g_str_equal (kind, "sous-competence"))
    return (sc = preuves_referentiel_find_sous_competence (referentiel, id, NULL)) ? sc->bloc : NULL;
  if (g_str_equal (kind, "criterion"))
    return (criterion = preuves_referentiel_find_criterion (referentiel, id)) ? criterion->epreuve->bloc : NULL;
  if (g_str_equal (kind, "epreuve") || g_str_equal (kind, "rehearsal"))
    return (epreuve = preuves_referentiel_find_epreuve (referentiel, id)) ? epreuve->bloc : NULL;
  if (g_str_equal (kind, "document"))
    {
      GPtrArray *epreuves = preuves_referentiel_get_epreuves (referentiel);

      /* A remark on a document names the épreuve or the document's row. */
      for (guint i = 0; i < epreuves->len; i++)
        {
          const PreuvesEpreuve *e = g_ptr_array_index (epreuves, i);
          g_autoptr(PreuvesWrittenDocument) doc = NULL;

          if (g_str_equal (e->id, id))
            return e->bloc;
          if (e->written_document != NULL &&
              (doc = preuves_portfolio_get_written_document (portfolio, e->id)) != NULL &&
              g_strcmp0 (doc->uuid, id) == 0)
            return e->bloc;
        }
    }
  return NULL;
}
