/* test-export.c — the report and the deposit, opened again with poppler
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>
#include <sys/wait.h>

#include "pdf-fixtures.h"
#include "portfolio-test-util.h"
#include "preuves-deposit.h"
#include "preuves-portfolio.h"
#include "preuves-report.h"
#include "raw-pdf.h"

#define CANDIDATE      "Alex Essai"
#define TITLE_A        "Budget prévisionnel du pôle"
#define TITLE_BIG      "Photos du chantier"
#define TITLE_SECRET   "Dossier disciplinaire Zorglub"
#define JUSTIF_A       "Le budget montre JUSTIFALPHA"
#define JUSTIF_SECRET  "SECRETJUSTIF"
#define PAGE_TEXT      "PREUVEAPAGE"
#define TITLE_CRASH    "Compte rendu du conseil"
#define TITLE_ENDLESS  "Formulaire d’inscription"
#define TITLE_MIXED    "Annexes du projet"
#define PLANNING_TEXT  "PLANNINGPAGE"
/* Poppler "crashes" on a document that carries this (see use_crashing_probe()). */
#define CRASH_MARK     "%PREUVES-TEST-POPPLER-DIES-HERE"

typedef struct
{
  char             *dir;
  char             *path;
  PreuvesPortfolio *portfolio;
} Fixture;

/* ---- A portfolio with three preuves -------------------------------------- */

static void
attach (Fixture       *fixture,
        PreuvesPreuve *preuve,
        const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PreuvesAttachment) attachment = preuves_portfolio_attach_file (fixture->portfolio, preuve, file,
                                                                           NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (attachment);
}

static PreuvesPreuve *
add_preuve (Fixture    *fixture,
            const char *title,
            const char *sous_competence,
            const char *justification)
{
  g_autoptr(GError) error = NULL;
  PreuvesPreuve *preuve = preuves_portfolio_add_preuve (fixture->portfolio, title, &error);
  g_autoptr(PreuvesLink) link = NULL;

  g_assert_no_error (error);
  link = preuves_portfolio_link (fixture->portfolio, preuve, sous_competence, justification, &error);
  g_assert_no_error (error);
  return preuve;
}

/* A 16 × 8 JPEG: the deposit keeps its bytes as they are. */
static const guint8 tiny_jpeg[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01,
  0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43,
  0x00, 0x0a, 0x07, 0x07, 0x08, 0x07, 0x06, 0x0a, 0x08, 0x08, 0x08, 0x0b,
  0x0a, 0x0a, 0x0b, 0x0e, 0x18, 0x10, 0x0e, 0x0d, 0x0d, 0x0e, 0x1d, 0x15,
  0x16, 0x11, 0x18, 0x23, 0x1f, 0x25, 0x24, 0x22, 0x1f, 0x22, 0x21, 0x26,
  0x2b, 0x37, 0x2f, 0x26, 0x29, 0x34, 0x29, 0x21, 0x22, 0x30, 0x41, 0x31,
  0x34, 0x39, 0x3b, 0x3e, 0x3e, 0x3e, 0x25, 0x2e, 0x44, 0x49, 0x43, 0x3c,
  0x48, 0x37, 0x3d, 0x3e, 0x3b, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x0a, 0x0b,
  0x0b, 0x0e, 0x0d, 0x0e, 0x1c, 0x10, 0x10, 0x1c, 0x3b, 0x28, 0x22, 0x28,
  0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b,
  0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b,
  0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b,
  0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b,
  0x3b, 0x3b, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x08, 0x00, 0x10, 0x03,
  0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xc4, 0x00,
  0x15, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0xff, 0xc4, 0x00, 0x16,
  0x10, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x15, 0x62, 0xff, 0xc4, 0x00, 0x15,
  0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x06, 0xff, 0xc4, 0x00, 0x19, 0x11,
  0x00, 0x02, 0x03, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x52, 0x04, 0x05, 0x15, 0x16, 0xff, 0xda,
  0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00,
  0x83, 0xa3, 0xa2, 0x8e, 0x81, 0x7f, 0xcf, 0xd7, 0xa0, 0x8e, 0xe4, 0xe6
};

