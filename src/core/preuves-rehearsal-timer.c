/* preuves-rehearsal-timer.c — times the rehearsal of an oral épreuve
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "preuves-rehearsal-timer.h"

/* Elapsed times come from the clock, never from counting ticks: a busy main
 * loop or a suspended laptop must not make a rehearsal look shorter. The
 * tick only tells the UI to redraw. */

struct _PreuvesRehearsalTimer
{
  GObject                parent_instance;

  guint                  window_min[2];  /* presentation, exchange */
  guint                  window_max[2];

  PreuvesClockFunc       clock_func;
  gpointer               clock_data;

  PreuvesRehearsalPhase  phase;
  gint64                 phase_started;  /* µs, clock time */
  guint                  durations[2];   /* seconds of finished phases */
  guint                  last_elapsed;

  gboolean               auto_tick;
  guint                  tick_source;
};

enum {
  PROP_0,
  PROP_PHASE,
  PROP_ELAPSED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PreuvesRehearsalTimer, preuves_rehearsal_timer, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static gint64
default_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static gint64
now (PreuvesRehearsalTimer *self)
{
  return self->clock_func (self->clock_data);
}

static gboolean
phase_is_timed (PreuvesRehearsalPhase phase)
{
  return phase == PREUVES_REHEARSAL_PHASE_PRESENTATION ||
         phase == PREUVES_REHEARSAL_PHASE_EXCHANGE;
}

static void
stop_ticking (PreuvesRehearsalTimer *self)
{
  g_clear_handle_id (&self->tick_source, g_source_remove);
}

static gboolean
tick_cb (gpointer user_data)
{
  preuves_rehearsal_timer_tick (user_data);
  return G_SOURCE_CONTINUE;
}

static void
update_ticking (PreuvesRehearsalTimer *self)
{
  gboolean want = self->auto_tick && phase_is_timed (self->phase);

  if (want && self->tick_source == 0)
    /* Four ticks a second keep the displayed second from lagging visibly. */
    self->tick_source = g_timeout_add (250, tick_cb, self);
  else if (!want)
    stop_ticking (self);
}

static void
preuves_rehearsal_timer_dispose (GObject *object)
{
  stop_ticking (PREUVES_REHEARSAL_TIMER (object));
  G_OBJECT_CLASS (preuves_rehearsal_timer_parent_class)->dispose (object);
}

static void
preuves_rehearsal_timer_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PreuvesRehearsalTimer *self = PREUVES_REHEARSAL_TIMER (object);

