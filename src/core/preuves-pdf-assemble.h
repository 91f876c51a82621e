/* preuves-pdf-assemble.h — one bookmarked PDF from several PDFs and images, for the probe
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The first descriptor of the inputs: input i is descriptor
 * PREUVES_PDF_ASSEMBLE_FIRST_FD + i in the probe. */
#define PREUVES_PDF_ASSEMBLE_FIRST_FD 3

/* Runs inside preuves-pdf-probe (--assemble): poppler and the image
 * decoders read untrusted bytes, so nothing else calls it.
 *
 * @manifest: {"items": [{"input": i, "type": "pdf"|"png"|"jpeg",
 * "first": page?, "last": page? (pdf only, from 0, inclusive),
 * "bookmark": "…"?, "level": 0|1}]}. Every page of every item is drawn
 * again onto one cairo PDF surface written to @out_fd: PDF pages through
 * poppler_page_render_for_printing() at their own size (text and vectors
 * stay vectors), images on A4 pages, JPEG bytes kept as they are. An item
 * that cannot be read is left out and reported, never the whole file.
 *
 * @before_item is called before each item i, and with i = the number of
 * items before the file is finished: the probe gives each its own time.
 *
 * Returns {"pages": n, "items": [{"pages": n, "bytes": n} or {"error":
 * "code", "pages": 0, "bytes": 0}]}: "bytes" is how much the output grew
 * while the item was drawn. */
typedef void (*PreuvesPdfAssembleStepFunc) (guint    item,
                                            gpointer user_data);

JsonNode *preuves_pdf_assemble (JsonNode                   *manifest,
                                int                         out_fd,
                                PreuvesPdfAssembleStepFunc  before_item,
                                gpointer                    user_data,
                                GError                    **error);

G_END_DECLS
