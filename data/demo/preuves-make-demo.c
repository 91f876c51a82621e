/* preuves-make-demo.c — writes the demo portfolio of a fictitious candidate
 *
 * Run at build time: preuves-make-demo OUTPUT.preuves. Everything in the
 * demo is invented (the candidate, the school, the documents); the PDFs are
 * drawn here with cairo and pango, so the demo needs no binary in git.
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <stdlib.h>

#include "preuves-assessment.h"
#include "preuves-document-check.h"
#include "preuves-portfolio.h"
#include "preuves-portfolio-file.h"

#define PAGE_WIDTH 595.0  /* A4, in points */
#define PAGE_HEIGHT 842.0
#define MARGIN 64.0

typedef struct
{
  const char *sous_competence_id;
  const char *justification; /* "" leaves the link unjustified */
} DemoLink;

typedef struct
{
  const char     *title;
  const char     *kind;
  const char     *situation;
  const char     *date_start;
  const char     *date_end;
  gboolean        confidential;
  const char     *filename;
  guint           n_pages;
  const DemoLink  links[5];
} DemoPreuve;

static const char fictitious[] =
  "Document fictif, créé pour la démonstration de Preuves. Les personnes, "
  "l'établissement et les chiffres sont inventés.";

/* Body text shared by the documents: plausible, and plainly an example. */
static const char * const paragraphs[] = {
  "Le pôle vie scolaire du collège-lycée des Tilleuls accueille 1\u00a0140 élèves, de la sixième à "
  "la terminale. L'équipe compte une conseillère principale d'éducation, six assistants "
  "d'éducation et deux accompagnants d'élèves en situation de handicap.",
  "Les constats ont été recueillis par des entretiens avec l'équipe, une enquête auprès des "
  "élèves délégués et l'analyse des tableaux de bord d'absentéisme des trois dernières années.",
  "Trois priorités se dégagent : réduire les retards en première heure, mieux coordonner le "
  "suivi des élèves absentéistes avec les professeurs principaux, et clarifier la répartition "
  "des tâches au sein de l'équipe.",
  "Chaque action est assortie d'un responsable, d'une échéance et d'un indicateur de suivi. "
  "Un point d'étape est prévu en conseil pédagogique à chaque fin de trimestre.",
  "Les moyens nécessaires ont été chiffrés avec le service de gestion ; ils restent dans "
  "l'enveloppe votée par le conseil d'administration pour l'année scolaire.",
  "Le bilan intermédiaire montre une baisse des retards de 18\u00a0% et une meilleure circulation "
  "de l'information entre la vie scolaire et les équipes pédagogiques.",
};

