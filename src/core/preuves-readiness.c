/* preuves-readiness.c — how ready each bloc and the whole certification are
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "preuves-readiness.h"

/* The rules are documented for users in help/C/readiness.page: keep both in
 * step. Everything here is a pure function of the référentiel, the path and
 * the snapshot, so that the UI can recompute it on every change. */

struct _PreuvesReadiness
{
  GObject               parent_instance;

  PreuvesPath           path;
  GPtrArray            *blocs; /* of PreuvesReadinessPart */
  PreuvesReadinessPart *overall;
};

/* The code of the part for the certification as a whole. */
#define OVERALL_CODE "overall"

G_DEFINE_FINAL_TYPE (PreuvesReadiness, preuves_readiness, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (PreuvesReadinessReason, preuves_readiness_reason,
                     preuves_readiness_reason_copy, preuves_readiness_reason_free)

G_DEFINE_BOXED_TYPE (PreuvesReadinessPart, preuves_readiness_part,
                     preuves_readiness_part_copy, preuves_readiness_part_free)

/* What compute() derives once from the snapshot and the référentiel. */
typedef struct
{
  PreuvesReferentiel             *referentiel;
  const PreuvesReadinessSnapshot *snapshot;
  GHashTable                     *bloc_of_sous_competence; /* id → PreuvesBloc */
  GHashTable                     *epreuve_of_criterion;    /* id → PreuvesEpreuve */
  GHashTable                     *justified;               /* sous-compétence id → count */
  GHashTable                     *linked;                  /* sous-compétence id → count */
  GHashTable                     *blocs_of_preuve;         /* preuve id → mask of bloc numbers, any link */
} Context;

/* Reasons */

PreuvesReadinessReason *
preuves_readiness_reason_copy (const PreuvesReadinessReason *reason)
{
  PreuvesReadinessReason *copy;

  g_return_val_if_fail (reason != NULL, NULL);

  copy = g_new0 (PreuvesReadinessReason, 1);
  copy->kind = g_strdup (reason->kind);
  copy->target = g_strdup (reason->target);
  copy->message = g_strdup (reason->message);
  return copy;
}

void
preuves_readiness_reason_free (PreuvesReadinessReason *reason)
{
  if (reason == NULL)
    return;

  g_free (reason->kind);
  g_free (reason->target);
  g_free (reason->message);
  g_free (reason);
}

static void add_reason (PreuvesReadinessPart *part,
                        const char           *kind,
                        const char           *target,
                        const char           *format,
                        ...) G_GNUC_PRINTF (4, 5);

static void
add_reason (PreuvesReadinessPart *part,
            const char           *kind,
            const char           *target,
            const char           *format,
            ...)
{
  PreuvesReadinessReason *reason = g_new0 (PreuvesReadinessReason, 1);
  va_list args;

  va_start (args, format);
  reason->message = g_strdup_vprintf (format, args);
  va_end (args);
  reason->kind = g_strdup (kind);
  reason->target = g_strdup (target);
  g_ptr_array_add (part->reasons, reason);
}

/* Parts */

static PreuvesReadinessPart *
part_new (const char *code)
{
  PreuvesReadinessPart *part = g_new0 (PreuvesReadinessPart, 1);

  part->code = g_strdup (code);
  part->state = PREUVES_READINESS_NOT_STARTED;
  part->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) preuves_readiness_reason_free);
  return part;
}

PreuvesReadinessPart *
preuves_readiness_part_copy (const PreuvesReadinessPart *part)
{
  PreuvesReadinessPart *copy;

  g_return_val_if_fail (part != NULL, NULL);

  copy = part_new (part->code);
  copy->state = part->state;
  copy->covered = part->covered;
  copy->total = part->total;
  for (guint i = 0; i < part->reasons->len; i++)
    g_ptr_array_add (copy->reasons, preuves_readiness_reason_copy (g_ptr_array_index (part->reasons, i)));
  return copy;
}

void
preuves_readiness_part_free (PreuvesReadinessPart *part)
{
  if (part == NULL)
    return;

  g_free (part->code);
  g_ptr_array_unref (part->reasons);
  g_free (part);
}

const PreuvesReadinessReason *
preuves_readiness_part_find_reason (const PreuvesReadinessPart *part,
                                    const char                 *kind,
                                    const char                 *target)
{
  g_return_val_if_fail (part != NULL, NULL);

  for (guint i = 0; i < part->reasons->len; i++)
    {
      const PreuvesReadinessReason *reason = g_ptr_array_index (part->reasons, i);

      if ((kind == NULL || g_strcmp0 (reason->kind, kind) == 0) &&
          (target == NULL || g_strcmp0 (reason->target, target) == 0))
        return reason;
    }
  return NULL;
}

