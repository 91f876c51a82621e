/* main.c — entry point of the Preuves application
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "preuves-application.h"
#include "preuves-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PreuvesApplication) app = NULL;

  preuves_i18n_init ();

  app = preuves_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
