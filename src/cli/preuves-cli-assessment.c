/* preuves-cli-assessment.c — status, document, criterion and rehearse
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-assessment.h"
#include "preuves-cli-commands.h"
#include "preuves-cli-common.h"
#include "preuves-document-check.h"
#include "preuves-pdf-report.h"
#include "preuves-portfolio.h"
#include "preuves-readiness.h"
#include "preuves-referentiel.h"

static PreuvesPortfolio *
open_portfolio (const char  *path,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return preuves_portfolio_open (file, error);
}

static PreuvesReadiness *
compute_readiness (PreuvesPortfolio  *portfolio,
                   GError           **error)
{
  g_autoptr(PreuvesReadinessSnapshot) snapshot = NULL;

  snapshot = preuves_readiness_snapshot_new_from_portfolio (portfolio, error);
  if (snapshot == NULL)
    return NULL;
  return preuves_readiness_compute (preuves_referentiel_get_default (),
                                    preuves_portfolio_get_path (portfolio),
                                    snapshot);
}

/* status */

static gboolean status_json = FALSE;

static GOptionEntry status_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &status_json, N_("Print JSON"), NULL },
  G_OPTION_ENTRY_NULL
};

static void
print_part (const char                 *name,
            const PreuvesReadinessPart *part)
{
  /* Translators: "Bloc 1: In progress — 12/24 sous-compétences backed" */
  g_print (_("%s: %s — %u/%u sous-compétences backed\n"),
           name, preuves_readiness_part_state_label (part), part->covered, part->total);
  for (guint i = 0; i < part->reasons->len; i++)
    g_print ("  • %s\n", ((PreuvesReadinessReason *) g_ptr_array_index (part->reasons, i))->message);
}

static void
print_status (PreuvesReadiness *readiness)
{
  const PreuvesPathRules *rules =
    preuves_referentiel_get_path_rules (preuves_referentiel_get_default (),
                                        preuves_readiness_get_path (readiness));

  g_print ("%s\n\n", rules->title);
  for (guint i = 0; i < preuves_readiness_get_n_blocs (readiness); i++)
    {
      const PreuvesReadinessPart *part = preuves_readiness_get_bloc (readiness, i);
      const PreuvesBloc *bloc = preuves_referentiel_find_bloc (preuves_referentiel_get_default (), part->code);
      g_autofree char *name = bloc != NULL ? preuves_readiness_bloc_name (bloc) : g_strdup (part->code);

      print_part (name, part);
    }
  g_print ("\n");
  print_part (_("Certification"), preuves_readiness_get_overall (readiness));
}

/* Exit status: 0 whatever the state. Status is a report on work in
 * progress, not a check: a portfolio that is not ready yet is the normal
 * case, and scripts read the state from --json. */
int
preuves_cli_status (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(PreuvesReadiness) readiness = NULL;

  if (!preuves_cli_parse_options ("status", "FILE [--json]", status_entries, &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (argc != 2)
    return preuves_cli_fail_message (_("Usage: preuves-cli status FILE [--json]"));

  portfolio = open_portfolio (argv[1], &error);
  if (portfolio == NULL || (readiness = compute_readiness (portfolio, &error)) == NULL)
    return preuves_cli_fail (error);

  if (status_json)
    {
      g_autoptr(JsonNode) node = preuves_readiness_to_json (readiness);
      preuves_cli_print_json (node);
    }
  else
    print_status (readiness);
  return PREUVES_CLI_EXIT_OK;
}

/* document */

static int document_annex_start = -1;

static GOptionEntry document_entries[] = {
  { "annex-start", 'a', 0, G_OPTION_ARG_INT, &document_annex_start,
    N_("The annexes start at this page (0 to let Preuves find them again)"), "N" },
  G_OPTION_ENTRY_NULL
};

static void
print_document (const PreuvesWrittenDocument *document)
{
  g_autoptr(GString) line = g_string_new (document->filename);

  g_string_append (line, ": ");
  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%d page", "%d pages", document->pages_total),
                          document->pages_total);
  g_string_append (line, ", ");
  if (document->annex_method == PREUVES_ANNEX_METHOD_NONE)
    g_string_append (line, _("no annexes found"));
  else
    /* Translators: "annexes from page 18 (heading)"; the method is outline, heading or manual */
    g_string_append_printf (line, _("annexes from page %d (%s)"), document->annex_start,
                            preuves_annex_method_to_string (document->annex_method));
  g_string_append (line, ": ");
  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%d page counted", "%d pages counted",
                                             document->pages_counted),
                          document->pages_counted);
  g_print ("%s\n", line->str);
}

