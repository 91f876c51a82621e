/* preuves-readiness.h — how ready each bloc and the whole certification are
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "preuves-types.h"
#include "preuves-referentiel.h"
#include "preuves-readiness-snapshot.h"

G_BEGIN_DECLS

/* One thing that keeps a bloc (or the certification) from being ready.
 * kind and target are stable strings for programs (the UI leads the user to
 * the target); message is a translated sentence that says what is missing
 * and where to fix it.
 *
 * Kinds and their targets:
 *   "sous-competence-uncovered"   sous-compétence id
 *   "sous-competence-unjustified" sous-compétence id (linked, never justified)
 *   "document-missing", "document-unchecked", "document-error",
 *   "document-annex-unknown", "document-too-short", "document-too-long"
 *                                 épreuve id ("bloc1", "finale")
 *   "criterion-not-met"           criterion id
 *   "rehearsal-missing", "rehearsal-out-of-window"
 *                                 épreuve id
 *   "remark-unresolved"           remark UUID
 *   "bloc-not-ready"              bloc code ("B1" … "B4")
 *   "coordination-missing"        "B1,B2,B3,B4" (the blocs to span) */
typedef struct
{
  char *kind;
  char *target;
  char *message;
} PreuvesReadinessReason;

/* The readiness of one bloc (code "B1" … "B4") or of the whole
 * certification (code "overall"). covered/total count the sous-compétences
 * backed by a justified link; for "overall" they add up the four blocs. */
typedef struct
{
  char                  *code;
  PreuvesReadinessState  state;
  guint                  covered;
  guint                  total;
  GPtrArray             *reasons; /* of PreuvesReadinessReason */
} PreuvesReadinessPart;

#define PREUVES_TYPE_READINESS_REASON (preuves_readiness_reason_get_type ())
#define PREUVES_TYPE_READINESS_PART (preuves_readiness_part_get_type ())
#define PREUVES_TYPE_READINESS (preuves_readiness_get_type ())

GType                   preuves_readiness_reason_get_type (void) G_GNUC_CONST;
PreuvesReadinessReason *preuves_readiness_reason_copy     (const PreuvesReadinessReason *reason);
void                    preuves_readiness_reason_free     (PreuvesReadinessReason       *reason);

GType                   preuves_readiness_part_get_type   (void) G_GNUC_CONST;
PreuvesReadinessPart   *preuves_readiness_part_copy       (const PreuvesReadinessPart   *part);
void                    preuves_readiness_part_free       (PreuvesReadinessPart         *part);
const PreuvesReadinessReason *preuves_readiness_part_find_reason (const PreuvesReadinessPart *part,
                                                           const char                   *kind,
                                                           const char                   *target);

G_DECLARE_FINAL_TYPE (PreuvesReadiness, preuves_readiness, PREUVES, READINESS, GObject)

PreuvesReadiness           *preuves_readiness_compute     (PreuvesReferentiel             *referentiel,
                                                           PreuvesPath                     path,
                                                           const PreuvesReadinessSnapshot *snapshot);
PreuvesPath                 preuves_readiness_get_path    (PreuvesReadiness               *self);
guint                       preuves_readiness_get_n_blocs (PreuvesReadiness               *self);
const PreuvesReadinessPart *preuves_readiness_get_bloc    (PreuvesReadiness               *self,
                                                           guint                           position);
const PreuvesReadinessPart *preuves_readiness_lookup_bloc (PreuvesReadiness               *self,
                                                           const char                     *code);
const PreuvesReadinessPart *preuves_readiness_get_overall (PreuvesReadiness               *self);
JsonNode                   *preuves_readiness_to_json     (PreuvesReadiness               *self);

/* Names people read. A bloc is "Bloc 2", as the référentiel and the
 * sidebar name it; its code ("B2") is for programs only. */
char                       *preuves_readiness_bloc_name   (const PreuvesBloc              *bloc);
char                       *preuves_readiness_epreuve_name (const PreuvesEpreuve          *epreuve);

/* What a state word qualifies: in French it agrees with it (« le bloc est
 * prêt », « la certification est prête »). */
typedef enum
{
  PREUVES_READINESS_OF_BLOC,
  PREUVES_READINESS_OF_CERTIFICATION,
} PreuvesReadinessSubject;

const char                 *preuves_readiness_state_label (PreuvesReadinessState           state,
                                                           PreuvesReadinessSubject         subject);
const char                 *preuves_readiness_part_state_label (const PreuvesReadinessPart *part);

/* TRUE when both durations are inside the épreuve's windows, bounds
 * included (15:00 and 20:00 are inside 15–20 min; 14:59 and 20:01 not). */
gboolean                    preuves_readiness_rehearsal_in_window (const PreuvesEpreuve   *epreuve,
                                                           guint                           presentation_seconds,
                                                           guint                           exchange_seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreuvesReadinessReason, preuves_readiness_reason_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreuvesReadinessPart, preuves_readiness_part_free)

G_END_DECLS
