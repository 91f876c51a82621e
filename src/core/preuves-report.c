/* preuves-report.c — the synthesis report for the jury, drawn with cairo and pango
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is a list of blocks (headings, paragraphs, table rows) laid
 * out onto pages once, then drawn page by page: the PDF export and the
 * print dialog share both steps, so what prints is what the jury reads.
 * Table rows are never cut across pages when they fit on one, and a table
 * that goes on repeats its header row.
 */

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>

#include "preuves-assessment.h"
#include "preuves-i18n.h"
#include "preuves-readiness.h"
#include "preuves-referentiel.h"
#include "preuves-report.h"

#define A4_WIDTH   595.276
#define A4_HEIGHT  841.890
#define MARGIN     56.0
#define FOOTER     28.0
#define CELL_PAD   4.0
#define MAX_CELLS  4

/* ---- What the report shows ------------------------------------------------- */

typedef struct
{
  char *preuve_title;
  char *justification;
} RLink;

typedef struct
{
  const PreuvesSousCompetence *sous_competence;
  GPtrArray                   *links; /* RLink */
} RRow;

typedef struct
{
  const PreuvesBloc    *bloc;
  PreuvesReadinessPart *part;
  GPtrArray            *rows;    /* RRow, the bloc's sous-compétences in order */
  GPtrArray            *preuves; /* PreuvesReportPreuve, not owned */
} RBloc;

struct _PreuvesReport
{
  GObject                parent_instance;

  PreuvesReferentiel    *referentiel;
  char                  *portfolio_path;
  char                  *candidate;
  char                  *etablissement;
  char                  *secteur;
  char                  *path_title;
  char                  *date;
  gboolean               include_confidential;
  guint                  n_excluded;
  PreuvesReadinessPart  *overall;
  GPtrArray             *blocs;     /* RBloc */
  GPtrArray             *preuves;   /* PreuvesReportPreuve, owned */
  GPtrArray             *documents; /* PreuvesWrittenDocument or NULL, one per written spec */
  GPtrArray             *specs;     /* const PreuvesWrittenDocumentSpec */

  struct _Layout        *print_layout;
};

G_DEFINE_FINAL_TYPE (PreuvesReport, preuves_report, G_TYPE_OBJECT)

static void layout_free (struct _Layout *layout);

static void
rlink_free (RLink *link)
{
  g_free (link->preuve_title);
  g_free (link->justification);
  g_free (link);
}

static void
rrow_free (RRow *row)
{
  g_ptr_array_unref (row->links);
  g_free (row);
}

static void
rbloc_free (RBloc *bloc)
{
  g_clear_pointer (&bloc->part, preuves_readiness_part_free);
  g_ptr_array_unref (bloc->rows);
  g_ptr_array_unref (bloc->preuves);
  g_free (bloc);
}

static void
report_attachment_free (PreuvesReportAttachment *attachment)
{
  g_free (attachment->filename);
  g_free (attachment->content_type);
  g_free (attachment->sha256);
  g_free (attachment);
}

static void
report_preuve_free (PreuvesReportPreuve *preuve)
{
  g_free (preuve->uuid);
  g_free (preuve->title);
  g_ptr_array_unref (preuve->attachments);
  g_free (preuve);
}

static void
preuves_report_finalize (GObject *object)
{
  PreuvesReport *self = PREUVES_REPORT (object);

  g_clear_pointer (&self->print_layout, layout_free);
  g_clear_object (&self->referentiel);
  g_free (self->portfolio_path);
  g_free (self->candidate);
  g_free (self->etablissement);
  g_free (self->secteur);
  g_free (self->path_title);
  g_free (self->date);
  g_clear_pointer (&self->overall, preuves_readiness_part_free);
  g_clear_pointer (&self->blocs, g_ptr_array_unref);
  g_clear_pointer (&self->preuves, g_ptr_array_unref);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->specs, g_ptr_array_unref);

  G_OBJECT_CLASS (preuves_report_parent_class)->finalize (object);
}

static void
preuves_report_class_init (PreuvesReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = preuves_report_finalize;
}

static void
preuves_report_init (PreuvesReport *self)
{
  self->blocs = g_ptr_array_new_with_free_func ((GDestroyNotify) rbloc_free);
  self->preuves = g_ptr_array_new_with_free_func ((GDestroyNotify) report_preuve_free);
  self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) preuves_written_document_free);
  self->specs = g_ptr_array_new ();
}

/* ---- Gathering, on the portfolio's thread ---------------------------------- */

static PreuvesReportPreuve *
report_preuve_new (PreuvesPreuve *preuve)
{
  PreuvesReportPreuve *copy = g_new0 (PreuvesReportPreuve, 1);
  GListModel *attachments = preuves_preuve_get_attachments (preuve);

  copy->uuid = g_strdup (preuves_preuve_get_uuid (preuve));
  copy->title = g_strdup (preuves_preuve_get_title (preuve));
  copy->confidential = preuves_preuve_get_confidential (preuve);
  copy->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) report_attachment_free);
  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(PreuvesAttachment) attachment = g_list_model_get_item (attachments, i);
      PreuvesReportAttachment *a = g_new0 (PreuvesReportAttachment, 1);

      a->filename = g_strdup (preuves_attachment_get_filename (attachment));
      a->content_type = g_strdup (preuves_attachment_get_content_type (attachment));
      a->sha256 = g_strdup (preuves_attachment_get_sha256 (attachment));
      a->size = preuves_attachment_get_size (attachment);
      g_ptr_array_add (copy->attachments, a);
    }
  return copy;
}

static void
gather_blocs (PreuvesReport *self,
              GHashTable    *rows_by_id)
{
  GPtrArray *blocs = preuves_referentiel_get_blocs (self->referentiel);

  for (guint i = 0; i < blocs->len; i++)
    {
      const PreuvesBloc *bloc = blocs->pdata[i];
      RBloc *rbloc = g_new0 (RBloc, 1);

      rbloc->bloc = bloc;
      rbloc->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) rrow_free);
      rbloc->preuves = g_ptr_array_new ();
      for (guint j = 0; j < bloc->sous_competences->len; j++)
        {
          RRow *row = g_new0 (RRow, 1);

          row->sous_competence = bloc->sous_competences->pdata[j];
          row->links = g_ptr_array_new_with_free_func ((GDestroyNotify) rlink_free);
          g_ptr_array_add (rbloc->rows, row);
          g_hash_table_insert (rows_by_id, (gpointer) row->sous_competence->id, row);
        }
      g_ptr_array_add (self->blocs, rbloc);
    }
}

