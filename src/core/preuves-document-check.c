/* preuves-document-check.c — attach and check the written document of an épreuve
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "preuves-blob-store.h"
#include "preuves-document-check.h"
#include "preuves-pdf-analysis.h"
#include "preuves-pdf-probe-client.h"
#include "preuves-portfolio-private.h"
#include "preuves-referentiel.h"
#include "preuves-review.h"
#include "preuves-schema.h"
#include "preuves-sync-wait.h"

/* Everything below runs on the portfolio's thread: the slow parts run
 * elsewhere (poppler in preuves-pdf-probe, fed by a blob stream that has
 * its own connection or by the chosen file itself; hashing and storing a
 * chosen file in a worker thread), so nothing here blocks a window for
 * long. */

typedef struct
{
  char   *epreuve_id;
  char   *sha256;
} CheckData;

static void
check_data_free (gpointer data)
{
  CheckData *check = data;

  g_free (check->epreuve_id);
  g_free (check->sha256);
  g_free (check);
}

/**
 * preuves_document_check_resolve_epreuve:
 * @name: an épreuve id ("bloc1", "finale") or a written document kind
 *   ("diagnostic", "final")
 *
 * Returns: (nullable): the id of the épreuve that has this written
 *   document, or %NULL when @name names none
 */
const char *
preuves_document_check_resolve_epreuve (const char *name)
{
  PreuvesReferentiel *referentiel = preuves_referentiel_get_default ();
  const PreuvesEpreuve *epreuve;
  const PreuvesWrittenDocumentSpec *spec;

  g_return_val_if_fail (name != NULL, NULL);

  epreuve = preuves_referentiel_find_epreuve (referentiel, name);
  if (epreuve != NULL && epreuve->written_document != NULL)
    return epreuve->id;
  spec = preuves_referentiel_find_written_document (referentiel, name);
  if (spec != NULL)
    return spec->epreuve->id;
  return NULL;
}

/* A start set by hand wins over what the probe found, as long as it falls
 * inside the document (it may have been set for an older version). */
static PreuvesWrittenDocument *
apply_manual_annex_start (PreuvesWrittenDocument *document)
{
  if (document->manual_annex_start > 0 && document->pages_total >= document->manual_annex_start)
    {
      document->annex_start = document->manual_annex_start;
      document->annex_method = PREUVES_ANNEX_METHOD_MANUAL;
      document->pages_counted = document->manual_annex_start - 1;
    }
  return document;
}

static PreuvesWrittenDocument *
get_document (PreuvesPortfolio  *portfolio,
              const char        *epreuve_id,
              GError           **error)
{
  PreuvesWrittenDocument *document = preuves_portfolio_get_written_document (portfolio, epreuve_id);

  if (document == NULL || document->sha256 == NULL)
    {
      g_clear_pointer (&document, preuves_written_document_free);
      g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND,
                   _("There is no written document for “%s” yet: add its PDF first."), epreuve_id);
    }
  return document;
}

static gboolean
is_checked (const PreuvesWrittenDocument *document)
{
  return document->checked_sha256 != NULL && g_str_equal (document->checked_sha256, document->sha256);
}

/* Checks by content -----------------------------------------------------------
 *
 * A check only depends on the bytes (and on the version of the annex
 * detection), so page_check keeps it by SHA-256 for as long as the
 * portfolio keeps its deleted content: bytes checked before, under another
 * épreuve, before they were replaced or removed, come back without the
 * probe. The annex start the user set is about the pages of some bytes
 * too: it is kept with them, so it follows those bytes and no others. */

