/* test-rehearsal-timer.c — the rehearsal timer's phases and windows
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libglib-testing/signal-logger.h>

#include "preuves-rehearsal-timer.h"

#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)

static gint64
fake_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

static PreuvesRehearsalTimer *
new_oral_timer (gint64 *clock)
{
  /* An oral of bloc 2: 15–20 min of presentation, 15–20 min of exchange. */
  PreuvesRehearsalTimer *timer = preuves_rehearsal_timer_new (15 * 60, 20 * 60, 15 * 60, 20 * 60);

  preuves_rehearsal_timer_set_auto_tick (timer, FALSE);
  preuves_rehearsal_timer_set_clock (timer, fake_clock, clock);
  return timer;
}

static void
test_phases (void)
{
  gint64 clock = 1000 * MINUTE;
  g_autoptr(PreuvesRehearsalTimer) timer = new_oral_timer (&clock);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();

  gt_signal_logger_connect (logger, timer, "notify::phase");
  g_assert_cmpint (preuves_rehearsal_timer_get_phase (timer), ==, PREUVES_REHEARSAL_PHASE_READY);

  preuves_rehearsal_timer_advance (timer);
  g_assert_cmpint (preuves_rehearsal_timer_get_phase (timer), ==, PREUVES_REHEARSAL_PHASE_PRESENTATION);
  gt_signal_logger_assert_emission_pop (logger, timer, "notify::phase", NULL);

  clock += 17 * MINUTE + 30 * G_USEC_PER_SEC;
  g_assert_cmpuint (preuves_rehearsal_timer_get_phase_elapsed (timer), ==, 17 * 60 + 30);
  g_assert_cmpint (preuves_rehearsal_timer_get_window_state (timer, PREUVES_REHEARSAL_PHASE_PRESENTATION),
                   ==, PREUVES_REHEARSAL_WINDOW_INSIDE);

  preuves_rehearsal_timer_advance (timer);
  g_assert_cmpint (preuves_rehearsal_timer_get_phase (timer), ==, PREUVES_REHEARSAL_PHASE_EXCHANGE);
  g_assert_cmpuint (preuves_rehearsal_timer_get_phase_elapsed (timer), ==, 0);
  g_assert_cmpuint (preuves_rehearsal_timer_get_presentation_seconds (timer), ==, 17 * 60 + 30);

  clock += 16 * MINUTE;
  preuves_rehearsal_timer_advance (timer);
  g_assert_cmpint (preuves_rehearsal_timer_get_phase (timer), ==, PREUVES_REHEARSAL_PHASE_DONE);
  g_assert_cmpuint (preuves_rehearsal_timer_get_exchange_seconds (timer), ==, 16 * 60);
  g_assert_true (preuves_rehearsal_timer_is_inside_window (timer));

  /* Done is final until reset. */
  clock += MINUTE;
  preuves_rehearsal_timer_advance (timer);
  g_assert_cmpint (preuves_rehearsal_timer_get_phase (timer), ==, PREUVES_REHEARSAL_PHASE_DONE);
  g_assert_cmpuint (preuves_rehearsal_timer_get_exchange_seconds (timer), ==, 16 * 60);
  gt_signal_logger_assert_emission_pop (logger, timer, "notify::phase", NULL);
  gt_signal_logger_assert_emission_pop (logger, timer, "notify::phase", NULL);
  gt_signal_logger_assert_no_emissions (logger);

  preuves_rehearsal_timer_reset (timer);
  g_assert_cmpint (preuves_rehearsal_timer_get_phase (timer), ==, PREUVES_REHEARSAL_PHASE_READY);
  g_assert_cmpuint (preuves_rehearsal_timer_get_presentation_seconds (timer), ==, 0);
  g_assert_false (preuves_rehearsal_timer_is_inside_window (timer));
}