/* Context */

static void
count_up (GHashTable *table,
          const char *key)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_insert (table, (gpointer) key, GUINT_TO_POINTER (count + 1));
}

static void
context_index_referentiel (Context *ctx)
{
  GPtrArray *blocs = preuves_referentiel_get_blocs (ctx->referentiel);
  const PreuvesEpreuve *finale = preuves_referentiel_get_epreuve_finale (ctx->referentiel);

  for (guint i = 0; i < blocs->len; i++)
    {
      const PreuvesBloc *bloc = g_ptr_array_index (blocs, i);

      /* Blocs are tracked as bits of a guint (see index_blocs_of_preuves). */
      g_assert (bloc->number < 32);
      for (guint j = 0; j < bloc->sous_competences->len; j++)
        {
          const PreuvesSousCompetence *sc = g_ptr_array_index (bloc->sous_competences, j);
          g_hash_table_insert (ctx->bloc_of_sous_competence, (gpointer) sc->id, (gpointer) bloc);
        }
      for (guint j = 0; j < bloc->epreuve->criteria->len; j++)
        {
          const PreuvesCriterion *criterion = g_ptr_array_index (bloc->epreuve->criteria, j);
          g_hash_table_insert (ctx->epreuve_of_criterion, (gpointer) criterion->id, (gpointer) bloc->epreuve);
        }
    }
  for (guint j = 0; finale != NULL && j < finale->criteria->len; j++)
    {
      const PreuvesCriterion *criterion = g_ptr_array_index (finale->criteria, j);
      g_hash_table_insert (ctx->epreuve_of_criterion, (gpointer) criterion->id, (gpointer) finale);
    }
}

/* preuve id → GUINT_TO_POINTER (mask of bit 1 << bloc number) of the
 * blocs its links reach: every link places a preuve in a bloc (for
 * remarks), only justified ones prove the blocs mobilised together. */
static GHashTable *
index_blocs_of_preuves (Context  *ctx,
                        gboolean  justified_only)
{
  GHashTable *masks = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *links = ctx->snapshot->links;

  for (guint i = 0; i < links->len; i++)
    {
      const PreuvesSnapshotLink *link = &g_array_index (links, PreuvesSnapshotLink, i);
      const PreuvesBloc *bloc = g_hash_table_lookup (ctx->bloc_of_sous_competence, link->sous_competence_id);
      guint mask;

      if (bloc == NULL || (justified_only && !link->justified))
        continue;
      mask = GPOINTER_TO_UINT (g_hash_table_lookup (masks, link->preuve_id));
      g_hash_table_insert (masks, (gpointer) link->preuve_id, GUINT_TO_POINTER (mask | (1u << bloc->number)));
    }
  return masks;
}

static void
context_count_links (Context *ctx)
{
  GArray *links = ctx->snapshot->links;

  for (guint i = 0; i < links->len; i++)
    {
      const PreuvesSnapshotLink *link = &g_array_index (links, PreuvesSnapshotLink, i);

      count_up (ctx->linked, link->sous_competence_id);
      if (link->justified)
        count_up (ctx->justified, link->sous_competence_id);
    }
}

static void
context_init (Context                        *ctx,
              PreuvesReferentiel             *referentiel,
              const PreuvesReadinessSnapshot *snapshot)
{
  ctx->referentiel = referentiel;
  ctx->snapshot = snapshot;
  ctx->bloc_of_sous_competence = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->epreuve_of_criterion = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->justified = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->linked = g_hash_table_new (g_str_hash, g_str_equal);
  context_index_referentiel (ctx);
  context_count_links (ctx);
  ctx->blocs_of_preuve = index_blocs_of_preuves (ctx, FALSE);
}

static void
context_clear (Context *ctx)
{
  g_hash_table_unref (ctx->bloc_of_sous_competence);
  g_hash_table_unref (ctx->epreuve_of_criterion);
  g_hash_table_unref (ctx->justified);
  g_hash_table_unref (ctx->linked);
  g_hash_table_unref (ctx->blocs_of_preuve);
}

/* Rules shared by the blocs and the épreuve finale */

/* Whose épreuve, as the complement of a noun: "of Bloc 2", "of the
 * épreuve finale". The preposition comes with it because French contracts
 * it with the article (« du Bloc 2 », « de l’épreuve finale »). The épreuve
 * titles of the référentiel are too long for a sentence. */
