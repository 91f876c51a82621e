/* preuves-export-controller.h — the window's exports for the jury: report, deposit, print
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "preuves-window.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_EXPORT_CONTROLLER (preuves_export_controller_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesExportController, preuves_export_controller, PREUVES, EXPORT_CONTROLLER, GObject)

/* Adds win.export-report, win.export-deposit and win.print-report to
 * @window, enabled while a portfolio is open. The window owns the
 * controller; the controller does not keep the window alive. */
PreuvesExportController *preuves_export_controller_new          (PreuvesWindow           *window);

/* For tests: writes the report or the deposit, or prints the report to
 * a PDF, without the choosers, the print dialog and the question about
 * confidential preuves. */
void                     preuves_export_controller_write_report  (PreuvesExportController *self,
                                                                  GFile                   *file,
                                                                  gboolean                 include_confidential);
void                     preuves_export_controller_write_deposit (PreuvesExportController *self,
                                                                  GFile                   *dir,
                                                                  gboolean                 include_confidential);
void                     preuves_export_controller_print_to_pdf  (PreuvesExportController *self,
                                                                  GFile                   *pdf,
                                                                  gboolean                 include_confidential);

G_END_DECLS
