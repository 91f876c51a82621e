/* preuves-cli-file.c — commands on portfolio files: check, copy, import
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-cli-commands.h"
#include "preuves-cli-common.h"
#include "preuves-portfolio.h"
#include "preuves-portfolio-file.h"

/* A file that is a portfolio but fails a check is a finding (exit 1); a
 * file that cannot be read, or is no portfolio at all, is bad input. */
static int
exit_status_for (const GError *error)
{
  if (g_error_matches (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED) ||
      g_error_matches (error, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNSAFE) ||
      g_error_matches (error, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNFINISHED) ||
      g_error_matches (error, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_TOO_COMPLEX))
    return PREUVES_CLI_EXIT_PROBLEM;
  return PREUVES_CLI_EXIT_BAD_INPUT;
}

static int
report_problem (const GError *error)
{
  int status = exit_status_for (error);

  if (status == PREUVES_CLI_EXIT_PROBLEM)
    {
      g_print ("%s\n", error->message);
      return status;
    }
  return preuves_cli_fail (error);
}

int
preuves_cli_check (int    argc,
                   char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *size = NULL;
  PreuvesPortfolioFileSummary summary;

  if (!preuves_cli_parse_options ("check", "FILE", NULL, &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (argc != 2)
    return preuves_cli_fail_message (_("Usage: preuves-cli check FILE"));

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!preuves_portfolio_file_check (file, &summary, NULL, &error))
    return report_problem (error);

  size = g_format_size (summary.document_bytes);
  /* Translators: the second line reads e.g. "3 preuves, 5 documents (1.2 MB)" */
  g_print (_("This is a valid Preuves portfolio (schema version %d).\n"), summary.schema_version);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u preuve", "%u preuves", summary.n_preuves), summary.n_preuves);
  g_print (", ");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u document (%s)", "%u documents (%s)", summary.n_documents),
           summary.n_documents, size);
  g_print ("\n");
  return PREUVES_CLI_EXIT_OK;
}

static gboolean force = FALSE;

static GOptionEntry write_entries[] = {
  { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace DEST if it exists"), NULL },
  G_OPTION_ENTRY_NULL
};

/* Parses "SOURCE DEST [--force]", and refuses to replace DEST silently. */
static gboolean
parse_source_dest (const char   *command,
                   int          *argc,
                   char       ***argv,
                   GFile       **source,
                   GFile       **dest,
                   GError      **error)
{
  if (!preuves_cli_parse_options (command, "SOURCE DEST", write_entries, argc, argv, error))
    return FALSE;
  if (*argc != 3)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Usage: preuves-cli %s SOURCE DEST [--force]"), command);
      return FALSE;
    }
  *source = g_file_new_for_commandline_arg ((*argv)[1]);
  *dest = g_file_new_for_commandline_arg ((*argv)[2]);
  if (!force && g_file_query_exists (*dest, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists. Choose another name, or add --force to replace it."),
                   (*argv)[2]);
      return FALSE;
    }
  return TRUE;
}

int
preuves_cli_copy (int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) dest = NULL;

  if (!parse_source_dest ("copy", &argc, &argv, &source, &dest, &error) ||
      !preuves_portfolio_file_save_copy (source, dest, NULL, &error))
    return preuves_cli_fail (error);
  return PREUVES_CLI_EXIT_OK;
}

int
preuves_cli_import (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) dest = NULL;

  if (!parse_source_dest ("import", &argc, &argv, &source, &dest, &error))
    return preuves_cli_fail (error);
  if (!preuves_portfolio_file_import (source, dest, NULL, NULL, NULL, &error))
    return report_problem (error);
  return PREUVES_CLI_EXIT_OK;
}
