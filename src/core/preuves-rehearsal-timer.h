/* preuves-rehearsal-timer.h — times the rehearsal of an oral épreuve
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A rehearsal goes ready → presentation → exchange → done. */
typedef enum
{
  PREUVES_REHEARSAL_PHASE_READY,
  PREUVES_REHEARSAL_PHASE_PRESENTATION,
  PREUVES_REHEARSAL_PHASE_EXCHANGE,
  PREUVES_REHEARSAL_PHASE_DONE,
} PreuvesRehearsalPhase;

/* Where a duration sits against the épreuve's window (e.g. 15–20 min). */
typedef enum
{
  PREUVES_REHEARSAL_WINDOW_SHORT,
  PREUVES_REHEARSAL_WINDOW_INSIDE,
  PREUVES_REHEARSAL_WINDOW_OVER,
} PreuvesRehearsalWindow;

/* Returns a monotonic time in microseconds, like g_get_monotonic_time(). */
typedef gint64 (*PreuvesClockFunc) (gpointer user_data);

#define PREUVES_TYPE_REHEARSAL_TIMER (preuves_rehearsal_timer_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesRehearsalTimer, preuves_rehearsal_timer, PREUVES, REHEARSAL_TIMER, GObject)

PreuvesRehearsalTimer  *preuves_rehearsal_timer_new                  (guint                   presentation_min_seconds,
                                                                      guint                   presentation_max_seconds,
                                                                      guint                   exchange_min_seconds,
                                                                      guint                   exchange_max_seconds);
void                    preuves_rehearsal_timer_set_clock            (PreuvesRehearsalTimer  *self,
                                                                      PreuvesClockFunc        clock_func,
                                                                      gpointer                user_data);
void                    preuves_rehearsal_timer_set_auto_tick        (PreuvesRehearsalTimer  *self,
                                                                      gboolean                auto_tick);

void                    preuves_rehearsal_timer_advance              (PreuvesRehearsalTimer  *self);
void                    preuves_rehearsal_timer_reset                (PreuvesRehearsalTimer  *self);
void                    preuves_rehearsal_timer_tick                 (PreuvesRehearsalTimer  *self);

PreuvesRehearsalPhase   preuves_rehearsal_timer_get_phase            (PreuvesRehearsalTimer  *self);
guint                   preuves_rehearsal_timer_get_phase_elapsed    (PreuvesRehearsalTimer  *self);
guint                   preuves_rehearsal_timer_get_presentation_seconds (PreuvesRehearsalTimer *self);
guint                   preuves_rehearsal_timer_get_exchange_seconds (PreuvesRehearsalTimer  *self);
void                    preuves_rehearsal_timer_get_phase_window     (PreuvesRehearsalTimer  *self,
                                                                      PreuvesRehearsalPhase   phase,
                                                                      guint                  *min_seconds,
                                                                      guint                  *max_seconds);
PreuvesRehearsalWindow  preuves_rehearsal_timer_get_window_state     (PreuvesRehearsalTimer  *self,
                                                                      PreuvesRehearsalPhase   phase);
gboolean                preuves_rehearsal_timer_is_inside_window     (PreuvesRehearsalTimer  *self);

G_END_DECLS
