/* pdf-fixtures.h — real PDFs for the tests, drawn with cairo
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Add pdf-fixtures.c to a test's sources to use it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  /* Lines separated by '\n', drawn from the top of the page down. NULL
   * for a blank page. What follows a '\t' in a line is drawn against the
   * right margin, on the same baseline, as a word processor sets a page
   * number after a tab. */
  const char *text;
  /* Draw grey rectangles instead, like a scan without OCR. */
  gboolean    image_only;
  /* One line centred at the bottom of the page (a page number), or NULL. */
  const char *footer;
} PdfPageSpec;

typedef struct
{
  const char *title;
  guint       page;  /* 1-based */
  guint       depth; /* 0 at the top; the parent is the previous entry one level up */
  gboolean    named; /* point to a named destination instead of a page */
} PdfOutlineSpec;

gboolean preuves_test_make_pdf      (const char           *path,
                                     const PdfPageSpec    *pages,
                                     guint                 n_pages,
                                     const PdfOutlineSpec *outline,
                                     guint                 n_outline,
                                     GError              **error);

gboolean preuves_test_make_document (const char           *path,
                                     guint                 n_pages,
                                     guint                 annex_start,
                                     GError              **error);

char    *preuves_test_body_text     (const char           *heading,
                                     guint                 n_lines);

gboolean preuves_test_encrypt_pdf   (const char           *plain,
                                     const char           *encrypted);

G_END_DECLS
