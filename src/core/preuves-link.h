/* preuves-link.h — a preuve linked to a sous-compétence, with its justification
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PREUVES_TYPE_LINK (preuves_link_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesLink, preuves_link, PREUVES, LINK, GObject)

/* A link is a read-only snapshot of one row: change it through
 * PreuvesPortfolio (preuves_portfolio_set_justification() …). */
const char *preuves_link_get_uuid               (PreuvesLink *self);
const char *preuves_link_get_preuve_uuid        (PreuvesLink *self);
const char *preuves_link_get_sous_competence_id (PreuvesLink *self);
const char *preuves_link_get_justification      (PreuvesLink *self);
const char *preuves_link_get_author             (PreuvesLink *self);
gint64      preuves_link_get_revision           (PreuvesLink *self);
gint64      preuves_link_get_modified_at        (PreuvesLink *self);

G_END_DECLS
