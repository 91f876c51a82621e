/* preuves-pdf-render-client.h — draws PDFs and images again into one PDF, in preuves-pdf-probe
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Runs preuves-pdf-probe --assemble: @manifest is described in
 * preuves-pdf-assemble.h; its item "input" i is @inputs[i], a readable
 * and seekable descriptor. The PDF is written to @out_fd. The descriptors
 * stay the caller's. It blocks until the probe ends: the deposit calls it
 * from its worker thread. @timeout_ms is the limit of each item of the
 * manifest, and of finishing the file; 0 means the probe's default
 * (preuves_pdf_probe_default_timeout_ms()).
 *
 * @stopped_at: (out) (optional): when the probe dies, the item it was
 * drawing (the number of items when it was finishing the file): the items
 * before went through.
 *
 * Returns: (transfer full): the probe's answer, {"pages": n, "items":
 * [...]}. Errors are PREUVES_PDF_ERROR (timeout, damaged, no probe). */
JsonNode *preuves_pdf_probe_render        (JsonNode             *manifest,
                                           const int            *inputs,
                                           guint                 n_inputs,
                                           int                   out_fd,
                                           guint                 timeout_ms,
                                           guint                *stopped_at,
                                           GCancellable         *cancellable,
                                           GError              **error);

G_END_DECLS
