/* pdf-fixtures.c — real PDFs for the tests, drawn with cairo
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <gio/gio.h>
#include <string.h>

#include "pdf-fixtures.h"

/* A4 in points, margins of 2 cm. */
#define PAGE_WIDTH   595.0
#define PAGE_HEIGHT  842.0
#define MARGIN       57.0
#define LINE_HEIGHT  15.0

static const char * const body_lines[] = {
  "Le coordinateur opérationnel organise la continuité pédagogique de l’établissement,",
  "en lien avec l’équipe de direction, les enseignants et les partenaires extérieurs.",
  "Cette partie présente le diagnostic réalisé au cours de l’année scolaire : les",
  "effectifs, les emplois du temps, les ressources disponibles et les besoins repérés.",
  "Les entretiens menés avec les professeurs principaux ont permis d’identifier trois",
  "axes de progrès, détaillés ci-dessous et mis en regard des indicateurs suivis.",
};

static void
select_font (cairo_t *cr)
{
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

/* Draws @text so that it ends at @right. */
static void
draw_right_aligned (cairo_t    *cr,
                    const char *text,
                    double      right,
                    double      y)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  cairo_move_to (cr, right - extents.x_advance, y);
  cairo_show_text (cr, text);
}

static void
draw_text (cairo_t    *cr,
           const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  double y = MARGIN;

  select_font (cr);
  for (guint i = 0; lines[i] != NULL; i++, y += LINE_HEIGHT)
    {
      char *tab = strchr (lines[i], '\t');

      if (tab != NULL)
        {
          *tab = '\0';
          draw_right_aligned (cr, tab + 1, PAGE_WIDTH - MARGIN, y);
        }
      cairo_move_to (cr, MARGIN, y);
      cairo_show_text (cr, lines[i]);
    }
}

static void
draw_footer (cairo_t    *cr,
             const char *footer)
{
  cairo_text_extents_t extents;

  select_font (cr);
  cairo_text_extents (cr, footer, &extents);
  cairo_move_to (cr, (PAGE_WIDTH - extents.x_advance) / 2, PAGE_HEIGHT - MARGIN / 2);
  cairo_show_text (cr, footer);
}

static void
draw_image (cairo_t *cr)
{
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  for (guint i = 0; i < 20; i++)
    cairo_rectangle (cr, MARGIN, MARGIN + i * 36, PAGE_WIDTH - 2 * MARGIN - (i % 3) * 40, 12);
  cairo_fill (cr);
}

static void
add_destinations (cairo_t              *cr,
                  guint                 page,
                  const PdfOutlineSpec *outline,
                  guint                 n_outline)
{
  for (guint i = 0; i < n_outline; i++)
    {
      g_autofree char *attributes = NULL;

      if (!outline[i].named || outline[i].page != page)
        continue;
      attributes = g_strdup_printf ("name='dest-%u'", i);
      cairo_tag_begin (cr, CAIRO_TAG_DEST, attributes);
      cairo_tag_end (cr, CAIRO_TAG_DEST);
    }
}

static void
add_outline (cairo_surface_t      *surface,
             const PdfOutlineSpec *outline,
             guint                 n_outline)
{
  int parents[16] = { CAIRO_PDF_OUTLINE_ROOT };

  for (guint i = 0; i < n_outline; i++)
    {
      g_autofree char *link = NULL;
      guint depth = MIN (outline[i].depth, G_N_ELEMENTS (parents) - 2);

      if (outline[i].named)
        link = g_strdup_printf ("dest='dest-%u'", i);
      else
        link = g_strdup_printf ("page=%u", outline[i].page);
      parents[depth + 1] = cairo_pdf_surface_add_outline (surface, parents[depth], outline[i].title,
                                                          link, 0);
    }
}

/* Writes a PDF with one page per @pages entry and the given outline
 * (bookmarks). Text is real text, searchable and extractable. */
gboolean
preuves_test_make_pdf (const char           *path,
                       const PdfPageSpec    *pages,
                       guint                 n_pages,
                       const PdfOutlineSpec *outline,
                       guint                 n_outline,
                       GError              **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  for (guint i = 0; i < n_pages; i++)
    {
      add_destinations (cr, i + 1, outline, n_outline);
      if (pages[i].image_only)
        draw_image (cr);
      else if (pages[i].text != NULL)
        draw_text (cr, pages[i].text);
      if (pages[i].footer != NULL)
        draw_footer (cr, pages[i].footer);
      cairo_show_page (cr);
    }
  add_outline (surface, outline, n_outline);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cairo: %s", cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* A page of running text under @heading (which may be NULL). */
char *
preuves_test_body_text (const char *heading,
                        guint       n_lines)
{
  GString *text = g_string_new (NULL);

  if (heading != NULL)
    g_string_append_printf (text, "%s\n\n", heading);
  for (guint i = 0; i < n_lines; i++)
    g_string_append_printf (text, "%s\n", body_lines[i % G_N_ELEMENTS (body_lines)]);
  return g_string_free (text, FALSE);
}

/* A realistic written document: a running header and a page number on
 * every page, a cover, a table of contents that lists the annexes, 45
 * lines of text a page, and, when @annex_start is not 0, an "ANNEXES"
 * heading on that page. No outline. */
gboolean
preuves_test_make_document (const char  *path,
                            guint        n_pages,
                            guint        annex_start,
                            GError     **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree PdfPageSpec *pages = g_new0 (PdfPageSpec, n_pages);

  for (guint i = 1; i <= n_pages; i++)
    {
      g_autofree char *heading = NULL;
      g_autofree char *body = NULL;

      if (i == 1)
        heading = g_strdup ("Mémoire professionnel\nCoordinateur opérationnel");
      else if (i == 2 && annex_start > 0)
        heading = g_strdup_printf ("Sommaire\nIntroduction ........ 3\nAnnexes ........ %u", annex_start);
      else if (i == annex_start)
        heading = g_strdup ("ANNEXES");
      else if (annex_start > 0 && i > annex_start)
        heading = g_strdup_printf ("Annexe %u — Document de travail", i - annex_start + 1);
      else
        heading = g_strdup_printf ("Partie %u", i);
      body = preuves_test_body_text (heading, 45);
      g_ptr_array_add (texts, g_strdup_printf ("Mémoire — Coordinateur opérationnel\n%s\n%u", body, i));
      pages[i - 1].text = g_ptr_array_index (texts, i - 1);
    }
  return preuves_test_make_pdf (path, pages, n_pages, NULL, 0, error);
}

/* qpdf writes @plain again at @encrypted, protected by a password. FALSE
 * where qpdf is not installed: the caller skips what needs it. */
gboolean
preuves_test_encrypt_pdf (const char *plain,
                          const char *encrypted)
{
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  const char *argv[] = { qpdf, "--encrypt", "secret", "owner", "256", "--", plain, encrypted, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  if (qpdf == NULL)
    return FALSE;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return TRUE;
}
