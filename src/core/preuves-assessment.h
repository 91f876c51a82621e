/* preuves-assessment.h — the candidate's self-assessment, rehearsals,
 * written documents, advisor remarks and names to anonymise
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "preuves-portfolio.h"

G_BEGIN_DECLS

/* Plain records read from the portfolio: snapshots, freed by their owner. */

typedef struct
{
  char   *uuid;
  char   *epreuve_id;           /* "bloc1", "finale" … */
  int     presentation_seconds;
  int     exchange_seconds;
  gint64  recorded_at;          /* unix µs */
  char   *note;
  char   *author;
} PreuvesRehearsal;

typedef enum
{
  PREUVES_REMARK_ROLE_ADVISOR,
  PREUVES_REMARK_ROLE_CANDIDATE,
} PreuvesRemarkRole;

typedef struct
{
  char              *uuid;
  char              *author;
  PreuvesRemarkRole  role;
  char              *target_kind;  /* "preuve", "sous-competence", "criterion", "document", "bloc" */
  char              *target_id;
  int                page;         /* 0 when the remark is not about a page */
  char              *text;
  gboolean           resolved;
  char              *response;
  gint64             created_at;   /* unix µs */
} PreuvesRemark;

/* The written document of an épreuve and the stored result of its page
 * check. Integers are -1 when unknown; check_error is NULL when the check
 * succeeded; checked_sha256 says which bytes the check was made on. */
typedef struct
{
  char               *uuid;
  char               *epreuve_id;
  char               *filename;
  char               *content_type;
  char               *sha256;
  guint64             size;
  int                 pages_total;
  int                 text_layer;  /* -1 unknown, 0 no, 1 yes */
  int                 annex_start;
  PreuvesAnnexMethod  annex_method;
  int                 pages_counted;
  int                 manual_annex_start;
  char               *check_error;
  char               *checked_sha256;
} PreuvesWrittenDocument;

void                    preuves_rehearsal_free         (PreuvesRehearsal       *rehearsal);
void                    preuves_remark_free            (PreuvesRemark          *remark);
void                    preuves_written_document_free  (PreuvesWrittenDocument *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreuvesRehearsal, preuves_rehearsal_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreuvesRemark, preuves_remark_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreuvesWrittenDocument, preuves_written_document_free)

const char *preuves_remark_role_to_string   (PreuvesRemarkRole  role);
gboolean    preuves_remark_role_from_string (const char        *text,
                                             PreuvesRemarkRole *role);

/* Self-assessment of an evaluation criterion (its référentiel id). An
 * unassessed criterion is PREUVES_CRITERION_NOT_YET with no note. */
gboolean                preuves_portfolio_set_criterion     (PreuvesPortfolio       *self,
                                                             const char             *criterion_id,
                                                             PreuvesCriterionState   state,
                                                             const char             *note,
                                                             GError                **error);
PreuvesCriterionState   preuves_portfolio_get_criterion     (PreuvesPortfolio       *self,
                                                             const char             *criterion_id,
                                                             char                  **note);

/* Timed rehearsals of an oral, newest first (element: PreuvesRehearsal). */
gboolean                preuves_portfolio_add_rehearsal     (PreuvesPortfolio       *self,
                                                             const char             *epreuve_id,
                                                             int                     presentation_seconds,
                                                             int                     exchange_seconds,
                                                             const char             *note,
                                                             GError                **error);
GPtrArray              *preuves_portfolio_list_rehearsals   (PreuvesPortfolio       *self,
                                                             const char             *epreuve_id);

/* The written document of an épreuve. Setting a new file forgets the
 * previous check result. */
gboolean                preuves_portfolio_set_written_document (PreuvesPortfolio    *self,
                                                             const char             *epreuve_id,
                                                             GFile                  *file,
                                                             GCancellable           *cancellable,
                                                             GError                **error);
void                    preuves_portfolio_set_written_document_async (PreuvesPortfolio *self,
                                                             const char             *epreuve_id,
                                                             GFile                  *file,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
gboolean                preuves_portfolio_set_written_document_finish (PreuvesPortfolio *self,
                                                             GAsyncResult           *result,
                                                             GError                **error);
PreuvesWrittenDocument *preuves_portfolio_get_written_document (PreuvesPortfolio    *self,
                                                             const char             *epreuve_id);
gboolean                preuves_portfolio_remove_written_document (PreuvesPortfolio *self,
                                                             const char             *epreuve_id,
                                                             GError                **error);
/* Stores the check fields of @check (pages_total … checked_sha256; the
 * other fields are ignored). */
gboolean                preuves_portfolio_set_written_document_check (PreuvesPortfolio *self,
                                                             const char             *epreuve_id,
                                                             const PreuvesWrittenDocument *check,
                                                             GError                **error);
/* @page is 1-based; 0 clears the manual annex start. */
gboolean                preuves_portfolio_set_manual_annex_start (PreuvesPortfolio  *self,
                                                             const char             *epreuve_id,
                                                             int                     page,
                                                             GError                **error);

/* Remarks, oldest first (element: PreuvesRemark). @target_kind NULL lists
 * all; @target_id NULL lists all of a kind. */
char                   *preuves_portfolio_add_remark        (PreuvesPortfolio       *self,
                                                             PreuvesRemarkRole       role,
                                                             const char             *target_kind,
                                                             const char             *target_id,
                                                             int                     page,
                                                             const char             *text,
                                                             GError                **error);
GPtrArray              *preuves_portfolio_list_remarks      (PreuvesPortfolio       *self,
                                                             const char             *target_kind,
                                                             const char             *target_id);
gboolean                preuves_portfolio_resolve_remark    (PreuvesPortfolio       *self,
                                                             const char             *uuid,
                                                             gboolean                resolved,
                                                             const char             *response,
                                                             GError                **error);

/* Names of people to anonymise in exports. */
gboolean                preuves_portfolio_set_names         (PreuvesPortfolio       *self,
                                                             const char * const     *names,
                                                             GError                **error);
char                  **preuves_portfolio_get_names         (PreuvesPortfolio       *self);

G_END_DECLS
