/* preuves-cli-portfolio.c — commands that make and edit a portfolio:
 * new, add, list, link, unlink, remove, extract
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "preuves-cli-commands.h"
#include "preuves-cli-common.h"
#include "preuves-portfolio.h"
#include "preuves-referentiel.h"

/* Shared helpers ------------------------------------------------------------------ */

static PreuvesPortfolio *
open_portfolio (const char  *arg,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (arg);

  return preuves_portfolio_open (file, error);
}

/* A preuve by its id, or by the start of its id when only one preuve has
 * it (ids are long to type). */
static PreuvesPreuve *
find_preuve (PreuvesPortfolio  *portfolio,
             const char        *id,
             GError           **error)
{
  GListModel *preuves = preuves_portfolio_get_preuves (portfolio);
  PreuvesPreuve *found = preuves_portfolio_find_preuve (portfolio, id);
  guint n_matches = 0;

  for (guint i = 0; found == NULL && strlen (id) >= 4 && i < g_list_model_get_n_items (preuves); i++)
    {
      g_autoptr(PreuvesPreuve) preuve = g_list_model_get_item (preuves, i);

      if (g_str_has_prefix (preuves_preuve_get_uuid (preuve), id) && n_matches++ == 0)
        found = preuve;
    }
  if (found != NULL && n_matches <= 1)
    return found;
  g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND,
               n_matches > 1 ? _("Several preuves have an id that starts with “%s”. Give more of it.")
                             : _("No preuve has the id “%s”. Run “preuves-cli list” to see the ids."),
               id);
  return NULL;
}

/* Opens the portfolio @file_arg and finds @preuve_arg in it. */
static PreuvesPreuve *
open_with_preuve (const char         *file_arg,
                  const char         *preuve_arg,
                  PreuvesPortfolio  **portfolio,
                  GError            **error)
{
  *portfolio = open_portfolio (file_arg, error);
  if (*portfolio == NULL)
    return NULL;
  return find_preuve (*portfolio, preuve_arg, error);
}

/* The stable id of a sous-compétence given by code or id. */
static const char *
resolve_competence (const char  *code_or_id,
                    GError     **error)
{
  const PreuvesSousCompetence *sous;

  sous = preuves_referentiel_find_sous_competence (preuves_referentiel_get_default (),
                                                   code_or_id, error);
  return sous != NULL ? sous->id : NULL;
}

static gboolean
check_argc (int          argc,
            int          wanted,
            const char  *usage,
            GError     **error)
{
  if (argc == wanted)
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("Usage: preuves-cli %s"), usage);
  return FALSE;
}

/* new ----------------------------------------------------------------------------- */

static char *new_candidate;
static char *new_path;
static char *new_etablissement;
static char *new_secteur;

static GOptionEntry new_entries[] = {
  { "candidate", 0, 0, G_OPTION_ARG_STRING, &new_candidate, N_("The candidate’s name"), N_("NAME") },
  { "path", 0, 0, G_OPTION_ARG_STRING, &new_path, N_("The way to the certification: formation or vae"), N_("PATH") },
  { "etablissement", 0, 0, G_OPTION_ARG_STRING, &new_etablissement, N_("The candidate’s établissement"), N_("NAME") },
  { "secteur", 0, 0, G_OPTION_ARG_STRING, &new_secteur, N_("The sector of the établissement"), N_("SECTOR") },
  G_OPTION_ENTRY_NULL
};

int
preuves_cli_new (int    argc,
                 char **argv)
{
  const char *usage = "new FILE --candidate NAME --path formation|vae [--etablissement E] [--secteur S]";
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  PreuvesPath path;

  if (!preuves_cli_parse_options ("new", usage + 4, new_entries, &argc, &argv, &error) ||
      !check_argc (argc, 2, usage, &error))
    return preuves_cli_fail (error);
  if (new_candidate == NULL || *g_strstrip (new_candidate) == '\0')
    return preuves_cli_fail_message (_("Give the candidate’s name with --candidate NAME."));
  if (!preuves_path_from_string (new_path, &path))
    return preuves_cli_fail_message (_("Give the way to the certification with --path formation or --path vae."));

  file = g_file_new_for_commandline_arg (argv[1]);
  portfolio = preuves_portfolio_create (file, new_candidate, path, &error);
  if (portfolio == NULL ||
      (new_etablissement != NULL && !preuves_portfolio_set_etablissement (portfolio, new_etablissement, &error)) ||
      (new_secteur != NULL && !preuves_portfolio_set_secteur (portfolio, new_secteur, &error)))
    return preuves_cli_fail (error);
  g_print ("%s\n", preuves_portfolio_get_uuid (portfolio));
  preuves_portfolio_close (portfolio);
  return PREUVES_CLI_EXIT_OK;
}

