/* preuves-sync-wait.h — runs an asynchronous operation to its end, for callers that must wait
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The private main context an operation runs on while its caller waits,
 * and the result it ends with. Declare it with g_auto() and { NULL, }. */
typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} PreuvesSyncWait;

void          preuves_sync_wait_begin   (PreuvesSyncWait *wait);
void          preuves_sync_wait_done_cb (GObject         *source_object,
                                         GAsyncResult    *result,
                                         gpointer         user_data);
GAsyncResult *preuves_sync_wait_end     (PreuvesSyncWait *wait);
void          preuves_sync_wait_clear   (PreuvesSyncWait *wait);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PreuvesSyncWait, preuves_sync_wait_clear)

G_END_DECLS