static gboolean
find_previous_check (PreuvesPortfolio       *portfolio,
                     const char             *sha256,
                     PreuvesWrittenDocument *check)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = preuves_portfolio_prepare (portfolio,
                                    "SELECT pages_total, text_layer, annex_start, annex_method,"
                                    " pages_counted, check_error FROM page_check"
                                    " WHERE sha256 = ?1 AND analysis = ?2", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, PREUVES_PDF_ANALYSIS_VERSION);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  check->pages_total = preuves_sqlite_column_int_or_unknown (stmt, 0);
  check->text_layer = preuves_sqlite_column_int_or_unknown (stmt, 1);
  check->annex_start = preuves_sqlite_column_int_or_unknown (stmt, 2);
  if (!preuves_annex_method_from_string ((const char *) sqlite3_column_text (stmt, 3), &check->annex_method))
    check->annex_method = PREUVES_ANNEX_METHOD_NONE;
  check->pages_counted = preuves_sqlite_column_int_or_unknown (stmt, 4);
  check->check_error = preuves_sqlite_dup_text (stmt, 5);
  check->checked_sha256 = g_strdup (sha256);
  return TRUE;
}

static gboolean
remember_check (PreuvesPortfolio              *portfolio,
                const PreuvesWrittenDocument  *check,
                GError                       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = preuves_portfolio_prepare (portfolio,
                                    "INSERT INTO page_check (sha256, analysis, pages_total, text_layer,"
                                    " annex_start, annex_method, pages_counted, check_error)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                                    " ON CONFLICT (sha256) DO UPDATE SET analysis = excluded.analysis,"
                                    " pages_total = excluded.pages_total, text_layer = excluded.text_layer,"
                                    " annex_start = excluded.annex_start, annex_method = excluded.annex_method,"
                                    " pages_counted = excluded.pages_counted, check_error = excluded.check_error",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, check->checked_sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, PREUVES_PDF_ANALYSIS_VERSION);
  preuves_sqlite_bind_int_or_null (stmt, 3, check->pages_total);
  preuves_sqlite_bind_int_or_null (stmt, 4, check->text_layer);
  preuves_sqlite_bind_int_or_null (stmt, 5, check->annex_start);
  sqlite3_bind_text (stmt, 6, preuves_annex_method_to_string (check->annex_method), -1, SQLITE_STATIC);
  preuves_sqlite_bind_int_or_null (stmt, 7, check->pages_counted);
  sqlite3_bind_text (stmt, 8, check->check_error, -1, SQLITE_TRANSIENT);
  return preuves_portfolio_step_done (portfolio, stmt, error);
}

/* Whether the check stored for @sha256 stands: one made by an older
 * detection (by an older Preuves, before page_check) is made again, so that
 * improved detection reaches documents checked before. An advisor cannot
 * store a check on the candidate's document: they keep the one there is. */
static gboolean
check_is_current (PreuvesPortfolio *portfolio,
                  const char       *sha256)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (preuves_portfolio_get_role (portfolio) == PREUVES_ROLE_ADVISOR)
    return TRUE;
  stmt = preuves_portfolio_prepare (portfolio,
                                    "SELECT 1 FROM page_check WHERE sha256 = ?1 AND analysis = ?2", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, PREUVES_PDF_ANALYSIS_VERSION);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * preuves_document_check_forget_unused:
 * @db: a portfolio's connection, inside a transaction
 * @error: return location for an error
 *
 * Deletes the checks kept for bytes that are no longer the written
 * document of an épreuve: a SHA-256 is a trace of the bytes it was made
 * from, so it goes when deleted content is purged.
 */
gboolean
preuves_document_check_forget_unused (sqlite3  *db,
                                      GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  return preuves_schema_exec (db,
                              "DELETE FROM page_check WHERE sha256 NOT IN"
                              " (SELECT sha256 FROM written_document WHERE deleted = 0 AND sha256 IS NOT NULL)",
                              error);
}

/* The annex start set by hand on @sha256, or 0. */
static int
find_annex_start_set_on (PreuvesPortfolio *portfolio,
                         const char       *sha256)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = preuves_portfolio_prepare (portfolio,
                                    "SELECT manual_annex_start FROM page_check WHERE sha256 = ?1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return MAX (preuves_sqlite_column_int_or_unknown (stmt, 0), 0);
}

