/* preuves-pdf-assemble.c — one bookmarked PDF from several PDFs and images, for the probe
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cairo cannot import the pages of a PDF, and poppler must not run in the
 * app: so the probe draws every page again, through poppler, onto one
 * cairo PDF surface. Images are decoded here too, for the same reason:
 * PNG through cairo, JPEG not decoded at all (cairo embeds the original
 * bytes; only their header is read, for the size).
 */

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <gio/gunixinputstream.h>
#include <poppler.h>
#include <string.h>
#include <unistd.h>

#include "preuves-pdf-assemble.h"
#include "preuves-pdf-report.h"

#define A4_WIDTH        595.276
#define A4_HEIGHT       841.890
#define IMAGE_MARGIN    36.0
#define MAX_PAGE_POINTS 14400.0
#define MAX_IMAGE_SIDE  20000
#define MAX_JPEG_BYTES  (256 * 1024 * 1024)

typedef struct
{
  int     fd;
  guint64 written;
  gboolean failed;
} Output;

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  Output           output;
  guint            pages;
  int              outline_parent;
} Assembly;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Output *output = closure;

  while (length > 0)
    {
      ssize_t n = write (output->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          output->failed = TRUE;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= n;
      output->written += n;
    }
  return CAIRO_STATUS_SUCCESS;
}

/* The outline entry of an item points at its first page, drawn next. */
static void
add_bookmark (Assembly   *assembly,
              JsonObject *item)
{
  const char *bookmark = json_object_get_string_member_with_default (item, "bookmark", NULL);
  gint64 level = json_object_get_int_member_with_default (item, "level", 0);
  g_autofree char *link = NULL;
  int id;

  if (bookmark == NULL || *bookmark == '\0')
    return;
  link = g_strdup_printf ("page=%u", assembly->pages + 1);
  id = cairo_pdf_surface_add_outline (assembly->surface,
                                      level > 0 ? assembly->outline_parent : CAIRO_PDF_OUTLINE_ROOT,
                                      bookmark, link, 0);
  if (level == 0)
    assembly->outline_parent = id;
}

static void
begin_page (Assembly *assembly,
            double    width,
            double    height)
{
  cairo_pdf_surface_set_size (assembly->surface,
                              CLAMP (width, 1, MAX_PAGE_POINTS), CLAMP (height, 1, MAX_PAGE_POINTS));
}

static void
end_page (Assembly *assembly)
{
  cairo_show_page (assembly->cr);
  assembly->pages++;
}

static GError *
poppler_open_error (GError *error)
{
  gboolean encrypted = g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED);

  return preuves_pdf_error_new (encrypted ? PREUVES_PDF_ERROR_ENCRYPTED : PREUVES_PDF_ERROR_NOT_PDF, 0);
}

static gboolean
draw_pdf (Assembly    *assembly,
          JsonObject  *item,
          int          fd,
          guint       *n_pages,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *document;
  int first, last, count;

  /* poppler owns the descriptor from here, whatever happens. */
  document = poppler_document_new_from_fd (fd, NULL, &local_error);
  if (document == NULL)
    {
      g_propagate_error (error, poppler_open_error (local_error));
      return FALSE;
    }
  count = poppler_document_get_n_pages (document);
  first = json_object_get_int_member_with_default (item, "first", 0);
  last = json_object_get_int_member_with_default (item, "last", count - 1);
  if (count <= 0 || first < 0 || last >= count || first > last)
    {
      g_object_unref (document);
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_EMPTY, 0));
      return FALSE;
    }
  for (int i = first; i <= last; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      double width = A4_WIDTH, height = A4_HEIGHT;

      if (page != NULL)
        poppler_page_get_size (page, &width, &height);
      begin_page (assembly, width, height);
      if (i == first)
        add_bookmark (assembly, item);
      if (page != NULL)
        {
          cairo_save (assembly->cr);
          poppler_page_render_for_printing (page, assembly->cr);
          cairo_restore (assembly->cr);
          g_object_unref (page);
        }
      end_page (assembly);
      (*n_pages)++;
    }
  g_object_unref (document);
  return TRUE;
}