static char *
epreuve_of (const PreuvesEpreuve *epreuve)
{
  if (epreuve->bloc != NULL)
    /* Translators: completes "The written document %s", "The oral %s", … */
    return g_strdup_printf (_("of Bloc %u"), epreuve->bloc->number);
  /* Translators: completes "The written document %s", "The oral %s", … */
  return g_strdup (_("of the épreuve finale"));
}

/* The official code, with its compétence when the référentiel gives the
 * same code to two sous-compétences ("C1-2.6 (C1-2a)"). */
static char *
sous_competence_label (const PreuvesSousCompetence *sc)
{
  if (sc->duplicate_code && sc->competence != NULL)
    return g_strdup_printf ("%s (%s)", sc->code, sc->competence->code);
  return g_strdup (sc->code);
}

static void
check_document (Context               *ctx,
                const PreuvesEpreuve  *epreuve,
                PreuvesReadinessPart  *part)
{
  const PreuvesWrittenDocumentSpec *expected = epreuve->written_document;
  const PreuvesSnapshotDocument *document;
  g_autofree char *where = NULL;

  if (expected == NULL)
    return;

  where = epreuve_of (epreuve);
  document = g_hash_table_lookup (ctx->snapshot->documents, epreuve->id);
  if (document == NULL)
    add_reason (part, "document-missing", epreuve->id,
                _("The written document %s (%s, %u to %u pages without annexes) is missing: add its PDF under Written Document."),
                where, expected->title, expected->pages_min, expected->pages_max);
  else if (document->error != NULL)
    add_reason (part, "document-error", epreuve->id,
                _("The written document %s could not be checked: %s"),
                where, document->error);
  else if (!document->checked)
    add_reason (part, "document-unchecked", epreuve->id,
                _("The written document %s has not been checked yet: check it under Written Document."),
                where);
  else if (document->annex_start == 0 && !document->text_layer)
    add_reason (part, "document-annex-unknown", epreuve->id,
                _("The written document %s has no text layer, so Preuves cannot tell where its annexes start: set where the annexes start under Written Document."),
                where);
  else if (document->pages_counted < (int) expected->pages_min)
    add_reason (part, "document-too-short", epreuve->id,
                _("The written document %s has %d pages before the annexes; the jury expects %u to %u. Complete it, or correct where the annexes start under Written Document."),
                where, document->pages_counted, expected->pages_min, expected->pages_max);
  else if (document->pages_counted > (int) expected->pages_max)
    add_reason (part, "document-too-long", epreuve->id,
                _("The written document %s has %d pages before the annexes; the jury expects %u to %u. Shorten it, or correct where the annexes start under Written Document."),
                where, document->pages_counted, expected->pages_min, expected->pages_max);
}

static void
check_criteria (Context               *ctx,
                const PreuvesEpreuve  *epreuve,
                PreuvesReadinessPart  *part)
{
  g_autofree char *where = epreuve_of (epreuve);

  for (guint i = 0; i < epreuve->criteria->len; i++)
    {
      const PreuvesCriterion *criterion = g_ptr_array_index (epreuve->criteria, i);
      PreuvesCriterionState state = PREUVES_CRITERION_NOT_YET;

      preuves_readiness_snapshot_lookup_criterion ((PreuvesReadinessSnapshot *) ctx->snapshot,
                                                   criterion->id, &state);
      if (state == PREUVES_CRITERION_MET)
        continue;
      add_reason (part, "criterion-not-met", criterion->id,
                  state == PREUVES_CRITERION_IN_PROGRESS
                  ? _("Criterion %s %s is still in progress (mark it met under Self-Assessment when your preuves show it): “%s”")
                  : _("Criterion %s %s is not assessed as met yet (assess it under Self-Assessment): “%s”"),
                  criterion->id, where, criterion->text);
    }
}

gboolean
preuves_readiness_rehearsal_in_window (const PreuvesEpreuve *epreuve,
                                       guint                 presentation_seconds,
                                       guint                 exchange_seconds)
{
  g_return_val_if_fail (epreuve != NULL, FALSE);

  return presentation_seconds >= epreuve->presentation_min * 60u &&
         presentation_seconds <= epreuve->presentation_max * 60u &&
         exchange_seconds >= epreuve->exchange_min * 60u &&
         exchange_seconds <= epreuve->exchange_max * 60u;
}

static gboolean
epreuve_is_oral (const PreuvesEpreuve *epreuve)
{
  /* The épreuve finale is a written document presented orally: it has a
   * presentation window although its written part comes first. */
  return epreuve->kind == PREUVES_EPREUVE_ORAL || epreuve->presentation_max > 0;
}

