/* preuves-types.h — small enumerations shared by the whole core
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The two ways to the certification. Stored in the portfolio as the
 * strings "formation" and "vae" (see preuves_path_to_string()). */
typedef enum
{
  PREUVES_PATH_FORMATION,
  PREUVES_PATH_VAE,
} PreuvesPath;

/* Self-assessment of one evaluation criterion. Stored as "not-yet",
 * "in-progress" and "met". */
typedef enum
{
  PREUVES_CRITERION_NOT_YET,
  PREUVES_CRITERION_IN_PROGRESS,
  PREUVES_CRITERION_MET,
} PreuvesCriterionState;

/* How the start of the annexes of a written document was found. Stored and
 * printed as "none", "outline", "heading" and "manual". */
typedef enum
{
  PREUVES_ANNEX_METHOD_NONE,
  PREUVES_ANNEX_METHOD_OUTLINE,
  PREUVES_ANNEX_METHOD_HEADING,
  PREUVES_ANNEX_METHOD_MANUAL,
} PreuvesAnnexMethod;

/* Readiness of a bloc or of the whole certification. Printed as
 * "not-started", "in-progress" and "ready". */
typedef enum
{
  PREUVES_READINESS_NOT_STARTED,
  PREUVES_READINESS_IN_PROGRESS,
  PREUVES_READINESS_READY,
} PreuvesReadinessState;

const char *preuves_path_to_string             (PreuvesPath            path);
gboolean    preuves_path_from_string           (const char            *text,
                                                PreuvesPath           *path);
const char *preuves_criterion_state_to_string  (PreuvesCriterionState  state);
gboolean    preuves_criterion_state_from_string (const char           *text,
                                                PreuvesCriterionState *state);
const char *preuves_annex_method_to_string     (PreuvesAnnexMethod     method);
gboolean    preuves_annex_method_from_string   (const char            *text,
                                                PreuvesAnnexMethod    *method);
const char *preuves_readiness_state_to_string  (PreuvesReadinessState  state);

G_END_DECLS