/* add ----------------------------------------------------------------------------- */

typedef struct
{
  char *competence;
  char *why;
} LinkRequest;

static char *add_title;
static char *add_situation;
static char *add_date;
static char *add_end_date;
static char *add_kind;
static gboolean add_confidential;
static char **add_attach;
static GArray *add_links;  /* LinkRequest, in the order given */

/* --competence and --why come in pairs, in order: each --competence opens
 * a link that the next --why must justify. */
static gboolean
competence_cb (const char  *option_name,
               const char  *value,
               gpointer     data,
               GError     **error)
{
  LinkRequest request = { g_strdup (value), NULL };

  if (add_links->len > 0 && g_array_index (add_links, LinkRequest, add_links->len - 1).why == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--competence %s has no --why: a link needs a justification."),
                   g_array_index (add_links, LinkRequest, add_links->len - 1).competence);
      g_free (request.competence);
      return FALSE;
    }
  g_array_append_val (add_links, request);
  return TRUE;
}

static gboolean
why_cb (const char  *option_name,
        const char  *value,
        gpointer     data,
        GError     **error)
{
  LinkRequest *last = add_links->len > 0 ? &g_array_index (add_links, LinkRequest, add_links->len - 1) : NULL;

  if (last == NULL || last->why != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--why must follow the --competence it justifies."));
      return FALSE;
    }
  last->why = g_strdup (value);
  return TRUE;
}

static void
clear_link_request (gpointer data)
{
  LinkRequest *request = data;

  g_free (request->competence);
  g_free (request->why);
}

static GOptionEntry add_entries[] = {
  { "title", 0, 0, G_OPTION_ARG_STRING, &add_title, N_("The title of the preuve"), N_("TITLE") },
  { "situation", 0, 0, G_OPTION_ARG_STRING, &add_situation, N_("The situation it comes from"), N_("TEXT") },
  { "date", 0, 0, G_OPTION_ARG_STRING, &add_date, N_("Its date, or the start of its period"), N_("YYYY-MM-DD") },
  { "end-date", 0, 0, G_OPTION_ARG_STRING, &add_end_date, N_("The end of its period"), N_("YYYY-MM-DD") },
  { "kind", 0, 0, G_OPTION_ARG_STRING, &add_kind, N_("report, plan, minutes, budget, email, presentation, procedure, survey or other"), N_("KIND") },
  { "confidential", 0, 0, G_OPTION_ARG_NONE, &add_confidential, N_("Mark it confidential"), NULL },
  { "attach", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &add_attach, N_("Attach a document (repeatable)"), N_("DOC") },
  { "competence", 0, 0, G_OPTION_ARG_CALLBACK, competence_cb, N_("Link to a sous-compétence (code or id)"), N_("CODE") },
  { "why", 0, 0, G_OPTION_ARG_CALLBACK, why_cb, N_("Justify the link given just before"), N_("TEXT") },
  G_OPTION_ENTRY_NULL
};

static gboolean
bad_value (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, message);
  return FALSE;
}

/* Checked before the preuve is made, so that a wrong date leaves no preuve
 * behind. */
static gboolean
check_dates (GError **error)
{
  g_autoptr(GError) invalid = NULL;

  if (preuves_period_check (add_date, add_end_date, &invalid))
    return TRUE;
  return bad_value (error, invalid->message);
}

