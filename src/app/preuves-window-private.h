/* preuves-window-private.h — PreuvesWindow's insides, for the app and its tests
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "preuves-export-controller.h"
#include "preuves-library-page.h"
#include "preuves-readiness-watch.h"
#include "preuves-preuves-page.h"
#include "preuves-rehearsal-page.h"
#include "preuves-welcome-page.h"
#include "preuves-window.h"

G_BEGIN_DECLS

struct _PreuvesWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  PreuvesLibrary       *library;
  PreuvesPortfolio     *portfolio;
  PreuvesReadinessWatch *readiness_watch;
  PreuvesExportController *export_controller; /* report, deposit, print */
  GCancellable         *cancellable;  /* imports, exports, attachments */
  guint                 n_busy;       /* how many of them run now */
  guint                 pulse_id;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkProgressBar       *progress_bar;
  GtkStack             *main_stack;
  PreuvesWelcomePage   *welcome_page;
  PreuvesLibraryPage   *library_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  AdwWindowTitle       *sidebar_title;
  GtkListBox           *sidebar_list;
  GtkWidget            *bloc_icons[4];
  GtkWidget            *content;
  AdwWindowTitle       *content_title;
  GtkWidget            *content_back_button;
  GtkStack             *content_stack;
  PreuvesPreuvesPage   *preuves_page;
  PreuvesRehearsalPage *rehearsal_page;
};

/* The name of what the window shows: "welcome", "library" or "portfolio". */
const char *preuves_window_get_view         (PreuvesWindow *self);
void        preuves_window_create_portfolio (PreuvesWindow *self,
                                             const char    *candidate_name,
                                             const char    *etablissement,
                                             const char    *secteur,
                                             PreuvesPath    path);
void        preuves_window_export_copy      (PreuvesWindow *self,
                                             GFile         *dest);

G_END_DECLS
