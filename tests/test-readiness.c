/* test-readiness.c — readiness of a real portfolio as it fills, on both paths
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "french-test-util.h"
#include "pdf-fixtures.h"

#include "preuves-assessment.h"
#include "preuves-document-check.h"
#include "preuves-portfolio.h"
#include "preuves-readiness.h"
#include "preuves-referentiel.h"

typedef struct
{
  char             *dir;
  PreuvesPortfolio *portfolio;
  PreuvesPath       path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  fixture->path = GPOINTER_TO_INT (data);
  fixture->dir = g_dir_make_tmp ("test-readiness-XXXXXX", &error);
  g_assert_no_error (error);
  file = g_file_new_build_filename (fixture->dir, "camille.preuves", NULL);
  fixture->portfolio = preuves_portfolio_create (file, "Camille Martin", fixture->path, &error);
  g_assert_no_error (error);
  preuves_portfolio_set_author (fixture->portfolio, "Camille Martin");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  preuves_portfolio_close (fixture->portfolio);
  g_assert_finalize_object (fixture->portfolio);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static PreuvesReadiness *
compute (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesReadinessSnapshot) snapshot = NULL;

  snapshot = preuves_readiness_snapshot_new_from_portfolio (fixture->portfolio, &error);
  g_assert_no_error (error);
  return preuves_readiness_compute (preuves_referentiel_get_default (),
                                    preuves_portfolio_get_path (fixture->portfolio),
                                    snapshot);
}

static const PreuvesReadinessPart *
bloc (PreuvesReadiness *readiness,
      const char       *code)
{
  const PreuvesReadinessPart *part = preuves_readiness_lookup_bloc (readiness, code);

  g_assert_nonnull (part);
  return part;
}

static void
assert_reason (const PreuvesReadinessPart *part,
               const char                 *kind,
               const char                 *target,
               const char                 *words)
{
  const PreuvesReadinessReason *reason = preuves_readiness_part_find_reason (part, kind, target);

  if (reason == NULL)
    g_error ("%s: no reason %s on %s", part->code, kind, target);
  if (words != NULL)
    g_assert_nonnull (strstr (reason->message, words));
}

static void
assert_no_reason (const PreuvesReadinessPart *part,
                  const char                 *kind,
                  const char                 *target)
{
  const PreuvesReadinessReason *reason = preuves_readiness_part_find_reason (part, kind, target);

  if (reason != NULL)
    g_error ("%s: unexpected reason %s on %s: %s", part->code, kind, target ? target : "*", reason->message);
}

/* People read "Bloc 2", as in the référentiel and the sidebar: no reason
 * names a bloc by its code "B2" (criterion codes such as "B2-1" are fine). */
static void
assert_blocs_named (PreuvesReadiness *readiness)
{
  g_autoptr(GRegex) code = g_regex_new ("\\bB[0-9]+\\b(?!-)|\\bbloc [0-9]", 0, 0, NULL);

  for (guint i = 0; i <= preuves_readiness_get_n_blocs (readiness); i++)
    {
      const PreuvesReadinessPart *part = i < preuves_readiness_get_n_blocs (readiness)
                                         ? preuves_readiness_get_bloc (readiness, i)
                                         : preuves_readiness_get_overall (readiness);

      for (guint j = 0; j < part->reasons->len; j++)
        {
          const PreuvesReadinessReason *reason = g_ptr_array_index (part->reasons, j);

          if (g_regex_match (code, reason->message, 0, NULL))
            g_error ("%s: %s names a bloc by its code: %s", part->code, reason->kind, reason->message);
        }
    }
}

static PreuvesPreuve *
add_preuve (Fixture    *fixture,
            const char *title)
{
  g_autoptr(GError) error = NULL;
  PreuvesPreuve *preuve = preuves_portfolio_add_preuve (fixture->portfolio, title, &error);

  g_assert_no_error (error);
  return preuve;
}

static void
link_sc (Fixture       *fixture,
      PreuvesPreuve *preuve,
      const char    *sous_competence_id,
      const char    *justification)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesLink) created = NULL;

  created = preuves_portfolio_link (fixture->portfolio, preuve, sous_competence_id, justification, &error);
  g_assert_no_error (error);
}