/* What readiness says about this document: the same rules as `status`. */
static const PreuvesReadinessReason *
find_document_reason (PreuvesReadiness *readiness,
                      const char       *epreuve_id)
{
  const char *kinds[] = { "document-error", "document-annex-unknown", "document-too-short",
                          "document-too-long" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      const PreuvesReadinessReason *reason;

      for (guint i = 0; i < preuves_readiness_get_n_blocs (readiness); i++)
        if ((reason = preuves_readiness_part_find_reason (preuves_readiness_get_bloc (readiness, i),
                                                          kinds[k], epreuve_id)) != NULL)
          return reason;
      if ((reason = preuves_readiness_part_find_reason (preuves_readiness_get_overall (readiness),
                                                        kinds[k], epreuve_id)) != NULL)
        return reason;
    }
  return NULL;
}

static PreuvesWrittenDocument *
attach_and_check (PreuvesPortfolio  *portfolio,
                  const char        *epreuve_id,
                  const char        *pdf_path,
                  GError           **error)
{
  g_autoptr(GFile) pdf = g_file_new_for_commandline_arg (pdf_path);
  g_autoptr(PreuvesWrittenDocument) document = NULL;

  document = preuves_document_check_attach (portfolio, epreuve_id, pdf, NULL, error);
  if (document == NULL || document_annex_start < 0)
    return g_steal_pointer (&document);

  if (!preuves_document_check_set_annex_start (portfolio, epreuve_id, document_annex_start, error))
    return NULL;
  /* Same bytes: this reads the stored check, now with the manual start. */
  return preuves_document_check_run (portfolio, epreuve_id, NULL, error);
}

/* Exit status: 0 the document is within its page range, 1 it is not (or
 * its annexes must be set by hand), 2 bad arguments, an unreadable
 * portfolio or file, or a PDF that cannot be used or checked: that one is
 * not stored, the previous document stays, and the message says why. */
