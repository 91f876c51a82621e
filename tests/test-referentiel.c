/* test-referentiel.c — the référentiel: its content, its loader, its CLI
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "preuves-referentiel.h"

#define RESOURCE "/io/github/preuves/Preuves/core/referentiels/coordinateur-operationnel.json"

static PreuvesReferentiel *
get_default (void)
{
  PreuvesReferentiel *referentiel = preuves_referentiel_get_default ();

  g_assert_nonnull (referentiel);
  return referentiel;
}

static guint
count_criteria (const PreuvesEpreuve *epreuve,
                const char           *group)
{
  guint n = 0;

  for (guint i = 0; i < epreuve->criteria->len; i++)
    {
      const PreuvesCriterion *criterion = g_ptr_array_index (epreuve->criteria, i);

      if (g_str_equal (criterion->group, group))
        n++;
    }
  return n;
}

static void
test_counts (void)
{
  PreuvesReferentiel *referentiel = get_default ();
  const char * const competences[] = {
    "C1-1", "C1-2a", "C1-2b", "C1-3", "C2-1", "C2-2a", "C2-2b", "C2-3",
    "C3-1", "C3-2", "C3-3", "C4-1", "C4-2", "C4-3",
  };
  const guint criteria[] = { 5, 8, 5, 6 };
  const guint activites[] = { 3, 3, 3, 3 };
  const guint attitude_bullets[] = { 7, 4, 6 };
  GPtrArray *all_competences = preuves_referentiel_get_competences (referentiel);
  GPtrArray *attitudes = preuves_referentiel_get_attitude_groups (referentiel);
  const PreuvesEpreuve *finale = preuves_referentiel_get_epreuve_finale (referentiel);
  guint n_sous = 0;

  g_assert_cmpstr (preuves_referentiel_get_id (referentiel), ==, "coordinateur-operationnel");
  g_assert_cmpuint (preuves_referentiel_get_domaines (referentiel)->len, ==, 2);
  g_assert_cmpuint (preuves_referentiel_get_n_blocs (referentiel), ==, 4);
  g_assert_cmpuint (preuves_referentiel_get_activites (referentiel)->len, ==, 12);
  g_assert_cmpuint (preuves_referentiel_get_sous_competences (referentiel)->len, ==, 63);

  g_assert_cmpuint (all_competences->len, ==, G_N_ELEMENTS (competences));
  for (guint i = 0; i < G_N_ELEMENTS (competences); i++)
    g_assert_cmpstr (((const PreuvesCompetence *) g_ptr_array_index (all_competences, i))->code, ==, competences[i]);

  for (guint i = 0; i < 4; i++)
    {
      const PreuvesBloc *bloc = preuves_referentiel_get_bloc (referentiel, i);

      g_assert_cmpuint (bloc->number, ==, i + 1);
      g_assert_cmpuint (bloc->activites->len, ==, activites[i]);
      g_assert_cmpuint (bloc->epreuve->criteria->len, ==, criteria[i]);
      n_sous += bloc->sous_competences->len;
    }
  g_assert_cmpuint (n_sous, ==, 63);

  g_assert_cmpuint (finale->written_criteria->len, ==, 8);
  g_assert_cmpuint (finale->oral_criteria->len, ==, 7);
  g_assert_cmpuint (count_criteria (finale, "écrit"), ==, 8);
  g_assert_cmpuint (count_criteria (finale, "oral"), ==, 7);
  g_assert_cmpuint (finale->criteria->len, ==, 15);

  g_assert_cmpuint (attitudes->len, ==, 3);
  for (guint i = 0; i < attitudes->len; i++)
    {
      const PreuvesAttitudeGroup *group = g_ptr_array_index (attitudes, i);

      g_assert_cmpuint (group->number, ==, i + 1);
      g_assert_cmpuint (group->bullets->len, ==, attitude_bullets[i]);
    }

  g_assert_cmpuint (preuves_referentiel_get_path_rules (referentiel, PREUVES_PATH_FORMATION)->epreuves->len, ==, 5);
  g_assert_cmpuint (preuves_referentiel_get_path_rules (referentiel, PREUVES_PATH_VAE)->epreuves->len, ==, 4);
  g_assert_cmpuint (preuves_referentiel_get_epreuves (referentiel)->len, ==, 5);
}

static void
test_structure (void)
{
  PreuvesReferentiel *referentiel = get_default ();
  GPtrArray *domaines = preuves_referentiel_get_domaines (referentiel);
  GPtrArray *sous = preuves_referentiel_get_sous_competences (referentiel);
  const char * const domaine_blocs[][2] = { { "B1", "B2" }, { "B3", "B4" } };

  for (guint i = 0; i < domaines->len; i++)
    {
      const PreuvesDomaine *domaine = g_ptr_array_index (domaines, i);

      g_assert_cmpuint (domaine->blocs->len, ==, 2);
      for (guint j = 0; j < 2; j++)
        {
          const PreuvesBloc *bloc = g_ptr_array_index (domaine->blocs, j);

          g_assert_cmpstr (bloc->code, ==, domaine_blocs[i][j]);
          g_assert_true (bloc->domaine == domaine);
        }
    }
  g_assert_cmpstr (((const PreuvesDomaine *) g_ptr_array_index (domaines, 0))->short_title, ==, "Mission d'expertise");
  g_assert_cmpstr (((const PreuvesDomaine *) g_ptr_array_index (domaines, 1))->short_title, ==, "Mission d'appui au dirigeant");

  for (guint i = 0; i < sous->len; i++)
    {
      const PreuvesSousCompetence *item = g_ptr_array_index (sous, i);

      g_assert_cmpuint (item->index, ==, i);
      g_assert_true (item->bloc == item->competence->bloc);
      g_assert_true (item->competence->activite->bloc == item->bloc);
      g_assert_true (item->bloc->epreuve->bloc == item->bloc);
      /* Codes name their bloc: C3-… belongs to B3. */
      g_assert_cmpint (item->code[1], ==, item->bloc->code[1]);
    }

  g_assert_cmpstr (preuves_referentiel_find_activite (referentiel, "4-3")->title, ==,
                   "Participation au conseil de direction en vue de contribuer à la vie et au pilotage de l'organisation");
  g_assert_cmpstr (preuves_referentiel_find_competence (referentiel, "C2-2b")->activite->code, ==, "2-2");
  g_assert_cmpstr (preuves_referentiel_find_epreuve (referentiel, "bloc3")->bloc->code, ==, "B3");
  g_assert_null (preuves_referentiel_find_epreuve (referentiel, "finale")->bloc);
  g_assert_null (preuves_referentiel_find_bloc (referentiel, "B5"));
  g_assert_null (preuves_referentiel_find_criterion (referentiel, "B1-6"));
  g_assert_null (preuves_referentiel_find_written_document (referentiel, "memoire"));
}

