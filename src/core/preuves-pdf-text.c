/* preuves-pdf-text.c — the text of each page of a PDF, for the probe
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only ever called inside preuves-pdf-probe: poppler reads documents from
 * other people, so it runs in a process of its own, with its own time and
 * memory limits. The caller is preuves-names-check.c.
 */

#include "config.h"

#include <poppler.h>
#include <unistd.h>

#include "preuves-pdf-report.h"
#include "preuves-pdf-text.h"

JsonNode *
preuves_pdf_page_texts_fd (int      fd,
                           GError **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *document;
  int own_fd;

  if (lseek (fd, 0, SEEK_SET) != 0 || (own_fd = dup (fd)) < 0)
    {
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0));
      return NULL;
    }
  /* poppler owns @own_fd from here, whatever happens. */
  document = poppler_document_new_from_fd (own_fd, NULL, &local_error);
  if (document == NULL)
    {
      gboolean encrypted = g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED);

      g_propagate_error (error, preuves_pdf_error_new (encrypted ? PREUVES_PDF_ERROR_ENCRYPTED
                                                                 : PREUVES_PDF_ERROR_NOT_PDF, 0));
      return NULL;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "pages");
  json_builder_begin_array (builder);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *text = page != NULL ? poppler_page_get_text (page) : NULL;

      json_builder_add_string_value (builder, text != NULL ? text : "");
      g_clear_object (&page);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  g_object_unref (document);
  return json_builder_get_root (builder);
}

GStrv
preuves_pdf_page_texts_from_json (const char  *json,
                                  gsize        length,
                                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();
  JsonNode *root;
  JsonNode *pages;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root) ||
      (pages = json_object_get_member (json_node_get_object (root), "pages")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (pages))
    {
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (pages)); i++)
    {
      JsonNode *page = json_array_get_element (json_node_get_array (pages), i);
      const char *text = NULL;

      if (JSON_NODE_HOLDS_VALUE (page) && json_node_get_value_type (page) == G_TYPE_STRING)
        text = json_node_get_string (page);
      g_strv_builder_add (texts, text != NULL ? text : "");
    }
  return g_strv_builder_end (texts);
}
