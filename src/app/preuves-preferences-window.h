/* preuves-preferences-window.h — your name and role, deposit size, style
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PREUVES_TYPE_PREFERENCES_WINDOW (preuves_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesPreferencesWindow, preuves_preferences_window, PREUVES, PREFERENCES_WINDOW, AdwPreferencesWindow)

PreuvesPreferencesWindow *preuves_preferences_window_new (GSettings *settings);

G_END_DECLS
