/* preuves-portfolio-sql.c — SQLite errors and statement helpers of a portfolio
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Functions of PreuvesPortfolio (declared in preuves-portfolio-private.h)
 * shared by every file that reads or writes the portfolio's tables.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "preuves-portfolio-private.h"
#include "preuves-schema.h"

/* The référentiel a new portfolio is built against. */
#define DEFAULT_REFERENTIEL_ID "coordinateur-operationnel"

/* Errors ------------------------------------------------------------------ */

static void
set_error_for_code (GError     **error,
                    int          rc,
                    const char  *detail)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_A_PORTFOLIO,
                           _("This file is not a Preuves portfolio. Choose a portfolio saved by Preuves, or ask its sender for a new copy."));
      break;
    case SQLITE_CORRUPT:
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED,
                           _("This portfolio is damaged. Open a saved copy of it, or ask its author to send it again."));
      break;
    case SQLITE_FULL:
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_FULL,
                           _("The disk is full. Free some space, then try again: nothing was lost."));
      break;
    case SQLITE_CANTOPEN:
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_IO,
                           _("The portfolio cannot be opened. Check that the file and its folder exist and that you may write to them."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_READ_ONLY,
                           _("The portfolio cannot be changed: the file is read-only. Save a copy in a folder you can write to."));
      break;
    case SQLITE_AUTH:
      /* Only the advisor's role denies statements (preuves-review.c). */
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_READ_ONLY,
                           _("You are reviewing this portfolio: the candidate’s content is read-only. Add a remark instead."));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_BUSY,
                           _("Another program is using this portfolio. Close it there, then try again."));
      break;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID,
                   _("The portfolio refused this change (%s)."), detail);
      break;
    default:
      g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_IO,
                   _("The portfolio could not be read or written (%s). Check the disk, then try again."),
                   detail);
      break;
    }
}

gboolean
preuves_portfolio_set_sqlite_error (GError  **error,
                                    sqlite3  *db,
                                    int       rc)
{
  g_autofree char *detail = NULL;

  if (db != NULL && sqlite3_errcode (db) != SQLITE_OK)
    rc = sqlite3_extended_errcode (db);
  /* SQLite's messages may quote bytes of a damaged file: keep them valid
   * UTF-8 for the labels and terminals they end up in. */
  detail = g_utf8_make_valid (db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc), -1);
  set_error_for_code (error, rc, detail);
  return FALSE;
}

/* Statement helpers ------------------------------------------------------- */

gboolean
preuves_portfolio_check_open (PreuvesPortfolio  *self,
                              GError           **error)
{
  if (preuves_portfolio_get_db (self) != NULL)
    return TRUE;
  g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_CLOSED,
                       _("The portfolio is closed. Open it again."));
  return FALSE;
}

sqlite3_stmt *
preuves_portfolio_prepare (PreuvesPortfolio  *self,
                           const char        *sql,
                           GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);

  if (!preuves_portfolio_check_open (self, error))
    return NULL;
  rc = sqlite3_prepare_v2 (preuves_portfolio_get_db (self), sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      preuves_portfolio_set_sqlite_error (error, preuves_portfolio_get_db (self), rc);
      return NULL;
    }
  return stmt;
}

gboolean
preuves_portfolio_step_done (PreuvesPortfolio  *self,
                             sqlite3_stmt      *stmt,
                             GError           **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;
  return preuves_portfolio_set_sqlite_error (error, preuves_portfolio_get_db (self), rc);
}

