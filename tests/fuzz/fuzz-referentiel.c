/* fuzz-referentiel.c — libFuzzer harness: a référentiel file
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes given as a référentiel JSON file must load or fail with an
 * error; a référentiel that loads is walked through its public API.
 */

#include "config.h"

#include <stdint.h>

#include "preuves-referentiel.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(PreuvesReferentiel) referentiel = NULL;
  g_autoptr(GError) error = NULL;

  referentiel = preuves_referentiel_new_from_bytes (bytes, &error);
  if (referentiel == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }
  g_assert (error == NULL);
  g_assert (preuves_referentiel_get_id (referentiel) != NULL);
  return 0;
}
