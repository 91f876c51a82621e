/* preuves-readiness-snapshot.c — what readiness needs to know about a portfolio
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "preuves-pdf-report.h"
#include "preuves-portfolio-private.h"
#include "preuves-readiness-snapshot.h"

G_DEFINE_BOXED_TYPE (PreuvesReadinessSnapshot, preuves_readiness_snapshot,
                     preuves_readiness_snapshot_ref, preuves_readiness_snapshot_unref)

static void
document_free (gpointer data)
{
  PreuvesSnapshotDocument *document = data;

  g_free (document->epreuve_id);
  g_free (document->error);
  g_free (document);
}

static void
rehearsal_free (gpointer data)
{
  PreuvesSnapshotRehearsal *rehearsal = data;

  g_free (rehearsal->epreuve_id);
  g_free (rehearsal);
}

static void
remark_free (gpointer data)
{
  PreuvesSnapshotRemark *remark = data;

  g_free (remark->remark_id);
  g_free (remark->target_kind);
  g_free (remark->target_id);
  g_free (remark->target_label);
  g_free (remark->text);
  g_free (remark);
}

PreuvesReadinessSnapshot *
preuves_readiness_snapshot_new (void)
{
  PreuvesReadinessSnapshot *self = g_new0 (PreuvesReadinessSnapshot, 1);

  g_atomic_ref_count_init (&self->ref_count);
  /* Thousands of links share a few hundred ids: store each id once. */
  self->links = g_array_new (FALSE, FALSE, sizeof (PreuvesSnapshotLink));
  self->strings = g_string_chunk_new (4096);
  self->documents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, document_free);
  self->criteria = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rehearsals = g_ptr_array_new_with_free_func (rehearsal_free);
  self->remarks = g_ptr_array_new_with_free_func (remark_free);
  return self;
}

PreuvesReadinessSnapshot *
preuves_readiness_snapshot_ref (PreuvesReadinessSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
preuves_readiness_snapshot_unref (PreuvesReadinessSnapshot *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->links);
  g_string_chunk_free (self->strings);
  g_hash_table_unref (self->documents);
  g_hash_table_unref (self->criteria);
  g_ptr_array_unref (self->rehearsals);
  g_ptr_array_unref (self->remarks);
  g_free (self);
}

void
preuves_readiness_snapshot_add_link (PreuvesReadinessSnapshot *self,
                                     const char               *preuve_id,
                                     const char               *sous_competence_id,
                                     gboolean                  justified)
{
  PreuvesSnapshotLink link;

  g_return_if_fail (self != NULL);
  g_return_if_fail (preuve_id != NULL);
  g_return_if_fail (sous_competence_id != NULL);

  link.preuve_id = g_string_chunk_insert_const (self->strings, preuve_id);
  link.sous_competence_id = g_string_chunk_insert_const (self->strings, sous_competence_id);
  link.justified = !!justified;
  g_array_append_val (self->links, link);
}

void
preuves_readiness_snapshot_add_document (PreuvesReadinessSnapshot      *self,
                                         const PreuvesSnapshotDocument *document)
{
  PreuvesSnapshotDocument *copy;

  g_return_if_fail (self != NULL);
  g_return_if_fail (document != NULL);
  g_return_if_fail (document->epreuve_id != NULL);

  copy = g_memdup2 (document, sizeof *document);
  copy->epreuve_id = g_strdup (document->epreuve_id);
  copy->error = g_strdup (document->error);
  g_hash_table_replace (self->documents, copy->epreuve_id, copy);
}

void
preuves_readiness_snapshot_add_criterion (PreuvesReadinessSnapshot *self,
                                          const char               *criterion_id,
                                          PreuvesCriterionState     state)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (criterion_id != NULL);

  /* Shifted by one so that "not-yet" (0) is not mistaken for "absent". */
  g_hash_table_replace (self->criteria, g_strdup (criterion_id), GINT_TO_POINTER (state + 1));
}

gboolean
preuves_readiness_snapshot_lookup_criterion (PreuvesReadinessSnapshot *self,
                                             const char               *criterion_id,
                                             PreuvesCriterionState    *state)
{
  gpointer value;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (criterion_id != NULL, FALSE);

  value = g_hash_table_lookup (self->criteria, criterion_id);
  if (value == NULL)
    return FALSE;
  if (state != NULL)
    *state = (PreuvesCriterionState) (GPOINTER_TO_INT (value) - 1);
  return TRUE;
}

