/* preuves-attachment.h — a document attached to a preuve
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PREUVES_TYPE_ATTACHMENT (preuves_attachment_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesAttachment, preuves_attachment, PREUVES, ATTACHMENT, GObject)

/* An attachment only describes the document; its bytes stay in the
 * portfolio file until they are written out or streamed. */
const char *preuves_attachment_get_uuid         (PreuvesAttachment    *self);
const char *preuves_attachment_get_preuve_uuid  (PreuvesAttachment    *self);
const char *preuves_attachment_get_filename     (PreuvesAttachment    *self);
const char *preuves_attachment_get_content_type (PreuvesAttachment    *self);
guint64     preuves_attachment_get_size         (PreuvesAttachment    *self);
const char *preuves_attachment_get_sha256       (PreuvesAttachment    *self);
gint64      preuves_attachment_get_added_at     (PreuvesAttachment    *self);

GInputStream *preuves_attachment_open_stream    (PreuvesAttachment    *self,
                                                 GError              **error);

/* Writes the document's bytes to @dest, which must not exist yet. */
gboolean    preuves_attachment_write_to         (PreuvesAttachment    *self,
                                                 GFile                *dest,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void        preuves_attachment_write_to_async   (PreuvesAttachment    *self,
                                                 GFile                *dest,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean    preuves_attachment_write_to_finish  (PreuvesAttachment    *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
