/* preuves-portfolio-links.c — links between preuves and sous-compétences
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Functions of PreuvesPortfolio kept apart from preuves-portfolio.c to keep
 * each file readable.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "preuves-link-private.h"
#include "preuves-portfolio-private.h"
#include "preuves-referentiel.h"

static gboolean
check_live_preuve (PreuvesPortfolio  *self,
                   PreuvesPreuve     *preuve,
                   GError           **error)
{
  if (preuves_portfolio_find_preuve (self, preuves_preuve_get_uuid (preuve)) == preuve)
    return TRUE;
  g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND,
                       _("This preuve is not in the portfolio any more."));
  return FALSE;
}

/* Resolves a sous-compétence code or id to its stable id, checked against
 * the référentiel when the portfolio uses the built-in one (a portfolio of
 * another title keeps its ids as given). */
static const char *
resolve_sous_competence (PreuvesPortfolio  *self,
                         const char        *code_or_id,
                         GError           **error)
{
  PreuvesReferentiel *referentiel = preuves_referentiel_get_default ();
  const PreuvesSousCompetence *sous;
  g_autoptr(GError) local_error = NULL;

  if (code_or_id == NULL || *code_or_id == '\0' || !g_utf8_validate (code_or_id, -1, NULL) ||
      strlen (code_or_id) > 64)
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID,
                           _("Choose a sous-compétence of the référentiel, such as C1-1.3."));
      return NULL;
    }
  if (referentiel == NULL ||
      g_strcmp0 (preuves_referentiel_get_id (referentiel), preuves_portfolio_get_referentiel_id (self)) != 0)
    return code_or_id;
  sous = preuves_referentiel_find_sous_competence (referentiel, code_or_id, &local_error);
  if (sous != NULL)
    return sous->id;
  g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID,
                       local_error->message);
  return NULL;
}

static PreuvesLink *
read_link (PreuvesPortfolio  *self,
           const char        *preuve_uuid,
           const char        *sous_competence_id,
           GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = preuves_portfolio_prepare (self, "SELECT " PREUVES_LINK_COLUMNS " FROM link"
                                    " WHERE preuve_uuid = ?1 AND sous_competence_id = ?2 AND deleted = 0",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, preuve_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, sous_competence_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return preuves_link_new_from_row (stmt);
  if (rc != SQLITE_DONE)
    preuves_portfolio_set_sqlite_error (error, preuves_portfolio_get_db (self), rc);
  else
    g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND,
                         _("This preuve is not linked to that sous-compétence."));
  return NULL;
}

/* Runs one statement on a link row, with ?1 preuve uuid, ?2 sous-compétence
 * id, ?3 text, ?4 author, ?5 now, ?6 new uuid. Returns the number of rows
 * changed, or -1 on error. */
static int
run_link_statement (PreuvesPortfolio  *self,
                    const char        *sql,
                    PreuvesPreuve     *preuve,
                    const char        *sous_competence_id,
                    const char        *text,
                    GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = preuves_portfolio_new_uuid ();

  stmt = preuves_portfolio_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, preuves_preuve_get_uuid (preuve), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, sous_competence_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, preuves_portfolio_get_author (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, preuves_portfolio_now ());
  sqlite3_bind_text (stmt, 6, uuid, -1, SQLITE_TRANSIENT);
  if (!preuves_portfolio_step_done (self, stmt, error))
    return -1;
  return sqlite3_changes (preuves_portfolio_get_db (self));
}

/**
 * preuves_portfolio_link:
 *
 * Links @preuve to a sous-compétence. Linking again a pair that is already
 * linked fails with %PREUVES_PORTFOLIO_ERROR_INVALID; use
 * preuves_portfolio_set_justification() to change its justification.
 * Returns: (transfer full): the new link
 */
PreuvesLink *
preuves_portfolio_link (PreuvesPortfolio  *self,
                        PreuvesPreuve     *preuve,
                        const char        *sous_competence_id,
                        const char        *justification,
                        GError           **error)
{
  g_autoptr(PreuvesLink) existing = NULL;
  PreuvesLink *link;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (PREUVES_IS_PREUVE (preuve), NULL);

  if (!check_live_preuve (self, preuve, error) ||
      (sous_competence_id = resolve_sous_competence (self, sous_competence_id, error)) == NULL)
    return NULL;
  existing = read_link (self, preuves_preuve_get_uuid (preuve), sous_competence_id, NULL);
  if (existing != NULL)
    {
      g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID,
                   _("This preuve is already linked to %s. Change its justification instead."),
                   sous_competence_id);
      return NULL;
    }
  if (run_link_statement (self,
                          "INSERT INTO link (uuid, preuve_uuid, sous_competence_id, justification, author, modified_at)"
                          " VALUES (?6, ?1, ?2, ?3, ?4, ?5)",
                          preuve, sous_competence_id, justification, error) < 0)
    return NULL;
  link = read_link (self, preuves_preuve_get_uuid (preuve), sous_competence_id, error);
  if (link != NULL)
    preuves_portfolio_emit_changed (self, "links");
  return link;
}