/* @page 0 forgets it. */
static gboolean
remember_annex_start (PreuvesPortfolio  *portfolio,
                      const char        *sha256,
                      int                page,
                      GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = preuves_portfolio_prepare (portfolio,
                                    "INSERT INTO page_check (sha256, manual_annex_start) VALUES (?1, ?2)"
                                    " ON CONFLICT (sha256) DO UPDATE SET"
                                    " manual_annex_start = excluded.manual_annex_start", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  preuves_sqlite_bind_int_or_null (stmt, 2, page > 0 ? page : -1);
  return preuves_portfolio_step_done (portfolio, stmt, error);
}

/* Stores @check as the check of the written document, and with its bytes. */
static gboolean
store_check (PreuvesPortfolio              *portfolio,
             const char                    *epreuve_id,
             const PreuvesWrittenDocument  *check,
             GError                       **error)
{
  if (!preuves_portfolio_begin (portfolio, error))
    return FALSE;
  if (!preuves_portfolio_set_written_document_check (portfolio, epreuve_id, check, error) ||
      !remember_check (portfolio, check, error))
    {
      preuves_portfolio_rollback (portfolio);
      return FALSE;
    }
  return preuves_portfolio_commit (portfolio, error);
}

/* What a failed check says about the document itself, and so is kept with
 * its bytes. A missing probe, a timeout or a cancellation say nothing about
 * the document: they are reported and the check can be tried again. */
static gboolean
error_is_about_document (const GError *error)
{
  if (!g_error_matches (error, PREUVES_PDF_ERROR, error->code))
    return FALSE;
  switch ((PreuvesPdfError) error->code)
    {
    case PREUVES_PDF_ERROR_NOT_PDF:
    case PREUVES_PDF_ERROR_EMPTY:
    case PREUVES_PDF_ERROR_ENCRYPTED:
    case PREUVES_PDF_ERROR_DAMAGED:
      return TRUE;
    case PREUVES_PDF_ERROR_TIMEOUT:
    case PREUVES_PDF_ERROR_NO_PROBE:
    case PREUVES_PDF_ERROR_BAD_ANNEX_START:
    default:
      return FALSE;
    }
}

static void
check_from_report (PreuvesPdfReport       *report,
                   const char             *sha256,
                   PreuvesWrittenDocument *check)
{
  check->pages_total = preuves_pdf_report_get_pages_total (report);
  check->text_layer = preuves_pdf_report_get_text_layer (report) ? 1 : 0;
  check->annex_start = preuves_pdf_report_get_annex_start (report);
  check->annex_method = preuves_pdf_report_get_annex_method (report);
  check->pages_counted = preuves_pdf_report_get_pages_counted (report);
  check->checked_sha256 = g_strdup (sha256);
}

static void
check_from_error (const GError           *error,
                  const char             *sha256,
                  PreuvesWrittenDocument *check)
{
  check->pages_total = -1;
  check->text_layer = -1;
  check->annex_start = -1;
  check->annex_method = PREUVES_ANNEX_METHOD_NONE;
  check->pages_counted = -1;
  check->check_error = g_strdup (preuves_pdf_error_to_string (error->code));
  check->checked_sha256 = g_strdup (sha256);
}

/* Stores @check and returns the document as it now is. */
static void
return_stored (GTask                  *task,
               PreuvesPortfolio       *portfolio,
               const CheckData        *data,
               PreuvesWrittenDocument *check)
{
  GError *error = NULL;
  PreuvesWrittenDocument *document;

  if (!store_check (portfolio, data->epreuve_id, check, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  document = get_document (portfolio, data->epreuve_id, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, apply_manual_annex_start (document),
                           (GDestroyNotify) preuves_written_document_free);
}

static void
probe_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PreuvesPortfolio *portfolio = g_task_get_source_object (task);
  const CheckData *data = g_task_get_task_data (task);
  g_autoptr(PreuvesPdfReport) report = NULL;
  g_autoptr(PreuvesWrittenDocument) check = g_new0 (PreuvesWrittenDocument, 1);
  GError *error = NULL;

  report = preuves_pdf_probe_run_finish (result, &error);
  if (report != NULL)
    check_from_report (report, data->sha256, check);
  else if (error_is_about_document (error))
    check_from_error (error, data->sha256, check);
  else
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_error (&error);

  if (preuves_portfolio_is_closed (portfolio))
    g_task_return_new_error (task, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_CLOSED,
                             _("The portfolio was closed before the check of its document ended."));
  else
    return_stored (task, portfolio, data, check);
}

/* The document's bytes were never checked under this épreuve: reuse a
 * check of the same bytes, or run the probe. Takes @task. */
static void
start_check (GTask                  *task,
             PreuvesWrittenDocument *document)
{
  PreuvesPortfolio *portfolio = g_task_get_source_object (task);
  g_autoptr(PreuvesWrittenDocument) previous = g_new0 (PreuvesWrittenDocument, 1);
  g_autoptr(GInputStream) stream = NULL;
  PreuvesPdfProbeOptions options = { 0, };
  CheckData *data = g_new0 (CheckData, 1);
  GError *error = NULL;

  data->epreuve_id = g_strdup (document->epreuve_id);
  data->sha256 = g_strdup (document->sha256);
  g_task_set_task_data (task, data, check_data_free);

  if (find_previous_check (portfolio, document->sha256, previous))
    return_stored (task, portfolio, data, previous);
  else if ((stream = preuves_portfolio_open_blob_stream (portfolio, document->sha256, &error)) == NULL)
    g_task_return_error (task, error);
  else
    {
      /* The probe looks for the annexes itself; a manual start is applied
       * on top of its result, so that clearing it brings the found one back. */
      preuves_pdf_probe_run_async (stream, &options, g_task_get_cancellable (task),
                                   probe_done_cb, g_object_ref (task));
    }
  g_object_unref (task);
}

/**
 * preuves_document_check_run_async:
 * @portfolio: a portfolio
 * @epreuve_id: "bloc1" or "finale"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the current thread-default main context
 * @user_data: data for @callback
 *
 * Checks the pages of the written document of @epreuve_id. When these bytes
 * were checked before, the stored result is returned without running the
 * probe.
 */
void
preuves_document_check_run_async (PreuvesPortfolio    *portfolio,
                                  const char          *epreuve_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(PreuvesWrittenDocument) document = NULL;
  GError *error = NULL;

  g_return_if_fail (PREUVES_IS_PORTFOLIO (portfolio));
  g_return_if_fail (epreuve_id != NULL);

  task = g_task_new (portfolio, cancellable, callback, user_data);
  g_task_set_source_tag (task, preuves_document_check_run_async);
  document = get_document (portfolio, epreuve_id, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else if (is_checked (document) && check_is_current (portfolio, document->sha256))
    g_task_return_pointer (task, apply_manual_annex_start (g_steal_pointer (&document)),
                           (GDestroyNotify) preuves_written_document_free);
  else
    start_check (g_steal_pointer (&task), document);
}

PreuvesWrittenDocument *
preuves_document_check_run_finish (PreuvesPortfolio  *portfolio,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, portfolio), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Attaching ------------------------------------------------------------------
 *
 * The chosen file is checked before it is stored, straight from the file:
 * a PDF that cannot be a written document must never push out the one
 * there is, with its check and the annex start the user set by hand. The
 * steps: hash the file, so that a check of the same bytes is reused
 * without the probe; else run the probe once on the file; store the file;
 * store that check with it. */

typedef struct
{
  char                   *epreuve_id;
  GFile                  *file;
  PreuvesWrittenDocument *previous;  /* the document it replaces, or NULL */
  char                   *sha256;    /* of @file, before it was checked */
  PreuvesWrittenDocument *check;     /* what the check found, to store */
  GError                 *unchecked; /* why @file is stored unchecked */
} AttachData;

static void
attach_data_free (gpointer data)
{
  AttachData *attach = data;

  g_free (attach->epreuve_id);
  g_clear_object (&attach->file);
  g_clear_pointer (&attach->previous, preuves_written_document_free);
  g_free (attach->sha256);
  g_clear_pointer (&attach->check, preuves_written_document_free);
  g_clear_error (&attach->unchecked);
  g_free (attach);
}

static void
attached_check_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  PreuvesWrittenDocument *document;

  document = preuves_document_check_run_finish (PREUVES_PORTFOLIO (object), result, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, (GDestroyNotify) preuves_written_document_free);
}

/* The annex start the user set on the pages of @sha256: kept when the same
 * bytes are added over themselves, or set on them before they were
 * replaced or removed. Never one set on other bytes. */
static int
annex_start_set_on (PreuvesPortfolio             *portfolio,
                    const PreuvesWrittenDocument *previous,
                    const char                   *sha256)
{
  if (previous != NULL && previous->manual_annex_start > 0 && g_strcmp0 (previous->sha256, sha256) == 0)
    return previous->manual_annex_start;
  return find_annex_start_set_on (portfolio, sha256);
}

/* Stores the check with the bytes it was made on. If the file changed
 * between its check and its storing, the check is left out and
 * preuves_document_check_run_async() checks the stored bytes instead.
 * Storing new bytes cleared the manual annex start, which was about other
 * pages; the one set on these bytes, if any, comes back with them. */
static gboolean
store_chosen_check (PreuvesPortfolio  *portfolio,
                    const AttachData  *data,
                    GError           **error)
{
  g_autoptr(PreuvesWrittenDocument) current = NULL;
  int manual;

  current = preuves_portfolio_get_written_document (portfolio, data->epreuve_id);
  if (current == NULL || g_strcmp0 (current->sha256, data->sha256) != 0)
    return TRUE;
  if (data->check != NULL && !store_check (portfolio, data->epreuve_id, data->check, error))
    return FALSE;
  manual = annex_start_set_on (portfolio, data->previous, current->sha256);
  if (manual <= 0 || manual == current->manual_annex_start)
    return TRUE;
  return preuves_portfolio_set_manual_annex_start (portfolio, data->epreuve_id, manual, error);
}

static void
chosen_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PreuvesPortfolio *portfolio = PREUVES_PORTFOLIO (object);
  AttachData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (!preuves_portfolio_set_written_document_finish (portfolio, result, &error) ||
      !store_chosen_check (portfolio, data, &error))
    g_task_return_error (task, error);
  else if (data->unchecked != NULL)
    g_task_return_error (task, g_steal_pointer (&data->unchecked));
  else
    preuves_document_check_run_async (portfolio, data->epreuve_id, cancellable,
                                      attached_check_done_cb, g_steal_pointer (&task));
}

/* Takes @task. */
static void
store_chosen_file (GTask *task)
{
  PreuvesPortfolio *portfolio = g_task_get_source_object (task);
  const AttachData *data = g_task_get_task_data (task);

  preuves_portfolio_set_written_document_async (portfolio, data->epreuve_id, data->file,
                                                g_task_get_cancellable (task), chosen_stored_cb, task);
}

/* The probe's error, said as what happened to the portfolio. */
static GError *
previous_kept_error (const GError *error)
{
  const char *message;

  switch ((PreuvesPdfError) error->code)
    {
    case PREUVES_PDF_ERROR_NOT_PDF:
      message = _("This file is not a PDF. The previous document was kept. Export your document as PDF from your word processor and add the PDF.");
      break;
    case PREUVES_PDF_ERROR_EMPTY:
      message = _("This PDF is empty: it has no pages. The previous document was kept. Check that you chose the right file.");
      break;
    case PREUVES_PDF_ERROR_ENCRYPTED:
      message = _("This PDF is protected by a password, so its pages cannot be counted. The previous document was kept. Remove the protection and add it again.");
      break;
    case PREUVES_PDF_ERROR_DAMAGED:
      message = _("This PDF could not be read: it may be damaged. The previous document was kept. Export it again from your word processor and add it again.");
      break;
    case PREUVES_PDF_ERROR_TIMEOUT:
      message = _("Reading this PDF took too long, so its pages could not be counted. The previous document was kept. Export it again with smaller images and add it again.");
      break;
    case PREUVES_PDF_ERROR_NO_PROBE:
      message = _("The PDF checker (preuves-pdf-probe) could not be started, so this PDF was not checked. The previous document was kept. Reinstall Preuves, then add it again.");
      break;
    case PREUVES_PDF_ERROR_BAD_ANNEX_START:
    default:
      return g_error_copy (error);
    }
  return g_error_new_literal (PREUVES_PDF_ERROR, error->code, message);
}

/* The chosen file could not be checked. A document that cannot be used is
 * never stored. A timeout or a missing probe says nothing about the file,
 * but the document it would replace may be a good one, checked, with an
 * annex start set by hand: keeping it loses nothing, and the user can add
 * the file again once the probe works. With no document yet there is
 * nothing to lose, so such a file is stored unchecked, to be checked
 * later, as before. Anything else (an unreadable file, a cancellation)
 * leaves the portfolio as it was. Takes @task and @error. */
static void
chosen_check_failed (GTask  *task,
                     GError *error)
{
  AttachData *data = g_task_get_task_data (task);
  gboolean from_probe = g_error_matches (error, PREUVES_PDF_ERROR, error->code);

  if (from_probe && data->previous == NULL && !error_is_about_document (error))
    {
      data->unchecked = error;
      store_chosen_file (task);
      return;
    }
  if (from_probe && data->previous != NULL)
    {
      GError *kept = previous_kept_error (error);

      g_error_free (error);
      error = kept;
    }
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
chosen_probed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  AttachData *data = g_task_get_task_data (task);
  g_autoptr(PreuvesPdfReport) report = NULL;
  GError *error = NULL;

  report = preuves_pdf_probe_run_finish (result, &error);
  if (report == NULL)
    {
      chosen_check_failed (task, error);
      return;
    }
  data->check = g_new0 (PreuvesWrittenDocument, 1);
  check_from_report (report, data->sha256, data->check);
  store_chosen_file (task);
}

/* The error a stored check of the same bytes found. */
static GError *
stored_check_error (const PreuvesWrittenDocument *check)
{
  PreuvesPdfError code = PREUVES_PDF_ERROR_DAMAGED;

  preuves_pdf_error_from_string (check->check_error, &code);
  return preuves_pdf_error_new (code, 0);
}

/* Takes @task. */
static void
check_chosen_file (GTask *task)
{
  PreuvesPortfolio *portfolio = g_task_get_source_object (task);
  AttachData *data = g_task_get_task_data (task);
  g_autoptr(PreuvesWrittenDocument) known = g_new0 (PreuvesWrittenDocument, 1);
  PreuvesPdfProbeOptions options = { 0, };

  if (!find_previous_check (portfolio, data->sha256, known))
    {
      /* As in start_check(): the probe finds the annexes itself. */
      preuves_pdf_probe_run_file_async (data->file, &options, g_task_get_cancellable (task),
                                        chosen_probed_cb, task);
    }
  else if (known->check_error != NULL)
    chosen_check_failed (task, stored_check_error (known));
  else
    {
      data->check = g_steal_pointer (&known);
      store_chosen_file (task);
    }
}

static void
hash_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  char *sha256 = preuves_blob_store_hash_file (G_FILE (task_data), cancellable, &error);

  if (sha256 == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sha256, g_free);
}

