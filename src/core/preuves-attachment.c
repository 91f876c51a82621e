/* preuves-attachment.c — a document attached to a preuve
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "preuves-attachment-private.h"
#include "preuves-portfolio-private.h"

struct _PreuvesAttachment
{
  GObject           parent_instance;

  /* Weak: the portfolio outlives the models that show its attachments. */
  PreuvesPortfolio *portfolio;

  char             *uuid;
  char             *preuve_uuid;
  char             *filename;
  char             *content_type;
  guint64           size;
  char             *sha256;
  gint64            added_at;
};

G_DEFINE_TYPE (PreuvesAttachment, preuves_attachment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_FILENAME,
  PROP_CONTENT_TYPE,
  PROP_SIZE,
  PROP_SHA256,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

PreuvesAttachment *
preuves_attachment_new_from_row (PreuvesPortfolio *portfolio,
                                 sqlite3_stmt     *stmt)
{
  PreuvesAttachment *self = g_object_new (PREUVES_TYPE_ATTACHMENT, NULL);

  self->portfolio = portfolio;
  g_object_add_weak_pointer (G_OBJECT (portfolio), (gpointer *) &self->portfolio);
  self->uuid = preuves_sqlite_dup_text (stmt, 0);
  self->preuve_uuid = preuves_sqlite_dup_text (stmt, 1);
  self->filename = preuves_sqlite_dup_text (stmt, 2);
  self->content_type = preuves_sqlite_dup_text (stmt, 3);
  self->size = sqlite3_column_int64 (stmt, 4);
  self->sha256 = preuves_sqlite_dup_text (stmt, 5);
  self->added_at = sqlite3_column_int64 (stmt, 6);
  return self;
}

const char *
preuves_attachment_get_uuid (PreuvesAttachment *self)
{
  g_return_val_if_fail (PREUVES_IS_ATTACHMENT (self), NULL);
  return self->uuid;
}

const char *
preuves_attachment_get_preuve_uuid (PreuvesAttachment *self)
{
  g_return_val_if_fail (PREUVES_IS_ATTACHMENT (self), NULL);
  return self->preuve_uuid;
}

const char *
preuves_attachment_get_filename (PreuvesAttachment *self)
{
  g_return_val_if_fail (PREUVES_IS_ATTACHMENT (self), NULL);
  return self->filename;
}

const char *
preuves_attachment_get_content_type (PreuvesAttachment *self)
{
  g_return_val_if_fail (PREUVES_IS_ATTACHMENT (self), NULL);
  return self->content_type;
}

guint64
preuves_attachment_get_size (PreuvesAttachment *self)
{
  g_return_val_if_fail (PREUVES_IS_ATTACHMENT (self), 0);
  return self->size;
}

const char *
preuves_attachment_get_sha256 (PreuvesAttachment *self)
{
  g_return_val_if_fail (PREUVES_IS_ATTACHMENT (self), NULL);
  return self->sha256;
}

gint64
preuves_attachment_get_added_at (PreuvesAttachment *self)
{
  g_return_val_if_fail (PREUVES_IS_ATTACHMENT (self), 0);
  return self->added_at;
}

GInputStream *
preuves_attachment_open_stream (PreuvesAttachment  *self,
                                GError            **error)
{
  g_return_val_if_fail (PREUVES_IS_ATTACHMENT (self), NULL);

  if (self->portfolio == NULL)
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_CLOSED,
                           _("The portfolio of this document is closed. Open it again."));
      return NULL;
    }
  return preuves_portfolio_open_blob_stream (self->portfolio, self->sha256, error);
}

/* Copies the bytes; on failure removes the partial file, so that a
 * document is either written whole or not at all. */
static gboolean
write_stream_to (GInputStream  *in,
                 GFile         *dest,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  gssize copied;

  out = g_file_create (dest, G_FILE_CREATE_PRIVATE, cancellable, error);
  if (out == NULL)
    return FALSE;
  copied = g_output_stream_splice (G_OUTPUT_STREAM (out), in,
                                   G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                   G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                   cancellable, error);
  if (copied >= 0)
    return TRUE;
  g_file_delete (dest, NULL, NULL);
  return FALSE;
}

gboolean
preuves_attachment_write_to (PreuvesAttachment  *self,
                             GFile              *dest,
                             GCancellable       *cancellable,
                             GError            **error)
{
  g_autoptr(GInputStream) in = NULL;

  g_return_val_if_fail (PREUVES_IS_ATTACHMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);

  in = preuves_attachment_open_stream (self, error);
  return in != NULL && write_stream_to (in, dest, cancellable, error);
}

/* The stream is opened on the calling thread (it needs the portfolio) and
 * then owns its own connection, so the worker never touches the
 * portfolio's. */
static void
write_to_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GInputStream *in = task_data;
  GFile *dest = g_object_get_data (G_OBJECT (task), "dest");
  GError *error = NULL;

  if (write_stream_to (in, dest, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
preuves_attachment_write_to_async (PreuvesAttachment   *self,
                                   GFile               *dest,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GInputStream *in;
  GError *error = NULL;

  g_return_if_fail (PREUVES_IS_ATTACHMENT (self));
  g_return_if_fail (G_IS_FILE (dest));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, preuves_attachment_write_to_async);
  in = preuves_attachment_open_stream (self, &error);
  if (in == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, in, g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "dest", g_object_ref (dest), g_object_unref);
  g_task_run_in_thread (task, write_to_thread);
}

gboolean
preuves_attachment_write_to_finish (PreuvesAttachment  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
preuves_attachment_finalize (GObject *object)
{
  PreuvesAttachment *self = PREUVES_ATTACHMENT (object);

  if (self->portfolio != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->portfolio), (gpointer *) &self->portfolio);
  g_free (self->uuid);
  g_free (self->preuve_uuid);
  g_free (self->filename);
  g_free (self->content_type);
  g_free (self->sha256);

  G_OBJECT_CLASS (preuves_attachment_parent_class)->finalize (object);
}

static void
preuves_attachment_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PreuvesAttachment *self = PREUVES_ATTACHMENT (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_FILENAME:
      g_value_set_string (value, self->filename);
      break;
    case PROP_CONTENT_TYPE:
      g_value_set_string (value, self->content_type);
      break;
    case PROP_SIZE:
      g_value_set_uint64 (value, self->size);
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_attachment_class_init (PreuvesAttachmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = preuves_attachment_finalize;
  object_class->get_property = preuves_attachment_get_property;

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILENAME] =
    g_param_spec_string ("filename", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTENT_TYPE] =
    g_param_spec_string ("content-type", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE] =
    g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
preuves_attachment_init (PreuvesAttachment *self)
{
}
