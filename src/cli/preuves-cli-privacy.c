/* preuves-cli-privacy.c — commands on the names to anonymise: names and
 * privacy-check
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-assessment.h"
#include "preuves-cli-commands.h"
#include "preuves-cli-common.h"
#include "preuves-names-check.h"
#include "preuves-portfolio.h"

static PreuvesPortfolio *
open_portfolio (const char  *path,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return preuves_portfolio_open (file, error);
}

static int
names_change (PreuvesPortfolio *portfolio,
              const char       *action,
              const char       *name)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = preuves_portfolio_get_names (portfolio);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) changed = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (name));

  if (*trimmed == '\0')
    return preuves_cli_fail_message (_("The name is empty."));
  if (g_str_equal (action, "remove") && !g_strv_contains ((const char * const *) names, trimmed))
    return preuves_cli_fail_message (_("“%s” is not in the names list."), trimmed);

  for (guint i = 0; names[i] != NULL; i++)
    if (!g_str_equal (names[i], trimmed))
      g_strv_builder_add (builder, names[i]);
  if (g_str_equal (action, "add"))
    g_strv_builder_add (builder, trimmed);
  changed = g_strv_builder_end (builder);
  if (!preuves_portfolio_set_names (portfolio, (const char * const *) changed, &error))
    return preuves_cli_fail (error);
  return PREUVES_CLI_EXIT_OK;
}

int
preuves_cli_names (int    argc,
                   char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  gboolean listing;

  if (!preuves_cli_parse_options ("names", "FILE add|list|remove [NAME]", NULL, &argc, &argv, &error))
    return preuves_cli_fail (error);
  listing = argc == 3 && g_str_equal (argv[2], "list");
  if (!listing && !(argc == 4 && (g_str_equal (argv[2], "add") || g_str_equal (argv[2], "remove"))))
    return preuves_cli_fail_message (_("Usage: preuves-cli names FILE add|list|remove [NAME]"));

  portfolio = open_portfolio (argv[1], &error);
  if (portfolio == NULL)
    return preuves_cli_fail (error);
  if (listing)
    {
      g_auto(GStrv) names = preuves_portfolio_get_names (portfolio);

      for (guint i = 0; names[i] != NULL; i++)
        g_print ("%s\n", names[i]);
      return PREUVES_CLI_EXIT_OK;
    }
  return names_change (portfolio, argv[2], argv[3]);
}

static char *
describe_place (const PreuvesNameFinding *finding)
{
  switch (finding->place)
    {
    case PREUVES_NAME_PLACE_TITLE:
      return g_strdup_printf (_("title of the preuve “%s”"), finding->label);
    case PREUVES_NAME_PLACE_SITUATION:
      return g_strdup_printf (_("situation of the preuve “%s”"), finding->label);
    case PREUVES_NAME_PLACE_JUSTIFICATION:
      return g_strdup_printf (_("justification of the preuve “%s” for %s"), finding->label, finding->detail);
    case PREUVES_NAME_PLACE_REMARK:
      return g_strdup (_("a remark or response"));
    case PREUVES_NAME_PLACE_ATTACHMENT:
      return g_strdup_printf (_("page %u of “%s” (preuve “%s”)"), finding->page, finding->detail, finding->label);
    case PREUVES_NAME_PLACE_DOCUMENT:
      return g_strdup_printf (_("page %u of the written document “%s”"), finding->page, finding->label);
    default:
      g_assert_not_reached ();
    }
}

static JsonNode *
findings_to_json (GPtrArray *findings,
                  guint      unreadable)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < findings->len; i++)
    {
      PreuvesNameFinding *finding = findings->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, finding->name);
      json_builder_set_member_name (builder, "place");
      json_builder_add_string_value (builder, preuves_name_place_to_string (finding->place));
      json_builder_set_member_name (builder, "preuve");
      json_builder_add_string_value (builder, finding->preuve_uuid);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, finding->label);
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, finding->detail);
      json_builder_set_member_name (builder, "page");
      json_builder_add_int_value (builder, finding->page);
      json_builder_set_member_name (builder, "excerpt");
      json_builder_add_string_value (builder, finding->excerpt);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "unreadable_pdfs");
  json_builder_add_int_value (builder, unreadable);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_findings (GPtrArray *findings,
                guint      unreadable)
{
  for (guint i = 0; i < findings->len; i++)
    {
      PreuvesNameFinding *finding = findings->pdata[i];
      g_autofree char *where = describe_place (finding);

      /* Translators: “Zoé Martin” in title of the preuve “…”: “…excerpt…” */
      g_print (_("“%s” in %s: %s\n"), finding->name, where, finding->excerpt);
    }
  if (findings->len == 0)
    g_print ("%s\n", _("None of the names was found."));
  if (unreadable > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u PDF could not be read: check it by hand.\n",
                          "%u PDFs could not be read: check them by hand.\n", unreadable),
             unreadable);
}

static gboolean json_output = FALSE;

static GOptionEntry privacy_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &json_output, N_("Print JSON"), NULL },
  G_OPTION_ENTRY_NULL
};

int
preuves_cli_privacy_check (int    argc,
                           char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  guint unreadable = 0;

  if (!preuves_cli_parse_options ("privacy-check", "FILE", privacy_entries, &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (argc != 2)
    return preuves_cli_fail_message (_("Usage: preuves-cli privacy-check FILE [--json]"));

  portfolio = open_portfolio (argv[1], &error);
  if (portfolio == NULL)
    return preuves_cli_fail (error);
  findings = preuves_names_check (portfolio, NULL, &unreadable, &error);
  if (findings == NULL)
    return preuves_cli_fail (error);

  if (json_output)
    {
      g_autoptr(JsonNode) node = findings_to_json (findings, unreadable);

      preuves_cli_print_json (node);
    }
  else
    print_findings (findings, unreadable);
  return findings->len > 0 ? PREUVES_CLI_EXIT_PROBLEM : PREUVES_CLI_EXIT_OK;
}
