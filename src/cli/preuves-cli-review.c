/* preuves-cli-review.c — remark, remarks, answer, resolve, assess, merge
 * and changes: the advisor's review round trip for scripts and tests
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-assessment.h"
#include "preuves-changes.h"
#include "preuves-cli-commands.h"
#include "preuves-cli-common.h"
#include "preuves-merge.h"
#include "preuves-portfolio.h"
#include "preuves-referentiel.h"
#include "preuves-review.h"

static PreuvesPortfolio *
open_as (const char   *path,
         PreuvesRole   role,
         const char   *author,
         GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  PreuvesPortfolio *portfolio = preuves_portfolio_open (file, error);

  if (portfolio == NULL)
    return NULL;
  preuves_portfolio_set_role (portfolio, role);
  if (author != NULL)
    preuves_portfolio_set_author (portfolio, author);
  return portfolio;
}

static int
usage (const char *synopsis)
{
  return preuves_cli_fail_message (_("Usage: preuves-cli %s"), synopsis);
}

/* A sous-compétence may be given by its official code or its id. */
static char *
resolve_target_id (const char  *kind,
                   const char  *id,
                   GError     **error)
{
  const PreuvesSousCompetence *sous;

  if (g_strcmp0 (kind, "sous-competence") != 0)
    return g_strdup (id);
  sous = preuves_referentiel_find_sous_competence (preuves_referentiel_get_default (), id, error);
  return sous != NULL ? g_strdup (sous->id) : NULL;
}

/* remark ---------------------------------------------------------------------- */

static char *remark_target;
static int remark_page;
static char *remark_text;
static char *remark_author;

static GOptionEntry remark_entries[] = {
  { "target", 0, 0, G_OPTION_ARG_STRING, &remark_target,
    N_("What the remark is about: preuve, sous-competence, criterion, document or bloc"), N_("KIND") },
  { "page", 0, 0, G_OPTION_ARG_INT, &remark_page, N_("The page of the written document"), "N" },
  { "text", 0, 0, G_OPTION_ARG_STRING, &remark_text, N_("The remark"), N_("TEXT") },
  { "author", 0, 0, G_OPTION_ARG_STRING, &remark_author, N_("The advisor’s name"), N_("NAME") },
  G_OPTION_ENTRY_NULL
};

int
preuves_cli_remark (int    argc,
                    char **argv)
{
  const char *synopsis = "remark FILE --target KIND ID [--page N] --text TEXT [--author NAME]";
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autofree char *target_id = NULL;
  g_autofree char *uuid = NULL;

  if (!preuves_cli_parse_options ("remark", synopsis + 7, remark_entries, &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (argc != 3 || remark_target == NULL || remark_text == NULL)
    return usage (synopsis);
  if ((target_id = resolve_target_id (remark_target, argv[2], &error)) == NULL ||
      (portfolio = open_as (argv[1], PREUVES_ROLE_ADVISOR, remark_author, &error)) == NULL ||
      (uuid = preuves_portfolio_add_remark (portfolio, PREUVES_REMARK_ROLE_ADVISOR, remark_target,
                                            target_id, remark_page, remark_text, &error)) == NULL)
    return preuves_cli_fail (error);
  g_print ("%s\n", uuid);
  return PREUVES_CLI_EXIT_OK;
}

/* remarks --------------------------------------------------------------------- */

static gboolean remarks_json = FALSE;

static GOptionEntry remarks_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &remarks_json, N_("Print JSON"), NULL },
  G_OPTION_ENTRY_NULL
};

static JsonNode *
remarks_to_json (GPtrArray *remarks)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < remarks->len; i++)
    {
      PreuvesRemark *remark = remarks->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, remark->uuid);
      json_builder_set_member_name (builder, "author");
      json_builder_add_string_value (builder, remark->author);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, preuves_remark_role_to_string (remark->role));
      json_builder_set_member_name (builder, "target");
      json_builder_add_string_value (builder, remark->target_kind);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, remark->target_id);
      json_builder_set_member_name (builder, "page");
      json_builder_add_int_value (builder, remark->page);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, remark->text);
      json_builder_set_member_name (builder, "resolved");
      json_builder_add_boolean_value (builder, remark->resolved);
      json_builder_set_member_name (builder, "response");
      json_builder_add_string_value (builder, remark->response);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

