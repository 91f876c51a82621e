/* bench-make-pdfs.c — the documents bench-pages.sh times
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-make-pdfs DIR
 * Writes DIR/pages-20.pdf (annexes at 18), DIR/pages-60.pdf (annexes at
 * 53) and DIR/pages-400.pdf (annexes at 60: the check should stop reading
 * there), each page full of text like a real written document.
 */

#include "config.h"

#include <stdlib.h>

#include "pdf-fixtures.h"

static const struct
{
  const char *name;
  guint       n_pages;
  guint       annex_start;
} documents[] = {
  { "pages-20.pdf", 20, 18 },
  { "pages-60.pdf", 60, 53 },
  { "pages-400.pdf", 400, 60 },
};

int
main (int    argc,
      char **argv)
{
  if (argc != 2)
    {
      g_printerr ("Usage: bench-make-pdfs DIR\n");
      return EXIT_FAILURE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *path = g_build_filename (argv[1], documents[i].name, NULL);
      g_autoptr(GError) error = NULL;

      if (!preuves_test_make_document (path, documents[i].n_pages, documents[i].annex_start, &error))
        {
          g_printerr ("%s: %s\n", path, error->message);
          return EXIT_FAILURE;
        }
    }
  return EXIT_SUCCESS;
}