static const DemoPreuve demo_preuves[] = {
  { "Diagnostic du pôle vie scolaire", PREUVES_PREUVE_KIND_REPORT,
    "Diagnostic du secteur conduit à la rentrée 2024, à la demande du chef d'établissement, "
    "avant la réorganisation du service.",
    "2024-09-02", "2024-10-18", FALSE, "diagnostic-pole-vie-scolaire.pdf", 19,
    { { "C1-1.1", "Le diagnostic situe le pôle dans le projet d'établissement et la politique éducative académique." },
      { "C1-1.3", "J'ai recensé les ressources humaines et matérielles du pôle (partie 2 du diagnostic)." },
      { "C1-2.1", "L'analyse du fonctionnement de l'équipe s'appuie sur des entretiens individuels." },
      { "C2-1.2", "Le diagnostic a servi d'état des lieux pour le projet de réorganisation." } } },
  { "Compte rendu du conseil pédagogique du 14 novembre 2024", PREUVES_PREUVE_KIND_MINUTES,
    "Présentation des conclusions du diagnostic et des préconisations au conseil pédagogique.",
    "2024-11-14", NULL, FALSE, "cr-conseil-pedagogique-2024-11-14.pdf", 3,
    { { "C2-1.5", "J'ai présenté et argumenté les choix du projet pour le faire valider." },
      { "C4-3.2", "Ma contribution aux échanges est consignée dans le compte rendu." },
      { "C4-3.4", "J'ai rédigé et diffusé le compte rendu aux équipes." } } },
  { "Budget prévisionnel 2025-2026 du pôle vie scolaire", PREUVES_PREUVE_KIND_BUDGET,
    "Élaboration du budget du pôle avec l'adjointe gestionnaire, présenté en conseil d'administration.",
    "2025-03-03", "2025-04-11", TRUE, "budget-previsionnel-2025-2026.pdf", 4,
    { { "C1-3.1", "Le budget part de l'analyse de l'exécution des deux années précédentes." },
      { "C1-3.2", "J'ai construit le budget prévisionnel et je suis son exécution chaque trimestre." },
      { "C1-1.6", "" } } },
  { "Plan de formation de l'équipe de vie scolaire 2025", PREUVES_PREUVE_KIND_PLAN,
    "Recueil des besoins de l'équipe lors des entretiens professionnels et construction du plan.",
    "2025-01-06", "2025-02-28", FALSE, "plan-de-formation-equipe-2025.pdf", 4,
    { { "C1-2.2", "Le plan part des compétences repérées chez chaque membre de l'équipe." },
      { "C1-2b.6", "J'ai identifié les besoins en compétences du secteur et les formations qui y répondent." },
      { "C1-2.7", "Les besoins viennent des entretiens professionnels que j'ai menés par délégation." } } },
  { "Procédure de gestion des absences et des retards", PREUVES_PREUVE_KIND_PROCEDURE,
    "Nouvelle procédure écrite avec l'équipe, diffusée aux familles et aux professeurs.",
    "2024-12-02", "2025-01-10", FALSE, "procedure-absences-retards.pdf", 3,
    { { "C1-1.4", "La procédure formalise un processus lisible par chacun, élèves, familles et équipes." },
      { "C1-2a.6", "Le circuit de l'information sur les absences est défini pas à pas." },
      { "C2-2.2", "Chaque objectif du projet est décliné en fiche action dans la procédure." } } },
  { "Enquête sur le climat scolaire auprès des élèves", PREUVES_PREUVE_KIND_SURVEY,
    "Questionnaire conçu avec les délégués élèves, 642 réponses, analyse présentée au CVL.",
    "2025-02-03", "2025-03-14", FALSE, "enquete-climat-scolaire.pdf", 5,
    { { "C3-1.2", "J'ai recueilli et analysé la parole des élèves sur le climat scolaire." },
      { "C3-1.3", "L'analyse débouche sur trois pistes d'action argumentées." } } },
  { "Présentation du projet de service au conseil d'administration", PREUVES_PREUVE_KIND_PRESENTATION,
    "Support présenté avec la cheffe d'établissement au conseil d'administration de juin.",
    "2025-06-19", NULL, FALSE, "presentation-projet-de-service.pdf", 4,
    { { "C4-1.2", "Le projet de service s'inscrit dans le projet d'établissement, que j'ai contribué à enrichir." },
      { "C4-2.2", "J'ai présenté les finalités et les moyens du projet aux administrateurs." },
      { "C2-3.2", "La dernière partie dresse le bilan de la première année du projet." } } },
  { "Échanges avec les partenaires du dispositif de prévention du décrochage", PREUVES_PREUVE_KIND_EMAIL,
    "Courriels et convention avec la mission locale et le centre social du quartier.",
    "2025-04-07", "2025-05-23", FALSE, "echanges-partenaires-decrochage.pdf", 3,
    { { "C3-2.1", "J'ai réactivé le réseau des partenaires du bassin pour le dispositif." },
      { "C3-2.3", "" } } },
};

/* ---- Drawing the PDFs ---------------------------------------------------- */

static double
show_text (cairo_t    *cr,
           const char *font,
           const char *text,
           double      y)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *description = pango_font_description_from_string (font);
  int height;

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, (PAGE_WIDTH - 2 * MARGIN) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, MARGIN, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, NULL, &height);
  return y + (double) height / PANGO_SCALE + 10;
}

