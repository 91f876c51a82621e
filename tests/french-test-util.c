/* french-test-util.c — run a test again in a French child process
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "french-test-util.h"
#include "preuves-i18n.h"

gboolean
preuves_test_in_french (void)
{
  g_autofree char *localedir = NULL;

  if (!g_test_subprocess ())
    {
      /* The child's messages go with the test's: a failure in French says why. */
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return FALSE;
    }

  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_setenv ("PREUVES_LOCALEDIR", localedir, TRUE);
  g_setenv ("LANGUAGE", "fr", TRUE);
  preuves_i18n_init ();

  return TRUE;
}
