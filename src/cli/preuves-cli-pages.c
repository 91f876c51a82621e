/* preuves-cli-pages.c — `preuves-cli pages`: count the pages of a written document
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-cli-commands.h"
#include "preuves-cli-common.h"
#include "preuves-pdf-probe-client.h"
#include "preuves-referentiel.h"

#define PAGES_PARAMETERS "PDF [--kind diagnostic|final] [--annex-start N] [--json]"

static char *kind = NULL;
static int annex_start = 0;
static gboolean json = FALSE;

static GOptionEntry entries[] = {
  { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("Compare with the page range of this written document (diagnostic or final)"), "KIND" },
  { "annex-start", 'a', 0, G_OPTION_ARG_INT, &annex_start, N_("The annexes start at this page (instead of finding them)"), "N" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
  G_OPTION_ENTRY_NULL
};

/* With --json, scripts get the error on stdout too, with a stable code. */
static int
fail (const GError *error)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      const char *code = "unreadable";

      if (error->domain == PREUVES_PDF_ERROR)
        code = preuves_pdf_error_to_string (error->code);
      else if (error->domain == G_OPTION_ERROR)
        code = "bad-arguments";

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, code);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      preuves_cli_print_json (node);
    }
  return preuves_cli_fail (error);
}

static void
print_json (PreuvesPdfReport                 *report,
            const PreuvesWrittenDocumentSpec *spec,
            gboolean                          within)
{
  g_autoptr(JsonNode) node = preuves_pdf_report_to_json (report);
  JsonObject *object = json_node_get_object (node);

  if (spec != NULL)
    {
      JsonObject *range = json_object_new ();

      json_object_set_int_member (range, "min", spec->pages_min);
      json_object_set_int_member (range, "max", spec->pages_max);
      json_object_set_string_member (object, "kind", spec->kind);
      json_object_set_object_member (object, "range", range);
      json_object_set_boolean_member (object, "within_range", within);
    }
  preuves_cli_print_json (node);
}

static const char *
method_phrase (PreuvesAnnexMethod method)
{
  switch (method)
    {
    case PREUVES_ANNEX_METHOD_OUTLINE:
      return _("found in the outline");
    case PREUVES_ANNEX_METHOD_HEADING:
      return _("found from the heading of that page");
    case PREUVES_ANNEX_METHOD_MANUAL:
      return _("set by hand");
    case PREUVES_ANNEX_METHOD_NONE:
    default:
      return NULL;
    }
}

/* "62 pages, annexes from page 53 (found in the outline): 52 pages counted
 * — within 50–60" */
static void
print_text (PreuvesPdfReport                 *report,
            const PreuvesWrittenDocumentSpec *spec,
            gboolean                          within)
{
  guint total = preuves_pdf_report_get_pages_total (report);
  guint counted = preuves_pdf_report_get_pages_counted (report);
  PreuvesAnnexMethod method = preuves_pdf_report_get_annex_method (report);
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", total), total);
  g_string_append (line, ", ");
  if (method == PREUVES_ANNEX_METHOD_NONE)
    g_string_append (line, _("no annexes found"));
  else
    g_string_append_printf (line, _("annexes from page %u (%s)"),
                            preuves_pdf_report_get_annex_start (report), method_phrase (method));
  g_string_append (line, ": ");
  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%u page counted", "%u pages counted", counted), counted);
  if (spec != NULL)
    {
      g_string_append (line, " — ");
      /* Translators: "within 50–60" or "outside 50–60", a page range */
      g_string_append_printf (line, within ? _("within %u–%u") : _("outside %u–%u"),
                              spec->pages_min, spec->pages_max);
    }
  g_print ("%s\n", line->str);

  if (method == PREUVES_ANNEX_METHOD_NONE && !preuves_pdf_report_get_text_layer (report))
    g_print ("%s\n", _("This PDF has no text (scanned pages?), so its annexes cannot be found: "
                       "give their first page with --annex-start."));
}

static gboolean
parse_arguments (int                                *argc,
                 char                             ***argv,
                 const PreuvesWrittenDocumentSpec  **spec,
                 GError                            **error)
{
  if (!preuves_cli_parse_options ("pages", PAGES_PARAMETERS, entries, argc, argv, error))
    return FALSE;
  if (*argc != 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("Usage: preuves-cli pages %s"), PAGES_PARAMETERS);
      return FALSE;
    }
  if (annex_start < 0)
    {
      g_set_error_literal (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_BAD_ANNEX_START,
                           _("--annex-start takes a page number, 1 or more."));
      return FALSE;
    }

  *spec = NULL;
  if (kind != NULL)
    *spec = preuves_referentiel_find_written_document (preuves_referentiel_get_default (), kind);
  if (kind != NULL && *spec == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown written document “%s”: use diagnostic or final."), kind);
      return FALSE;
    }
  return TRUE;
}

/* Exit status: 0 counted (and within the range), 1 outside the range, 2
 * the PDF could not be read. */
int
preuves_cli_pages (int    argc,
                   char **argv)
{
  const PreuvesWrittenDocumentSpec *spec = NULL;
  PreuvesPdfProbeOptions options = { 0, 0 };
  g_autoptr(PreuvesPdfReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean within = TRUE;

  if (!parse_arguments (&argc, &argv, &spec, &error))
    return fail (error);

  file = g_file_new_for_commandline_arg (argv[1]);
  options.annex_start = annex_start;
  report = preuves_pdf_probe_run_file (file, &options, NULL, &error);
  if (report == NULL)
    return fail (error);

  if (spec != NULL)
    {
      guint counted = preuves_pdf_report_get_pages_counted (report);

      within = counted >= spec->pages_min && counted <= spec->pages_max;
    }
  if (json)
    print_json (report, spec, within);
  else
    print_text (report, spec, within);
  return within ? PREUVES_CLI_EXIT_OK : PREUVES_CLI_EXIT_PROBLEM;
}
