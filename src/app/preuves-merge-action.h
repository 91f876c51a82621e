/* preuves-merge-action.h — "Merge a Reviewed Copy…": bring back the other
 * side's copy of the open portfolio
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "preuves-window.h"

G_BEGIN_DECLS

/* Adds the action "win.merge-copy" to @window: it asks for a copy of the
 * open portfolio (the advisor's reviewed copy, or the candidate's newer
 * one), merges it and reopens the portfolio. */
void preuves_merge_action_install (PreuvesWindow *window);

/* Merges @incoming into the open portfolio of @window, as the action does
 * after its file chooser. */
void preuves_merge_action_merge   (PreuvesWindow *window,
                                   GFile         *incoming);

G_END_DECLS
