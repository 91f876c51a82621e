/* preuves-rehearsal-page.c — times a rehearsal of an oral épreuve and keeps the result
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-assessment.h"
#include "preuves-page-util.h"
#include "preuves-referentiel.h"
#include "preuves-rehearsal-page.h"

struct _PreuvesRehearsalPage
{
  AdwBin                 parent_instance;

  PreuvesPortfolio      *portfolio;
  gulong                 changed_id;
  char                  *epreuve_id;
  const PreuvesEpreuve  *epreuve;
  PreuvesRehearsalTimer *timer;
  guint                  inhibit_cookie;
  GPtrArray             *oral_ids; /* the dropdown's épreuves, in its order */
  GtkDropDown           *epreuve_dropdown;

  GtkLabel              *title_label;
  GtkLabel              *durations_label;
  GtkLabel              *phase_label;
  GtkLabel              *time_label;
  GtkProgressBar        *window_bar;
  GtkLabel              *window_label;
  GtkButton             *advance_button;
  AdwPreferencesGroup   *history_group;
  GtkListBox            *history_list;
};

enum {
  PROP_0,
  PROP_PORTFOLIO,
  PROP_EPREUVE_ID,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PreuvesRehearsalPage, preuves_rehearsal_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static const char *
window_state_text (PreuvesRehearsalWindow state)
{
  switch (state)
    {
    case PREUVES_REHEARSAL_WINDOW_INSIDE:
      return _("inside the window");
    case PREUVES_REHEARSAL_WINDOW_OVER:
      return _("over the window");
    case PREUVES_REHEARSAL_WINDOW_SHORT:
    default:
      return _("short of the window");
    }
}

static PreuvesRehearsalWindow
window_state_for (int   seconds,
                  guint min_minutes,
                  guint max_minutes)
{
  if (seconds < (int) min_minutes * 60)
    return PREUVES_REHEARSAL_WINDOW_SHORT;
  if (seconds > (int) max_minutes * 60)
    return PREUVES_REHEARSAL_WINDOW_OVER;
  return PREUVES_REHEARSAL_WINDOW_INSIDE;
}

/* "Window 15:00–20:00: 2:30 before it opens", said in words so that the
 * state is never told by colour alone. */
static char *
window_text (PreuvesRehearsalTimer *timer,
             PreuvesRehearsalPhase  phase,
             guint                  elapsed)
{
  guint min_s, max_s;
  g_autofree char *min_text = NULL;
  g_autofree char *max_text = NULL;
  g_autofree char *left = NULL;

  preuves_rehearsal_timer_get_phase_window (timer, phase, &min_s, &max_s);
  min_text = preuves_format_minutes_seconds (min_s);
  max_text = preuves_format_minutes_seconds (max_s);
  switch (preuves_rehearsal_timer_get_window_state (timer, phase))
    {
    case PREUVES_REHEARSAL_WINDOW_SHORT:
      left = preuves_format_minutes_seconds (min_s - elapsed);
      return g_strdup_printf (_("Window %s–%s: %s before it opens"), min_text, max_text, left);
    case PREUVES_REHEARSAL_WINDOW_INSIDE:
      left = preuves_format_minutes_seconds (max_s - elapsed);
      return g_strdup_printf (_("Inside the window %s–%s: %s left, you may conclude"), min_text, max_text, left);
    case PREUVES_REHEARSAL_WINDOW_OVER:
    default:
      left = preuves_format_minutes_seconds (elapsed - max_s);
      return g_strdup_printf (_("Over the window %s–%s by %s: conclude now"), min_text, max_text, left);
    }
}

static void
set_bar_state (PreuvesRehearsalPage   *self,
               PreuvesRehearsalWindow  state)
{
  GtkWidget *bar = GTK_WIDGET (self->window_bar);

  gtk_widget_remove_css_class (bar, "success");
  gtk_widget_remove_css_class (bar, "warning");
  gtk_widget_remove_css_class (bar, "error");
  if (state == PREUVES_REHEARSAL_WINDOW_INSIDE)
    gtk_widget_add_css_class (bar, "success");
  else if (state == PREUVES_REHEARSAL_WINDOW_OVER)
    gtk_widget_add_css_class (bar, "error");
}

static void
show_result (PreuvesRehearsalPage *self)
{
  g_autofree char *presentation = preuves_format_minutes_seconds (preuves_rehearsal_timer_get_presentation_seconds (self->timer));
  g_autofree char *exchange = preuves_format_minutes_seconds (preuves_rehearsal_timer_get_exchange_seconds (self->timer));
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("Presentation %s (%s), exchange %s (%s)"),
                          presentation,
                          window_state_text (preuves_rehearsal_timer_get_window_state (self->timer, PREUVES_REHEARSAL_PHASE_PRESENTATION)),
                          exchange,
                          window_state_text (preuves_rehearsal_timer_get_window_state (self->timer, PREUVES_REHEARSAL_PHASE_EXCHANGE)));
  gtk_label_set_text (self->window_label, text);
  gtk_label_set_text (self->time_label,
                      preuves_rehearsal_timer_is_inside_window (self->timer) ? _("Inside the window") : _("Outside the window"));
  gtk_progress_bar_set_fraction (self->window_bar, 1.0);
  set_bar_state (self, preuves_rehearsal_timer_is_inside_window (self->timer)
                         ? PREUVES_REHEARSAL_WINDOW_INSIDE : PREUVES_REHEARSAL_WINDOW_OVER);
}

