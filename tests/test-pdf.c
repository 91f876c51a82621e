/* test-pdf.c — page counting and annex detection, through the real probe
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every PDF here is drawn with cairo, checked by the preuves-pdf-probe
 * binary ($PREUVES_PDF_PROBE) through the client, and by preuves-cli
 * ($PREUVES_CLI) for the command line.
 */

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pdf-fixtures.h"
#include "preuves-pdf-analysis.h"
#include "preuves-pdf-probe-client.h"

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* Writes one PDF page per entry of @texts (NULL-terminated). */
static char *
make_pages (const char            *name,
            const char * const    *texts,
            const PdfOutlineSpec  *outline,
            guint                  n_outline)
{
  g_autoptr(GError) error = NULL;
  g_autofree PdfPageSpec *pages = NULL;
  char *path = tmp_path (name);
  guint n = g_strv_length ((char **) texts);

  pages = g_new0 (PdfPageSpec, n);
  for (guint i = 0; i < n; i++)
    pages[i].text = texts[i];
  preuves_test_make_pdf (path, pages, n, outline, n_outline, &error);
  g_assert_no_error (error);
  return path;
}

static char *
make_document (const char *name,
               guint       n_pages,
               guint       annex_start)
{
  g_autoptr(GError) error = NULL;
  char *path = tmp_path (name);

  preuves_test_make_document (path, n_pages, annex_start, &error);
  g_assert_no_error (error);
  return path;
}

static PreuvesPdfReport *
probe_file (const char  *path,
            guint        annex_start,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PreuvesPdfProbeOptions options = { annex_start, 0 };

  return preuves_pdf_probe_run_file (file, &options, NULL, error);
}

