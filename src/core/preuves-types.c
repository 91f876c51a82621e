/* preuves-types.c — small enumerations shared by the whole core
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "preuves-types.h"

/* These strings are stored in portfolio files and printed by preuves-cli:
 * they are part of the file format and of the CLI's JSON, never translate
 * or rename them. */
static const char * const path_names[] = { "formation", "vae" };
static const char * const criterion_names[] = { "not-yet", "in-progress", "met" };
static const char * const annex_method_names[] = { "none", "outline", "heading", "manual" };
static const char * const readiness_names[] = { "not-started", "in-progress", "ready" };

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *text,
             int                *value)
{
  for (guint i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (names[i], text) == 0)
        {
          *value = (int) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
preuves_path_to_string (PreuvesPath path)
{
  g_return_val_if_fail (path < G_N_ELEMENTS (path_names), NULL);
  return path_names[path];
}

gboolean
preuves_path_from_string (const char  *text,
                          PreuvesPath *path)
{
  int value;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!lookup_name (path_names, G_N_ELEMENTS (path_names), text, &value))
    return FALSE;
  *path = (PreuvesPath) value;
  return TRUE;
}

const char *
preuves_criterion_state_to_string (PreuvesCriterionState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (criterion_names), NULL);
  return criterion_names[state];
}

gboolean
preuves_criterion_state_from_string (const char            *text,
                                     PreuvesCriterionState *state)
{
  int value;

  g_return_val_if_fail (state != NULL, FALSE);

  if (!lookup_name (criterion_names, G_N_ELEMENTS (criterion_names), text, &value))
    return FALSE;
  *state = (PreuvesCriterionState) value;
  return TRUE;
}

const char *
preuves_annex_method_to_string (PreuvesAnnexMethod method)
{
  g_return_val_if_fail (method < G_N_ELEMENTS (annex_method_names), NULL);
  return annex_method_names[method];
}

gboolean
preuves_annex_method_from_string (const char         *text,
                                  PreuvesAnnexMethod *method)
{
  int value;

  g_return_val_if_fail (method != NULL, FALSE);

  if (!lookup_name (annex_method_names, G_N_ELEMENTS (annex_method_names), text, &value))
    return FALSE;
  *method = (PreuvesAnnexMethod) value;
  return TRUE;
}

const char *
preuves_readiness_state_to_string (PreuvesReadinessState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (readiness_names), NULL);
  return readiness_names[state];
}