static void
print_remark (const PreuvesRemark *remark)
{
  g_autofree char *page = remark->page > 0 ? g_strdup_printf (_(", page %d"), remark->page) : g_strdup ("");

  g_print ("%s [%s] %s %s%s — %s\n", remark->uuid, remark->resolved ? _("resolved") : _("open"),
           remark->target_kind, remark->target_id ? remark->target_id : "", page, remark->text);
  if (remark->response != NULL)
    /* Translators: the candidate's answer to a remark */
    g_print ("    %s %s\n", _("Answer:"), remark->response);
}

int
preuves_cli_remarks (int    argc,
                     char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(GPtrArray) remarks = NULL;

  if (!preuves_cli_parse_options ("remarks", "FILE [--json]", remarks_entries, &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (argc != 2)
    return usage ("remarks FILE [--json]");
  portfolio = open_as (argv[1], PREUVES_ROLE_CANDIDATE, NULL, &error);
  if (portfolio == NULL)
    return preuves_cli_fail (error);
  remarks = preuves_portfolio_list_remarks (portfolio, NULL, NULL);
  if (remarks_json)
    {
      g_autoptr(JsonNode) node = remarks_to_json (remarks);
      preuves_cli_print_json (node);
    }
  else
    for (guint i = 0; i < remarks->len; i++)
      print_remark (remarks->pdata[i]);
  return PREUVES_CLI_EXIT_OK;
}

/* answer and resolve ---------------------------------------------------------- */

static char *answer_text;

static GOptionEntry answer_entries[] = {
  { "text", 0, 0, G_OPTION_ARG_STRING, &answer_text, N_("The answer"), N_("TEXT") },
  G_OPTION_ENTRY_NULL
};

/* The candidate answers without resolving; resolving keeps the answer. */
static int
update_remark (const char *path,
               const char *uuid,
               gboolean    resolved,
               const char *response)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = open_as (path, PREUVES_ROLE_CANDIDATE, NULL, &error);

  if (portfolio == NULL ||
      !preuves_portfolio_resolve_remark (portfolio, uuid, resolved, response, &error))
    return preuves_cli_fail (error);
  return PREUVES_CLI_EXIT_OK;
}

int
preuves_cli_answer (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;

  if (!preuves_cli_parse_options ("answer", "FILE REMARK --text TEXT", answer_entries, &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (argc != 3 || answer_text == NULL)
    return usage ("answer FILE REMARK --text TEXT");
  return update_remark (argv[1], argv[2], FALSE, answer_text);
}

int
preuves_cli_resolve (int    argc,
                     char **argv)
{
  g_autoptr(GError) error = NULL;

  if (!preuves_cli_parse_options ("resolve", "FILE REMARK", NULL, &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (argc != 3)
    return usage ("resolve FILE REMARK");
  return update_remark (argv[1], argv[2], TRUE, NULL);
}

/* assess ---------------------------------------------------------------------- */

static char *assess_author;

static GOptionEntry assess_entries[] = {
  { "author", 0, 0, G_OPTION_ARG_STRING, &assess_author, N_("The advisor’s name"), N_("NAME") },
  G_OPTION_ENTRY_NULL
};

int
preuves_cli_assess (int    argc,
                    char **argv)
{
  const char *synopsis = "assess FILE SOUS_COMPETENCE acquired|partial|rework|not-shown|none";
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autofree char *id = NULL;
  PreuvesCompetenceStatus status = PREUVES_COMPETENCE_STATUS_NONE;

  if (!preuves_cli_parse_options ("assess", synopsis + 7, assess_entries, &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (argc != 4 ||
      (!preuves_competence_status_from_string (argv[3], &status) && g_strcmp0 (argv[3], "none") != 0))
    return usage (synopsis);
  if ((id = resolve_target_id ("sous-competence", argv[2], &error)) == NULL ||
      (portfolio = open_as (argv[1], PREUVES_ROLE_ADVISOR, assess_author, &error)) == NULL ||
      !preuves_portfolio_set_competence_status (portfolio, id, status, &error))
    return preuves_cli_fail (error);
  return PREUVES_CLI_EXIT_OK;
}

/* merge ----------------------------------------------------------------------- */

static char *merge_role;

static GOptionEntry merge_entries[] = {
  { "role", 0, 0, G_OPTION_ARG_STRING, &merge_role,
    N_("Whose copy FILE is: candidate (the default) or advisor"), N_("ROLE") },
  G_OPTION_ENTRY_NULL
};

/* Exit status 2 when the incoming file is refused or is another
 * portfolio: nothing was merged. */
int
preuves_cli_merge (int    argc,
                   char **argv)
{
  const char *synopsis = "merge FILE INCOMING [--role candidate|advisor]";
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) local = NULL;
  g_autoptr(GFile) incoming = NULL;
  g_autoptr(PreuvesMergeSummary) summary = NULL;
  PreuvesRole role = PREUVES_ROLE_CANDIDATE;

  if (!preuves_cli_parse_options ("merge", synopsis + 6, merge_entries, &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (argc != 3 || (merge_role != NULL && !preuves_role_from_string (merge_role, &role)))
    return usage (synopsis);
  local = g_file_new_for_commandline_arg (argv[1]);
  incoming = g_file_new_for_commandline_arg (argv[2]);
  summary = preuves_merge (local, role, incoming, NULL, NULL, NULL, &error);
  if (summary == NULL)
    return preuves_cli_fail (error);
  /* Translators: the summary of a merge */
  g_print (_("Merged: %u added, %u updated, %u conflicts (local kept), %u documents copied\n"),
           summary->added, summary->updated, summary->conflicts, summary->blobs_copied);
  for (guint i = 0; i < summary->conflict_uuids->len; i++)
    g_print ("  %s %s\n", _("Conflict:"), (const char *) summary->conflict_uuids->pdata[i]);
  return PREUVES_CLI_EXIT_OK;
}

/* changes --------------------------------------------------------------------- */

static gboolean changes_json = FALSE;
static gboolean changes_since_review = FALSE;
static gboolean changes_mark_reviewed = FALSE;

static GOptionEntry changes_entries[] = {
  { "since-review", 0, 0, G_OPTION_ARG_NONE, &changes_since_review,
    N_("Compare FILE with what was seen at the last review"), NULL },
  { "mark-reviewed", 0, 0, G_OPTION_ARG_NONE, &changes_mark_reviewed,
    N_("Then remember the current state as reviewed"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, &changes_json, N_("Print JSON"), NULL },
  G_OPTION_ENTRY_NULL
};

static void
print_changes (GPtrArray *changes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  if (!changes_json)
    {
      if (changes->len == 0)
        g_print ("%s\n", _("Nothing changed."));
      for (guint i = 0; i < changes->len; i++)
        {
          PreuvesChange *change = changes->pdata[i];
          g_print ("%-10s %-10s %s (%s)\n", preuves_change_type_to_string (change->change),
                   change->kind, change->label, change->uuid);
        }
      return;
    }
  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    {
      PreuvesChange *change = changes->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "change");
      json_builder_add_string_value (builder, preuves_change_type_to_string (change->change));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, change->kind);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, change->uuid);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, change->label);
      json_builder_set_member_name (builder, "old_revision");
      json_builder_add_int_value (builder, change->old_revision);
      json_builder_set_member_name (builder, "new_revision");
      json_builder_add_int_value (builder, change->new_revision);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  node = json_builder_get_root (builder);
  preuves_cli_print_json (node);
}

static GPtrArray *
list_since_review (const char  *path,
                   GError     **error)
{
  g_autoptr(PreuvesPortfolio) portfolio = open_as (path, PREUVES_ROLE_ADVISOR, NULL, error);
  g_autoptr(GPtrArray) changes = NULL;

  if (portfolio == NULL)
    return NULL;
  changes = preuves_portfolio_list_changes_since_review (portfolio, error);
  if (changes != NULL && changes_mark_reviewed && !preuves_portfolio_record_review (portfolio, error))
    return NULL;
  return g_steal_pointer (&changes);
}

int
preuves_cli_changes (int    argc,
                     char **argv)
{
  const char *synopsis = "changes FILE --since-review [--mark-reviewed] [--json] | changes OLD NEW [--json]";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  if (!preuves_cli_parse_options ("changes", synopsis + 8, changes_entries, &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (changes_since_review && argc == 2)
    changes = list_since_review (argv[1], &error);
  else if (!changes_since_review && !changes_mark_reviewed && argc == 3)
    {
      g_autoptr(GFile) old_file = g_file_new_for_commandline_arg (argv[1]);
      g_autoptr(GFile) new_file = g_file_new_for_commandline_arg (argv[2]);

      changes = preuves_changes_between_files (old_file, new_file, NULL, &error);
    }
  else
    return usage (synopsis);
  if (changes == NULL)
    return preuves_cli_fail (error);
  print_changes (changes);
  return PREUVES_CLI_EXIT_OK;
}