static PreuvesPdfReport *
probe_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  PreuvesPdfReport *report = probe_file (path, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_annexes (PreuvesPdfReport   *report,
                guint               pages_total,
                guint               annex_start,
                PreuvesAnnexMethod  method)
{
  g_assert_cmpuint (preuves_pdf_report_get_pages_total (report), ==, pages_total);
  g_assert_cmpstr (preuves_annex_method_to_string (preuves_pdf_report_get_annex_method (report)), ==,
                   preuves_annex_method_to_string (method));
  g_assert_cmpuint (preuves_pdf_report_get_annex_start (report), ==, annex_start);
  g_assert_cmpuint (preuves_pdf_report_get_pages_counted (report), ==,
                    annex_start > 0 ? annex_start - 1 : pages_total);
}

/* A body page: a heading, then running text. */
static char *
body (const char *heading)
{
  return preuves_test_body_text (heading, 30);
}

/* ------------------------------------------------------------------ */

static void
test_titles (void)
{
  const char *annexes[] = {
    "Annexes", "ANNEXES", "annexes", "Annexe", "Annèxes", "Annexe 1 — Organigramme",
    "ANNEXE 1 : ORGANIGRAMME", "Annexe A", "Annexe IV - Budget", "5. Annexes", "VI - Annexes",
    "Partie 4 : Annexes", "Appendices", "Appendix A", "Annexe n° 2 : Planning", "Annexes techniques",
  };
  const char *others[] = {
    "Table des annexes", "Liste des annexes", "Annexes ........ 23", "Introduction",
    "Annexé au rapport", "Voir annexe 3", "Annexe du chapitre 2", "Annexer un document",
    "Annexes et documents complémentaires sont joints.", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (annexes); i++)
    {
      g_test_message ("%s", annexes[i]);
      g_assert_true (preuves_pdf_title_names_annexes (annexes[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_test_message ("%s", others[i]);
      g_assert_false (preuves_pdf_title_names_annexes (others[i]));
    }
}

static void
test_heading_lines (void)
{
  const char *headings[] = {
    "ANNEXES", "Annexes", "annexes", "Annexe 1 — Organigramme", "Annexe 1 :", "ANNEXE I",
    "Annexe 2 – Planning de l’année", "ANNEXE A : Fiche de poste", "I. ANNEXES", "Annexe 3",
    "A N N E X E S",
  };
  const char *others[] = {
    "Annexes ........ 23", "Annexes 23", "Annexes . . . . 23", "Annexes …… 23",
    "Annexe 1 — Organigramme ..... 45", "Annexe 1 — Organigramme 45", "voir annexe 3",
    "cf. annexes", "Annexe 3 présente le budget de l’établissement.",
    "annexes et tableaux de bord", "Les annexes présentent les outils.",
    "Annexé au présent mémoire, le planning de l’année",
    "Annexe 1 : Organigramme de l’établissement. Il présente les services et leurs liens.",
    "A N N E X E 1", "E N S E M B L E",
  };

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      g_test_message ("%s", headings[i]);
      g_assert_true (preuves_pdf_line_is_annex_heading (headings[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_test_message ("%s", others[i]);
      g_assert_false (preuves_pdf_line_is_annex_heading (others[i]));
    }
}

/* The table of contents on page 2 names "Annexes ..... 18": only the real
 * heading on page 18 counts. */
static void
test_toc_then_heading (void)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PreuvesPdfReport) report = NULL;
  g_autofree char *path = NULL;

  for (guint i = 1; i <= 20; i++)
    {
      if (i == 2)
        g_ptr_array_add (texts, g_strdup ("Introduction ..... 3\nAnnexes ..... 18\nAnnexes 18"));
      else if (i == 18)
        g_ptr_array_add (texts, body ("ANNEXES"));
      else
        g_ptr_array_add (texts, body (i == 1 ? "Mémoire" : "Développement"));
    }
  g_ptr_array_add (texts, NULL);
  path = make_pages ("toc.pdf", (const char * const *) texts->pdata, NULL, 0);

  report = probe_ok (path);
  assert_annexes (report, 20, 18, PREUVES_ANNEX_METHOD_HEADING);
  g_assert_cmpuint (preuves_pdf_report_get_pages_counted (report), ==, 17);
  g_assert_true (preuves_pdf_report_get_text_layer (report));
}

/* A heading with a number after it is a heading or a table of contents
 * line: the line alone says which it might be, and what the number is. */
static void
test_numbered_heading_lines (void)
{
  const struct
  {
    const char *line;
    guint       number;
  } lines[] = {
    { "Annexe 1 — Organigramme 45", 45 }, { "ANNEXES 3", 3 }, { "Annexes 23", 23 },
    { "ANNEXE A : Fiche de poste 112", 112 }, { "Annexe 2 Budget 47", 47 }, { "A N N E X E S 18", 18 },
    { "Annexes\u00a018", 18 }, { "Annexes ........ 23", 0 }, { "Annexe 1 — Organigramme ..... 45", 0 },
    { "Annexes …… 23", 0 }, { "Annexes", 0 }, { "Annexes 2023", 0 }, { "Annexes18", 0 },
    { "voir annexe 3", 0 }, { "cf. annexes 12", 0 }, { "Partie 18", 0 },
    { "Annexé au présent mémoire 12", 0 }, { "Annexe 3 présente le budget de l’établissement 12", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_test_message ("%s", lines[i].line);
      g_assert_cmpuint (preuves_pdf_line_numbered_annex_heading (lines[i].line), ==, lines[i].number);
    }
}

/* A 20-page document as word processors export it: a cover, a table of
 * contents on page 2 (@toc, NULL for none), a running header and the page
 * number in the footer of every other page, and @heading at the top of
 * page @at (NULL for none). Lines of @toc end with their page numbers,
 * after a tab (drawn against the right margin) or not. */
static char *
make_exported (const char *name,
               const char *toc,
               guint       toc_page,
               const char *heading,
               guint       at)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) footers = g_ptr_array_new_with_free_func (g_free);
  PdfPageSpec pages[20] = { { NULL, FALSE } };
  g_autoptr(GError) error = NULL;
  char *path = tmp_path (name);

  for (guint i = 1; i <= G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *text = NULL;

      if (i == 1)
        text = g_strdup ("Mémoire professionnel\nCoordinateur opérationnel");
      else if (i == toc_page && toc != NULL)
        text = g_strdup (toc);
      else if (i == at && heading != NULL)
        text = body (heading);
      else
        text = body (i < 12 ? "Le diagnostic de l’établissement" : "Les actions menées");
      g_ptr_array_add (texts, g_strdup_printf ("Mémoire — J. Dupont\n%s", text));
      g_ptr_array_add (footers, i > 1 ? g_strdup_printf ("%u", i) : NULL);
      pages[i - 1].text = g_ptr_array_index (texts, i - 1);
      pages[i - 1].footer = g_ptr_array_index (footers, i - 1);
    }
  preuves_test_make_pdf (path, pages, G_N_ELEMENTS (pages), NULL, 0, &error);
  g_assert_no_error (error);
  return path;
}

static const char toc_joined[] =
  "Introduction 3\nPartie 1 — Le diagnostic 4\nPartie 2 — Les actions 12\nConclusion 17\n"
  "Annexes 18\nAnnexe 1 — Organigramme 18\nAnnexe 2 Budget 19\nAnnexe 3 Planning 20";
static const char toc_tabs[] =
  "Introduction\t3\nPartie 1 — Le diagnostic\t4\nPartie 2 — Les actions\t12\nConclusion\t17\n"
  "Annexes\t18\nAnnexe 1 — Organigramme\t18\nAnnexe 2 Budget\t19\nAnnexe 3 Planning\t20";
static const char toc_leaders[] =
  "Introduction ........ 3\nPartie 1 — Le diagnostic ........ 4\nPartie 2 — Les actions ........ 12\n"
  "Conclusion ........ 17\nAnnexes ........ 18\nAnnexe 1 — Organigramme ........ 18\n"
  "Annexe 2 Budget ........ 19";
static const char toc_titled[] =
  "Sommaire\nIntroduction 3\nConclusion 17\nAnnexes 18\nAnnexe 1 — Organigramme 18";

/* The annex heading on page 18 with a number after it, on the same line
 * or the next, after a table of contents on page 2 that names the annexes
 * with their page numbers, however it is set: the heading counts, the
 * table of contents does not. */
static void
test_heading_with_page_number (void)
{
  const struct
  {
    const char *toc;
    const char *heading;
  } documents[] = {
    { toc_joined, "Annexe 1 — Organigramme 18" },
    { toc_tabs, "ANNEXES 3" },
    { toc_leaders, "ANNEXES 18" },
    { toc_titled, "Annexe 1 — Organigramme\t18" },
    { toc_joined, "ANNEXES\n18\nAnnexe 1 — Organigramme" },
    { toc_tabs, "Annexe 2 Budget 18" },
    { NULL, "ANNEXES 3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *name = g_strdup_printf ("numbered-%u.pdf", i);
      g_autofree char *path = make_exported (name, documents[i].toc, 2, documents[i].heading, 18);
      g_autoptr(PreuvesPdfReport) report = probe_ok (path);

      g_test_message ("%s", documents[i].heading);
      assert_annexes (report, 20, 18, PREUVES_ANNEX_METHOD_HEADING);
    }
}

/* Tables of contents without a title that says so, opening with the
 * annexes and their page numbers: on page 2 or 3 (pointing forward, on
 * the same lines or the next), at the end of the document (pointing back),
 * or one line that points forward. None is an annex heading, and with no other heading the
 * annexes are unknown. */
static void
test_contents_without_title (void)
{
  const struct
  {
    const char *toc;
    guint       page;
  } documents[] = {
    { "Annexes 18\nAnnexe 1 — Organigramme 18\nAnnexe 2 Budget 19\nAnnexe 3 Planning 20", 2 },
    { "Annexe 1 — Organigramme 18\nAnnexe 2 Budget 19", 3 },
    { "Annexes 15\nIntroduction 3\nPartie 1 — Le diagnostic 4\nPartie 2 — Les actions 9\nConclusion 14", 20 },
    { toc_joined + strlen ("Introduction 3\n"), 2 },
    { "Introduction 1\nAnnexes 18", 2 },
    { "Annexes\n18\nAnnexe 1 — Organigramme\n18\nAnnexe 2 Budget\n19", 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *name = g_strdup_printf ("contents-%u.pdf", i);
      g_autofree char *path = make_exported (name, documents[i].toc, documents[i].page, NULL, 0);
      g_autoptr(PreuvesPdfReport) report = probe_ok (path);

      g_test_message ("%s", documents[i].toc);
      assert_annexes (report, 20, 0, PREUVES_ANNEX_METHOD_NONE);
    }
}

/* A page that opens with running text mentioning an annex, under a
 * running header and a table of contents page without leader dots. */
static void
test_running_text (void)
{
  const char *texts[] = {
    "Mémoire — J. Dupont\nMémoire professionnel",
    "Mémoire — J. Dupont\nSommaire\nIntroduction\nAnnexes",
    "Mémoire — J. Dupont\nvoir annexe 3 pour le détail des effectifs.\nLa suite du texte.",
    "Mémoire — J. Dupont\nAnnexe 3 présente le budget de l’établissement.\nSuite.",
    "Mémoire — J. Dupont\ncf. annexes\nConclusion",
    "Mémoire — J. Dupont\n4\nLes annexes présentent les outils.",
    NULL,
  };
  g_autofree char *path = make_pages ("running.pdf", texts, NULL, 0);
  g_autoptr(PreuvesPdfReport) report = probe_ok (path);

  assert_annexes (report, 6, 0, PREUVES_ANNEX_METHOD_NONE);
  g_assert_true (preuves_pdf_report_get_text_layer (report));
}

/* No page has a heading; the outline names the annexes, nested under a
 * part and through a named destination. */
static void
test_outline (void)
{
  const char *texts[] = { "Titre", "Introduction", "Partie 1", "Partie 2", "Texte", "Tableau", "Texte", "Texte", NULL };
  const PdfOutlineSpec outline[] = {
    { "Introduction", 2, 0, FALSE },
    { "Partie 1", 3, 0, FALSE },
    { "Compléments", 6, 0, FALSE },
    { "Annexes", 6, 1, TRUE },
    { "Annexe 1 — Tableau", 6, 2, FALSE },
    { "ANNEXE 2", 7, 2, FALSE },
  };
  g_autofree char *path = make_pages ("outline.pdf", texts, outline, G_N_ELEMENTS (outline));
  g_autoptr(PreuvesPdfReport) report = probe_ok (path);
  guint depth, page;

  assert_annexes (report, 8, 6, PREUVES_ANNEX_METHOD_OUTLINE);
  g_assert_true (preuves_pdf_report_get_text_layer (report));
  g_assert_cmpuint (preuves_pdf_report_get_n_outline_items (report), ==, G_N_ELEMENTS (outline));
  g_assert_cmpstr (preuves_pdf_report_get_outline_item (report, 3, &depth, &page), ==, "Annexes");
  g_assert_cmpuint (depth, ==, 1);
  g_assert_cmpuint (page, ==, 6);
}

/* An outline without annexes: the headings still count. */
static void
test_outline_without_annexes (void)
{
  const char *texts[] = { "Titre", "Introduction", "Partie 1", "Annexe 1 — Organigramme\nUn tableau", "Texte", NULL };
  const PdfOutlineSpec outline[] = { { "Introduction", 2, 0, FALSE }, { "Partie 1", 3, 0, FALSE } };
  g_autofree char *path = make_pages ("outline-no-annex.pdf", texts, outline, G_N_ELEMENTS (outline));
  g_autoptr(PreuvesPdfReport) report = probe_ok (path);

  assert_annexes (report, 5, 4, PREUVES_ANNEX_METHOD_HEADING);
  g_assert_cmpuint (preuves_pdf_report_get_n_outline_items (report), ==, 2);
}

/* A table of contents that goes on from the page before, its page
 * numbers read apart from the titles: no title says it is one, its leader
 * dots do. */
static void
test_toc_continued (void)
{
  g_autofree char *text = body ("Développement");
  const char *texts[] = {
    "Mémoire",
    "Sommaire\nIntroduction ........ 3\n1 Contexte ........ 4",
    "3.2 Résultats\nAnnexes\nBibliographie\n3.1 Méthode ........\n3.2 Résultats ........\n"
    "Annexes ........\n34\n36\n40",
    text, text, text, NULL,
  };
  g_autofree char *path = make_pages ("toc-continued.pdf", texts, NULL, 0);
  g_autoptr(PreuvesPdfReport) report = probe_ok (path);

  assert_annexes (report, 6, 0, PREUVES_ANNEX_METHOD_NONE);
}

/* "Liste des annexes" at the front is a table of contents; in the back
 * half, it opens the annexes. */
static void
test_annex_list (void)
{
  g_autofree char *text = body ("Développement");
  g_autofree char *list = g_strdup ("Liste des annexes\nOrganigramme\nPlanning");
  const char *front[] = { "Mémoire", "Sommaire", list, text, text, text, text, text, text, text, NULL };
  const char *back[] = { "Mémoire", "Sommaire", text, text, text, text, text, list, text, text, NULL };
  g_autofree char *front_path = make_pages ("list-front.pdf", front, NULL, 0);
  g_autofree char *back_path = make_pages ("list-back.pdf", back, NULL, 0);
  g_autoptr(PreuvesPdfReport) front_report = probe_ok (front_path);
  g_autoptr(PreuvesPdfReport) back_report = probe_ok (back_path);

  assert_annexes (front_report, 10, 0, PREUVES_ANNEX_METHOD_NONE);
  assert_annexes (back_report, 10, 8, PREUVES_ANNEX_METHOD_HEADING);
}

static void
test_numbered_heading (void)
{
  g_autofree char *p1 = body ("Mémoire — J. Dupont\nIntroduction");
  /* Page numbers and the running header do not count among the first
   * lines, however they are written. */
  g_autofree char *p5 = body ("Page 5 sur 6\nMémoire — J. Dupont\n- 5 -\nCoordinateur opérationnel\n"
                              "Annexe 1 — Organigramme");
  const char *texts[] = { "Mémoire — J. Dupont\nMémoire", p1, p1, p1, p5, p1, NULL };
  g_autofree char *path = make_pages ("numbered.pdf", texts, NULL, 0);
  g_autoptr(PreuvesPdfReport) report = probe_ok (path);

  assert_annexes (report, 6, 5, PREUVES_ANNEX_METHOD_HEADING);
}

/* A realistic document: running header, "Sommaire" page, page numbers. */
static void
test_document (void)
{
  g_autofree char *path = make_document ("document.pdf", 62, 53);
  g_autoptr(PreuvesPdfReport) report = probe_ok (path);

  assert_annexes (report, 62, 53, PREUVES_ANNEX_METHOD_HEADING);
}

static void
test_no_annexes (void)
{
  g_autofree char *path = make_document ("plain.pdf", 18, 0);
  g_autoptr(PreuvesPdfReport) report = probe_ok (path);

  assert_annexes (report, 18, 0, PREUVES_ANNEX_METHOD_NONE);
  g_assert_true (preuves_pdf_report_get_text_layer (report));
}

/* Scanned pages without OCR: no text, so the annexes are unknown. */
static void
test_image_only (void)
{
  PdfPageSpec pages[4] = { { NULL, TRUE }, { NULL, TRUE }, { NULL, TRUE }, { NULL, TRUE } };
  g_autofree char *path = tmp_path ("scan.pdf");
  g_autoptr(PreuvesPdfReport) report = NULL;
  g_autoptr(GError) error = NULL;

  preuves_test_make_pdf (path, pages, G_N_ELEMENTS (pages), NULL, 0, &error);
  g_assert_no_error (error);
  report = probe_ok (path);
  assert_annexes (report, 4, 0, PREUVES_ANNEX_METHOD_NONE);
  g_assert_false (preuves_pdf_report_get_text_layer (report));
  g_clear_object (&report);

  /* Scanned, but with bookmarks: the outline still knows. */
  {
    const PdfOutlineSpec outline[] = { { "Mémoire", 1, 0, FALSE }, { "Annexes", 3, 0, FALSE } };

    preuves_test_make_pdf (path, pages, G_N_ELEMENTS (pages), outline, G_N_ELEMENTS (outline), &error);
    g_assert_no_error (error);
  }
  report = probe_ok (path);
  assert_annexes (report, 4, 3, PREUVES_ANNEX_METHOD_OUTLINE);
  g_assert_false (preuves_pdf_report_get_text_layer (report));
}

static void
test_manual (void)
{
  g_autofree char *path = make_document ("manual.pdf", 30, 25);
  g_autoptr(PreuvesPdfReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = probe_file (path, 12, &error);
  g_assert_no_error (error);
  assert_annexes (report, 30, 12, PREUVES_ANNEX_METHOD_MANUAL);
  g_clear_object (&report);

  report = probe_file (path, 31, &error);
  g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_BAD_ANNEX_START);
  g_assert_null (report);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
assert_probe_error (const char      *path,
                    PreuvesPdfError  code)
{
  g_autoptr(PreuvesPdfReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = probe_file (path, 0, &error);
  g_assert_error (error, PREUVES_PDF_ERROR, (int) code);
  g_assert_null (report);
  g_assert_nonnull (strstr (error->message, " "));
}

/* Cut in half: poppler may rebuild what is left, or give up. Either way
 * the caller gets an answer. */
static void
test_truncated (void)
{
  g_autofree char *whole = make_document ("whole.pdf", 10, 0);
  g_autofree char *path = tmp_path ("truncated.pdf");
  g_autofree char *contents = NULL;
  g_autoptr(PreuvesPdfReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (whole, &contents, &length, &error);
  g_assert_no_error (error);
  write_file (path, contents, length / 2);

  report = probe_file (path, 0, &error);
  if (report == NULL)
    g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_DAMAGED);
  else
    g_assert_cmpuint (preuves_pdf_report_get_pages_total (report), <=, 10);

  /* Only the header left. */
  write_file (path, contents, 64);
  assert_probe_error (path, PREUVES_PDF_ERROR_DAMAGED);
}

static void
test_not_pdf (void)
{
  g_autofree char *path = tmp_path ("letter.txt");
  g_autofree char *empty = tmp_path ("empty.pdf");

  write_file (path, "Madame, Monsieur,\nVeuillez trouver ci-joint mon mémoire.\n", -1);
  assert_probe_error (path, PREUVES_PDF_ERROR_NOT_PDF);
  write_file (empty, "", 0);
  assert_probe_error (empty, PREUVES_PDF_ERROR_EMPTY);
}

static void
test_encrypted (void)
{
  g_autofree char *plain = make_document ("to-encrypt.pdf", 5, 0);
  g_autofree char *path = tmp_path ("encrypted.pdf");

  if (!preuves_test_encrypt_pdf (plain, path))
    {
      g_test_skip ("qpdf is not installed: no way to encrypt a PDF here");
      return;
    }
  assert_probe_error (path, PREUVES_PDF_ERROR_ENCRYPTED);
}

/* A probe that dies of a signal, as poppler would on a hostile file. */
static void
test_crash (void)
{
  g_autofree char *probe = g_strdup (g_getenv ("PREUVES_PDF_PROBE"));
  g_autofree char *script = tmp_path ("crashing-probe");
  g_autofree char *path = make_document ("crash.pdf", 3, 0);

  write_file (script, "#!/bin/sh\nkill -SEGV $$\n", -1);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  g_setenv ("PREUVES_PDF_PROBE", script, TRUE);
  assert_probe_error (path, PREUVES_PDF_ERROR_DAMAGED);

  g_setenv ("PREUVES_PDF_PROBE", "/nonexistent/preuves-pdf-probe", TRUE);
  assert_probe_error (path, PREUVES_PDF_ERROR_NO_PROBE);
  g_setenv ("PREUVES_PDF_PROBE", probe, TRUE);
}

typedef struct
{
  GAsyncResult *result;
  guint         ticks;
} AsyncRun;

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->result = g_object_ref (result);
}

static gboolean
tick_cb (gpointer user_data)
{
  AsyncRun *run = user_data;

  run->ticks++;
  return G_SOURCE_CONTINUE;
}

static PreuvesPdfReport *
run_stream (GInputStream                 *stream,
            const PreuvesPdfProbeOptions *options,
            GCancellable                 *cancellable,
            guint                        *ticks,
            GError                      **error)
{
  AsyncRun run = { NULL, 0 };
  guint tick = g_timeout_add (10, tick_cb, &run);
  PreuvesPdfReport *report;

  preuves_pdf_probe_run_async (stream, options, cancellable, async_done_cb, &run);
  while (run.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  report = preuves_pdf_probe_run_finish (run.result, error);
  g_object_unref (run.result);
  if (ticks != NULL)
    *ticks = run.ticks;
  return report;
}

/* Documents in a portfolio come as streams: the probe reads them from a
 * socket rather than a file. */
static void
test_stream (void)
{
  g_autofree char *path = make_document ("stream.pdf", 40, 31);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr(PreuvesPdfReport) report = NULL;
  g_autoptr(GInputStream) text = NULL;
  g_autoptr(GBytes) zeros = g_bytes_new_take (g_malloc0 (4 << 20), 4 << 20);
  g_autoptr(GError) error = NULL;

  report = run_stream (G_INPUT_STREAM (stream), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_annexes (report, 40, 31, PREUVES_ANNEX_METHOD_HEADING);

  /* Turned away after its first bytes: the rest of the stream has nowhere
   * to go, and that must not hurt us (no SIGPIPE). */
  text = g_memory_input_stream_new_from_bytes (zeros);
  g_clear_object (&report);
  report = run_stream (text, NULL, NULL, NULL, &error);
  g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_NOT_PDF);
  g_assert_null (report);
}

/* A document that never ends: the probe waits for it until its time is
 * up; meanwhile our main loop keeps running. */
static void
test_timeout (void)
{
  PreuvesPdfProbeOptions options = { 0, 300 };
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(PreuvesPdfReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int fds[2];
  guint ticks;

  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], "%PDF-1.5\n", 9), ==, 9);
  stream = g_unix_input_stream_new (fds[0], TRUE);

  report = run_stream (stream, &options, NULL, &ticks, &error);
  g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_TIMEOUT);
  g_assert_null (report);
  g_assert_cmpuint (ticks, >, 0);
  close (fds[1]);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(PreuvesPdfReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int fds[2];

  g_assert_cmpint (pipe (fds), ==, 0);
  stream = g_unix_input_stream_new (fds[0], TRUE);
  g_timeout_add (50, cancel_cb, cancellable);

  report = run_stream (stream, NULL, cancellable, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  close (fds[1]);
}

/* The probe's JSON is read like anything from a stranger. */
static void
test_report_json (void)
{
  const char *bad[] = {
    "{\"pages_total\": 0, \"annex_method\": \"none\"}",
    "{\"pages_total\": 10, \"annex_start\": 11, \"annex_method\": \"heading\"}",
    "{\"pages_total\": 10, \"annex_start\": 5, \"annex_method\": \"none\"}",
    "{\"pages_total\": 10, \"annex_method\": \"guess\"}",
    "{\"pages_total\": 10, \"annex_method\": \"none\", \"outline\": [{\"title\": \"A\", \"page\": 99}]}",
    "[]",
  };
  g_autoptr(PreuvesPdfReport) report = preuves_pdf_report_new (12, TRUE);
  g_autoptr(PreuvesPdfReport) copy = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  preuves_pdf_report_add_outline_item (report, "Annexes", 0, 9);
  preuves_pdf_report_set_annex_start (report, 9, PREUVES_ANNEX_METHOD_OUTLINE, &error);
  g_assert_no_error (error);
  node = preuves_pdf_report_to_json (report);
  copy = preuves_pdf_report_new_from_json (node, &error);
  g_assert_no_error (error);
  assert_annexes (copy, 12, 9, PREUVES_ANNEX_METHOD_OUTLINE);
  g_assert_true (preuves_pdf_report_get_text_layer (copy));
  g_assert_cmpstr (preuves_pdf_report_get_outline_item (copy, 0, NULL, NULL), ==, "Annexes");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) parsed = json_from_string (bad[i], NULL);
      g_autoptr(PreuvesPdfReport) rejected = preuves_pdf_report_new_from_json (parsed, &error);

      g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_DAMAGED);
      g_assert_null (rejected);
      g_clear_error (&error);
    }
}

/* ------------------------------------------------------------------ */
/* preuves-cli pages                                                  */
/* ------------------------------------------------------------------ */

static JsonObject *
run_cli (const char * const *arguments,
         int                 expected_status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("PREUVES_CLI"));
  g_ptr_array_add (argv, "pages");
  for (guint i = 0; arguments[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) arguments[i]);
  g_ptr_array_add (argv, "--json");
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, expected_status);
  if (expected_status == 2)
    g_assert_cmpuint (strlen (err), >, 0);

  node = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
test_cli_final (void)
{
  g_autofree char *path = make_document ("final.pdf", 62, 53);
  g_autoptr(JsonObject) result = NULL;
  JsonObject *range;

  result = run_cli ((const char *[]) { path, "--kind", "final", NULL }, 0);
  g_assert_cmpint (json_object_get_int_member (result, "pages_total"), ==, 62);
  g_assert_cmpint (json_object_get_int_member (result, "annex_start"), ==, 53);
  g_assert_cmpint (json_object_get_int_member (result, "pages_counted"), ==, 52);
  g_assert_cmpstr (json_object_get_string_member (result, "annex_method"), ==, "heading");
  g_assert_true (json_object_get_boolean_member (result, "text_layer"));
  g_assert_true (json_object_get_boolean_member (result, "within_range"));
  range = json_object_get_object_member (result, "range");
  g_assert_cmpint (json_object_get_int_member (range, "min"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (range, "max"), ==, 60);
}

static void
test_cli_out_of_range (void)
{
  g_autofree char *path = make_document ("short.pdf", 40, 0);
  g_autoptr(JsonObject) result = NULL;

  result = run_cli ((const char *[]) { path, "--kind", "final", NULL }, 1);
  g_assert_true (json_object_get_null_member (result, "annex_start"));
  g_assert_cmpint (json_object_get_int_member (result, "pages_counted"), ==, 40);
  g_assert_cmpstr (json_object_get_string_member (result, "annex_method"), ==, "none");
  g_assert_false (json_object_get_boolean_member (result, "within_range"));
  g_clear_pointer (&result, json_object_unref);

  /* The diagnostic écrit: 15–20 pages hors annexes. */
  result = run_cli ((const char *[]) { path, "--kind", "diagnostic", "--annex-start", "19", NULL }, 0);
  g_assert_cmpstr (json_object_get_string_member (result, "annex_method"), ==, "manual");
  g_assert_cmpint (json_object_get_int_member (result, "pages_counted"), ==, 18);
  g_assert_true (json_object_get_boolean_member (result, "within_range"));
}

static void
assert_cli_error (const char * const *arguments,
                  const char         *code)
{
  g_autoptr(JsonObject) result = run_cli (arguments, 2);
  JsonObject *error = json_object_get_object_member (result, "error");

  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_cmpuint (strlen (json_object_get_string_member (error, "message")), >, 0);
}

static void
test_cli_errors (void)
{
  g_autofree char *text = tmp_path ("notes.pdf");
  g_autofree char *empty = tmp_path ("nothing.pdf");
  g_autofree char *path = make_document ("errors.pdf", 8, 0);
  g_autofree char *fifo = tmp_path ("never.pdf");
  int writer;

  write_file (text, "Notes\n", -1);
  write_file (empty, "", 0);
  assert_cli_error ((const char *[]) { text, NULL }, "not-pdf");
  assert_cli_error ((const char *[]) { empty, NULL }, "empty");
  assert_cli_error ((const char *[]) { path, "--annex-start", "9", NULL }, "bad-annex-start");

  /* A named pipe nobody writes to: the probe runs out of time. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  writer = g_open (fifo, O_RDWR, 0);
  g_assert_cmpint (writer, >=, 0);
  g_setenv ("PREUVES_PDF_PROBE_TIMEOUT_MS", "300", TRUE);
  assert_cli_error ((const char *[]) { fifo, NULL }, "timeout");
  g_unsetenv ("PREUVES_PDF_PROBE_TIMEOUT_MS");
  close (writer);
}

static void
remove_tmpdir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = tmp_path (name);

      g_unlink (path);
    }
  g_rmdir (tmpdir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("test-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_getenv ("PREUVES_PDF_PROBE"));
  g_assert_nonnull (g_getenv ("PREUVES_CLI"));

  g_test_add_func ("/pdf/titles", test_titles);
  g_test_add_func ("/pdf/heading-lines", test_heading_lines);
  g_test_add_func ("/pdf/toc-then-heading", test_toc_then_heading);
  g_test_add_func ("/pdf/numbered-heading-lines", test_numbered_heading_lines);
  g_test_add_func ("/pdf/heading-with-page-number", test_heading_with_page_number);
  g_test_add_func ("/pdf/contents-without-title", test_contents_without_title);
  g_test_add_func ("/pdf/running-text", test_running_text);
  g_test_add_func ("/pdf/outline", test_outline);
  g_test_add_func ("/pdf/outline-without-annexes", test_outline_without_annexes);
  g_test_add_func ("/pdf/numbered-heading", test_numbered_heading);
  g_test_add_func ("/pdf/annex-list", test_annex_list);
  g_test_add_func ("/pdf/toc-continued", test_toc_continued);
  g_test_add_func ("/pdf/document", test_document);
  g_test_add_func ("/pdf/no-annexes", test_no_annexes);
  g_test_add_func ("/pdf/image-only", test_image_only);
  g_test_add_func ("/pdf/manual", test_manual);
  g_test_add_func ("/pdf/truncated", test_truncated);
  g_test_add_func ("/pdf/not-pdf", test_not_pdf);
  g_test_add_func ("/pdf/encrypted", test_encrypted);
  g_test_add_func ("/pdf/crash", test_crash);
  g_test_add_func ("/pdf/stream", test_stream);
  g_test_add_func ("/pdf/timeout", test_timeout);
  g_test_add_func ("/pdf/cancel", test_cancel);
  g_test_add_func ("/pdf/report-json", test_report_json);
  g_test_add_func ("/pdf/cli/final", test_cli_final);
  g_test_add_func ("/pdf/cli/out-of-range", test_cli_out_of_range);
  g_test_add_func ("/pdf/cli/errors", test_cli_errors);

  status = g_test_run ();
  remove_tmpdir ();
  return status;
}