static void
test_ranges (void)
{
  PreuvesReferentiel *referentiel = get_default ();
  const PreuvesWrittenDocumentSpec *diagnostic = preuves_referentiel_find_written_document (referentiel, "diagnostic");
  const PreuvesWrittenDocumentSpec *final = preuves_referentiel_find_written_document (referentiel, "final");
  const PreuvesEpreuve *bloc1 = preuves_referentiel_find_epreuve (referentiel, "bloc1");
  const PreuvesEpreuve *finale = preuves_referentiel_find_epreuve (referentiel, "finale");

  g_assert_nonnull (diagnostic);
  g_assert_cmpuint (diagnostic->pages_min, ==, 15);
  g_assert_cmpuint (diagnostic->pages_max, ==, 20);
  g_assert_true (diagnostic->hors_annexes);
  g_assert_true (diagnostic->epreuve == bloc1);
  g_assert_true (bloc1->written_document == diagnostic);
  g_assert_cmpint (bloc1->kind, ==, PREUVES_EPREUVE_WRITTEN);
  g_assert_cmpuint (bloc1->presentation_max, ==, 0);
  g_assert_cmpuint (bloc1->exchange_max, ==, 0);
  g_assert_cmpstr (bloc1->jury, ==, "un jury composé d'un formateur et d'un professionnel du secteur d'activité");

  g_assert_nonnull (final);
  g_assert_cmpuint (final->pages_min, ==, 50);
  g_assert_cmpuint (final->pages_max, ==, 60);
  g_assert_true (final->hors_annexes);
  g_assert_true (final->epreuve == finale);
  g_assert_true (finale == preuves_referentiel_get_epreuve_finale (referentiel));

  for (guint i = 2; i <= 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("bloc%u", i);
      const PreuvesEpreuve *oral = preuves_referentiel_find_epreuve (referentiel, id);

      g_assert_cmpint (oral->kind, ==, PREUVES_EPREUVE_ORAL);
      g_assert_null (oral->written_document);
      g_assert_cmpuint (oral->presentation_min, ==, 15);
      g_assert_cmpuint (oral->presentation_max, ==, 20);
      g_assert_cmpuint (oral->exchange_min, ==, 15);
      g_assert_cmpuint (oral->exchange_max, ==, 20);
    }

  g_assert_cmpint (finale->kind, ==, PREUVES_EPREUVE_ORAL);
  g_assert_cmpuint (finale->presentation_min, ==, 15);
  g_assert_cmpuint (finale->presentation_max, ==, 20);
  g_assert_cmpuint (finale->exchange_min, ==, 30);
  g_assert_cmpuint (finale->exchange_max, ==, 40);
  g_assert_nonnull (strstr (finale->jury, "présidé par un membre de la commission de certification"));
}