void
preuves_readiness_snapshot_add_rehearsal (PreuvesReadinessSnapshot *self,
                                          const char               *epreuve_id,
                                          guint                     presentation_seconds,
                                          guint                     exchange_seconds)
{
  PreuvesSnapshotRehearsal *rehearsal;

  g_return_if_fail (self != NULL);
  g_return_if_fail (epreuve_id != NULL);

  rehearsal = g_new0 (PreuvesSnapshotRehearsal, 1);
  rehearsal->epreuve_id = g_strdup (epreuve_id);
  rehearsal->presentation_seconds = presentation_seconds;
  rehearsal->exchange_seconds = exchange_seconds;
  g_ptr_array_add (self->rehearsals, rehearsal);
}

void
preuves_readiness_snapshot_add_remark (PreuvesReadinessSnapshot *self,
                                       const char               *remark_id,
                                       const char               *target_kind,
                                       const char               *target_id,
                                       const char               *target_label,
                                       const char               *text)
{
  PreuvesSnapshotRemark *remark;

  g_return_if_fail (self != NULL);
  g_return_if_fail (remark_id != NULL);
  g_return_if_fail (target_kind != NULL);

  remark = g_new0 (PreuvesSnapshotRemark, 1);
  remark->remark_id = g_strdup (remark_id);
  remark->target_kind = g_strdup (target_kind);
  remark->target_id = g_strdup (target_id);
  remark->target_label = g_strdup (target_label);
  remark->text = g_strdup (text);
  g_ptr_array_add (self->remarks, remark);
}

/* Reading a portfolio: one query per table, never touching blob_chunk, so
 * the cost depends on the number of links and not on the documents. */

typedef void (*RowFunc) (PreuvesReadinessSnapshot *self,
                             sqlite3_stmt             *stmt);