static void
gather_links (PreuvesReport       *self,
              PreuvesPortfolio    *portfolio,
              PreuvesPreuve       *preuve,
              PreuvesReportPreuve *copy,
              GHashTable          *rows_by_id)
{
  g_autoptr(GListModel) links = preuves_portfolio_list_links_for_preuve (portfolio, preuve);
  guint blocs_seen = 0;

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(PreuvesLink) link = g_list_model_get_item (links, i);
      RRow *row = g_hash_table_lookup (rows_by_id, preuves_link_get_sous_competence_id (link));
      RLink *rlink;
      guint bloc;

      if (row == NULL)
        continue;
      rlink = g_new0 (RLink, 1);
      rlink->preuve_title = g_strdup (copy->title);
      rlink->justification = g_strdup (preuves_link_get_justification (link));
      g_ptr_array_add (row->links, rlink);

      bloc = row->sous_competence->bloc->number - 1;
      if (bloc < self->blocs->len && !(blocs_seen & (1u << bloc)))
        {
          RBloc *rbloc = self->blocs->pdata[bloc];

          blocs_seen |= 1u << bloc;
          g_ptr_array_add (rbloc->preuves, copy);
        }
    }
}

static gboolean
is_excluded (GHashTable *excluded,
             const char *uuid)
{
  return uuid != NULL && g_hash_table_contains (excluded, uuid);
}

/* The portfolio as the jury sees it: without the preuves left out, their
 * links and the remarks made on them. */
static PreuvesReadinessSnapshot *
filtered_snapshot (PreuvesReadinessSnapshot *full,
                   GHashTable               *excluded)
{
  PreuvesReadinessSnapshot *snapshot = preuves_readiness_snapshot_new ();
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < full->links->len; i++)
    {
      PreuvesSnapshotLink *link = &g_array_index (full->links, PreuvesSnapshotLink, i);

      if (!is_excluded (excluded, link->preuve_id))
        preuves_readiness_snapshot_add_link (snapshot, link->preuve_id, link->sous_competence_id, link->justified);
    }
  g_hash_table_iter_init (&iter, full->documents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    preuves_readiness_snapshot_add_document (snapshot, value);
  g_hash_table_iter_init (&iter, full->criteria);
  while (g_hash_table_iter_next (&iter, &key, &value))
    preuves_readiness_snapshot_add_criterion (snapshot, key, GPOINTER_TO_INT (value) - 1);
  for (guint i = 0; i < full->rehearsals->len; i++)
    {
      PreuvesSnapshotRehearsal *rehearsal = full->rehearsals->pdata[i];

      preuves_readiness_snapshot_add_rehearsal (snapshot, rehearsal->epreuve_id,
                                                rehearsal->presentation_seconds, rehearsal->exchange_seconds);
    }
  for (guint i = 0; i < full->remarks->len; i++)
    {
      PreuvesSnapshotRemark *remark = full->remarks->pdata[i];

      if (g_strcmp0 (remark->target_kind, "preuve") == 0 && is_excluded (excluded, remark->target_id))
        continue;
      preuves_readiness_snapshot_add_remark (snapshot, remark->remark_id, remark->target_kind,
                                             remark->target_id, remark->target_label, remark->text);
    }
  return snapshot;
}

static gboolean
gather_readiness (PreuvesReport     *self,
                  PreuvesPortfolio  *portfolio,
                  GHashTable        *excluded,
                  GError           **error)
{
  g_autoptr(PreuvesReadinessSnapshot) full = preuves_readiness_snapshot_new_from_portfolio (portfolio, error);
  g_autoptr(PreuvesReadinessSnapshot) snapshot = NULL;
  g_autoptr(PreuvesReadiness) readiness = NULL;

  if (full == NULL)
    return FALSE;
  snapshot = filtered_snapshot (full, excluded);
  readiness = preuves_readiness_compute (self->referentiel, preuves_portfolio_get_path (portfolio), snapshot);
  self->overall = preuves_readiness_part_copy (preuves_readiness_get_overall (readiness));
  for (guint i = 0; i < self->blocs->len; i++)
    {
      RBloc *rbloc = self->blocs->pdata[i];
      const PreuvesReadinessPart *part = preuves_readiness_lookup_bloc (readiness, rbloc->bloc->code);

      rbloc->part = part != NULL ? preuves_readiness_part_copy (part) : NULL;
    }
  return TRUE;
}

static void
gather_documents (PreuvesReport    *self,
                  PreuvesPortfolio *portfolio)
{
  GPtrArray *epreuves = preuves_referentiel_get_epreuves (self->referentiel);

  for (guint i = 0; i < epreuves->len; i++)
    {
      const PreuvesEpreuve *epreuve = epreuves->pdata[i];

      if (epreuve->written_document == NULL)
        continue;
      g_ptr_array_add (self->specs, (gpointer) epreuve->written_document);
      g_ptr_array_add (self->documents, preuves_portfolio_get_written_document (portfolio, epreuve->id));
    }
}

static void
gather_identity (PreuvesReport    *self,
                 PreuvesPortfolio *portfolio)
{
  const PreuvesPathRules *rules = preuves_referentiel_get_path_rules (self->referentiel,
                                                                      preuves_portfolio_get_path (portfolio));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GFile *file = preuves_portfolio_get_file (portfolio);

  self->portfolio_path = file != NULL ? g_file_get_path (file) : NULL;
  self->candidate = g_strdup (preuves_portfolio_get_candidate_name (portfolio));
  self->etablissement = g_strdup (preuves_portfolio_get_etablissement (portfolio));
  self->secteur = g_strdup (preuves_portfolio_get_secteur (portfolio));
  self->path_title = g_strdup (rules != NULL ? rules->title : "");
  self->date = preuves_i18n_format_long_date (now);
}

/**
 * preuves_report_new:
 *
 * Returns: (transfer full): the report, or %NULL if the portfolio could
 * not be read.
 */
