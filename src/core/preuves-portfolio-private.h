/* preuves-portfolio-private.h — what other core modules may use of a portfolio
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The portfolio's connection, for core modules that read or write its
 * tables directly (readiness, import/export). Use it on the thread that
 * owns the portfolio only; a worker thread opens its own connection on
 * preuves_portfolio_get_file().
 *
 * Reading rules: a row is live when `deleted = 0`. A preuve's links and
 * attachments are tombstoned along with it (deleted = 2), so filtering on
 * `deleted = 0` in each table is enough. After writing through this
 * connection, call preuves_portfolio_emit_changed() so views refresh. */
sqlite3  *preuves_portfolio_get_db           (PreuvesPortfolio  *self);

/* Emits PreuvesPortfolio::changed with @what as detail and argument:
 * "portfolio", "preuves", "links", "attachments", "documents", "criteria",
 * "rehearsals", "remarks", "statuses" or "names". */
void      preuves_portfolio_emit_changed     (PreuvesPortfolio  *self,
                                              const char        *what);

/* Sets @error from the last SQLite error of @db (or from @rc if @db is
 * NULL), in the PREUVES_PORTFOLIO_ERROR domain, with a message that says
 * what to do. Always returns FALSE. */
gboolean  preuves_portfolio_set_sqlite_error (GError           **error,
                                              sqlite3           *db,
                                              int                rc);

/* Opens a second read-write connection on the same file, configured like
 * the portfolio's own (pragmas, busy timeout), for a worker thread. */
sqlite3  *preuves_portfolio_open_worker_db   (PreuvesPortfolio  *self,
                                              GError           **error);

/* Opens @file (a local file) with the flags of sqlite3_open_v2(). */
sqlite3  *preuves_portfolio_open_connection  (GFile             *file,
                                              int                flags,
                                              GError           **error);
/* Writes a new portfolio file with its portfolio and candidate rows, never
 * over an existing file (see preuves_portfolio_create()). */
gboolean  preuves_portfolio_create_file      (GFile             *file,
                                              const char        *candidate_name,
                                              PreuvesPath        path,
                                              GError           **error);

/* A new random UUID and the current time, as stored in every row. */
char     *preuves_portfolio_new_uuid         (void);
gint64    preuves_portfolio_now              (void);

/* Row helpers shared by the objects of the portfolio. */
gboolean  preuves_portfolio_begin            (PreuvesPortfolio  *self,
                                              GError           **error);
gboolean  preuves_portfolio_commit           (PreuvesPortfolio  *self,
                                              GError           **error);
void      preuves_portfolio_rollback         (PreuvesPortfolio  *self);

/* Statement helpers on the portfolio's connection: errors come out as
 * PREUVES_PORTFOLIO_ERROR. step_done() expects a statement that returns no
 * row. */
sqlite3_stmt *preuves_portfolio_prepare      (PreuvesPortfolio  *self,
                                              const char        *sql,
                                              GError           **error);
gboolean  preuves_portfolio_step_done        (PreuvesPortfolio  *self,
                                              sqlite3_stmt      *stmt,
                                              GError           **error);
char     *preuves_sqlite_dup_text            (sqlite3_stmt      *stmt,
                                              int                column);
/* "Unknown" is NULL in the file and -1 in memory. */
void      preuves_sqlite_bind_int_or_null    (sqlite3_stmt      *stmt,
                                              int                index,
                                              gint64             value);
int       preuves_sqlite_column_int_or_unknown (sqlite3_stmt    *stmt,
                                              int                column);
/* Fails with PREUVES_PORTFOLIO_ERROR_CLOSED once the portfolio is closed. */
gboolean  preuves_portfolio_check_open       (PreuvesPortfolio  *self,
                                              GError           **error);

G_END_DECLS