/* One page: an optional heading at its top, then body paragraphs. */
static void
draw_page (cairo_t    *cr,
           const char *running_title,
           const char *heading,
           guint       page,
           guint       first_paragraph)
{
  g_autofree char *footer = g_strdup_printf ("%s — %u", running_title, page);
  double y = MARGIN;

  cairo_set_source_rgb (cr, 0, 0, 0);
  if (heading != NULL)
    y = show_text (cr, "Sans Bold 18", heading, y) + 8;
  for (guint i = 0; i < 5; i++)
    y = show_text (cr, "Serif 11", paragraphs[(first_paragraph + i) % G_N_ELEMENTS (paragraphs)], y);
  show_text (cr, "Sans 8", footer, PAGE_HEIGHT - MARGIN / 2 - 10);
  cairo_show_page (cr);
}

static void
draw_title_page (cairo_t    *cr,
                 const char *title)
{
  double y = PAGE_HEIGHT / 3;

  y = show_text (cr, "Sans Bold 24", title, y);
  y = show_text (cr, "Sans 13", "Camille Martin — coordinatrice du pôle vie scolaire", y + 12);
  show_text (cr, "Sans Italic 10", fictitious, y + 24);
  cairo_show_page (cr);
}

static gboolean
finish_pdf (cairo_surface_t  *surface,
            GError          **error)
{
  cairo_status_t status;

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cairo: %s", cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_document_pdf (const char  *path,
                    const char  *title,
                    guint        n_pages,
                    GError     **error)
{
  static const char * const headings[] = {
    "Contexte", "Objectifs", "Démarche", "Moyens", "Calendrier", "Suivi et évaluation",
  };
  cairo_surface_t *surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  draw_title_page (cr, title);
  for (guint page = 2; page <= n_pages; page++)
    draw_page (cr, title, headings[(page - 2) % G_N_ELEMENTS (headings)], page, page);
  cairo_destroy (cr);
  return finish_pdf (surface, error);
}

/* The written diagnostic of bloc 1: 19 pages, with a table of contents
 * that mentions the annexes, a body that says "voir annexe 2", and the
 * ANNEXES heading on page 17, so that 16 pages count. */
#define DIAGNOSTIC_PAGES 19
#define DIAGNOSTIC_ANNEX_PAGE 17

static const char diagnostic_toc[] =
  "Sommaire\n\n"
  "Introduction ........................................ 3\n"
  "1. Le périmètre du pôle vie scolaire ................... 4\n"
  "2. Méthodologie du diagnostic ......................... 6\n"
  "3. Ressources et fonctionnement de l'équipe ............ 8\n"
  "4. Analyse des indicateurs ............................ 11\n"
  "5. Préconisations pour la coordination du secteur ...... 14\n"
  "Conclusion .......................................... 16\n"
  "Annexes ............................................. 17";

static const struct
{
  guint       page;
  const char *heading;
} diagnostic_sections[] = {
  { 3, "Introduction" },
  { 4, "1. Le périmètre du pôle vie scolaire" },
  { 6, "2. Méthodologie du diagnostic (voir annexe 2)" },
  { 8, "3. Ressources et fonctionnement de l'équipe" },
  { 11, "4. Analyse des indicateurs" },
  { 14, "5. Préconisations pour la coordination du secteur" },
  { 16, "Conclusion" },
  { DIAGNOSTIC_ANNEX_PAGE, "ANNEXES" },
  { 18, "Annexe 2 — Grille d'entretien avec l'équipe" },
};

static const char *
diagnostic_heading (guint page)
{
  for (guint i = 0; i < G_N_ELEMENTS (diagnostic_sections); i++)
    if (diagnostic_sections[i].page == page)
      return diagnostic_sections[i].heading;
  return NULL;
}

static gboolean
write_diagnostic_pdf (const char  *path,
                      const char  *title,
                      GError     **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  draw_title_page (cr, title);
  show_text (cr, "Sans 11", diagnostic_toc, MARGIN);
  cairo_show_page (cr);
  for (guint page = 3; page <= DIAGNOSTIC_PAGES; page++)
    draw_page (cr, title, diagnostic_heading (page), page, page);
  cairo_destroy (cr);
  return finish_pdf (surface, error);
}