/* Noise does not compress: the image weighs about its pixels, ~1.9 MB. */
static char *
make_noise_png (const char *dir)
{
  char *path = g_build_filename (dir, "chantier.png", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 800);
  guint32 *pixels;
  GRand *rand = g_rand_new_with_seed (7);

  cairo_surface_flush (surface);
  pixels = (guint32 *) cairo_image_surface_get_data (surface);
  for (guint i = 0; i < 800 * 800; i++)
    pixels[i] = g_rand_int (rand) & 0xFFFFFF;
  cairo_surface_mark_dirty (surface);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_rand_free (rand);
  return path;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *png = NULL;
  g_autofree char *text = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *jpeg = NULL;
  PdfPageSpec pages[] = { { "Budget\n" PAGE_TEXT " one", FALSE }, { "Page two", FALSE }, { "Page three", FALSE } };
  PreuvesPreuve *a, *big, *secret;

  fixture->dir = g_dir_make_tmp ("test-export-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "portfolio.preuves", NULL);
  file = g_file_new_for_path (fixture->path);
  fixture->portfolio = preuves_portfolio_create (file, CANDIDATE, PREUVES_PATH_VAE, &error);
  g_assert_no_error (error);
  preuves_portfolio_set_etablissement (fixture->portfolio, "Lycée des Essais", &error);
  g_assert_no_error (error);

  pdf = g_build_filename (fixture->dir, "budget.pdf", NULL);
  g_assert_true (preuves_test_make_pdf (pdf, pages, G_N_ELEMENTS (pages), NULL, 0, &error));
  png = make_noise_png (fixture->dir);
  text = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (text, "plain notes\n", -1, &error));

  jpeg = g_build_filename (fixture->dir, "reunion.jpg", NULL);
  g_assert_true (g_file_set_contents (jpeg, (const char *) tiny_jpeg, sizeof tiny_jpeg, &error));

  a = add_preuve (fixture, TITLE_A, "C1-1.1", JUSTIF_A);
  attach (fixture, a, pdf);
  attach (fixture, a, jpeg);
  big = add_preuve (fixture, TITLE_BIG, "C1-1.3", "Les photos montrent le chantier.");
  attach (fixture, big, png);
  attach (fixture, big, text);
  /* A PDF that poppler cannot read: named, not fatal. */
  broken = g_build_filename (fixture->dir, "casse.pdf", NULL);
  g_assert_true (g_file_set_contents (broken, "%PDF-1.4\n1 0 obj << /Pages 9 0 R >>\n%%EOF\n", -1, &error));
  attach (fixture, add_preuve (fixture, "Preuve abimee", "C1-1.4", "Illisible"), broken);
  secret = add_preuve (fixture, TITLE_SECRET, "C1-1.2", JUSTIF_SECRET);
  preuves_preuve_set_confidential (secret, TRUE, &error);
  g_assert_no_error (error);
  attach (fixture, secret, pdf);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  preuves_portfolio_close (fixture->portfolio);
  g_clear_object (&fixture->portfolio);
  preuves_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* ---- Reading the PDFs again ---------------------------------------------- */

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document;

  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return document;
}

static char *
all_text (PopplerDocument *document)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      /* Lines wrap in table cells: compare words, not lines. */
      g_strdelimit (page_text, "\n", ' ');
      g_string_append (text, page_text);
      g_string_append_c (text, ' ');
      g_object_unref (page);
    }
  return g_string_free (text, FALSE);
}

static void
collect_outline (PopplerIndexIter *iter,
                 GString          *titles)
{
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child = poppler_index_iter_get_child (iter);

      if (action->type == POPPLER_ACTION_GOTO_DEST)
        g_string_append_printf (titles, "%s\n", action->any.title);
      poppler_action_free (action);
      if (child != NULL)
        {
          collect_outline (child, titles);
          poppler_index_iter_free (child);
        }
    }
  while (poppler_index_iter_next (iter));
}

static char *
outline_titles (PopplerDocument *document)
{
  PopplerIndexIter *iter = poppler_index_iter_new (document);
  GString *titles = g_string_new (NULL);

  if (iter != NULL)
    {
      collect_outline (iter, titles);
      poppler_index_iter_free (iter);
    }
  return g_string_free (titles, FALSE);
}

/* PDFs hold NUL bytes: g_strstr_len() would stop at the first. */
static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Only what the user typed: no author, creator or producer. */
static void
assert_no_metadata (PopplerDocument *document)
{
  g_autofree char *author = poppler_document_get_author (document);
  g_autofree char *creator = poppler_document_get_creator (document);
  g_autofree char *producer = poppler_document_get_producer (document);

  g_assert_true (author == NULL || *author == '\0');
  g_assert_true (creator == NULL || *creator == '\0');
  g_assert_true (producer == NULL || *producer == '\0');
}

