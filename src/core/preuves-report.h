/* preuves-report.h — the synthesis report for the jury, drawn with cairo and pango
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

/* Called in the caller's main context while an export runs. */
typedef void (*PreuvesExportProgressFunc) (double   fraction,
                                           gpointer user_data);

/* A document attached to a preuve, as the deposit needs it. */
typedef struct
{
  char    *filename;
  char    *content_type;
  char    *sha256;
  guint64  size;
} PreuvesReportAttachment;

/* A preuve that goes into an export (never a confidential one, unless the
 * user asked for them). */
typedef struct
{
  char      *uuid;
  char      *title;
  gboolean   confidential;
  GPtrArray *attachments; /* PreuvesReportAttachment */
} PreuvesReportPreuve;

#define PREUVES_TYPE_REPORT (preuves_report_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesReport, preuves_report, PREUVES, REPORT, GObject)

/* Copies what the report shows from @portfolio, on the thread that owns it;
 * drawing and writing never touch the portfolio afterwards. Confidential
 * preuves are left out (from the tables, the readiness and the remarks)
 * unless @include_confidential. */
PreuvesReport *preuves_report_new                 (PreuvesPortfolio           *portfolio,
                                                   gboolean                    include_confidential,
                                                   GError                    **error);
guint          preuves_report_get_n_excluded      (PreuvesReport              *self);
const char    *preuves_report_get_portfolio_path  (PreuvesReport              *self);

/* The preuves linked to a bloc ("B1" … "B4"), in portfolio order. */
GPtrArray     *preuves_report_get_bloc_preuves    (PreuvesReport              *self,
                                                   const char                 *bloc_code);

/* Lays the report out for pages of @width × @height points drawn on
 * contexts like @cr (a print context's), and returns the number of pages.
 * preuves_report_draw_page() then draws page @page (from 0) with the same
 * code that writes the PDF. */
guint          preuves_report_paginate            (PreuvesReport              *self,
                                                   cairo_t                    *cr,
                                                   double                      width,
                                                   double                      height);
void           preuves_report_draw_page           (PreuvesReport              *self,
                                                   cairo_t                    *cr,
                                                   guint                       page);

/* Writes the report as an A4 PDF. */
void           preuves_report_write_async         (PreuvesReport              *self,
                                                   GFile                      *file,
                                                   GCancellable               *cancellable,
                                                   PreuvesExportProgressFunc   progress,
                                                   gpointer                    progress_data,
                                                   GAsyncReadyCallback         callback,
                                                   gpointer                    user_data);
gboolean       preuves_report_write_finish        (PreuvesReport              *self,
                                                   GAsyncResult               *result,
                                                   GError                    **error);
gboolean       preuves_report_write               (PreuvesReport              *self,
                                                   GFile                      *file,
                                                   GCancellable               *cancellable,
                                                   GError                    **error);

/* For the deposit: a PDF of the bloc's correspondence table followed by a
 * title page for each of preuves_report_get_bloc_preuves(); @first_pages
 * receives, for each preuve, the index (from 0) of its title page, then
 * the number of pages. */
GBytes        *preuves_report_write_bloc_frame    (PreuvesReport              *self,
                                                   const char                 *bloc_code,
                                                   GArray                     *first_pages,
                                                   GError                    **error);

/* Cairo writes its own name and version as the PDF's Producer, and has no
 * API to leave it out: this blanks it in place (same length, so that the
 * cross-reference offsets stay right). */
void           preuves_pdf_blank_producer         (guint8                     *data,
                                                   gsize                       length);
gboolean       preuves_pdf_blank_producer_in_file (int                         fd,
                                                   GError                    **error);

G_END_DECLS