static void
link_whole_bloc (Fixture       *fixture,
                 PreuvesPreuve *preuve,
                 const char    *code)
{
  const PreuvesBloc *b = preuves_referentiel_find_bloc (preuves_referentiel_get_default (), code);

  for (guint i = 0; i < b->sous_competences->len; i++)
    {
      const PreuvesSousCompetence *sc = g_ptr_array_index (b->sous_competences, i);
      link_sc (fixture, preuve, sc->id, "Le compte rendu montre cette sous-compétence en situation.");
    }
}

static void
meet_criteria (Fixture    *fixture,
               const char *epreuve_id)
{
  const PreuvesEpreuve *epreuve = preuves_referentiel_find_epreuve (preuves_referentiel_get_default (), epreuve_id);

  for (guint i = 0; i < epreuve->criteria->len; i++)
    {
      const PreuvesCriterion *criterion = g_ptr_array_index (epreuve->criteria, i);
      g_autoptr(GError) error = NULL;

      preuves_portfolio_set_criterion (fixture->portfolio, criterion->id, PREUVES_CRITERION_MET, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
rehearse (Fixture    *fixture,
          const char *epreuve_id,
          int         presentation_seconds,
          int         exchange_seconds)
{
  g_autoptr(GError) error = NULL;

  preuves_portfolio_add_rehearsal (fixture->portfolio, epreuve_id, presentation_seconds,
                                   exchange_seconds, NULL, &error);
  g_assert_no_error (error);
}

static void
attach_document (Fixture    *fixture,
                 const char *epreuve_id,
                 guint       body_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s.pdf", epreuve_id);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) pdf = g_file_new_for_path (path);
  g_autoptr(PreuvesWrittenDocument) document = NULL;

  /* The body, then three pages of annexes under an "ANNEXES" heading. */
  preuves_test_make_document (path, body_pages + 3, body_pages + 1, &error);
  g_assert_no_error (error);
  document = preuves_document_check_attach (fixture->portfolio, epreuve_id, pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (document->pages_counted, ==, body_pages);
}

/* Nothing done: every bloc is not started and says where to begin. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PreuvesReadiness) readiness = compute (fixture);
  const PreuvesReadinessPart *overall = preuves_readiness_get_overall (readiness);
  const PreuvesReadinessPart *b1 = bloc (readiness, "B1");
  const PreuvesReadinessPart *b2 = bloc (readiness, "B2");

  g_assert_cmpuint (preuves_readiness_get_n_blocs (readiness), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (preuves_readiness_get_bloc (readiness, i)->state, ==, PREUVES_READINESS_NOT_STARTED);
  g_assert_cmpuint (b1->covered, ==, 0);
  g_assert_cmpuint (b1->total, ==, 24);
  assert_reason (b1, "sous-competence-uncovered", "C1-1.3", "C1-1.3");
  /* The two C1-2.6 keep their own ids as targets and their official code in words. */
  assert_reason (b1, "sous-competence-uncovered", "C1-2a.6", "C1-2.6 (C1-2a)");
  assert_reason (b1, "sous-competence-uncovered", "C1-2b.6", "C1-2.6 (C1-2b)");
  assert_reason (b1, "document-missing", "bloc1", "The written document of Bloc 1 (");
  assert_reason (b1, "criterion-not-met", "B1-1", NULL);
  assert_no_reason (b1, "rehearsal-missing", NULL);
  assert_reason (b2, "rehearsal-missing", "bloc2", "15 to 20");
  assert_reason (b2, "rehearsal-missing", "bloc2", "The oral of Bloc 2 ");
  assert_reason (overall, "bloc-not-ready", "B3", "Bloc 3 is not ready");
  assert_blocs_named (readiness);
  assert_no_reason (b2, "document-missing", NULL);

  g_assert_cmpint (overall->state, ==, PREUVES_READINESS_NOT_STARTED);
  g_assert_cmpuint (overall->total, ==, 24 + 17 + 9 + 13);
  for (guint i = 0; i < 4; i++)
    {
      const PreuvesReadinessReason *reason = g_ptr_array_index (overall->reasons, i);
      g_autofree char *code = g_strdup_printf ("B%u", i + 1);

      g_assert_cmpstr (reason->kind, ==, "bloc-not-ready");
      g_assert_cmpstr (reason->target, ==, code);
    }
  if (fixture->path == PREUVES_PATH_FORMATION)
    {
      assert_reason (overall, "document-missing", "finale", "50 to 60");
      assert_reason (overall, "document-missing", "finale", "The written document of the épreuve finale (");
      assert_reason (overall, "rehearsal-missing", "finale", "30 to 40");
      assert_reason (overall, "criterion-not-met", "EF-O1", NULL);
      assert_no_reason (overall, "coordination-missing", NULL);
    }
  else
    {
      assert_reason (overall, "coordination-missing", NULL, "0 of 4");
      assert_no_reason (overall, "document-missing", NULL);
      assert_no_reason (overall, "rehearsal-missing", NULL);
    }
}

/* Links start a bloc; only justified ones cover. */
static void
test_coverage (Fixture       *fixture,
               gconstpointer  data)
{
  PreuvesPreuve *preuve = add_preuve (fixture, "Plan d'actions du service vie scolaire");
  g_autoptr(PreuvesReadiness) readiness = NULL;
  g_autoptr(JsonNode) json = NULL;
  const PreuvesReadinessPart *b1;
  JsonObject *first;

  link_sc (fixture, preuve, "C1-1.1", "Analyse des enjeux de la réforme dans le plan.");
  link_sc (fixture, preuve, "C1-1.2", "La veille citée en annexe du plan.");
  link_sc (fixture, preuve, "C1-1.3", "   ");
  readiness = compute (fixture);
  b1 = bloc (readiness, "B1");

  g_assert_cmpint (b1->state, ==, PREUVES_READINESS_IN_PROGRESS);
  g_assert_cmpuint (b1->covered, ==, 2);
  assert_no_reason (b1, "sous-competence-uncovered", "C1-1.1");
  assert_reason (b1, "sous-competence-unjustified", "C1-1.3", "without justification does not count");
  assert_no_reason (b1, "sous-competence-uncovered", "C1-1.3");
  g_assert_cmpint (bloc (readiness, "B2")->state, ==, PREUVES_READINESS_NOT_STARTED);
  g_assert_cmpint (preuves_readiness_get_overall (readiness)->state, ==, PREUVES_READINESS_IN_PROGRESS);

  json = preuves_readiness_to_json (readiness);
  first = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json), "blocs"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "B1");
  g_assert_cmpstr (json_object_get_string_member (first, "state"), ==, "in-progress");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (first, "coverage"), "covered"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (first, "coverage"), "total"), ==, 24);
}

