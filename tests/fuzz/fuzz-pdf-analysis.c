/* fuzz-pdf-analysis.c — libFuzzer harness: what the probe does with a PDF
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the probe's analysis (page count, annex detection) and its --text
 * mode in process, on a seekable descriptor, as the probe does. poppler
 * is not instrumented unless built so; the findings this is for are in
 * Preuves's own code around it.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <unistd.h>

#include "preuves-names-check.h"
#include "preuves-pdf-analysis.h"
#include "preuves-pdf-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
input_fd (const uint8_t *data,
          size_t         size)
{
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("fuzz-pdf-XXXXXX.pdf", &path, NULL);

  g_assert (fd >= 0);
  g_unlink (path);
  g_assert (write (fd, data, size) == (ssize_t) size);
  lseek (fd, 0, SEEK_SET);
  return fd;
}

static void
match_names (JsonNode *texts)
{
  static const char * const names[] = { "Zoé Lefèvre", "Annexes", NULL };
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;
  g_auto(GStrv) pages = NULL;
  gsize length;

  json_generator_set_root (generator, texts);
  json = json_generator_to_data (generator, &length);
  pages = preuves_pdf_page_texts_from_json (json, length, NULL);
  for (guint i = 0; pages != NULL && pages[i] != NULL; i++)
    g_free (preuves_names_find (names, pages[i]));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(PreuvesPdfReport) report = NULL;
  g_autoptr(JsonNode) texts = NULL;
  int fd = input_fd (data, size);

  /* The analysis takes the descriptor. */
  report = preuves_pdf_analyze_fd (dup (fd), TRUE, NULL);
  texts = preuves_pdf_page_texts_fd (fd, NULL);
  if (texts != NULL)
    match_names (texts);
  close (fd);
  return 0;
}
