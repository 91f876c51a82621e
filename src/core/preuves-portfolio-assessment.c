/* preuves-portfolio-assessment.c — self-assessment, rehearsals, written
 * documents, remarks and names of a portfolio
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Functions of PreuvesPortfolio kept apart from preuves-portfolio.c: a thin
 * layer of SQL over the tables that readiness and review read. Each change
 * emits PreuvesPortfolio::changed with what it touched.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "preuves-assessment.h"
#include "preuves-portfolio-private.h"

static const char * const remark_roles[] = { "advisor", "candidate" };
static const char * const remark_targets[] = {
  "preuve", "sous-competence", "criterion", "document", "bloc", NULL
};

void
preuves_rehearsal_free (PreuvesRehearsal *rehearsal)
{
  if (rehearsal == NULL)
    return;
  g_free (rehearsal->uuid);
  g_free (rehearsal->epreuve_id);
  g_free (rehearsal->note);
  g_free (rehearsal->author);
  g_free (rehearsal);
}

void
preuves_remark_free (PreuvesRemark *remark)
{
  if (remark == NULL)
    return;
  g_free (remark->uuid);
  g_free (remark->author);
  g_free (remark->target_kind);
  g_free (remark->target_id);
  g_free (remark->text);
  g_free (remark->response);
  g_free (remark);
}

const char *
preuves_remark_role_to_string (PreuvesRemarkRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (remark_roles), NULL);
  return remark_roles[role];
}

gboolean
preuves_remark_role_from_string (const char        *text,
                                 PreuvesRemarkRole *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (remark_roles); i++)
    if (g_strcmp0 (text, remark_roles[i]) == 0)
      {
        *role = (PreuvesRemarkRole) i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
check_id (const char  *id,
          GError     **error)
{
  if (id != NULL && *id != '\0' && g_utf8_validate (id, -1, NULL))
    return TRUE;
  g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID,
                       _("This item of the référentiel has no identifier. Choose it again from the list."));
  return FALSE;
}

/* Criteria ---------------------------------------------------------------------- */

static gboolean
upsert_criterion (PreuvesPortfolio       *self,
                  const char             *sql,
                  const char             *criterion_id,
                  PreuvesCriterionState   state,
                  const char             *note,
                  GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = preuves_portfolio_prepare (self, sql, error);
  g_autofree char *uuid = preuves_portfolio_new_uuid ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, criterion_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, preuves_criterion_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, note != NULL && *note != '\0' ? note : NULL, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, preuves_portfolio_get_author (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, preuves_portfolio_now ());
  sqlite3_bind_text (stmt, 6, uuid, -1, SQLITE_TRANSIENT);
  return preuves_portfolio_step_done (self, stmt, error);
}

gboolean
preuves_portfolio_set_criterion (PreuvesPortfolio       *self,
                                 const char             *criterion_id,
                                 PreuvesCriterionState   state,
                                 const char             *note,
                                 GError                **error)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (state <= PREUVES_CRITERION_MET, FALSE);

  if (!check_id (criterion_id, error) ||
      !upsert_criterion (self,
                         "UPDATE criterion_assessment SET state = ?2, note = ?3, author = ?4,"
                         " modified_at = ?5, revision = revision + 1"
                         " WHERE criterion_id = ?1 AND deleted = 0",
                         criterion_id, state, note, error))
    return FALSE;
  if (sqlite3_changes (preuves_portfolio_get_db (self)) == 0 &&
      !upsert_criterion (self,
                         "INSERT INTO criterion_assessment (criterion_id, state, note, author, modified_at, uuid)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                         criterion_id, state, note, error))
    return FALSE;
  preuves_portfolio_emit_changed (self, "criteria");
  return TRUE;
}

PreuvesCriterionState
preuves_portfolio_get_criterion (PreuvesPortfolio  *self,
                                 const char        *criterion_id,
                                 char             **note)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PreuvesCriterionState state = PREUVES_CRITERION_NOT_YET;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), state);

  if (note != NULL)
    *note = NULL;
  stmt = preuves_portfolio_prepare (self, "SELECT state, note FROM criterion_assessment"
                                    " WHERE criterion_id = ?1 AND deleted = 0", NULL);
  if (stmt == NULL)
    return state;
  sqlite3_bind_text (stmt, 1, criterion_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return state;
  if (!preuves_criterion_state_from_string ((const char *) sqlite3_column_text (stmt, 0), &state))
    state = PREUVES_CRITERION_NOT_YET;
  if (note != NULL)
    *note = preuves_sqlite_dup_text (stmt, 1);
  return state;
}

/* Rehearsals -------------------------------------------------------------------- */

