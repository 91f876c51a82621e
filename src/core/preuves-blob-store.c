/* preuves-blob-store.c — documents stored as chunked, content-addressed BLOBs
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "preuves-blob-store.h"
#include "preuves-portfolio-private.h"
#include "preuves-schema.h"

gboolean
preuves_sha256_is_valid (const char *sha256)
{
  if (sha256 == NULL || strlen (sha256) != 64)
    return FALSE;
  for (const char *p = sha256; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

gboolean
preuves_blob_store_has (sqlite3    *db,
                        const char *sha256,
                        guint64    *size)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  if (sqlite3_prepare_v2 (db, "SELECT size FROM blob WHERE sha256 = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (size != NULL)
    *size = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
exec_bound (sqlite3     *db,
            const char  *sql,
            const char  *text1,
            const char  *text2,
            gint64       number,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, text1, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, number);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  return preuves_portfolio_set_sqlite_error (error, db, rc);
}

/* Copies @stream into chunks of the blob @key, one chunk-sized buffer at a
 * time: a document is never whole in memory. */
static gboolean
write_chunks (sqlite3       *db,
              const char    *key,
              GInputStream  *stream,
              GChecksum     *checksum,
              guint64       *size,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree guint8 *buffer = g_malloc (PREUVES_BLOB_CHUNK_SIZE);
  gsize n_read = PREUVES_BLOB_CHUNK_SIZE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO blob_chunk (sha256, seq, data) VALUES (?1, ?2, ?3)",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return preuves_portfolio_set_sqlite_error (error, db, rc);

  *size = 0;
  for (gint64 seq = 0; n_read == PREUVES_BLOB_CHUNK_SIZE; seq++)
    {
      if (!g_input_stream_read_all (stream, buffer, PREUVES_BLOB_CHUNK_SIZE, &n_read,
                                    cancellable, error))
        return FALSE;
      if (n_read == 0)
        break;
      g_checksum_update (checksum, buffer, n_read);
      *size += n_read;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, seq);
      sqlite3_bind_blob64 (stmt, 3, buffer, n_read, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return preuves_portfolio_set_sqlite_error (error, db, rc);
    }
  return TRUE;
}

/* The chunks are written under a random provisional key, because the real
 * key (the SHA-256) is only known at the end; then they are renamed, or
 * dropped if those bytes were already stored. */
static gboolean
put_stream_in_savepoint (sqlite3       *db,
                         GInputStream  *stream,
                         char         **sha256,
                         guint64       *size,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uuid, -1);
  const char *digest;

  if (!exec_bound (db, "INSERT INTO blob (sha256, size) VALUES (?1, 0)", key, NULL, 0, error) ||
      !write_chunks (db, key, stream, checksum, size, cancellable, error))
    return FALSE;

  digest = g_checksum_get_string (checksum);
  *sha256 = g_strdup (digest);
  if (preuves_blob_store_has (db, digest, NULL))
    return preuves_schema_exec (db, "ROLLBACK TO preuves_blob_put", error);

  return exec_bound (db, "INSERT INTO blob (sha256, size) VALUES (?1, ?3)", digest, NULL, *size, error) &&
         exec_bound (db, "UPDATE blob_chunk SET sha256 = ?1 WHERE sha256 = ?2", digest, key, 0, error) &&
         exec_bound (db, "DELETE FROM blob WHERE sha256 = ?1", key, NULL, 0, error);
}

gboolean
preuves_blob_store_put_stream (sqlite3       *db,
                               GInputStream  *stream,
                               char         **sha256,
                               guint64       *size,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autofree char *digest = NULL;
  guint64 n_bytes = 0;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  if (!preuves_schema_exec (db, "SAVEPOINT preuves_blob_put", error))
    return FALSE;
  if (!put_stream_in_savepoint (db, stream, &digest, &n_bytes, cancellable, error))
    {
      sqlite3_exec (db, "ROLLBACK TO preuves_blob_put; RELEASE preuves_blob_put", NULL, NULL, NULL);
      return FALSE;
    }
  if (!preuves_schema_exec (db, "RELEASE preuves_blob_put", error))
    return FALSE;

  *sha256 = g_steal_pointer (&digest);
  if (size != NULL)
    *size = n_bytes;
  return TRUE;
}

