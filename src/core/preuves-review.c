/* preuves-review.c — the role of the person at the keyboard and the
 * advisor's status of each sous-compétence
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "preuves-portfolio-private.h"
#include "preuves-review.h"

static const char * const role_names[] = { "candidate", "advisor" };
static const char * const status_names[] = {
  "", "acquired", "partial", "rework", "not-shown"
};

/* The tables whose rows are the candidate's. An advisor's connection may
 * read them but never write them: remark, competence_status and
 * review_baseline stay writable. */
static const char * const candidate_tables[] = {
  "portfolio", "candidate", "preuve", "blob", "blob_chunk", "attachment",
  "link", "written_document", "criterion_assessment", "rehearsal", "names",
  NULL
};

static GQuark
role_quark (void)
{
  return g_quark_from_static_string ("preuves-review-role");
}

const char *
preuves_role_to_string (PreuvesRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (role_names), NULL);
  return role_names[role];
}

gboolean
preuves_role_from_string (const char  *text,
                          PreuvesRole *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (text, role_names[i]) == 0)
      {
        *role = (PreuvesRole) i;
        return TRUE;
      }
  return FALSE;
}

const char *
preuves_competence_status_to_string (PreuvesCompetenceStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);
  return status != PREUVES_COMPETENCE_STATUS_NONE ? status_names[status] : NULL;
}

gboolean
preuves_competence_status_from_string (const char              *text,
                                       PreuvesCompetenceStatus *status)
{
  for (guint i = 1; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = (PreuvesCompetenceStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
preuves_competence_status_get_label (PreuvesCompetenceStatus status)
{
  switch (status)
    {
    case PREUVES_COMPETENCE_STATUS_ACQUIRED:
      return C_("sous-compétence status", "Acquired");
    case PREUVES_COMPETENCE_STATUS_PARTIAL:
      return C_("sous-compétence status", "Partly acquired");
    case PREUVES_COMPETENCE_STATUS_REWORK:
      return C_("sous-compétence status", "To rework");
    case PREUVES_COMPETENCE_STATUS_NOT_SHOWN:
      return C_("sous-compétence status", "Not shown");
    case PREUVES_COMPETENCE_STATUS_NONE:
    default:
      return C_("sous-compétence status", "No status");
    }
}

/* Role ---------------------------------------------------------------------- */

/* Runs when a statement is prepared on an advisor's connection: a write to
 * a candidate table is denied, so the statement fails with SQLITE_AUTH
 * before it can change anything, whichever code path prepared it. */
static int
advisor_authorizer_cb (void       *user_data,
                       int         action,
                       const char *table,
                       const char *column,
                       const char *database,
                       const char *trigger)
{
  if (action != SQLITE_INSERT && action != SQLITE_UPDATE && action != SQLITE_DELETE)
    return SQLITE_OK;
  if (table != NULL && g_strv_contains (candidate_tables, table))
    return SQLITE_DENY;
  return SQLITE_OK;
}

void
preuves_review_guard_connection (PreuvesPortfolio *self,
                                 sqlite3          *db)
{
  g_return_if_fail (PREUVES_IS_PORTFOLIO (self));
  g_return_if_fail (db != NULL);

  if (preuves_portfolio_get_role (self) == PREUVES_ROLE_ADVISOR)
    sqlite3_set_authorizer (db, advisor_authorizer_cb, NULL);
  else
    sqlite3_set_authorizer (db, NULL, NULL);
}

void
preuves_portfolio_set_role (PreuvesPortfolio *self,
                            PreuvesRole       role)
{
  g_return_if_fail (PREUVES_IS_PORTFOLIO (self));
  g_return_if_fail (role <= PREUVES_ROLE_ADVISOR);

  g_object_set_qdata (G_OBJECT (self), role_quark (), GUINT_TO_POINTER (role + 1));
  if (preuves_portfolio_get_db (self) != NULL)
    preuves_review_guard_connection (self, preuves_portfolio_get_db (self));
}

PreuvesRole
preuves_portfolio_get_role (PreuvesPortfolio *self)
{
  guint stored;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), PREUVES_ROLE_CANDIDATE);

  stored = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (self), role_quark ()));
  return stored == 0 ? PREUVES_ROLE_CANDIDATE : (PreuvesRole) (stored - 1);
}