  switch (prop_id)
    {
    case PROP_PHASE:
      g_value_set_int (value, self->phase);
      break;
    case PROP_ELAPSED:
      g_value_set_uint (value, preuves_rehearsal_timer_get_phase_elapsed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_rehearsal_timer_class_init (PreuvesRehearsalTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = preuves_rehearsal_timer_dispose;
  object_class->get_property = preuves_rehearsal_timer_get_property;

  properties[PROP_PHASE] =
    g_param_spec_int ("phase", NULL, NULL,
                      PREUVES_REHEARSAL_PHASE_READY, PREUVES_REHEARSAL_PHASE_DONE,
                      PREUVES_REHEARSAL_PHASE_READY,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ELAPSED] =
    g_param_spec_uint ("elapsed", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
preuves_rehearsal_timer_init (PreuvesRehearsalTimer *self)
{
  self->clock_func = default_clock;
  self->auto_tick = TRUE;
}

/**
 * preuves_rehearsal_timer_new:
 *
 * Creates a timer for an oral épreuve whose presentation must last between
 * @presentation_min_seconds and @presentation_max_seconds, and the exchange
 * with the jury between @exchange_min_seconds and @exchange_max_seconds.
 */
PreuvesRehearsalTimer *
preuves_rehearsal_timer_new (guint presentation_min_seconds,
                             guint presentation_max_seconds,
                             guint exchange_min_seconds,
                             guint exchange_max_seconds)
{
  PreuvesRehearsalTimer *self;

  g_return_val_if_fail (presentation_min_seconds <= presentation_max_seconds, NULL);
  g_return_val_if_fail (exchange_min_seconds <= exchange_max_seconds, NULL);

  self = g_object_new (PREUVES_TYPE_REHEARSAL_TIMER, NULL);
  self->window_min[0] = presentation_min_seconds;
  self->window_max[0] = presentation_max_seconds;
  self->window_min[1] = exchange_min_seconds;
  self->window_max[1] = exchange_max_seconds;
  return self;
}

/* Tests pass a fake clock; a NULL @clock_func restores the monotonic clock. */
void
preuves_rehearsal_timer_set_clock (PreuvesRehearsalTimer *self,
                                   PreuvesClockFunc       clock_func,
                                   gpointer               user_data)
{
  g_return_if_fail (PREUVES_IS_REHEARSAL_TIMER (self));
  g_return_if_fail (self->phase == PREUVES_REHEARSAL_PHASE_READY);

  self->clock_func = clock_func != NULL ? clock_func : default_clock;
  self->clock_data = clock_func != NULL ? user_data : NULL;
}

/* With auto-tick (the default) the timer ticks from the main loop while a
 * phase runs; without it, the caller calls preuves_rehearsal_timer_tick(). */
void
preuves_rehearsal_timer_set_auto_tick (PreuvesRehearsalTimer *self,
                                       gboolean               auto_tick)
{
  g_return_if_fail (PREUVES_IS_REHEARSAL_TIMER (self));

  self->auto_tick = !!auto_tick;
  update_ticking (self);
}

static void
set_phase (PreuvesRehearsalTimer *self,
           PreuvesRehearsalPhase  phase)
{
  self->phase = phase;
  self->phase_started = now (self);
  self->last_elapsed = 0;
  update_ticking (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
}

/**
 * preuves_rehearsal_timer_advance:
 *
 * Starts the presentation, ends it and starts the exchange, or ends the
 * exchange. Does nothing once done.
 */
void
preuves_rehearsal_timer_advance (PreuvesRehearsalTimer *self)
{
  g_return_if_fail (PREUVES_IS_REHEARSAL_TIMER (self));

  switch (self->phase)
    {
    case PREUVES_REHEARSAL_PHASE_READY:
      self->durations[0] = self->durations[1] = 0;
      set_phase (self, PREUVES_REHEARSAL_PHASE_PRESENTATION);
      break;
    case PREUVES_REHEARSAL_PHASE_PRESENTATION:
      self->durations[0] = preuves_rehearsal_timer_get_phase_elapsed (self);
      set_phase (self, PREUVES_REHEARSAL_PHASE_EXCHANGE);
      break;
    case PREUVES_REHEARSAL_PHASE_EXCHANGE:
      self->durations[1] = preuves_rehearsal_timer_get_phase_elapsed (self);
      set_phase (self, PREUVES_REHEARSAL_PHASE_DONE);
      break;
    case PREUVES_REHEARSAL_PHASE_DONE:
    default:
      break;
    }
}

void
preuves_rehearsal_timer_reset (PreuvesRehearsalTimer *self)
{
  g_return_if_fail (PREUVES_IS_REHEARSAL_TIMER (self));

  self->durations[0] = self->durations[1] = 0;
  set_phase (self, PREUVES_REHEARSAL_PHASE_READY);
}

/* Emits notify::elapsed when the displayed second changed. */
void
preuves_rehearsal_timer_tick (PreuvesRehearsalTimer *self)
{
  guint elapsed;

  g_return_if_fail (PREUVES_IS_REHEARSAL_TIMER (self));

  elapsed = preuves_rehearsal_timer_get_phase_elapsed (self);
  if (elapsed == self->last_elapsed)
    return;
  self->last_elapsed = elapsed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
}

PreuvesRehearsalPhase
preuves_rehearsal_timer_get_phase (PreuvesRehearsalTimer *self)
{
  g_return_val_if_fail (PREUVES_IS_REHEARSAL_TIMER (self), PREUVES_REHEARSAL_PHASE_READY);
  return self->phase;
}

/* Whole seconds spent in the running phase; 0 when ready or done. */
guint
preuves_rehearsal_timer_get_phase_elapsed (PreuvesRehearsalTimer *self)
{
  gint64 delta;

  g_return_val_if_fail (PREUVES_IS_REHEARSAL_TIMER (self), 0);

  if (!phase_is_timed (self->phase))
    return 0;
  delta = now (self) - self->phase_started;
  return delta > 0 ? (guint) (delta / G_USEC_PER_SEC) : 0;
}

static guint
phase_seconds (PreuvesRehearsalTimer *self,
               PreuvesRehearsalPhase  phase)
{
  guint index = phase == PREUVES_REHEARSAL_PHASE_PRESENTATION ? 0 : 1;

  if (self->phase == phase)
    return preuves_rehearsal_timer_get_phase_elapsed (self);
  return self->durations[index];
}

/* The presentation's length: running or finished. */
guint
preuves_rehearsal_timer_get_presentation_seconds (PreuvesRehearsalTimer *self)
{
  g_return_val_if_fail (PREUVES_IS_REHEARSAL_TIMER (self), 0);
  return phase_seconds (self, PREUVES_REHEARSAL_PHASE_PRESENTATION);
}

guint
preuves_rehearsal_timer_get_exchange_seconds (PreuvesRehearsalTimer *self)
{
  g_return_val_if_fail (PREUVES_IS_REHEARSAL_TIMER (self), 0);
  return phase_seconds (self, PREUVES_REHEARSAL_PHASE_EXCHANGE);
}

void
preuves_rehearsal_timer_get_phase_window (PreuvesRehearsalTimer *self,
                                          PreuvesRehearsalPhase  phase,
                                          guint                 *min_seconds,
                                          guint                 *max_seconds)
{
  guint index;

  g_return_if_fail (PREUVES_IS_REHEARSAL_TIMER (self));
  g_return_if_fail (phase_is_timed (phase));

  index = phase == PREUVES_REHEARSAL_PHASE_PRESENTATION ? 0 : 1;
  if (min_seconds != NULL)
    *min_seconds = self->window_min[index];
  if (max_seconds != NULL)
    *max_seconds = self->window_max[index];
}

/* For @phase (presentation or exchange): is its time so far short of the
 * window, inside it, or over it? */
PreuvesRehearsalWindow
preuves_rehearsal_timer_get_window_state (PreuvesRehearsalTimer *self,
                                          PreuvesRehearsalPhase  phase)
{
  guint seconds, min_seconds, max_seconds;

  g_return_val_if_fail (PREUVES_IS_REHEARSAL_TIMER (self), PREUVES_REHEARSAL_WINDOW_SHORT);
  g_return_val_if_fail (phase_is_timed (phase), PREUVES_REHEARSAL_WINDOW_SHORT);

  seconds = phase_seconds (self, phase);
  preuves_rehearsal_timer_get_phase_window (self, phase, &min_seconds, &max_seconds);
  if (seconds < min_seconds)
    return PREUVES_REHEARSAL_WINDOW_SHORT;
  if (seconds > max_seconds)
    return PREUVES_REHEARSAL_WINDOW_OVER;
  return PREUVES_REHEARSAL_WINDOW_INSIDE;
}

/* TRUE once done with both phases inside their windows. */
gboolean
preuves_rehearsal_timer_is_inside_window (PreuvesRehearsalTimer *self)
{
  g_return_val_if_fail (PREUVES_IS_REHEARSAL_TIMER (self), FALSE);

  return self->phase == PREUVES_REHEARSAL_PHASE_DONE &&
         preuves_rehearsal_timer_get_window_state (self, PREUVES_REHEARSAL_PHASE_PRESENTATION) == PREUVES_REHEARSAL_WINDOW_INSIDE &&
         preuves_rehearsal_timer_get_window_state (self, PREUVES_REHEARSAL_PHASE_EXCHANGE) == PREUVES_REHEARSAL_WINDOW_INSIDE;
}
