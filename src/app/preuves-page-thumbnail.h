/* preuves-page-thumbnail.h — a card with a thumbnail of one page of a written document
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_PAGE_THUMBNAIL (preuves_page_thumbnail_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesPageThumbnail, preuves_page_thumbnail, PREUVES, PAGE_THUMBNAIL, AdwBin)

GtkWidget    *preuves_page_thumbnail_new           (PreuvesPortfolio     *portfolio,
                                                    const char           *sha256,
                                                    guint                 page,
                                                    const char           *caption);
guint         preuves_page_thumbnail_get_page      (PreuvesPageThumbnail *self);
/* NULL while loading and after an error. */
GdkPaintable *preuves_page_thumbnail_get_paintable (PreuvesPageThumbnail *self);
gboolean      preuves_page_thumbnail_is_loading    (PreuvesPageThumbnail *self);

G_END_DECLS