static void
check_rehearsals (Context               *ctx,
                  const PreuvesEpreuve  *epreuve,
                  PreuvesReadinessPart  *part)
{
  const PreuvesSnapshotRehearsal *last = NULL;
  g_autofree char *where = NULL;

  if (!epreuve_is_oral (epreuve))
    return;
  where = epreuve_of (epreuve);

  for (guint i = 0; i < ctx->snapshot->rehearsals->len; i++)
    {
      const PreuvesSnapshotRehearsal *rehearsal = g_ptr_array_index (ctx->snapshot->rehearsals, i);

      if (g_strcmp0 (rehearsal->epreuve_id, epreuve->id) != 0)
        continue;
      if (preuves_readiness_rehearsal_in_window (epreuve, rehearsal->presentation_seconds,
                                                 rehearsal->exchange_seconds))
        return;
      last = rehearsal;
    }

  if (last == NULL)
    add_reason (part, "rehearsal-missing", epreuve->id,
                _("The oral %s has not been rehearsed yet: time a rehearsal in Rehearsals (presentation %u to %u min, exchange %u to %u min)."),
                where, epreuve->presentation_min, epreuve->presentation_max,
                epreuve->exchange_min, epreuve->exchange_max);
  else
    add_reason (part, "rehearsal-out-of-window", epreuve->id,
                _("No rehearsal %s fits its time window yet (presentation %u to %u min, exchange %u to %u min); the last one took %u:%02u + %u:%02u. Rehearse again in Rehearsals."),
                where, epreuve->presentation_min, epreuve->presentation_max,
                epreuve->exchange_min, epreuve->exchange_max,
                last->presentation_seconds / 60, last->presentation_seconds % 60,
                last->exchange_seconds / 60, last->exchange_seconds % 60);
}

/* Which part a remark belongs to: a bloc code, "finale", or NULL for the
 * certification as a whole. A remark on a preuve belongs to every bloc the
 * preuve is linked to. */
static void
remark_scopes (Context                     *ctx,
               const PreuvesSnapshotRemark *remark,
               GPtrArray                   *scopes)
{
  const char *kind = remark->target_kind;
  const PreuvesBloc *bloc = NULL;
  const PreuvesEpreuve *epreuve = NULL;

  if (g_str_equal (kind, "bloc") && remark->target_id != NULL)
    {
      /* Accept the bloc's code ("B2") and its épreuve's id ("bloc2"). */
      bloc = preuves_referentiel_find_bloc (ctx->referentiel, remark->target_id);
      if (bloc == NULL)
        epreuve = preuves_referentiel_find_epreuve (ctx->referentiel, remark->target_id);
    }
  else if (g_str_equal (kind, "sous-competence"))
    bloc = g_hash_table_lookup (ctx->bloc_of_sous_competence, remark->target_id);
  else if (g_str_equal (kind, "criterion"))
    epreuve = g_hash_table_lookup (ctx->epreuve_of_criterion, remark->target_id);
  else if ((g_str_equal (kind, "epreuve") || g_str_equal (kind, "document")) && remark->target_id != NULL)
    epreuve = preuves_referentiel_find_epreuve (ctx->referentiel, remark->target_id);
  else if (g_str_equal (kind, "preuve") && remark->target_id != NULL)
    {
      guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->blocs_of_preuve, remark->target_id));
      GPtrArray *blocs = preuves_referentiel_get_blocs (ctx->referentiel);

      for (guint i = 0; i < blocs->len; i++)
        {
          const PreuvesBloc *linked = g_ptr_array_index (blocs, i);
          if (mask & (1u << linked->number))
            g_ptr_array_add (scopes, (gpointer) linked->code);
        }
      if (mask != 0)
        return;
    }

  if (epreuve != NULL)
    bloc = epreuve->bloc;
  if (bloc != NULL)
    g_ptr_array_add (scopes, (gpointer) bloc->code);
  else if (epreuve != NULL)
    g_ptr_array_add (scopes, (gpointer) epreuve->id);
  else
    g_ptr_array_add (scopes, NULL);
}