static const char *
sous_text (const char *id)
{
  g_autoptr(GError) error = NULL;
  const PreuvesSousCompetence *sous;

  sous = preuves_referentiel_find_sous_competence (get_default (), id, &error);
  g_assert_no_error (error);
  return sous->text;
}

/* The official wording, accents, typos and all. */
static void
test_wording (void)
{
  PreuvesReferentiel *referentiel = get_default ();
  const PreuvesAttitudeGroup *a2 = g_ptr_array_index (preuves_referentiel_get_attitude_groups (referentiel), 1);
  const PreuvesAttitudeGroup *a3 = g_ptr_array_index (preuves_referentiel_get_attitude_groups (referentiel), 2);
  const PreuvesPathRules *vae = preuves_referentiel_get_path_rules (referentiel, PREUVES_PATH_VAE);

  g_assert_cmpstr (sous_text ("C1-1.3"), ==,
                   "Evaluer les ressources internes du secteur d'activité (humaines, pédagogiques, matérielles, "
                   "financières) afin de les prendre en compte de manière adaptée dans le plan d'actions.");
  g_assert_cmpstr (sous_text ("C4-3.4"), ==,
                   "Garantir la communication des informations et des décisions prises en conseil de direction "
                   "auprès des équipes (communication interne) et des partenaires (communication externe).");
  g_assert_cmpstr (sous_text ("C1-1.10"), ==, "Définir des indicateurs de suivi");
  g_assert_cmpstr (sous_text ("C3-1.2"), ==,
                   "Développer une écoute active des problématiques venant du terrain :\n"
                   "- Recueillir et analyser les informations du terrain nécessaires à la vision globale et complexe "
                   "des questions à traiter et des décisions à prendre.\n"
                   "- Organiser, hiérarchiser, contextualiser et structurer la remontée des informations.");
  g_assert_true (g_str_has_suffix (sous_text ("C3-1.4"), "\n- Actualiser ses sources d'information et de références."));

  g_assert_cmpstr (preuves_referentiel_find_criterion (referentiel, "B2-2")->text, ==,
                   "La conduite du projet s'appuie sur l'utilisation d'outils actuels e adaptés (audiovisuels, numériques, ...)");
  g_assert_cmpstr (preuves_referentiel_find_criterion (referentiel, "B2-8")->text, ==,
                   "L'entretien montre la capacité du candidat à répondre aux questions du jury et à entrer dans une discussion professionnelle.");
  g_assert_true (g_str_has_prefix (preuves_referentiel_find_criterion (referentiel, "B3-3")->text,
                                   "La présentation d'argumente le processus de décision partagée"));
  g_assert_cmpstr (preuves_referentiel_find_criterion (referentiel, "EF-O1")->text, ==,
                   "La présentation respecte le cadre temporel donné.");
  g_assert_cmpstr (preuves_referentiel_find_criterion (referentiel, "EF-O1")->group, ==, "oral");
  g_assert_cmpstr (preuves_referentiel_find_criterion (referentiel, "EF-E8")->group, ==, "écrit");

  g_assert_cmpstr (a2->lead, ==, "Incarnier et faire vivre les valeurs de l'organisation");
  g_assert_cmpstr (a3->title, ==,
                   "Le coordinateur professionnel et autonome : action éthique et responsable afin d'agir avec "
                   "pertinence et de garder une posture professionnelle adaptée");
  g_assert_cmpstr (g_ptr_array_index (a3->bullets, 1), ==,
                   "Mesurer et garantir la confidentialité des informations recueillies dans l'exercice de sa fonction");

  g_assert_cmpstr (g_ptr_array_index (vae->requirements, vae->requirements->len - 1), ==,
                   "La preuve de la capacité du candidat à mobiliser de manière coordonnée les compétences de "
                   "l'ensemble des quatre différents blocs de compétences en témoignant d'une action professionnelle "
                   "autonome, éthique et responsable.");
  g_assert_cmpstr (preuves_referentiel_find_bloc (referentiel, "B2")->title, ==, "Pilotage de projets éducatifs");
  g_assert_cmpstr (preuves_referentiel_find_activite (referentiel, "4-1")->title, ==,
                   "Contribution aux stratégies de l'organisation");
}

