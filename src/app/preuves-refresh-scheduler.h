/* preuves-refresh-scheduler.h — rebuilds a page a moment after changes, or when it is shown again
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*PreuvesRefreshFunc) (gpointer user_data);

/* Embedded in the instance of the widget it refreshes; the fields are
 * private, use the functions below. */
typedef struct
{
  GtkWidget          *widget;     /* unowned: the scheduler lives inside it */
  PreuvesRefreshFunc  func;
  gpointer            user_data;
  guint               delay_ms;
  guint               source_id;
  gulong              map_id;
  gboolean            stale;
} PreuvesRefreshScheduler;

void preuves_refresh_scheduler_init  (PreuvesRefreshScheduler *self,
                                      GtkWidget               *hidden_widget,
                                      guint                    delay_ms,
                                      PreuvesRefreshFunc       func,
                                      gpointer                 user_data);
void preuves_refresh_scheduler_queue (PreuvesRefreshScheduler *self);
void preuves_refresh_scheduler_done  (PreuvesRefreshScheduler *self);
void preuves_refresh_scheduler_clear (PreuvesRefreshScheduler *self);

G_END_DECLS