static void
update_display (PreuvesRehearsalPage *self)
{
  PreuvesRehearsalPhase phase;
  guint elapsed, max_s;
  g_autofree char *time = NULL;
  g_autofree char *window = NULL;

  if (self->timer == NULL)
    return;
  phase = preuves_rehearsal_timer_get_phase (self->timer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearsal.reset", phase != PREUVES_REHEARSAL_PHASE_READY);
  switch (phase)
    {
    case PREUVES_REHEARSAL_PHASE_READY:
      /* Translators: the timer is ready to start (French: « Prêt », le chronomètre) */
      gtk_label_set_text (self->phase_label, C_("rehearsal timer", "Ready"));
      gtk_label_set_text (self->time_label, "0:00");
      gtk_label_set_text (self->window_label, _("Start when you begin your presentation, as in front of the jury."));
      gtk_progress_bar_set_fraction (self->window_bar, 0);
      set_bar_state (self, PREUVES_REHEARSAL_WINDOW_SHORT);
      gtk_button_set_label (self->advance_button, _("_Start Presentation"));
      return;
    case PREUVES_REHEARSAL_PHASE_DONE:
      gtk_label_set_text (self->phase_label, _("Done"));
      gtk_button_set_label (self->advance_button, _("_Start Presentation"));
      show_result (self);
      return;
    case PREUVES_REHEARSAL_PHASE_PRESENTATION:
    case PREUVES_REHEARSAL_PHASE_EXCHANGE:
    default:
      break;
    }
  elapsed = preuves_rehearsal_timer_get_phase_elapsed (self->timer);
  preuves_rehearsal_timer_get_phase_window (self->timer, phase, NULL, &max_s);
  gtk_label_set_text (self->phase_label,
                      phase == PREUVES_REHEARSAL_PHASE_PRESENTATION ? _("Presentation") : _("Exchange with the jury"));
  gtk_button_set_label (self->advance_button,
                        phase == PREUVES_REHEARSAL_PHASE_PRESENTATION ? _("Start _Exchange") : _("_Finish"));
  time = preuves_format_minutes_seconds (elapsed);
  gtk_label_set_text (self->time_label, time);
  window = window_text (self->timer, phase, elapsed);
  gtk_label_set_text (self->window_label, window);
  gtk_progress_bar_set_fraction (self->window_bar, MIN (1.0, (double) elapsed / MAX (max_s, 1)));
  set_bar_state (self, preuves_rehearsal_timer_get_window_state (self->timer, phase));
}

static void
fill_history (PreuvesRehearsalPage *self)
{
  g_autoptr(GPtrArray) rehearsals = NULL;

  preuves_list_box_remove_all (self->history_list);
  if (self->portfolio != NULL && self->epreuve != NULL)
    rehearsals = preuves_portfolio_list_rehearsals (self->portfolio, self->epreuve_id);
  for (guint i = 0; rehearsals != NULL && i < rehearsals->len; i++)
    {
      PreuvesRehearsal *rehearsal = g_ptr_array_index (rehearsals, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (rehearsal->recorded_at / G_USEC_PER_SEC);
      /* Translators: when a rehearsal took place, see the GDateTime format
       * codes; French uses "%d/%m/%Y %H:%M" */
      g_autofree char *date = when ? g_date_time_format (when, _("%Y-%m-%d %H:%M")) : g_strdup ("");
      g_autofree char *presentation = preuves_format_minutes_seconds (MAX (rehearsal->presentation_seconds, 0));
      g_autofree char *exchange = preuves_format_minutes_seconds (MAX (rehearsal->exchange_seconds, 0));
      g_autofree char *subtitle = NULL;
      PreuvesRehearsalWindow presentation_state = window_state_for (rehearsal->presentation_seconds,
                                                                    self->epreuve->presentation_min,
                                                                    self->epreuve->presentation_max);
      PreuvesRehearsalWindow exchange_state = window_state_for (rehearsal->exchange_seconds,
                                                                self->epreuve->exchange_min,
                                                                self->epreuve->exchange_max);
      gboolean inside = presentation_state == PREUVES_REHEARSAL_WINDOW_INSIDE &&
                        exchange_state == PREUVES_REHEARSAL_WINDOW_INSIDE;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *state = gtk_label_new (inside ? _("Inside the window") : _("Outside the window"));

      subtitle = g_strdup_printf (_("Presentation %s (%s), exchange %s (%s)"),
                                  presentation, window_state_text (presentation_state),
                                  exchange, window_state_text (exchange_state));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (state, inside ? "success" : "warning");
      gtk_widget_add_css_class (state, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
      gtk_list_box_prepend (self->history_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), rehearsals != NULL && rehearsals->len > 0);
}

static void
save_rehearsal (PreuvesRehearsalPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->portfolio == NULL)
    return;
  if (!preuves_portfolio_add_rehearsal (self->portfolio, self->epreuve_id,
                                        preuves_rehearsal_timer_get_presentation_seconds (self->timer),
                                        preuves_rehearsal_timer_get_exchange_seconds (self->timer),
                                        NULL, &error))
    {
      preuves_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  preuves_page_add_toast (GTK_WIDGET (self), adw_toast_new (_("Rehearsal saved")));
  fill_history (self);
}

/* The screen must not blank in the middle of a 40-minute rehearsal. */
static void
update_inhibit (PreuvesRehearsalPage *self)
{
  GApplication *app = g_application_get_default ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PreuvesRehearsalPhase phase = self->timer ? preuves_rehearsal_timer_get_phase (self->timer)
                                            : PREUVES_REHEARSAL_PHASE_READY;
  gboolean running = phase == PREUVES_REHEARSAL_PHASE_PRESENTATION || phase == PREUVES_REHEARSAL_PHASE_EXCHANGE;

  if (!GTK_IS_APPLICATION (app))
    return;
  if (running && self->inhibit_cookie == 0)
    self->inhibit_cookie = gtk_application_inhibit (GTK_APPLICATION (app),
                                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                    GTK_APPLICATION_INHIBIT_IDLE,
                                                    _("Rehearsing an oral"));
  else if (!running && self->inhibit_cookie != 0)
    {
      gtk_application_uninhibit (GTK_APPLICATION (app), self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
}

static void
advance_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PreuvesRehearsalPage *self = PREUVES_REHEARSAL_PAGE (widget);

  if (self->timer == NULL)
    return;
  if (preuves_rehearsal_timer_get_phase (self->timer) == PREUVES_REHEARSAL_PHASE_DONE)
    preuves_rehearsal_timer_reset (self->timer);
  preuves_rehearsal_timer_advance (self->timer);
  if (preuves_rehearsal_timer_get_phase (self->timer) == PREUVES_REHEARSAL_PHASE_DONE)
    save_rehearsal (self);
  update_display (self);
  update_inhibit (self);
}

static void
reset_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PreuvesRehearsalPage *self = PREUVES_REHEARSAL_PAGE (widget);

  if (self->timer != NULL)
    preuves_rehearsal_timer_reset (self->timer);
  update_display (self);
  update_inhibit (self);
}

static void
portfolio_changed_cb (PreuvesPortfolio     *portfolio,
                      const char           *what,
                      PreuvesRehearsalPage *self)
{
  if (g_strcmp0 (what, "rehearsals") == 0)
    fill_history (self);
}

/* The dropdown shows the épreuve being rehearsed; it stays on the last one
 * chosen while the sidebar comes and goes. An épreuve the portfolio's path
 * does not have (the épreuve finale, for a VAE) gives way to the path's
 * first oral, so that the page never times one oral while naming another. */
static void
select_oral (PreuvesRehearsalPage *self)
{
  for (guint i = 0; i < self->oral_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->oral_ids, i), self->epreuve_id) == 0)
      {
        if (gtk_drop_down_get_selected (self->epreuve_dropdown) != i)
          gtk_drop_down_set_selected (self->epreuve_dropdown, i);
        return;
      }
  if (self->oral_ids->len > 0)
    preuves_rehearsal_page_set_epreuve_id (self, g_ptr_array_index (self->oral_ids, 0));
}

static void
epreuve_selected_cb (PreuvesRehearsalPage *self)
{
  guint i = gtk_drop_down_get_selected (self->epreuve_dropdown);

  if (i < self->oral_ids->len)
    preuves_rehearsal_page_set_epreuve_id (self, g_ptr_array_index (self->oral_ids, i));
}

/* Every oral of the portfolio's path, from the référentiel: the blocs'
 * orals and the épreuve finale, by their short names as in the sidebar
 * ("Bloc 2"); the official title shows below, where it can wrap. */
static void
fill_orals (PreuvesRehearsalPage *self)
{
  PreuvesReferentiel *referentiel = preuves_referentiel_get_default ();
  PreuvesPath path = self->portfolio ? preuves_portfolio_get_path (self->portfolio) : PREUVES_PATH_FORMATION;
  const PreuvesPathRules *rules = preuves_referentiel_get_path_rules (referentiel, path);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->oral_ids, 0);
  for (guint i = 0; rules != NULL && i < rules->epreuves->len; i++)
    {
      const PreuvesEpreuve *epreuve = g_ptr_array_index (rules->epreuves, i);
      g_autofree char *name = NULL;

      if (epreuve->kind != PREUVES_EPREUVE_ORAL || epreuve->presentation_max == 0)
        continue;
      name = preuves_readiness_epreuve_name (epreuve);
      gtk_string_list_append (labels, name);
      g_ptr_array_add (self->oral_ids, (gpointer) epreuve->id);
    }
  /* The ids stay valid: the default référentiel lives as long as the app. */
  g_signal_handlers_block_by_func (self->epreuve_dropdown, epreuve_selected_cb, self);
  gtk_drop_down_set_model (self->epreuve_dropdown, G_LIST_MODEL (labels));
  g_signal_handlers_unblock_by_func (self->epreuve_dropdown, epreuve_selected_cb, self);
  gtk_widget_set_visible (GTK_WIDGET (self->epreuve_dropdown), self->oral_ids->len > 1);
  select_oral (self);
}

