/* preuves-cli-referential.c — `preuves-cli referential`: print the référentiel
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-cli-common.h"
#include "preuves-cli-commands.h"
#include "preuves-referentiel.h"

/* Prints @text after @prefix, indenting its continuation lines (the
 * sub-bullets of a sous-compétence or criterion) under the first one. */
static void
print_item (guint       indent,
            const char *label,
            const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  int width = (int) g_utf8_strlen (label, -1);

  g_print ("%*s%s  %s\n", indent, "", label, lines[0]);
  for (guint i = 1; lines[i] != NULL; i++)
    g_print ("%*s%s\n", indent + width + 2, "", lines[i]);
}

static void
print_criteria (guint      indent,
                GPtrArray *criteria)
{
  for (guint i = 0; i < criteria->len; i++)
    {
      const PreuvesCriterion *criterion = g_ptr_array_index (criteria, i);

      print_item (indent, criterion->id, criterion->text);
    }
}

static void
print_epreuve (const PreuvesEpreuve *epreuve)
{
  const PreuvesWrittenDocumentSpec *document = epreuve->written_document;

  print_item (2, epreuve->id, epreuve->title);
  if (document != NULL)
    {
      /* TRANSLATORS: a written document, its minimum and maximum number of pages */
      g_autofree char *pages = g_strdup_printf (_("Written document “%s”: %u–%u pages, annexes excluded"),
                                                document->title, document->pages_min, document->pages_max);
      g_print ("    %s\n", pages);
    }
  if (epreuve->kind == PREUVES_EPREUVE_ORAL)
    {
      g_autofree char *oral = g_strdup_printf (_("Oral: %u–%u min presentation, then %u–%u min exchange"),
                                               epreuve->presentation_min, epreuve->presentation_max,
                                               epreuve->exchange_min, epreuve->exchange_max);
      g_print ("    %s\n", oral);
    }
  g_print ("    %s %s\n", _("Jury:"), epreuve->jury);
  g_print ("    %s\n", _("Evaluation criteria:"));
  print_criteria (6, epreuve->criteria);
}

static void
print_competence (const PreuvesCompetence *competence)
{
  print_item (4, competence->code, competence->title);
  for (guint i = 0; i < competence->sous_competences->len; i++)
    {
      const PreuvesSousCompetence *sous = g_ptr_array_index (competence->sous_competences, i);
      g_autofree char *label = NULL;

      /* A shared code is printed with the id that tells the two apart. */
      if (sous->duplicate_code)
        label = g_strdup_printf ("%s [%s]", sous->code, sous->id);
      else
        label = g_strdup (sous->code);
      print_item (6, label, sous->text);
    }
}

static void
print_bloc (const PreuvesBloc *bloc)
{
  g_print ("%s  %s\n", bloc->code, bloc->title);
  for (guint i = 0; i < bloc->activites->len; i++)
    {
      const PreuvesActivite *activite = g_ptr_array_index (bloc->activites, i);

      print_item (2, activite->code, activite->title);
      for (guint j = 0; j < activite->bullets->len; j++)
        g_print ("      • %s\n", (const char *) g_ptr_array_index (activite->bullets, j));
      for (guint j = 0; j < activite->competences->len; j++)
        print_competence (g_ptr_array_index (activite->competences, j));
    }
  print_epreuve (bloc->epreuve);
  g_print ("\n");
}

static void
print_finale (PreuvesReferentiel *referentiel)
{
  const PreuvesEpreuve *finale = preuves_referentiel_get_epreuve_finale (referentiel);
  GPtrArray *groups = preuves_referentiel_get_attitude_groups (referentiel);

  g_print ("%s\n", finale->title);
  print_epreuve (finale);
  g_print ("    %s\n", _("Transversal attitudes:"));
  for (guint i = 0; i < groups->len; i++)
    {
      const PreuvesAttitudeGroup *group = g_ptr_array_index (groups, i);

      print_item (6, group->id, group->title);
      g_print ("          %s\n", group->lead);
      for (guint j = 0; j < group->bullets->len; j++)
        g_print ("            • %s\n", (const char *) g_ptr_array_index (group->bullets, j));
    }
  g_print ("\n");
}

static void
print_paths (PreuvesReferentiel *referentiel)
{
  const PreuvesPath paths[] = { PREUVES_PATH_FORMATION, PREUVES_PATH_VAE };

  g_print ("%s\n", _("Paths to the certification:"));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const PreuvesPathRules *rules = preuves_referentiel_get_path_rules (referentiel, paths[i]);

      print_item (2, rules->id, rules->title);
      for (guint j = 0; j < rules->requirements->len; j++)
        g_print ("      • %s\n", (const char *) g_ptr_array_index (rules->requirements, j));
    }
}

static void
print_outline (PreuvesReferentiel *referentiel)
{
  GPtrArray *domaines = preuves_referentiel_get_domaines (referentiel);

  g_print ("%s\n\n", preuves_referentiel_get_title (referentiel));
  for (guint i = 0; i < domaines->len; i++)
    {
      const PreuvesDomaine *domaine = g_ptr_array_index (domaines, i);

      g_print ("%u. %s\n\n", domaine->number, domaine->short_title);
      for (guint j = 0; j < domaine->blocs->len; j++)
        print_bloc (g_ptr_array_index (domaine->blocs, j));
    }
  print_finale (referentiel);
  print_paths (referentiel);
}

int
preuves_cli_referential (int    argc,
                         char **argv)
{
  g_autoptr(PreuvesReferentiel) referentiel = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of an outline"), NULL },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &path, N_("Read this référentiel file instead of the built-in one"), N_("PATH") },
    { NULL }
  };

  if (!preuves_cli_parse_options ("referential", "", entries, &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (argc > 1)
    return preuves_cli_fail_message (_("Unexpected argument “%s”."), argv[1]);

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      referentiel = preuves_referentiel_new_from_file (file, &error);
      if (referentiel == NULL)
        return preuves_cli_fail (error);
    }
  else
    {
      referentiel = g_object_ref (preuves_referentiel_get_default ());
    }

  if (json)
    {
      g_autoptr(JsonNode) node = preuves_referentiel_to_json (referentiel);

      preuves_cli_print_json (node);
    }
  else
    {
      print_outline (referentiel);
    }
  return PREUVES_CLI_EXIT_OK;
}
