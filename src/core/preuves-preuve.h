/* preuves-preuve.h — one preuve professionnelle of a portfolio
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PREUVES_TYPE_PREUVE (preuves_preuve_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesPreuve, preuves_preuve, PREUVES, PREUVE, GObject)

/* Kinds of documents a preuve can be. Stored as the strings below; any
 * other string read from a file is shown as "other". */
#define PREUVES_PREUVE_KIND_REPORT       "report"
#define PREUVES_PREUVE_KIND_PLAN         "plan"
#define PREUVES_PREUVE_KIND_MINUTES      "minutes"
#define PREUVES_PREUVE_KIND_BUDGET       "budget"
#define PREUVES_PREUVE_KIND_EMAIL        "email"
#define PREUVES_PREUVE_KIND_PRESENTATION "presentation"
#define PREUVES_PREUVE_KIND_PROCEDURE    "procedure"
#define PREUVES_PREUVE_KIND_SURVEY       "survey"
#define PREUVES_PREUVE_KIND_OTHER        "other"

const char * const *preuves_preuve_kinds            (void);
gboolean            preuves_preuve_kind_is_valid    (const char     *kind);

/* Setters write through to the portfolio file (bumping the revision, the
 * modification time and the author) and emit notify. They return FALSE
 * with @error set if the file cannot be written; the object then keeps its
 * previous value. Setting a property with g_object_set() logs the error. */
const char         *preuves_preuve_get_uuid         (PreuvesPreuve  *self);
const char         *preuves_preuve_get_title        (PreuvesPreuve  *self);
gboolean            preuves_preuve_set_title        (PreuvesPreuve  *self,
                                                     const char     *title,
                                                     GError        **error);
const char         *preuves_preuve_get_situation    (PreuvesPreuve  *self);
gboolean            preuves_preuve_set_situation    (PreuvesPreuve  *self,
                                                     const char     *situation,
                                                     GError        **error);
/* Dates are ISO 8601 calendar dates ("2025-03-14") or NULL: a single day
 * (the start alone) or a period. The setters refuse a period that ends
 * before it starts; a copy received from elsewhere may still hold one. */
const char         *preuves_preuve_get_date_start   (PreuvesPreuve  *self);
gboolean            preuves_preuve_set_date_start   (PreuvesPreuve  *self,
                                                     const char     *date,
                                                     GError        **error);
const char         *preuves_preuve_get_date_end     (PreuvesPreuve  *self);
gboolean            preuves_preuve_set_date_end     (PreuvesPreuve  *self,
                                                     const char     *date,
                                                     GError        **error);
gboolean            preuves_preuve_set_period       (PreuvesPreuve  *self,
                                                     const char     *start,
                                                     const char     *end,
                                                     GError        **error);
const char         *preuves_preuve_get_kind         (PreuvesPreuve  *self);
gboolean            preuves_preuve_set_kind         (PreuvesPreuve  *self,
                                                     const char     *kind,
                                                     GError        **error);
gboolean            preuves_preuve_get_confidential (PreuvesPreuve  *self);
gboolean            preuves_preuve_set_confidential (PreuvesPreuve  *self,
                                                     gboolean        confidential,
                                                     GError        **error);
const char         *preuves_preuve_get_author       (PreuvesPreuve  *self);
gint64              preuves_preuve_get_revision     (PreuvesPreuve  *self);
/* Unix time in microseconds. */
gint64              preuves_preuve_get_modified_at  (PreuvesPreuve  *self);
gboolean            preuves_preuve_get_deleted      (PreuvesPreuve  *self);

/* The live attachments (PreuvesAttachment), in the order they were added. */
GListModel         *preuves_preuve_get_attachments  (PreuvesPreuve  *self);

gboolean            preuves_date_is_valid           (const char     *date);
gboolean            preuves_period_check            (const char     *start,
                                                     const char     *end,
                                                     GError        **error);

G_END_DECLS