static void
preuves_rehearsal_page_dispose (GObject *object)
{
  PreuvesRehearsalPage *self = PREUVES_REHEARSAL_PAGE (object);

  preuves_rehearsal_page_set_portfolio (self, NULL);
  g_clear_object (&self->timer);
  update_inhibit (self);
  G_OBJECT_CLASS (preuves_rehearsal_page_parent_class)->dispose (object);
}

static void
preuves_rehearsal_page_finalize (GObject *object)
{
  g_free (PREUVES_REHEARSAL_PAGE (object)->epreuve_id);
  g_ptr_array_unref (PREUVES_REHEARSAL_PAGE (object)->oral_ids);
  G_OBJECT_CLASS (preuves_rehearsal_page_parent_class)->finalize (object);
}

static void
preuves_rehearsal_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PreuvesRehearsalPage *self = PREUVES_REHEARSAL_PAGE (object);

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
preuves_rehearsal_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PreuvesRehearsalPage *self = PREUVES_REHEARSAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      preuves_rehearsal_page_set_portfolio (self, g_value_get_object (value));
      break;
    case PROP_EPREUVE_ID:
      preuves_rehearsal_page_set_epreuve_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_rehearsal_page_class_init (PreuvesRehearsalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = preuves_rehearsal_page_dispose;
  object_class->finalize = preuves_rehearsal_page_finalize;
  object_class->get_property = preuves_rehearsal_page_get_property;
  object_class->set_property = preuves_rehearsal_page_set_property;

  properties[PROP_PORTFOLIO] =
    g_param_spec_object ("portfolio", NULL, NULL, PREUVES_TYPE_PORTFOLIO,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EPREUVE_ID] =
    g_param_spec_string ("epreuve-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, PREUVES_RESOURCE_PREFIX "/preuves-rehearsal-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PreuvesRehearsalPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PreuvesRehearsalPage, durations_label);
  gtk_widget_class_bind_template_child (widget_class, PreuvesRehearsalPage, phase_label);
  gtk_widget_class_bind_template_child (widget_class, PreuvesRehearsalPage, time_label);
  gtk_widget_class_bind_template_child (widget_class, PreuvesRehearsalPage, window_bar);
  gtk_widget_class_bind_template_child (widget_class, PreuvesRehearsalPage, window_label);
  gtk_widget_class_bind_template_child (widget_class, PreuvesRehearsalPage, advance_button);
  gtk_widget_class_bind_template_child (widget_class, PreuvesRehearsalPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, PreuvesRehearsalPage, history_list);
  gtk_widget_class_bind_template_child (widget_class, PreuvesRehearsalPage, epreuve_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, epreuve_selected_cb);

  gtk_widget_class_install_action (widget_class, "rehearsal.advance", NULL, advance_action_cb);
  gtk_widget_class_install_action (widget_class, "rehearsal.reset", NULL, reset_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, GDK_CONTROL_MASK, "rehearsal.advance", NULL);
}

