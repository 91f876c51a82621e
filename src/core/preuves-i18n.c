/* preuves-i18n.c — set up gettext for the programs of Preuves
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "preuves-i18n.h"

/* Translations are looked up in the installed LOCALEDIR, unless
 * PREUVES_LOCALEDIR names another folder: running from the build tree
 * (build-aux/run-demo, the screenshots) points it at the catalogues that
 * meson compiled there, so the French UI shows without installing. */
void
preuves_i18n_init (void)
{
  const char *localedir = g_getenv ("PREUVES_LOCALEDIR");

  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