/* Names what a remark is about, in words, for the reason's sentence. */
static char *
describe_remark_target (Context                     *ctx,
                        const PreuvesSnapshotRemark *remark)
{
  const char *kind = remark->target_kind;
  const char *id = remark->target_id ? remark->target_id : "";

  if (g_str_equal (kind, "preuve"))
    return g_strdup_printf (_("the preuve “%s”"), remark->target_label ? remark->target_label : id);
  if (g_str_equal (kind, "sous-competence"))
    {
      const PreuvesSousCompetence *sc =
        preuves_referentiel_find_sous_competence (ctx->referentiel, id, NULL);
      return sc != NULL ? sous_competence_label (sc) : g_strdup (id);
    }
  if (g_str_equal (kind, "criterion"))
    return g_strdup_printf (_("criterion %s"), id);
  if (g_str_equal (kind, "document"))
    {
      const PreuvesEpreuve *epreuve = preuves_referentiel_find_epreuve (ctx->referentiel, id);
      g_autofree char *where = epreuve != NULL ? epreuve_of (epreuve) : g_strdup (id);

      /* Translators: the second %s is "of Bloc 1" or "of the épreuve finale" */
      return g_strdup_printf (_("the written document %s"), where);
    }
  if (g_str_equal (kind, "bloc"))
    {
      /* The bloc's code ("B2") or its épreuve's id ("bloc2"), as in remark_scopes(). */
      const PreuvesBloc *target = preuves_referentiel_find_bloc (ctx->referentiel, id);
      const PreuvesEpreuve *epreuve = preuves_referentiel_find_epreuve (ctx->referentiel, id);

      if (target == NULL && epreuve != NULL)
        target = epreuve->bloc;
      if (target == NULL)
        return g_strdup (id);
      /* Translators: what an advisor's remark is about, after "remark on" */
      return g_strdup_printf (C_("remark target", "Bloc %u"), target->number);
    }
  return g_strdup (_("the portfolio"));
}

static void
add_remark_reason (Context                     *ctx,
                   const PreuvesSnapshotRemark *remark,
                   PreuvesReadinessPart        *part)
{
  g_autofree char *target = describe_remark_target (ctx, remark);

  add_reason (part, "remark-unresolved", remark->remark_id,
              _("Your advisor’s remark on %s is not resolved (answer it, then mark it resolved under Advisor Remarks): “%s”"),
              target, remark->text ? remark->text : "");
}

static void
check_remarks (Context              *ctx,
               const char           *scope,
               PreuvesReadinessPart *part)
{
  for (guint i = 0; i < ctx->snapshot->remarks->len; i++)
    {
      const PreuvesSnapshotRemark *remark = g_ptr_array_index (ctx->snapshot->remarks, i);
      g_autoptr(GPtrArray) scopes = g_ptr_array_new ();

      remark_scopes (ctx, remark, scopes);
      for (guint j = 0; j < scopes->len; j++)
        {
          if (g_strcmp0 (g_ptr_array_index (scopes, j), scope) == 0)
            {
              add_remark_reason (ctx, remark, part);
              break;
            }
        }
    }
}

/* Blocs */

static void
check_coverage (Context               *ctx,
                const PreuvesBloc     *bloc,
                PreuvesReadinessPart  *part)
{
  GPtrArray *sous_competences = bloc->sous_competences;

  part->total = sous_competences->len;
  for (guint i = 0; i < sous_competences->len; i++)
    {
      const PreuvesSousCompetence *sc = g_ptr_array_index (sous_competences, i);
      guint linked = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->linked, sc->id));
      g_autofree char *label = sous_competence_label (sc);

      if (g_hash_table_contains (ctx->justified, sc->id))
        part->covered++;
      else if (linked > 0)
        add_reason (part, "sous-competence-unjustified", sc->id,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "%s is linked to %u preuve but the link has no written justification, and a link without justification does not count: write why this preuve shows %s, on the link.",
                                 "%s is linked to %u preuves but none of the links has a written justification, and a link without justification does not count: write why one of them shows %s, on its link.",
                                 linked),
                    label, linked, label);
      else
        add_reason (part, "sous-competence-uncovered", sc->id,
                    _("No preuve backs %s yet: link a preuve to it, from Preuves or the Matrix, and write why it shows this sous-compétence."),
                    label);
    }
}

/* "Nothing at all was done": no link, no document, no assessment beyond
 * "not yet" and no rehearsal. Remarks do not count: the advisor may write
 * before the candidate starts. */
static gboolean
bloc_touched (Context           *ctx,
              const PreuvesBloc *bloc)
{
  const PreuvesEpreuve *epreuve = bloc->epreuve;
  GPtrArray *sous_competences = bloc->sous_competences;

  for (guint i = 0; i < sous_competences->len; i++)
    if (g_hash_table_contains (ctx->linked, ((PreuvesSousCompetence *) g_ptr_array_index (sous_competences, i))->id))
      return TRUE;
  if (g_hash_table_contains (ctx->snapshot->documents, epreuve->id))
    return TRUE;
  for (guint i = 0; i < epreuve->criteria->len; i++)
    {
      const PreuvesCriterion *criterion = g_ptr_array_index (epreuve->criteria, i);
      PreuvesCriterionState state = PREUVES_CRITERION_NOT_YET;

      preuves_readiness_snapshot_lookup_criterion ((PreuvesReadinessSnapshot *) ctx->snapshot,
                                                   criterion->id, &state);
      if (state != PREUVES_CRITERION_NOT_YET)
        return TRUE;
    }
  for (guint i = 0; i < ctx->snapshot->rehearsals->len; i++)
    if (g_strcmp0 (((PreuvesSnapshotRehearsal *) g_ptr_array_index (ctx->snapshot->rehearsals, i))->epreuve_id, epreuve->id) == 0)
      return TRUE;
  return FALSE;
}

