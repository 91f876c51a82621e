/* preuves-pdf-analysis.h — counting the pages of a PDF and finding its annexes
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <poppler.h>

#include "preuves-pdf-report.h"

G_BEGIN_DECLS

/* Runs poppler on untrusted bytes: only preuves-pdf-probe calls it. Everyone
 * else goes through preuves-pdf-probe-client.h. */
PreuvesPdfReport *preuves_pdf_analyze_fd           (int          fd,
                                                    gboolean     find_annexes,
                                                    GError     **error);

PopplerDocument  *preuves_pdf_open_fd              (int          fd,
                                                    GError     **error);

gboolean          preuves_pdf_title_names_annexes  (const char  *title);
gboolean          preuves_pdf_line_is_annex_heading (const char *line);
guint             preuves_pdf_line_numbered_annex_heading (const char *line);

G_END_DECLS