static void
hashed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  AttachData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->sha256 = g_task_propagate_pointer (G_TASK (result), &error);
  if (data->sha256 == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
    }
  else
    check_chosen_file (task);
}

/**
 * preuves_document_check_attach_async:
 * @portfolio: a portfolio
 * @epreuve_id: "bloc1" or "finale"
 * @pdf: the PDF to store as the épreuve's written document
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the current thread-default main context
 * @user_data: data for @callback
 *
 * Checks @pdf, then stores it as the written document of @epreuve_id,
 * replacing the previous one, with the result of that check. When @pdf
 * cannot be used (not a PDF, empty, protected by a password, damaged), or
 * cannot be checked and would replace a document, nothing changes and
 * preuves_document_check_attach_finish() says why, and that the previous
 * document was kept.
 */
void
preuves_document_check_attach_async (PreuvesPortfolio    *portfolio,
                                     const char          *epreuve_id,
                                     GFile               *pdf,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) hasher = NULL;
  AttachData *data;
  GTask *task;

  g_return_if_fail (PREUVES_IS_PORTFOLIO (portfolio));
  g_return_if_fail (epreuve_id != NULL);
  g_return_if_fail (G_IS_FILE (pdf));

  data = g_new0 (AttachData, 1);
  data->epreuve_id = g_strdup (epreuve_id);
  data->file = g_object_ref (pdf);
  data->previous = preuves_portfolio_get_written_document (portfolio, epreuve_id);
  task = g_task_new (portfolio, cancellable, callback, user_data);
  g_task_set_source_tag (task, preuves_document_check_attach_async);
  g_task_set_task_data (task, data, attach_data_free);

  /* No source object: the worker thread may drop its last reference on
   * the hasher after @task ended, and must not hold the portfolio then. */
  hasher = g_task_new (NULL, cancellable, hashed_cb, task);
  g_task_set_task_data (hasher, g_object_ref (pdf), g_object_unref);
  g_task_run_in_thread (hasher, hash_thread);
}

