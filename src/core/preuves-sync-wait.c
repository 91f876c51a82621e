/* preuves-sync-wait.c — runs an asynchronous operation to its end, for callers that must wait
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "preuves-sync-wait.h"

/* Call before starting the _async() operation: it then reports to a
 * context of its own, so that waiting for it runs none of the caller's
 * other sources (and never a user interface's). */
void
preuves_sync_wait_begin (PreuvesSyncWait *wait)
{
  g_return_if_fail (wait != NULL && wait->context == NULL);

  wait->context = g_main_context_new ();
  g_main_context_push_thread_default (wait->context);
}

/* The GAsyncReadyCallback to give the operation, with @wait as user data. */
void
preuves_sync_wait_done_cb (GObject      *source_object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  PreuvesSyncWait *wait = user_data;

  g_assert (wait->result == NULL);
  wait->result = g_object_ref (result);
}

/* Runs the private context until the operation ends; the result stays
 * owned by @wait, pass it to the operation's _finish(). */
GAsyncResult *
preuves_sync_wait_end (PreuvesSyncWait *wait)
{
  g_return_val_if_fail (wait != NULL && wait->context != NULL, NULL);

  while (wait->result == NULL)
    g_main_context_iteration (wait->context, TRUE);
  g_main_context_pop_thread_default (wait->context);
  return wait->result;
}

void
preuves_sync_wait_clear (PreuvesSyncWait *wait)
{
  g_clear_object (&wait->result);
  g_clear_pointer (&wait->context, g_main_context_unref);
}