static char *
write_report (Fixture  *fixture,
              gboolean  include_confidential)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesReport) report = preuves_report_new (fixture->portfolio, include_confidential, &error);
  char *path = g_build_filename (fixture->dir, include_confidential ? "all.pdf" : "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_no_error (error);
  g_assert_cmpuint (preuves_report_get_n_excluded (report), ==, include_confidential ? 0 : 1);
  g_assert_true (preuves_report_write (report, file, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* ---- Report -------------------------------------------------------------- */

static void
test_report (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = write_report (fixture, FALSE);
  PopplerDocument *document = open_pdf (path);
  g_autofree char *text = all_text (document);
  g_autofree char *outline = outline_titles (document);
  g_autofree char *title = poppler_document_get_title (document);
  int n_pages = poppler_document_get_n_pages (document);
  g_autofree char *last = g_strdup_printf ("Page %d / %d", n_pages, n_pages);

  g_assert_cmpint (n_pages, >, 1);
  g_assert_nonnull (strstr (text, "Page 1 / "));
  g_assert_nonnull (strstr (text, last));
  g_assert_nonnull (strstr (text, CANDIDATE));
  g_assert_nonnull (strstr (text, "Lycée des Essais"));
  g_assert_nonnull (strstr (text, "C1-1.1"));
  g_assert_nonnull (strstr (text, "JUSTIFALPHA"));
  g_assert_nonnull (strstr (text, "Photos")); /* cells interleave: one word */
  /* The written documents' section is there, even without a document. */
  g_assert_nonnull (strstr (text, "15–20"));
  /* Left out: the confidential preuve's title and its justification. */
  g_assert_null (strstr (text, "Zorglub"));
  g_assert_null (strstr (text, JUSTIF_SECRET));
  g_assert_nonnull (strstr (outline, "Bloc 1"));
  g_assert_nonnull (strstr (outline, "Bloc 4"));
  g_assert_nonnull (strstr (title, CANDIDATE));
  assert_no_metadata (document);
  g_object_unref (document);
}

static void
test_report_confidential (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = write_report (fixture, TRUE);
  PopplerDocument *document = open_pdf (path);
  g_autofree char *text = all_text (document);

  g_assert_nonnull (strstr (text, "Zorglub"));
  g_assert_nonnull (strstr (text, JUSTIF_SECRET));
  g_object_unref (document);
}

/* Every row of a long table stays whole on its page. */
static void
test_report_long_table (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = preuves_test_body_text ("Justification", 12);
  g_autofree char *path = NULL;
  PopplerDocument *document;
  g_autofree char *text = NULL;

  for (guint i = 1; i <= 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("C1-1.%u", i);
      g_autofree char *title = g_strdup_printf ("Preuve longue %u", i);
      g_autofree char *why = g_strdup_printf ("ROWSTART%u %s ROWEND%u.", i, long_text, i);

      add_preuve (fixture, title, id, why);
    }
  path = write_report (fixture, FALSE);
  document = open_pdf (path);
  text = all_text (document);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = g_strdelimit (poppler_page_get_text (page), "\n", ' ');

      for (guint row = 1; row <= 10; row++)
        {
          g_autofree char *start = g_strdup_printf ("ROWSTART%u ", row);
          g_autofree char *end = g_strdup_printf ("ROWEND%u.", row);

          g_assert_true ((strstr (page_text, start) != NULL) == (strstr (page_text, end) != NULL));
        }
      g_object_unref (page);
    }
  g_assert_nonnull (strstr (text, "ROWEND10"));
  g_object_unref (document);
}

/* Printing lays the same report out on the printer's paper (here US
 * Letter) and draws it page by page with the same code. */
static void
test_report_print_pages (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesReport) report = preuves_report_new (fixture->portfolio, FALSE, &error);
  g_autofree char *path = g_build_filename (fixture->dir, "printed.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 612, 792);
  cairo_t *cr = cairo_create (surface);
  guint n_pages = preuves_report_paginate (report, cr, 612, 792);
  g_autofree char *last = g_strdup_printf ("Page %u / %u", n_pages, n_pages);
  PopplerDocument *document;
  g_autofree char *text = NULL;
  double width, height;
  PopplerPage *page;

  g_assert_cmpuint (n_pages, >, 1);
  for (guint i = 0; i < n_pages; i++)
    {
      preuves_report_draw_page (report, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  document = open_pdf (path);
  text = all_text (document);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, n_pages);
  g_assert_nonnull (strstr (text, last));
  g_assert_nonnull (strstr (text, "JUSTIFALPHA"));
  g_assert_null (strstr (text, "Zorglub"));
  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat (width, ==, 612);
  g_object_unref (page);
  g_object_unref (document);
}

/* ---- Deposit ------------------------------------------------------------- */

static PreuvesDepositResult *
write_deposit (Fixture  *fixture,
               guint64   limit,
               char    **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesReport) report = preuves_report_new (fixture->portfolio, FALSE, &error);
  char *dir = g_build_filename (fixture->dir, "depot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  PreuvesDepositResult *result;

  g_assert_no_error (error);
  result = preuves_deposit_write (report, file, limit, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  *dir_out = dir;
  return result;
}

static void
test_deposit (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autoptr(PreuvesDepositResult) result = write_deposit (fixture, 10 * PREUVES_DEPOSIT_MB, &dir);
  PreuvesDepositFile *bloc1 = result->files->pdata[0];
  PopplerDocument *document;
  g_autofree char *text = NULL;
  g_autofree char *outline = NULL;
  g_autofree char *bytes = NULL;
  gsize length;

  g_assert_cmpuint (result->files->len, ==, 4);
  g_assert_true (g_str_has_prefix (bloc1->path, dir));
  g_assert_true (g_str_has_suffix (bloc1->path, ".pdf"));
  g_assert_nonnull (strstr (bloc1->path, "Bloc-1-"));
  g_assert_false (bloc1->too_big);
  g_assert_null (bloc1->message);
  /* The text file and the damaged PDF cannot go in, and it is said so. */
  g_assert_cmpuint (result->problems->len, ==, 2);
  g_assert_nonnull (strstr (result->problems->pdata[0], "notes.txt"));
  g_assert_nonnull (strstr (result->problems->pdata[1], "casse.pdf"));
  g_assert_nonnull (strstr (result->problems->pdata[1], "Preuve abimee"));

  document = open_pdf (bloc1->path);
  text = all_text (document);
  outline = outline_titles (document);
  /* Table, two title pages, three PDF pages, two images. */
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, bloc1->n_pages);
  g_assert_cmpint (poppler_document_get_n_pages (document), >=, 1 + 2 + 3 + 2);
  /* The JPEG goes in as JPEG, not as decoded pixels. */
  g_assert_true (g_file_get_contents (bloc1->path, &bytes, &length, NULL));
  g_assert_true (contains_bytes (bytes, length, "/DCTDecode"));
  g_assert_nonnull (strstr (outline, "Correspondence table"));
  g_assert_nonnull (strstr (outline, TITLE_A));
  g_assert_nonnull (strstr (outline, TITLE_BIG));
  g_assert_nonnull (strstr (outline, "budget.pdf"));
  g_assert_nonnull (strstr (outline, "chantier.png"));
  g_assert_nonnull (strstr (outline, "reunion.jpg"));
  g_assert_null (strstr (outline, "Zorglub"));
  /* The preuve's pages are drawn again as text, not as pictures. */
  g_assert_nonnull (strstr (text, PAGE_TEXT));
  g_assert_nonnull (strstr (text, "JUSTIFALPHA"));
  g_assert_null (strstr (text, "Zorglub"));
  g_assert_null (strstr (text, JUSTIF_SECRET));
  assert_no_metadata (document);
  g_object_unref (document);
}

static void
test_deposit_limit (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autoptr(PreuvesDepositResult) result = write_deposit (fixture, 500 * 1000, &dir);
  PreuvesDepositFile *bloc1 = result->files->pdata[0];
  PreuvesDepositFile *bloc2 = result->files->pdata[1];
  PreuvesDepositContribution *biggest = bloc1->contributions->pdata[0];

  /* Kept, flagged, and the biggest preuve named first. */
  g_assert_true (g_file_test (bloc1->path, G_FILE_TEST_EXISTS));
  g_assert_true (bloc1->too_big);
  g_assert_cmpuint (bloc1->size, >, 500 * 1000);
  g_assert_cmpstr (biggest->title, ==, TITLE_BIG);
  g_assert_cmpuint (biggest->bytes, >, 1000 * 1000);
  g_assert_nonnull (strstr (bloc1->message, TITLE_BIG));
  g_assert_true (strstr (bloc1->message, TITLE_BIG) < strstr (bloc1->message, TITLE_A));
  g_assert_false (bloc2->too_big);
}

/* ---- Documents that stop the probe, and other hostile ones --------------- */

static const char *
find_problem (PreuvesDepositResult *result,
              const char           *filename)
{
  for (guint i = 0; i < result->problems->len; i++)
    if (strstr (result->problems->pdata[i], filename) != NULL)
      return result->problems->pdata[i];
  return NULL;
}

static char *
make_text_pdf (Fixture    *fixture,
               const char *name,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);
  PdfPageSpec pages[] = { { text, FALSE } };

  g_assert_true (preuves_test_make_pdf (path, pages, G_N_ELEMENTS (pages), NULL, 0, &error));
  g_assert_no_error (error);
  return path;
}

/* A good PDF with CRASH_MARK in a comment after its end. */
static char *
make_crashing_pdf (Fixture *fixture)
{
  g_autofree char *path = make_text_pdf (fixture, "compte-rendu.pdf", "Compte rendu");
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* PDFs hold NUL bytes: appended as bytes, not as a string. */
  g_byte_array_append (bytes, (const guint8 *) contents, length);
  g_byte_array_append (bytes, (const guint8 *) "\n" CRASH_MARK "\n", strlen (CRASH_MARK) + 2);
  g_assert_true (g_file_set_contents (path, (const char *) bytes->data, bytes->len, NULL));
  return g_steal_pointer (&path);
}

/* Puts a script in front of the real probe: @before_probe runs, then the
 * real probe with the same arguments. Returns the real probe, to put
 * back; NULL (and the test is skipped) without one. */
static char *
wrap_probe (Fixture    *fixture,
            const char *name,
            const char *before_probe)
{
  const char *probe = g_getenv ("PREUVES_PDF_PROBE");
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *script = NULL;

  if (probe == NULL)
    {
      g_test_skip ("PREUVES_PDF_PROBE is not set");
      return NULL;
    }
  script = g_strdup_printf ("#!/bin/sh\n%sexec '%s' \"$@\"\n", before_probe, probe);
  g_assert_true (g_file_set_contents (path, script, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  g_setenv ("PREUVES_PDF_PROBE", path, TRUE);
  return g_strdup (probe);
}

/* As poppler would on a hostile file, the probe dies of a signal when one
 * of the documents it draws carries CRASH_MARK; otherwise the real probe
 * does the work. */
static char *
use_crashing_probe (Fixture *fixture)
{
  /* Only the documents the manifest (on standard input) draws: input N
   * is descriptor 3 + N. */
  return wrap_probe (fixture, "crashing-probe",
                     "for n in $(grep -o '\"input\":[0-9]*' /proc/self/fd/0 | cut -d: -f2); do\n"
                     "  grep -qa -e '" CRASH_MARK "' /proc/self/fd/$((n + 3)) && kill -SEGV $$\n"
                     "done\n");
}

/* Poppler dies on one document of bloc 1: the deposit is written all the
 * same, without that one document, which is named with the reason. */
static void
test_deposit_crash (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *crashing = make_crashing_pdf (fixture);
  g_autofree char *probe = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(PreuvesDepositResult) result = NULL;
  g_autofree char *text = NULL;
  g_autofree char *outline = NULL;
  PopplerDocument *document;
  const char *problem;

  attach (fixture, add_preuve (fixture, TITLE_CRASH, "C1-1.5", "Le compte rendu du conseil"), crashing);
  probe = use_crashing_probe (fixture);
  if (probe == NULL)
    return;
  result = write_deposit (fixture, 10 * PREUVES_DEPOSIT_MB, &dir);
  g_setenv ("PREUVES_PDF_PROBE", probe, TRUE);

  g_assert_cmpuint (result->files->len, ==, 4);
  /* Named beside the documents left out before, with the bloc's file and why. */
  g_assert_cmpuint (result->problems->len, ==, 3);
  g_assert_nonnull (find_problem (result, "notes.txt"));
  g_assert_nonnull (find_problem (result, "casse.pdf"));
  problem = find_problem (result, "compte-rendu.pdf");
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, TITLE_CRASH));
  g_assert_nonnull (strstr (problem, "Bloc-1-"));
  g_assert_nonnull (strstr (problem, "stopped the PDF checker"));

  /* The rest of the bloc is all there; the preuve keeps its title page. */
  document = open_pdf (((PreuvesDepositFile *) result->files->pdata[0])->path);
  text = all_text (document);
  outline = outline_titles (document);
  g_assert_nonnull (strstr (text, PAGE_TEXT));
  g_assert_nonnull (strstr (outline, "budget.pdf"));
  g_assert_nonnull (strstr (outline, "reunion.jpg"));
  g_assert_nonnull (strstr (outline, "chantier.png"));
  g_assert_nonnull (strstr (outline, TITLE_CRASH));
  g_assert_null (strstr (outline, "compte-rendu.pdf"));
  g_object_unref (document);
}

/* The real probe, started through a script that writes a line to @log
 * each time: its --timeout-ms, how many documents the manifest on
 * standard input has (input 0 is the frame, which is ours), and
 * "endless" when one of them is the endless PDF. */
static char *
use_logging_probe (Fixture    *fixture,
                   const char *log)
{
  /* The endless PDF's text is not compressed. */
  g_autofree char *before_probe =
    g_strdup_printf ("inputs=$(grep -o '\"input\":[1-9][0-9]*' /proc/self/fd/0 | cut -d: -f2)\n"
                     "what=\"$(printf '%%s\\n' \"$@\" | grep -e --timeout-ms=) $(echo $inputs | wc -w) documents\"\n"
                     "for n in $inputs; do\n"
                     "  grep -qa 'Encore une ligne' /proc/self/fd/$((n + 3)) && what=\"$what endless\"\n"
                     "done\n"
                     "echo \"$what\" >> '%s'\n", log);

  return wrap_probe (fixture, "logging-probe", before_probe);
}

static guint
count_lines_with (GStrv       lines,
                  const char *word)
{
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += strstr (lines[i], word) != NULL;
  return n;
}

/* A real PDF that poppler takes forever to draw, after good documents of
 * the same bloc: out of time, left out, named; the other documents of the
 * same preuve go in. It costs the time of one document, twice (in the
 * bloc's file, then alone), whatever the size of the bloc. */
static void
test_deposit_timeout (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *endless = g_build_filename (fixture->dir, "formulaire.pdf", NULL);
  g_autofree char *planning = make_text_pdf (fixture, "planning.pdf", "Planning\n" PLANNING_TEXT);
  g_autofree char *agenda = make_text_pdf (fixture, "agenda.pdf", "Agenda");
  g_autofree char *minutes = make_text_pdf (fixture, "proces-verbal.pdf", "Procès-verbal");
  PreuvesPreuve *preuve = add_preuve (fixture, TITLE_ENDLESS, "C2-1.1", "Le formulaire et le planning");
  g_autofree char *log = g_build_filename (fixture->dir, "probe.log", NULL);
  g_autofree char *probe = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(PreuvesDepositResult) result = NULL;
  g_autofree char *text = NULL;
  g_autofree char *outline = NULL;
  g_autofree char *starts = NULL;
  g_auto(GStrv) lines = NULL;
  PreuvesDepositFile *bloc1, *bloc2;
  PopplerDocument *document;
  const char *problem;

  preuves_test_make_endless_pdf (endless);
  attach (fixture, preuve, planning);
  attach (fixture, preuve, agenda);
  attach (fixture, preuve, minutes);
  attach (fixture, preuve, endless);
  probe = use_logging_probe (fixture, log);
  if (probe == NULL)
    return;
  /* A second for each document instead of thirty. */
  g_setenv ("PREUVES_PDF_PROBE_TIMEOUT_MS", "1000", TRUE);
  result = write_deposit (fixture, 10 * PREUVES_DEPOSIT_MB, &dir);
  g_unsetenv ("PREUVES_PDF_PROBE_TIMEOUT_MS");
  g_setenv ("PREUVES_PDF_PROBE", probe, TRUE);

  /* Every run of the probe had the limit of one document, not the bloc's;
   * the endless document went through it twice: in the bloc's file, then
   * alone. The good documents drawn before it were not drawn alone again:
   * the endless one, last of its bloc, was the only one. */
  g_assert_true (g_file_get_contents (log, &starts, NULL, NULL));
  lines = g_strsplit (g_strchomp (starts), "\n", -1);
  g_assert_cmpuint (count_lines_with (lines, "--timeout-ms=1000 "), ==, g_strv_length (lines));
  g_assert_cmpuint (count_lines_with (lines, "endless"), ==, 2);
  g_assert_cmpuint (count_lines_with (lines, " 1 documents"), ==, 1);
  g_assert_nonnull (strstr (starts, " 1 documents endless"));

  g_assert_cmpuint (result->files->len, ==, 4);
  problem = find_problem (result, "formulaire.pdf");
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, TITLE_ENDLESS));
  g_assert_nonnull (strstr (problem, "Bloc-2-"));
  g_assert_nonnull (strstr (problem, "took too long"));

  bloc2 = result->files->pdata[1];
  document = open_pdf (bloc2->path);
  text = all_text (document);
  outline = outline_titles (document);
  g_assert_nonnull (strstr (text, PLANNING_TEXT));
  g_assert_nonnull (strstr (outline, "planning.pdf"));
  g_assert_nonnull (strstr (outline, "agenda.pdf"));
  g_assert_nonnull (strstr (outline, "proces-verbal.pdf"));
  g_assert_null (strstr (outline, "formulaire.pdf"));
  g_object_unref (document);
  /* Bloc 1 did not suffer for it: table, two title pages, three PDF pages, two images. */
  bloc1 = result->files->pdata[0];
  g_assert_cmpuint (bloc1->n_pages, >=, 1 + 2 + 3 + 2);
}

