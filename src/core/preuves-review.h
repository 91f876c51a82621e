/* preuves-review.h — who reviews a portfolio: the role of the person at the
 * keyboard and the advisor's status of each sous-compétence
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

typedef enum
{
  PREUVES_ROLE_CANDIDATE,
  PREUVES_ROLE_ADVISOR,
} PreuvesRole;

/* The advisor's verdict on a sous-compétence. Stored as "acquired",
 * "partial", "rework", "not-shown"; NONE means no status was set. */
typedef enum
{
  PREUVES_COMPETENCE_STATUS_NONE,
  PREUVES_COMPETENCE_STATUS_ACQUIRED,
  PREUVES_COMPETENCE_STATUS_PARTIAL,
  PREUVES_COMPETENCE_STATUS_REWORK,
  PREUVES_COMPETENCE_STATUS_NOT_SHOWN,
} PreuvesCompetenceStatus;

const char *preuves_role_to_string                (PreuvesRole               role);
gboolean    preuves_role_from_string              (const char               *text,
                                                   PreuvesRole              *role);
const char *preuves_competence_status_to_string   (PreuvesCompetenceStatus   status);
gboolean    preuves_competence_status_from_string (const char               *text,
                                                   PreuvesCompetenceStatus  *status);
/* The translated label shown to people ("acquise" in French). */
const char *preuves_competence_status_get_label   (PreuvesCompetenceStatus   status);

/* Who edits the portfolio now (not stored in the file: it comes from the
 * app's preferences or the command line). An advisor may add remarks and
 * set statuses; every change to the candidate's content (preuves, links,
 * documents, criteria, rehearsals, names, the candidate's details) then
 * fails with PREUVES_PORTFOLIO_ERROR_READ_ONLY and a message saying so.
 * The default is PREUVES_ROLE_CANDIDATE. */
void        preuves_portfolio_set_role            (PreuvesPortfolio         *self,
                                                   PreuvesRole               role);
PreuvesRole preuves_portfolio_get_role            (PreuvesPortfolio         *self);

/* Status of a sous-compétence (its référentiel id). Only an advisor sets
 * it; NONE removes it. */
gboolean    preuves_portfolio_set_competence_status (PreuvesPortfolio       *self,
                                                   const char               *sous_competence_id,
                                                   PreuvesCompetenceStatus   status,
                                                   GError                  **error);
PreuvesCompetenceStatus preuves_portfolio_get_competence_status (PreuvesPortfolio *self,
                                                   const char               *sous_competence_id);
/* sous-compétence id → status string, for every status set. */
GHashTable *preuves_portfolio_list_competence_statuses (PreuvesPortfolio    *self);

/* Applies the portfolio's role to another connection on its file (a worker
 * thread's), so that no path around the role exists. */
void        preuves_review_guard_connection       (PreuvesPortfolio         *self,
                                                   sqlite3                  *db);

G_END_DECLS
