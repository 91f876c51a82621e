/* test-review.c — the advisor's review round trip with real files:
 * candidate → advisor → candidate → advisor, with edits on both sides
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/wait.h>
#include <sqlite3.h>

#include "pdf-fixtures.h"
#include "portfolio-test-util.h"
#include "preuves-assessment.h"
#include "preuves-changes.h"
#include "preuves-merge.h"
#include "preuves-portfolio.h"
#include "preuves-portfolio-file.h"
#include "preuves-portfolio-private.h"
#include "preuves-review.h"
#include "preuves-schema.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = g_dir_make_tmp ("test-review-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  preuves_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static GFile *
fixture_file (Fixture    *fixture,
              const char *name)
{
  return g_file_new_build_filename (fixture->dir, name, NULL);
}

static PreuvesPortfolio *
open_as (GFile       *file,
         PreuvesRole  role,
         const char  *author)
{
  g_autoptr(GError) error = NULL;
  PreuvesPortfolio *portfolio = preuves_portfolio_open (file, &error);

  g_assert_no_error (error);
  preuves_portfolio_set_role (portfolio, role);
  preuves_portfolio_set_author (portfolio, author);
  return portfolio;
}

static PreuvesPreuve *
find_by_title (PreuvesPortfolio *portfolio,
               const char       *title)
{
  GListModel *preuves = preuves_portfolio_get_preuves (portfolio);

  for (guint i = 0; i < g_list_model_get_n_items (preuves); i++)
    {
      g_autoptr(PreuvesPreuve) preuve = g_list_model_get_item (preuves, i);

      if (g_strcmp0 (preuves_preuve_get_title (preuve), title) == 0)
        return preuve;
    }
  return NULL;
}

static gint64
count (GFile      *file,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = preuves_portfolio_open_connection (file, SQLITE_OPEN_READONLY, &error);
  gint64 value;

  g_assert_no_error (error);
  value = preuves_test_query_int (db, sql);
  sqlite3_close (db);
  return value;
}

static void
save_copy (PreuvesPortfolio *portfolio,
           GFile            *dest)
{
  g_autoptr(GError) error = NULL;

  preuves_portfolio_file_save_copy (preuves_portfolio_get_file (portfolio), dest, NULL, &error);
  g_assert_no_error (error);
}

static PreuvesMergeSummary *
merge (GFile       *local,
       PreuvesRole  role,
       GFile       *incoming)
{
  g_autoptr(GError) error = NULL;
  PreuvesMergeSummary *summary = preuves_merge (local, role, incoming, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

/* The candidate's portfolio: three preuves, two links, a document
 * attached, a criterion assessed and the written document of bloc 1. */
