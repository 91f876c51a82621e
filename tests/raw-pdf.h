/* raw-pdf.h — PDFs written by hand, to hurt a parser
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Add raw-pdf.c to a test's sources to use it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @objects holds GBytes, the bodies of objects 1…n (without "n 0 obj");
 * preuves_test_write_raw_pdf() adds a correct cross-reference table and
 * /Root 1 0 R. */
GPtrArray *preuves_test_pdf_objects_new (void);
void       preuves_test_add_object      (GPtrArray  *objects,
                                         const char *format,
                                         ...) G_GNUC_PRINTF (2, 3);
void       preuves_test_add_stream      (GPtrArray  *objects,
                                         const char *dict_entries,
                                         GBytes     *data);
void       preuves_test_write_raw_pdf   (const char *path,
                                         GPtrArray  *objects);

/* A small, valid PDF that takes poppler far longer than any time limit
 * to draw or to read the text of. */
void       preuves_test_make_endless_pdf (const char *path);

G_END_DECLS