char *
preuves_sqlite_dup_text (sqlite3_stmt *stmt,
                         int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

void
preuves_sqlite_bind_int_or_null (sqlite3_stmt *stmt,
                                 int           index,
                                 gint64        value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

int
preuves_sqlite_column_int_or_unknown (sqlite3_stmt *stmt,
                                      int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;
  return sqlite3_column_int (stmt, column);
}

char *
preuves_portfolio_new_uuid (void)
{
  return g_uuid_string_random ();
}

gint64
preuves_portfolio_now (void)
{
  return g_get_real_time ();
}

gboolean
preuves_portfolio_begin (PreuvesPortfolio  *self,
                         GError           **error)
{
  /* IMMEDIATE takes the write lock now, so a busy file fails here rather
   * than halfway through a change. */
  return preuves_portfolio_check_open (self, error) &&
         preuves_schema_exec (preuves_portfolio_get_db (self), "BEGIN IMMEDIATE", error);
}

gboolean
preuves_portfolio_commit (PreuvesPortfolio  *self,
                          GError           **error)
{
  if (preuves_schema_exec (preuves_portfolio_get_db (self), "COMMIT", error))
    return TRUE;
  preuves_portfolio_rollback (self);
  return FALSE;
}

void
preuves_portfolio_rollback (PreuvesPortfolio *self)
{
  sqlite3 *db = preuves_portfolio_get_db (self);

  if (db != NULL && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* Opening and creating files --------------------------------------------------- */

static sqlite3 *
open_path (const char  *path,
           int          flags,
           GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      preuves_portfolio_set_sqlite_error (error, db, rc);
      sqlite3_close (db);
      return NULL;
    }
  /* Before the first read: the header check must wait for a writer's lock
   * like everything else, not fail at once. */
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static char *
local_path (GFile   *file,
            GError **error)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_IO,
                         _("The portfolio must be a file on this computer. Copy it to a local folder first."));
  return path;
}

sqlite3 *
preuves_portfolio_open_connection (GFile     *file,
                                   int        flags,
                                   GError   **error)
{
  g_autofree char *path = local_path (file, error);

  return path != NULL ? open_path (path, flags, error) : NULL;
}

static gboolean
check_not_exists (GFile   *file,
                  GError **error)
{
  g_autofree char *name = NULL;

  if (!g_file_query_exists (file, NULL))
    return TRUE;
  name = g_file_get_parse_name (file);
  g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_EXISTS,
               _("“%s” already exists. Choose another name, or open that portfolio."), name);
  return FALSE;
}

static gboolean
insert_header_rows (sqlite3     *db,
                    const char  *candidate_name,
                    PreuvesPath  path,
                    const char  *author,
                    GError     **error)
{
  g_autofree char *portfolio_uuid = preuves_portfolio_new_uuid ();
  g_autofree char *candidate_uuid = preuves_portfolio_new_uuid ();
  long long now = preuves_portfolio_now ();
  char *sql;
  gboolean ok;

  sql = sqlite3_mprintf ("BEGIN IMMEDIATE;"
                         "INSERT INTO portfolio (id, created_at, referentiel, uuid, author, modified_at)"
                         " VALUES (1, %lld, %Q, %Q, %Q, %lld);"
                         "INSERT INTO candidate (id, name, path, uuid, author, modified_at)"
                         " VALUES (1, %Q, %Q, %Q, %Q, %lld);"
                         "COMMIT;",
                         now, DEFAULT_REFERENTIEL_ID, portfolio_uuid, author, now,
                         candidate_name, preuves_path_to_string (path), candidate_uuid, author, now);
  ok = preuves_schema_exec (db, sql, error);
  sqlite3_free (sql);
  if (!ok)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

static gboolean
set_io_error_from_errno (GError     **error,
                         int          saved_errno,
                         const char  *path)
{
  g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_IO,
               _("“%s” cannot be written: %s. Choose a folder you can write to."),
               path, g_strerror (saved_errno));
  return FALSE;
}

static void
unlink_with_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (journal);
  g_unlink (path);
}

/* Writes the new portfolio beside @dest under a temporary name, so that a
 * crash or a full disk never leaves half a portfolio under the real name.
 * The file is private to the user (0600): it holds personal documents. */
static char *
write_new_file (const char   *dest,
                const char   *candidate_name,
                PreuvesPath   path,
                GError      **error)
{
  g_autofree char *tmp = g_strconcat (dest, ".XXXXXX", NULL);
  sqlite3 *db;
  gboolean ok;
  int fd;

  fd = g_mkstemp_full (tmp, O_RDWR, 0600);
  if (fd < 0)
    {
      set_io_error_from_errno (error, errno, dest);
      return NULL;
    }
  close (fd);

  db = open_path (tmp, SQLITE_OPEN_READWRITE, error);
  ok = db != NULL &&
       preuves_schema_create (db, error) &&
       insert_header_rows (db, candidate_name, path, g_get_real_name (), error);
  sqlite3_close (db);
  if (!ok)
    {
      unlink_with_journal (tmp);
      return NULL;
    }
  return g_steal_pointer (&tmp);
}

/* link() fails if @dest exists, which makes "never overwrite" atomic.
 * Some file systems (FAT on a USB stick) have no hard links: there, a
 * rename after a last check. */
static gboolean
move_into_place (const char  *tmp,
                 GFile       *file,
                 const char  *dest,
                 GError     **error)
{
  int saved_errno;

  if (link (tmp, dest) == 0)
    {
      g_unlink (tmp);
      return TRUE;
    }
  saved_errno = errno;
  if (saved_errno != EEXIST && check_not_exists (file, error) && g_rename (tmp, dest) == 0)
    return TRUE;
  if (saved_errno == EEXIST)
    check_not_exists (file, error);
  else if (error == NULL || *error == NULL)
    set_io_error_from_errno (error, errno, dest);
  g_unlink (tmp);
  return FALSE;
}

gboolean
preuves_portfolio_create_file (GFile        *file,
                               const char   *candidate_name,
                               PreuvesPath   path,
                               GError      **error)
{
  g_autofree char *dest = NULL;
  g_autofree char *tmp = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (candidate_name != NULL, FALSE);

  return (dest = local_path (file, error)) != NULL &&
         check_not_exists (file, error) &&
         (tmp = write_new_file (dest, candidate_name, path, error)) != NULL &&
         move_into_place (tmp, file, dest, error);
}
