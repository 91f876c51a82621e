/* preuves-cli-common.h — what every preuves-cli command shares
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Exit status of every command: scripts rely on these three values. */
typedef enum
{
  PREUVES_CLI_EXIT_OK = 0,        /* done, or the check found nothing wrong */
  PREUVES_CLI_EXIT_PROBLEM = 1,   /* a check ran and found a problem */
  PREUVES_CLI_EXIT_BAD_INPUT = 2, /* bad arguments, or a file that cannot be read */
} PreuvesCliExit;

typedef int (*PreuvesCliRunFunc) (int    argc,
                                  char **argv);

typedef struct
{
  const char        *name;
  const char        *parameters; /* shown after the name in --help */
  const char        *summary;    /* N_() */
  PreuvesCliRunFunc  run;
} PreuvesCliCommand;

int       preuves_cli_fail             (const GError  *error);
int       preuves_cli_fail_message     (const char    *format,
                                        ...) G_GNUC_PRINTF (1, 2);
gboolean  preuves_cli_parse_options    (const char    *command,
                                        const char    *parameters,
                                        GOptionEntry  *entries,
                                        int           *argc,
                                        char        ***argv,
                                        GError       **error);
void      preuves_cli_print_json       (JsonNode      *node);

G_END_DECLS