static void
preuves_rehearsal_page_init (PreuvesRehearsalPage *self)
{
  self->oral_ids = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearsal.advance", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearsal.reset", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), FALSE);
}

GtkWidget *
preuves_rehearsal_page_new (const char *epreuve_id)
{
  return g_object_new (PREUVES_TYPE_REHEARSAL_PAGE, "epreuve-id", epreuve_id, NULL);
}

PreuvesPortfolio *
preuves_rehearsal_page_get_portfolio (PreuvesRehearsalPage *self)
{
  g_return_val_if_fail (PREUVES_IS_REHEARSAL_PAGE (self), NULL);
  return self->portfolio;
}

void
preuves_rehearsal_page_set_portfolio (PreuvesRehearsalPage *self,
                                      PreuvesPortfolio     *portfolio)
{
  g_return_if_fail (PREUVES_IS_REHEARSAL_PAGE (self));

  if (self->portfolio == portfolio)
    return;
  g_clear_signal_handler (&self->changed_id, self->portfolio);
  g_set_object (&self->portfolio, portfolio);
  if (portfolio != NULL)
    self->changed_id = g_signal_connect (portfolio, "changed", G_CALLBACK (portfolio_changed_cb), self);
  fill_history (self);
  fill_orals (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTFOLIO]);
}

