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

/* The names of the months come from the translation, not from the
 * locale's LC_TIME: a French report must say « 4 décembre 2026 » even on a
 * system set to English dates (or to C.UTF-8), as it is handed to a French
 * jury in the language of the interface. */
static const char *const month_names[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
  NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
  NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
};

/**
 * preuves_i18n_format_long_date:
 * @when: the date
 *
 * Returns: (transfer full): @when as a long date in the interface's
 * language, for instance "December 4, 2026" or « 4 décembre 2026 ».
 */
char *
preuves_i18n_format_long_date (GDateTime *when)
{
  const char *month = g_dpgettext2 (GETTEXT_PACKAGE, "month",
                                    month_names[g_date_time_get_month (when) - 1]);
  int day = g_date_time_get_day_of_month (when);

  /* Some languages write the first of the month apart: « 1er mai ». */
  return g_strdup_printf (day == 1
                          /* Translators: a long date on the first day of a month, as
                           * below; French uses "%2$der %1$s %3$d". */
                          ? C_("first of the month", "%1$s %2$d, %3$d")
                          /* Translators: a long date: %1$s is the month's name, %2$d
                           * the day, %3$d the year. French uses "%2$d %1$s %3$d". */
                          : _("%1$s %2$d, %3$d"),
                          month, day, g_date_time_get_year (when));
}
