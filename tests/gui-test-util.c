/* gui-test-util.c — small helpers shared by the widget tests
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gui-test-util.h"

/* The limit only keeps a broken test from hanging the suite; it asserts
 * nothing about speed. */
void
preuves_test_spin_until_at (PreuvesTestCondition condition,
                            gpointer             data,
                            const char          *condition_name,
                            const char          *location)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () >= deadline)
        g_error ("%s: still waiting for %s after 60 s", location, condition_name);
      g_main_context_iteration (NULL, TRUE);
    }
}

void
preuves_test_click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}