PreuvesReport *
preuves_report_new (PreuvesPortfolio  *portfolio,
                    gboolean           include_confidential,
                    GError           **error)
{
  g_autoptr(PreuvesReport) self = NULL;
  g_autoptr(GHashTable) rows_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *preuves;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PREUVES_TYPE_REPORT, NULL);
  self->referentiel = g_object_ref (preuves_referentiel_get_default ());
  self->include_confidential = include_confidential;
  gather_identity (self, portfolio);
  gather_blocs (self, rows_by_id);

  preuves = preuves_portfolio_get_preuves (portfolio);
  for (guint i = 0; i < g_list_model_get_n_items (preuves); i++)
    {
      g_autoptr(PreuvesPreuve) preuve = g_list_model_get_item (preuves, i);
      PreuvesReportPreuve *copy;

      if (preuves_preuve_get_confidential (preuve) && !include_confidential)
        {
          g_hash_table_add (excluded, g_strdup (preuves_preuve_get_uuid (preuve)));
          self->n_excluded++;
          continue;
        }
      copy = report_preuve_new (preuve);
      g_ptr_array_add (self->preuves, copy);
      gather_links (self, portfolio, preuve, copy, rows_by_id);
    }

  if (!gather_readiness (self, portfolio, excluded, error))
    return NULL;
  gather_documents (self, portfolio);
  return g_steal_pointer (&self);
}

guint
preuves_report_get_n_excluded (PreuvesReport *self)
{
  g_return_val_if_fail (PREUVES_IS_REPORT (self), 0);

  return self->n_excluded;
}

const char *
preuves_report_get_portfolio_path (PreuvesReport *self)
{
  g_return_val_if_fail (PREUVES_IS_REPORT (self), NULL);

  return self->portfolio_path;
}

static RBloc *
find_bloc (PreuvesReport *self,
           const char    *code)
{
  for (guint i = 0; i < self->blocs->len; i++)
    {
      RBloc *rbloc = self->blocs->pdata[i];

      if (g_str_equal (rbloc->bloc->code, code))
        return rbloc;
    }
  return NULL;
}

/**
 * preuves_report_get_bloc_preuves:
 *
 * Returns: (transfer none) (element-type PreuvesReportPreuve) (nullable):
 * the preuves of the bloc, or %NULL for an unknown code.
 */
GPtrArray *
preuves_report_get_bloc_preuves (PreuvesReport *self,
                                 const char    *bloc_code)
{
  RBloc *rbloc;

  g_return_val_if_fail (PREUVES_IS_REPORT (self), NULL);
  g_return_val_if_fail (bloc_code != NULL, NULL);

  rbloc = find_bloc (self, bloc_code);
  return rbloc != NULL ? rbloc->preuves : NULL;
}

/* ---- Blocks of the page ---------------------------------------------------- */

typedef enum
{
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_HEADING,
  STYLE_SUBHEADING,
  STYLE_BODY,
  STYLE_BULLET,
  STYLE_NOTE,
  STYLE_ROW,
  STYLE_HEADER_ROW,
} Style;

typedef struct
{
  guint  n_cells;
  double widths[MAX_CELLS]; /* fractions of the text width */
} Table;

typedef struct _Block
{
  Style         style;
  gboolean      page_break;    /* starts a new page */
  double        space_before;
  char         *markup[MAX_CELLS];
  const Table  *table;         /* rows only */
  struct _Block *header;       /* rows only: the row to repeat on a new page */
  char         *bookmark;      /* an outline entry in the PDF */
  PangoLayout  *layouts[MAX_CELLS];
  double        height;
} Block;

typedef struct
{
  Block  *block;
  double  y;
  double  offset;  /* into a row too tall for a page */
  double  visible;
} Placement;

typedef struct _Layout
{
  GPtrArray    *blocks; /* Block */
  GPtrArray    *pages;  /* GArray of Placement */
  PangoContext *context;
  double        width;
  double        height;
  char         *footer;
  gboolean      numbered; /* not in a deposit's frame, whose pages go among others */
} Layout;

static const Table summary_table = { 4, { 0.10, 0.50, 0.20, 0.20 } };
static const Table identity_table = { 2, { 0.30, 0.70 } };
static const Table correspondence_table = { 3, { 0.36, 0.24, 0.40 } };
static const Table document_table = { 2, { 0.40, 0.60 } };

static void
block_free (Block *block)
{
  for (guint i = 0; i < MAX_CELLS; i++)
    {
      g_free (block->markup[i]);
      g_clear_object (&block->layouts[i]);
    }
  g_free (block->bookmark);
  g_free (block);
}

static void
layout_free (Layout *layout)
{
  g_ptr_array_unref (layout->blocks);
  g_clear_pointer (&layout->pages, g_ptr_array_unref);
  g_clear_object (&layout->context);
  g_free (layout->footer);
  g_free (layout);
}

static Layout *
layout_new (PreuvesReport *self)
{
  Layout *layout = g_new0 (Layout, 1);

  layout->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  layout->numbered = TRUE;
  /* TRANSLATORS: the left part of every page's footer; %s is the candidate's name */
  layout->footer = g_markup_printf_escaped (_("%s — portfolio synthesis"),
                                            self->candidate != NULL && *self->candidate ? self->candidate : _("Candidate"));
  return layout;
}

static Block *
add_text (Layout     *layout,
          Style       style,
          double      space_before,
          const char *markup)
{
  Block *block = g_new0 (Block, 1);

  block->style = style;
  block->space_before = space_before;
  block->markup[0] = g_strdup (markup);
  g_ptr_array_add (layout->blocks, block);
  return block;
}

/* A header row when @is_header; other rows name the header to repeat on a
 * new page, or NULL. */
static Block *
add_row (Layout      *layout,
         const Table *table,
         gboolean     is_header,
         Block       *header,
         ...)
{
  Block *block = g_new0 (Block, 1);
  va_list args;

  block->style = is_header ? STYLE_HEADER_ROW : STYLE_ROW;
  block->table = table;
  block->header = header;
  va_start (args, header);
  for (guint i = 0; i < table->n_cells; i++)
    block->markup[i] = g_strdup (va_arg (args, const char *));
  va_end (args);
  g_ptr_array_add (layout->blocks, block);
  return block;
}

static void
add_page_break (Layout *layout)
{
  Block *block = g_new0 (Block, 1);

  block->page_break = TRUE;
  g_ptr_array_add (layout->blocks, block);
}

