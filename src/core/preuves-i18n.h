/* preuves-i18n.h — set up gettext for the programs of Preuves
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  preuves_i18n_init             (void);
char *preuves_i18n_format_long_date (GDateTime *when);

G_END_DECLS
