/* preuves-library-page.h — the list of portfolios in the library
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-library.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_LIBRARY_PAGE (preuves_library_page_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesLibraryPage, preuves_library_page, PREUVES, LIBRARY_PAGE, AdwBin)

GtkWidget      *preuves_library_page_new         (void);
PreuvesLibrary *preuves_library_page_get_library (PreuvesLibraryPage *self);
void            preuves_library_page_set_library (PreuvesLibraryPage *self,
                                                  PreuvesLibrary     *library);
AdwToast       *preuves_library_page_delete      (PreuvesLibraryPage *self,
                                                  GFile              *file);

G_END_DECLS