/* ---- Filling the portfolio ---------------------------------------------- */

static gboolean
set_preuve_fields (PreuvesPreuve     *preuve,
                   const DemoPreuve  *demo,
                   GError           **error)
{
  return preuves_preuve_set_kind (preuve, demo->kind, error) &&
         preuves_preuve_set_situation (preuve, demo->situation, error) &&
         preuves_preuve_set_date_start (preuve, demo->date_start, error) &&
         (demo->date_end == NULL || preuves_preuve_set_date_end (preuve, demo->date_end, error)) &&
         preuves_preuve_set_confidential (preuve, demo->confidential, error);
}

/* Returns the new preuve (owned by @portfolio), or NULL. */
static PreuvesPreuve *
add_demo_preuve (PreuvesPortfolio  *portfolio,
                 const DemoPreuve  *demo,
                 const char        *pdf_dir,
                 GError           **error)
{
  g_autofree char *pdf_path = g_build_filename (pdf_dir, demo->filename, NULL);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(PreuvesAttachment) attachment = NULL;
  PreuvesPreuve *preuve;
  gboolean written;

  written = demo->n_pages == DIAGNOSTIC_PAGES
            ? write_diagnostic_pdf (pdf_path, demo->title, error)
            : write_document_pdf (pdf_path, demo->title, demo->n_pages, error);
  if (!written)
    return NULL;

  preuve = preuves_portfolio_add_preuve (portfolio, demo->title, error);
  if (preuve == NULL || !set_preuve_fields (preuve, demo, error))
    return NULL;
  attachment = preuves_portfolio_attach_file (portfolio, preuve, pdf, NULL, error);
  if (attachment == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (demo->links) && demo->links[i].sous_competence_id != NULL; i++)
    {
      g_autoptr(PreuvesLink) link = preuves_portfolio_link (portfolio, preuve,
                                                            demo->links[i].sous_competence_id,
                                                            demo->links[i].justification, error);
      if (link == NULL)
        return NULL;
    }
  return preuve;
}

/* The self-assessment so far: bloc 1 nearly done, bloc 4 begun. */
static const struct
{
  const char            *criterion_id;
  PreuvesCriterionState  state;
  const char            *note;
} demo_criteria[] = {
  { "B1-1", PREUVES_CRITERION_MET, "Méthodologie décrite en partie 2, grille d'entretien en annexe 2." },
  { "B1-2", PREUVES_CRITERION_MET, NULL },
  { "B1-3", PREUVES_CRITERION_MET, NULL },
  { "B1-4", PREUVES_CRITERION_IN_PROGRESS, "Chiffrer les préconisations avec la gestionnaire." },
  { "B4-1", PREUVES_CRITERION_IN_PROGRESS, NULL },
};

/* The written diagnostic of bloc 1 is the PDF of the first preuve, checked
 * by the PDF probe when the build provides one ($PREUVES_PDF_PROBE); else
 * it is stored unchecked, and the app checks it when it opens the demo. */
static gboolean
add_written_diagnostic (PreuvesPortfolio  *portfolio,
                        const char        *pdf_dir,
                        GError           **error)
{
  g_autofree char *path = g_build_filename (pdf_dir, demo_preuves[0].filename, NULL);
  g_autoptr(GFile) pdf = g_file_new_for_path (path);
  g_autoptr(PreuvesWrittenDocument) checked = NULL;
  g_autoptr(GError) check_error = NULL;

  checked = preuves_document_check_attach (portfolio, "bloc1", pdf, NULL, &check_error);
  if (checked != NULL)
    return TRUE;
  g_printerr ("preuves-make-demo: the diagnostic is stored unchecked: %s\n", check_error->message);
  return preuves_portfolio_set_written_document (portfolio, "bloc1", pdf, NULL, error);
}

/* Criteria, rehearsals and remarks, chosen so that readiness has both
 * progress to show and reasons to give. */
