/* preuves-library.h — the portfolios kept in the app's data folder
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Attributes of the GFileInfo items, besides standard::name,
 * standard::display-name, time::modified and standard::file (a GFile). */
#define PREUVES_LIBRARY_ATTRIBUTE_CANDIDATE "preuves::candidate-name"
#define PREUVES_LIBRARY_ATTRIBUTE_PATH      "preuves::path"
#define PREUVES_LIBRARY_ATTRIBUTE_READINESS "preuves::readiness"
#define PREUVES_LIBRARY_ATTRIBUTE_ERROR     "preuves::error"
/* When an advisor last recorded a review (unix µs); unset if never. */
#define PREUVES_LIBRARY_ATTRIBUTE_LAST_REVIEW "preuves::last-review"

#define PREUVES_TYPE_LIBRARY (preuves_library_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesLibrary, preuves_library, PREUVES, LIBRARY, GObject)

PreuvesLibrary *preuves_library_new           (GFile           *folder);
GFile          *preuves_library_get_folder    (PreuvesLibrary  *self);
gboolean        preuves_library_get_loading   (PreuvesLibrary  *self);
void            preuves_library_reload        (PreuvesLibrary  *self);
GFile          *preuves_library_dup_new_file  (PreuvesLibrary  *self,
                                               const char      *name,
                                               GError         **error);
GFileInfo      *preuves_library_lookup        (PreuvesLibrary  *self,
                                               GFile           *file);
gboolean        preuves_library_hide          (PreuvesLibrary  *self,
                                               GFile           *file);
void            preuves_library_unhide        (PreuvesLibrary  *self,
                                               GFile           *file);
void            preuves_library_discard       (PreuvesLibrary  *self,
                                               GFile           *file);

G_END_DECLS
