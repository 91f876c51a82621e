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

/* The version of the page count and annex detection below, stored with
 * each check kept by content (the page_check table): a check made by an
 * older detection is made again. Bump it whenever what the probe finds for
 * the same bytes may change. 2: a heading with its page number beside it
 * starts the annexes, a table of contents does not. */
#define PREUVES_PDF_ANALYSIS_VERSION 2

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