/* The window is 15–20 min for each part of the oral of bloc 2. */
static void
test_rehearsal_window (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PreuvesReadiness) before = NULL;
  g_autoptr(PreuvesReadiness) short_one = NULL;
  g_autoptr(PreuvesReadiness) long_one = NULL;
  g_autoptr(PreuvesReadiness) inside = NULL;

  before = compute (fixture);
  assert_reason (bloc (before, "B2"), "rehearsal-missing", "bloc2", NULL);

  rehearse (fixture, "bloc2", 14 * 60 + 59, 17 * 60);
  short_one = compute (fixture);
  assert_reason (bloc (short_one, "B2"), "rehearsal-out-of-window", "bloc2", "14:59");
  g_assert_cmpint (bloc (short_one, "B2")->state, ==, PREUVES_READINESS_IN_PROGRESS);

  rehearse (fixture, "bloc2", 17 * 60, 20 * 60 + 1);
  long_one = compute (fixture);
  assert_reason (bloc (long_one, "B2"), "rehearsal-out-of-window", "bloc2", "20:01");

  rehearse (fixture, "bloc2", 15 * 60, 20 * 60);
  inside = compute (fixture);
  assert_no_reason (bloc (inside, "B2"), "rehearsal-out-of-window", NULL);
  assert_no_reason (bloc (inside, "B2"), "rehearsal-missing", NULL);
  /* A rehearsal of one oral says nothing about another. */
  assert_reason (bloc (inside, "B3"), "rehearsal-missing", "bloc3", NULL);
}