static gboolean
add_assessment (PreuvesPortfolio  *portfolio,
                PreuvesPreuve     *diagnostic,
                PreuvesPreuve     *budget,
                GError           **error)
{
  g_autofree char *answered = NULL;
  g_autofree char *open = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (demo_criteria); i++)
    if (!preuves_portfolio_set_criterion (portfolio, demo_criteria[i].criterion_id,
                                          demo_criteria[i].state, demo_criteria[i].note, error))
      return FALSE;

  if (!preuves_portfolio_add_rehearsal (portfolio, "bloc2", 17 * 60 + 30, 16 * 60,
                                        "Dans les temps, devant deux collègues.", error) ||
      !preuves_portfolio_add_rehearsal (portfolio, "bloc3", 18 * 60, 11 * 60,
                                        "Échange trop court : préparer des questions de relance.", error))
    return FALSE;

  answered = preuves_portfolio_add_remark (portfolio, PREUVES_REMARK_ROLE_ADVISOR, "preuve",
                                           preuves_preuve_get_uuid (diagnostic), 0,
                                           "Indiquez la source des chiffres d'absentéisme.", error);
  if (answered == NULL ||
      !preuves_portfolio_resolve_remark (portfolio, answered, TRUE,
                                         "Source ajoutée : tableaux de bord de l'établissement, 2021-2024.", error))
    return FALSE;
  open = preuves_portfolio_add_remark (portfolio, PREUVES_REMARK_ROLE_ADVISOR, "preuve",
                                       preuves_preuve_get_uuid (budget), 0,
                                       "Précisez votre rôle exact : avez-vous arbitré les dépenses, ou seulement chiffré les besoins ?",
                                       error);
  return open != NULL;
}

static gboolean
make_demo (GFile       *file,
           const char  *pdf_dir,
           GError     **error)
{
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  PreuvesPreuve *preuves[G_N_ELEMENTS (demo_preuves)];

  portfolio = preuves_portfolio_create (file, "Camille Martin (candidate fictive)", PREUVES_PATH_VAE, error);
  if (portfolio == NULL)
    return FALSE;
  preuves_portfolio_set_author (portfolio, "Camille Martin");
  if (!preuves_portfolio_set_etablissement (portfolio, "Collège-lycée des Tilleuls (établissement fictif)", error) ||
      !preuves_portfolio_set_secteur (portfolio, "Vie scolaire", error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_preuves); i++)
    if ((preuves[i] = add_demo_preuve (portfolio, &demo_preuves[i], pdf_dir, error)) == NULL)
      return FALSE;

  /* preuves[2] is the budget, the confidential one. */
  if (!add_written_diagnostic (portfolio, pdf_dir, error) ||
      !add_assessment (portfolio, preuves[0], preuves[2], error))
    return FALSE;

  preuves_portfolio_close (portfolio);
  return TRUE;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *partial_path = NULL;
  g_autofree char *pdf_dir = NULL;
  g_autoptr(GFile) partial = NULL;
  g_autoptr(GFile) output = NULL;
  gboolean ok;

  if (argc != 2)
    {
      g_printerr ("usage: %s OUTPUT.preuves\n", argv[0]);
      return EXIT_FAILURE;
    }

  /* Written beside the output and renamed at the end: an interrupted build
   * never leaves a half-made demo where the app looks for it. */
  partial_path = g_strconcat (argv[1], ".partial", NULL);
  g_unlink (partial_path);
  pdf_dir = g_dir_make_tmp ("preuves-demo-XXXXXX", &error);
  partial = g_file_new_for_path (partial_path);
  output = g_file_new_for_path (argv[1]);

  ok = pdf_dir != NULL &&
       make_demo (partial, pdf_dir, &error) &&
       preuves_portfolio_file_check (partial, NULL, NULL, &error) &&
       g_file_move (partial, output, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  if (pdf_dir != NULL)
    remove_dir (pdf_dir);
  if (!ok)
    {
      g_unlink (partial_path);
      g_printerr ("preuves-make-demo: %s\n", error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
