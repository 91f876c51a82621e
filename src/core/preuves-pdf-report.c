/* preuves-pdf-report.c — what a PDF page check found, and why it failed
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "preuves-pdf-report.h"

/* The report crosses a process boundary (probe → app) as JSON, so whatever
 * comes back is checked as if it came from a stranger: bounded sizes, page
 * numbers inside the document. */
#define MAX_PAGES          1000000
#define MAX_OUTLINE_ITEMS  2000
#define MAX_TITLE_BYTES    512

typedef struct
{
  char  *title;
  guint  depth;
  guint  page; /* 0 when the entry points nowhere we can resolve */
} OutlineItem;

struct _PreuvesPdfReport
{
  GObject             parent_instance;

  guint               pages_total;
  gboolean            text_layer;
  guint               annex_start; /* 0: unknown or no annexes */
  PreuvesAnnexMethod  annex_method;
  GArray             *outline;     /* of OutlineItem */
};

G_DEFINE_FINAL_TYPE (PreuvesPdfReport, preuves_pdf_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PAGES_TOTAL,
  PROP_TEXT_LAYER,
  PROP_ANNEX_START,
  PROP_ANNEX_METHOD,
  PROP_PAGES_COUNTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* These strings are part of preuves-cli's JSON: never translate them. */
static const char * const error_names[] = {
  "not-pdf", "empty", "encrypted", "damaged", "timeout", "no-probe", "bad-annex-start",
};

G_DEFINE_QUARK (preuves-pdf-error-quark, preuves_pdf_error)

const char *
preuves_pdf_error_to_string (PreuvesPdfError code)
{
  g_return_val_if_fail (code < G_N_ELEMENTS (error_names), NULL);
  return error_names[code];
}

gboolean
preuves_pdf_error_from_string (const char      *text,
                               PreuvesPdfError *code)
{
  g_return_val_if_fail (code != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (error_names); i++)
    {
      if (g_strcmp0 (text, error_names[i]) == 0)
        {
          *code = (PreuvesPdfError) i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The message is built here, in the process that shows it, from the code
 * alone: the probe's own words are never trusted nor shown. @pages_total is
 * only used by PREUVES_PDF_ERROR_BAD_ANNEX_START. */
GError *
preuves_pdf_error_new (PreuvesPdfError code,
                       guint           pages_total)
{
  switch (code)
    {
    case PREUVES_PDF_ERROR_NOT_PDF:
      return g_error_new_literal (PREUVES_PDF_ERROR, code,
                                  _("This file is not a PDF. Export your document as PDF from your word processor and add the PDF."));
    case PREUVES_PDF_ERROR_EMPTY:
      return g_error_new_literal (PREUVES_PDF_ERROR, code,
                                  _("This PDF is empty: it has no pages. Check that you chose the right file."));
    case PREUVES_PDF_ERROR_ENCRYPTED:
      return g_error_new_literal (PREUVES_PDF_ERROR, code,
                                  _("This PDF is protected by a password. Remove the protection (for example by exporting it again without a password) and add it again."));
    case PREUVES_PDF_ERROR_DAMAGED:
      return g_error_new_literal (PREUVES_PDF_ERROR, code,
                                  _("The PDF could not be read: it may be damaged. Export it again from your word processor and add it again."));
    case PREUVES_PDF_ERROR_TIMEOUT:
      return g_error_new_literal (PREUVES_PDF_ERROR, code,
                                  _("Reading this PDF took too long and was stopped. Export it again, with smaller images, or set the start of the annexes by hand."));
    case PREUVES_PDF_ERROR_NO_PROBE:
      return g_error_new_literal (PREUVES_PDF_ERROR, code,
                                  _("The PDF checker (preuves-pdf-probe) could not be started. Reinstall Preuves."));
    case PREUVES_PDF_ERROR_BAD_ANNEX_START:
      return g_error_new (PREUVES_PDF_ERROR, code,
                          ngettext ("The annexes must start between page 1 and page %u: the document has %u page.",
                                    "The annexes must start between page 1 and page %u: the document has %u pages.",
                                    pages_total),
                          pages_total, pages_total);
    default:
      g_assert_not_reached ();
    }
}

static void
outline_item_clear (gpointer data)
{
  OutlineItem *item = data;

  g_clear_pointer (&item->title, g_free);
}

static void
preuves_pdf_report_finalize (GObject *object)
{
  PreuvesPdfReport *self = (PreuvesPdfReport *)object;

  g_clear_pointer (&self->outline, g_array_unref);

  G_OBJECT_CLASS (preuves_pdf_report_parent_class)->finalize (object);
}

static void
preuves_pdf_report_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PreuvesPdfReport *self = PREUVES_PDF_REPORT (object);

  switch (prop_id)
    {
    case PROP_PAGES_TOTAL:
      g_value_set_uint (value, self->pages_total);
      break;
    case PROP_TEXT_LAYER:
      g_value_set_boolean (value, self->text_layer);
      break;
    case PROP_ANNEX_START:
      g_value_set_uint (value, self->annex_start);
      break;
    case PROP_ANNEX_METHOD:
      g_value_set_uint (value, self->annex_method);
      break;
    case PROP_PAGES_COUNTED:
      g_value_set_uint (value, preuves_pdf_report_get_pages_counted (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_pdf_report_class_init (PreuvesPdfReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = preuves_pdf_report_finalize;
  object_class->get_property = preuves_pdf_report_get_property;

  properties[PROP_PAGES_TOTAL] =
    g_param_spec_uint ("pages-total", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_TEXT_LAYER] =
    g_param_spec_boolean ("text-layer", NULL, NULL, FALSE, flags);
  properties[PROP_ANNEX_START] =
    g_param_spec_uint ("annex-start", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* A PreuvesAnnexMethod: the core registers no enum GTypes. */
  properties[PROP_ANNEX_METHOD] =
    g_param_spec_uint ("annex-method", NULL, NULL,
                       PREUVES_ANNEX_METHOD_NONE, PREUVES_ANNEX_METHOD_MANUAL,
                       PREUVES_ANNEX_METHOD_NONE, flags);
  properties[PROP_PAGES_COUNTED] =
    g_param_spec_uint ("pages-counted", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
preuves_pdf_report_init (PreuvesPdfReport *self)
{
  self->outline = g_array_new (FALSE, TRUE, sizeof (OutlineItem));
  g_array_set_clear_func (self->outline, outline_item_clear);
}

PreuvesPdfReport *
preuves_pdf_report_new (guint    pages_total,
                        gboolean text_layer)
{
  PreuvesPdfReport *self;

  g_return_val_if_fail (pages_total > 0, NULL);

  self = g_object_new (PREUVES_TYPE_PDF_REPORT, NULL);
  self->pages_total = pages_total;
  self->text_layer = !!text_layer;
  return self;
}

guint
preuves_pdf_report_get_pages_total (PreuvesPdfReport *self)
{
  g_return_val_if_fail (PREUVES_IS_PDF_REPORT (self), 0);
  return self->pages_total;
}

gboolean
preuves_pdf_report_get_text_layer (PreuvesPdfReport *self)
{
  g_return_val_if_fail (PREUVES_IS_PDF_REPORT (self), FALSE);
  return self->text_layer;
}

void
preuves_pdf_report_set_text_layer (PreuvesPdfReport *self,
                                   gboolean          text_layer)
{
  g_return_if_fail (PREUVES_IS_PDF_REPORT (self));

  text_layer = !!text_layer;
  if (self->text_layer == text_layer)
    return;
  self->text_layer = text_layer;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_LAYER]);
}

/* Returns 0 when the start of the annexes is unknown or there are none. */
guint
preuves_pdf_report_get_annex_start (PreuvesPdfReport *self)
{
  g_return_val_if_fail (PREUVES_IS_PDF_REPORT (self), 0);
  return self->annex_start;
}

PreuvesAnnexMethod
preuves_pdf_report_get_annex_method (PreuvesPdfReport *self)
{
  g_return_val_if_fail (PREUVES_IS_PDF_REPORT (self), PREUVES_ANNEX_METHOD_NONE);
  return self->annex_method;
}

/* The pages the jury counts: those before the annexes ("hors annexes"). */
guint
preuves_pdf_report_get_pages_counted (PreuvesPdfReport *self)
{
  g_return_val_if_fail (PREUVES_IS_PDF_REPORT (self), 0);

  if (self->annex_start == 0)
    return self->pages_total;
  return self->annex_start - 1;
}

/* Sets where the annexes start and how that was found; @annex_start 0 with
 * PREUVES_ANNEX_METHOD_NONE means "no annexes found". Fails with
 * PREUVES_PDF_ERROR_BAD_ANNEX_START outside 1…pages-total. */
gboolean
preuves_pdf_report_set_annex_start (PreuvesPdfReport    *self,
                                    guint                annex_start,
                                    PreuvesAnnexMethod   method,
                                    GError             **error)
{
  g_return_val_if_fail (PREUVES_IS_PDF_REPORT (self), FALSE);
  g_return_val_if_fail (method <= PREUVES_ANNEX_METHOD_MANUAL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((method == PREUVES_ANNEX_METHOD_NONE) != (annex_start == 0) ||
      annex_start > self->pages_total)
    {
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_BAD_ANNEX_START,
                                                       self->pages_total));
      return FALSE;
    }

  self->annex_start = annex_start;
  self->annex_method = method;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNEX_START]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNEX_METHOD]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGES_COUNTED]);
  return TRUE;
}

guint
preuves_pdf_report_get_n_outline_items (PreuvesPdfReport *self)
{
  g_return_val_if_fail (PREUVES_IS_PDF_REPORT (self), 0);
  return self->outline->len;
}

/* Returns the title of the outline item at @position (in document order);
 * @page is 0 when the item points to no page of this document. */
const char *
preuves_pdf_report_get_outline_item (PreuvesPdfReport *self,
                                     guint             position,
                                     guint            *depth,
                                     guint            *page)
{
  const OutlineItem *item;

  g_return_val_if_fail (PREUVES_IS_PDF_REPORT (self), NULL);
  g_return_val_if_fail (position < self->outline->len, NULL);

  item = &g_array_index (self->outline, OutlineItem, position);
  if (depth != NULL)
    *depth = item->depth;
  if (page != NULL)
    *page = item->page;
  return item->title;
}

/* Silently keeps the first MAX_OUTLINE_ITEMS items, each title cut to a
 * sane length on a character boundary and made valid UTF-8. */
void
preuves_pdf_report_add_outline_item (PreuvesPdfReport *self,
                                     const char       *title,
                                     guint             depth,
                                     guint             page)
{
  OutlineItem item = { NULL, depth, 0 };
  g_autofree char *valid = NULL;

  g_return_if_fail (PREUVES_IS_PDF_REPORT (self));

  item.page = page <= self->pages_total ? page : 0;
  if (self->outline->len >= MAX_OUTLINE_ITEMS)
    return;

  valid = g_utf8_make_valid (title != NULL ? title : "", -1);
  if (strlen (valid) > MAX_TITLE_BYTES)
    *g_utf8_find_prev_char (valid, valid + MAX_TITLE_BYTES + 1) = '\0';
  item.title = g_steal_pointer (&valid);
  g_array_append_val (self->outline, item);
}

static JsonNode *
outline_to_json (PreuvesPdfReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->outline->len; i++)
    {
      const OutlineItem *item = &g_array_index (self->outline, OutlineItem, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, item->title);
      json_builder_set_member_name (builder, "depth");
      json_builder_add_int_value (builder, item->depth);
      json_builder_set_member_name (builder, "page");
      if (item->page > 0)
        json_builder_add_int_value (builder, item->page);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/* The object printed by `preuves-cli pages --json` and by the probe. */
JsonNode *
preuves_pdf_report_to_json (PreuvesPdfReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (PREUVES_IS_PDF_REPORT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "pages_total");
  json_builder_add_int_value (builder, self->pages_total);
  json_builder_set_member_name (builder, "annex_start");
  if (self->annex_start > 0)
    json_builder_add_int_value (builder, self->annex_start);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "pages_counted");
  json_builder_add_int_value (builder, preuves_pdf_report_get_pages_counted (self));
  json_builder_set_member_name (builder, "annex_method");
  json_builder_add_string_value (builder, preuves_annex_method_to_string (self->annex_method));
  json_builder_set_member_name (builder, "text_layer");
  json_builder_add_boolean_value (builder, self->text_layer);
  json_builder_set_member_name (builder, "outline");
  json_builder_add_value (builder, outline_to_json (self));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
read_page_member (JsonObject *object,
                  const char *name,
                  guint       max,
                  guint      *page)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  *page = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  value = json_node_get_int (node);
  if (value < 1 || value > max)
    return FALSE;
  *page = (guint) value;
  return TRUE;
}

static gboolean
read_outline (PreuvesPdfReport *self,
              JsonObject       *root)
{
  JsonNode *node = json_object_get_member (root, "outline");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array) && i < MAX_OUTLINE_ITEMS; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *item;
      guint page;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return FALSE;
      item = json_node_get_object (element);
      if (!read_page_member (item, "page", self->pages_total, &page))
        return FALSE;
      preuves_pdf_report_add_outline_item (self,
                                           json_object_get_string_member_with_default (item, "title", ""),
                                           CLAMP (json_object_get_int_member_with_default (item, "depth", 0), 0, 64),
                                           page);
    }
  return TRUE;
}

static PreuvesPdfReport *
report_from_object (JsonObject *root)
{
  g_autoptr(PreuvesPdfReport) self = NULL;
  PreuvesAnnexMethod method;
  gint64 pages_total;
  guint annex_start;

  pages_total = json_object_get_int_member_with_default (root, "pages_total", 0);
  if (pages_total < 1 || pages_total > MAX_PAGES)
    return NULL;

  self = preuves_pdf_report_new (pages_total,
                                 json_object_get_boolean_member_with_default (root, "text_layer", FALSE));
  if (!read_page_member (root, "annex_start", pages_total, &annex_start) ||
      !preuves_annex_method_from_string (json_object_get_string_member_with_default (root, "annex_method", ""),
                                         &method) ||
      !preuves_pdf_report_set_annex_start (self, annex_start, method, NULL) ||
      !read_outline (self, root))
    return NULL;

  return g_steal_pointer (&self);
}

/* Reads what preuves_pdf_report_to_json() wrote. Anything else — missing
 * members, pages out of range — fails with PREUVES_PDF_ERROR_DAMAGED: the
 * probe only writes nonsense when poppler went astray on that document. */
PreuvesPdfReport *
preuves_pdf_report_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  PreuvesPdfReport *self = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (JSON_NODE_HOLDS_OBJECT (node))
    self = report_from_object (json_node_get_object (node));
  if (self == NULL)
    g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0));
  return self;
}