static void
test_duplicate_code (void)
{
  PreuvesReferentiel *referentiel = get_default ();
  g_autoptr(GError) error = NULL;
  const PreuvesSousCompetence *a, *b, *plain;

  g_assert_null (preuves_referentiel_find_sous_competence (referentiel, "C1-2.6", &error));
  g_assert_error (error, PREUVES_REFERENTIEL_ERROR, PREUVES_REFERENTIEL_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (error->message, "C1-2a.6"));
  g_assert_nonnull (strstr (error->message, "C1-2b.6"));
  g_clear_error (&error);

  a = preuves_referentiel_find_sous_competence (referentiel, "C1-2a.6", &error);
  g_assert_no_error (error);
  b = preuves_referentiel_find_sous_competence (referentiel, "C1-2b.6", &error);
  g_assert_no_error (error);
  g_assert_true (a != b);
  g_assert_cmpstr (a->code, ==, "C1-2.6");
  g_assert_cmpstr (b->code, ==, "C1-2.6");
  g_assert_true (a->duplicate_code);
  g_assert_true (b->duplicate_code);
  g_assert_cmpstr (a->competence->code, ==, "C1-2a");
  g_assert_cmpstr (b->competence->code, ==, "C1-2b");
  g_assert_true (g_str_has_prefix (a->text, "Définir et mettre en œuvre un système de gestion de l'information"));
  g_assert_true (g_str_has_prefix (b->text, "Identifier les besoins en compétences dans le secteur coordonné"));

  plain = preuves_referentiel_find_sous_competence (referentiel, "C1-2.7", &error);
  g_assert_no_error (error);
  g_assert_false (plain->duplicate_code);
  g_assert_cmpstr (plain->id, ==, plain->code);

  for (guint i = 0; i < preuves_referentiel_get_sous_competences (referentiel)->len; i++)
    {
      const PreuvesSousCompetence *sous = g_ptr_array_index (preuves_referentiel_get_sous_competences (referentiel), i);

      g_assert_true (sous->duplicate_code == (sous == a || sous == b));
    }

  g_assert_null (preuves_referentiel_find_sous_competence (referentiel, "C9-9.9", &error));
  g_assert_error (error, PREUVES_REFERENTIEL_ERROR, PREUVES_REFERENTIEL_ERROR_NOT_FOUND);
}

static void
test_default_cached (void)
{
  g_assert_true (preuves_referentiel_get_default () == preuves_referentiel_get_default ());
}

/* Malformed input: start from the real file, break one thing, and check
 * that the loader refuses it and says where. */

