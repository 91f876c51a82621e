/* gui-test-util.h — small helpers shared by the widget tests
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*PreuvesTestCondition) (gpointer data);

/* Spins the default main context until @condition holds; on a timeout
 * the failure names the condition and where the test waited for it. */
#define preuves_test_spin_until(condition, data) \
  preuves_test_spin_until_at ((condition), (data), #condition, G_STRLOC)

void preuves_test_spin_until_at (PreuvesTestCondition condition,
                                 gpointer             data,
                                 const char          *condition_name,
                                 const char          *location);

/* Clicks @button as a pointer would: it must be shown and sensitive, and
 * "clicked" is emitted at once. gtk_widget_activate() would emit it only
 * after a short delay, and drop it if the button turned insensitive
 * meanwhile, which made tests depend on the machine's speed. */
void preuves_test_click (GtkWidget *button);

G_END_DECLS