void
preuves_stored_file_clear (PreuvesStoredFile *stored)
{
  g_clear_pointer (&stored->sha256, g_free);
  g_clear_pointer (&stored->filename, g_free);
  g_clear_pointer (&stored->content_type, g_free);
  stored->size = 0;
}

/* The name under which a document is kept: its base name only, never a
 * path, so that writing it back out cannot leave the chosen folder. */
static char *
stored_name (GFileInfo *info,
             GFile     *file)
{
  const char *display = g_file_info_get_display_name (info);
  g_autofree char *base = display != NULL ? g_path_get_basename (display) : g_file_get_basename (file);

  if (base == NULL || *base == '\0' || g_str_equal (base, ".") || g_str_equal (base, "..") ||
      g_str_equal (base, G_DIR_SEPARATOR_S))
    return g_strdup (_("document"));
  return g_steal_pointer (&base);
}

/* Reading a file is much cheaper than writing it into the portfolio (a
 * journal and an fsync): a first pass computes the SHA-256 alone, so that
 * attaching a document that is already stored writes nothing at all. If
 * the file changes between the two passes, put_stream() computes the key
 * of the bytes it really stored. */
static gboolean
find_stored_copy (sqlite3            *db,
                  GFile              *file,
                  PreuvesStoredFile  *stored,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autofree char *sha256 = preuves_blob_store_hash_file (file, cancellable, error);

  if (sha256 == NULL)
    return FALSE;
  if (preuves_blob_store_has (db, sha256, &stored->size))
    stored->sha256 = g_steal_pointer (&sha256);
  return TRUE;
}

char *
preuves_blob_store_hash_file (GFile         *file,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autofree guint8 *buffer = NULL;
  gssize n_read;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  buffer = g_malloc (PREUVES_BLOB_CHUNK_SIZE);
  while ((n_read = g_input_stream_read (G_INPUT_STREAM (in), buffer, PREUVES_BLOB_CHUNK_SIZE,
                                        cancellable, error)) > 0)
    g_checksum_update (checksum, buffer, n_read);
  if (n_read < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (checksum));
}

/* Name, type, and whether it is a document at all. */
static gboolean
describe_file (GFile              *file,
               PreuvesStoredFile  *stored,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autoptr(GFileInfo) info = NULL;
  const char *content_type;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is not a document. Choose a file."), g_file_info_get_display_name (info));
      return FALSE;
    }
  content_type = g_file_info_get_content_type (info);
  stored->content_type = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;
  stored->filename = stored_name (info, file);
  return TRUE;
}

/* Inside the transaction: the copy found before may have been purged
 * since by another connection, so look again before relying on it. */
static gboolean
store_bytes (sqlite3            *db,
             GFile              *file,
             PreuvesStoredFile  *stored,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr(GFileInputStream) in = NULL;

  if (stored->sha256 != NULL && preuves_blob_store_has (db, stored->sha256, &stored->size))
    return TRUE;
  g_clear_pointer (&stored->sha256, g_free);
  in = g_file_read (file, cancellable, error);
  return in != NULL &&
         preuves_blob_store_put_stream (db, G_INPUT_STREAM (in), &stored->sha256, &stored->size,
                                        cancellable, error);
}

/* Reading and hashing happen before the transaction, so that the write
 * lock is held only while writing. */
gboolean
preuves_blob_store_store_file (sqlite3                *db,
                               GFile                  *file,
                               PreuvesStoredFileFunc   func,
                               gpointer                user_data,
                               GCancellable           *cancellable,
                               GError                **error)
{
  g_auto(PreuvesStoredFile) stored = { 0 };

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!describe_file (file, &stored, cancellable, error) ||
      !find_stored_copy (db, file, &stored, cancellable, error) ||
      !preuves_schema_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!store_bytes (db, file, &stored, cancellable, error) ||
      !func (db, &stored, user_data, error) ||
      !preuves_schema_exec (db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
preuves_blob_store_collect (sqlite3  *db,
                            GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  /* blob_chunk rows go with their blob (ON DELETE CASCADE), and
   * secure_delete overwrites their pages. */
  return preuves_schema_exec (db,
                              "DELETE FROM blob WHERE"
                              " sha256 NOT IN (SELECT sha256 FROM attachment WHERE sha256 IS NOT NULL)"
                              " AND sha256 NOT IN (SELECT sha256 FROM written_document WHERE sha256 IS NOT NULL)",
                              error);
}
