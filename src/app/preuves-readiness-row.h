/* preuves-readiness-row.h — one bloc's readiness at a glance, in a list
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-readiness.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_READINESS_ROW (preuves_readiness_row_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesReadinessRow, preuves_readiness_row, PREUVES, READINESS_ROW, AdwActionRow)

GtkWidget  *preuves_readiness_row_new      (const char                 *code,
                                            const char                 *title);
const char *preuves_readiness_row_get_code (PreuvesReadinessRow        *self);
void        preuves_readiness_row_set_part (PreuvesReadinessRow        *self,
                                            const PreuvesReadinessPart *part);

G_END_DECLS
