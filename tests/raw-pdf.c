/* raw-pdf.c — PDFs written by hand, to hurt a parser
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "raw-pdf.h"

GPtrArray *
preuves_test_pdf_objects_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
}

void
preuves_test_add_object (GPtrArray  *objects,
                         const char *format,
                         ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (objects, g_bytes_new_take (text, strlen (text)));
}

void
preuves_test_add_stream (GPtrArray  *objects,
                         const char *dict_entries,
                         GBytes     *data)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autofree char *head = g_strdup_printf ("<< %s /Length %" G_GSIZE_FORMAT " >>\nstream\n",
                                           dict_entries, g_bytes_get_size (data));

  g_byte_array_append (body, (const guint8 *) head, strlen (head));
  g_byte_array_append (body, g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  g_byte_array_append (body, (const guint8 *) "\nendstream", 10);
  g_ptr_array_add (objects, g_byte_array_free_to_bytes (g_steal_pointer (&body)));
}

void
preuves_test_write_raw_pdf (const char *path,
                            GPtrArray  *objects)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree goffset *offsets = g_new0 (goffset, objects->len);
  g_autoptr(GString) tail = g_string_new (NULL);
  static const char header[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";

  g_byte_array_append (out, (const guint8 *) header, strlen (header));
  for (guint i = 0; i < objects->len; i++)
    {
      GBytes *body = objects->pdata[i];
      g_autofree char *open = g_strdup_printf ("%u 0 obj\n", i + 1);

      offsets[i] = out->len;
      g_byte_array_append (out, (const guint8 *) open, strlen (open));
      g_byte_array_append (out, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_byte_array_append (out, (const guint8 *) "\nendobj\n", 8);
    }
  g_string_append_printf (tail, "xref\n0 %u\n0000000000 65535 f \n", objects->len + 1);
  for (guint i = 0; i < objects->len; i++)
    g_string_append_printf (tail, "%010" G_GINT64_FORMAT " 00000 n \n", (gint64) offsets[i]);
  g_string_append_printf (tail, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%u\n%%%%EOF\n",
                          objects->len + 1, out->len);
  g_byte_array_append (out, (const guint8 *) tail->str, tail->len);
  g_assert_true (g_file_set_contents (path, (const char *) out->data, out->len, NULL));
}

static GBytes *
repeated (const char *text,
          guint       times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, text);
  return g_string_free_to_bytes (out);
}

/* The page draws a form ten times; that form draws the next ten times,
 * nine levels down: a billion lines of text from a file of 3 kB. */
void
preuves_test_make_endless_pdf (const char *path)
{
  const guint levels = 9, first_form = 5, font = first_form + levels;
  g_autoptr(GPtrArray) objects = preuves_test_pdf_objects_new ();
  g_autoptr(GBytes) ten_draws = repeated ("/X Do ", 10);
  static const char line[] = "BT /F1 9 Tf 72 700 Td (Encore une ligne) Tj ET";
  g_autoptr(GBytes) text = g_bytes_new_static (line, strlen (line));

  preuves_test_add_object (objects, "<< /Type /Catalog /Pages 2 0 R >>");
  preuves_test_add_object (objects, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  preuves_test_add_object (objects, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
                                    " /Resources << /XObject << /X %u 0 R >> >> /Contents 4 0 R >>", first_form);
  preuves_test_add_stream (objects, "", ten_draws);
  for (guint form = first_form; form < font; form++)
    {
      g_autofree char *entries = NULL;

      if (form + 1 < font)
        entries = g_strdup_printf ("/Type /XObject /Subtype /Form /BBox [0 0 595 842]"
                                   " /Resources << /XObject << /X %u 0 R >> >>", form + 1);
      else
        entries = g_strdup_printf ("/Type /XObject /Subtype /Form /BBox [0 0 595 842]"
                                   " /Resources << /Font << /F1 %u 0 R >> >>", font);
      preuves_test_add_stream (objects, entries, form + 1 < font ? ten_draws : text);
    }
  preuves_test_add_object (objects, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  g_assert_cmpuint (objects->len, ==, font);
  preuves_test_write_raw_pdf (path, objects);
}