/* ---- Content --------------------------------------------------------------- */

static char *
coverage_text (const PreuvesReadinessPart *part)
{
  if (part == NULL)
    return g_strdup ("");
  /* TRANSLATORS: sous-compétences backed by a justified preuve, out of all */
  return g_strdup_printf (_("%u of %u"), part->covered, part->total);
}

static char *
esc (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

static void
add_identity_row (Layout     *layout,
                  Block      *header,
                  const char *label,
                  const char *value)
{
  g_autofree char *l = g_markup_printf_escaped ("<b>%s</b>", label);
  g_autofree char *v = esc (value != NULL && *value ? value : "—");

  add_row (layout, &identity_table, FALSE, header, l, v);
}

static void
add_title_page (PreuvesReport *self,
                Layout        *layout)
{
  g_autofree char *title = esc (preuves_referentiel_get_official_title (self->referentiel) != NULL ?
                                preuves_referentiel_get_official_title (self->referentiel) :
                                preuves_referentiel_get_title (self->referentiel));
  g_autofree char *heading = esc (_("Portfolio synthesis for the jury"));

  add_text (layout, STYLE_TITLE, 90, heading)->bookmark = g_strdup (_("Portfolio synthesis for the jury"));
  add_text (layout, STYLE_SUBTITLE, 10, title);
  add_text (layout, STYLE_BODY, 24, "");
  add_identity_row (layout, NULL, _("Candidate"), self->candidate);
  add_identity_row (layout, NULL, _("Establishment"), self->etablissement);
  add_identity_row (layout, NULL, _("Sector"), self->secteur);
  add_identity_row (layout, NULL, _("Path"), self->path_title);
  add_identity_row (layout, NULL, _("Date"), self->date);
  if (self->n_excluded > 0)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u confidential preuve is left out of this report.",
                                                            "%u confidential preuves are left out of this report.",
                                                            self->n_excluded),
                                               self->n_excluded);
      g_autofree char *markup = esc (note);

      add_text (layout, STYLE_NOTE, 18, markup);
    }
}

static gboolean
is_coverage_reason (const PreuvesReadinessReason *reason)
{
  return g_str_equal (reason->kind, "sous-competence-uncovered") ||
         g_str_equal (reason->kind, "sous-competence-unjustified");
}

/* One block per reason, so that a long list flows over pages. In a bloc's
 * section the table below already shows each sous-compétence without a
 * justified preuve: they are counted, not listed again. */
static void
add_reasons (Layout                     *layout,
             const PreuvesReadinessPart *part,
             gboolean                    count_coverage)
{
  guint uncovered = 0;

  if (part == NULL)
    return;
  for (guint i = 0; i < part->reasons->len; i++)
    {
      PreuvesReadinessReason *reason = part->reasons->pdata[i];
      g_autofree char *message = NULL;

      if (count_coverage && is_coverage_reason (reason))
        {
          uncovered++;
          continue;
        }
      message = g_markup_printf_escaped ("•  %s", reason->message);
      add_text (layout, STYLE_BULLET, 2, message);
    }
  if (uncovered > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u sous-compétence has no justified preuve yet (see the table below).",
                                                            "%u sous-compétences have no justified preuve yet (see the table below).",
                                                            uncovered), uncovered);
      g_autofree char *message = g_markup_printf_escaped ("•  %s", text);

      add_text (layout, STYLE_BULLET, 2, message);
    }
}

static void
add_readiness_summary (PreuvesReport *self,
                       Layout        *layout)
{
  g_autofree char *heading = esc (_("Readiness per bloc"));
  g_autofree char *overall = NULL;
  g_autofree char *overall_coverage = coverage_text (self->overall);
  Block *header;

  add_text (layout, STYLE_HEADING, 30, heading)->bookmark = g_strdup (_("Readiness per bloc"));
  header = add_row (layout, &summary_table, TRUE, NULL, _("Bloc"), _("Title"), _("State"), _("Sous-compétences covered"));
  header->space_before = 8;
  for (guint i = 0; i < self->blocs->len; i++)
    {
      RBloc *rbloc = self->blocs->pdata[i];
      g_autofree char *name = preuves_readiness_bloc_name (rbloc->bloc);
      g_autofree char *name_markup = g_markup_printf_escaped ("<b>%s</b>", name);
      g_autofree char *title = esc (rbloc->bloc->title);
      g_autofree char *coverage = coverage_text (rbloc->part);

      add_row (layout, &summary_table, FALSE, header, name_markup, title,
               rbloc->part != NULL ? preuves_readiness_part_state_label (rbloc->part) : "", coverage);
    }
  overall = g_markup_printf_escaped ("<b>%s</b>", _("Certification as a whole"));
  add_row (layout, &summary_table, FALSE, header, "", overall,
           self->overall != NULL ? preuves_readiness_part_state_label (self->overall) : "", overall_coverage);
  if (self->overall != NULL && self->overall->reasons->len > 0)
    {
      g_autofree char *what = esc (_("What remains to be done for the certification as a whole:"));

      add_text (layout, STYLE_SUBHEADING, 14, what);
      add_reasons (layout, self->overall, FALSE);
    }
}

