/* preuves-refresh-scheduler.c — rebuilds a page a moment after changes, or when it is shown again
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "preuves-refresh-scheduler.h"

static gboolean
refresh_cb (gpointer user_data)
{
  PreuvesRefreshScheduler *self = user_data;

  self->source_id = 0;
  self->func (self->user_data);
  return G_SOURCE_REMOVE;
}

static void
map_cb (GtkWidget               *widget,
        PreuvesRefreshScheduler *self)
{
  if (self->stale)
    self->func (self->user_data);
}

/* @hidden_widget, when not %NULL, is the page whose refreshes wait until
 * it is shown again; without it, every burst of changes is refreshed.
 * @func must call preuves_refresh_scheduler_done() when it rebuilds. */
void
preuves_refresh_scheduler_init (PreuvesRefreshScheduler *self,
                                GtkWidget               *hidden_widget,
                                guint                    delay_ms,
                                PreuvesRefreshFunc       func,
                                gpointer                 user_data)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (hidden_widget == NULL || GTK_IS_WIDGET (hidden_widget));
  g_return_if_fail (func != NULL);

  *self = (PreuvesRefreshScheduler) {
    .widget = hidden_widget,
    .func = func,
    .user_data = user_data,
    .delay_ms = delay_ms,
  };
  if (hidden_widget != NULL)
    self->map_id = g_signal_connect (hidden_widget, "map", G_CALLBACK (map_cb), self);
}

/* Called on each change: the refresh runs once, a moment after a burst of
 * changes, not on each. */
void
preuves_refresh_scheduler_queue (PreuvesRefreshScheduler *self)
{
  g_return_if_fail (self != NULL && self->func != NULL);

  /* A hidden page catches up when it is shown again: rebuilding its rows
   * for each autosave of an editor elsewhere would be wasted work. */
  if (self->widget != NULL && !gtk_widget_get_mapped (self->widget))
    {
      self->stale = TRUE;
      return;
    }
  if (self->source_id == 0)
    self->source_id = g_timeout_add (self->delay_ms, refresh_cb, self);
}

/* The page is being rebuilt now: nothing is left to do later. */
void
preuves_refresh_scheduler_done (PreuvesRefreshScheduler *self)
{
  g_return_if_fail (self != NULL);

  g_clear_handle_id (&self->source_id, g_source_remove);
  self->stale = FALSE;
}

/* From the widget's dispose: no refresh may run on a dying widget. */
void
preuves_refresh_scheduler_clear (PreuvesRefreshScheduler *self)
{
  g_return_if_fail (self != NULL);

  preuves_refresh_scheduler_done (self);
  if (self->widget != NULL)
    g_clear_signal_handler (&self->map_id, self->widget);
  self->widget = NULL;
}