static JsonNode *
load_builtin_tree (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_nonnull (bytes);
  root = json_from_string (g_bytes_get_data (bytes, NULL), &error);
  g_assert_no_error (error);
  return root;
}

/* Follows "blocs[0].epreuve.written_document" down from @root. */
static JsonObject *
lookup_object (JsonNode   *root,
               const char *path)
{
  g_auto(GStrv) steps = g_strsplit (path, ".", -1);
  JsonObject *object = json_node_get_object (root);

  for (guint i = 0; steps[i] != NULL; i++)
    {
      char *bracket = strchr (steps[i], '[');
      JsonNode *node;

      if (bracket != NULL)
        *bracket = '\0';
      node = json_object_get_member (object, steps[i]);
      g_assert_nonnull (node);
      if (bracket != NULL)
        node = json_array_get_element (json_node_get_array (node), (guint) atoi (bracket + 1));
      object = json_node_get_object (node);
    }
  return object;
}

static PreuvesReferentiel *
load_tree (JsonNode  *root,
           GError   **error)
{
  char *text = json_to_string (root, TRUE);
  gsize length = strlen (text);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, length);

  return preuves_referentiel_new_from_bytes (bytes, error);
}

static void
assert_refused (JsonNode   *root,
                int         code,
                const char *where,
                const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesReferentiel) referentiel = load_tree (root, &error);

  g_assert_null (referentiel);
  g_assert_error (error, PREUVES_REFERENTIEL_ERROR, code);
  if (g_test_verbose ())
    g_test_message ("%s", error->message);
  if (where != NULL && !g_str_has_prefix (error->message, where))
    g_error ("“%s” does not start with “%s”", error->message, where);
  if (what != NULL && strstr (error->message, what) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, what);
}

static void
test_unmodified_tree_loads (void)
{
  g_autoptr(JsonNode) root = load_builtin_tree ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesReferentiel) referentiel = load_tree (root, &error);

  /* The mutations below are meaningful only if the untouched tree loads. */
  g_assert_no_error (error);
  g_assert_nonnull (referentiel);
  g_assert_finalize_object (g_steal_pointer (&referentiel));
}

static void
test_malformed_syntax (void)
{
  const char *broken = "{\n  \"format\": 1,\n  \"id\" \"x\"\n}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (broken, strlen (broken));
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) latin1 = g_bytes_new_static ("{\"id\": \"\xe9\"}", 11);
  g_autoptr(GError) error = NULL;

  g_assert_null (preuves_referentiel_new_from_bytes (bytes, &error));
  g_assert_error (error, PREUVES_REFERENTIEL_ERROR, PREUVES_REFERENTIEL_ERROR_PARSE);
  /* json-glib's line:column of the missing colon. */
  g_assert_nonnull (strstr (error->message, "3:"));
  g_clear_error (&error);

  g_assert_null (preuves_referentiel_new_from_bytes (empty, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == PREUVES_REFERENTIEL_ERROR);
  g_clear_error (&error);

  g_assert_null (preuves_referentiel_new_from_bytes (latin1, &error));
  g_assert_error (error, PREUVES_REFERENTIEL_ERROR, PREUVES_REFERENTIEL_ERROR_PARSE);
}

static void
test_malformed_missing (void)
{
  g_autoptr(JsonNode) root = load_builtin_tree ();
  const char *path = "blocs[0].activites[1].competences[1].sous_competences[3]";

  json_object_remove_member (lookup_object (root, path), "text");
  assert_refused (root, PREUVES_REFERENTIEL_ERROR_INVALID, path, "“text” is missing");
}

/* One change to one member of the real file, and what the refusal says. */
typedef enum
{
  REMOVE,
  SET_STRING,
  SET_INT,
  SET_TRUE,
} Change;

typedef struct
{
  const char *object;  /* path of the object to change; "" for the root */
  const char *member;
  Change      change;
  const char *string;
  gint64      number;
  int         code;    /* PreuvesReferentielError */
  const char *where;   /* the message starts with this, when not NULL */
  const char *what;    /* and mentions this */
} MalformedCase;