gboolean
preuves_portfolio_add_rehearsal (PreuvesPortfolio  *self,
                                 const char        *epreuve_id,
                                 int                presentation_seconds,
                                 int                exchange_seconds,
                                 const char        *note,
                                 GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = preuves_portfolio_new_uuid ();
  gint64 now = preuves_portfolio_now ();

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (presentation_seconds >= 0 && exchange_seconds >= 0, FALSE);

  if (!check_id (epreuve_id, error))
    return FALSE;
  stmt = preuves_portfolio_prepare (self,
                                    "INSERT INTO rehearsal (uuid, epreuve_id, presentation_seconds,"
                                    " exchange_seconds, recorded_at, note, author, modified_at)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, epreuve_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, presentation_seconds);
  sqlite3_bind_int (stmt, 4, exchange_seconds);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_text (stmt, 6, note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, preuves_portfolio_get_author (self), -1, SQLITE_TRANSIENT);
  if (!preuves_portfolio_step_done (self, stmt, error))
    return FALSE;
  preuves_portfolio_emit_changed (self, "rehearsals");
  return TRUE;
}

/**
 * preuves_portfolio_list_rehearsals:
 * @epreuve_id: (nullable): only the rehearsals of this épreuve
 *
 * Returns: (transfer full) (element-type PreuvesRehearsal): newest first
 */
GPtrArray *
preuves_portfolio_list_rehearsals (PreuvesPortfolio *self,
                                   const char       *epreuve_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) preuves_rehearsal_free);

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), list);

  stmt = preuves_portfolio_prepare (self,
                                    "SELECT uuid, epreuve_id, presentation_seconds, exchange_seconds,"
                                    " recorded_at, note, author FROM rehearsal WHERE deleted = 0"
                                    " AND (?1 IS NULL OR epreuve_id = ?1) ORDER BY recorded_at DESC, id DESC",
                                    NULL);
  if (stmt == NULL)
    return list;
  sqlite3_bind_text (stmt, 1, epreuve_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PreuvesRehearsal *rehearsal = g_new0 (PreuvesRehearsal, 1);

      rehearsal->uuid = preuves_sqlite_dup_text (stmt, 0);
      rehearsal->epreuve_id = preuves_sqlite_dup_text (stmt, 1);
      rehearsal->presentation_seconds = sqlite3_column_int (stmt, 2);
      rehearsal->exchange_seconds = sqlite3_column_int (stmt, 3);
      rehearsal->recorded_at = sqlite3_column_int64 (stmt, 4);
      rehearsal->note = preuves_sqlite_dup_text (stmt, 5);
      rehearsal->author = preuves_sqlite_dup_text (stmt, 6);
      g_ptr_array_add (list, rehearsal);
    }
  return list;
}

/* Remarks ------------------------------------------------------------------------ */

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
check_remark (const char  *target_kind,
              const char  *text,
              GError     **error)
{
  if (target_kind == NULL || !g_strv_contains (remark_targets, target_kind))
    {
      g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID,
                   _("A remark cannot be about “%s”."), target_kind ? target_kind : "");
      return FALSE;
    }
  if (is_blank (text))
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID,
                           _("The remark is empty. Write what should change."));
      return FALSE;
    }
  return TRUE;
}

/**
 * preuves_portfolio_add_remark:
 * @page: the page the remark is about, or 0
 *
 * Returns: (transfer full): the uuid of the new remark, or %NULL on error
 */
char *
preuves_portfolio_add_remark (PreuvesPortfolio   *self,
                              PreuvesRemarkRole   role,
                              const char         *target_kind,
                              const char         *target_id,
                              int                 page,
                              const char         *text,
                              GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = preuves_portfolio_new_uuid ();

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (role <= PREUVES_REMARK_ROLE_CANDIDATE, NULL);

  if (!check_remark (target_kind, text, error))
    return NULL;
  stmt = preuves_portfolio_prepare (self,
                                    "INSERT INTO remark (uuid, role, target_kind, target_id, page, text,"
                                    " created_at, author, modified_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7)",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, preuves_remark_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, target_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, target_id, -1, SQLITE_TRANSIENT);
  preuves_sqlite_bind_int_or_null (stmt, 5, page > 0 ? page : -1);
  sqlite3_bind_text (stmt, 6, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, preuves_portfolio_now ());
  sqlite3_bind_text (stmt, 8, preuves_portfolio_get_author (self), -1, SQLITE_TRANSIENT);
  if (!preuves_portfolio_step_done (self, stmt, error))
    return NULL;
  preuves_portfolio_emit_changed (self, "remarks");
  return g_steal_pointer (&uuid);
}