static gboolean
check_documents (GError **error)
{
  for (guint i = 0; add_attach != NULL && add_attach[i] != NULL; i++)
    if (!g_file_test (add_attach[i], G_FILE_TEST_IS_REGULAR))
      {
        g_autofree char *message = g_strdup_printf (_("“%s” is not a document that can be read. Check the path."),
                                                    add_attach[i]);
        return bad_value (error, message);
      }
  return TRUE;
}

/* Resolves the codes in place to stable ids. */
static gboolean
check_competences (GError **error)
{
  for (guint i = 0; i < add_links->len; i++)
    {
      LinkRequest *request = &g_array_index (add_links, LinkRequest, i);
      const char *id = resolve_competence (request->competence, error);

      if (id == NULL)
        return FALSE;
      if (*g_strstrip (request->why) == '\0')
        return bad_value (error, _("A --why is empty: write why this preuve shows the sous-compétence."));
      g_free (request->competence);
      request->competence = g_strdup (id);
    }
  return TRUE;
}

/* Everything is checked before anything is written: bad input leaves the
 * portfolio as it was. */
static gboolean
check_add_input (GError **error)
{
  if (add_title == NULL || *g_strstrip (add_title) == '\0')
    return bad_value (error, _("Give the preuve a title with --title TITLE."));
  if (add_links->len > 0 && g_array_index (add_links, LinkRequest, add_links->len - 1).why == NULL)
    return bad_value (error, _("A --competence has no --why: a link needs a justification."));
  if (add_kind != NULL && !preuves_preuve_kind_is_valid (add_kind))
    {
      g_autofree char *kinds = g_strjoinv (", ", (char **) preuves_preuve_kinds ());
      g_autofree char *message = g_strdup_printf (_("“%s” is not a kind of preuve. Use one of: %s."),
                                                  add_kind, kinds);
      return bad_value (error, message);
    }
  return check_dates (error) && check_documents (error) && check_competences (error);
}

static gboolean
fill_preuve (PreuvesPortfolio  *portfolio,
             PreuvesPreuve     *preuve,
             GError           **error)
{
  if ((add_situation != NULL && !preuves_preuve_set_situation (preuve, add_situation, error)) ||
      ((add_date != NULL || add_end_date != NULL) &&
       !preuves_preuve_set_period (preuve, add_date, add_end_date, error)) ||
      (add_kind != NULL && !preuves_preuve_set_kind (preuve, add_kind, error)) ||
      (add_confidential && !preuves_preuve_set_confidential (preuve, TRUE, error)))
    return FALSE;

  for (guint i = 0; add_attach != NULL && add_attach[i] != NULL; i++)
    {
      g_autoptr(GFile) document = g_file_new_for_commandline_arg (add_attach[i]);
      g_autoptr(PreuvesAttachment) attachment = NULL;

      attachment = preuves_portfolio_attach_file (portfolio, preuve, document, NULL, error);
      if (attachment == NULL)
        return FALSE;
    }
  for (guint i = 0; i < add_links->len; i++)
    {
      LinkRequest *request = &g_array_index (add_links, LinkRequest, i);
      g_autoptr(PreuvesLink) link = NULL;

      link = preuves_portfolio_link (portfolio, preuve, request->competence, request->why, error);
      if (link == NULL)
        return FALSE;
    }
  return TRUE;
}

int
preuves_cli_add (int    argc,
                 char **argv)
{
  const char *usage = "add FILE --title T [--situation S] [--date YYYY-MM-DD] [--kind K] [--confidential]"
                      " [--attach DOC]… [--competence CODE --why TEXT]…";
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  PreuvesPreuve *preuve;

  add_links = g_array_new (FALSE, TRUE, sizeof (LinkRequest));
  g_array_set_clear_func (add_links, clear_link_request);
  if (!preuves_cli_parse_options ("add", usage + 4, add_entries, &argc, &argv, &error) ||
      !check_argc (argc, 2, usage, &error) ||
      !check_add_input (&error))
    return preuves_cli_fail (error);

  portfolio = open_portfolio (argv[1], &error);
  if (portfolio == NULL ||
      (preuve = preuves_portfolio_add_preuve (portfolio, add_title, &error)) == NULL)
    return preuves_cli_fail (error);
  if (!fill_preuve (portfolio, preuve, &error))
    {
      /* Do not leave half a preuve behind. */
      preuves_portfolio_remove_preuve (portfolio, preuve, NULL);
      return preuves_cli_fail (error);
    }
  g_print ("%s\n", preuves_preuve_get_uuid (preuve));
  preuves_portfolio_close (portfolio);
  g_clear_pointer (&add_links, g_array_unref);
  return PREUVES_CLI_EXIT_OK;
}

