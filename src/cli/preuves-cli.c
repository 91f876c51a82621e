/* preuves-cli.c — headless commands on a Preuves portfolio
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "preuves-cli-common.h"
#include "preuves-cli-commands.h"
#include "preuves-i18n.h"

static const PreuvesCliCommand commands[] = {
  { "referential", "[--json] [--file PATH]", N_("Print the référentiel: blocs, compétences, épreuves and criteria"), preuves_cli_referential },
  { "check", "FILE", N_("Check a portfolio received from someone else, without changing it"), preuves_cli_check },
  { "copy", "SOURCE DEST [--force]", N_("Save a consistent, self-contained copy of a portfolio"), preuves_cli_copy },
  { "import", "SOURCE DEST [--force]", N_("Check a received portfolio and copy its content into a fresh one"), preuves_cli_import },
  { "pages", "PDF [--kind diagnostic|final] [--annex-start N] [--json]", N_("Count the pages of a written document, without its annexes"), preuves_cli_pages },
  { "new", "FILE --candidate NAME --path formation|vae", N_("Create an empty portfolio"), preuves_cli_new },
  { "add", "FILE --title T [--attach DOC]… [--competence C --why W]…", N_("Add a preuve, its documents and links; print its id"), preuves_cli_add },
  { "list", "FILE [--json]", N_("List the preuves with their links and documents"), preuves_cli_list },
  { "link", "FILE PREUVE CODE_OR_ID --why TEXT", N_("Link a preuve to a sous-compétence"), preuves_cli_link },
  { "unlink", "FILE PREUVE CODE_OR_ID", N_("Remove the link between a preuve and a sous-compétence"), preuves_cli_unlink },
  { "remove", "FILE PREUVE", N_("Remove a preuve"), preuves_cli_remove },
  { "extract", "FILE PREUVE DIR", N_("Write the documents of a preuve into a folder"), preuves_cli_extract },
  { "status", "FILE [--json]", N_("Say how ready each bloc and the certification are, and what is missing (exit 0 whatever the state)"), preuves_cli_status },
  { "document", "FILE EPREUVE PDF [--annex-start N]", N_("Add and check the written document of bloc1 (diagnostic) or finale (final)"), preuves_cli_document },
  { "criterion", "FILE CRITERION_ID not-yet|in-progress|met [--note TEXT]", N_("Self-assess an evaluation criterion"), preuves_cli_criterion },
  { "rehearse", "FILE EPREUVE --presentation MM:SS --exchange MM:SS [--note TEXT]", N_("Record a timed rehearsal of an oral and say if it fits the window"), preuves_cli_rehearse },
  { "names", "FILE add|list|remove [NAME]", N_("Keep the list of names to anonymise: colleagues, pupils, partners"), preuves_cli_names },
  { "privacy-check", "FILE [--json]", N_("Find the listed names in the texts and PDFs before an export (exit 1 if found)"), preuves_cli_privacy_check },
  { "remark", "FILE --target KIND ID [--page N] --text TEXT [--author NAME]", N_("Add an advisor’s remark on a preuve, sous-compétence, criterion, document or bloc; print its id"), preuves_cli_remark },
  { "remarks", "FILE [--json]", N_("List the remarks with their answers"), preuves_cli_remarks },
  { "answer", "FILE REMARK --text TEXT", N_("Answer a remark"), preuves_cli_answer },
  { "resolve", "FILE REMARK", N_("Mark a remark as resolved"), preuves_cli_resolve },
  { "assess", "FILE SOUS_COMPETENCE acquired|partial|rework|not-shown|none", N_("Set the advisor’s status of a sous-compétence"), preuves_cli_assess },
  { "merge", "FILE INCOMING [--role candidate|advisor]", N_("Merge a reviewed copy of the same portfolio (exit 2 if refused)"), preuves_cli_merge },
  { "changes", "FILE --since-review | OLD NEW [--json]", N_("List the preuves, links, documents and criteria that changed"), preuves_cli_changes },
  { "report", "FILE OUT.pdf [--include-confidential]", N_("Write the synthesis report for the jury as a PDF"), preuves_cli_report },
  { "deposit", "FILE DIR [--limit-mb N] [--include-confidential]", N_("Write one bookmarked PDF per bloc for the deposit (exit 1 if a file is too big or a document is left out)"), preuves_cli_deposit },
  { NULL, NULL, NULL, NULL }
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: preuves-cli COMMAND [OPTION…] [ARGUMENT…]"));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; commands[i].name != NULL; i++)
    {
      g_autofree char *synopsis = g_strdup_printf ("%s %s", commands[i].name, commands[i].parameters);
      fprintf (stream, "  %-46s %s\n", synopsis, _(commands[i].summary));
    }
  fprintf (stream, "\n%s\n", _("Run “preuves-cli COMMAND --help” for the options of a command."));
  fprintf (stream, "%s\n", _("Exit status: 0 success, 1 a check found a problem, 2 bad input or unreadable file."));
}

static const PreuvesCliCommand *
find_command (const char *name)
{
  for (guint i = 0; commands[i].name != NULL; i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  const PreuvesCliCommand *command;

  preuves_i18n_init ();

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? PREUVES_CLI_EXIT_BAD_INPUT : PREUVES_CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("preuves-cli %s\n", PACKAGE_VERSION);
      return PREUVES_CLI_EXIT_OK;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    return preuves_cli_fail_message (_("Unknown command “%s”. Run “preuves-cli --help” for the list."), argv[1]);

  return command->run (argc - 1, argv + 1);
}
