/* preuves-blob-stream.c — reads one stored document, a chunk at a time
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "preuves-blob-stream.h"
#include "preuves-portfolio-private.h"

struct _PreuvesBlobStream
{
  GInputStream   parent_instance;

  sqlite3       *db;
  sqlite3_stmt  *select_chunk;
  char          *sha256;
  guint64        size;
  guint64        delivered;
  gint64         next_seq;
  GBytes        *chunk;
  gsize          offset;
};

G_DEFINE_TYPE (PreuvesBlobStream, preuves_blob_stream, G_TYPE_INPUT_STREAM)

static gboolean
set_damaged (GError **error)
{
  g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED,
                       _("A document in this portfolio is damaged: some of its bytes are missing. Add the document again."));
  return FALSE;
}

/* Replaces the current chunk with the next one; leaves it NULL at the end
 * of the document. */
static gboolean
load_next_chunk (PreuvesBlobStream  *self,
                 GError            **error)
{
  int rc;

  g_clear_pointer (&self->chunk, g_bytes_unref);
  self->offset = 0;

  sqlite3_reset (self->select_chunk);
  sqlite3_bind_int64 (self->select_chunk, 2, self->next_seq);
  rc = sqlite3_step (self->select_chunk);
  if (rc == SQLITE_DONE)
    return self->delivered == self->size ? TRUE : set_damaged (error);
  if (rc != SQLITE_ROW)
    return preuves_portfolio_set_sqlite_error (error, self->db, rc);

  self->chunk = g_bytes_new (sqlite3_column_blob (self->select_chunk, 0),
                             sqlite3_column_bytes (self->select_chunk, 0));
  /* Release the read lock between chunks, so that the portfolio can be
   * written while a long document is being read. */
  sqlite3_reset (self->select_chunk);
  self->next_seq++;
  if (g_bytes_get_size (self->chunk) == 0 ||
      self->delivered + g_bytes_get_size (self->chunk) > self->size)
    return set_damaged (error);
  return TRUE;
}

static gssize
preuves_blob_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  PreuvesBlobStream *self = PREUVES_BLOB_STREAM (stream);
  gsize n;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (self->chunk == NULL || self->offset == g_bytes_get_size (self->chunk))
    {
      if (self->delivered == self->size && self->chunk != NULL)
        return 0;
      if (!load_next_chunk (self, error))
        return -1;
      if (self->chunk == NULL)
        return 0;
    }

  n = MIN (count, g_bytes_get_size (self->chunk) - self->offset);
  memcpy (buffer, (const guint8 *) g_bytes_get_data (self->chunk, NULL) + self->offset, n);
  self->offset += n;
  self->delivered += n;
  return n;
}

static gboolean
preuves_blob_stream_close (GInputStream  *stream,
                           GCancellable  *cancellable,
                           GError       **error)
{
  PreuvesBlobStream *self = PREUVES_BLOB_STREAM (stream);

  g_clear_pointer (&self->chunk, g_bytes_unref);
  g_clear_pointer (&self->select_chunk, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  return TRUE;
}

static void
preuves_blob_stream_finalize (GObject *object)
{
  PreuvesBlobStream *self = PREUVES_BLOB_STREAM (object);

  preuves_blob_stream_close (G_INPUT_STREAM (self), NULL, NULL);
  g_free (self->sha256);

  G_OBJECT_CLASS (preuves_blob_stream_parent_class)->finalize (object);
}

static void
preuves_blob_stream_class_init (PreuvesBlobStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = preuves_blob_stream_finalize;
  stream_class->read_fn = preuves_blob_stream_read;
  stream_class->close_fn = preuves_blob_stream_close;
}

static void
preuves_blob_stream_init (PreuvesBlobStream *self)
{
}

static gboolean
read_size (PreuvesBlobStream  *self,
           GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT size FROM blob WHERE sha256 = ?1", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return preuves_portfolio_set_sqlite_error (error, self->db, rc);
  sqlite3_bind_text (stmt, 1, self->sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      self->size = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return preuves_portfolio_set_sqlite_error (error, self->db, rc);
  g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND,
                       _("This document is not in the portfolio any more. Add it again."));
  return FALSE;
}

GInputStream *
preuves_blob_stream_new (const char  *path,
                         const char  *sha256,
                         GError     **error)
{
  g_autoptr(PreuvesBlobStream) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  self = g_object_new (PREUVES_TYPE_BLOB_STREAM, NULL);
  self->sha256 = g_strdup (sha256);
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      preuves_portfolio_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  if (!read_size (self, error))
    return NULL;
  rc = sqlite3_prepare_v2 (self->db, "SELECT data FROM blob_chunk WHERE sha256 = ?1 AND seq = ?2",
                           -1, &self->select_chunk, NULL);
  if (rc != SQLITE_OK)
    {
      preuves_portfolio_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  sqlite3_bind_text (self->select_chunk, 1, self->sha256, -1, SQLITE_STATIC);
  return G_INPUT_STREAM (g_steal_pointer (&self));
}