/* Open advisor remarks hold back the bloc of what they are about. */
static void
test_remarks (Fixture       *fixture,
              gconstpointer  data)
{
  PreuvesPreuve *preuve = add_preuve (fixture, "Projet numérique au lycée");
  g_autoptr(GError) error = NULL;
  g_autofree char *on_preuve = NULL;
  g_autofree char *on_criterion = NULL;
  g_autofree char *from_candidate = NULL;
  g_autofree char *on_sous_competence = NULL;
  g_autofree char *on_document = NULL;
  g_autoptr(PreuvesReadiness) open = NULL;
  g_autoptr(PreuvesReadiness) resolved = NULL;

  link_sc (fixture, preuve, "C2-1.1", "Les objectifs opérationnels du projet.");
  on_preuve = preuves_portfolio_add_remark (fixture->portfolio, PREUVES_REMARK_ROLE_ADVISOR, "preuve",
                                            preuves_preuve_get_uuid (preuve), 0,
                                            "Précisez votre rôle dans ce projet.", &error);
  g_assert_no_error (error);
  on_criterion = preuves_portfolio_add_remark (fixture->portfolio, PREUVES_REMARK_ROLE_ADVISOR, "criterion",
                                               "B3-2", 0, "Quelle preuve professionnelle ?", &error);
  g_assert_no_error (error);
  from_candidate = preuves_portfolio_add_remark (fixture->portfolio, PREUVES_REMARK_ROLE_CANDIDATE, "bloc",
                                                 "B4", 0, "À reprendre plus tard.", &error);
  g_assert_no_error (error);
  on_sous_competence = preuves_portfolio_add_remark (fixture->portfolio, PREUVES_REMARK_ROLE_ADVISOR,
                                                     "sous-competence", "C4-1.1", 0,
                                                     "Aucune preuve de l'accompagnement du dirigeant.", &error);
  g_assert_no_error (error);
  on_document = preuves_portfolio_add_remark (fixture->portfolio, PREUVES_REMARK_ROLE_ADVISOR, "document",
                                              "finale", 12, "La problématique arrive trop tard.", &error);
  g_assert_no_error (error);

  open = compute (fixture);
  assert_reason (bloc (open, "B2"), "remark-unresolved", on_preuve, "Projet numérique au lycée");
  assert_reason (bloc (open, "B3"), "remark-unresolved", on_criterion, "B3-2");
  assert_blocs_named (open);
  assert_reason (bloc (open, "B4"), "remark-unresolved", on_sous_competence, "C4-1.1");
  assert_no_reason (bloc (open, "B4"), "remark-unresolved", from_candidate);
  assert_no_reason (bloc (open, "B1"), "remark-unresolved", NULL);
  /* The épreuve finale's document belongs to the certification as a whole. */
  assert_reason (preuves_readiness_get_overall (open), "remark-unresolved", on_document,
                 "the written document of the épreuve finale");

  preuves_portfolio_resolve_remark (fixture->portfolio, on_preuve, TRUE, "C'est précisé.", &error);
  g_assert_no_error (error);
  resolved = compute (fixture);
  assert_no_reason (bloc (resolved, "B2"), "remark-unresolved", NULL);
  assert_reason (bloc (resolved, "B3"), "remark-unresolved", on_criterion, NULL);
}

static void
fill_blocs (Fixture *fixture)
{
  const char *codes[] = { "B1", "B2", "B3", "B4" };
  const char *epreuves[] = { "bloc1", "bloc2", "bloc3", "bloc4" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *title = g_strdup_printf ("Preuves du bloc %u", i + 1);

      link_whole_bloc (fixture, add_preuve (fixture, title), codes[i]);
      meet_criteria (fixture, epreuves[i]);
      if (i > 0)
        rehearse (fixture, epreuves[i], 18 * 60, 16 * 60);
    }
  attach_document (fixture, "bloc1", 17);
}

