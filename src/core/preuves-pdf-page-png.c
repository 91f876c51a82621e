/* preuves-pdf-page-png.c — one page of a PDF drawn as a PNG, for the probe
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <gio/gio.h>

#include "preuves-pdf-analysis.h"
#include "preuves-pdf-page-png.h"
#include "preuves-pdf-report.h"

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A thumbnail @width wide, or narrower when the page is so tall that it
 * would pass the height bound. */
static double
page_scale (double page_width,
            double page_height,
            guint  width)
{
  double scale = (double) width / page_width;

  if (page_height * scale > PREUVES_PDF_PAGE_PNG_MAX_HEIGHT)
    scale = PREUVES_PDF_PAGE_PNG_MAX_HEIGHT / page_height;
  return scale;
}

static GBytes *
render_png (PopplerPage  *page,
            guint         width,
            GError      **error)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  double page_width, page_height, scale;
  cairo_status_t status;

  poppler_page_get_size (page, &page_width, &page_height);
  if (!(page_width >= 1 && page_height >= 1))
    {
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0));
      return NULL;
    }
  scale = page_scale (page_width, page_height, width);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        MAX (1, (int) (page_width * scale + 0.5)),
                                        MAX (1, (int) (page_height * scale + 0.5)));
  cr = cairo_create (surface);
  /* Pages are drawn on paper: transparent means white. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_png_cb, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

GBytes *
preuves_pdf_page_png_fd (int      fd,
                         guint    page,
                         guint    width,
                         GError **error)
{
  PopplerDocument *document;
  PopplerPage *poppler_page;
  GBytes *png = NULL;
  int n_pages;

  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (page >= 1, NULL);
  g_return_val_if_fail (width >= 1 && width <= PREUVES_PDF_PAGE_PNG_MAX_WIDTH, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  document = preuves_pdf_open_fd (fd, error);
  if (document == NULL)
    return NULL;
  n_pages = poppler_document_get_n_pages (document);
  poppler_page = page <= (guint) n_pages ? poppler_document_get_page (document, page - 1) : NULL;
  if (poppler_page == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no page %u in %d", page, n_pages);
  else
    png = render_png (poppler_page, width, error);
  g_clear_object (&poppler_page);
  g_object_unref (document);
  return png;
}
