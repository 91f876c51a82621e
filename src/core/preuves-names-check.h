/* preuves-names-check.h — finds the names to anonymise before an export
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "preuves-portfolio.h"

G_BEGIN_DECLS

/* Where a name was found. */
typedef enum
{
  PREUVES_NAME_PLACE_TITLE,         /* a preuve's title */
  PREUVES_NAME_PLACE_SITUATION,     /* a preuve's situation */
  PREUVES_NAME_PLACE_JUSTIFICATION, /* the justification of a link */
  PREUVES_NAME_PLACE_REMARK,        /* the candidate's remark or response */
  PREUVES_NAME_PLACE_ATTACHMENT,    /* a page of an attached PDF */
  PREUVES_NAME_PLACE_DOCUMENT,      /* a page of a written document */
} PreuvesNamePlace;

typedef struct
{
  char             *name;        /* as written in the names list */
  PreuvesNamePlace  place;
  char             *preuve_uuid; /* NULL for remarks and written documents */
  char             *label;       /* the preuve's title, the document's file name… */
  char             *detail;      /* the sous-compétence of a justification, the file name of an attachment */
  guint             page;        /* 1-based, for attachments and documents; 0 otherwise */
  char             *excerpt;     /* the words around the name, as written */
} PreuvesNameFinding;

void                preuves_name_finding_free    (PreuvesNameFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreuvesNameFinding, preuves_name_finding_free)

const char         *preuves_name_place_to_string (PreuvesNamePlace    place);

/* Finds each of @names in @text as whole words, ignoring case, accents and
 * line breaks ("Zoé  Lefèvre" matches "ZOE\nLEFEVRE" but not
 * "Lefèvres"). Returns the byte offsets in @text of the first match of
 * each name, -1 where a name is absent; NULL when none is found. */
gssize             *preuves_names_find           (const char * const *names,
                                                  const char         *text);

/* Looks for the portfolio's names list (preuves_portfolio_get_names()) in
 * what the candidate wrote and in the text of every attached PDF and
 * written document, read by preuves-pdf-probe. Confidential preuves are
 * skipped: they never leave the portfolio. A PDF the probe cannot read is
 * skipped too; @unreadable (nullable) counts them.
 *
 * Returns: (element-type PreuvesNameFinding): the findings, empty when no
 * name is found. */
void                preuves_names_check_async    (PreuvesPortfolio    *portfolio,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray          *preuves_names_check_finish   (PreuvesPortfolio    *portfolio,
                                                  GAsyncResult        *result,
                                                  guint               *unreadable,
                                                  GError             **error);
/* Waits for the answer: for the command line, never from a UI thread. */
GPtrArray          *preuves_names_check          (PreuvesPortfolio    *portfolio,
                                                  GCancellable        *cancellable,
                                                  guint               *unreadable,
                                                  GError             **error);

G_END_DECLS
