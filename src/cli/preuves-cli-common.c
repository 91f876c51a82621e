/* preuves-cli-common.c — what every preuves-cli command shares
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "preuves-cli-common.h"

/* One line on stderr, and the exit status that says "bad input": a script
 * reading our output must never have to parse a crash. */
int
preuves_cli_fail (const GError *error)
{
  g_return_val_if_fail (error != NULL, PREUVES_CLI_EXIT_BAD_INPUT);

  g_printerr ("preuves-cli: %s\n", error->message);
  return PREUVES_CLI_EXIT_BAD_INPUT;
}

int
preuves_cli_fail_message (const char *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("preuves-cli: %s\n", message);
  return PREUVES_CLI_EXIT_BAD_INPUT;
}

gboolean
preuves_cli_parse_options (const char    *command,
                           const char    *parameters,
                           GOptionEntry  *entries,
                           int           *argc,
                           char        ***argv,
                           GError       **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *usage = NULL;

  usage = g_strdup_printf ("%s %s", command, parameters ? parameters : "");
  context = g_option_context_new (usage);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return g_option_context_parse (context, argc, argv, error);
}

void
preuves_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}
