/* preuves-blob-store.h — documents stored as chunked, content-addressed BLOBs
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Size of one row of blob_chunk. Big enough that a document is a few
 * rows, small enough that reading one never costs much memory. */
#define PREUVES_BLOB_CHUNK_SIZE (1024 * 1024)

/* Reads @stream to its end and stores its bytes in @db, computing the
 * SHA-256 on the way. If a blob with that SHA-256 is already stored, the
 * new copy is dropped. Runs in a savepoint: call it inside the caller's
 * transaction. */
gboolean      preuves_blob_store_put_stream  (sqlite3       *db,
                                              GInputStream  *stream,
                                              char         **sha256,
                                              guint64       *size,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* What preuves_blob_store_store_file() stored. */
typedef struct
{
  char    *sha256;
  guint64  size;
  char    *filename;      /* the file's base name, never a path */
  char    *content_type;  /* a MIME type, or NULL */
} PreuvesStoredFile;

void          preuves_stored_file_clear      (PreuvesStoredFile *stored);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PreuvesStoredFile, preuves_stored_file_clear)

/* Called inside the transaction of preuves_blob_store_store_file() to
 * write the row that refers to the stored bytes. */
typedef gboolean (*PreuvesStoredFileFunc) (sqlite3            *db,
                                           PreuvesStoredFile  *stored,
                                           gpointer            user_data,
                                           GError            **error);

/* Stores @file and lets @func write its row, all in one transaction on
 * @db: either both are there afterwards, or neither. */
gboolean      preuves_blob_store_store_file  (sqlite3               *db,
                                              GFile                 *file,
                                              PreuvesStoredFileFunc  func,
                                              gpointer               user_data,
                                              GCancellable          *cancellable,
                                              GError               **error);
/* The SHA-256 of @file's bytes, in hexadecimal: the key it would be
 * stored under. Reads the whole file: call it off the main thread. */
char         *preuves_blob_store_hash_file   (GFile         *file,
                                              GCancellable  *cancellable,
                                              GError       **error);
gboolean      preuves_blob_store_has         (sqlite3       *db,
                                              const char    *sha256,
                                              guint64       *size);
/* Deletes every blob that no attachment and no written document refers
 * to (live or tombstoned). */
gboolean      preuves_blob_store_collect     (sqlite3       *db,
                                              GError       **error);

gboolean      preuves_sha256_is_valid        (const char    *sha256);

G_END_DECLS