static gboolean
change_link (PreuvesPortfolio  *self,
             const char        *sql,
             PreuvesPreuve     *preuve,
             const char        *sous_competence_id,
             const char        *text,
             GError           **error)
{
  int changed;

  if (!check_live_preuve (self, preuve, error) ||
      (sous_competence_id = resolve_sous_competence (self, sous_competence_id, error)) == NULL)
    return FALSE;
  changed = run_link_statement (self, sql, preuve, sous_competence_id, text, error);
  if (changed < 0)
    return FALSE;
  if (changed == 0)
    {
      g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND,
                   _("This preuve is not linked to %s."), sous_competence_id);
      return FALSE;
    }
  preuves_portfolio_emit_changed (self, "links");
  return TRUE;
}

gboolean
preuves_portfolio_unlink (PreuvesPortfolio  *self,
                          PreuvesPreuve     *preuve,
                          const char        *sous_competence_id,
                          GError           **error)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (PREUVES_IS_PREUVE (preuve), FALSE);
  g_return_val_if_fail (sous_competence_id != NULL, FALSE);

  return change_link (self,
                      "UPDATE link SET deleted = 1, revision = revision + 1, author = ?4, modified_at = ?5"
                      " WHERE preuve_uuid = ?1 AND sous_competence_id = ?2 AND deleted = 0",
                      preuve, sous_competence_id, NULL, error);
}

gboolean
preuves_portfolio_set_justification (PreuvesPortfolio  *self,
                                     PreuvesPreuve     *preuve,
                                     const char        *sous_competence_id,
                                     const char        *justification,
                                     GError           **error)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (PREUVES_IS_PREUVE (preuve), FALSE);
  g_return_val_if_fail (sous_competence_id != NULL, FALSE);

  return change_link (self,
                      "UPDATE link SET justification = ?3, revision = revision + 1, author = ?4,"
                      " modified_at = ?5"
                      " WHERE preuve_uuid = ?1 AND sous_competence_id = ?2 AND deleted = 0",
                      preuve, sous_competence_id, justification, error);
}

static GListModel *
list_links (PreuvesPortfolio *self,
            const char       *sql,
            const char       *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GListStore *store = g_list_store_new (PREUVES_TYPE_LINK);

  stmt = preuves_portfolio_prepare (self, sql, NULL);
  if (stmt == NULL)
    return G_LIST_MODEL (store);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(PreuvesLink) link = preuves_link_new_from_row (stmt);

      g_list_store_append (store, link);
    }
  return G_LIST_MODEL (store);
}

/**
 * preuves_portfolio_list_links_for_preuve:
 *
 * Returns: (transfer full): the live links of @preuve (PreuvesLink), by
 *   sous-compétence id
 */
GListModel *
preuves_portfolio_list_links_for_preuve (PreuvesPortfolio *self,
                                         PreuvesPreuve    *preuve)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (PREUVES_IS_PREUVE (preuve), NULL);

  return list_links (self,
                     "SELECT " PREUVES_LINK_COLUMNS " FROM link WHERE preuve_uuid = ?1 AND deleted = 0"
                     " ORDER BY sous_competence_id",
                     preuves_preuve_get_uuid (preuve));
}

/**
 * preuves_portfolio_list_links_for_sous_competence:
 *
 * Returns: (transfer full): the live links to @sous_competence_id
 *   (PreuvesLink), in the order of their preuves
 */
GListModel *
preuves_portfolio_list_links_for_sous_competence (PreuvesPortfolio *self,
                                                  const char       *sous_competence_id)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (sous_competence_id != NULL, NULL);

  return list_links (self,
                     "SELECT l.uuid, l.preuve_uuid, l.sous_competence_id, l.justification, l.author,"
                     " l.revision, l.modified_at FROM link l JOIN preuve p ON p.uuid = l.preuve_uuid"
                     " WHERE l.sous_competence_id = ?1 AND l.deleted = 0 AND p.deleted = 0"
                     " ORDER BY p.created_at, p.id",
                     sous_competence_id);
}

/**
 * preuves_portfolio_count_links_by_sous_competence:
 *
 * Returns: (transfer full) (element-type utf8 guint): for each linked
 *   sous-compétence id, the number of live preuves linked to it (as
 *   GUINT_TO_POINTER). Ids with no link are absent.
 */
GHashTable *
preuves_portfolio_count_links_by_sous_competence (PreuvesPortfolio *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), counts);

  stmt = preuves_portfolio_prepare (self,
                                    "SELECT sous_competence_id, count(*) FROM link"
                                    " WHERE deleted = 0 GROUP BY sous_competence_id",
                                    NULL);
  if (stmt == NULL)
    return counts;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (counts,
                         preuves_sqlite_dup_text (stmt, 0),
                         GUINT_TO_POINTER ((guint) sqlite3_column_int (stmt, 1)));
  return counts;
}