static const MalformedCase malformed_cases[] = {
  /* Types and required values */
  { "blocs[1].activites[0]", "title", SET_INT, NULL, 3, PREUVES_REFERENTIEL_ERROR_INVALID, "blocs[1].activites[0]:", "“title”" },
  { "blocs[3]", "title", SET_STRING, "  ", 0, PREUVES_REFERENTIEL_ERROR_INVALID, "blocs[3]:", "“title”" },
  { "blocs[2].epreuve", "kind", SET_STRING, "dance", 0, PREUVES_REFERENTIEL_ERROR_INVALID, "blocs[2].epreuve:", "“kind”" },
  { "blocs[2]", "domaine", SET_STRING, "nowhere", 0, PREUVES_REFERENTIEL_ERROR_INVALID, "blocs[2]:", "nowhere" },
  { "epreuve_finale.criteria[0]", "group", SET_STRING, "chant", 0, PREUVES_REFERENTIEL_ERROR_INVALID, "epreuve_finale.criteria[0]:", "chant" },
  { "blocs[1].epreuve", "exchange_minutes", REMOVE, NULL, 0, PREUVES_REFERENTIEL_ERROR_INVALID, "blocs[1].epreuve:", "“exchange_minutes” is missing" },
  { "", "epreuve_finale", REMOVE, NULL, 0, PREUVES_REFERENTIEL_ERROR_INVALID, NULL, "“epreuve_finale” is missing" },
  /* Duplicates */
  { "blocs[0].activites[0].competences[0].sous_competences[1]", "id", SET_STRING, "C1-1.1", 0,
    PREUVES_REFERENTIEL_ERROR_INVALID, "blocs[0].activites[0].competences[0].sous_competences[1]:", "C1-1.1" },
  { "blocs[3].epreuve.criteria[2]", "id", SET_STRING, "B4-1", 0, PREUVES_REFERENTIEL_ERROR_INVALID, "blocs[3].epreuve.criteria[2]:", "B4-1" },
  { "blocs[1]", "code", SET_STRING, "B1", 0, PREUVES_REFERENTIEL_ERROR_INVALID, "blocs[1]:", "B1" },
  { "epreuve_finale", "id", SET_STRING, "bloc2", 0, PREUVES_REFERENTIEL_ERROR_INVALID, "epreuve_finale:", "bloc2" },
  { "paths[1]", "id", SET_STRING, "formation", 0, PREUVES_REFERENTIEL_ERROR_INVALID, "paths[1]:", "formation" },
  /* A shared code that is not flagged would hide the ambiguity, and a
   * flag on a unique code would invent one. */
  { "blocs[0].activites[1].competences[1].sous_competences[0]", "duplicate_code", REMOVE, NULL, 0,
    PREUVES_REFERENTIEL_ERROR_INVALID, NULL, "C1-2b.6" },
  { "blocs[0].activites[0].competences[0].sous_competences[2]", "duplicate_code", SET_TRUE, NULL, 0,
    PREUVES_REFERENTIEL_ERROR_INVALID, NULL, "C1-1.3" },
  /* Ranges */
  { "blocs[0].epreuve.written_document", "pages_min", SET_INT, NULL, 30,
    PREUVES_REFERENTIEL_ERROR_INVALID, "blocs[0].epreuve.written_document:", "pages_min" },
  { "epreuve_finale.exchange_minutes", "min", SET_INT, NULL, 45,
    PREUVES_REFERENTIEL_ERROR_INVALID, "epreuve_finale.exchange_minutes:", "45" },
  { "blocs[2].epreuve.presentation_minutes", "max", SET_INT, NULL, -5,
    PREUVES_REFERENTIEL_ERROR_INVALID, "blocs[2].epreuve.presentation_minutes:", "“max”" },
  { "", "format", SET_INT, NULL, 2, PREUVES_REFERENTIEL_ERROR_UNSUPPORTED, NULL, "2" },
};