/* Everything filled in: every bloc is ready; then what the path adds. */
static void
test_ready (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PreuvesReadiness) blocs_done = NULL;
  g_autoptr(PreuvesReadiness) ready = NULL;
  const PreuvesReadinessPart *overall;

  fill_blocs (fixture);
  blocs_done = compute (fixture);
  for (guint i = 0; i < 4; i++)
    {
      const PreuvesReadinessPart *part = preuves_readiness_get_bloc (blocs_done, i);

      if (part->reasons->len > 0)
        g_error ("%s: %s", part->code, ((PreuvesReadinessReason *) g_ptr_array_index (part->reasons, 0))->message);
      g_assert_cmpint (part->state, ==, PREUVES_READINESS_READY);
      g_assert_cmpuint (part->covered, ==, part->total);
    }
  overall = preuves_readiness_get_overall (blocs_done);
  g_assert_cmpint (overall->state, ==, PREUVES_READINESS_IN_PROGRESS);
  assert_no_reason (overall, "bloc-not-ready", NULL);

  if (fixture->path == PREUVES_PATH_FORMATION)
    {
      meet_criteria (fixture, "finale");
      /* The bloc orals' window is not the épreuve finale's (30–40 min exchange). */
      rehearse (fixture, "finale", 17 * 60, 20 * 60);
      attach_document (fixture, "finale", 55);
      g_clear_object (&blocs_done);
      blocs_done = compute (fixture);
      assert_reason (preuves_readiness_get_overall (blocs_done), "rehearsal-out-of-window", "finale", NULL);
      rehearse (fixture, "finale", 17 * 60, 35 * 60);
    }
  else
    {
      /* Each bloc has its own preuves: none mobilises the four together. */
      PreuvesPreuve *situation = add_preuve (fixture, "Refonte de l'accueil des nouveaux élèves");

      assert_reason (overall, "coordination-missing", NULL, "1 of 4");
      link_sc (fixture, situation, "C1-1.1", "Diagnostic de l'accueil.");
      link_sc (fixture, situation, "C2-1.3", "Le projet de refonte.");
      link_sc (fixture, situation, "C3-1.3", "Les pistes proposées à la directrice.");
      link_sc (fixture, situation, "C4-1.6", "   ");
      g_clear_object (&blocs_done);
      blocs_done = compute (fixture);
      assert_reason (preuves_readiness_get_overall (blocs_done), "coordination-missing", NULL, "3 of 4");
      preuves_portfolio_set_justification (fixture->portfolio, situation, "C4-1.6",
                                           "Le plan présenté à la direction pour l'attractivité.", NULL);
    }

  ready = compute (fixture);
  overall = preuves_readiness_get_overall (ready);
  if (overall->reasons->len > 0)
    g_error ("overall: %s", ((PreuvesReadinessReason *) g_ptr_array_index (overall->reasons, 0))->message);
  g_assert_cmpint (overall->state, ==, PREUVES_READINESS_READY);
}

/* Runs preuves-cli with @args (NULL-terminated after the file) on the
 * fixture's portfolio; returns its exit status and stdout. */