PreuvesWrittenDocument *
preuves_document_check_attach_finish (PreuvesPortfolio  *portfolio,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, portfolio), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The synchronous forms, for the command line and the tests: they run the
 * async ones on a private main context. Never call them from a thread that
 * runs a user interface. */

PreuvesWrittenDocument *
preuves_document_check_run (PreuvesPortfolio  *portfolio,
                            const char        *epreuve_id,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_auto(PreuvesSyncWait) wait = { NULL, };

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  preuves_sync_wait_begin (&wait);
  preuves_document_check_run_async (portfolio, epreuve_id, cancellable, preuves_sync_wait_done_cb, &wait);
  return preuves_document_check_run_finish (portfolio, preuves_sync_wait_end (&wait), error);
}

PreuvesWrittenDocument *
preuves_document_check_attach (PreuvesPortfolio  *portfolio,
                               const char        *epreuve_id,
                               GFile             *pdf,
                               GCancellable      *cancellable,
                               GError           **error)
{
  g_auto(PreuvesSyncWait) wait = { NULL, };

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  preuves_sync_wait_begin (&wait);
  preuves_document_check_attach_async (portfolio, epreuve_id, pdf, cancellable,
                                       preuves_sync_wait_done_cb, &wait);
  return preuves_document_check_attach_finish (portfolio, preuves_sync_wait_end (&wait), error);
}