const char *
preuves_rehearsal_page_get_epreuve_id (PreuvesRehearsalPage *self)
{
  g_return_val_if_fail (PREUVES_IS_REHEARSAL_PAGE (self), NULL);
  return self->epreuve_id;
}

/* Switching to another épreuve drops the running rehearsal: its window is
 * not the same. */
void
preuves_rehearsal_page_set_epreuve_id (PreuvesRehearsalPage *self,
                                       const char           *epreuve_id)
{
  const PreuvesEpreuve *epreuve;
  g_autofree char *durations = NULL;
  g_autofree char *times = NULL;

  g_return_if_fail (PREUVES_IS_REHEARSAL_PAGE (self));

  if (g_strcmp0 (self->epreuve_id, epreuve_id) == 0)
    return;
  epreuve = epreuve_id ? preuves_referentiel_find_epreuve (preuves_referentiel_get_default (), epreuve_id) : NULL;
  g_free (self->epreuve_id);
  self->epreuve_id = g_strdup (epreuve_id);
  self->epreuve = epreuve;
  g_clear_object (&self->timer);
  update_inhibit (self);
  if (epreuve != NULL && epreuve->presentation_max > 0)
    {
      self->timer = preuves_rehearsal_timer_new (epreuve->presentation_min * 60, epreuve->presentation_max * 60,
                                                 epreuve->exchange_min * 60, epreuve->exchange_max * 60);
      g_signal_connect_object (self->timer, "notify::elapsed", G_CALLBACK (update_display), self, G_CONNECT_SWAPPED);
      times = preuves_epreuve_durations_text (epreuve);
      /* Translators: "Oral of Bloc 2 · Presentation 15–20 min, then …" */
      durations = epreuve->bloc ? g_strdup_printf (_("Oral of Bloc %u · %s"), epreuve->bloc->number, times)
                                : g_strdup_printf (_("Épreuve finale · %s"), times);
    }
  gtk_label_set_text (self->title_label, epreuve ? epreuve->title : _("No oral to rehearse"));
  gtk_label_set_text (self->durations_label, durations ? durations : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearsal.advance", self->timer != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearsal.reset", FALSE);
  update_display (self);
  fill_history (self);
  select_oral (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPREUVE_ID]);
}

PreuvesRehearsalTimer *
preuves_rehearsal_page_get_timer (PreuvesRehearsalPage *self)
{
  g_return_val_if_fail (PREUVES_IS_REHEARSAL_PAGE (self), NULL);
  return self->timer;
}
