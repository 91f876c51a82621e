/* test-document-check.c — written documents checked by the real probe, and cached
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "pdf-fixtures.h"
#include "preuves-assessment.h"
#include "preuves-document-check.h"
#include "preuves-pdf-analysis.h"
#include "preuves-pdf-report.h"
#include "preuves-portfolio-file.h"
#include "preuves-portfolio.h"
#include "preuves-readiness.h"
#include "preuves-referentiel.h"

typedef struct
{
  char             *dir;
  GFile            *file;
  PreuvesPortfolio *portfolio;
  char             *probe;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->probe = g_strdup (g_getenv ("PREUVES_PDF_PROBE"));
  g_assert_nonnull (fixture->probe);
  fixture->dir = g_dir_make_tmp ("test-document-check-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->file = g_file_new_build_filename (fixture->dir, "dominique.preuves", NULL);
  fixture->portfolio = preuves_portfolio_create (fixture->file, "Dominique Leroy", PREUVES_PATH_FORMATION, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_setenv ("PREUVES_PDF_PROBE", fixture->probe, TRUE);
  if (fixture->portfolio != NULL)
    {
      preuves_portfolio_close (fixture->portfolio);
      g_assert_finalize_object (fixture->portfolio);
    }
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->probe);
  g_object_unref (fixture->file);
}

/* A document of @n_pages with "ANNEXES" heading page @annex_start. */
static GFile *
make_document (Fixture    *fixture,
               const char *name,
               guint       n_pages,
               guint       annex_start)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  preuves_test_make_document (path, n_pages, annex_start, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* Pages of grey rectangles and no text, like a scan without OCR. */
static GFile *
make_scan (Fixture    *fixture,
           const char *name,
           guint       n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree PdfPageSpec *pages = g_new0 (PdfPageSpec, n_pages);

  for (guint i = 0; i < n_pages; i++)
    pages[i].image_only = TRUE;
  preuves_test_make_pdf (path, pages, n_pages, NULL, 0, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static const PreuvesReadinessPart *
part_of (PreuvesReadiness *readiness,
         const char       *epreuve_id)
{
  if (g_str_equal (epreuve_id, "finale"))
    return preuves_readiness_get_overall (readiness);
  return preuves_readiness_lookup_bloc (readiness, "B1");
}

/* The document reason readiness gives for @epreuve_id, or NULL. */
static const PreuvesReadinessReason *
document_reason (PreuvesReadiness *readiness,
                 const char       *epreuve_id)
{
  const PreuvesReadinessPart *part = part_of (readiness, epreuve_id);

  for (guint i = 0; i < part->reasons->len; i++)
    {
      const PreuvesReadinessReason *reason = g_ptr_array_index (part->reasons, i);

      if (g_str_has_prefix (reason->kind, "document-") && g_str_equal (reason->target, epreuve_id))
        return reason;
    }
  return NULL;
}

static PreuvesReadiness *
compute (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesReadinessSnapshot) snapshot = NULL;

  snapshot = preuves_readiness_snapshot_new_from_portfolio (fixture->portfolio, &error);
  g_assert_no_error (error);
  return preuves_readiness_compute (preuves_referentiel_get_default (), PREUVES_PATH_FORMATION, snapshot);
}

static void
assert_document_reason (Fixture    *fixture,
                        const char *epreuve_id,
                        const char *kind,
                        const char *words)
{
  g_autoptr(PreuvesReadiness) readiness = compute (fixture);
  const PreuvesReadinessReason *reason = document_reason (readiness, epreuve_id);

  if (kind == NULL)
    {
      if (reason != NULL)
        g_error ("unexpected %s: %s", reason->kind, reason->message);
      return;
    }
  g_assert_nonnull (reason);
  g_assert_cmpstr (reason->kind, ==, kind);
  if (words != NULL && strstr (reason->message, words) == NULL)
    g_error ("“%s” not in “%s”", words, reason->message);
}

static void
attach_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

/* 17 pages, then ANNEXES on page 18: within 15–20 for the diagnostic.
 * Through the async API, as the app calls it. */
static void
test_within_range (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) pdf = make_document (fixture, "diagnostic.pdf", 22, 18);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PreuvesWrittenDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  preuves_document_check_attach_async (fixture->portfolio, "bloc1", pdf, NULL, attach_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  document = preuves_document_check_attach_finish (fixture->portfolio, result, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (document->epreuve_id, ==, "bloc1");
  g_assert_cmpint (document->pages_total, ==, 22);
  g_assert_cmpint (document->annex_start, ==, 18);
  g_assert_cmpint (document->annex_method, ==, PREUVES_ANNEX_METHOD_HEADING);
  g_assert_cmpint (document->pages_counted, ==, 17);
  g_assert_cmpint (document->text_layer, ==, 1);
  g_assert_null (document->check_error);
  g_assert_cmpstr (document->checked_sha256, ==, document->sha256);
  assert_document_reason (fixture, "bloc1", NULL, NULL);
}

static void
test_out_of_range (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) short_pdf = make_document (fixture, "court.pdf", 12, 0);
  g_autoptr(GFile) long_pdf = make_document (fixture, "long.pdf", 24, 22);
  g_autoptr(PreuvesWrittenDocument) first = NULL;
  g_autoptr(PreuvesWrittenDocument) second = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (preuves_document_check_resolve_epreuve ("diagnostic"), ==, "bloc1");
  g_assert_cmpstr (preuves_document_check_resolve_epreuve ("final"), ==, "finale");
  g_assert_null (preuves_document_check_resolve_epreuve ("bloc2"));

  first = preuves_document_check_attach (fixture->portfolio, "bloc1", short_pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->pages_counted, ==, 12);
  assert_document_reason (fixture, "bloc1", "document-too-short", "12 pages");

  second = preuves_document_check_attach (fixture->portfolio, "bloc1", long_pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->pages_counted, ==, 21);
  assert_document_reason (fixture, "bloc1", "document-too-long", "21 pages");
}

/* The same bytes are never given to the probe twice: with the probe gone,
 * the stored result still comes back, and only new bytes fail. */
static void
test_cached_by_sha256 (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) pdf = make_document (fixture, "diagnostic.pdf", 20, 18);
  g_autoptr(GFile) copy = g_file_new_build_filename (fixture->dir, "copie.pdf", NULL);
  g_autoptr(GFile) other = make_document (fixture, "autre.pdf", 19, 17);
  g_autoptr(PreuvesWrittenDocument) checked = NULL;
  g_autoptr(PreuvesWrittenDocument) again = NULL;
  g_autoptr(PreuvesWrittenDocument) copied = NULL;
  g_autoptr(PreuvesWrittenDocument) unchecked = NULL;
  g_autoptr(GError) error = NULL;

  g_file_copy (pdf, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  checked = preuves_document_check_attach (fixture->portfolio, "bloc1", pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (checked->pages_counted, ==, 17);

  g_setenv ("PREUVES_PDF_PROBE", "/nonexistent/preuves-pdf-probe", TRUE);
  again = preuves_document_check_run (fixture->portfolio, "bloc1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->pages_counted, ==, 17);
  g_assert_cmpint (again->annex_method, ==, PREUVES_ANNEX_METHOD_HEADING);
  g_clear_pointer (&again, preuves_written_document_free);

  /* The same file added again over itself. */
  again = preuves_document_check_attach (fixture->portfolio, "bloc1", pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->pages_counted, ==, 17);

  /* The same bytes from another file, added again: still no probe needed. */
  preuves_portfolio_remove_written_document (fixture->portfolio, "bloc1", &error);
  g_assert_no_error (error);
  copied = preuves_document_check_attach (fixture->portfolio, "bloc1", copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copied->sha256, ==, checked->sha256);
  g_assert_cmpint (copied->pages_counted, ==, 17);
  assert_document_reason (fixture, "bloc1", NULL, NULL);

  /* New bytes do need the probe: without it they do not replace the
   * checked document. */
  unchecked = preuves_document_check_attach (fixture->portfolio, "bloc1", other, NULL, &error);
  g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_NO_PROBE);
  g_assert_null (unchecked);
  g_clear_error (&error);
  assert_document_reason (fixture, "bloc1", NULL, NULL);
  g_clear_pointer (&again, preuves_written_document_free);
  again = preuves_portfolio_get_written_document (fixture->portfolio, "bloc1");
  g_assert_cmpstr (again->sha256, ==, checked->sha256);

  /* With no document to keep, they are stored, unchecked. */
  preuves_portfolio_remove_written_document (fixture->portfolio, "bloc1", &error);
  g_assert_no_error (error);
  unchecked = preuves_document_check_attach (fixture->portfolio, "bloc1", other, NULL, &error);
  g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_NO_PROBE);
  g_assert_null (unchecked);
  assert_document_reason (fixture, "bloc1", "document-unchecked", NULL);
}

/* A scan has no text: the annexes cannot be found until the user says
 * where they start; that choice is kept in the portfolio. */
static void
test_manual_annex_start (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) scan = make_scan (fixture, "scan.pdf", 21);
  g_autoptr(PreuvesWrittenDocument) found = NULL;
  g_autoptr(PreuvesWrittenDocument) manual = NULL;
  g_autoptr(PreuvesWrittenDocument) reopened = NULL;
  g_autoptr(GError) error = NULL;

  found = preuves_document_check_attach (fixture->portfolio, "bloc1", scan, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->text_layer, ==, 0);
  g_assert_cmpint (found->annex_method, ==, PREUVES_ANNEX_METHOD_NONE);
  g_assert_cmpint (found->pages_counted, ==, 21);
  assert_document_reason (fixture, "bloc1", "document-annex-unknown", "set where the annexes start");

  g_assert_false (preuves_document_check_set_annex_start (fixture->portfolio, "bloc1", 22, &error));
  g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_BAD_ANNEX_START);
  g_clear_error (&error);

  g_assert_true (preuves_document_check_set_annex_start (fixture->portfolio, "bloc1", 19, &error));
  g_assert_no_error (error);
  manual = preuves_document_check_run (fixture->portfolio, "bloc1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (manual->annex_start, ==, 19);
  g_assert_cmpint (manual->annex_method, ==, PREUVES_ANNEX_METHOD_MANUAL);
  g_assert_cmpint (manual->pages_counted, ==, 18);
  assert_document_reason (fixture, "bloc1", NULL, NULL);

  /* Kept when the same scan is added again, even without the probe. */
  g_setenv ("PREUVES_PDF_PROBE", "/nonexistent/preuves-pdf-probe", TRUE);
  g_clear_pointer (&manual, preuves_written_document_free);
  manual = preuves_document_check_attach (fixture->portfolio, "bloc1", scan, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (manual->annex_method, ==, PREUVES_ANNEX_METHOD_MANUAL);
  g_assert_cmpint (manual->pages_counted, ==, 18);

  /* Stored in the file, not in memory. */
  preuves_portfolio_close (fixture->portfolio);
  g_assert_finalize_object (fixture->portfolio);
  fixture->portfolio = preuves_portfolio_open (fixture->file, &error);
  g_assert_no_error (error);
  reopened = preuves_document_check_run (fixture->portfolio, "bloc1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reopened->manual_annex_start, ==, 19);
  g_assert_cmpint (reopened->pages_counted, ==, 18);
  assert_document_reason (fixture, "bloc1", NULL, NULL);
}

/* A file that is not a PDF, stored without a check (as an older Preuves
 * did): the check says so, and so does readiness. */
static void
test_not_a_pdf (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "diagnostic.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PreuvesWrittenDocument) document = NULL;
  g_autoptr(PreuvesWrittenDocument) again = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "Ceci n'est pas un PDF.\n", -1, &error);
  g_assert_no_error (error);
  preuves_portfolio_set_written_document (fixture->portfolio, "finale", file, NULL, &error);
  g_assert_no_error (error);
  document = preuves_document_check_run (fixture->portfolio, "finale", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document->check_error, ==, "not-pdf");
  assert_document_reason (fixture, "finale", "document-error", NULL);

  /* What the check found about these bytes is kept too: adding them again
   * is refused without the probe. */
  g_setenv ("PREUVES_PDF_PROBE", "/nonexistent/preuves-pdf-probe", TRUE);
  again = preuves_document_check_run (fixture->portfolio, "finale", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->check_error, ==, "not-pdf");
  g_clear_pointer (&again, preuves_written_document_free);
  again = preuves_document_check_attach (fixture->portfolio, "finale", file, NULL, &error);
  g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_NOT_PDF);
  g_assert_null (again);
}

/* What the previous document was, to compare with after a refused file. */
static void
assert_same_document (Fixture                      *fixture,
                      const PreuvesWrittenDocument *before)
{
  g_autoptr(PreuvesWrittenDocument) now = preuves_portfolio_get_written_document (fixture->portfolio, "bloc1");

  g_assert_nonnull (now);
  g_assert_cmpstr (now->filename, ==, before->filename);
  g_assert_cmpstr (now->sha256, ==, before->sha256);
  g_assert_cmpstr (now->checked_sha256, ==, before->sha256);
  g_assert_cmpint (now->pages_total, ==, before->pages_total);
  g_assert_cmpint (now->annex_start, ==, before->annex_start);
  g_assert_cmpint (now->annex_method, ==, before->annex_method);
  g_assert_cmpint (now->manual_annex_start, ==, before->manual_annex_start);
  g_assert_null (now->check_error);
}

static void
assert_refused (Fixture                      *fixture,
                GFile                        *pdf,
                PreuvesPdfError               code,
                const PreuvesWrittenDocument *before)
{
  g_autoptr(PreuvesWrittenDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = preuves_document_check_attach (fixture->portfolio, "bloc1", pdf, NULL, &error);
  g_assert_error (error, PREUVES_PDF_ERROR, (int) code);
  g_assert_null (document);
  if (strstr (error->message, "The previous document was kept.") == NULL)
    g_error ("the message does not say the document was kept: %s", error->message);
  assert_same_document (fixture, before);
}

static GFile *
write_bad_file (Fixture    *fixture,
                const char *name,
                const char *contents,
                gssize      length)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* An encrypted copy of @plain, or NULL where qpdf is not installed. */
static GFile *
make_encrypted (Fixture *fixture,
                GFile   *plain)
{
  g_autofree char *path = g_build_filename (fixture->dir, "protege.pdf", NULL);

  return preuves_test_encrypt_pdf (g_file_peek_path (plain), path) ? g_file_new_for_path (path) : NULL;
}

/* A good, checked document with its annex start set by hand is kept, with
 * all of that, whatever unusable file is chosen to replace it. */
static void
test_unusable_keeps_previous (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GFile) good = make_document (fixture, "diagnostic.pdf", 22, 18);
  g_autoptr(GFile) letter = write_bad_file (fixture, "lettre.pdf", "Madame, Monsieur,\n", -1);
  g_autoptr(GFile) empty = write_bad_file (fixture, "vide.pdf", "", 0);
  g_autoptr(GFile) encrypted = make_encrypted (fixture, good);
  g_autoptr(PreuvesWrittenDocument) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) damaged = NULL;

  g_file_load_contents (good, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  damaged = write_bad_file (fixture, "abime.pdf", contents, 64);
  before = preuves_document_check_attach (fixture->portfolio, "bloc1", good, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (preuves_document_check_set_annex_start (fixture->portfolio, "bloc1", 17, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, preuves_written_document_free);
  before = preuves_portfolio_get_written_document (fixture->portfolio, "bloc1");
  g_assert_cmpint (before->manual_annex_start, ==, 17);

  assert_refused (fixture, letter, PREUVES_PDF_ERROR_NOT_PDF, before);
  assert_refused (fixture, empty, PREUVES_PDF_ERROR_EMPTY, before);
  assert_refused (fixture, damaged, PREUVES_PDF_ERROR_DAMAGED, before);
  if (encrypted != NULL)
    assert_refused (fixture, encrypted, PREUVES_PDF_ERROR_ENCRYPTED, before);
  else
    g_test_message ("qpdf is not installed: no encrypted PDF here");

  /* A probe that cannot run says nothing about the file: the document stays. */
  g_setenv ("PREUVES_PDF_PROBE", "/nonexistent/preuves-pdf-probe", TRUE);
  assert_refused (fixture, damaged, PREUVES_PDF_ERROR_NO_PROBE, before);
  g_setenv ("PREUVES_PDF_PROBE", fixture->probe, TRUE);

  /* In the file, not only in memory. */
  preuves_portfolio_close (fixture->portfolio);
  g_assert_finalize_object (fixture->portfolio);
  fixture->portfolio = preuves_portfolio_open (fixture->file, &error);
  g_assert_no_error (error);
  assert_same_document (fixture, before);
  assert_document_reason (fixture, "bloc1", NULL, NULL);
}

/* With no document yet, an unusable file is not stored either. */
static void
test_unusable_first (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) letter = write_bad_file (fixture, "lettre.pdf", "Madame, Monsieur,\n", -1);
  g_autoptr(PreuvesWrittenDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = preuves_document_check_attach (fixture->portfolio, "finale", letter, NULL, &error);
  g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_NOT_PDF);
  g_assert_null (document);
  g_assert_null (preuves_portfolio_get_written_document (fixture->portfolio, "finale"));
  assert_document_reason (fixture, "finale", "document-missing", NULL);
}

/* A probe that logs each run to @log, then is the real one. */
static void
use_counting_probe (Fixture    *fixture,
                    const char *log)
{
  g_autofree char *script = g_build_filename (fixture->dir, "probe.sh", NULL);
  g_autofree char *text = g_strdup_printf ("#!/bin/sh\necho run >> '%s'\nexec '%s' \"$@\"\n", log, fixture->probe);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (script, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  g_setenv ("PREUVES_PDF_PROBE", script, TRUE);
}

static guint
count_runs (const char *log)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (log, &contents, NULL, NULL))
    return 0;
  return strlen (contents) / strlen ("run\n");
}

/* A second good PDF replaces the first after a single probe run, and the
 * manual annex start, set on the first one's pages, goes with it. */
static void
test_good_replaces_with_one_run (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *log = g_build_filename (fixture->dir, "runs.log", NULL);
  g_autoptr(GFile) first = make_document (fixture, "v1.pdf", 22, 18);
  g_autoptr(GFile) second = make_document (fixture, "v2.pdf", 20, 17);
  g_autoptr(PreuvesWrittenDocument) replaced = NULL;
  g_autoptr(PreuvesWrittenDocument) again = NULL;
  g_autoptr(PreuvesWrittenDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  use_counting_probe (fixture, log);
  document = preuves_document_check_attach (fixture->portfolio, "bloc1", first, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_runs (log), ==, 1);
  g_assert_true (preuves_document_check_set_annex_start (fixture->portfolio, "bloc1", 19, &error));
  g_assert_no_error (error);

  replaced = preuves_document_check_attach (fixture->portfolio, "bloc1", second, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_runs (log), ==, 2);
  g_assert_cmpstr (replaced->filename, ==, "v2.pdf");
  g_assert_cmpstr (replaced->checked_sha256, ==, replaced->sha256);
  g_assert_cmpstr (replaced->sha256, !=, document->sha256);
  g_assert_cmpint (replaced->pages_total, ==, 20);
  g_assert_cmpint (replaced->manual_annex_start, <=, 0);
  g_assert_cmpint (replaced->annex_method, ==, PREUVES_ANNEX_METHOD_HEADING);
  g_assert_cmpint (replaced->pages_counted, ==, 16);

  /* The same bytes again: no run, and a start set on them stays. */
  g_assert_true (preuves_document_check_set_annex_start (fixture->portfolio, "bloc1", 18, &error));
  g_assert_no_error (error);
  again = preuves_document_check_attach (fixture->portfolio, "bloc1", second, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_runs (log), ==, 2);
  g_assert_cmpint (again->manual_annex_start, ==, 18);
  g_assert_cmpint (again->annex_method, ==, PREUVES_ANNEX_METHOD_MANUAL);
  g_assert_cmpint (again->pages_counted, ==, 17);
}

static PreuvesWrittenDocument *
attach (Fixture *fixture,
        GFile   *pdf)
{
  g_autoptr(GError) error = NULL;
  PreuvesWrittenDocument *document;

  document = preuves_document_check_attach (fixture->portfolio, "bloc1", pdf, NULL, &error);
  g_assert_no_error (error);
  return document;
}

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  preuves_portfolio_close (fixture->portfolio);
  g_assert_finalize_object (fixture->portfolio);
  fixture->portfolio = preuves_portfolio_open (fixture->file, &error);
  g_assert_no_error (error);
}

/* One integer @sql reads from the portfolio file at @file, or -1. */
static gint64
query_file (GFile      *file,
            const char *sql)
{
  g_autofree char *path = g_file_get_path (file);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Whether the file at @file keeps a page check for @sha256. */
static gboolean
keeps_check_of (GFile      *file,
                const char *sha256)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM page_check WHERE sha256 = '%s'", sha256);

  return query_file (file, sql) == 1;
}

static void
assert_manual_start (const PreuvesWrittenDocument *document,
                     int                           page,
                     int                           pages_counted)
{
  g_assert_cmpint (document->manual_annex_start, ==, page);
  g_assert_cmpint (document->annex_method, ==, PREUVES_ANNEX_METHOD_MANUAL);
  g_assert_cmpint (document->pages_counted, ==, pages_counted);
}

static void
assert_found_start (const PreuvesWrittenDocument *document,
                    int                           pages_counted)
{
  g_assert_cmpint (document->manual_annex_start, <=, 0);
  g_assert_cmpint (document->annex_method, ==, PREUVES_ANNEX_METHOD_HEADING);
  g_assert_cmpint (document->pages_counted, ==, pages_counted);
}

/* A replaced by B, then by A again: A's check and the annex start set by
 * hand on A's pages come back without the probe; B never gets A's start,
 * and keeps its own check. So in the file too. */
static void
test_back_to_previous_bytes (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *log = g_build_filename (fixture->dir, "runs.log", NULL);
  g_autoptr(GFile) a = make_document (fixture, "a.pdf", 22, 18);
  g_autoptr(GFile) b = make_document (fixture, "b.pdf", 20, 17);
  g_autoptr(PreuvesWrittenDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  use_counting_probe (fixture, log);
  document = attach (fixture, a);
  g_assert_true (preuves_document_check_set_annex_start (fixture->portfolio, "bloc1", 19, &error));
  g_assert_no_error (error);

  g_clear_pointer (&document, preuves_written_document_free);
  document = attach (fixture, b);
  assert_found_start (document, 16);
  g_assert_cmpuint (count_runs (log), ==, 2);

  g_clear_pointer (&document, preuves_written_document_free);
  document = attach (fixture, a);
  g_assert_cmpuint (count_runs (log), ==, 2);
  g_assert_cmpstr (document->filename, ==, "a.pdf");
  g_assert_cmpint (document->pages_total, ==, 22);
  assert_manual_start (document, 19, 18);

  g_clear_pointer (&document, preuves_written_document_free);
  document = attach (fixture, b);
  assert_found_start (document, 16);

  reopen (fixture);
  g_clear_pointer (&document, preuves_written_document_free);
  document = attach (fixture, a);
  assert_manual_start (document, 19, 18);
  reopen (fixture);
  g_clear_pointer (&document, preuves_written_document_free);
  document = preuves_document_check_run (fixture->portfolio, "bloc1", NULL, &error);
  g_assert_no_error (error);
  assert_manual_start (document, 19, 18);
  g_assert_cmpuint (count_runs (log), ==, 2);
  assert_document_reason (fixture, "bloc1", NULL, NULL);
}

/* A check kept by content is a trace of the bytes it was made on: purging
 * the deleted content forgets those of replaced bytes, and a copy for
 * someone else never carries them. */
static void
test_copy_forgets_replaced_bytes (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GFile) a = make_document (fixture, "a.pdf", 22, 18);
  g_autoptr(GFile) b = make_document (fixture, "b.pdf", 20, 17);
  g_autoptr(GFile) copy = g_file_new_build_filename (fixture->dir, "copie.preuves", NULL);
  g_autoptr(PreuvesWrittenDocument) first = NULL;
  g_autoptr(PreuvesWrittenDocument) second = NULL;
  g_autoptr(GError) error = NULL;

  first = attach (fixture, a);
  second = attach (fixture, b);
  g_assert_true (keeps_check_of (fixture->file, first->sha256));

  g_assert_true (preuves_portfolio_file_save_copy (fixture->file, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (keeps_check_of (copy, first->sha256));
  g_assert_true (keeps_check_of (copy, second->sha256));
  g_assert_true (keeps_check_of (fixture->file, first->sha256));

  g_assert_true (preuves_portfolio_purge_deleted (fixture->portfolio, &error));
  g_assert_no_error (error);
  g_assert_false (keeps_check_of (fixture->file, first->sha256));
  g_assert_true (keeps_check_of (fixture->file, second->sha256));
}

/* Attaches @pdf with its annex start set by hand on page 19, closes the
 * portfolio, and runs @sql on its file, as another program would. */
static void
attach_with_start_then_edit_file (Fixture    *fixture,
                                  GFile      *pdf,
                                  const char *sql)
{
  g_autofree char *path = g_file_get_path (fixture->file);
  g_autoptr(PreuvesWrittenDocument) document = attach (fixture, pdf);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (preuves_document_check_set_annex_start (fixture->portfolio, "bloc1", 19, &error));
  g_assert_no_error (error);
  preuves_portfolio_close (fixture->portfolio);
  g_assert_finalize_object (g_steal_pointer (&fixture->portfolio));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A portfolio from someone else brings its documents, not its page
 * checks: a check faked in the file is made again, once, and the annex
 * start the sender set by hand stays. */
static void
test_received_checks_made_again (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *log = g_build_filename (fixture->dir, "runs.log", NULL);
  g_autoptr(GFile) received = g_file_new_build_filename (fixture->dir, "recu.preuves", NULL);
  g_autoptr(GFile) a = make_document (fixture, "a.pdf", 22, 18);
  g_autoptr(PreuvesWrittenDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  attach_with_start_then_edit_file (fixture, a,
                                    "UPDATE page_check SET pages_total = 5, pages_counted = 4;"
                                    "UPDATE written_document SET pages_total = 5, pages_counted = 4;");

  g_assert_true (preuves_portfolio_file_import (fixture->file, received, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->file);
  fixture->file = g_object_ref (received);
  fixture->portfolio = preuves_portfolio_open (fixture->file, &error);
  g_assert_no_error (error);
  use_counting_probe (fixture, log);
  document = preuves_document_check_run (fixture->portfolio, "bloc1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (document->pages_total, ==, 22);
  assert_manual_start (document, 19, 18);
  g_assert_cmpuint (count_runs (log), ==, 1);

  /* Made here, the check is kept. */
  g_clear_pointer (&document, preuves_written_document_free);
  document = preuves_document_check_run (fixture->portfolio, "bloc1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_runs (log), ==, 1);
}

/* A file from the version before page_check: opening it adds the table,
 * with the annex start set by hand on its document; its check, made by
 * an older annex detection, is made again once, and then kept. */
static void
test_v2_file_migrates (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *log = g_build_filename (fixture->dir, "runs.log", NULL);
  g_autoptr(GFile) a = make_document (fixture, "a.pdf", 22, 18);
  g_autoptr(GFile) b = make_document (fixture, "b.pdf", 20, 17);
  g_autoptr(PreuvesWrittenDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  attach_with_start_then_edit_file (fixture, a, "DROP TABLE page_check; PRAGMA user_version = 2;");

  use_counting_probe (fixture, log);
  fixture->portfolio = preuves_portfolio_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_file (fixture->file, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (query_file (fixture->file, "SELECT count(*) FROM page_check WHERE analysis = 0"), ==, 1);

  g_clear_pointer (&document, preuves_written_document_free);
  document = preuves_document_check_run (fixture->portfolio, "bloc1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_runs (log), ==, 1);
  assert_manual_start (document, 19, 18);
  g_assert_cmpint (query_file (fixture->file, "SELECT analysis FROM page_check"), ==, PREUVES_PDF_ANALYSIS_VERSION);

  g_clear_pointer (&document, preuves_written_document_free);
  document = preuves_document_check_run (fixture->portfolio, "bloc1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_runs (log), ==, 1);

  g_clear_pointer (&document, preuves_written_document_free);
  document = attach (fixture, b);
  g_clear_pointer (&document, preuves_written_document_free);
  document = attach (fixture, a);
  g_assert_cmpuint (count_runs (log), ==, 2);
  assert_manual_start (document, 19, 18);
}

/* Runs `preuves-cli document` on the fixture's file; returns its exit
 * status and what it printed on stderr. */
static int
run_cli_document (Fixture  *fixture,
                  GFile    *pdf,
                  char    **err)
{
  g_autofree char *path = g_file_get_path (fixture->file);
  g_autofree char *pdf_path = g_file_get_path (pdf);
  const char *argv[] = { g_getenv ("PREUVES_CLI"), "document", path, "bloc1", pdf_path, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (argv[0]);
  /* stdout is the test's TAP stream: never let the command write there. */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* The command line refuses an unusable PDF as bad input, and says why. */
static void
test_cli_keeps_previous (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) good = make_document (fixture, "diagnostic.pdf", 22, 18);
  g_autoptr(GFile) letter = write_bad_file (fixture, "lettre.pdf", "Madame, Monsieur,\n", -1);
  g_autoptr(PreuvesWrittenDocument) before = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli_document (fixture, good, NULL), ==, 0);
  before = preuves_portfolio_get_written_document (fixture->portfolio, "bloc1");
  g_assert_nonnull (before);
  g_assert_cmpint (run_cli_document (fixture, letter, &err), ==, 2);
  if (strstr (err, "This file is not a PDF. The previous document was kept.") == NULL)
    g_error ("unexpected message: %s", err);
  assert_same_document (fixture, before);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/document-check/within-range", Fixture, NULL, fixture_set_up, test_within_range, fixture_tear_down);
  g_test_add ("/document-check/out-of-range", Fixture, NULL, fixture_set_up, test_out_of_range, fixture_tear_down);
  g_test_add ("/document-check/cached-by-sha256", Fixture, NULL, fixture_set_up, test_cached_by_sha256, fixture_tear_down);
  g_test_add ("/document-check/manual-annex-start", Fixture, NULL, fixture_set_up, test_manual_annex_start, fixture_tear_down);
  g_test_add ("/document-check/not-a-pdf", Fixture, NULL, fixture_set_up, test_not_a_pdf, fixture_tear_down);
  g_test_add ("/document-check/unusable-keeps-previous", Fixture, NULL, fixture_set_up,
              test_unusable_keeps_previous, fixture_tear_down);
  g_test_add ("/document-check/unusable-first", Fixture, NULL, fixture_set_up, test_unusable_first, fixture_tear_down);
  g_test_add ("/document-check/good-replaces-with-one-run", Fixture, NULL, fixture_set_up,
              test_good_replaces_with_one_run, fixture_tear_down);
  g_test_add ("/document-check/back-to-previous-bytes", Fixture, NULL, fixture_set_up,
              test_back_to_previous_bytes, fixture_tear_down);
  g_test_add ("/document-check/copy-forgets-replaced-bytes", Fixture, NULL, fixture_set_up,
              test_copy_forgets_replaced_bytes, fixture_tear_down);
  g_test_add ("/document-check/received-checks-made-again", Fixture, NULL, fixture_set_up,
              test_received_checks_made_again, fixture_tear_down);
  g_test_add ("/document-check/v2-file-migrates", Fixture, NULL, fixture_set_up,
              test_v2_file_migrates, fixture_tear_down);
  g_test_add ("/document-check/cli-keeps-previous", Fixture, NULL, fixture_set_up, test_cli_keeps_previous,
              fixture_tear_down);

  return g_test_run ();
}