/**
 * preuves_document_check_set_annex_start:
 * @portfolio: a portfolio
 * @epreuve_id: "bloc1" or "finale"
 * @page: the first page of the annexes (1-based), or 0 to let the check
 *   find it again
 * @error: return location for an error
 *
 * Stores where the annexes start, as the user sees it. When the document
 * has been checked, @page must fall inside it.
 */
gboolean
preuves_document_check_set_annex_start (PreuvesPortfolio  *portfolio,
                                        const char        *epreuve_id,
                                        guint              page,
                                        GError           **error)
{
  g_autoptr(PreuvesWrittenDocument) document = NULL;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (epreuve_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((document = get_document (portfolio, epreuve_id, error)) == NULL)
    return FALSE;
  if (page > 0 && is_checked (document) && document->check_error == NULL &&
      page > (guint) MAX (document->pages_total, 0))
    {
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_BAD_ANNEX_START,
                                                       document->pages_total));
      return FALSE;
    }
  if (!preuves_portfolio_begin (portfolio, error))
    return FALSE;
  if (!preuves_portfolio_set_manual_annex_start (portfolio, epreuve_id, (int) page, error) ||
      !remember_annex_start (portfolio, document->sha256, (int) page, error))
    {
      preuves_portfolio_rollback (portfolio);
      return FALSE;
    }
  return preuves_portfolio_commit (portfolio, error);
}
