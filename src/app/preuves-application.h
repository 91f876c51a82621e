/* preuves-application.h — the Preuves GtkApplication
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-library.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_APPLICATION (preuves_application_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesApplication, preuves_application, PREUVES, APPLICATION, AdwApplication)

PreuvesApplication *preuves_application_new           (void);
PreuvesLibrary     *preuves_application_get_library   (PreuvesApplication *self);
GSettings          *preuves_application_get_settings  (PreuvesApplication *self);

GFile              *preuves_application_dup_demo_file (void);

G_END_DECLS