static void
test_malformed_members (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed_cases); i++)
    {
      const MalformedCase *c = &malformed_cases[i];
      g_autoptr(JsonNode) root = load_builtin_tree ();
      JsonObject *object = *c->object ? lookup_object (root, c->object) : json_node_get_object (root);

      g_test_message ("%s.%s", c->object, c->member);
      switch (c->change)
        {
        case REMOVE:
          g_assert_true (json_object_has_member (object, c->member));
          json_object_remove_member (object, c->member);
          break;
        case SET_STRING:
          json_object_set_string_member (object, c->member, c->string);
          break;
        case SET_INT:
          json_object_set_int_member (object, c->member, c->number);
          break;
        case SET_TRUE:
          json_object_set_boolean_member (object, c->member, TRUE);
          break;
        default:
          g_assert_not_reached ();
        }
      assert_refused (root, c->code, c->where, c->what);
    }
}

static void
test_malformed_references (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *epreuves;

  root = load_builtin_tree ();
  epreuves = json_object_get_array_member (lookup_object (root, "paths[1]"), "epreuves");
  json_array_add_string_element (epreuves, "bloc9");
  assert_refused (root, PREUVES_REFERENTIEL_ERROR_INVALID, "paths[1].epreuves[4]:", "bloc9");
  g_clear_pointer (&root, json_node_unref);

  root = load_builtin_tree ();
  json_array_remove_element (json_object_get_array_member (lookup_object (root, "domaines[1]"), "blocs"), 1);
  assert_refused (root, PREUVES_REFERENTIEL_ERROR_INVALID, "domaines[1]:", "appui");
  g_clear_pointer (&root, json_node_unref);

  root = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (root, json_array_new ());
  assert_refused (root, PREUVES_REFERENTIEL_ERROR_INVALID, NULL, NULL);
}

static char *
source_file (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "referentiels", "coordinateur-operationnel.json", NULL);
}

static void
test_file_equals_builtin (void)
{
  g_autofree char *path = source_file ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesReferentiel) referentiel = preuves_referentiel_new_from_file (file, &error);
  g_autoptr(JsonNode) from_file = NULL;
  g_autoptr(JsonNode) builtin = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (referentiel);
  g_assert_true (referentiel != preuves_referentiel_get_default ());

  from_file = preuves_referentiel_to_json (referentiel);
  builtin = preuves_referentiel_to_json (preuves_referentiel_get_default ());
  g_assert_true (json_node_equal (from_file, builtin));
  g_assert_cmpuint (preuves_referentiel_get_sous_competences (referentiel)->len, ==, 63);

  g_clear_pointer (&from_file, json_node_unref);
  g_assert_finalize_object (g_steal_pointer (&referentiel));
}

static void
test_file_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("preuves-referentiel-XXXXXX", &error);
  g_autofree char *missing_path = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *broken_path = g_build_filename (dir, "broken.json", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) broken = g_file_new_for_path (broken_path);

  g_assert_no_error (error);
  g_assert_null (preuves_referentiel_new_from_file (missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_file_set_contents (broken_path, "{\"format\": 1, \"id\": \"x\"}", -1, &error);
  g_assert_no_error (error);
  g_assert_null (preuves_referentiel_new_from_file (broken, &error));
  g_assert_error (error, PREUVES_REFERENTIEL_ERROR, PREUVES_REFERENTIEL_ERROR_INVALID);
  /* The file's name comes first, so that the user knows which file. */
  g_assert_true (g_str_has_prefix (error->message, broken_path));
  g_assert_nonnull (strstr (error->message, "“title” is missing"));

  g_unlink (broken_path);
  g_rmdir (dir);
}

/* The CLI, as a script would run it. */

static const char *
cli_path (void)
{
  const char *cli = g_getenv ("PREUVES_CLI");

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("PREUVES_CLI does not point at a built preuves-cli");
      return NULL;
    }
  return cli;
}

static int
run_cli (const char * const  *args,
         char               **out,
         char               **err)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static guint
count_members (JsonArray  *array,
               const char *member)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    n += json_array_get_length (json_object_get_array_member (json_array_get_object_element (array, i), member));
  return n;
}