/* An encrypted copy of @plain, or NULL where qpdf is not installed. */
static char *
make_encrypted (Fixture    *fixture,
                const char *plain)
{
  g_autofree char *path = g_build_filename (fixture->dir, "protege.pdf", NULL);

  return preuves_test_encrypt_pdf (plain, path) ? g_steal_pointer (&path) : NULL;
}

/* Half of a real document, and random bytes after a PDF header. */
static void
make_damaged (Fixture    *fixture,
              const char *plain,
              char      **truncated,
              char      **garbage)
{
  g_autofree char *contents = NULL;
  g_autofree char *noise = g_malloc (4096);
  gsize length;

  *truncated = g_build_filename (fixture->dir, "tronque.pdf", NULL);
  *garbage = g_build_filename (fixture->dir, "scan.pdf", NULL);
  g_assert_true (g_file_get_contents (plain, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (*truncated, contents, length / 2, NULL));
  for (guint i = 0; i < 4096; i++)
    noise[i] = g_test_rand_int_range (0, 256);
  memcpy (noise, "%PDF-1.7\n", 9);
  g_assert_true (g_file_set_contents (*garbage, noise, 4096, NULL));
}

/* Documents that poppler refuses without dying: each is either drawn or
 * named, never silently missing, and the good one beside them goes in. */
static void
test_deposit_unreadable (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *plain = g_build_filename (fixture->dir, "rapport.pdf", NULL);
  g_autofree char *planning = make_text_pdf (fixture, "planning.pdf", "Planning\n" PLANNING_TEXT);
  g_autofree char *truncated = NULL;
  g_autofree char *garbage = NULL;
  g_autofree char *encrypted = NULL;
  g_autoptr(GError) error = NULL;
  PreuvesPreuve *preuve = add_preuve (fixture, TITLE_MIXED, "C1-1.6", "Les annexes du projet");
  g_autofree char *dir = NULL;
  g_autoptr(PreuvesDepositResult) result = NULL;
  g_autofree char *text = NULL;
  g_autofree char *outline = NULL;
  PopplerDocument *document;

  g_assert_true (preuves_test_make_document (plain, 6, 5, &error));
  g_assert_no_error (error);
  make_damaged (fixture, plain, &truncated, &garbage);
  encrypted = make_encrypted (fixture, plain);
  attach (fixture, preuve, truncated);
  attach (fixture, preuve, garbage);
  if (encrypted != NULL)
    attach (fixture, preuve, encrypted);
  else
    g_test_message ("qpdf is not installed: no encrypted PDF here");
  attach (fixture, preuve, planning);
  result = write_deposit (fixture, 10 * PREUVES_DEPOSIT_MB, &dir);

  document = open_pdf (((PreuvesDepositFile *) result->files->pdata[0])->path);
  text = all_text (document);
  outline = outline_titles (document);
  g_assert_nonnull (strstr (text, PLANNING_TEXT));
  g_assert_true (find_problem (result, "tronque.pdf") != NULL || strstr (outline, "tronque.pdf") != NULL);
  g_assert_nonnull (find_problem (result, "scan.pdf"));
  g_assert_null (strstr (outline, "scan.pdf"));
  if (encrypted != NULL)
    {
      g_assert_nonnull (find_problem (result, "protege.pdf"));
      g_assert_nonnull (strstr (find_problem (result, "protege.pdf"), "password"));
      g_assert_null (strstr (outline, "protege.pdf"));
    }
  g_object_unref (document);
}

static void
run_cli (const char * const *argv,
         int                 expected_status,
         char              **err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  /* Its standard output would mix with the test's TAP. */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, expected_status);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  const char *cli = g_getenv ("PREUVES_CLI");
  g_autofree char *out = g_build_filename (fixture->dir, "cli.pdf", NULL);
  g_autofree char *dir = g_build_filename (fixture->dir, "cli-depot", NULL);
  g_autofree char *err = NULL;

  if (cli == NULL)
    {
      g_test_skip ("PREUVES_CLI is not set");
      return;
    }
  /* The portfolio is open in the fixture: the CLI reads it alongside. */
  {
    const char * const argv[] = { cli, "report", fixture->path, out, NULL };

    run_cli (argv, 0, NULL);
    g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  {
    const char * const argv[] = { cli, "deposit", fixture->path, dir, "--limit-mb", "1", NULL };

    run_cli (argv, 1, &err);
    g_assert_nonnull (strstr (err, TITLE_BIG));
  }
}

/* A document the probe dies on is a problem with the deposit (exit 1,
 * named), not a failure of the command (exit 2): the files are written. */
static void
test_cli_crash (Fixture       *fixture,
                gconstpointer  data)
{
  const char *cli = g_getenv ("PREUVES_CLI");
  g_autofree char *crashing = make_crashing_pdf (fixture);
  g_autofree char *dir = g_build_filename (fixture->dir, "cli-depot", NULL);
  g_autofree char *probe = NULL;
  g_autofree char *err = NULL;
  const char * const argv[] = { cli, "deposit", fixture->path, dir, NULL };
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;

  if (cli == NULL)
    {
      g_test_skip ("PREUVES_CLI is not set");
      return;
    }
  attach (fixture, add_preuve (fixture, TITLE_CRASH, "C1-1.5", "Le compte rendu du conseil"), crashing);
  probe = use_crashing_probe (fixture);
  if (probe == NULL)
    return;
  run_cli (argv, 1, &err);
  g_setenv ("PREUVES_PDF_PROBE", probe, TRUE);

  g_assert_nonnull (strstr (err, "compte-rendu.pdf"));
  g_assert_nonnull (strstr (err, TITLE_CRASH));
  g_assert_nonnull (strstr (err, "casse.pdf"));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export/report", Fixture, NULL, fixture_set_up, test_report, fixture_tear_down);
  g_test_add ("/export/report/confidential", Fixture, NULL, fixture_set_up, test_report_confidential,
              fixture_tear_down);
  g_test_add ("/export/report/long-table", Fixture, NULL, fixture_set_up, test_report_long_table,
              fixture_tear_down);
  g_test_add ("/export/report/print-pages", Fixture, NULL, fixture_set_up, test_report_print_pages,
              fixture_tear_down);
  g_test_add ("/export/deposit", Fixture, NULL, fixture_set_up, test_deposit, fixture_tear_down);
  g_test_add ("/export/deposit/limit", Fixture, NULL, fixture_set_up, test_deposit_limit, fixture_tear_down);
  g_test_add ("/export/deposit/crash", Fixture, NULL, fixture_set_up, test_deposit_crash, fixture_tear_down);
  g_test_add ("/export/deposit/timeout", Fixture, NULL, fixture_set_up, test_deposit_timeout, fixture_tear_down);
  g_test_add ("/export/deposit/unreadable", Fixture, NULL, fixture_set_up, test_deposit_unreadable,
              fixture_tear_down);
  g_test_add ("/export/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/export/cli/crash", Fixture, NULL, fixture_set_up, test_cli_crash, fixture_tear_down);

  return g_test_run ();
}