/* list ---------------------------------------------------------------------------- */

static gboolean list_json;

static GOptionEntry list_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &list_json, N_("Print JSON"), NULL },
  G_OPTION_ENTRY_NULL
};

static const char *
code_of (const char *id)
{
  const PreuvesSousCompetence *sous;

  sous = preuves_referentiel_find_sous_competence (preuves_referentiel_get_default (), id, NULL);
  return sous != NULL ? sous->code : id;
}

static void
add_optional_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
build_links_json (JsonBuilder      *builder,
                  PreuvesPortfolio *portfolio,
                  PreuvesPreuve    *preuve)
{
  g_autoptr(GListModel) links = preuves_portfolio_list_links_for_preuve (portfolio, preuve);

  json_builder_set_member_name (builder, "links");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(PreuvesLink) link = g_list_model_get_item (links, i);
      const char *id = preuves_link_get_sous_competence_id (link);

      json_builder_begin_object (builder);
      add_optional_string (builder, "id", preuves_link_get_uuid (link));
      add_optional_string (builder, "sous_competence", id);
      add_optional_string (builder, "code", code_of (id));
      add_optional_string (builder, "justification", preuves_link_get_justification (link));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_attachments_json (JsonBuilder   *builder,
                        PreuvesPreuve *preuve)
{
  GListModel *attachments = preuves_preuve_get_attachments (preuve);

  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(PreuvesAttachment) attachment = g_list_model_get_item (attachments, i);

      json_builder_begin_object (builder);
      add_optional_string (builder, "id", preuves_attachment_get_uuid (attachment));
      add_optional_string (builder, "name", preuves_attachment_get_filename (attachment));
      add_optional_string (builder, "content_type", preuves_attachment_get_content_type (attachment));
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, preuves_attachment_get_size (attachment));
      add_optional_string (builder, "sha256", preuves_attachment_get_sha256 (attachment));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_preuve_json (JsonBuilder      *builder,
                   PreuvesPortfolio *portfolio,
                   PreuvesPreuve    *preuve)
{
  json_builder_begin_object (builder);
  add_optional_string (builder, "id", preuves_preuve_get_uuid (preuve));
  add_optional_string (builder, "title", preuves_preuve_get_title (preuve));
  add_optional_string (builder, "situation", preuves_preuve_get_situation (preuve));
  add_optional_string (builder, "date_start", preuves_preuve_get_date_start (preuve));
  add_optional_string (builder, "date_end", preuves_preuve_get_date_end (preuve));
  add_optional_string (builder, "kind", preuves_preuve_get_kind (preuve));
  json_builder_set_member_name (builder, "confidential");
  json_builder_add_boolean_value (builder, preuves_preuve_get_confidential (preuve));
  add_optional_string (builder, "author", preuves_preuve_get_author (preuve));
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, preuves_preuve_get_revision (preuve));
  build_links_json (builder, portfolio, preuve);
  build_attachments_json (builder, preuve);
  json_builder_end_object (builder);
}

