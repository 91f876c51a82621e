/* preuves-pdf-probe-client.h — checks a PDF in the preuves-pdf-probe helper
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "preuves-pdf-report.h"

G_BEGIN_DECLS

typedef struct
{
  /* The first page of the annexes as the user set it (method "manual"),
   * or 0 to find it in the document. */
  guint annex_start;
  /* Wall-clock limit; 0 for the default: $PREUVES_PDF_PROBE_TIMEOUT_MS,
   * else 30 seconds. */
  guint timeout_ms;
} PreuvesPdfProbeOptions;

void              preuves_pdf_probe_run_async      (GInputStream                 *stream,
                                                    const PreuvesPdfProbeOptions *options,
                                                    GCancellable                 *cancellable,
                                                    GAsyncReadyCallback           callback,
                                                    gpointer                      user_data);
void              preuves_pdf_probe_run_file_async (GFile                        *file,
                                                    const PreuvesPdfProbeOptions *options,
                                                    GCancellable                 *cancellable,
                                                    GAsyncReadyCallback           callback,
                                                    gpointer                      user_data);
PreuvesPdfReport *preuves_pdf_probe_run_finish     (GAsyncResult                 *result,
                                                    GError                      **error);
/* For other modes of the probe: its path and, inside Flatpak, the sandbox
 * it runs in, forwarding these descriptors. */
GStrvBuilder     *preuves_pdf_probe_command_new    (const int                    *forward_fds,
                                                    guint                         n_forward_fds);
guint             preuves_pdf_probe_default_timeout_ms (void);
GError           *preuves_pdf_probe_error_from_exit (GSubprocess                 *process);

PreuvesPdfReport *preuves_pdf_probe_run_file       (GFile                        *file,
                                                    const PreuvesPdfProbeOptions *options,
                                                    GCancellable                 *cancellable,
                                                    GError                      **error);

G_END_DECLS
