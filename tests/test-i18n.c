/* test-i18n.c — dates speak the interface's language
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "french-test-util.h"
#include "preuves-i18n.h"

static char *
long_date (int year,
           int month,
           int day)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (year, month, day, 10, 0, 0);

  return preuves_i18n_format_long_date (when);
}

static void
test_long_date_english (void)
{
  g_autofree char *december = long_date (2026, 12, 4);
  g_autofree char *january = long_date (2027, 1, 31);
  g_autofree char *may = long_date (2027, 5, 1);

  g_assert_cmpstr (december, ==, "December 4, 2026");
  g_assert_cmpstr (january, ==, "January 31, 2027");
  g_assert_cmpstr (may, ==, "May 1, 2027");
}

/* The French interface writes French dates even where the system's dates
 * are not French (the tests run with LC_ALL=C.UTF-8). Run in a child
 * process: the other tests read English. */
static void
test_long_date_french (void)
{
  g_autofree char *december = NULL;
  g_autofree char *february = NULL;

  if (!preuves_test_in_french ())
    return;

  december = long_date (2026, 12, 4);
  february = long_date (2027, 2, 1);
  g_assert_cmpstr (december, ==, "4 décembre 2026");
  g_assert_cmpstr (february, ==, "1er février 2027");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/i18n/long-date/english", test_long_date_english);
  g_test_add_func ("/i18n/long-date/french", test_long_date_french);

  return g_test_run ();
}