int
preuves_cli_document (int    argc,
                      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(PreuvesWrittenDocument) document = NULL;
  g_autoptr(PreuvesReadiness) readiness = NULL;
  const PreuvesReadinessReason *reason;
  const char *epreuve_id;

  if (!preuves_cli_parse_options ("document", "FILE EPREUVE PDF [--annex-start N]", document_entries,
                                  &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (argc != 4)
    return preuves_cli_fail_message (_("Usage: preuves-cli document FILE EPREUVE PDF [--annex-start N]"));
  if ((epreuve_id = preuves_document_check_resolve_epreuve (argv[2])) == NULL)
    return preuves_cli_fail_message (_("“%s” has no written document: use bloc1 (or diagnostic) or finale (or final)."),
                                     argv[2]);

  portfolio = open_portfolio (argv[1], &error);
  if (portfolio == NULL || (document = attach_and_check (portfolio, epreuve_id, argv[3], &error)) == NULL)
    return preuves_cli_fail (error);
  if ((readiness = compute_readiness (portfolio, &error)) == NULL)
    return preuves_cli_fail (error);

  /* An unusable PDF was refused above: what was stored was checked. */
  print_document (document);
  reason = find_document_reason (readiness, epreuve_id);
  if (reason != NULL)
    {
      g_print ("%s\n", reason->message);
      return PREUVES_CLI_EXIT_PROBLEM;
    }
  g_print ("%s\n", _("Within the page range the jury expects."));
  return PREUVES_CLI_EXIT_OK;
}

/* criterion */

static char *criterion_note = NULL;

static GOptionEntry criterion_entries[] = {
  { "note", 'n', 0, G_OPTION_ARG_STRING, &criterion_note, N_("Why you assess it so"), "TEXT" },
  G_OPTION_ENTRY_NULL
};

int
preuves_cli_criterion (int    argc,
                       char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  const PreuvesCriterion *criterion;
  PreuvesCriterionState state;

  if (!preuves_cli_parse_options ("criterion", "FILE CRITERION_ID not-yet|in-progress|met [--note TEXT]",
                                  criterion_entries, &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (argc != 4)
    return preuves_cli_fail_message (_("Usage: preuves-cli criterion FILE CRITERION_ID not-yet|in-progress|met [--note TEXT]"));
  criterion = preuves_referentiel_find_criterion (preuves_referentiel_get_default (), argv[2]);
  if (criterion == NULL)
    return preuves_cli_fail_message (_("Unknown criterion “%s”: run “preuves-cli referential” for the list (B1-1, EF-O3…)."),
                                     argv[2]);
  if (!preuves_criterion_state_from_string (argv[3], &state))
    return preuves_cli_fail_message (_("Unknown state “%s”: use not-yet, in-progress or met."), argv[3]);

  portfolio = open_portfolio (argv[1], &error);
  if (portfolio == NULL ||
      !preuves_portfolio_set_criterion (portfolio, criterion->id, state, criterion_note, &error))
    return preuves_cli_fail (error);

  g_print ("%s (%s): %s\n", criterion->id, criterion->epreuve->title, preuves_criterion_state_to_string (state));
  return PREUVES_CLI_EXIT_OK;
}

/* rehearse */

static char *rehearse_presentation = NULL;
static char *rehearse_exchange = NULL;
static char *rehearse_note = NULL;

static GOptionEntry rehearse_entries[] = {
  { "presentation", 'p', 0, G_OPTION_ARG_STRING, &rehearse_presentation, N_("How long the presentation took"), "MM:SS" },
  { "exchange", 'e', 0, G_OPTION_ARG_STRING, &rehearse_exchange, N_("How long the exchange took"), "MM:SS" },
  { "note", 'n', 0, G_OPTION_ARG_STRING, &rehearse_note, N_("What to remember from this rehearsal"), "TEXT" },
  G_OPTION_ENTRY_NULL
};

/* "17:30" or "17" (minutes). */
static gboolean
parse_duration (const char *text,
                guint      *seconds)
{
  guint64 minutes = 0, secs = 0;
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, ":", 3);
  if (g_strv_length (parts) > 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 24 * 60, &minutes, NULL) ||
      (parts[1] != NULL && !g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &secs, NULL)))
    return FALSE;
  *seconds = minutes * 60 + secs;
  return TRUE;
}

static void
print_part_duration (const char *name,
                     guint       seconds,
                     guint       min_minutes,
                     guint       max_minutes)
{
  const char *where = seconds < min_minutes * 60 ? _("too short")
                      : seconds > max_minutes * 60 ? _("too long")
                      : _("inside");

  /* Translators: "Presentation: 17:30 (window 15–20 min): inside" */
  g_print (_("%s: %u:%02u (window %u–%u min): %s\n"), name, seconds / 60, seconds % 60,
           min_minutes, max_minutes, where);
}

/* Exit status: 0 the rehearsal is inside the window, 1 it is recorded but
 * outside, 2 bad arguments or an unreadable portfolio. */
int
preuves_cli_rehearse (int    argc,
                      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  const PreuvesEpreuve *epreuve;
  guint presentation, exchange;
  gboolean inside;

  if (!preuves_cli_parse_options ("rehearse", "FILE EPREUVE --presentation MM:SS --exchange MM:SS [--note TEXT]",
                                  rehearse_entries, &argc, &argv, &error))
    return preuves_cli_fail (error);
  if (argc != 3)
    return preuves_cli_fail_message (_("Usage: preuves-cli rehearse FILE EPREUVE --presentation MM:SS --exchange MM:SS [--note TEXT]"));
  epreuve = preuves_referentiel_find_epreuve (preuves_referentiel_get_default (), argv[2]);
  if (epreuve == NULL || epreuve->presentation_max == 0)
    return preuves_cli_fail_message (_("“%s” has no oral to rehearse: use bloc2, bloc3, bloc4 or finale."), argv[2]);
  if (!parse_duration (rehearse_presentation, &presentation) || !parse_duration (rehearse_exchange, &exchange))
    return preuves_cli_fail_message (_("Give both durations as minutes and seconds, for example --presentation 17:30 --exchange 16:05."));

  portfolio = open_portfolio (argv[1], &error);
  if (portfolio == NULL ||
      !preuves_portfolio_add_rehearsal (portfolio, epreuve->id, presentation, exchange, rehearse_note, &error))
    return preuves_cli_fail (error);

  print_part_duration (_("Presentation"), presentation, epreuve->presentation_min, epreuve->presentation_max);
  print_part_duration (_("Exchange"), exchange, epreuve->exchange_min, epreuve->exchange_max);
  inside = preuves_readiness_rehearsal_in_window (epreuve, presentation, exchange);
  g_print ("%s\n", inside ? _("This rehearsal is inside the window.")
                          : _("This rehearsal is outside the window: rehearse again."));
  return inside ? PREUVES_CLI_EXIT_OK : PREUVES_CLI_EXIT_PROBLEM;
}