static int
run_cli (Fixture     *fixture,
         char       **out,
         const char  *command,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (preuves_portfolio_get_file (fixture->portfolio));
  g_autofree char *err = NULL;
  const char *arg;
  int status;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("PREUVES_CLI"));
  g_ptr_array_add (argv, (gpointer) command);
  g_ptr_array_add (argv, path);
  va_start (args, command);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_nonnull (g_ptr_array_index (argv, 0));
  /* stdout is the test's TAP stream: never let the command write there. */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0,
                NULL, NULL, out, &err, &status, &error);
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("preuves-cli %s: %s", command, g_strchomp (err));
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static JsonObject *
cli_status (Fixture *fixture)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_cli (fixture, &out, "status", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
json_has_detail (JsonObject *part,
                 const char *kind,
                 const char *target)
{
  JsonArray *details = json_object_get_array_member (part, "details");

  for (guint i = 0; i < json_array_get_length (details); i++)
    {
      JsonObject *detail = json_array_get_object_element (details, i);

      if (g_str_equal (json_object_get_string_member (detail, "kind"), kind) &&
          g_str_equal (json_object_get_string_member (detail, "target"), target))
        return TRUE;
    }
  return FALSE;
}

/* The commands fill the portfolio; status reports it, exit 0 whatever
 * the state. */
static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *short_path = g_build_filename (fixture->dir, "court.pdf", NULL);
  g_autofree char *good_path = g_build_filename (fixture->dir, "diagnostic.pdf", NULL);
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *b1, *b2;

  before = cli_status (fixture);
  /* Without --json, blocs are named as people read them. */
  g_assert_cmpint (run_cli (fixture, &text, "status", NULL), ==, 0);
  g_assert_nonnull (strstr (text, "\nBloc 2: Not started — 0/17 sous-compétences backed\n"));
  g_assert_nonnull (strstr (text, "\nCertification: Not started — "));
  g_assert_nonnull (strstr (text, "  • Bloc 1 is not ready: "));
  g_assert_cmpstr (json_object_get_string_member (before, "path"), ==, "formation");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (before, "blocs")), ==, 4);
  b2 = json_array_get_object_element (json_object_get_array_member (before, "blocs"), 1);
  g_assert_cmpstr (json_object_get_string_member (b2, "code"), ==, "B2");
  g_assert_cmpstr (json_object_get_string_member (b2, "state"), ==, "not-started");
  g_assert_true (json_has_detail (b2, "rehearsal-missing", "bloc2"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (before, "overall"), "state"),
                   ==, "not-started");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (before, "overall"), "reasons")),
                    >, 4);

  g_assert_cmpint (run_cli (fixture, NULL, "criterion", "B1-1", "met", "--note", "Méthodologie décrite.", NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, "criterion", "B1-1", "done", NULL), ==, 2);
  g_assert_cmpint (run_cli (fixture, NULL, "criterion", "B9-9", "met", NULL), ==, 2);
  g_assert_cmpint (run_cli (fixture, NULL, "rehearse", "bloc2", "--presentation", "20:01", "--exchange", "15:00", NULL), ==, 1);
  g_assert_cmpint (run_cli (fixture, NULL, "rehearse", "bloc2", "--presentation", "20:00", "--exchange", "15:00", NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, "rehearse", "bloc1", "--presentation", "17:00", "--exchange", "15:00", NULL), ==, 2);

  preuves_test_make_document (good_path, 20, 18, &error);
  g_assert_no_error (error);
  preuves_test_make_document (short_path, 12, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_cli (fixture, NULL, "document", "diagnostic", good_path, NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, "document", "bloc1", short_path, NULL), ==, 1);
  g_assert_cmpint (run_cli (fixture, NULL, "document", "bloc2", short_path, NULL), ==, 2);

  after = cli_status (fixture);
  b1 = json_array_get_object_element (json_object_get_array_member (after, "blocs"), 0);
  b2 = json_array_get_object_element (json_object_get_array_member (after, "blocs"), 1);
  g_assert_cmpstr (json_object_get_string_member (b1, "state"), ==, "in-progress");
  g_assert_true (json_has_detail (b1, "document-too-short", "bloc1"));
  g_assert_false (json_has_detail (b1, "criterion-not-met", "B1-1"));
  g_assert_true (json_has_detail (b1, "criterion-not-met", "B1-2"));
  g_assert_cmpstr (json_object_get_string_member (b2, "state"), ==, "in-progress");
  g_assert_false (json_has_detail (b2, "rehearsal-missing", "bloc2"));
  g_assert_false (json_has_detail (b2, "rehearsal-out-of-window", "bloc2"));
}

/* Straight from a snapshot: ids the référentiel does not know (a portfolio
 * from a later version) count for nothing, and a remark that is about no
 * bloc still holds back the certification. */
static void
test_snapshot (void)
{
  g_autoptr(PreuvesReadinessSnapshot) snapshot = preuves_readiness_snapshot_new ();
  g_autoptr(PreuvesReadiness) readiness = NULL;
  const PreuvesReadinessPart *overall;

  preuves_readiness_snapshot_add_link (snapshot, "p1", "C9-9.9", TRUE);
  preuves_readiness_snapshot_add_link (snapshot, "p2", "C3-1.1", TRUE);
  preuves_readiness_snapshot_add_criterion (snapshot, "Z-1", PREUVES_CRITERION_MET);
  preuves_readiness_snapshot_add_remark (snapshot, "r1", "preuve", "p1", "Preuve sans lien", "À relier.");
  preuves_readiness_snapshot_add_remark (snapshot, "r2", "bloc", "bloc3", NULL, "Voir le bloc 3.");
  preuves_readiness_snapshot_add_remark (snapshot, "r3", "preuve", "p2", "Étude pour la direction", "Datez-la.");
  preuves_readiness_snapshot_add_remark (snapshot, "r4", "bloc", "B4", NULL, "Et le bloc 4 ?");
  preuves_readiness_snapshot_add_remark (snapshot, "r5", "document", "bloc1", NULL, "Trop long.");
  readiness = preuves_readiness_compute (preuves_referentiel_get_default (), PREUVES_PATH_VAE, snapshot);
  overall = preuves_readiness_get_overall (readiness);

  g_assert_cmpuint (overall->covered, ==, 1);
  g_assert_cmpint (bloc (readiness, "B1")->state, ==, PREUVES_READINESS_NOT_STARTED);
  g_assert_cmpint (bloc (readiness, "B3")->state, ==, PREUVES_READINESS_IN_PROGRESS);
  assert_reason (overall, "remark-unresolved", "r1", "Preuve sans lien");
  assert_reason (bloc (readiness, "B3"), "remark-unresolved", "r2", "remark on Bloc 3 ");
  /* A bloc's code is accepted as the target as well as its épreuve's id. */
  assert_reason (bloc (readiness, "B4"), "remark-unresolved", "r4", "remark on Bloc 4 ");
  assert_reason (bloc (readiness, "B1"), "remark-unresolved", "r5", "remark on the written document of Bloc 1 ");
  assert_reason (bloc (readiness, "B3"), "remark-unresolved", "r3", "Étude pour la direction");
  assert_no_reason (overall, "remark-unresolved", "r2");
  assert_no_reason (overall, "remark-unresolved", "r3");
  assert_reason (overall, "coordination-missing", NULL, "1 of 4");
}