static JsonNode *
build_portfolio_json (PreuvesPortfolio *portfolio)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *preuves = preuves_portfolio_get_preuves (portfolio);

  json_builder_begin_object (builder);
  add_optional_string (builder, "id", preuves_portfolio_get_uuid (portfolio));
  add_optional_string (builder, "referentiel", preuves_portfolio_get_referentiel_id (portfolio));
  add_optional_string (builder, "candidate", preuves_portfolio_get_candidate_name (portfolio));
  add_optional_string (builder, "path", preuves_path_to_string (preuves_portfolio_get_path (portfolio)));
  add_optional_string (builder, "etablissement", preuves_portfolio_get_etablissement (portfolio));
  add_optional_string (builder, "secteur", preuves_portfolio_get_secteur (portfolio));
  json_builder_set_member_name (builder, "preuves");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (preuves); i++)
    {
      g_autoptr(PreuvesPreuve) preuve = g_list_model_get_item (preuves, i);

      build_preuve_json (builder, portfolio, preuve);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_preuve (PreuvesPortfolio *portfolio,
              PreuvesPreuve    *preuve)
{
  g_autoptr(GListModel) links = preuves_portfolio_list_links_for_preuve (portfolio, preuve);
  GListModel *attachments = preuves_preuve_get_attachments (preuve);
  const char *date = preuves_preuve_get_date_start (preuve);

  g_print ("%s  %s\n", preuves_preuve_get_uuid (preuve), preuves_preuve_get_title (preuve));
  g_print ("    %s%s%s%s\n", preuves_preuve_get_kind (preuve), date ? ", " : "", date ? date : "",
           preuves_preuve_get_confidential (preuve) ? _(", confidential") : "");
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(PreuvesLink) link = g_list_model_get_item (links, i);

      g_print ("    %s — %s\n", code_of (preuves_link_get_sous_competence_id (link)),
               preuves_link_get_justification (link));
    }
  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(PreuvesAttachment) attachment = g_list_model_get_item (attachments, i);
      g_autofree char *size = g_format_size (preuves_attachment_get_size (attachment));

      g_print ("    %s (%s, sha256 %s)\n", preuves_attachment_get_filename (attachment), size,
               preuves_attachment_get_sha256 (attachment));
    }
}

int
preuves_cli_list (int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  GListModel *preuves;

  if (!preuves_cli_parse_options ("list", "FILE [--json]", list_entries, &argc, &argv, &error) ||
      !check_argc (argc, 2, "list FILE [--json]", &error) ||
      (portfolio = open_portfolio (argv[1], &error)) == NULL)
    return preuves_cli_fail (error);

  if (list_json)
    {
      g_autoptr(JsonNode) root = build_portfolio_json (portfolio);

      preuves_cli_print_json (root);
      return PREUVES_CLI_EXIT_OK;
    }
  preuves = preuves_portfolio_get_preuves (portfolio);
  g_print ("%s (%s)\n", preuves_portfolio_get_candidate_name (portfolio),
           preuves_path_to_string (preuves_portfolio_get_path (portfolio)));
  for (guint i = 0; i < g_list_model_get_n_items (preuves); i++)
    {
      g_autoptr(PreuvesPreuve) preuve = g_list_model_get_item (preuves, i);

      print_preuve (portfolio, preuve);
    }
  return PREUVES_CLI_EXIT_OK;
}

/* link, unlink, remove -------------------------------------------------------------- */

static char *link_why;

static GOptionEntry link_entries[] = {
  { "why", 0, 0, G_OPTION_ARG_STRING, &link_why, N_("Why this preuve shows the sous-compétence"), N_("TEXT") },
  G_OPTION_ENTRY_NULL
};

int
preuves_cli_link (int    argc,
                  char **argv)
{
  const char *usage = "link FILE PREUVE CODE_OR_ID --why TEXT";
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(PreuvesLink) link = NULL;
  PreuvesPreuve *preuve;
  const char *id;

  if (!preuves_cli_parse_options ("link", usage + 5, link_entries, &argc, &argv, &error) ||
      !check_argc (argc, 4, usage, &error))
    return preuves_cli_fail (error);
  if (link_why == NULL || *g_strstrip (link_why) == '\0')
    return preuves_cli_fail_message (_("Give the justification with --why TEXT: a link needs one."));
  if ((id = resolve_competence (argv[3], &error)) == NULL ||
      (preuve = open_with_preuve (argv[1], argv[2], &portfolio, &error)) == NULL ||
      (link = preuves_portfolio_link (portfolio, preuve, id, link_why, &error)) == NULL)
    return preuves_cli_fail (error);
  return PREUVES_CLI_EXIT_OK;
}