static void
test_outside_window (void)
{
  gint64 clock = 0;
  g_autoptr(PreuvesRehearsalTimer) timer = new_oral_timer (&clock);

  preuves_rehearsal_timer_advance (timer);
  clock += 12 * MINUTE;
  g_assert_cmpint (preuves_rehearsal_timer_get_window_state (timer, PREUVES_REHEARSAL_PHASE_PRESENTATION),
                   ==, PREUVES_REHEARSAL_WINDOW_SHORT);
  clock += 9 * MINUTE;
  g_assert_cmpint (preuves_rehearsal_timer_get_window_state (timer, PREUVES_REHEARSAL_PHASE_PRESENTATION),
                   ==, PREUVES_REHEARSAL_WINDOW_OVER);
  preuves_rehearsal_timer_advance (timer);
  clock += 18 * MINUTE;
  preuves_rehearsal_timer_advance (timer);

  /* The exchange was fine, the presentation ran over: outside. */
  g_assert_cmpint (preuves_rehearsal_timer_get_window_state (timer, PREUVES_REHEARSAL_PHASE_EXCHANGE),
                   ==, PREUVES_REHEARSAL_WINDOW_INSIDE);
  g_assert_false (preuves_rehearsal_timer_is_inside_window (timer));
}

static void
test_window_bounds (void)
{
  gint64 clock = 0;
  g_autoptr(PreuvesRehearsalTimer) timer = new_oral_timer (&clock);
  guint min_seconds, max_seconds;

  preuves_rehearsal_timer_get_phase_window (timer, PREUVES_REHEARSAL_PHASE_EXCHANGE,
                                            &min_seconds, &max_seconds);
  g_assert_cmpuint (min_seconds, ==, 15 * 60);
  g_assert_cmpuint (max_seconds, ==, 20 * 60);

  /* Exactly 15:00 and exactly 20:00 are inside. */
  preuves_rehearsal_timer_advance (timer);
  clock += 15 * MINUTE;
  g_assert_cmpint (preuves_rehearsal_timer_get_window_state (timer, PREUVES_REHEARSAL_PHASE_PRESENTATION),
                   ==, PREUVES_REHEARSAL_WINDOW_INSIDE);
  clock += 5 * MINUTE;
  g_assert_cmpint (preuves_rehearsal_timer_get_window_state (timer, PREUVES_REHEARSAL_PHASE_PRESENTATION),
                   ==, PREUVES_REHEARSAL_WINDOW_INSIDE);
  clock += G_USEC_PER_SEC;
  g_assert_cmpint (preuves_rehearsal_timer_get_window_state (timer, PREUVES_REHEARSAL_PHASE_PRESENTATION),
                   ==, PREUVES_REHEARSAL_WINDOW_OVER);
}

static void
test_tick_notifies_each_second (void)
{
  gint64 clock = 0;
  g_autoptr(PreuvesRehearsalTimer) timer = new_oral_timer (&clock);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();

  preuves_rehearsal_timer_advance (timer);
  gt_signal_logger_connect (logger, timer, "notify::elapsed");

  clock += G_USEC_PER_SEC / 4;
  preuves_rehearsal_timer_tick (timer);
  gt_signal_logger_assert_no_emissions (logger);

  clock += G_USEC_PER_SEC;
  preuves_rehearsal_timer_tick (timer);
  gt_signal_logger_assert_emission_pop (logger, timer, "notify::elapsed", NULL);
  gt_signal_logger_assert_no_emissions (logger);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
elapsed_cb (GObject    *object,
            GParamSpec *pspec,
            gpointer    user_data)
{
  *(guint *) user_data += 1;
}

/* With auto-tick, the main loop drives the ticks while a phase runs. */
static void
test_auto_tick (void)
{
  gint64 clock = 0;
  g_autoptr(PreuvesRehearsalTimer) timer = new_oral_timer (&clock);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint notified = 0;

  preuves_rehearsal_timer_advance (timer);
  g_signal_connect (timer, "notify::elapsed", G_CALLBACK (elapsed_cb), &notified);
  preuves_rehearsal_timer_set_auto_tick (timer, TRUE);
  clock += 3 * G_USEC_PER_SEC;
  g_timeout_add (600, quit_cb, loop);
  g_main_loop_run (loop);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (preuves_rehearsal_timer_get_phase_elapsed (timer), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rehearsal-timer/phases", test_phases);
  g_test_add_func ("/rehearsal-timer/outside-window", test_outside_window);
  g_test_add_func ("/rehearsal-timer/window-bounds", test_window_bounds);
  g_test_add_func ("/rehearsal-timer/tick", test_tick_notifies_each_second);
  g_test_add_func ("/rehearsal-timer/auto-tick", test_auto_tick);

  return g_test_run ();
}
