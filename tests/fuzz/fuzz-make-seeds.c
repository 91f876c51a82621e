/* fuzz-make-seeds.c — writes a small seed corpus for one of the fuzzers
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: fuzz-make-seeds portfolio|referentiel|pdf DIR [REFERENTIEL_JSON]
 *
 * Seeds are made at run time, by the same code as the app, so that they
 * follow the file formats as they change.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "pdf-fixtures.h"
#include "preuves-assessment.h"
#include "preuves-portfolio.h"

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("fuzz-make-seeds: %s", error != NULL ? error->message : "failed");
}

static void
make_portfolio (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "seed.preuves", NULL);
  g_autofree char *doc_path = g_build_filename (dir, "doc.tmp", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) doc = g_file_new_for_path (doc_path);
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(PreuvesAttachment) attachment = NULL;
  g_autoptr(PreuvesLink) link = NULL;
  g_autoptr(GError) error = NULL;
  const char * const names[] = { "Zoé Lefèvre", NULL };
  PreuvesPreuve *preuve;

  portfolio = preuves_portfolio_create (file, "Camille Essai", PREUVES_PATH_VAE, &error);
  check (portfolio != NULL, error);
  preuve = preuves_portfolio_add_preuve (portfolio, "Diagnostic", &error);
  check (preuve != NULL, error);
  check (g_file_set_contents (doc_path, "%PDF-1.4 a small document", -1, &error), error);
  attachment = preuves_portfolio_attach_file (portfolio, preuve, doc, NULL, &error);
  check (attachment != NULL, error);
  link = preuves_portfolio_link (portfolio, preuve, "C1-1.1", "Justification", &error);
  check (link != NULL, error);
  check (preuves_portfolio_set_names (portfolio, names, &error), error);
  preuves_portfolio_close (portfolio);
  g_unlink (doc_path);
}

static void
make_pdfs (const char *dir)
{
  g_autofree char *document = g_build_filename (dir, "document.pdf", NULL);
  g_autofree char *names = g_build_filename (dir, "names.pdf", NULL);
  g_autoptr(GError) error = NULL;
  const PdfPageSpec pages[] = { { "Compte rendu\nZoé Lefèvre", FALSE }, { "ANNEXES", FALSE } };

  check (preuves_test_make_document (document, 4, 3, &error), error);
  check (preuves_test_make_pdf (names, pages, G_N_ELEMENTS (pages), NULL, 0, &error), error);
}

static void
copy_referentiel (const char *dir,
                  const char *json)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (dir, "referentiel.json", NULL);
  g_autoptr(GError) error = NULL;
  gsize length;

  check (g_file_get_contents (json, &contents, &length, &error), error);
  check (g_file_set_contents (path, contents, length, &error), error);
}

int
main (int    argc,
      char **argv)
{
  if (argc >= 3 && g_str_equal (argv[1], "portfolio"))
    make_portfolio (argv[2]);
  else if (argc >= 3 && g_str_equal (argv[1], "pdf-analysis"))
    make_pdfs (argv[2]);
  else if (argc >= 4 && g_str_equal (argv[1], "referentiel"))
    copy_referentiel (argv[2], argv[3]);
  else
    {
      g_printerr ("Usage: fuzz-make-seeds portfolio|pdf-analysis DIR\n"
                  "       fuzz-make-seeds referentiel DIR FILE.json\n");
      return 2;
    }
  return 0;
}