/* Statuses ------------------------------------------------------------------ */

static gboolean
check_advisor (PreuvesPortfolio  *self,
               GError           **error)
{
  if (preuves_portfolio_get_role (self) == PREUVES_ROLE_ADVISOR)
    return TRUE;
  g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_READ_ONLY,
                       _("Only the advisor sets the status of a sous-compétence. Choose the advisor role in the preferences to review a portfolio."));
  return FALSE;
}

static gboolean
write_status (PreuvesPortfolio  *self,
              const char        *sql,
              const char        *sous_competence_id,
              const char        *status,
              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = preuves_portfolio_prepare (self, sql, error);
  g_autofree char *uuid = preuves_portfolio_new_uuid ();

  /* Parameters an UPDATE does not use are ignored (SQLITE_RANGE). */
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sous_competence_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, preuves_portfolio_get_author (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, preuves_portfolio_now ());
  sqlite3_bind_text (stmt, 5, uuid, -1, SQLITE_TRANSIENT);
  return preuves_portfolio_step_done (self, stmt, error);
}

/* Setting keeps the row (and its uuid) and bumps its revision; removing
 * tombstones it, so that a merge carries the removal too. */
gboolean
preuves_portfolio_set_competence_status (PreuvesPortfolio         *self,
                                         const char               *sous_competence_id,
                                         PreuvesCompetenceStatus   status,
                                         GError                  **error)
{
  const char *text = preuves_competence_status_to_string (status);

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (sous_competence_id != NULL && *sous_competence_id != '\0', FALSE);

  if (!check_advisor (self, error) ||
      !write_status (self,
                     text != NULL
                     ? "UPDATE competence_status SET status = ?2, author = ?3, modified_at = ?4,"
                       " revision = revision + 1 WHERE sous_competence_id = ?1 AND deleted = 0"
                     : "UPDATE competence_status SET deleted = 1, author = ?3, modified_at = ?4,"
                       " revision = revision + 1 WHERE sous_competence_id = ?1 AND deleted = 0",
                     sous_competence_id, text, error))
    return FALSE;
  if (text != NULL && sqlite3_changes (preuves_portfolio_get_db (self)) == 0 &&
      !write_status (self,
                     "INSERT INTO competence_status (sous_competence_id, status, author, modified_at, uuid)"
                     " VALUES (?1, ?2, ?3, ?4, ?5)",
                     sous_competence_id, text, error))
    return FALSE;
  preuves_portfolio_emit_changed (self, "statuses");
  return TRUE;
}

PreuvesCompetenceStatus
preuves_portfolio_get_competence_status (PreuvesPortfolio *self,
                                         const char       *sous_competence_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PreuvesCompetenceStatus status = PREUVES_COMPETENCE_STATUS_NONE;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), status);

  stmt = preuves_portfolio_prepare (self, "SELECT status FROM competence_status"
                                    " WHERE sous_competence_id = ?1 AND deleted = 0", NULL);
  if (stmt == NULL)
    return status;
  sqlite3_bind_text (stmt, 1, sous_competence_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      !preuves_competence_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &status))
    status = PREUVES_COMPETENCE_STATUS_NONE;
  return status;
}

/**
 * preuves_portfolio_list_competence_statuses:
 *
 * Returns: (transfer full) (element-type utf8 utf8): sous-compétence id to
 *   stored status
 */
GHashTable *
preuves_portfolio_list_competence_statuses (PreuvesPortfolio *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTable *statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), statuses);

  stmt = preuves_portfolio_prepare (self, "SELECT sous_competence_id, status FROM competence_status"
                                    " WHERE deleted = 0", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (statuses, preuves_sqlite_dup_text (stmt, 0), preuves_sqlite_dup_text (stmt, 1));
  return statuses;
}
