/* preuves-cli-commands.h — the commands of preuves-cli
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each command is `int preuves_cli_<name> (int argc, char **argv)`, where
 * argv[0] is the command's name. Declare it here and list it in the table
 * of preuves-cli.c. */

int preuves_cli_referential (int argc, char **argv);
int preuves_cli_check (int argc, char **argv);
int preuves_cli_copy (int argc, char **argv);
int preuves_cli_import (int argc, char **argv);
int preuves_cli_pages (int argc, char **argv);
int preuves_cli_new (int argc, char **argv);
int preuves_cli_add (int argc, char **argv);
int preuves_cli_list (int argc, char **argv);
int preuves_cli_link (int argc, char **argv);
int preuves_cli_unlink (int argc, char **argv);
int preuves_cli_remove (int argc, char **argv);
int preuves_cli_extract (int argc, char **argv);
int preuves_cli_status (int argc, char **argv);
int preuves_cli_document (int argc, char **argv);
int preuves_cli_criterion (int argc, char **argv);
int preuves_cli_rehearse (int argc, char **argv);
int preuves_cli_names (int argc, char **argv);
int preuves_cli_privacy_check (int argc, char **argv);
int preuves_cli_remark (int argc, char **argv);
int preuves_cli_remarks (int argc, char **argv);
int preuves_cli_answer (int argc, char **argv);
int preuves_cli_resolve (int argc, char **argv);
int preuves_cli_assess (int argc, char **argv);
int preuves_cli_merge (int argc, char **argv);
int preuves_cli_changes (int argc, char **argv);
int preuves_cli_report (int argc, char **argv);
int preuves_cli_deposit (int argc, char **argv);

G_END_DECLS
