/* test-pdf-thumbnail.c — pages of a PDF drawn as PNG thumbnails by the probe
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pdf-fixtures.h"
#include "preuves-pdf-page-png.h"
#include "preuves-pdf-report.h"
#include "preuves-pdf-thumbnail.h"

static char *tmpdir;

/* A PDF header, then bytes that never end: the probe waits for the end of
 * the document until its own timer stops it. */
typedef struct
{
  GInputStream parent_instance;
  gboolean     header_sent;
} EndlessStream;

typedef GInputStreamClass EndlessStreamClass;

static GType endless_stream_get_type (void);
G_DEFINE_TYPE (EndlessStream, endless_stream, G_TYPE_INPUT_STREAM)

static gssize
endless_stream_read (GInputStream  *stream,
                     void          *buffer,
                     gsize          count,
                     GCancellable  *cancellable,
                     GError       **error)
{
  EndlessStream *self = (EndlessStream *) stream;
  const char *header = "%PDF-1.7\n";

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (!self->header_sent && count >= strlen (header))
    {
      self->header_sent = TRUE;
      memcpy (buffer, header, strlen (header));
      return strlen (header);
    }
  /* Slowly, so that the probe's address-space and file-size limits
   * cannot be reached before its timer. */
  g_usleep (1000);
  count = MIN (count, 4096);
  memset (buffer, ' ', count);
  return count;
}

static void
endless_stream_class_init (EndlessStreamClass *klass)
{
  klass->read_fn = endless_stream_read;
}

static void
endless_stream_init (EndlessStream *self)
{
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GBytes *
render_stream (GInputStream  *stream,
               guint          page,
               guint          width,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  preuves_pdf_thumbnail_render_async (stream, page, width, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return preuves_pdf_thumbnail_render_finish (result, error);
}

static GBytes *
render_file (const char  *path,
             guint        page,
             guint        width,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);

  g_assert_nonnull (stream);
  return render_stream (G_INPUT_STREAM (stream), page, width, error);
}

static GBytes *
render_data (const char  *data,
             gsize        length,
             guint        page,
             GError     **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_memdup2 (data, length), length, g_free);

  return render_stream (stream, page, 160, error);
}

typedef struct
{
  GBytes *bytes;
  gsize   offset;
} PngReader;

static cairo_status_t
read_png_cb (void          *closure,
             unsigned char *data,
             unsigned int   length)
{
  PngReader *reader = closure;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (reader->bytes, &size);

  if (reader->offset + length > size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, bytes + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* Decodes @png with cairo: a thumbnail the app could not show fails here. */
static cairo_surface_t *
load_png (GBytes *png)
{
  PngReader reader = { png, 0 };
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_png_cb, &reader);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

static gboolean
is_all_white (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if ((*(const guint32 *) (data + y * stride + x * 4) & 0xffffff) != 0xffffff)
        return FALSE;
  return TRUE;
}

static char *
make_document (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "memoire.pdf", NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_assert_true (preuves_test_make_document (path, 20, 18, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
assert_page_png (const char *path,
                 guint       page,
                 guint       width)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = render_file (path, page, width, &error);
  cairo_surface_t *surface;

  g_assert_no_error (error);
  g_assert_nonnull (png);
  surface = load_png (png);
  /* The fixtures are A4 pages: 210 × 297 mm. */
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
  g_assert_cmpint (ABS (cairo_image_surface_get_height (surface) - (int) (width * 297.0 / 210.0 + 0.5)), <=, 1);
  g_assert_false (is_all_white (surface));
  cairo_surface_destroy (surface);
}

static void
test_first_and_annex_pages (void)
{
  g_autofree char *path = make_document ();

  assert_page_png (path, 1, 160);
  assert_page_png (path, 18, 160);
  assert_page_png (path, 20, PREUVES_PDF_PAGE_PNG_MAX_WIDTH);
}

/* The same check on a blank page: the text made the difference above. */
static void
test_blank_page_is_white (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "blank.pdf", NULL);
  PdfPageSpec pages[] = { { NULL, FALSE } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  cairo_surface_t *surface;

  g_assert_true (preuves_test_make_pdf (path, pages, G_N_ELEMENTS (pages), NULL, 0, &error));
  png = render_file (path, 1, 120, &error);
  g_assert_no_error (error);
  surface = load_png (png);
  g_assert_true (is_all_white (surface));
  cairo_surface_destroy (surface);
}

static void
test_page_past_the_end (void)
{
  g_autofree char *path = make_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = render_file (path, 21, 160, &error);

  g_assert_null (png);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "21"));
}

static void
test_damaged (void)
{
  g_autofree char *path = make_document ();
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  const char garbage[] = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
  gsize length;

  /* poppler rebuilds what it can: here, a document without pages. */
  png = render_data (garbage, sizeof garbage - 1, 1, &error);
  g_assert_null (png);
  g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_EMPTY);
  g_clear_error (&error);

  png = render_data ("Notes de réunion\n", strlen ("Notes de réunion\n"), 1, &error);
  g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_NOT_PDF);
  g_clear_error (&error);

  /* Cut in the middle: poppler may rebuild what is left, or not; either
   * way the answer is a PNG or an error, never a crash. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  png = render_data (contents, length / 2, 1, &error);
  g_assert_true ((png != NULL) != (error != NULL));
  if (png != NULL)
    cairo_surface_destroy (load_png (png));
  else
    g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_DAMAGED);
}

static void
test_timeout (void)
{
  g_autoptr(GInputStream) stream = g_object_new (endless_stream_get_type (), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;

  g_setenv ("PREUVES_PDF_PROBE_TIMEOUT_MS", "300", TRUE);
  png = render_stream (stream, 1, 160, &error);
  g_unsetenv ("PREUVES_PDF_PROBE_TIMEOUT_MS");
  g_assert_null (png);
  g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_TIMEOUT);
}

static void
test_cancelled (void)
{
  g_autoptr(GInputStream) stream = g_object_new (endless_stream_get_type (), NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;

  preuves_pdf_thumbnail_render_async (stream, 1, 160, cancellable, store_result_cb, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  png = preuves_pdf_thumbnail_render_finish (result, &error);
  g_assert_null (png);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("preuves-thumbnail-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/pdf-thumbnail/first-and-annex-pages", test_first_and_annex_pages);
  g_test_add_func ("/pdf-thumbnail/blank-page-is-white", test_blank_page_is_white);
  g_test_add_func ("/pdf-thumbnail/page-past-the-end", test_page_past_the_end);
  g_test_add_func ("/pdf-thumbnail/damaged", test_damaged);
  g_test_add_func ("/pdf-thumbnail/timeout", test_timeout);
  g_test_add_func ("/pdf-thumbnail/cancelled", test_cancelled);
  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
