/* preuves-referentiel.c — the certification's référentiel, read from JSON
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "preuves-referentiel.h"

#define DEFAULT_RESOURCE "/io/github/preuves/Preuves/core/referentiels/coordinateur-operationnel.json"

/* Large enough for any page count or duration a jury could ask for, small
 * enough that a typo (5000 pages) is caught instead of displayed. */
#define MAX_NUMBER 1000

struct _PreuvesReferentiel
{
  GObject                parent_instance;

  /* Every string of the référentiel, so that the structures only hold
   * const pointers and free nothing but their arrays. */
  GStringChunk          *strings;

  const char            *id;
  const char            *title;
  const char            *official_title;

  /* These own their elements; every other GPtrArray is a view. */
  GPtrArray             *domaines;
  GPtrArray             *blocs;
  GPtrArray             *activites;
  GPtrArray             *competences;
  GPtrArray             *sous_competences;
  GPtrArray             *epreuves;
  GPtrArray             *criteria;
  GPtrArray             *documents;
  GPtrArray             *attitudes;
  GPtrArray             *paths;

  const PreuvesEpreuve  *finale;

  GHashTable            *bloc_by_code;
  GHashTable            *activite_by_code;
  GHashTable            *competence_by_code;
  GHashTable            *sous_competence_by_id;
  GHashTable            *sous_competences_by_code; /* code → GPtrArray */
  GHashTable            *epreuve_by_id;
  GHashTable            *criterion_by_id;
  GHashTable            *document_by_kind;
  GHashTable            *attitude_by_id;
  GHashTable            *domaine_by_id;
};

G_DEFINE_TYPE (PreuvesReferentiel, preuves_referentiel, G_TYPE_OBJECT)