static PreuvesReadinessPart *
compute_bloc (Context           *ctx,
              const PreuvesBloc *bloc)
{
  PreuvesReadinessPart *part = part_new (bloc->code);

  check_coverage (ctx, bloc, part);
  check_document (ctx, bloc->epreuve, part);
  check_criteria (ctx, bloc->epreuve, part);
  check_rehearsals (ctx, bloc->epreuve, part);
  check_remarks (ctx, bloc->code, part);

  if (part->reasons->len == 0)
    part->state = PREUVES_READINESS_READY;
  else if (bloc_touched (ctx, bloc))
    part->state = PREUVES_READINESS_IN_PROGRESS;
  else
    part->state = PREUVES_READINESS_NOT_STARTED;
  return part;
}

/* The certification as a whole */

static void
check_blocs (PreuvesReadiness     *self,
             Context              *ctx,
             PreuvesReadinessPart *overall)
{
  for (guint i = 0; i < self->blocs->len; i++)
    {
      const PreuvesReadinessPart *bloc = g_ptr_array_index (self->blocs, i);
      const PreuvesBloc *referentiel_bloc = preuves_referentiel_find_bloc (ctx->referentiel, bloc->code);

      overall->covered += bloc->covered;
      overall->total += bloc->total;
      if (bloc->state == PREUVES_READINESS_READY)
        continue;
      add_reason (overall, "bloc-not-ready", bloc->code,
                  g_dngettext (GETTEXT_PACKAGE,
                               "Bloc %u is not ready: %u thing is left to do on its page.",
                               "Bloc %u is not ready: %u things are left to do on its page.",
                               bloc->reasons->len),
                  referentiel_bloc->number, bloc->reasons->len);
    }
}

/* The VAE path has no épreuve finale; instead the candidate must prove
 * « la capacité à mobiliser de manière coordonnée les compétences de
 * l'ensemble des quatre blocs ». Preuves reads this as: one professional
 * situation (one preuve) whose justified links reach every bloc. Links of
 * separate preuves to each bloc only show the blocs one by one. */
static guint
count_bits (guint mask)
{
  guint n = 0;

  for (; mask != 0; mask &= mask - 1)
    n++;
  return n;
}

static guint
best_coordination (Context *ctx)
{
  g_autoptr(GHashTable) reached = index_blocs_of_preuves (ctx, TRUE);
  GHashTableIter iter;
  gpointer mask;
  guint best = 0;

  g_hash_table_iter_init (&iter, reached);
  while (g_hash_table_iter_next (&iter, NULL, &mask))
    best = MAX (best, count_bits (GPOINTER_TO_UINT (mask)));
  return best;
}

static void
check_coordination (Context              *ctx,
                    guint                 n_blocs,
                    PreuvesReadinessPart *overall)
{
  guint best = MIN (best_coordination (ctx), n_blocs);

  if (best >= n_blocs)
    return;
  add_reason (overall, "coordination-missing", "B1,B2,B3,B4",
              _("No preuve shows the four blocs mobilised together yet (the closest reaches %u of %u): pick a significant professional situation and link its preuve, with a written justification, to at least one sous-compétence of each bloc."),
              best, n_blocs);
}

static gboolean
finale_touched (Context              *ctx,
                const PreuvesEpreuve *finale)
{
  if (g_hash_table_contains (ctx->snapshot->documents, finale->id))
    return TRUE;
  for (guint i = 0; i < ctx->snapshot->rehearsals->len; i++)
    if (g_strcmp0 (((PreuvesSnapshotRehearsal *) g_ptr_array_index (ctx->snapshot->rehearsals, i))->epreuve_id, finale->id) == 0)
      return TRUE;
  for (guint i = 0; i < finale->criteria->len; i++)
    {
      PreuvesCriterionState state = PREUVES_CRITERION_NOT_YET;

      preuves_readiness_snapshot_lookup_criterion ((PreuvesReadinessSnapshot *) ctx->snapshot,
                                                   ((PreuvesCriterion *) g_ptr_array_index (finale->criteria, i))->id,
                                                   &state);
      if (state != PREUVES_CRITERION_NOT_YET)
        return TRUE;
    }
  return FALSE;
}