int
preuves_cli_unlink (int    argc,
                    char **argv)
{
  const char *usage = "unlink FILE PREUVE CODE_OR_ID";
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  PreuvesPreuve *preuve;
  const char *id;

  if (!preuves_cli_parse_options ("unlink", usage + 7, NULL, &argc, &argv, &error) ||
      !check_argc (argc, 4, usage, &error) ||
      (id = resolve_competence (argv[3], &error)) == NULL ||
      (preuve = open_with_preuve (argv[1], argv[2], &portfolio, &error)) == NULL ||
      !preuves_portfolio_unlink (portfolio, preuve, id, &error))
    return preuves_cli_fail (error);
  return PREUVES_CLI_EXIT_OK;
}

int
preuves_cli_remove (int    argc,
                    char **argv)
{
  const char *usage = "remove FILE PREUVE";
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  PreuvesPreuve *preuve;

  if (!preuves_cli_parse_options ("remove", usage + 7, NULL, &argc, &argv, &error) ||
      !check_argc (argc, 3, usage, &error) ||
      (preuve = open_with_preuve (argv[1], argv[2], &portfolio, &error)) == NULL ||
      !preuves_portfolio_remove_preuve (portfolio, preuve, &error))
    return preuves_cli_fail (error);
  return PREUVES_CLI_EXIT_OK;
}

/* extract ------------------------------------------------------------------------- */

/* A stored name is only a file name: anything with a folder in it, or that
 * names a folder, came from a hostile or damaged file and is refused. */
static gboolean
is_safe_name (const char *name)
{
  return name != NULL && *name != '\0' &&
         strchr (name, '/') == NULL && strchr (name, '\\') == NULL &&
         strcmp (name, ".") != 0 && strcmp (name, "..") != 0 &&
         g_utf8_validate (name, -1, NULL);
}

/* "name.pdf", then "name (2).pdf" … when one preuve holds two documents
 * with the same name. */
static char *
unique_name (GHashTable *used,
             const char *name)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = dot != NULL && dot != name ? g_strndup (name, dot - name) : g_strdup (name);
  const char *extension = dot != NULL && dot != name ? dot : "";
  char *candidate = g_strdup (name);

  for (guint n = 2; g_hash_table_contains (used, candidate); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s (%u)%s", stem, n, extension);
    }
  g_hash_table_add (used, g_strdup (candidate));
  return candidate;
}

static gboolean
extract_all (PreuvesPreuve  *preuve,
             GFile          *dir,
             GError        **error)
{
  GListModel *attachments = preuves_preuve_get_attachments (preuve);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(PreuvesAttachment) attachment = g_list_model_get_item (attachments, i);
      const char *stored = preuves_attachment_get_filename (attachment);
      g_autofree char *name = NULL;
      g_autoptr(GFile) dest = NULL;

      if (!is_safe_name (stored))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                       _("A document has the unsafe name “%s”: it was not written."), stored ? stored : "");
          return FALSE;
        }
      name = unique_name (used, stored);
      dest = g_file_get_child (dir, name);
      if (g_file_query_exists (dest, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("“%s” already exists and was not replaced. Extract into an empty folder."),
                       g_file_peek_path (dest));
          return FALSE;
        }
      if (!preuves_attachment_write_to (attachment, dest, NULL, error))
        return FALSE;
      g_print ("%s\n", g_file_peek_path (dest));
    }
  return TRUE;
}

int
preuves_cli_extract (int    argc,
                     char **argv)
{
  const char *usage = "extract FILE PREUVE DIR";
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(GFile) dir = NULL;
  PreuvesPreuve *preuve;

  if (!preuves_cli_parse_options ("extract", usage + 8, NULL, &argc, &argv, &error) ||
      !check_argc (argc, 4, usage, &error) ||
      (preuve = open_with_preuve (argv[1], argv[2], &portfolio, &error)) == NULL)
    return preuves_cli_fail (error);

  dir = g_file_new_for_commandline_arg (argv[3]);
  if (g_mkdir_with_parents (g_file_peek_path (dir), 0700) != 0)
    return preuves_cli_fail_message (_("Cannot make the folder “%s”. Choose another one."), argv[3]);
  if (!extract_all (preuve, dir, &error))
    return preuves_cli_fail (error);
  return PREUVES_CLI_EXIT_OK;
}