static gboolean
for_each_row (PreuvesPortfolio          *portfolio,
              const char                *sql,
              RowFunc                    func,
              PreuvesReadinessSnapshot  *self,
              GError                   **error)
{
  sqlite3 *db = preuves_portfolio_get_db (portfolio);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return preuves_portfolio_set_sqlite_error (error, db, rc);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (self, stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return preuves_portfolio_set_sqlite_error (error, db, rc);
  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static int
column_int_or (sqlite3_stmt *stmt,
               int           column,
               int           fallback)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return fallback;
  return sqlite3_column_int (stmt, column);
}

static void
add_link_row (PreuvesReadinessSnapshot *self,
              sqlite3_stmt             *stmt)
{
  preuves_readiness_snapshot_add_link (self, column_text (stmt, 0), column_text (stmt, 1),
                                       sqlite3_column_int (stmt, 2) != 0);
}

/* The stored error is a stable code ("encrypted"); the sentence is made
 * here so that it follows the reader's language. */
static char *
check_error_message (const char *code,
                     int         pages_total)
{
  g_autoptr(GError) error = NULL;
  PreuvesPdfError value;

  if (code == NULL)
    return NULL;
  if (!preuves_pdf_error_from_string (code, &value))
    return g_strdup (code);
  error = preuves_pdf_error_new (value, MAX (pages_total, 0));
  return g_strdup (error->message);
}

static void
add_document_row (PreuvesReadinessSnapshot *self,
                  sqlite3_stmt             *stmt)
{
  PreuvesSnapshotDocument document = { 0, };
  g_autofree char *error = NULL;
  int manual_start = column_int_or (stmt, 8, 0);

  document.epreuve_id = (char *) column_text (stmt, 0);
  document.checked = sqlite3_column_int (stmt, 1) != 0;
  document.pages_total = column_int_or (stmt, 3, -1);
  document.text_layer = column_int_or (stmt, 4, 0) > 0;
  document.annex_start = column_int_or (stmt, 5, 0);
  preuves_annex_method_from_string (column_text (stmt, 6), &document.annex_method);
  document.pages_counted = column_int_or (stmt, 7, -1);
  if (document.checked)
    error = check_error_message (column_text (stmt, 2), document.pages_total);
  document.error = error;

  /* A start set by hand wins over what the probe found, as long as it
   * falls inside the document (as in preuves-document-check.c). */
  if (document.checked && manual_start > 0 && document.pages_total >= manual_start)
    {
      document.annex_start = manual_start;
      document.annex_method = PREUVES_ANNEX_METHOD_MANUAL;
      document.pages_counted = manual_start - 1;
    }
  preuves_readiness_snapshot_add_document (self, &document);
}

static void
add_criterion_row (PreuvesReadinessSnapshot *self,
                   sqlite3_stmt             *stmt)
{
  PreuvesCriterionState state;

  if (preuves_criterion_state_from_string (column_text (stmt, 1), &state))
    preuves_readiness_snapshot_add_criterion (self, column_text (stmt, 0), state);
}

static void
add_rehearsal_row (PreuvesReadinessSnapshot *self,
                   sqlite3_stmt             *stmt)
{
  preuves_readiness_snapshot_add_rehearsal (self, column_text (stmt, 0),
                                            MAX (sqlite3_column_int (stmt, 1), 0),
                                            MAX (sqlite3_column_int (stmt, 2), 0));
}

static void
add_remark_row (PreuvesReadinessSnapshot *self,
                sqlite3_stmt             *stmt)
{
  preuves_readiness_snapshot_add_remark (self, column_text (stmt, 0), column_text (stmt, 1),
                                         column_text (stmt, 2), column_text (stmt, 3),
                                         column_text (stmt, 4));
}

static const char links_sql[] =
  "SELECT preuve_uuid, sous_competence_id, trim (justification) <> '' "
  "FROM link WHERE deleted = 0";

/* checked: the stored result was computed on the document's current bytes. */
static const char documents_sql[] =
  "SELECT epreuve_id, checked_sha256 IS NOT NULL AND checked_sha256 = sha256, check_error, "
  "       pages_total, text_layer, annex_start, annex_method, pages_counted, manual_annex_start "
  "FROM written_document WHERE deleted = 0 AND sha256 IS NOT NULL";

static const char criteria_sql[] =
  "SELECT criterion_id, state FROM criterion_assessment WHERE deleted = 0";

static const char rehearsals_sql[] =
  "SELECT epreuve_id, presentation_seconds, exchange_seconds FROM rehearsal WHERE deleted = 0";

/* Only the advisor's open remarks hold a bloc back. A remark on a document
 * may name the document's row: report it under its épreuve. A remark on a
 * deleted preuve is moot. */
static const char remarks_sql[] =
  "SELECT r.uuid, r.target_kind, "
  "       CASE WHEN d.epreuve_id IS NOT NULL THEN d.epreuve_id ELSE r.target_id END, "
  "       p.title, r.text "
  "FROM remark r "
  "LEFT JOIN preuve p ON r.target_kind = 'preuve' AND p.uuid = r.target_id "
  "LEFT JOIN written_document d ON r.target_kind = 'document' AND d.uuid = r.target_id "
  "WHERE r.deleted = 0 AND r.resolved = 0 AND r.role = 'advisor' "
  "  AND (p.uuid IS NULL OR p.deleted = 0) "
  "ORDER BY r.created_at, r.id";

/**
 * preuves_readiness_snapshot_new_from_portfolio:
 * @portfolio: an open portfolio
 * @error: return location for an error
 *
 * Reads what readiness needs from @portfolio, on the portfolio's thread.
 *
 * Returns: (transfer full): a snapshot, or %NULL on a read error
 */
PreuvesReadinessSnapshot *
preuves_readiness_snapshot_new_from_portfolio (PreuvesPortfolio  *portfolio,
                                               GError           **error)
{
  g_autoptr(PreuvesReadinessSnapshot) self = NULL;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (preuves_portfolio_is_closed (portfolio))
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_CLOSED,
                           _("The portfolio was closed: open it again to see how ready it is."));
      return NULL;
    }

  self = preuves_readiness_snapshot_new ();
  if (!for_each_row (portfolio, links_sql, add_link_row, self, error) ||
      !for_each_row (portfolio, documents_sql, add_document_row, self, error) ||
      !for_each_row (portfolio, criteria_sql, add_criterion_row, self, error) ||
      !for_each_row (portfolio, rehearsals_sql, add_rehearsal_row, self, error) ||
      !for_each_row (portfolio, remarks_sql, add_remark_row, self, error))
    return NULL;
  return g_steal_pointer (&self);
}
