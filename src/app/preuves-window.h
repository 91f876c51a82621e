/* preuves-window.h — the main window: welcome, library and portfolio views
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-application.h"
#include "preuves-portfolio.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_WINDOW (preuves_window_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesWindow, preuves_window, PREUVES, WINDOW, AdwApplicationWindow)

PreuvesWindow    *preuves_window_new            (PreuvesApplication *application);
void              preuves_window_add_toast      (PreuvesWindow      *self,
                                                 AdwToast           *toast);
PreuvesPortfolio *preuves_window_get_portfolio  (PreuvesWindow      *self);
void              preuves_window_import_file    (PreuvesWindow      *self,
                                                 GFile              *file);
void              preuves_window_open_portfolio (PreuvesWindow      *self,
                                                 GFile              *file);
void              preuves_window_show_error     (PreuvesWindow      *self,
                                                 const char         *heading,
                                                 const GError       *error);

G_END_DECLS
