/* preuves-readiness-watch.h — keeps a portfolio's readiness up to date
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "preuves-portfolio.h"
#include "preuves-readiness.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_READINESS_WATCH (preuves_readiness_watch_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesReadinessWatch, preuves_readiness_watch, PREUVES, READINESS_WATCH, GObject)

PreuvesReadinessWatch *preuves_readiness_watch_new           (void);
PreuvesPortfolio      *preuves_readiness_watch_get_portfolio (PreuvesReadinessWatch *self);
void                   preuves_readiness_watch_set_portfolio (PreuvesReadinessWatch *self,
                                                              PreuvesPortfolio      *portfolio);
PreuvesReadiness      *preuves_readiness_watch_get_readiness (PreuvesReadinessWatch *self);

G_END_DECLS
