/* preuves-readiness-snapshot.h — what readiness needs to know about a portfolio
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "preuves-portfolio.h"
#include "preuves-types.h"

G_BEGIN_DECLS

/* One link between a preuve and a sous-compétence. Only a link with a
 * written justification backs the sous-compétence. */
typedef struct
{
  const char *preuve_id;
  const char *sous_competence_id;
  gboolean    justified;
} PreuvesSnapshotLink;

/* The check of the written document of one épreuve. */
typedef struct
{
  char               *epreuve_id;
  gboolean            checked;       /* the probe ran on the current bytes */
  char               *error;         /* what the check reported, or NULL */
  int                 pages_total;   /* -1 when not checked */
  int                 annex_start;   /* 1-based first annex page, 0 when unknown */
  PreuvesAnnexMethod  annex_method;
  int                 pages_counted; /* pages before the annexes, -1 when not checked */
  gboolean            text_layer;
} PreuvesSnapshotDocument;

typedef struct
{
  char  *epreuve_id;
  guint  presentation_seconds;
  guint  exchange_seconds;
} PreuvesSnapshotRehearsal;

/* An advisor remark that is not resolved yet. target_kind is one of
 * "bloc", "epreuve", "preuve", "sous-competence", "criterion" or
 * "document"; target_id is the bloc code (or its épreuve id), épreuve id,
 * preuve UUID, sous-compétence id, criterion id, or the épreuve id of the
 * document. Any other kind concerns the certification as a whole.
 * target_label names the target for people (a preuve's title). */
typedef struct
{
  char *remark_id;
  char *target_kind;
  char *target_id;
  char *target_label;
  char *text;
} PreuvesSnapshotRemark;

/* A plain copy of the few facts readiness is computed from. It never holds
 * a document's bytes, so building it costs the same whatever the size of
 * the attachments, and computing readiness from it is a pure function.
 * Read the fields directly; fill them with the _add_ functions. */
typedef struct
{
  /*< public, read-only >*/
  GArray     *links;        /* of PreuvesSnapshotLink */
  GHashTable *documents;    /* épreuve id → PreuvesSnapshotDocument */
  GHashTable *criteria;     /* criterion id → GINT_TO_POINTER (PreuvesCriterionState + 1) */
  GPtrArray  *rehearsals;   /* of PreuvesSnapshotRehearsal */
  GPtrArray  *remarks;      /* of PreuvesSnapshotRemark, unresolved only */
  /*< private >*/
  gatomicrefcount ref_count;
  GStringChunk   *strings;  /* the ids of the links, each stored once */
} PreuvesReadinessSnapshot;

#define PREUVES_TYPE_READINESS_SNAPSHOT (preuves_readiness_snapshot_get_type ())

GType                     preuves_readiness_snapshot_get_type      (void) G_GNUC_CONST;

PreuvesReadinessSnapshot *preuves_readiness_snapshot_new           (void);
PreuvesReadinessSnapshot *preuves_readiness_snapshot_new_from_portfolio (PreuvesPortfolio      *portfolio,
                                                                    GError                       **error);
PreuvesReadinessSnapshot *preuves_readiness_snapshot_ref           (PreuvesReadinessSnapshot      *self);
void                      preuves_readiness_snapshot_unref         (PreuvesReadinessSnapshot      *self);

void                      preuves_readiness_snapshot_add_link      (PreuvesReadinessSnapshot      *self,
                                                                    const char                    *preuve_id,
                                                                    const char                    *sous_competence_id,
                                                                    gboolean                       justified);
void                      preuves_readiness_snapshot_add_document  (PreuvesReadinessSnapshot      *self,
                                                                    const PreuvesSnapshotDocument *document);
void                      preuves_readiness_snapshot_add_criterion (PreuvesReadinessSnapshot      *self,
                                                                    const char                    *criterion_id,
                                                                    PreuvesCriterionState          state);
void                      preuves_readiness_snapshot_add_rehearsal (PreuvesReadinessSnapshot      *self,
                                                                    const char                    *epreuve_id,
                                                                    guint                          presentation_seconds,
                                                                    guint                          exchange_seconds);
void                      preuves_readiness_snapshot_add_remark    (PreuvesReadinessSnapshot      *self,
                                                                    const char                    *remark_id,
                                                                    const char                    *target_kind,
                                                                    const char                    *target_id,
                                                                    const char                    *target_label,
                                                                    const char                    *text);

gboolean                  preuves_readiness_snapshot_lookup_criterion (PreuvesReadinessSnapshot *self,
                                                                    const char                    *criterion_id,
                                                                    PreuvesCriterionState         *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreuvesReadinessSnapshot, preuves_readiness_snapshot_unref)

G_END_DECLS