/* In French, the state words agree with what they qualify (« le bloc est
 * prêt », « la certification est prête ») and the reasons contract « de »
 * with the bloc's article (« du Bloc 1 »). Run in a child process: the
 * other tests read English. */
static void
test_french (void)
{
  g_autoptr(PreuvesReadinessSnapshot) snapshot = NULL;
  g_autoptr(PreuvesReadiness) readiness = NULL;

  if (!preuves_test_in_french ())
    return;

  g_assert_cmpstr (preuves_readiness_state_label (PREUVES_READINESS_READY, PREUVES_READINESS_OF_BLOC), ==, "Prêt");
  g_assert_cmpstr (preuves_readiness_state_label (PREUVES_READINESS_READY, PREUVES_READINESS_OF_CERTIFICATION), ==, "Prête");
  g_assert_cmpstr (preuves_readiness_state_label (PREUVES_READINESS_IN_PROGRESS, PREUVES_READINESS_OF_CERTIFICATION), ==, "En cours");
  g_assert_cmpstr (preuves_readiness_state_label (PREUVES_READINESS_NOT_STARTED, PREUVES_READINESS_OF_BLOC), ==, "À commencer");

  snapshot = preuves_readiness_snapshot_new ();
  preuves_readiness_snapshot_add_remark (snapshot, "r1", "bloc", "B2", NULL, "Voir le bloc 2.");
  readiness = preuves_readiness_compute (preuves_referentiel_get_default (), PREUVES_PATH_FORMATION, snapshot);
  g_assert_cmpstr (preuves_readiness_part_state_label (preuves_readiness_get_overall (readiness)), ==, "À commencer");
  assert_reason (bloc (readiness, "B1"), "document-missing", "bloc1", "L’écrit du Bloc 1 (");
  assert_reason (bloc (readiness, "B3"), "rehearsal-missing", "bloc3", "L’oral du Bloc 3 ");
  assert_reason (bloc (readiness, "B1"), "criterion-not-met", "B1-1", "Le critère B1-1 du Bloc 1 ");
  assert_reason (bloc (readiness, "B2"), "remark-unresolved", "r1", " sur le Bloc 2 ");
  assert_reason (preuves_readiness_get_overall (readiness), "document-missing", "finale", "L’écrit de l’épreuve finale (");
  assert_reason (preuves_readiness_get_overall (readiness), "bloc-not-ready", "B4", "Le Bloc 4 n’est pas prêt");
}

static void
add_path_tests (const char *path_name,
                PreuvesPath path)
{
  struct { const char *name; void (*func) (Fixture *, gconstpointer); } tests[] = {
    { "empty", test_empty },
    { "coverage", test_coverage },
    { "rehearsal-window", test_rehearsal_window },
    { "remarks", test_remarks },
    { "ready", test_ready },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    {
      g_autofree char *name = g_strdup_printf ("/readiness/%s/%s", path_name, tests[i].name);
      g_test_add (name, Fixture, GINT_TO_POINTER (path), fixture_set_up, tests[i].func, fixture_tear_down);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/readiness/snapshot", test_snapshot);
  g_test_add_func ("/readiness/french", test_french);
  add_path_tests ("formation", PREUVES_PATH_FORMATION);
  add_path_tests ("vae", PREUVES_PATH_VAE);
  g_test_add ("/readiness/formation/cli", Fixture, GINT_TO_POINTER (PREUVES_PATH_FORMATION),
              fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
