/* preuves-pdf-thumbnail.h — a page of a PDF as a PNG thumbnail, drawn by preuves-pdf-probe
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

void    preuves_pdf_thumbnail_render_async           (GInputStream         *pdf,
                                                      guint                 page,
                                                      guint                 width,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
void    preuves_pdf_thumbnail_render_document_async  (PreuvesPortfolio     *portfolio,
                                                      const char           *sha256,
                                                      guint                 page,
                                                      guint                 width,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GBytes *preuves_pdf_thumbnail_render_finish          (GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