static char *
links_markup (RRow     *row,
              gboolean  justifications)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (row->links->len == 0)
    return justifications ? g_strdup ("") : g_markup_printf_escaped ("<i>%s</i>", _("No preuve yet"));
  for (guint i = 0; i < row->links->len; i++)
    {
      RLink *link = row->links->pdata[i];
      g_autofree char *title = esc (link->preuve_title);
      g_autofree char *justification = NULL;

      if (i > 0)
        g_string_append (text, "\n");
      if (!justifications)
        {
          g_string_append_printf (text, "•  %s", title);
          continue;
        }
      if (link->justification != NULL && *link->justification != '\0')
        justification = esc (link->justification);
      else
        justification = g_markup_printf_escaped ("<i>%s</i>", _("No justification written yet"));
      if (row->links->len > 1)
        g_string_append_printf (text, "<b>%s</b> — ", title);
      g_string_append (text, justification);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The section of one bloc: its readiness and its correspondence table. */
static void
add_correspondence (Layout   *layout,
                    RBloc    *rbloc,
                    gboolean  new_page)
{
  g_autofree char *heading = g_markup_printf_escaped (_("Bloc %u — %s"), rbloc->bloc->number, rbloc->bloc->title);
  g_autofree char *state = NULL;
  g_autofree char *coverage = coverage_text (rbloc->part);
  gboolean duplicates = FALSE;
  Block *block, *header;

  if (new_page)
    add_page_break (layout);
  block = add_text (layout, STYLE_HEADING, 0, heading);
  block->bookmark = g_strdup_printf (_("Bloc %u — %s"), rbloc->bloc->number, rbloc->bloc->title);
  if (rbloc->part != NULL)
    {
      /* TRANSLATORS: "State: In progress — sous-compétences covered: 3 of 17" */
      state = g_markup_printf_escaped (_("<b>State:</b> %s — <b>sous-compétences covered:</b> %s"),
                                       preuves_readiness_part_state_label (rbloc->part), coverage);
      add_text (layout, STYLE_BODY, 6, state);
      add_reasons (layout, rbloc->part, TRUE);
    }
  /* Said before the table: under it, the note could end up alone on a
   * page. */
  for (guint i = 0; i < rbloc->rows->len; i++)
    duplicates |= ((RRow *) rbloc->rows->pdata[i])->sous_competence->duplicate_code;
  if (duplicates)
    {
      g_autofree char *note = esc (_("* The référentiel gives this code to two different sous-compétences: "
                                     "both are listed, each with its own text."));

      add_text (layout, STYLE_NOTE, 8, note);
    }
  header = add_row (layout, &correspondence_table, TRUE, NULL, _("Sous-compétence"), _("Preuves"), _("Justification"));
  header->space_before = duplicates ? 6 : 14;
  for (guint i = 0; i < rbloc->rows->len; i++)
    {
      RRow *row = rbloc->rows->pdata[i];
      const PreuvesSousCompetence *sc = row->sous_competence;
      g_autofree char *code = g_markup_printf_escaped ("<b>%s</b>%s\n%s", sc->code,
                                                       sc->duplicate_code ? " *" : "", sc->text);
      g_autofree char *preuves = links_markup (row, FALSE);
      g_autofree char *justifications = links_markup (row, TRUE);

      add_row (layout, &correspondence_table, FALSE, header, code, preuves, justifications);
    }
}

static const char *
annex_method_label (PreuvesAnnexMethod method)
{
  switch (method)
    {
    case PREUVES_ANNEX_METHOD_OUTLINE:
      return _("found in the document's outline");
    case PREUVES_ANNEX_METHOD_HEADING:
      return _("found from a page heading");
    case PREUVES_ANNEX_METHOD_MANUAL:
      return _("set by hand");
    case PREUVES_ANNEX_METHOD_NONE:
    default:
      return _("not found");
    }
}

static char *
document_verdict (const PreuvesWrittenDocumentSpec *spec,
                  const PreuvesWrittenDocument     *doc)
{
  if (doc == NULL)
    return g_strdup (_("Not added yet"));
  if (doc->check_error != NULL)
    return g_strdup_printf (_("Could not be checked: %s"), doc->check_error);
  if (doc->pages_counted < 0)
    return g_strdup (_("Not checked yet"));
  if ((guint) doc->pages_counted < spec->pages_min)
    return g_strdup_printf (_("Too short: %d pages, at least %u expected"), doc->pages_counted, spec->pages_min);
  if ((guint) doc->pages_counted > spec->pages_max)
    return g_strdup_printf (_("Too long: %d pages, at most %u expected"), doc->pages_counted, spec->pages_max);
  return g_strdup (_("Within the range"));
}

static char *
int_or_dash (int value)
{
  return value >= 0 ? g_strdup_printf ("%d", value) : g_strdup ("—");
}

static void
add_document (Layout                           *layout,
              const PreuvesWrittenDocumentSpec *spec,
              const PreuvesWrittenDocument     *doc)
{
  g_autofree char *title = esc (spec->title);
  g_autofree char *verdict = document_verdict (spec, doc);
  g_autofree char *total = int_or_dash (doc != NULL ? doc->pages_total : -1);
  g_autofree char *counted = int_or_dash (doc != NULL ? doc->pages_counted : -1);
  g_autofree char *range = g_strdup_printf (spec->hors_annexes ? _("%u–%u pages, annexes not counted") : _("%u–%u pages"),
                                            spec->pages_min, spec->pages_max);
  g_autofree char *annex = NULL;
  Block *header;

  if (doc != NULL && doc->annex_start > 0)
    annex = g_strdup_printf (_("page %d, %s"), doc->annex_start, annex_method_label (doc->annex_method));
  else
    annex = g_strdup (doc != NULL && doc->pages_total >= 0 ? annex_method_label (PREUVES_ANNEX_METHOD_NONE) : "—");

  add_text (layout, STYLE_SUBHEADING, 16, title);
  header = add_row (layout, &document_table, TRUE, NULL, _("Check"), _("Result"));
  header->space_before = 6;
  add_identity_row (layout, header, _("File"), doc != NULL ? doc->filename : NULL);
  add_identity_row (layout, header, _("Pages in total"), total);
  add_identity_row (layout, header, _("Annexes start"), annex);
  add_identity_row (layout, header, _("Pages counted"), counted);
  add_identity_row (layout, header, _("Expected"), range);
  add_identity_row (layout, header, _("Result"), verdict);
}

static void
add_documents (PreuvesReport *self,
               Layout        *layout)
{
  g_autofree char *heading = esc (_("Written documents"));

  add_page_break (layout);
  add_text (layout, STYLE_HEADING, 0, heading)->bookmark = g_strdup (_("Written documents"));
  for (guint i = 0; i < self->specs->len; i++)
    add_document (layout, self->specs->pdata[i], self->documents->pdata[i]);
}

static Layout *
build_report (PreuvesReport *self)
{
  Layout *layout = layout_new (self);

  add_title_page (self, layout);
  add_readiness_summary (self, layout);
  for (guint i = 0; i < self->blocs->len; i++)
    add_correspondence (layout, self->blocs->pdata[i], TRUE);
  add_documents (self, layout);
  return layout;
}

/* ---- Layout onto pages ----------------------------------------------------- */

static const char *
style_font (Style style)
{
  switch (style)
    {
    case STYLE_TITLE:      return "Sans Bold 22";
    case STYLE_SUBTITLE:   return "Sans 12";
    case STYLE_HEADING:    return "Sans Bold 15";
    case STYLE_SUBHEADING: return "Sans Bold 11";
    case STYLE_NOTE:       return "Sans Italic 9";
    case STYLE_ROW:        return "Sans 8.5";
    case STYLE_HEADER_ROW: return "Sans Bold 8.5";
    case STYLE_BULLET:
    case STYLE_BODY:
    default:               return "Sans 9.5";
    }
}

static PangoLayout *
make_pango_layout (Layout     *layout,
                   Style       style,
                   const char *markup,
                   double      width)
{
  PangoLayout *pango = pango_layout_new (layout->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (style_font (style));

  pango_layout_set_font_description (pango, font);
  pango_layout_set_width (pango, pango_units_from_double (MAX (width, 1)));
  pango_layout_set_wrap (pango, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (pango, markup, -1);
  /* Bullets hang: the lines after the first start under the text. */
  if (style == STYLE_BULLET)
    pango_layout_set_indent (pango, -pango_units_from_double (9));
  return pango;
}

static double
content_width (Layout *layout)
{
  return layout->width - 2 * MARGIN;
}

static void
measure_block (Layout *layout,
               Block  *block)
{
  double width = content_width (layout);
  int height;

  if (block->table == NULL)
    {
      block->layouts[0] = make_pango_layout (layout, block->style, block->markup[0], width);
      pango_layout_get_size (block->layouts[0], NULL, &height);
      block->height = pango_units_to_double (height);
      return;
    }
  block->height = 0;
  for (guint i = 0; i < block->table->n_cells; i++)
    {
      double cell = width * block->table->widths[i] - 2 * CELL_PAD;

      block->layouts[i] = make_pango_layout (layout, block->style, block->markup[i], cell);
      pango_layout_get_size (block->layouts[i], NULL, &height);
      block->height = MAX (block->height, pango_units_to_double (height) + 2 * CELL_PAD);
    }
}

typedef struct
{
  Layout *layout;
  GArray *page;
  double  y;
  double  top;
  double  bottom;
} Cursor;

static void
cursor_new_page (Cursor *cursor)
{
  cursor->page = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_ptr_array_add (cursor->layout->pages, cursor->page);
  cursor->y = cursor->top;
}

static void
cursor_place (Cursor *cursor,
              Block  *block,
              double  offset,
              double  visible)
{
  Placement placement = { block, cursor->y, offset, visible };

  g_array_append_val (cursor->page, placement);
  cursor->y += visible;
}

/* A row taller than a page is the only thing ever cut: its cells go on
 * over the next pages, under the header row. */
static void
place_row (Cursor *cursor,
           Block  *block)
{
  double offset = 0;

  if (cursor->y + block->height > cursor->bottom)
    {
      double header = block->header != NULL ? block->header->height : 0;

      if (block->height <= cursor->bottom - cursor->top - header || cursor->page->len > 0)
        {
          cursor_new_page (cursor);
          if (block->header != NULL && block->header->style == STYLE_HEADER_ROW)
            cursor_place (cursor, block->header, 0, block->header->height);
        }
    }
  while (offset < block->height)
    {
      double visible = MIN (block->height - offset, cursor->bottom - cursor->y);

      cursor_place (cursor, block, offset, visible);
      offset += visible;
      if (offset < block->height)
        {
          cursor_new_page (cursor);
          if (block->header != NULL && block->header->style == STYLE_HEADER_ROW)
            cursor_place (cursor, block->header, 0, block->header->height);
        }
    }
}

static gboolean
keeps_with_next (Block *block)
{
  return block->style == STYLE_HEADING || block->style == STYLE_SUBHEADING ||
         block->style == STYLE_HEADER_ROW || block->style == STYLE_TITLE;
}

static void
paginate (Layout  *layout,
          cairo_t *cr,
          double   width,
          double   height)
{
  Cursor cursor = { layout, NULL, 0, MARGIN, height - MARGIN - FOOTER };

  g_clear_object (&layout->context);
  layout->context = pango_cairo_create_context (cr);
  layout->width = width;
  layout->height = height;
  g_clear_pointer (&layout->pages, g_ptr_array_unref);
  layout->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < layout->blocks->len; i++)
    {
      Block *block = layout->blocks->pdata[i];
      if (!block->page_break)
        measure_block (layout, block);
    }

  cursor_new_page (&cursor);
  for (guint i = 0; i < layout->blocks->len; i++)
    {
      Block *block = layout->blocks->pdata[i];
      Block *next = i + 1 < layout->blocks->len ? layout->blocks->pdata[i + 1] : NULL;
      double needed;

      if (block->page_break)
        {
          if (cursor.page->len > 0)
            cursor_new_page (&cursor);
          continue;
        }
      if (cursor.page->len > 0)
        cursor.y += block->space_before;
      if (block->table != NULL && block->style == STYLE_ROW)
        {
          place_row (&cursor, block);
          continue;
        }
      needed = block->height;
      if (keeps_with_next (block) && next != NULL && !next->page_break)
        needed += next->space_before + MIN (next->height, (cursor.bottom - cursor.top) / 3);
      if (cursor.y + needed > cursor.bottom && cursor.page->len > 0)
        cursor_new_page (&cursor);
      cursor_place (&cursor, block, 0, block->height);
    }
}

/* ---- Drawing --------------------------------------------------------------- */

static void
draw_row (Layout          *layout,
          cairo_t         *cr,
          const Placement *placement)
{
  Block *block = placement->block;
  double x = MARGIN, width = content_width (layout);

  cairo_save (cr);
  /* The clip keeps a row cut across pages to its part; it lets the
   * borders' half-width through. */
  cairo_rectangle (cr, MARGIN - 1, placement->y - 0.5, width + 2, placement->visible + 1);
  cairo_clip (cr);
  if (block->style == STYLE_HEADER_ROW)
    {
      cairo_set_source_rgb (cr, 0.88, 0.91, 0.95);
      cairo_rectangle (cr, MARGIN, placement->y, width, placement->visible);
      cairo_fill (cr);
    }
  for (guint i = 0; i < block->table->n_cells; i++)
    {
      double cell = width * block->table->widths[i];

      cairo_set_source_rgb (cr, 0.12, 0.12, 0.14);
      cairo_move_to (cr, x + CELL_PAD, placement->y - placement->offset + CELL_PAD);
      pango_cairo_update_layout (cr, block->layouts[i]);
      pango_cairo_show_layout (cr, block->layouts[i]);
      cairo_set_source_rgb (cr, 0.70, 0.72, 0.76);
      cairo_set_line_width (cr, 0.5);
      cairo_rectangle (cr, x, placement->y - placement->offset, cell, block->height);
      cairo_stroke (cr);
      x += cell;
    }
  cairo_restore (cr);
}

static void
draw_text (Layout          *layout,
           cairo_t         *cr,
           const Placement *placement)
{
  Block *block = placement->block;

  cairo_save (cr);
  if (block->style == STYLE_HEADING || block->style == STYLE_TITLE)
    cairo_set_source_rgb (cr, 0.10, 0.23, 0.42);
  else if (block->style == STYLE_NOTE)
    cairo_set_source_rgb (cr, 0.35, 0.35, 0.38);
  else
    cairo_set_source_rgb (cr, 0.12, 0.12, 0.14);
  cairo_move_to (cr, MARGIN, placement->y);
  pango_cairo_update_layout (cr, block->layouts[0]);
  pango_cairo_show_layout (cr, block->layouts[0]);
  if (block->style == STYLE_HEADING)
    {
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, MARGIN, placement->y + block->height + 2);
      cairo_rel_line_to (cr, content_width (layout), 0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_footer (Layout  *layout,
             cairo_t *cr,
             guint    page)
{
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autofree char *number = layout->numbered ? g_strdup_printf (_("Page %u / %u"), page + 1, layout->pages->len)
                                             : g_strdup ("");
  double y = layout->height - MARGIN - FOOTER / 2 + 6;
  int width;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.48);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, y - 4);
  cairo_rel_line_to (cr, content_width (layout), 0);
  cairo_stroke (cr);
  right = make_pango_layout (layout, STYLE_NOTE, number, content_width (layout) * 0.3);
  pango_layout_get_pixel_size (right, &width, NULL);
  left = make_pango_layout (layout, STYLE_NOTE, layout->footer, content_width (layout) - width - 16);
  /* One line: a long name is shortened rather than pushed under the page. */
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  pango_cairo_update_layout (cr, left);
  pango_cairo_update_layout (cr, right);
  cairo_move_to (cr, MARGIN, y);
  pango_cairo_show_layout (cr, left);
  cairo_move_to (cr, layout->width - MARGIN - width, y);
  pango_cairo_show_layout (cr, right);
  cairo_restore (cr);
}

static void
draw_page (Layout  *layout,
           cairo_t *cr,
           guint    page)
{
  GArray *placements = layout->pages->pdata[page];

  for (guint i = 0; i < placements->len; i++)
    {
      Placement *placement = &g_array_index (placements, Placement, i);

      if (placement->block->table != NULL)
        draw_row (layout, cr, placement);
      else
        draw_text (layout, cr, placement);
    }
  draw_footer (layout, cr, page);
}

guint
preuves_report_paginate (PreuvesReport *self,
                         cairo_t       *cr,
                         double         width,
                         double         height)
{
  g_return_val_if_fail (PREUVES_IS_REPORT (self), 0);
  g_return_val_if_fail (cr != NULL, 0);

  g_clear_pointer (&self->print_layout, layout_free);
  self->print_layout = build_report (self);
  paginate (self->print_layout, cr, width, height);
  return self->print_layout->pages->len;
}

void
preuves_report_draw_page (PreuvesReport *self,
                          cairo_t       *cr,
                          guint          page)
{
  g_return_if_fail (PREUVES_IS_REPORT (self));
  g_return_if_fail (self->print_layout != NULL);
  g_return_if_fail (page < self->print_layout->pages->len);

  draw_page (self->print_layout, cr, page);
}

/* ---- PDF ------------------------------------------------------------------- */

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
add_bookmarks (cairo_surface_t *surface,
               GArray          *placements,
               guint            page)
{
  for (guint i = 0; i < placements->len; i++)
    {
      Placement *placement = &g_array_index (placements, Placement, i);
      g_autofree char *link = NULL;

      if (placement->block->bookmark == NULL || placement->offset > 0)
        continue;
      link = g_strdup_printf ("page=%u pos=[%d %d]", page + 1, (int) MARGIN, (int) placement->y);
      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, placement->block->bookmark, link, 0);
    }
}

typedef void (*PageDoneFunc) (guint page, guint n_pages, gpointer user_data);

/* Lays @layout out on A4 and writes it; the title is the only metadata,
 * and it is what the user typed. */
static GBytes *
layout_to_pdf (Layout       *layout,
               const char   *title,
               PageDoneFunc  page_done,
               gpointer      user_data,
               GError      **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, data, A4_WIDTH, A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  if (title != NULL && *title != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  paginate (layout, cr, A4_WIDTH, A4_HEIGHT);
  for (guint page = 0; page < layout->pages->len; page++)
    {
      add_bookmarks (surface, layout->pages->pdata[page], page);
      draw_page (layout, cr, page);
      cairo_show_page (cr);
      if (page_done != NULL)
        page_done (page, layout->pages->len, user_data);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the PDF: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  preuves_pdf_blank_producer (data->data, data->len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static char *
pdf_title (PreuvesReport *self)
{
  if (self->candidate == NULL || *self->candidate == '\0')
    return NULL;
  /* TRANSLATORS: the PDF's title; %s is the candidate's name */
  return g_strdup_printf (_("Portfolio of %s"), self->candidate);
}

typedef struct
{
  GMainContext              *context;
  PreuvesExportProgressFunc  progress;
  gpointer                   progress_data;
  double                     fraction;
  GFile                     *file;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_main_context_unref (data->context);
  g_object_unref (data->file);
  g_free (data);
}

static gboolean
report_progress_cb (gpointer user_data)
{
  WriteData *data = user_data;

  data->progress (data->fraction, data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
page_done_cb (guint    page,
              guint    n_pages,
              gpointer user_data)
{
  WriteData *data = user_data;

  if (data->progress == NULL)
    return;
  data->fraction = (page + 1.0) / n_pages * 0.9;
  /* The last call wins: the callback reads the fraction when it runs. */
  g_main_context_invoke (data->context, report_progress_cb, data);
}

static gboolean
write_report (PreuvesReport  *self,
              GFile          *file,
              WriteData      *data,
              GCancellable   *cancellable,
              GError        **error)
{
  Layout *layout = build_report (self);
  g_autofree char *title = pdf_title (self);
  g_autoptr(GBytes) pdf = layout_to_pdf (layout, title, page_done_cb, data, error);

  layout_free (layout);
  if (pdf == NULL)
    return FALSE;
  return g_file_replace_contents (file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, cancellable, error);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (write_report (source_object, data->file, data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
preuves_report_write_async (PreuvesReport             *self,
                            GFile                     *file,
                            GCancellable              *cancellable,
                            PreuvesExportProgressFunc  progress,
                            gpointer                   progress_data,
                            GAsyncReadyCallback        callback,
                            gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data = g_new0 (WriteData, 1);

  g_return_if_fail (PREUVES_IS_REPORT (self));
  g_return_if_fail (G_IS_FILE (file));

  data->context = g_main_context_ref_thread_default ();
  data->progress = progress;
  data->progress_data = progress_data;
  data->file = g_object_ref (file);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, preuves_report_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
preuves_report_write_finish (PreuvesReport  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * preuves_report_write:
 *
 * Writes the report, waiting for it: for the command line.
 */
gboolean
preuves_report_write (PreuvesReport  *self,
                      GFile          *file,
                      GCancellable   *cancellable,
                      GError        **error)
{
  WriteData data = { NULL, NULL, NULL, 0, file };

  g_return_val_if_fail (PREUVES_IS_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return write_report (self, file, &data, cancellable, error);
}

/* ---- The deposit's frame --------------------------------------------------- */

/* Returns the first block of the page. */
static Block *
add_preuve_title_page (Layout              *layout,
                       RBloc               *rbloc,
                       PreuvesReportPreuve *preuve)
{
  g_autofree char *kicker = g_markup_printf_escaped (_("Bloc %u — preuve"), rbloc->bloc->number);
  g_autofree char *title = esc (preuve->title);
  g_autoptr(GString) list = g_string_new (NULL);
  Block *first;

  add_page_break (layout);
  first = add_text (layout, STYLE_SUBTITLE, 200, kicker);
  add_text (layout, STYLE_TITLE, 8, title);
  for (guint i = 0; i < rbloc->rows->len; i++)
    {
      RRow *row = rbloc->rows->pdata[i];

      for (guint j = 0; j < row->links->len; j++)
        if (g_strcmp0 (((RLink *) row->links->pdata[j])->preuve_title, preuve->title) == 0)
          {
            g_autofree char *code = esc (row->sous_competence->code);

            g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "", code);
            break;
          }
    }
  if (list->len > 0)
    {
      g_autofree char *backs = g_markup_printf_escaped (_("Backs %s"), list->str);

      add_text (layout, STYLE_BODY, 18, backs);
    }
  if (preuve->attachments->len == 0)
    add_text (layout, STYLE_NOTE, 12, _("No document is attached to this preuve."));
  return first;
}

static guint
page_of_block (Layout *layout,
               Block  *block)
{
  for (guint page = 0; page < layout->pages->len; page++)
    {
      GArray *placements = layout->pages->pdata[page];

      for (guint i = 0; i < placements->len; i++)
        if (g_array_index (placements, Placement, i).block == block)
          return page;
    }
  g_assert_not_reached ();
}

GBytes *
preuves_report_write_bloc_frame (PreuvesReport  *self,
                                 const char     *bloc_code,
                                 GArray         *first_pages,
                                 GError        **error)
{
  RBloc *rbloc;
  Layout *layout;
  g_autoptr(GPtrArray) starts = g_ptr_array_new ();
  GBytes *pdf;

  g_return_val_if_fail (PREUVES_IS_REPORT (self), NULL);
  g_return_val_if_fail (first_pages != NULL, NULL);

  rbloc = find_bloc (self, bloc_code);
  g_return_val_if_fail (rbloc != NULL, NULL);

  layout = layout_new (self);
  layout->numbered = FALSE;
  add_correspondence (layout, rbloc, FALSE);
  for (guint i = 0; i < rbloc->preuves->len; i++)
    g_ptr_array_add (starts, add_preuve_title_page (layout, rbloc, rbloc->preuves->pdata[i]));
  pdf = layout_to_pdf (layout, NULL, NULL, NULL, error);
  if (pdf != NULL)
    {
      for (guint i = 0; i < starts->len; i++)
        {
          guint page = page_of_block (layout, starts->pdata[i]);

          g_array_append_val (first_pages, page);
        }
      g_array_append_val (first_pages, layout->pages->len);
    }
  layout_free (layout);
  return pdf;
}

/* ---- Metadata -------------------------------------------------------------- */

static char *
producer_entry (void)
{
  return g_strdup_printf ("/Producer (cairo %s (https://cairographics.org))", cairo_version_string ());
}

void
preuves_pdf_blank_producer (guint8 *data,
                            gsize   length)
{
  g_autofree char *entry = producer_entry ();
  gsize n = strlen (entry);

  g_return_if_fail (data != NULL || length == 0);

  for (gsize i = 0; i + n <= length; i++)
    if (data[i] == '/' && memcmp (data + i, entry, n) == 0)
      memset (data + i, ' ', n);
}

/* The Info dictionary comes last in cairo's output, but the outline of a
 * long deposit may come after the pages: read the whole file, a chunk at a
 * time, with an overlap as long as the entry. */
gboolean
preuves_pdf_blank_producer_in_file (int      fd,
                                    GError **error)
{
  g_autofree char *entry = producer_entry ();
  gsize n = strlen (entry), chunk = 1 << 20;
  g_autofree guint8 *buffer = g_malloc (chunk + n);
  off_t offset = 0;
  gssize got;

  while ((got = pread (fd, buffer, chunk + n, offset)) > 0)
    {
      for (gssize i = 0; i + (gssize) n <= got; i++)
        if (buffer[i] == '/' && memcmp (buffer + i, entry, n) == 0)
          {
            memset (buffer + i, ' ', n);
            if (pwrite (fd, buffer + i, n, offset + i) != (gssize) n)
              got = -1;
          }
      if (got <= (gssize) chunk)
        break;
      offset += chunk;
    }
  if (got < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Could not write the PDF: %s"),
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
