/* preuves-pdf-text.h — the text of each page of a PDF, for the probe
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Runs inside preuves-pdf-probe (--text): reads the PDF from @fd, which
 * must be seekable (a file or a memfd), and returns {"pages": ["…", …]},
 * one string per page. Errors are PREUVES_PDF_ERROR. */
JsonNode  *preuves_pdf_page_texts_fd        (int          fd,
                                             GError     **error);

/* Parses what preuves_pdf_page_texts_fd() printed. */
GStrv      preuves_pdf_page_texts_from_json (const char  *json,
                                             gsize        length,
                                             GError     **error);

G_END_DECLS