static PreuvesPortfolio *
make_candidate (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = fixture_file (fixture, "camille.preuves");
  g_autofree char *pdf = g_build_filename (fixture->dir, "plan.pdf", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(PreuvesAttachment) attachment = NULL;
  g_autoptr(PreuvesLink) plan_link = NULL;
  g_autoptr(PreuvesLink) reunion_link = NULL;
  PreuvesPortfolio *portfolio;
  PreuvesPreuve *plan, *reunion;

  portfolio = preuves_portfolio_create (file, "Camille Martin", PREUVES_PATH_VAE, &error);
  g_assert_no_error (error);
  preuves_portfolio_set_author (portfolio, "Camille Martin");
  plan = preuves_portfolio_add_preuve (portfolio, "Plan de formation", &error);
  reunion = preuves_portfolio_add_preuve (portfolio, "Réunion d’équipe", &error);
  preuves_portfolio_add_preuve (portfolio, "Bilan annuel", &error);
  g_assert_no_error (error);
  g_clear_error (&error);
  plan_link = preuves_portfolio_link (portfolio, plan, "C1-1.1", "Le plan analyse les besoins.", &error);
  g_assert_no_error (error);
  reunion_link = preuves_portfolio_link (portfolio, reunion, "C1-1.2", "La réunion prépare la veille.", &error);
  g_assert_no_error (error);
  g_assert_true (preuves_test_make_document (pdf, 4, 0, &error));
  attachment = preuves_portfolio_attach_file (portfolio, plan, pdf_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (preuves_portfolio_set_criterion (portfolio, "B1-1", PREUVES_CRITERION_MET, NULL, &error));
  g_assert_true (preuves_portfolio_set_written_document (portfolio, "bloc1", pdf_file, NULL, &error));
  g_assert_no_error (error);
  return portfolio;
}

/* An advisor may not touch the candidate's content, by any path. */
static void
assert_read_only (PreuvesPortfolio *advisor)
{
  g_autoptr(GError) error = NULL;
  PreuvesPreuve *plan = find_by_title (advisor, "Plan de formation");

  g_assert_false (preuves_preuve_set_title (plan, "Changé par le conseiller", &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_assert_null (preuves_portfolio_add_preuve (advisor, "Ajout du conseiller", &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (preuves_portfolio_link (advisor, plan, "C1-1.3", "x", &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (preuves_portfolio_set_criterion (advisor, "B1-1", PREUVES_CRITERION_NOT_YET, NULL, &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (preuves_portfolio_remove_preuve (advisor, plan, &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_READ_ONLY);
  g_assert_cmpstr (preuves_preuve_get_title (plan), ==, "Plan de formation");
}

static char *
add_remark (PreuvesPortfolio *portfolio,
            const char       *kind,
            const char       *id,
            int               page,
            const char       *text)
{
  g_autoptr(GError) error = NULL;
  char *uuid = preuves_portfolio_add_remark (portfolio, PREUVES_REMARK_ROLE_ADVISOR, kind, id, page, text, &error);

  g_assert_no_error (error);
  return uuid;
}

/* The advisor imports the candidate's copy, remarks on each kind of
 * target, sets statuses and exports the reviewed copy. Returns the uuid
 * of the remark on the preuve. */
static char *
advisor_review (Fixture *fixture,
                GFile   *from_candidate,
                GFile   *advisor_file,
                GFile   *to_candidate)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) advisor = NULL;
  PreuvesPreuve *plan;
  char *on_preuve;

  preuves_portfolio_file_import (from_candidate, advisor_file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  advisor = open_as (advisor_file, PREUVES_ROLE_ADVISOR, "Dominique Conseil");
  g_assert_cmpint (preuves_portfolio_get_last_review (advisor), ==, 0);
  g_assert_true (preuves_portfolio_record_review (advisor, &error));
  g_assert_cmpint (preuves_portfolio_get_last_review (advisor), >, 0);
  assert_read_only (advisor);

  plan = find_by_title (advisor, "Plan de formation");
  on_preuve = add_remark (advisor, "preuve", preuves_preuve_get_uuid (plan), 0, "Joindre la version signée.");
  g_free (add_remark (advisor, "sous-competence", "C1-1.1", 0, "Préciser les sources."));
  g_free (add_remark (advisor, "criterion", "B1-1", 0, "Le critère n’est pas encore démontré."));
  g_free (add_remark (advisor, "document", "bloc1", 3, "Page 3 : la conclusion manque."));
  g_free (add_remark (advisor, "bloc", "bloc1", 0, "Bon début pour le bloc 1."));
  g_assert_true (preuves_portfolio_set_competence_status (advisor, "C1-1.1", PREUVES_COMPETENCE_STATUS_ACQUIRED, &error));
  g_assert_true (preuves_portfolio_set_competence_status (advisor, "C1-1.2", PREUVES_COMPETENCE_STATUS_PARTIAL, &error));
  g_assert_true (preuves_portfolio_set_competence_status (advisor, "C1-1.2", PREUVES_COMPETENCE_STATUS_REWORK, &error));
  g_assert_no_error (error);
  g_assert_cmpint (preuves_portfolio_get_competence_status (advisor, "C1-1.2"), ==, PREUVES_COMPETENCE_STATUS_REWORK);

  g_assert_true (preuves_portfolio_record_review (advisor, &error));
  save_copy (advisor, to_candidate);
  preuves_portfolio_close (advisor);
  return on_preuve;
}

/* Meanwhile the candidate renames a preuve, adds one and removes one. */
static void
candidate_edits (PreuvesPortfolio *candidate)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (preuves_preuve_set_title (find_by_title (candidate, "Plan de formation"),
                                           "Plan de formation 2026", &error));
  g_assert_nonnull (preuves_portfolio_add_preuve (candidate, "Comité de pilotage", &error));
  g_assert_true (preuves_portfolio_remove_preuve (candidate, find_by_title (candidate, "Bilan annuel"), &error));
  g_assert_no_error (error);
}

static void
assert_candidate_after_merge (GFile *file)
{
  g_autoptr(PreuvesPortfolio) candidate = open_as (file, PREUVES_ROLE_CANDIDATE, "Camille Martin");
  g_autoptr(GPtrArray) remarks = preuves_portfolio_list_remarks (candidate, NULL, NULL);
  g_autoptr(GPtrArray) on_page = preuves_portfolio_list_remarks (candidate, "document", "bloc1");

  g_assert_cmpuint (remarks->len, ==, 5);
  g_assert_cmpuint (on_page->len, ==, 1);
  g_assert_cmpint (((PreuvesRemark *) on_page->pdata[0])->page, ==, 3);
  g_assert_cmpint (preuves_portfolio_get_competence_status (candidate, "C1-1.1"), ==, PREUVES_COMPETENCE_STATUS_ACQUIRED);
  g_assert_cmpint (preuves_portfolio_get_competence_status (candidate, "C1-1.2"), ==, PREUVES_COMPETENCE_STATUS_REWORK);
  g_assert_nonnull (find_by_title (candidate, "Plan de formation 2026"));
  g_assert_nonnull (find_by_title (candidate, "Comité de pilotage"));
  g_assert_null (find_by_title (candidate, "Bilan annuel"));
  g_assert_null (find_by_title (candidate, "Plan de formation"));
  g_assert_cmpuint (g_list_model_get_n_items (preuves_portfolio_get_preuves (candidate)), ==, 3);
  preuves_portfolio_close (candidate);

  /* Nothing duplicated: one row per uuid, the deleted preuve a tombstone. */
  g_assert_cmpint (count (file, "SELECT count(*) FROM preuve"), ==, 4);
  g_assert_cmpint (count (file, "SELECT count(*) FROM remark"), ==, 5);
  g_assert_cmpint (count (file, "SELECT count(*) FROM competence_status"), ==, 2);
  g_assert_cmpint (count (file, "SELECT count(*) FROM link"), ==, 2);
  g_assert_cmpint (count (file, "SELECT count(*) FROM blob"), ==, 1);
}

static void
assert_changes (GPtrArray  *changes,
                const char *expected)
{
  g_autoptr(GString) seen = g_string_new (NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      PreuvesChange *change = changes->pdata[i];

      g_string_append_printf (seen, "%s%s %s %s", i > 0 ? "; " : "", change->kind,
                              preuves_change_type_to_string (change->change), change->label);
    }
  g_assert_cmpstr (seen->str, ==, expected);
}

#define CANDIDATE_EDITS \
  "preuve removed Bilan annuel; preuve added Comité de pilotage; preuve modified Plan de formation 2026"
/* A copy carries the tombstone of a removed preuve without its title:
 * once merged, the advisor's file names it by what it was. */
#define CANDIDATE_EDITS_MERGED \
  "preuve removed A removed preuve; preuve added Comité de pilotage; preuve modified Plan de formation 2026"

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) candidate_file = fixture_file (fixture, "camille.preuves");
  g_autoptr(GFile) sent = fixture_file (fixture, "camille-for-review.preuves");
  g_autoptr(GFile) advisor_file = fixture_file (fixture, "advisor-camille.preuves");
  g_autoptr(GFile) reviewed = fixture_file (fixture, "camille-reviewed.preuves");
  g_autoptr(GFile) answered = fixture_file (fixture, "camille-answered.preuves");
  g_autoptr(PreuvesPortfolio) candidate = make_candidate (fixture);
  g_autoptr(PreuvesPortfolio) advisor = NULL;
  g_autoptr(PreuvesMergeSummary) first = NULL;
  g_autoptr(PreuvesMergeSummary) second = NULL;
  g_autoptr(PreuvesMergeSummary) back = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) between = NULL;
  g_autoptr(GPtrArray) remarks = NULL;
  g_autofree char *on_preuve = NULL;
  g_autofree char *later = NULL;
  PreuvesRemark *answer = NULL;

  save_copy (candidate, sent);
  on_preuve = advisor_review (fixture, sent, advisor_file, reviewed);
  candidate_edits (candidate);
  preuves_portfolio_close (candidate);
  g_clear_object (&candidate);

  /* The candidate merges the reviewed copy, then once more. */
  first = merge (candidate_file, PREUVES_ROLE_CANDIDATE, reviewed);
  g_assert_cmpuint (first->added, ==, 7);
  g_assert_cmpuint (first->updated, ==, 0);
  g_assert_cmpuint (first->conflicts, ==, 0);
  assert_candidate_after_merge (candidate_file);
  second = merge (candidate_file, PREUVES_ROLE_CANDIDATE, reviewed);
  g_assert_cmpuint (second->added + second->updated + second->conflicts + second->blobs_copied, ==, 0);
  assert_candidate_after_merge (candidate_file);

  /* The candidate answers a remark and resolves it; the advisor remarks
   * again meanwhile. */
  candidate = open_as (candidate_file, PREUVES_ROLE_CANDIDATE, "Camille Martin");
  g_assert_true (preuves_portfolio_resolve_remark (candidate, on_preuve, TRUE, "La version signée est jointe.", &error));
  g_assert_no_error (error);
  g_assert_false (preuves_portfolio_set_competence_status (candidate, "C1-1.1", PREUVES_COMPETENCE_STATUS_NOT_SHOWN, &error));
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_READ_ONLY);
  g_clear_error (&error);
  save_copy (candidate, answered);
  preuves_portfolio_close (candidate);

  advisor = open_as (advisor_file, PREUVES_ROLE_ADVISOR, "Dominique Conseil");
  later = add_remark (advisor, "bloc", "bloc2", 0, "Le bloc 2 reste à construire.");
  preuves_portfolio_close (advisor);
  g_clear_object (&advisor);

  back = merge (advisor_file, PREUVES_ROLE_ADVISOR, answered);
  g_assert_cmpuint (back->conflicts, ==, 0);
  advisor = open_as (advisor_file, PREUVES_ROLE_ADVISOR, "Dominique Conseil");
  remarks = preuves_portfolio_list_remarks (advisor, "preuve", NULL);
  g_assert_cmpuint (remarks->len, ==, 1);
  answer = remarks->pdata[0];
  g_assert_true (answer->resolved);
  g_assert_cmpstr (answer->response, ==, "La version signée est jointe.");
  g_assert_cmpstr (answer->text, ==, "Joindre la version signée.");
  g_assert_cmpstr (answer->author, ==, "Dominique Conseil");
  g_clear_pointer (&remarks, g_ptr_array_unref);
  remarks = preuves_portfolio_list_remarks (advisor, "bloc", "bloc2");
  g_assert_cmpuint (remarks->len, ==, 1);
  g_assert_cmpint (count (advisor_file, "SELECT count(*) FROM remark"), ==, 6);
  g_assert_cmpint (preuves_portfolio_get_competence_status (advisor, "C1-1.2"), ==, PREUVES_COMPETENCE_STATUS_REWORK);

  /* What changed since the review: exactly the candidate's edits, the
   * same as between the two files the candidate sent. */
  changes = preuves_portfolio_list_changes_since_review (advisor, &error);
  g_assert_no_error (error);
  assert_changes (changes, CANDIDATE_EDITS_MERGED);
  between = preuves_changes_between_files (sent, answered, NULL, &error);
  g_assert_no_error (error);
  assert_changes (between, CANDIDATE_EDITS);
  g_assert_true (preuves_portfolio_record_review (advisor, &error));
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = preuves_portfolio_list_changes_since_review (advisor, &error);
  g_assert_cmpuint (changes->len, ==, 0);
  preuves_portfolio_close (advisor);
}

/* A newer local edit wins over an older incoming one, and a tombstone
 * wins over the older live row; a real conflict keeps the local row. */
static void
test_newest_wins (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) candidate_file = fixture_file (fixture, "camille.preuves");
  g_autoptr(GFile) old_copy = fixture_file (fixture, "old.preuves");
  g_autoptr(GFile) other_side = fixture_file (fixture, "laptop.preuves");
  g_autoptr(PreuvesPortfolio) candidate = make_candidate (fixture);
  g_autoptr(PreuvesPortfolio) laptop = NULL;
  g_autoptr(PreuvesMergeSummary) summary = NULL;

  save_copy (candidate, old_copy);
  /* Same starting point on two machines, each edits the same preuve once. */
  preuves_portfolio_file_import (old_copy, other_side, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  laptop = open_as (other_side, PREUVES_ROLE_CANDIDATE, "Camille Martin");
  g_assert_true (preuves_preuve_set_title (find_by_title (laptop, "Réunion d’équipe"), "Réunion (portable)", &error));
  g_assert_true (preuves_portfolio_remove_preuve (laptop, find_by_title (laptop, "Bilan annuel"), &error));
  preuves_portfolio_close (laptop);
  g_assert_true (preuves_preuve_set_title (find_by_title (candidate, "Réunion d’équipe"), "Réunion (bureau)", &error));
  g_assert_true (preuves_preuve_set_title (find_by_title (candidate, "Plan de formation"), "Plan v2", &error));
  g_assert_no_error (error);
  preuves_portfolio_close (candidate);
  g_clear_object (&candidate);

  summary = merge (candidate_file, PREUVES_ROLE_CANDIDATE, other_side);
  g_assert_cmpuint (summary->conflicts, ==, 1);
  g_assert_cmpuint (summary->updated, ==, 1);  /* the tombstone */
  candidate = open_as (candidate_file, PREUVES_ROLE_CANDIDATE, "Camille Martin");
  g_assert_nonnull (find_by_title (candidate, "Réunion (bureau)"));
  g_assert_nonnull (find_by_title (candidate, "Plan v2"));
  g_assert_null (find_by_title (candidate, "Bilan annuel"));
  preuves_portfolio_close (candidate);

  /* The old copy is older everywhere: nothing changes. */
  g_clear_pointer (&summary, preuves_merge_summary_free);
  summary = merge (candidate_file, PREUVES_ROLE_CANDIDATE, old_copy);
  g_assert_cmpuint (summary->added + summary->updated + summary->conflicts, ==, 0);
}

static void
test_other_portfolio_refused (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) candidate_file = fixture_file (fixture, "camille.preuves");
  g_autoptr(GFile) other_file = fixture_file (fixture, "alex.preuves");
  g_autoptr(PreuvesPortfolio) candidate = make_candidate (fixture);
  g_autoptr(PreuvesPortfolio) other = preuves_portfolio_create (other_file, "Alex Durand", PREUVES_PATH_VAE, &error);
  PreuvesMergeSummary *summary;

  g_assert_no_error (error);
  preuves_portfolio_add_preuve (other, "Autre preuve", &error);
  preuves_portfolio_close (other);
  preuves_portfolio_close (candidate);

  summary = preuves_merge (candidate_file, PREUVES_ROLE_CANDIDATE, other_file, NULL, NULL, NULL, &error);
  g_assert_null (summary);
  g_assert_error (error, PREUVES_MERGE_ERROR, PREUVES_MERGE_ERROR_OTHER_PORTFOLIO);
  g_assert_nonnull (strstr (error->message, "Alex Durand"));
  g_assert_cmpint (count (candidate_file, "SELECT count(*) FROM preuve"), ==, 3);
}

/* A file with a trigger is refused by the hardened check: the local file
 * is not touched, not even its bytes. */
static void
test_crafted_refused (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) candidate_file = fixture_file (fixture, "camille.preuves");
  g_autoptr(GFile) crafted = fixture_file (fixture, "crafted.preuves");
  g_autoptr(GFile) before = fixture_file (fixture, "before.preuves");
  g_autoptr(PreuvesPortfolio) candidate = make_candidate (fixture);
  g_autofree char *crafted_path = g_file_get_path (crafted);
  g_autofree char *candidate_path = g_file_get_path (candidate_file);
  g_autofree char *before_path = g_file_get_path (before);
  sqlite3 *db = NULL;

  save_copy (candidate, crafted);
  preuves_portfolio_close (candidate);
  g_assert_true (g_file_copy (candidate_file, before, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_cmpint (sqlite3_open (crafted_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER evil AFTER INSERT ON remark BEGIN"
                                 " DELETE FROM preuve; END;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_null (preuves_merge (candidate_file, PREUVES_ROLE_CANDIDATE, crafted, NULL, NULL, NULL, &error));
  g_assert_error (error, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNSAFE);
  preuves_test_assert_same_files (candidate_path, before_path);
}

/* A version 1 file gains the review baseline on open; the hardened check
 * holds a copy of it against the version 1 allow-list. */
static void
test_migration_to_v2 (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = fixture_file (fixture, "camille.preuves");
  g_autoptr(GFile) v1_copy = fixture_file (fixture, "v1.preuves");
  g_autoptr(PreuvesPortfolio) portfolio = make_candidate (fixture);
  g_autofree char *path = g_file_get_path (file);
  PreuvesPortfolioFileSummary summary;
  sqlite3 *db = NULL;

  g_assert_true (preuves_portfolio_file_check (file, NULL, NULL, &error));
  g_assert_no_error (error);
  preuves_portfolio_close (portfolio);
  g_clear_object (&portfolio);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE review_baseline; DROP TABLE page_check;"
                                     " PRAGMA user_version = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (g_file_copy (file, v1_copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_true (preuves_portfolio_file_check (v1_copy, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.schema_version, ==, 1);

  portfolio = open_as (file, PREUVES_ROLE_ADVISOR, "Dominique Conseil");
  g_assert_cmpint (count (file, "PRAGMA user_version"), ==, PREUVES_SCHEMA_VERSION);
  g_assert_cmpint (count (file, "SELECT count(*) FROM preuve"), ==, 3);
  g_assert_true (preuves_portfolio_record_review (portfolio, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (file, "SELECT count(*) FROM review_baseline WHERE kind = 'preuve'"), ==, 3);
  preuves_portfolio_close (portfolio);
  g_assert_true (preuves_portfolio_file_check (file, NULL, NULL, &error));
  g_assert_no_error (error);
}

typedef struct
{
  GMainLoop           *loop;
  PreuvesMergeSummary *summary;
  GError              *error;
  double               last;
  guint                reports;
  gboolean             freed;
} AsyncState;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_cmpfloat (fraction, >=, state->last);
  state->last = fraction;
  state->reports++;
}

static void
progress_free_cb (gpointer user_data)
{
  AsyncState *state = user_data;

  state->freed = TRUE;
  g_main_loop_quit (state->loop);
}

static void
merged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncState *state = user_data;

  state->summary = preuves_merge_finish (result, &state->error);
}

static void
test_async_progress (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GFile) candidate_file = fixture_file (fixture, "camille.preuves");
  g_autoptr(GFile) sent = fixture_file (fixture, "sent.preuves");
  g_autoptr(GFile) advisor_file = fixture_file (fixture, "advisor.preuves");
  g_autoptr(GFile) reviewed = fixture_file (fixture, "reviewed.preuves");
  g_autoptr(PreuvesPortfolio) candidate = make_candidate (fixture);
  g_autofree char *on_preuve = NULL;
  AsyncState state = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0.0, 0, FALSE };

  save_copy (candidate, sent);
  preuves_portfolio_close (candidate);
  on_preuve = advisor_review (fixture, sent, advisor_file, reviewed);

  preuves_merge_async (candidate_file, PREUVES_ROLE_CANDIDATE, reviewed,
                       progress_cb, &state, progress_free_cb, NULL, merged_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.summary);
  g_assert_cmpuint (state.summary->added, ==, 7);
  g_assert_true (state.freed);
  g_assert_cmpuint (state.reports, >=, 3);
  g_assert_cmpfloat (state.last, ==, 1.0);
  preuves_merge_summary_free (state.summary);
  g_main_loop_unref (state.loop);
}

/* preuves-cli: runs @args (NULL-terminated, without the program) in the
 * fixture's folder and returns the exit status and stdout. */
static int
run_cli (Fixture     *fixture,
         char       **out,
         const char  *first,
         ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("PREUVES_CLI");
  int status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (fixture->dir, (char **) argv->pdata, NULL,
                               G_SPAWN_STDERR_TO_DEV_NULL | (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0),
                               NULL, NULL, out, NULL, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autofree char *preuve = NULL;
  g_autofree char *remark = NULL;
  g_autofree char *out = NULL;
  g_autofree char *junk = g_build_filename (fixture->dir, "junk.preuves", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  g_assert_cmpint (run_cli (fixture, NULL, "new", "a.preuves", "--candidate", "Camille Martin", "--path", "vae", NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, &preuve, "add", "a.preuves", "--title", "Plan", NULL), ==, 0);
  g_strstrip (preuve);
  g_assert_cmpint (run_cli (fixture, NULL, "copy", "a.preuves", "sent.preuves", NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, "import", "sent.preuves", "advisor.preuves", NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, "changes", "advisor.preuves", "--since-review", "--mark-reviewed", NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, &remark, "remark", "advisor.preuves", "--target", "preuve", preuve,
                            "--text", "Joindre la version signée.", "--author", "Dominique", NULL), ==, 0);
  g_strstrip (remark);
  g_assert_true (g_uuid_string_is_valid (remark));
  g_assert_cmpint (run_cli (fixture, NULL, "remark", "advisor.preuves", "--target", "document", "bloc1",
                            "--page", "3", "--text", "Conclusion ?", NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, "assess", "advisor.preuves", "C1-1.1", "acquired", NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, "assess", "advisor.preuves", "C1-1.1", "brilliant", NULL), ==, 2);

  g_assert_cmpint (run_cli (fixture, &out, "merge", "a.preuves", "advisor.preuves", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "3 added"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (fixture, NULL, "answer", "a.preuves", remark, "--text", "C’est fait.", NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, "resolve", "a.preuves", remark, NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, "remove", "a.preuves", preuve, NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, "merge", "advisor.preuves", "a.preuves", "--role", "advisor", NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, &out, "remarks", "advisor.preuves", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 0), "resolved"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "response"), ==, "C’est fait.");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (fixture, &out, "changes", "advisor.preuves", "--since-review", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "removed"));
  g_assert_nonnull (strstr (out, "Plan"));
  g_clear_pointer (&out, g_free);

  /* Another candidate's portfolio, and a file that is no portfolio. */
  g_assert_cmpint (run_cli (fixture, NULL, "new", "b.preuves", "--candidate", "Alex Durand", "--path", "vae", NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, "merge", "a.preuves", "b.preuves", NULL), ==, 2);
  g_assert_true (g_file_set_contents (junk, "junk", -1, NULL));
  g_assert_cmpint (run_cli (fixture, NULL, "merge", "a.preuves", "junk.preuves", NULL), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/review/round-trip", test_round_trip);
  ADD ("/review/newest-wins", test_newest_wins);
  ADD ("/review/other-portfolio-refused", test_other_portfolio_refused);
  ADD ("/review/crafted-refused", test_crafted_refused);
  ADD ("/review/migration-to-v2", test_migration_to_v2);
  ADD ("/review/async-progress", test_async_progress);
  ADD ("/review/cli", test_cli);
#undef ADD

  return g_test_run ();
}
