/* preuves-pdf-page-png.h — one page of a PDF drawn as a PNG, for the probe
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bounds of a thumbnail, in pixels: wider would be a page view, not a
 * thumbnail, and the bound keeps a hostile page size from asking for a
 * huge surface. */
#define PREUVES_PDF_PAGE_PNG_MAX_WIDTH  512
#define PREUVES_PDF_PAGE_PNG_MAX_HEIGHT 1024

/* The probe exits with this when the page asked for is not in the
 * document (beside its 2 for bad arguments and 10 + PreuvesPdfError). */
#define PREUVES_PDF_PAGE_PNG_EXIT_NO_PAGE 3

/* Runs poppler on untrusted bytes: only preuves-pdf-probe calls it
 * (--render-page). Draws page @page (1-based) of the PDF read from @fd
 * (closed here) @width pixels wide, on white. Errors are
 * PREUVES_PDF_ERROR; a page past the end is G_IO_ERROR_NOT_FOUND. */
GBytes *preuves_pdf_page_png_fd (int      fd,
                                 guint    page,
                                 guint    width,
                                 GError **error);

G_END_DECLS
