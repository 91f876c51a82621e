/* french-test-util.h — run a test again in a French child process
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* In the test process, runs the current test again in a child and asserts
 * that it passed, then returns FALSE; in the child, switches the
 * translations to French (from the catalogues of the build tree) and
 * returns TRUE. The other tests of the program keep reading English. */
gboolean preuves_test_in_french (void);

G_END_DECLS
