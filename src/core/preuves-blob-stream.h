/* preuves-blob-stream.h — reads one stored document, a chunk at a time
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PREUVES_TYPE_BLOB_STREAM (preuves_blob_stream_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesBlobStream, preuves_blob_stream, PREUVES, BLOB_STREAM, GInputStream)

/* Opens its own read-only connection on the portfolio at @path, so that
 * the stream may be read from any one thread (a PDF check, a copy) while
 * the portfolio's own connection stays on the main thread. */
GInputStream *preuves_blob_stream_new (const char  *path,
                                       const char  *sha256,
                                       GError     **error);

G_END_DECLS