static void
check_cli_bloc (JsonObject *bloc,
                guint       index,
                guint      *n_sous)
{
  const guint criteria[] = { 5, 8, 5, 6 };
  JsonArray *activities = json_object_get_array_member (bloc, "activities");
  g_autofree char *code = g_strdup_printf ("B%u", index + 1);

  g_assert_cmpstr (json_object_get_string_member (bloc, "code"), ==, code);
  g_assert_nonnull (json_object_get_string_member (bloc, "title"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (bloc, "criteria")), ==, criteria[index]);
  for (guint i = 0; i < json_array_get_length (activities); i++)
    {
      JsonObject *activity = json_array_get_object_element (activities, i);
      JsonArray *competences = json_object_get_array_member (activity, "competences");

      g_assert_true (json_object_has_member (activity, "code"));
      for (guint j = 0; j < json_array_get_length (competences); j++)
        {
          JsonObject *competence = json_array_get_object_element (competences, j);
          JsonArray *sous = json_object_get_array_member (competence, "sous_competences");

          g_assert_true (json_object_has_member (competence, "code"));
          g_assert_true (json_object_has_member (competence, "title"));
          for (guint k = 0; k < json_array_get_length (sous); k++)
            {
              JsonObject *item = json_array_get_object_element (sous, k);

              g_assert_true (json_object_has_member (item, "code"));
              g_assert_true (json_object_has_member (item, "id"));
              g_assert_true (json_object_has_member (item, "text"));
            }
          *n_sous += json_array_get_length (sous);
        }
    }
}

static void
test_cli_json (void)
{
  const char *cli = cli_path ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object, *finale;
  JsonArray *blocs;
  guint n_sous = 0;

  if (cli == NULL)
    return;

  g_assert_cmpint (run_cli ((const char *[]) { cli, "referential", "--json", NULL }, &out, &err), ==, 0);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);

  blocs = json_object_get_array_member (object, "blocs");
  g_assert_cmpuint (json_array_get_length (blocs), ==, 4);
  g_assert_cmpuint (count_members (blocs, "activities"), ==, 12);
  for (guint i = 0; i < 4; i++)
    check_cli_bloc (json_array_get_object_element (blocs, i), i, &n_sous);
  g_assert_cmpuint (n_sous, ==, 63);

  finale = json_object_get_object_member (object, "epreuve_finale");
  g_assert_cmpstr (json_object_get_string_member (finale, "id"), ==, "finale");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (finale, "criteria")), ==, 15);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (finale, "attitudes")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "paths")), ==, 2);
}

static void
test_cli_text_and_errors (void)
{
  const char *cli = cli_path ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *file = source_file ();

  if (cli == NULL)
    return;

  g_assert_cmpint (run_cli ((const char *[]) { cli, "referential", "--file", file, NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "C1-2.6 [C1-2b.6]"));
  g_assert_nonnull (strstr (out, "B2-8"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { cli, "referential", "--json", "--file", "/nonexistent/referentiel.json", NULL },
                            &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpuint (strlen (err), >, 0);
  /* One line: scripts show it as is. */
  g_assert_nonnull (strchr (err, '\n'));
  g_assert_cmpstr (strchr (err, '\n'), ==, "\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/referentiel/counts", test_counts);
  g_test_add_func ("/referentiel/structure", test_structure);
  g_test_add_func ("/referentiel/ranges", test_ranges);
  g_test_add_func ("/referentiel/wording", test_wording);
  g_test_add_func ("/referentiel/duplicate-code", test_duplicate_code);
  g_test_add_func ("/referentiel/default-cached", test_default_cached);
  g_test_add_func ("/referentiel/malformed/unmodified", test_unmodified_tree_loads);
  g_test_add_func ("/referentiel/malformed/syntax", test_malformed_syntax);
  g_test_add_func ("/referentiel/malformed/missing", test_malformed_missing);
  g_test_add_func ("/referentiel/malformed/members", test_malformed_members);
  g_test_add_func ("/referentiel/malformed/references", test_malformed_references);
  g_test_add_func ("/referentiel/file/equals-builtin", test_file_equals_builtin);
  g_test_add_func ("/referentiel/file/errors", test_file_errors);
  g_test_add_func ("/referentiel/cli/json", test_cli_json);
  g_test_add_func ("/referentiel/cli/text-and-errors", test_cli_text_and_errors);

  return g_test_run ();
}