G_DEFINE_QUARK (preuves-referentiel-error-quark, preuves_referentiel_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Freeing the structures: only their views, the strings live in the chunk. */

static void
domaine_free (gpointer data)
{
  PreuvesDomaine *domaine = data;

  g_ptr_array_unref (domaine->blocs);
  g_free (domaine);
}

static void
bloc_free (gpointer data)
{
  PreuvesBloc *bloc = data;

  g_ptr_array_unref (bloc->activites);
  g_ptr_array_unref (bloc->competences);
  g_ptr_array_unref (bloc->sous_competences);
  g_free (bloc);
}

static void
activite_free (gpointer data)
{
  PreuvesActivite *activite = data;

  g_ptr_array_unref (activite->bullets);
  g_ptr_array_unref (activite->competences);
  g_free (activite);
}

static void
competence_free (gpointer data)
{
  PreuvesCompetence *competence = data;

  g_ptr_array_unref (competence->sous_competences);
  g_free (competence);
}

static void
epreuve_free (gpointer data)
{
  PreuvesEpreuve *epreuve = data;

  g_ptr_array_unref (epreuve->criteria);
  g_ptr_array_unref (epreuve->written_criteria);
  g_ptr_array_unref (epreuve->oral_criteria);
  g_free (epreuve);
}

static void
attitude_free (gpointer data)
{
  PreuvesAttitudeGroup *group = data;

  g_ptr_array_unref (group->bullets);
  g_free (group);
}

static void
path_rules_free (gpointer data)
{
  PreuvesPathRules *rules = data;

  g_ptr_array_unref (rules->requirements);
  g_ptr_array_unref (rules->epreuves);
  g_free (rules);
}

static void
preuves_referentiel_finalize (GObject *object)
{
  PreuvesReferentiel *self = (PreuvesReferentiel *)object;

  /* Views first: the tables point into the owning arrays. */
  g_clear_pointer (&self->bloc_by_code, g_hash_table_unref);
  g_clear_pointer (&self->activite_by_code, g_hash_table_unref);
  g_clear_pointer (&self->competence_by_code, g_hash_table_unref);
  g_clear_pointer (&self->sous_competence_by_id, g_hash_table_unref);
  g_clear_pointer (&self->sous_competences_by_code, g_hash_table_unref);
  g_clear_pointer (&self->epreuve_by_id, g_hash_table_unref);
  g_clear_pointer (&self->criterion_by_id, g_hash_table_unref);
  g_clear_pointer (&self->document_by_kind, g_hash_table_unref);
  g_clear_pointer (&self->attitude_by_id, g_hash_table_unref);
  g_clear_pointer (&self->domaine_by_id, g_hash_table_unref);

  g_clear_pointer (&self->paths, g_ptr_array_unref);
  g_clear_pointer (&self->attitudes, g_ptr_array_unref);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);
  g_clear_pointer (&self->epreuves, g_ptr_array_unref);
  g_clear_pointer (&self->sous_competences, g_ptr_array_unref);
  g_clear_pointer (&self->competences, g_ptr_array_unref);
  g_clear_pointer (&self->activites, g_ptr_array_unref);
  g_clear_pointer (&self->blocs, g_ptr_array_unref);
  g_clear_pointer (&self->domaines, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (preuves_referentiel_parent_class)->finalize (object);
}

static void
preuves_referentiel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PreuvesReferentiel *self = PREUVES_REFERENTIEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_referentiel_class_init (PreuvesReferentielClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = preuves_referentiel_finalize;
  object_class->get_property = preuves_referentiel_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
preuves_referentiel_init (PreuvesReferentiel *self)
{
  self->strings = g_string_chunk_new (4096);

  self->domaines = g_ptr_array_new_with_free_func (domaine_free);
  self->blocs = g_ptr_array_new_with_free_func (bloc_free);
  self->activites = g_ptr_array_new_with_free_func (activite_free);
  self->competences = g_ptr_array_new_with_free_func (competence_free);
  self->sous_competences = g_ptr_array_new_with_free_func (g_free);
  self->epreuves = g_ptr_array_new_with_free_func (epreuve_free);
  self->criteria = g_ptr_array_new_with_free_func (g_free);
  self->documents = g_ptr_array_new_with_free_func (g_free);
  self->attitudes = g_ptr_array_new_with_free_func (attitude_free);
  self->paths = g_ptr_array_new_with_free_func (path_rules_free);

  self->bloc_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->activite_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->competence_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->sous_competence_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->sous_competences_by_code = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                          NULL, (GDestroyNotify) g_ptr_array_unref);
  self->epreuve_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->criterion_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->document_by_kind = g_hash_table_new (g_str_hash, g_str_equal);
  self->attitude_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->domaine_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Reading JSON. Every reader takes the path of the object it reads
 * ("blocs[2].activites[0]"), so that an error says where the file is wrong:
 * a référentiel is written by hand, and "invalid file" alone would leave
 * its author searching through hundreds of lines. */

static gboolean G_GNUC_PRINTF (3, 4)
invalid (GError    **error,
         const char *path,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (path == NULL || *path == '\0')
    g_set_error_literal (error, PREUVES_REFERENTIEL_ERROR,
                         PREUVES_REFERENTIEL_ERROR_INVALID, message);
  else
    /* TRANSLATORS: where in the référentiel file, then what is wrong there */
    g_set_error (error, PREUVES_REFERENTIEL_ERROR,
                 PREUVES_REFERENTIEL_ERROR_INVALID, _("%s: %s"), path, message);
  return FALSE;
}

static char *
child_path (const char *path,
            const char *member,
            int         index)
{
  g_autoptr(GString) child = g_string_new (path);

  if (member != NULL)
    {
      if (child->len > 0)
        g_string_append_c (child, '.');
      g_string_append (child, member);
    }
  if (index >= 0)
    g_string_append_printf (child, "[%d]", index);
  return g_string_free (g_steal_pointer (&child), FALSE);
}

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  /* An explicit null is treated as missing: the message is the same. */
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
read_string (PreuvesReferentiel  *self,
             JsonObject          *object,
             const char          *path,
             const char          *member,
             gboolean             required,
             const char         **out,
             GError             **error)
{
  JsonNode *node = get_member (object, member);
  const char *text;

  *out = NULL;
  if (node == NULL)
    {
      if (required)
        return invalid (error, path, _("“%s” is missing"), member);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, path, _("“%s” must be a string"), member);

  text = json_node_get_string (node);
  if (text[strspn (text, " \t\r\n")] == '\0')
    return invalid (error, path, _("“%s” must not be empty"), member);

  *out = g_string_chunk_insert_const (self->strings, text);
  return TRUE;
}

static gboolean
read_uint (JsonObject  *object,
           const char  *path,
           const char  *member,
           guint       *out,
           GError     **error)
{
  JsonNode *node = get_member (object, member);
  gint64 value;

  if (node == NULL)
    return invalid (error, path, _("“%s” is missing"), member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, path, _("“%s” must be a whole number"), member);

  value = json_node_get_int (node);
  if (value < 0 || value > MAX_NUMBER)
    return invalid (error, path, _("“%s” must be between 0 and %d"), member, MAX_NUMBER);

  *out = (guint) value;
  return TRUE;
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *path,
              const char  *member,
              gboolean    *out,
              GError     **error)
{
  JsonNode *node = get_member (object, member);

  *out = FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, path, _("“%s” must be true or false"), member);

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_object (JsonObject  *object,
             const char  *path,
             const char  *member,
             gboolean     required,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node = get_member (object, member);

  *out = NULL;
  if (node == NULL)
    {
      if (required)
        return invalid (error, path, _("“%s” is missing"), member);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, path, _("“%s” must be an object"), member);

  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_array (JsonObject  *object,
            const char  *path,
            const char  *member,
            gboolean     allow_empty,
            JsonArray  **out,
            GError     **error)
{
  JsonNode *node = get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return invalid (error, path, _("“%s” is missing"), member);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, path, _("“%s” must be a list"), member);

  *out = json_node_get_array (node);
  if (!allow_empty && json_array_get_length (*out) == 0)
    return invalid (error, path, _("“%s” must not be empty"), member);
  return TRUE;
}

/* Element @index of @array as an object, or an error naming its path. */
static JsonObject *
array_object (JsonArray   *array,
              guint        index,
              const char  *path,
              GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, path, _("must be an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

/* A list of non-empty strings, interned, appended to @out. */
static gboolean
read_string_list (PreuvesReferentiel  *self,
                  JsonObject          *object,
                  const char          *path,
                  const char          *member,
                  gboolean             allow_empty,
                  GPtrArray           *out,
                  GError             **error)
{
  JsonArray *array;

  if (!read_array (object, path, member, allow_empty, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *item = child_path (path, member, i);
          return invalid (error, item, _("must be a string"));
        }
      text = json_node_get_string (node);
      if (text[strspn (text, " \t\r\n")] == '\0')
        {
          g_autofree char *item = child_path (path, member, i);
          return invalid (error, item, _("must not be empty"));
        }
      g_ptr_array_add (out, g_string_chunk_insert_const (self->strings, text));
    }
  return TRUE;
}

/* {"min": 15, "max": 20}: a range of pages or minutes. */
static gboolean
read_range (JsonObject  *object,
            const char  *path,
            const char  *member,
            guint       *min,
            guint       *max,
            GError     **error)
{
  g_autofree char *range_path = child_path (path, member, -1);
  JsonObject *range;

  if (!read_object (object, path, member, TRUE, &range, error) ||
      !read_uint (range, range_path, "min", min, error) ||
      !read_uint (range, range_path, "max", max, error))
    return FALSE;

  return *min <= *max || invalid (error, range_path,
                                  _("the minimum (%u) is greater than the maximum (%u)"),
                                  *min, *max);
}

/* Registers @key in @table, refusing a second use: ids are what
 * portfolios store, a duplicate would make two things one. */
static gboolean
claim (GHashTable  *table,
       const char  *key,
       gpointer     value,
       const char  *path,
       const char  *member,
       GError     **error)
{
  if (g_hash_table_contains (table, key))
    return invalid (error, path, _("“%s” “%s” is already used by another entry"), member, key);

  g_hash_table_insert (table, (gpointer) key, value);
  return TRUE;
}

static gboolean
read_criterion (PreuvesReferentiel  *self,
                JsonObject          *object,
                const char          *path,
                PreuvesEpreuve      *epreuve,
                GError             **error)
{
  g_autofree PreuvesCriterion *criterion = g_new0 (PreuvesCriterion, 1);
  gboolean written;

  criterion->epreuve = epreuve;
  if (!read_string (self, object, path, "id", TRUE, &criterion->id, error) ||
      !read_string (self, object, path, "group", TRUE, &criterion->group, error) ||
      !read_string (self, object, path, "text", TRUE, &criterion->text, error))
    return FALSE;

  written = g_str_equal (criterion->group, "écrit");
  if (!written && !g_str_equal (criterion->group, "oral"))
    return invalid (error, path, _("“group” must be “écrit” or “oral”, not “%s”"), criterion->group);

  if (!claim (self->criterion_by_id, criterion->id, criterion, path, "id", error))
    return FALSE;

  g_ptr_array_add (written ? epreuve->written_criteria : epreuve->oral_criteria, criterion);
  g_ptr_array_add (epreuve->criteria, criterion);
  g_ptr_array_add (self->criteria, g_steal_pointer (&criterion));
  return TRUE;
}

static gboolean
read_written_document (PreuvesReferentiel  *self,
                       JsonObject          *object,
                       const char          *path,
                       PreuvesEpreuve      *epreuve,
                       GError             **error)
{
  g_autofree PreuvesWrittenDocumentSpec *document = g_new0 (PreuvesWrittenDocumentSpec, 1);

  document->epreuve = epreuve;
  if (!read_string (self, object, path, "kind", TRUE, &document->kind, error) ||
      !read_string (self, object, path, "title", TRUE, &document->title, error) ||
      !read_uint (object, path, "pages_min", &document->pages_min, error) ||
      !read_uint (object, path, "pages_max", &document->pages_max, error) ||
      !read_boolean (object, path, "hors_annexes", &document->hors_annexes, error))
    return FALSE;

  if (document->pages_min > document->pages_max)
    return invalid (error, path, _("“pages_min” (%u) is greater than “pages_max” (%u)"),
                    document->pages_min, document->pages_max);
  if (document->pages_max == 0)
    return invalid (error, path, _("“pages_max” must be at least 1"));
  if (!claim (self->document_by_kind, document->kind, document, path, "kind", error))
    return FALSE;

  epreuve->written_document = document;
  g_ptr_array_add (self->documents, g_steal_pointer (&document));
  return TRUE;
}

static gboolean
read_epreuve_kind (PreuvesReferentiel  *self,
                   JsonObject          *object,
                   const char          *path,
                   PreuvesEpreuve      *epreuve,
                   GError             **error)
{
  const char *kind;

  if (!read_string (self, object, path, "kind", TRUE, &kind, error))
    return FALSE;

  if (g_str_equal (kind, "written"))
    epreuve->kind = PREUVES_EPREUVE_WRITTEN;
  else if (g_str_equal (kind, "oral"))
    epreuve->kind = PREUVES_EPREUVE_ORAL;
  else
    return invalid (error, path, _("“kind” must be “written” or “oral”, not “%s”"), kind);
  return TRUE;
}

/* Durations of an oral, the written document; what each kind requires. */
static gboolean
read_epreuve_format (PreuvesReferentiel  *self,
                     JsonObject          *object,
                     const char          *path,
                     PreuvesEpreuve      *epreuve,
                     GError             **error)
{
  JsonObject *document;

  if (epreuve->kind == PREUVES_EPREUVE_ORAL &&
      (!read_range (object, path, "presentation_minutes",
                    &epreuve->presentation_min, &epreuve->presentation_max, error) ||
       !read_range (object, path, "exchange_minutes",
                    &epreuve->exchange_min, &epreuve->exchange_max, error)))
    return FALSE;

  if (epreuve->kind == PREUVES_EPREUVE_ORAL && epreuve->presentation_max == 0)
    return invalid (error, path, _("an oral needs a presentation of at least 1 minute"));

  if (!read_object (object, path, "written_document",
                    epreuve->kind == PREUVES_EPREUVE_WRITTEN, &document, error))
    return FALSE;

  if (document != NULL)
    {
      g_autofree char *document_path = child_path (path, "written_document", -1);

      if (!read_written_document (self, document, document_path, epreuve, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_epreuve_criteria (PreuvesReferentiel  *self,
                       JsonObject          *object,
                       const char          *path,
                       PreuvesEpreuve      *epreuve,
                       GError             **error)
{
  JsonArray *criteria;

  if (!read_array (object, path, "criteria", FALSE, &criteria, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (criteria); i++)
    {
      g_autofree char *item_path = child_path (path, "criteria", i);
      JsonObject *item = array_object (criteria, i, item_path, error);

      if (item == NULL || !read_criterion (self, item, item_path, epreuve, error))
        return FALSE;
    }
  return TRUE;
}

static PreuvesEpreuve *
read_epreuve (PreuvesReferentiel  *self,
              JsonObject          *object,
              const char          *path,
              const PreuvesBloc   *bloc,
              GError             **error)
{
  PreuvesEpreuve *epreuve = g_new0 (PreuvesEpreuve, 1);

  /* Owned from the start, so that every failure below frees it. */
  epreuve->criteria = g_ptr_array_new ();
  epreuve->written_criteria = g_ptr_array_new ();
  epreuve->oral_criteria = g_ptr_array_new ();
  epreuve->bloc = bloc;
  g_ptr_array_add (self->epreuves, epreuve);

  if (!read_string (self, object, path, "id", TRUE, &epreuve->id, error) ||
      !read_string (self, object, path, "title", TRUE, &epreuve->title, error) ||
      !read_epreuve_kind (self, object, path, epreuve, error) ||
      !read_string (self, object, path, "description", FALSE, &epreuve->description, error) ||
      !read_string (self, object, path, "objective", FALSE, &epreuve->objective, error) ||
      !read_string (self, object, path, "modalites", TRUE, &epreuve->modalites, error) ||
      !read_string (self, object, path, "jury", TRUE, &epreuve->jury, error) ||
      !claim (self->epreuve_by_id, epreuve->id, epreuve, path, "id", error) ||
      !read_epreuve_format (self, object, path, epreuve, error) ||
      !read_epreuve_criteria (self, object, path, epreuve, error))
    return NULL;

  return epreuve;
}

static gboolean
read_sous_competence (PreuvesReferentiel  *self,
                      JsonObject          *object,
                      const char          *path,
                      PreuvesCompetence   *competence,
                      GError             **error)
{
  g_autofree PreuvesSousCompetence *sous = g_new0 (PreuvesSousCompetence, 1);
  GPtrArray *same_code;

  sous->competence = competence;
  sous->bloc = competence->bloc;
  if (!read_string (self, object, path, "id", TRUE, &sous->id, error) ||
      !read_string (self, object, path, "code", TRUE, &sous->code, error) ||
      !read_string (self, object, path, "text", TRUE, &sous->text, error) ||
      !read_boolean (object, path, "duplicate_code", &sous->duplicate_code, error) ||
      !claim (self->sous_competence_by_id, sous->id, sous, path, "id", error))
    return FALSE;

  same_code = g_hash_table_lookup (self->sous_competences_by_code, sous->code);
  if (same_code == NULL)
    {
      same_code = g_ptr_array_new ();
      g_hash_table_insert (self->sous_competences_by_code, (gpointer) sous->code, same_code);
    }
  g_ptr_array_add (same_code, sous);

  sous->index = self->sous_competences->len;
  g_ptr_array_add (competence->sous_competences, sous);
  g_ptr_array_add (competence->bloc->sous_competences, sous);
  g_ptr_array_add (self->sous_competences, g_steal_pointer (&sous));
  return TRUE;
}

static gboolean
read_competence (PreuvesReferentiel  *self,
                 JsonObject          *object,
                 const char          *path,
                 PreuvesActivite     *activite,
                 GError             **error)
{
  PreuvesCompetence *competence = g_new0 (PreuvesCompetence, 1);
  JsonArray *items;

  competence->sous_competences = g_ptr_array_new ();
  competence->activite = activite;
  competence->bloc = activite->bloc;
  g_ptr_array_add (self->competences, competence);

  if (!read_string (self, object, path, "code", TRUE, &competence->code, error) ||
      !read_string (self, object, path, "title", TRUE, &competence->title, error) ||
      !claim (self->competence_by_code, competence->code, competence, path, "code", error) ||
      !read_array (object, path, "sous_competences", FALSE, &items, error))
    return FALSE;

  g_ptr_array_add (activite->competences, competence);
  g_ptr_array_add (activite->bloc->competences, competence);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *item_path = child_path (path, "sous_competences", i);
      JsonObject *item = array_object (items, i, item_path, error);

      if (item == NULL || !read_sous_competence (self, item, item_path, competence, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_activite (PreuvesReferentiel  *self,
               JsonObject          *object,
               const char          *path,
               PreuvesBloc         *bloc,
               GError             **error)
{
  PreuvesActivite *activite = g_new0 (PreuvesActivite, 1);
  JsonArray *items;

  activite->bullets = g_ptr_array_new ();
  activite->competences = g_ptr_array_new ();
  activite->bloc = bloc;
  g_ptr_array_add (self->activites, activite);

  if (!read_string (self, object, path, "code", TRUE, &activite->code, error) ||
      !read_string (self, object, path, "title", TRUE, &activite->title, error) ||
      !claim (self->activite_by_code, activite->code, activite, path, "code", error) ||
      !read_string_list (self, object, path, "bullets", TRUE, activite->bullets, error) ||
      !read_array (object, path, "competences", FALSE, &items, error))
    return FALSE;

  g_ptr_array_add (bloc->activites, activite);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *item_path = child_path (path, "competences", i);
      JsonObject *item = array_object (items, i, item_path, error);

      if (item == NULL || !read_competence (self, item, item_path, activite, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_bloc_domaine (PreuvesReferentiel  *self,
                   JsonObject          *object,
                   const char          *path,
                   PreuvesBloc         *bloc,
                   GError             **error)
{
  const char *domaine_id;
  PreuvesDomaine *domaine;

  if (!read_string (self, object, path, "domaine", TRUE, &domaine_id, error))
    return FALSE;

  domaine = g_hash_table_lookup (self->domaine_by_id, domaine_id);
  if (domaine == NULL)
    return invalid (error, path, _("“domaine” “%s” is not the id of a domaine"), domaine_id);

  bloc->domaine = domaine;
  g_ptr_array_add (domaine->blocs, bloc);
  return TRUE;
}

static gboolean
read_bloc (PreuvesReferentiel  *self,
           JsonObject          *object,
           const char          *path,
           GError             **error)
{
  g_autofree char *epreuve_path = child_path (path, "epreuve", -1);
  PreuvesBloc *bloc = g_new0 (PreuvesBloc, 1);
  JsonObject *epreuve;
  JsonArray *items;

  bloc->activites = g_ptr_array_new ();
  bloc->competences = g_ptr_array_new ();
  bloc->sous_competences = g_ptr_array_new ();
  g_ptr_array_add (self->blocs, bloc);

  if (!read_string (self, object, path, "code", TRUE, &bloc->code, error) ||
      !read_uint (object, path, "number", &bloc->number, error) ||
      !read_string (self, object, path, "title", TRUE, &bloc->title, error) ||
      !read_string (self, object, path, "section_title", FALSE, &bloc->section_title, error) ||
      !claim (self->bloc_by_code, bloc->code, bloc, path, "code", error) ||
      !read_bloc_domaine (self, object, path, bloc, error) ||
      !read_array (object, path, "activites", FALSE, &items, error))
    return FALSE;

  if (bloc->section_title == NULL)
    bloc->section_title = bloc->title;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *item_path = child_path (path, "activites", i);
      JsonObject *item = array_object (items, i, item_path, error);

      if (item == NULL || !read_activite (self, item, item_path, bloc, error))
        return FALSE;
    }

  if (!read_object (object, path, "epreuve", TRUE, &epreuve, error))
    return FALSE;
  bloc->epreuve = read_epreuve (self, epreuve, epreuve_path, bloc, error);
  return bloc->epreuve != NULL;
}

static gboolean
read_domaine (PreuvesReferentiel  *self,
              JsonObject          *object,
              const char          *path,
              GError             **error)
{
  PreuvesDomaine *domaine = g_new0 (PreuvesDomaine, 1);

  domaine->blocs = g_ptr_array_new ();
  g_ptr_array_add (self->domaines, domaine);

  return read_string (self, object, path, "id", TRUE, &domaine->id, error) &&
         read_uint (object, path, "number", &domaine->number, error) &&
         read_string (self, object, path, "title", TRUE, &domaine->title, error) &&
         read_string (self, object, path, "short_title", TRUE, &domaine->short_title, error) &&
         claim (self->domaine_by_id, domaine->id, domaine, path, "id", error);
}

/* The domaines list their blocs, and each bloc names its domaine: both
 * are in the file for its human readers, so they must agree. */
static gboolean
check_domaine_blocs (PreuvesReferentiel  *self,
                     JsonObject          *object,
                     const char          *path,
                     const PreuvesDomaine *domaine,
                     GError             **error)
{
  g_autoptr(GPtrArray) listed = g_ptr_array_new ();
  gboolean same;

  if (!read_string_list (self, object, path, "blocs", FALSE, listed, error))
    return FALSE;

  same = listed->len == domaine->blocs->len;
  for (guint i = 0; same && i < listed->len; i++)
    {
      const PreuvesBloc *bloc = g_ptr_array_index (domaine->blocs, i);

      same = g_str_equal (g_ptr_array_index (listed, i), bloc->code);
    }

  if (!same)
    return invalid (error, path,
                    _("“blocs” does not list the blocs whose “domaine” is “%s”"),
                    domaine->id);
  return TRUE;
}

typedef gboolean (*ReadItemFunc) (PreuvesReferentiel  *self,
                                  JsonObject          *object,
                                  const char          *path,
                                  GError             **error);

static gboolean
read_each (PreuvesReferentiel  *self,
           JsonObject          *root,
           const char          *member,
           ReadItemFunc         read_item,
           GError             **error)
{
  JsonArray *items;

  if (!read_array (root, "", member, FALSE, &items, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *item_path = child_path (NULL, member, i);
      JsonObject *item = array_object (items, i, item_path, error);

      if (item == NULL || !read_item (self, item, item_path, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_attitude (PreuvesReferentiel  *self,
               JsonObject          *object,
               const char          *path,
               GError             **error)
{
  PreuvesAttitudeGroup *group = g_new0 (PreuvesAttitudeGroup, 1);

  group->bullets = g_ptr_array_new ();
  g_ptr_array_add (self->attitudes, group);

  return read_string (self, object, path, "id", TRUE, &group->id, error) &&
         read_uint (object, path, "number", &group->number, error) &&
         read_string (self, object, path, "title", TRUE, &group->title, error) &&
         read_string (self, object, path, "lead", TRUE, &group->lead, error) &&
         read_string_list (self, object, path, "bullets", FALSE, group->bullets, error) &&
         claim (self->attitude_by_id, group->id, group, path, "id", error);
}

static gboolean
read_finale (PreuvesReferentiel  *self,
             JsonObject          *root,
             GError             **error)
{
  JsonObject *object;
  JsonArray *attitudes;

  if (!read_object (root, "", "epreuve_finale", TRUE, &object, error))
    return FALSE;

  self->finale = read_epreuve (self, object, "epreuve_finale", NULL, error);
  if (self->finale == NULL)
    return FALSE;

  if (!read_array (object, "epreuve_finale", "attitudes", TRUE, &attitudes, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (attitudes); i++)
    {
      g_autofree char *item_path = child_path ("epreuve_finale", "attitudes", i);
      JsonObject *item = array_object (attitudes, i, item_path, error);

      if (item == NULL || !read_attitude (self, item, item_path, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_path_epreuves (PreuvesReferentiel  *self,
                    JsonObject          *object,
                    const char          *path,
                    PreuvesPathRules    *rules,
                    GError             **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  if (!read_string_list (self, object, path, "epreuves", FALSE, ids, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      PreuvesEpreuve *epreuve = g_hash_table_lookup (self->epreuve_by_id, id);

      if (epreuve == NULL)
        {
          g_autofree char *item_path = child_path (path, "epreuves", i);
          return invalid (error, item_path, _("no épreuve has the id “%s”"), id);
        }
      g_ptr_array_add (rules->epreuves, epreuve);
    }
  return TRUE;
}

static gboolean
read_path (PreuvesReferentiel  *self,
           JsonObject          *object,
           const char          *path,
           GError             **error)
{
  PreuvesPathRules *rules = g_new0 (PreuvesPathRules, 1);

  rules->requirements = g_ptr_array_new ();
  rules->epreuves = g_ptr_array_new ();
  g_ptr_array_add (self->paths, rules);

  if (!read_string (self, object, path, "id", TRUE, &rules->id, error) ||
      !read_string (self, object, path, "title", TRUE, &rules->title, error) ||
      !read_string_list (self, object, path, "requirements", FALSE, rules->requirements, error) ||
      !read_path_epreuves (self, object, path, rules, error))
    return FALSE;

  if (!preuves_path_from_string (rules->id, &rules->path))
    return invalid (error, path, _("“id” must be “formation” or “vae”, not “%s”"), rules->id);

  for (guint i = 0; i + 1 < self->paths->len; i++)
    {
      const PreuvesPathRules *other = g_ptr_array_index (self->paths, i);

      if (other->path == rules->path)
        return invalid (error, path, _("“id” “%s” is already used by another entry"), rules->id);
    }
  return TRUE;
}

/* A code printed twice by the official text must be flagged, and only
 * then: the flag is what tells the user that two sous-compétences share a
 * code, so it must never be wrong. */
static gboolean
check_duplicate_codes (PreuvesReferentiel  *self,
                       GError             **error)
{
  for (guint i = 0; i < self->sous_competences->len; i++)
    {
      const PreuvesSousCompetence *sous = g_ptr_array_index (self->sous_competences, i);
      GPtrArray *same_code = g_hash_table_lookup (self->sous_competences_by_code, sous->code);
      gboolean shared = same_code->len > 1;

      if (shared != sous->duplicate_code)
        return invalid (error, NULL,
                        shared ? _("Sous-compétence “%s”: its code “%s” is shared, set “duplicate_code” to true")
                               : _("Sous-compétence “%s”: its code “%s” is not shared, remove “duplicate_code”"),
                        sous->id, sous->code);
    }
  return TRUE;
}

static gboolean
check_complete (PreuvesReferentiel  *self,
                JsonObject          *root,
                GError             **error)
{
  JsonArray *domaines = json_object_get_array_member (root, "domaines");

  for (guint i = 0; i < self->domaines->len; i++)
    {
      g_autofree char *item_path = child_path (NULL, "domaines", i);

      if (!check_domaine_blocs (self, json_array_get_object_element (domaines, i), item_path,
                                g_ptr_array_index (self->domaines, i), error))
        return FALSE;
    }

  if (self->paths->len != 2)
    return invalid (error, "paths", _("there must be exactly two paths, “formation” and “vae”"));

  return check_duplicate_codes (self, error);
}

static gboolean
read_root (PreuvesReferentiel  *self,
           JsonNode            *node,
           GError             **error)
{
  JsonObject *root;
  guint format;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, NULL, _("The référentiel must be a JSON object"));
  root = json_node_get_object (node);

  if (!read_uint (root, "", "format", &format, error))
    return FALSE;
  if (format != PREUVES_REFERENTIEL_FORMAT)
    {
      g_set_error (error, PREUVES_REFERENTIEL_ERROR, PREUVES_REFERENTIEL_ERROR_UNSUPPORTED,
                   _("This référentiel is in format %u, but this version of Preuves reads format %d. Update Preuves to open it."),
                   format, PREUVES_REFERENTIEL_FORMAT);
      return FALSE;
    }

  return read_string (self, root, "", "id", TRUE, &self->id, error) &&
         read_string (self, root, "", "title", TRUE, &self->title, error) &&
         read_string (self, root, "", "official_title", FALSE, &self->official_title, error) &&
         read_each (self, root, "domaines", read_domaine, error) &&
         read_each (self, root, "blocs", read_bloc, error) &&
         read_finale (self, root, error) &&
         read_each (self, root, "paths", read_path, error) &&
         check_complete (self, root, error);
}

/**
 * preuves_referentiel_new_from_bytes:
 * @json: the UTF-8 JSON text of a référentiel
 * @error: where to put the reason it was refused
 *
 * Returns: (transfer full): a new référentiel, or %NULL with @error set
 *   (%PREUVES_REFERENTIEL_ERROR_PARSE with the line and column, or
 *   %PREUVES_REFERENTIEL_ERROR_INVALID with the path of the bad member).
 */
PreuvesReferentiel *
preuves_referentiel_new_from_bytes (GBytes  *json,
                                    GError **error)
{
  g_autoptr(PreuvesReferentiel) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (json, &size);
  if (size > G_MAXSSIZE || !json_parser_load_from_data (parser, data ? data : "", size, &parse_error))
    {
      const char *message = parse_error ? parse_error->message : "";

      /* json-glib says "<data>:LINE:COLUMN: …": keep LINE:COLUMN. */
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      g_set_error (error, PREUVES_REFERENTIEL_ERROR, PREUVES_REFERENTIEL_ERROR_PARSE,
                   _("The référentiel is not valid JSON: %s"), message);
      return NULL;
    }

  self = g_object_new (PREUVES_TYPE_REFERENTIEL, NULL);
  if (!read_root (self, json_parser_get_root (parser), error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * preuves_referentiel_new_from_file:
 * @file: a référentiel JSON file
 * @error: where to put the reason it was refused; the message starts with
 *   the file's name
 *
 * Reads the file synchronously: a référentiel is a few tens of kilobytes.
 *
 * Returns: (transfer full): a new référentiel, or %NULL with @error set
 */
PreuvesReferentiel *
preuves_referentiel_new_from_file (GFile   *file,
                                   GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  PreuvesReferentiel *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return NULL;

  self = preuves_referentiel_new_from_bytes (bytes, error);
  if (self == NULL)
    {
      name = g_file_get_parse_name (file);
      g_prefix_error (error, "%s: ", name);
    }
  return self;
}

/**
 * preuves_referentiel_get_default:
 *
 * The référentiel built into Preuves, loaded once.
 *
 * Returns: (transfer none) (not nullable): the built-in référentiel
 */
PreuvesReferentiel *
preuves_referentiel_get_default (void)
{
  static PreuvesReferentiel *instance;

  if (g_once_init_enter (&instance))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      PreuvesReferentiel *loaded;

      bytes = g_resources_lookup_data (DEFAULT_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      loaded = bytes ? preuves_referentiel_new_from_bytes (bytes, &error) : NULL;
      /* It ships inside the binary and the tests load it: failing here is a
       * broken build, not something a user can act on. */
      if (loaded == NULL)
        g_error ("The built-in référentiel cannot be loaded: %s", error->message);

      g_once_init_leave (&instance, loaded);
    }
  return instance;
}

const char *
preuves_referentiel_get_id (PreuvesReferentiel *self)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  return self->id;
}

const char *
preuves_referentiel_get_title (PreuvesReferentiel *self)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  return self->title;
}

/* Returns: (nullable): the title as printed at the top of the official text */
const char *
preuves_referentiel_get_official_title (PreuvesReferentiel *self)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  return self->official_title;
}

/* Returns: (transfer none) (element-type PreuvesDomaine) */
GPtrArray *
preuves_referentiel_get_domaines (PreuvesReferentiel *self)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  return self->domaines;
}

guint
preuves_referentiel_get_n_blocs (PreuvesReferentiel *self)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), 0);
  return self->blocs->len;
}

const PreuvesBloc *
preuves_referentiel_get_bloc (PreuvesReferentiel *self,
                              guint               index)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  g_return_val_if_fail (index < self->blocs->len, NULL);
  return g_ptr_array_index (self->blocs, index);
}

/* Returns: (transfer none) (element-type PreuvesBloc) */
GPtrArray *
preuves_referentiel_get_blocs (PreuvesReferentiel *self)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  return self->blocs;
}

/* Returns: (transfer none) (element-type PreuvesActivite) */
GPtrArray *
preuves_referentiel_get_activites (PreuvesReferentiel *self)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  return self->activites;
}

/* Returns: (transfer none) (element-type PreuvesCompetence) */
GPtrArray *
preuves_referentiel_get_competences (PreuvesReferentiel *self)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  return self->competences;
}

/* Returns: (transfer none) (element-type PreuvesSousCompetence): all of
 *   them, in the order of the référentiel */
GPtrArray *
preuves_referentiel_get_sous_competences (PreuvesReferentiel *self)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  return self->sous_competences;
}

/* Returns: (transfer none) (element-type PreuvesEpreuve): the blocs' then
 *   the épreuve finale */
GPtrArray *
preuves_referentiel_get_epreuves (PreuvesReferentiel *self)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  return self->epreuves;
}

const PreuvesEpreuve *
preuves_referentiel_get_epreuve_finale (PreuvesReferentiel *self)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  return self->finale;
}

/* Returns: (transfer none) (element-type PreuvesAttitudeGroup) */
GPtrArray *
preuves_referentiel_get_attitude_groups (PreuvesReferentiel *self)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  return self->attitudes;
}

const PreuvesPathRules *
preuves_referentiel_get_path_rules (PreuvesReferentiel *self,
                                    PreuvesPath         path)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);

  for (guint i = 0; i < self->paths->len; i++)
    {
      const PreuvesPathRules *rules = g_ptr_array_index (self->paths, i);

      if (rules->path == path)
        return rules;
    }
  g_return_val_if_reached (NULL);
}

/* Returns: (nullable): the bloc with this code ("B1"), or %NULL */
const PreuvesBloc *
preuves_referentiel_find_bloc (PreuvesReferentiel *self,
                               const char         *code)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  return g_hash_table_lookup (self->bloc_by_code, code);
}

/* Returns: (nullable): the activité with this code ("1-1"), or %NULL */
const PreuvesActivite *
preuves_referentiel_find_activite (PreuvesReferentiel *self,
                                   const char         *code)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  return g_hash_table_lookup (self->activite_by_code, code);
}

/* Returns: (nullable): the compétence with this code ("C1-2a"), or %NULL */
const PreuvesCompetence *
preuves_referentiel_find_competence (PreuvesReferentiel *self,
                                     const char         *code)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  return g_hash_table_lookup (self->competence_by_code, code);
}

static void
set_ambiguous_error (GPtrArray   *same_code,
                     const char  *code,
                     GError     **error)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < same_code->len; i++)
    {
      const PreuvesSousCompetence *sous = g_ptr_array_index (same_code, i);

      if (i > 0)
        g_string_append (ids, ", ");
      g_string_append (ids, sous->id);
    }
  g_set_error (error, PREUVES_REFERENTIEL_ERROR, PREUVES_REFERENTIEL_ERROR_AMBIGUOUS,
               _("The référentiel gives the code “%s” to several sous-compétences (%s): use one of these ids instead."),
               code, ids->str);
}

/**
 * preuves_referentiel_find_sous_competence:
 * @self: a référentiel
 * @code_or_id: an id ("C1-2a.6"), or a code ("C1-1.3") that only one
 *   sous-compétence has
 * @error: %PREUVES_REFERENTIEL_ERROR_AMBIGUOUS when the code is shared (the
 *   message names the ids to use), %PREUVES_REFERENTIEL_ERROR_NOT_FOUND
 *
 * Returns: (nullable): the sous-compétence, or %NULL with @error set
 */
const PreuvesSousCompetence *
preuves_referentiel_find_sous_competence (PreuvesReferentiel  *self,
                                          const char          *code_or_id,
                                          GError             **error)
{
  const PreuvesSousCompetence *sous;
  GPtrArray *same_code;

  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  g_return_val_if_fail (code_or_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sous = g_hash_table_lookup (self->sous_competence_by_id, code_or_id);
  if (sous != NULL)
    return sous;

  same_code = g_hash_table_lookup (self->sous_competences_by_code, code_or_id);
  if (same_code != NULL && same_code->len == 1)
    return g_ptr_array_index (same_code, 0);
  if (same_code != NULL)
    {
      set_ambiguous_error (same_code, code_or_id, error);
      return NULL;
    }

  g_set_error (error, PREUVES_REFERENTIEL_ERROR, PREUVES_REFERENTIEL_ERROR_NOT_FOUND,
               _("No sous-compétence has the code or id “%s”."), code_or_id);
  return NULL;
}

/* Returns: (nullable): the épreuve ("bloc1" … "bloc4", "finale"), or %NULL */
const PreuvesEpreuve *
preuves_referentiel_find_epreuve (PreuvesReferentiel *self,
                                  const char         *id)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->epreuve_by_id, id);
}

/* Returns: (nullable): the critère d'évaluation ("B2-3", "EF-O1"), or %NULL */
const PreuvesCriterion *
preuves_referentiel_find_criterion (PreuvesReferentiel *self,
                                    const char         *id)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->criterion_by_id, id);
}

/* Returns: (nullable): the rule for a written document ("diagnostic",
 *   "final"), or %NULL */
const PreuvesWrittenDocumentSpec *
preuves_referentiel_find_written_document (PreuvesReferentiel *self,
                                           const char         *kind)
{
  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  return g_hash_table_lookup (self->document_by_kind, kind);
}

const char *
preuves_epreuve_kind_to_string (PreuvesEpreuveKind kind)
{
  switch (kind)
    {
    case PREUVES_EPREUVE_WRITTEN:
      return "written";
    case PREUVES_EPREUVE_ORAL:
      return "oral";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* JSON output: the shape printed by `preuves-cli referential --json`,
 * which scripts read. Keep its member names stable. */

static void
add_string_list (JsonBuilder *builder,
                 const char  *member,
                 GPtrArray   *strings)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static void
add_optional_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_range (JsonBuilder *builder,
           const char  *member,
           guint        min,
           guint        max)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "min");
  json_builder_add_int_value (builder, min);
  json_builder_set_member_name (builder, "max");
  json_builder_add_int_value (builder, max);
  json_builder_end_object (builder);
}

static void
add_criteria (JsonBuilder *builder,
              GPtrArray   *criteria)
{
  json_builder_set_member_name (builder, "criteria");
  json_builder_begin_array (builder);
  for (guint i = 0; i < criteria->len; i++)
    {
      const PreuvesCriterion *criterion = g_ptr_array_index (criteria, i);

      json_builder_begin_object (builder);
      add_optional_string (builder, "id", criterion->id);
      add_optional_string (builder, "group", criterion->group);
      add_optional_string (builder, "text", criterion->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_written_document (JsonBuilder                      *builder,
                      const PreuvesWrittenDocumentSpec *document)
{
  json_builder_set_member_name (builder, "written_document");
  json_builder_begin_object (builder);
  add_optional_string (builder, "kind", document->kind);
  add_optional_string (builder, "title", document->title);
  json_builder_set_member_name (builder, "pages_min");
  json_builder_add_int_value (builder, document->pages_min);
  json_builder_set_member_name (builder, "pages_max");
  json_builder_add_int_value (builder, document->pages_max);
  json_builder_set_member_name (builder, "hors_annexes");
  json_builder_add_boolean_value (builder, document->hors_annexes);
  json_builder_end_object (builder);
}

/* The members of an épreuve, inside an object the caller opened. */
static void
add_epreuve_members (JsonBuilder          *builder,
                     const PreuvesEpreuve *epreuve)
{
  add_optional_string (builder, "id", epreuve->id);
  add_optional_string (builder, "title", epreuve->title);
  add_optional_string (builder, "kind", preuves_epreuve_kind_to_string (epreuve->kind));
  add_optional_string (builder, "description", epreuve->description);
  add_optional_string (builder, "objective", epreuve->objective);
  add_optional_string (builder, "modalites", epreuve->modalites);
  add_optional_string (builder, "jury", epreuve->jury);
  if (epreuve->kind == PREUVES_EPREUVE_ORAL)
    {
      add_range (builder, "presentation_minutes", epreuve->presentation_min, epreuve->presentation_max);
      add_range (builder, "exchange_minutes", epreuve->exchange_min, epreuve->exchange_max);
    }
  if (epreuve->written_document != NULL)
    add_written_document (builder, epreuve->written_document);
}

static void
add_competence (JsonBuilder             *builder,
                const PreuvesCompetence *competence)
{
  json_builder_begin_object (builder);
  add_optional_string (builder, "code", competence->code);
  add_optional_string (builder, "title", competence->title);
  json_builder_set_member_name (builder, "sous_competences");
  json_builder_begin_array (builder);
  for (guint i = 0; i < competence->sous_competences->len; i++)
    {
      const PreuvesSousCompetence *sous = g_ptr_array_index (competence->sous_competences, i);

      json_builder_begin_object (builder);
      add_optional_string (builder, "code", sous->code);
      add_optional_string (builder, "id", sous->id);
      add_optional_string (builder, "text", sous->text);
      json_builder_set_member_name (builder, "duplicate_code");
      json_builder_add_boolean_value (builder, sous->duplicate_code);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_activite (JsonBuilder           *builder,
              const PreuvesActivite *activite)
{
  json_builder_begin_object (builder);
  add_optional_string (builder, "code", activite->code);
  add_optional_string (builder, "title", activite->title);
  add_string_list (builder, "bullets", activite->bullets);
  json_builder_set_member_name (builder, "competences");
  json_builder_begin_array (builder);
  for (guint i = 0; i < activite->competences->len; i++)
    add_competence (builder, g_ptr_array_index (activite->competences, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_bloc (JsonBuilder       *builder,
          const PreuvesBloc *bloc)
{
  json_builder_begin_object (builder);
  add_optional_string (builder, "code", bloc->code);
  json_builder_set_member_name (builder, "number");
  json_builder_add_int_value (builder, bloc->number);
  add_optional_string (builder, "title", bloc->title);
  add_optional_string (builder, "section_title", bloc->section_title);
  add_optional_string (builder, "domaine", bloc->domaine->id);
  json_builder_set_member_name (builder, "activities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < bloc->activites->len; i++)
    add_activite (builder, g_ptr_array_index (bloc->activites, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "epreuve");
  json_builder_begin_object (builder);
  add_epreuve_members (builder, bloc->epreuve);
  json_builder_end_object (builder);
  add_criteria (builder, bloc->epreuve->criteria);
  json_builder_end_object (builder);
}

static void
add_domaines (JsonBuilder        *builder,
              PreuvesReferentiel *self)
{
  json_builder_set_member_name (builder, "domaines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->domaines->len; i++)
    {
      const PreuvesDomaine *domaine = g_ptr_array_index (self->domaines, i);

      json_builder_begin_object (builder);
      add_optional_string (builder, "id", domaine->id);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, domaine->number);
      add_optional_string (builder, "title", domaine->title);
      add_optional_string (builder, "short_title", domaine->short_title);
      json_builder_set_member_name (builder, "blocs");
      json_builder_begin_array (builder);
      for (guint j = 0; j < domaine->blocs->len; j++)
        json_builder_add_string_value (builder, ((const PreuvesBloc *) g_ptr_array_index (domaine->blocs, j))->code);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_finale (JsonBuilder        *builder,
            PreuvesReferentiel *self)
{
  json_builder_set_member_name (builder, "epreuve_finale");
  json_builder_begin_object (builder);
  add_epreuve_members (builder, self->finale);
  add_criteria (builder, self->finale->criteria);
  json_builder_set_member_name (builder, "attitudes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->attitudes->len; i++)
    {
      const PreuvesAttitudeGroup *group = g_ptr_array_index (self->attitudes, i);

      json_builder_begin_object (builder);
      add_optional_string (builder, "id", group->id);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, group->number);
      add_optional_string (builder, "title", group->title);
      add_optional_string (builder, "lead", group->lead);
      add_string_list (builder, "bullets", group->bullets);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_paths (JsonBuilder        *builder,
           PreuvesReferentiel *self)
{
  json_builder_set_member_name (builder, "paths");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->paths->len; i++)
    {
      const PreuvesPathRules *rules = g_ptr_array_index (self->paths, i);

      json_builder_begin_object (builder);
      add_optional_string (builder, "id", rules->id);
      add_optional_string (builder, "title", rules->title);
      add_string_list (builder, "requirements", rules->requirements);
      json_builder_set_member_name (builder, "epreuves");
      json_builder_begin_array (builder);
      for (guint j = 0; j < rules->epreuves->len; j++)
        json_builder_add_string_value (builder, ((const PreuvesEpreuve *) g_ptr_array_index (rules->epreuves, j))->id);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * preuves_referentiel_to_json:
 * @self: a référentiel
 *
 * The whole référentiel as nested JSON: "blocs" (each with "activities",
 * their "competences" and "sous_competences", the "epreuve" and its
 * "criteria"), "epreuve_finale" and "paths".
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
preuves_referentiel_to_json (PreuvesReferentiel *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (PREUVES_IS_REFERENTIEL (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, PREUVES_REFERENTIEL_FORMAT);
  add_optional_string (builder, "id", self->id);
  add_optional_string (builder, "title", self->title);
  add_optional_string (builder, "official_title", self->official_title);
  add_domaines (builder, self);
  json_builder_set_member_name (builder, "blocs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->blocs->len; i++)
    add_bloc (builder, g_ptr_array_index (self->blocs, i));
  json_builder_end_array (builder);
  add_finale (builder, self);
  add_paths (builder, self);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
