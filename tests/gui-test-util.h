/* gui-test-util.h — small helpers shared by the widget tests
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gboolean (*PreuvesTestCondition) (gpointer data);

/* Spins the default main context until @condition holds. */
void preuves_test_spin_until (PreuvesTestCondition condition,
                              gpointer             data);

G_END_DECLS
