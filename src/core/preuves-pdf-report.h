/* preuves-pdf-report.h — what a PDF page check found, and why it failed
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "preuves-types.h"

G_BEGIN_DECLS

#define PREUVES_PDF_ERROR (preuves_pdf_error_quark ())

/* Why a PDF could not be checked. Printed by preuves-cli as "not-pdf",
 * "empty", "encrypted", "damaged", "timeout", "no-probe" and
 * "bad-annex-start" (see preuves_pdf_error_to_string()). */
typedef enum
{
  PREUVES_PDF_ERROR_NOT_PDF,
  PREUVES_PDF_ERROR_EMPTY,
  PREUVES_PDF_ERROR_ENCRYPTED,
  PREUVES_PDF_ERROR_DAMAGED,
  PREUVES_PDF_ERROR_TIMEOUT,
  PREUVES_PDF_ERROR_NO_PROBE,
  PREUVES_PDF_ERROR_BAD_ANNEX_START,
} PreuvesPdfError;

GQuark      preuves_pdf_error_quark       (void);
const char *preuves_pdf_error_to_string   (PreuvesPdfError  code);
gboolean    preuves_pdf_error_from_string (const char      *text,
                                           PreuvesPdfError *code);
GError     *preuves_pdf_error_new         (PreuvesPdfError  code,
                                           guint            pages_total);

#define PREUVES_TYPE_PDF_REPORT (preuves_pdf_report_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesPdfReport, preuves_pdf_report, PREUVES, PDF_REPORT, GObject)

PreuvesPdfReport   *preuves_pdf_report_new                 (guint               pages_total,
                                                            gboolean            text_layer);
PreuvesPdfReport   *preuves_pdf_report_new_from_json       (JsonNode           *node,
                                                            GError            **error);
JsonNode           *preuves_pdf_report_to_json             (PreuvesPdfReport   *self);

guint               preuves_pdf_report_get_pages_total     (PreuvesPdfReport   *self);
gboolean            preuves_pdf_report_get_text_layer      (PreuvesPdfReport   *self);
void                preuves_pdf_report_set_text_layer      (PreuvesPdfReport   *self,
                                                            gboolean            text_layer);
guint               preuves_pdf_report_get_annex_start     (PreuvesPdfReport   *self);
PreuvesAnnexMethod  preuves_pdf_report_get_annex_method    (PreuvesPdfReport   *self);
guint               preuves_pdf_report_get_pages_counted   (PreuvesPdfReport   *self);
gboolean            preuves_pdf_report_set_annex_start     (PreuvesPdfReport   *self,
                                                            guint               annex_start,
                                                            PreuvesAnnexMethod  method,
                                                            GError            **error);

guint               preuves_pdf_report_get_n_outline_items (PreuvesPdfReport   *self);
const char         *preuves_pdf_report_get_outline_item    (PreuvesPdfReport   *self,
                                                            guint               position,
                                                            guint              *depth,
                                                            guint              *page);
void                preuves_pdf_report_add_outline_item    (PreuvesPdfReport   *self,
                                                            const char         *title,
                                                            guint               depth,
                                                            guint               page);

G_END_DECLS