static PreuvesReadinessPart *
compute_overall (PreuvesReadiness *self,
                 Context          *ctx)
{
  PreuvesReadinessPart *overall = part_new (OVERALL_CODE);
  const PreuvesEpreuve *finale = preuves_referentiel_get_epreuve_finale (ctx->referentiel);
  gboolean touched = FALSE;

  check_blocs (self, ctx, overall);
  if (self->path == PREUVES_PATH_FORMATION && finale != NULL)
    {
      check_document (ctx, finale, overall);
      check_criteria (ctx, finale, overall);
      check_rehearsals (ctx, finale, overall);
      touched = finale_touched (ctx, finale);
    }
  else
    check_coordination (ctx, self->blocs->len, overall);
  if (finale != NULL)
    check_remarks (ctx, finale->id, overall);
  check_remarks (ctx, NULL, overall);

  for (guint i = 0; i < self->blocs->len; i++)
    if (((PreuvesReadinessPart *) g_ptr_array_index (self->blocs, i))->state != PREUVES_READINESS_NOT_STARTED)
      touched = TRUE;

  if (overall->reasons->len == 0)
    overall->state = PREUVES_READINESS_READY;
  else
    overall->state = touched ? PREUVES_READINESS_IN_PROGRESS : PREUVES_READINESS_NOT_STARTED;
  return overall;
}

/* GObject */

static void
preuves_readiness_finalize (GObject *object)
{
  PreuvesReadiness *self = PREUVES_READINESS (object);

  g_clear_pointer (&self->blocs, g_ptr_array_unref);
  g_clear_pointer (&self->overall, preuves_readiness_part_free);

  G_OBJECT_CLASS (preuves_readiness_parent_class)->finalize (object);
}

static void
preuves_readiness_class_init (PreuvesReadinessClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = preuves_readiness_finalize;
}

static void
preuves_readiness_init (PreuvesReadiness *self)
{
  self->blocs = g_ptr_array_new_with_free_func ((GDestroyNotify) preuves_readiness_part_free);
}

/**
 * preuves_readiness_compute:
 * @referentiel: the référentiel of the portfolio
 * @path: the candidate's path
 * @snapshot: what the portfolio holds
 *
 * Computes the readiness of each bloc and of the certification. Pure: the
 * same arguments always give the same result, in the same order.
 *
 * Returns: (transfer full): the readiness
 */