static PreuvesRemark *
remark_from_row (sqlite3_stmt *stmt)
{
  PreuvesRemark *remark = g_new0 (PreuvesRemark, 1);

  remark->uuid = preuves_sqlite_dup_text (stmt, 0);
  remark->author = preuves_sqlite_dup_text (stmt, 1);
  if (!preuves_remark_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &remark->role))
    remark->role = PREUVES_REMARK_ROLE_ADVISOR;
  remark->target_kind = preuves_sqlite_dup_text (stmt, 3);
  remark->target_id = preuves_sqlite_dup_text (stmt, 4);
  remark->page = sqlite3_column_int (stmt, 5);
  remark->text = preuves_sqlite_dup_text (stmt, 6);
  remark->resolved = sqlite3_column_int (stmt, 7) != 0;
  remark->response = preuves_sqlite_dup_text (stmt, 8);
  remark->created_at = sqlite3_column_int64 (stmt, 9);
  return remark;
}

/**
 * preuves_portfolio_list_remarks:
 * @target_kind: (nullable): only remarks about this kind of thing
 * @target_id: (nullable): only remarks about this one
 *
 * Returns: (transfer full) (element-type PreuvesRemark): oldest first
 */
GPtrArray *
preuves_portfolio_list_remarks (PreuvesPortfolio *self,
                                const char       *target_kind,
                                const char       *target_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) preuves_remark_free);

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), list);

  stmt = preuves_portfolio_prepare (self,
                                    "SELECT uuid, author, role, target_kind, target_id, page, text,"
                                    " resolved, response, created_at FROM remark WHERE deleted = 0"
                                    " AND (?1 IS NULL OR target_kind = ?1) AND (?2 IS NULL OR target_id = ?2)"
                                    " ORDER BY created_at, id", NULL);
  if (stmt == NULL)
    return list;
  sqlite3_bind_text (stmt, 1, target_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, target_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (list, remark_from_row (stmt));
  return list;
}

gboolean
preuves_portfolio_resolve_remark (PreuvesPortfolio  *self,
                                  const char        *uuid,
                                  gboolean           resolved,
                                  const char        *response,
                                  GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);

  stmt = preuves_portfolio_prepare (self,
                                    "UPDATE remark SET resolved = ?2, response = coalesce (?3, response),"
                                    " author = ?4, modified_at = ?5, revision = revision + 1"
                                    " WHERE uuid = ?1 AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, resolved ? 1 : 0);
  sqlite3_bind_text (stmt, 3, response, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, preuves_portfolio_get_author (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, preuves_portfolio_now ());
  if (!preuves_portfolio_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (preuves_portfolio_get_db (self)) == 0)
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND,
                           _("This remark is not in the portfolio any more."));
      return FALSE;
    }
  preuves_portfolio_emit_changed (self, "remarks");
  return TRUE;
}

/* Names -------------------------------------------------------------------------- */

static gboolean
exec_name (PreuvesPortfolio  *self,
           const char        *sql,
           const char        *name,
           GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = preuves_portfolio_prepare (self, sql, error);
  g_autofree char *uuid = preuves_portfolio_new_uuid ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, preuves_portfolio_get_author (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, preuves_portfolio_now ());
  sqlite3_bind_text (stmt, 4, uuid, -1, SQLITE_TRANSIENT);
  return preuves_portfolio_step_done (self, stmt, error);
}

/* Replaces the list: names no longer in it are tombstoned, new ones
 * added, the others keep their rows (and uuids). */
static gboolean
replace_names (PreuvesPortfolio    *self,
               const char * const  *names,
               GError             **error)
{
  g_auto(GStrv) current = preuves_portfolio_get_names (self);

  for (guint i = 0; current[i] != NULL; i++)
    if (!g_strv_contains (names, current[i]) &&
        !exec_name (self, "UPDATE names SET deleted = 1, revision = revision + 1, author = ?2,"
                    " modified_at = ?3 WHERE name = ?1 AND deleted = 0",
                    current[i], error))
      return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    if (*names[i] != '\0' && !g_strv_contains ((const char * const *) current, names[i]) &&
        !exec_name (self, "INSERT INTO names (name, author, modified_at, uuid) VALUES (?1, ?2, ?3, ?4)",
                    names[i], error))
      return FALSE;
  return TRUE;
}

gboolean
preuves_portfolio_set_names (PreuvesPortfolio    *self,
                             const char * const  *names,
                             GError             **error)
{
  const char * const no_names[] = { NULL };

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);

  if (!preuves_portfolio_begin (self, error))
    return FALSE;
  if (!replace_names (self, names != NULL ? names : no_names, error))
    {
      preuves_portfolio_rollback (self);
      return FALSE;
    }
  if (!preuves_portfolio_commit (self, error))
    return FALSE;
  preuves_portfolio_emit_changed (self, "names");
  return TRUE;
}

/**
 * preuves_portfolio_get_names:
 *
 * Returns: (transfer full): the names to anonymise, in the order added
 */
char **
preuves_portfolio_get_names (PreuvesPortfolio *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);

  stmt = preuves_portfolio_prepare (self, "SELECT DISTINCT name FROM names WHERE deleted = 0"
                                    " ORDER BY id", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  return g_strv_builder_end (builder);
}
