/* preuves-portfolio.h — a candidate's portfolio, stored in one SQLite file
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "preuves-types.h"
#include "preuves-preuve.h"
#include "preuves-attachment.h"
#include "preuves-link.h"

G_BEGIN_DECLS

#define PREUVES_PORTFOLIO_ERROR (preuves_portfolio_error_quark ())

typedef enum
{
  PREUVES_PORTFOLIO_ERROR_NOT_A_PORTFOLIO, /* not SQLite, or another application's file */
  PREUVES_PORTFOLIO_ERROR_DAMAGED,         /* SQLITE_CORRUPT, failed checks, bad schema */
  PREUVES_PORTFOLIO_ERROR_TOO_NEW,         /* written by a newer Preuves */
  PREUVES_PORTFOLIO_ERROR_EXISTS,          /* create() would overwrite a file */
  PREUVES_PORTFOLIO_ERROR_NOT_FOUND,       /* no such file, preuve, link or blob */
  PREUVES_PORTFOLIO_ERROR_IO,              /* cannot open, read or write */
  PREUVES_PORTFOLIO_ERROR_FULL,            /* SQLITE_FULL: the disk is full */
  PREUVES_PORTFOLIO_ERROR_READ_ONLY,       /* SQLITE_READONLY */
  PREUVES_PORTFOLIO_ERROR_BUSY,            /* another program holds the file */
  PREUVES_PORTFOLIO_ERROR_INVALID,         /* a value the portfolio cannot take */
  PREUVES_PORTFOLIO_ERROR_CLOSED,          /* the portfolio was closed */
} PreuvesPortfolioError;

GQuark preuves_portfolio_error_quark (void);

#define PREUVES_TYPE_PORTFOLIO (preuves_portfolio_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesPortfolio, preuves_portfolio, PREUVES, PORTFOLIO, GObject)

/* The file, its identity and the candidate. Setters write through to the
 * file at once and emit notify; they fail only on I/O. */
PreuvesPortfolio *preuves_portfolio_create              (GFile             *file,
                                                         const char        *candidate_name,
                                                         PreuvesPath        path,
                                                         GError           **error);
PreuvesPortfolio *preuves_portfolio_open                (GFile             *file,
                                                         GError           **error);
void              preuves_portfolio_close               (PreuvesPortfolio  *self);
gboolean          preuves_portfolio_is_closed           (PreuvesPortfolio  *self);
GFile            *preuves_portfolio_get_file            (PreuvesPortfolio  *self);
const char       *preuves_portfolio_get_uuid            (PreuvesPortfolio  *self);
const char       *preuves_portfolio_get_referentiel_id  (PreuvesPortfolio  *self);
const char       *preuves_portfolio_get_candidate_name  (PreuvesPortfolio  *self);
gboolean          preuves_portfolio_set_candidate_name  (PreuvesPortfolio  *self,
                                                         const char        *name,
                                                         GError           **error);
const char       *preuves_portfolio_get_etablissement   (PreuvesPortfolio  *self);
gboolean          preuves_portfolio_set_etablissement   (PreuvesPortfolio  *self,
                                                         const char        *etablissement,
                                                         GError           **error);
const char       *preuves_portfolio_get_secteur         (PreuvesPortfolio  *self);
gboolean          preuves_portfolio_set_secteur         (PreuvesPortfolio  *self,
                                                         const char        *secteur,
                                                         GError           **error);
PreuvesPath       preuves_portfolio_get_path            (PreuvesPortfolio  *self);
gboolean          preuves_portfolio_set_path            (PreuvesPortfolio  *self,
                                                         PreuvesPath        path,
                                                         GError           **error);
/* Who edits now: recorded as the author of every row written. Not stored. */
const char       *preuves_portfolio_get_author          (PreuvesPortfolio  *self);
void              preuves_portfolio_set_author          (PreuvesPortfolio  *self,
                                                         const char        *author);

/* Preuves. The model holds the live preuves (PreuvesPreuve), oldest first.
 * Returned preuves belong to the portfolio (transfer none). */
GListModel       *preuves_portfolio_get_preuves         (PreuvesPortfolio  *self);
PreuvesPreuve    *preuves_portfolio_add_preuve          (PreuvesPortfolio  *self,
                                                         const char        *title,
                                                         GError           **error);
PreuvesPreuve    *preuves_portfolio_find_preuve         (PreuvesPortfolio  *self,
                                                         const char        *uuid);
gboolean          preuves_portfolio_remove_preuve       (PreuvesPortfolio  *self,
                                                         PreuvesPreuve     *preuve,
                                                         GError           **error);
gboolean          preuves_portfolio_restore_preuve      (PreuvesPortfolio  *self,
                                                         PreuvesPreuve     *preuve,
                                                         GError           **error);

/* Links between a preuve and a sous-compétence (its référentiel id, such as
 * "C1-1.3"). Lists are snapshots of PreuvesLink: refresh them on
 * PreuvesPortfolio::changed::links. */
PreuvesLink      *preuves_portfolio_link                (PreuvesPortfolio  *self,
                                                         PreuvesPreuve     *preuve,
                                                         const char        *sous_competence_id,
                                                         const char        *justification,
                                                         GError           **error);
gboolean          preuves_portfolio_unlink              (PreuvesPortfolio  *self,
                                                         PreuvesPreuve     *preuve,
                                                         const char        *sous_competence_id,
                                                         GError           **error);
gboolean          preuves_portfolio_set_justification   (PreuvesPortfolio  *self,
                                                         PreuvesPreuve     *preuve,
                                                         const char        *sous_competence_id,
                                                         const char        *justification,
                                                         GError           **error);
GListModel       *preuves_portfolio_list_links_for_preuve (PreuvesPortfolio *self,
                                                         PreuvesPreuve     *preuve);
GListModel       *preuves_portfolio_list_links_for_sous_competence (PreuvesPortfolio *self,
                                                         const char        *sous_competence_id);
GHashTable       *preuves_portfolio_count_links_by_sous_competence (PreuvesPortfolio *self);

/* Attachments. Bytes are streamed in chunks and never held whole. */
void              preuves_portfolio_attach_file_async   (PreuvesPortfolio    *self,
                                                         PreuvesPreuve       *preuve,
                                                         GFile               *file,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
PreuvesAttachment *preuves_portfolio_attach_file_finish (PreuvesPortfolio    *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
PreuvesAttachment *preuves_portfolio_attach_file        (PreuvesPortfolio    *self,
                                                         PreuvesPreuve       *preuve,
                                                         GFile               *file,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
gboolean          preuves_portfolio_remove_attachment   (PreuvesPortfolio    *self,
                                                         PreuvesAttachment   *attachment,
                                                         GError             **error);
gboolean          preuves_portfolio_restore_attachment  (PreuvesPortfolio    *self,
                                                         PreuvesAttachment   *attachment,
                                                         GError             **error);
GInputStream     *preuves_portfolio_open_blob_stream    (PreuvesPortfolio    *self,
                                                         const char          *sha256,
                                                         GError             **error);
/* Forgets the bytes of deleted attachments and documents (the tombstones
 * stay, so that a review round trip still sees the deletion). */
gboolean          preuves_portfolio_purge_deleted       (PreuvesPortfolio    *self,
                                                         GError             **error);

G_END_DECLS