PreuvesReadiness *
preuves_readiness_compute (PreuvesReferentiel             *referentiel,
                           PreuvesPath                     path,
                           const PreuvesReadinessSnapshot *snapshot)
{
  g_autoptr(PreuvesReadiness) self = NULL;
  GPtrArray *blocs;
  Context ctx = { 0, };

  g_return_val_if_fail (referentiel != NULL, NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  self = g_object_new (PREUVES_TYPE_READINESS, NULL);
  self->path = path;
  context_init (&ctx, referentiel, snapshot);

  blocs = preuves_referentiel_get_blocs (referentiel);
  for (guint i = 0; i < blocs->len; i++)
    g_ptr_array_add (self->blocs, compute_bloc (&ctx, g_ptr_array_index (blocs, i)));
  self->overall = compute_overall (self, &ctx);

  context_clear (&ctx);
  return g_steal_pointer (&self);
}

PreuvesPath
preuves_readiness_get_path (PreuvesReadiness *self)
{
  g_return_val_if_fail (PREUVES_IS_READINESS (self), PREUVES_PATH_FORMATION);

  return self->path;
}

guint
preuves_readiness_get_n_blocs (PreuvesReadiness *self)
{
  g_return_val_if_fail (PREUVES_IS_READINESS (self), 0);

  return self->blocs->len;
}

const PreuvesReadinessPart *
preuves_readiness_get_bloc (PreuvesReadiness *self,
                            guint             position)
{
  g_return_val_if_fail (PREUVES_IS_READINESS (self), NULL);
  g_return_val_if_fail (position < self->blocs->len, NULL);

  return g_ptr_array_index (self->blocs, position);
}

const PreuvesReadinessPart *
preuves_readiness_lookup_bloc (PreuvesReadiness *self,
                               const char       *code)
{
  g_return_val_if_fail (PREUVES_IS_READINESS (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < self->blocs->len; i++)
    {
      const PreuvesReadinessPart *part = g_ptr_array_index (self->blocs, i);
      if (g_str_equal (part->code, code))
        return part;
    }
  return NULL;
}

const PreuvesReadinessPart *
preuves_readiness_get_overall (PreuvesReadiness *self)
{
  g_return_val_if_fail (PREUVES_IS_READINESS (self), NULL);

  return self->overall;
}

/* Names and state words */

/**
 * preuves_readiness_bloc_name:
 * @bloc: a bloc of the référentiel
 *
 * Returns: (transfer full): the bloc's name as people read it, "Bloc 2"
 */
char *
preuves_readiness_bloc_name (const PreuvesBloc *bloc)
{
  g_return_val_if_fail (bloc != NULL, NULL);

  return g_strdup_printf (_("Bloc %u"), bloc->number);
}

/**
 * preuves_readiness_epreuve_name:
 * @epreuve: an épreuve of the référentiel
 *
 * Returns: (transfer full): "Bloc 2" for the épreuve of a bloc, "Épreuve
 *   finale" for the épreuve finale: short, unlike the official titles
 */
char *
preuves_readiness_epreuve_name (const PreuvesEpreuve *epreuve)
{
  g_return_val_if_fail (epreuve != NULL, NULL);

  if (epreuve->bloc != NULL)
    return preuves_readiness_bloc_name (epreuve->bloc);
  return g_strdup (_("Épreuve finale"));
}

/* The words of each state, by subject. NC_() marks them with their
 * context for xgettext; g_dpgettext2() looks them up in that context. */
static const struct
{
  const char *context;
  const char *words[PREUVES_READINESS_READY + 1];
} state_labels[] = {
  [PREUVES_READINESS_OF_BLOC] = {
    "state of a bloc",
    { NC_("state of a bloc", "Not started"),
      NC_("state of a bloc", "In progress"),
      NC_("state of a bloc", "Ready") },
  },
  [PREUVES_READINESS_OF_CERTIFICATION] = {
    "state of the certification",
    { NC_("state of the certification", "Not started"),
      NC_("state of the certification", "In progress"),
      NC_("state of the certification", "Ready") },
  },
};

/**
 * preuves_readiness_state_label:
 * @state: a state
 * @subject: what is in that state
 *
 * Returns: the translated state word, agreeing with @subject
 */
const char *
preuves_readiness_state_label (PreuvesReadinessState   state,
                               PreuvesReadinessSubject subject)
{
  g_return_val_if_fail (subject < G_N_ELEMENTS (state_labels), NULL);
  g_return_val_if_fail (state <= PREUVES_READINESS_READY, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, state_labels[subject].context, state_labels[subject].words[state]);
}

/**
 * preuves_readiness_part_state_label:
 * @part: a bloc's part or the overall one
 *
 * Returns: the translated word for the part's state
 */
const char *
preuves_readiness_part_state_label (const PreuvesReadinessPart *part)
{
  g_return_val_if_fail (part != NULL, NULL);

  return preuves_readiness_state_label (part->state,
                                        g_strcmp0 (part->code, OVERALL_CODE) == 0
                                        ? PREUVES_READINESS_OF_CERTIFICATION
                                        : PREUVES_READINESS_OF_BLOC);
}

/* JSON: "reasons" are the sentences, for people and simple scripts;
 * "details" carries the same reasons with their kind and target. */
static void
add_part_json (JsonBuilder                *builder,
               const PreuvesReadinessPart *part,
               gboolean                    with_code)
{
  json_builder_begin_object (builder);
  if (with_code)
    {
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, part->code);
    }
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, preuves_readiness_state_to_string (part->state));
  json_builder_set_member_name (builder, "coverage");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "covered");
  json_builder_add_int_value (builder, part->covered);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, part->total);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < part->reasons->len; i++)
    json_builder_add_string_value (builder, ((PreuvesReadinessReason *) g_ptr_array_index (part->reasons, i))->message);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "details");
  json_builder_begin_array (builder);
  for (guint i = 0; i < part->reasons->len; i++)
    {
      const PreuvesReadinessReason *reason = g_ptr_array_index (part->reasons, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, reason->kind);
      json_builder_set_member_name (builder, "target");
      json_builder_add_string_value (builder, reason->target);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, reason->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/**
 * preuves_readiness_to_json:
 * @self: a #PreuvesReadiness
 *
 * Returns: (transfer full): `{"path", "blocs": [{"code", "state",
 *   "coverage": {"covered", "total"}, "reasons", "details"}], "overall"}`
 */
JsonNode *
preuves_readiness_to_json (PreuvesReadiness *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (PREUVES_IS_READINESS (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, preuves_path_to_string (self->path));
  json_builder_set_member_name (builder, "blocs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->blocs->len; i++)
    add_part_json (builder, g_ptr_array_index (self->blocs, i), TRUE);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "overall");
  add_part_json (builder, self->overall, FALSE);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
