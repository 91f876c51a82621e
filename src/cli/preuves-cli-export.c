/* preuves-cli-export.c — the exports for the jury: report and deposit
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-cli-commands.h"
#include "preuves-cli-common.h"
#include "preuves-deposit.h"
#include "preuves-portfolio.h"
#include "preuves-report.h"

static gboolean include_confidential = FALSE;
static int limit_mb = PREUVES_DEPOSIT_DEFAULT_LIMIT_MB;

static GOptionEntry report_entries[] = {
  { "include-confidential", 0, 0, G_OPTION_ARG_NONE, &include_confidential,
    N_("Include the preuves marked confidential"), NULL },
  { NULL }
};

static GOptionEntry deposit_entries[] = {
  { "include-confidential", 0, 0, G_OPTION_ARG_NONE, &include_confidential,
    N_("Include the preuves marked confidential"), NULL },
  { "limit-mb", 0, 0, G_OPTION_ARG_INT, &limit_mb,
    N_("Largest size of a file, in megabytes (default 10)"), "N" },
  { NULL }
};

static PreuvesReport *
open_report (const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(PreuvesPortfolio) portfolio = preuves_portfolio_open (file, error);

  if (portfolio == NULL)
    return NULL;
  return preuves_report_new (portfolio, include_confidential, error);
}

static void
print_excluded (PreuvesReport *report)
{
  guint n = preuves_report_get_n_excluded (report);

  if (n > 0)
    g_printerr (g_dngettext (NULL, "%u confidential preuve left out (--include-confidential to include it).\n",
                             "%u confidential preuves left out (--include-confidential to include them).\n", n), n);
}

int
preuves_cli_report (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesReport) report = NULL;
  g_autoptr(GFile) out = NULL;

  if (!preuves_cli_parse_options ("report", "FILE OUT.pdf [--include-confidential]", report_entries,
                                  &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (argc != 3)
    return preuves_cli_fail_message (_("Usage: preuves-cli report FILE OUT.pdf [--include-confidential]"));

  report = open_report (argv[1], &error);
  if (report == NULL)
    return preuves_cli_fail (error);
  out = g_file_new_for_commandline_arg (argv[2]);
  if (!preuves_report_write (report, out, NULL, &error))
    return preuves_cli_fail (error);
  print_excluded (report);
  return PREUVES_CLI_EXIT_OK;
}

static int
print_deposit (PreuvesDepositResult *result)
{
  int status = PREUVES_CLI_EXIT_OK;

  for (guint i = 0; i < result->files->len; i++)
    {
      PreuvesDepositFile *file = result->files->pdata[i];
      g_autofree char *size = g_format_size (file->size);

      g_print ("%s\t%s\t%u\n", file->path, size, file->n_pages);
      if (file->message != NULL)
        {
          g_printerr ("%s\n", file->message);
          status = PREUVES_CLI_EXIT_PROBLEM;
        }
    }
  for (guint i = 0; i < result->problems->len; i++)
    {
      g_printerr ("%s\n", (const char *) result->problems->pdata[i]);
      status = PREUVES_CLI_EXIT_PROBLEM;
    }
  return status;
}

int
preuves_cli_deposit (int    argc,
                     char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesReport) report = NULL;
  g_autoptr(PreuvesDepositResult) result = NULL;
  g_autoptr(GFile) dir = NULL;

  if (!preuves_cli_parse_options ("deposit", "FILE DIR [--limit-mb N] [--include-confidential]", deposit_entries,
                                  &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (argc != 3 || limit_mb <= 0)
    return preuves_cli_fail_message (_("Usage: preuves-cli deposit FILE DIR [--limit-mb N] [--include-confidential]"));

  report = open_report (argv[1], &error);
  if (report == NULL)
    return preuves_cli_fail (error);
  dir = g_file_new_for_commandline_arg (argv[2]);
  result = preuves_deposit_write (report, dir, (guint64) limit_mb * PREUVES_DEPOSIT_MB, NULL, &error);
  if (result == NULL)
    return preuves_cli_fail (error);
  print_excluded (report);
  return print_deposit (result);
}
