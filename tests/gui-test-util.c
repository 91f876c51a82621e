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
preuves_test_spin_until (PreuvesTestCondition condition,
                         gpointer             data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}