static cairo_status_t
read_fd_cb (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  int fd = GPOINTER_TO_INT (closure);

  while (length > 0)
    {
      ssize_t n = read (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return CAIRO_STATUS_READ_ERROR;
      data += n;
      length -= n;
    }
  return CAIRO_STATUS_SUCCESS;
}

/* The size of a JPEG from its start-of-frame segment. */
static gboolean
jpeg_size (const guint8 *data,
           gsize         length,
           int          *width,
           int          *height)
{
  gsize i = 2;

  if (length < 4 || data[0] != 0xFF || data[1] != 0xD8)
    return FALSE;
  while (i + 4 <= length)
    {
      guint8 marker;
      gsize segment;

      if (data[i] != 0xFF)
        return FALSE;
      marker = data[i + 1];
      if (marker == 0xFF || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
        {
          i += marker == 0xFF ? 1 : 2;
          continue;
        }
      segment = (data[i + 2] << 8) | data[i + 3];
      if (segment < 2)
        return FALSE;
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          if (i + 9 > length)
            return FALSE;
          *height = (data[i + 5] << 8) | data[i + 6];
          *width = (data[i + 7] << 8) | data[i + 8];
          return *width > 0 && *height > 0;
        }
      i += 2 + segment;
    }
  return FALSE;
}

static cairo_surface_t *
load_jpeg (int      fd,
           GError **error)
{
  g_autoptr(GInputStream) stream = g_unix_input_stream_new (fd, TRUE);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[65536];
  cairo_surface_t *surface;
  gssize n;
  int width, height;

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, NULL)) > 0 &&
         bytes->len <= MAX_JPEG_BYTES)
    g_byte_array_append (bytes, buffer, n);
  if (n < 0 || bytes->len > MAX_JPEG_BYTES || !jpeg_size (bytes->data, bytes->len, &width, &height) ||
      width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE)
    {
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0));
      return NULL;
    }
  /* The pixels are never drawn: the PDF gets the JPEG bytes themselves. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG, bytes->data, bytes->len,
                               (cairo_destroy_func_t) g_byte_array_unref, g_byte_array_ref (bytes));
  return surface;
}

static cairo_surface_t *
load_png (int      fd,
          GError **error)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_fd_cb, GINT_TO_POINTER (fd));

  close (fd);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0));
      return NULL;
    }
  return surface;
}

/* An image on an A4 page of its orientation, scaled to fit the margins. */
static gboolean
draw_image (Assembly    *assembly,
            JsonObject  *item,
            int          fd,
            gboolean     jpeg,
            GError     **error)
{
  cairo_surface_t *image = jpeg ? load_jpeg (fd, error) : load_png (fd, error);
  double width, height, page_width, page_height, scale;

  if (image == NULL)
    return FALSE;
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  page_width = width > height ? A4_HEIGHT : A4_WIDTH;
  page_height = width > height ? A4_WIDTH : A4_HEIGHT;
  scale = MIN ((page_width - 2 * IMAGE_MARGIN) / width, (page_height - 2 * IMAGE_MARGIN) / height);

  begin_page (assembly, page_width, page_height);
  add_bookmark (assembly, item);
  cairo_save (assembly->cr);
  cairo_translate (assembly->cr, (page_width - width * scale) / 2, (page_height - height * scale) / 2);
  cairo_scale (assembly->cr, scale, scale);
  cairo_set_source_surface (assembly->cr, image, 0, 0);
  cairo_paint (assembly->cr);
  cairo_restore (assembly->cr);
  end_page (assembly);
  cairo_surface_destroy (image);
  return TRUE;
}

static gboolean
draw_item (Assembly    *assembly,
           JsonObject  *item,
           guint       *n_pages,
           GError     **error)
{
  const char *type = json_object_get_string_member_with_default (item, "type", "");
  gint64 input = json_object_get_int_member_with_default (item, "input", -1);
  int fd;

  if (input < 0 || input > 1000)
    {
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0));
      return FALSE;
    }
  /* Each item gets its own descriptor, so that one document read twice
   * (a frame's pages) starts from its beginning. */
  fd = dup (PREUVES_PDF_ASSEMBLE_FIRST_FD + input);
  if (fd < 0 || lseek (fd, 0, SEEK_SET) != 0)
    {
      if (fd >= 0)
        close (fd);
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0));
      return FALSE;
    }
  if (g_str_equal (type, "pdf"))
    return draw_pdf (assembly, item, fd, n_pages, error);
  if (g_str_equal (type, "png") || g_str_equal (type, "jpeg"))
    {
      *n_pages = 1;
      return draw_image (assembly, item, fd, g_str_equal (type, "jpeg"), error);
    }
  close (fd);
  g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_NOT_PDF, 0));
  return FALSE;
}

static void
add_item_result (JsonBuilder  *builder,
                 guint         n_pages,
                 guint64       bytes,
                 const GError *error)
{
  json_builder_begin_object (builder);
  if (error != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, preuves_pdf_error_to_string (error->domain == PREUVES_PDF_ERROR ?
                                                                          error->code : PREUVES_PDF_ERROR_DAMAGED));
    }
  json_builder_set_member_name (builder, "pages");
  json_builder_add_int_value (builder, error != NULL ? 0 : n_pages);
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, bytes);
  json_builder_end_object (builder);
}

JsonNode *
preuves_pdf_assemble (JsonNode                   *manifest,
                      int                         out_fd,
                      PreuvesPdfAssembleStepFunc  before_item,
                      gpointer                    user_data,
                      GError                    **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  Assembly assembly = { NULL, NULL, { out_fd, 0, FALSE }, 0, CAIRO_PDF_OUTLINE_ROOT };
  JsonArray *items;
  cairo_status_t status;

  if (manifest == NULL || !JSON_NODE_HOLDS_OBJECT (manifest) ||
      !json_object_has_member (json_node_get_object (manifest), "items") ||
      (items = json_object_get_array_member (json_node_get_object (manifest), "items")) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "bad manifest");
      return NULL;
    }

  assembly.surface = cairo_pdf_surface_create_for_stream (write_cb, &assembly.output, A4_WIDTH, A4_HEIGHT);
  assembly.cr = cairo_create (assembly.surface);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      g_autoptr(GError) item_error = NULL;
      guint64 before = assembly.output.written;
      guint n_pages = 0;

      before_item (i, user_data);
      if (JSON_NODE_HOLDS_OBJECT (node))
        draw_item (&assembly, json_node_get_object (node), &n_pages, &item_error);
      else
        item_error = preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0);
      add_item_result (builder, n_pages, assembly.output.written - before, item_error);
    }
  json_builder_end_array (builder);
  before_item (json_array_get_length (items), user_data);
  cairo_destroy (assembly.cr);
  cairo_surface_finish (assembly.surface);
  status = cairo_surface_status (assembly.surface);
  cairo_surface_destroy (assembly.surface);
  if (status != CAIRO_STATUS_SUCCESS || assembly.output.failed)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write the PDF: %s", cairo_status_to_string (status));
      return NULL;
    }
  json_builder_set_member_name (builder, "pages");
  json_builder_add_int_value (builder, assembly.pages);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
