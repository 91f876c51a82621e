/* test-pages.c — widget tests of the portfolio pages, under Xvfb
 *
 * Builds every page on a real portfolio in a temporary folder and drives
 * the main journeys: add a preuve with a PDF, map it to a sous-compétence
 * with a justification through the editor's widgets, watch the bloc's
 * coverage and the overview's readiness change, delete and undo from the
 * toast, filter the list, rehearse an oral, check a written document.
 *
 * With PREUVES_SCREENSHOT_DIR set, /pages/screenshots also saves a PNG of
 * each page of a filled portfolio there.
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "french-test-util.h"
#include "gui-test-util.h"
#include "pdf-fixtures.h"
#include "preuves-assessment.h"
#include "preuves-bloc-page.h"
#include "preuves-document-check.h"
#include "preuves-epreuve-panel.h"
#include "preuves-coverage-matrix.h"
#include "preuves-matrix-page.h"
#include "preuves-overview-page.h"
#include "preuves-page-thumbnail.h"
#include "preuves-portfolio.h"
#include "preuves-preuve-editor.h"
#include "preuves-preuves-page.h"
#include "preuves-referentiel.h"
#include "preuves-rehearsal-page.h"

static char *tmp_dir;

static gboolean
quit_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Lets debounced refreshes (a few hundred ms) and idle work run. */
static void
spin_a_while (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, quit_cb, &done);
  preuves_test_spin_until (is_true, &done);
}

static PreuvesPortfolio *
new_portfolio (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  PreuvesPortfolio *portfolio;

  g_unlink (path);
  portfolio = preuves_portfolio_create (file, "Camille Martin", PREUVES_PATH_FORMATION, &error);
  g_assert_no_error (error);
  return portfolio;
}

/* Each page lives in a window with a toast overlay, like in the app. */
static GtkWidget *
show_in_window (GtkWidget *page,
                int        width,
                int        height)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  spin_a_while (50);
  return window;
}




typedef gboolean (*WidgetTest) (GtkWidget *widget, const char *text);

/* The first widget under @root, @root included, that passes @test. */
static GtkWidget *
find_widget (GtkWidget  *root,
             WidgetTest  test,
             const char *text)
{
  if (test (root, text))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, test, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_name (GtkWidget  *widget,
          const char *name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_button_with_tooltip (GtkWidget  *widget,
                        const char *tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_label_saying (GtkWidget  *widget,
                 const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

#define find_named(root, name)                   find_widget ((root), has_name, (name))
#define find_button_with_label(root, label)      find_widget ((root), is_button_labelled, (label))
#define find_button_with_tooltip(root, tooltip)  find_widget ((root), is_button_with_tooltip, (tooltip))
#define find_label_with_text(root, text)         find_widget ((root), is_label_saying, (text))

static gpointer
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static const char *
label_text (gpointer widget,
            GType    type,
            const char *name)
{
  return gtk_label_get_text (template_child (widget, type, name));
}

/* Every page fits a phone-sized window, 360 px wide. */
static void
assert_fits_narrow (GtkWidget *page)
{
  int minimum;

  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
}

static void
destroy_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_while (10);
}

/* ------------------------------------------------------------------ */

typedef struct
{
  const char *label;
  GtkWidget  *(*build) (const char *arg);
  const char *arg;
} PageSpec;

static GtkWidget *
build_overview (const char *arg)
{
  return preuves_overview_page_new ();
}

static GtkWidget *
build_preuves (const char *arg)
{
  return preuves_preuves_page_new ();
}

static GtkWidget *
build_matrix (const char *arg)
{
  return preuves_matrix_page_new ();
}

static const PageSpec all_pages[] = {
  { "overview", build_overview, NULL },
  { "bloc-B1", preuves_bloc_page_new, "B1" },
  { "bloc-B2", preuves_bloc_page_new, "B2" },
  { "bloc-B3", preuves_bloc_page_new, "B3" },
  { "bloc-B4", preuves_bloc_page_new, "B4" },
  { "preuves", build_preuves, NULL },
  { "matrix", build_matrix, NULL },
  { "rehearsal-bloc2", preuves_rehearsal_page_new, "bloc2" },
  { "rehearsal-bloc3", preuves_rehearsal_page_new, "bloc3" },
  { "rehearsal-finale", preuves_rehearsal_page_new, "finale" },
};

static void
build_every_page (PreuvesPortfolio *portfolio)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_pages); i++)
    {
      GtkWidget *page = all_pages[i].build (all_pages[i].arg);
      GtkWidget *window;

      g_test_message ("page %s", all_pages[i].label);
      g_object_set (page, "portfolio", portfolio, NULL);
      window = show_in_window (page, 1000, 700);
      spin_a_while (300);
      assert_fits_narrow (page);
      g_object_set (page, "portfolio", NULL, NULL);
      destroy_window (window);
    }
}

/* Every page builds from its template, shows a portfolio, and lets go of
 * it: a broken .ui or a leaked reference fails here. */
static void
test_pages_build (void)
{
  g_autoptr(PreuvesPortfolio) portfolio = new_portfolio ("build.preuves");

  build_every_page (portfolio);
  /* Only the test holds the portfolio now. */
  g_assert_finalize_object (g_steal_pointer (&portfolio));
}

/* The bloc page shows the official codes, and tells the two C1-2.6 apart. */
static void
test_pages_bloc_duplicate_code (void)
{
  g_autoptr(PreuvesPortfolio) portfolio = new_portfolio ("dup.preuves");
  GtkWidget *page = preuves_bloc_page_new ("B1");
  GtkWidget *window;
  GtkWidget *row_a, *row_b;

  g_object_set (page, "portfolio", portfolio, NULL);
  window = show_in_window (page, 1000, 700);
  row_a = find_named (page, "sous-competence-C1-2a.6");
  row_b = find_named (page, "sous-competence-C1-2b.6");
  g_assert_nonnull (row_a);
  g_assert_nonnull (row_b);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_a)), ==, "C1-2.6 (C1-2a)");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_b)), ==, "C1-2.6 (C1-2b)");
  destroy_window (window);
}

/* ------------------------------------------------------------------ */
/* Journeys */

typedef struct
{
  GListModel *model;
  guint       n;
} CountWait;

static gboolean
count_is (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n;
}

typedef struct
{
  GtkLabel   *label;
  const char *prefix;
} LabelWait;

static gboolean
label_starts_with (gpointer data)
{
  LabelWait *wait = data;

  return g_str_has_prefix (gtk_label_get_text (wait->label), wait->prefix);
}

static void
wait_label (gpointer    widget,
            GType       type,
            const char *name,
            const char *prefix)
{
  LabelWait wait = { template_child (widget, type, name), prefix };

  preuves_test_spin_until (label_starts_with, &wait);
}

static GFile *
make_pdf (const char *name,
          guint       n_pages,
          guint       annex_start)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  preuves_test_make_document (path, n_pages, annex_start, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GtkListBoxRow *
find_sous_competence_row (PreuvesPreuveEditor *editor,
                          const char          *sc_id)
{
  GtkWidget *list = template_child (editor, PREUVES_TYPE_PREUVE_EDITOR, "sc_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      const PreuvesSousCompetence *sc = g_object_get_data (G_OBJECT (row), "sous-competence");

      if (sc != NULL && g_str_equal (sc->id, sc_id))
        return GTK_LIST_BOX_ROW (row);
    }
  g_assert_not_reached ();
}

/* Through the editor's widgets: pick the sous-compétence in the list, type
 * the justification. */
static void
map_through_editor (PreuvesPreuveEditor *editor,
                    const char          *sc_id,
                    const char          *justification)
{
  GtkWidget *list = template_child (editor, PREUVES_TYPE_PREUVE_EDITOR, "sc_list");
  g_autofree char *name = g_strconcat ("justification-", sc_id, NULL);
  GtkWidget *row;

  g_signal_emit_by_name (list, "row-activated", find_sous_competence_row (editor, sc_id));
  row = find_named (GTK_WIDGET (editor), name);
  g_assert_nonnull (row);
  /* A link without justification is a gap, and looks like one. */
  g_assert_true (gtk_widget_get_visible (g_object_get_data (G_OBJECT (row), "missing-icon")));
  gtk_editable_set_text (GTK_EDITABLE (row), justification);
  g_assert_false (gtk_widget_get_visible (g_object_get_data (G_OBJECT (row), "missing-icon")));
  /* Written after a short pause in typing. */
  spin_a_while (800);
}

static void
test_pages_preuve_journey (void)
{
  g_autoptr(PreuvesPortfolio) portfolio = new_portfolio ("journey.preuves");
  const PreuvesBloc *b1 = preuves_referentiel_find_bloc (preuves_referentiel_get_default (), "B1");
  const PreuvesSousCompetence *sc = g_ptr_array_index (b1->sous_competences, 0);
  GtkWidget *overview = preuves_overview_page_new ();
  GtkWidget *bloc = preuves_bloc_page_new ("B1");
  GtkWidget *preuves = preuves_preuves_page_new ();
  GtkWidget *matrix = preuves_matrix_page_new ();
  GtkWidget *windows[4];
  PreuvesPreuveEditor *editor;
  PreuvesPreuve *preuve;
  g_autoptr(GFile) pdf = make_pdf ("compte-rendu.pdf", 3, 0);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GListModel) links = NULL;
  g_autoptr(PreuvesLink) link = NULL;
  g_autofree char *b1_zero = g_strdup_printf ("0 of %u", b1->sous_competences->len);
  g_autofree char *b1_one = g_strdup_printf ("1 of %u", b1->sous_competences->len);
  CountWait wait;
  PreuvesAttachment *attachment;

  windows[0] = show_in_window (overview, 900, 700);
  windows[1] = show_in_window (bloc, 900, 700);
  windows[2] = show_in_window (preuves, 1200, 800);
  windows[3] = show_in_window (matrix, 900, 700);
  g_object_set (overview, "portfolio", portfolio, NULL);
  g_object_set (bloc, "portfolio", portfolio, NULL);
  g_object_set (preuves, "portfolio", portfolio, NULL);
  g_object_set (matrix, "portfolio", portfolio, NULL);

  wait_label (overview, PREUVES_TYPE_OVERVIEW_PAGE, "overall_summary", "0 of ");
  wait_label (bloc, PREUVES_TYPE_BLOC_PAGE, "coverage_label", b1_zero);
  g_assert_cmpstr (label_text (overview, PREUVES_TYPE_OVERVIEW_PAGE, "overall_state"), ==, "Not started");

  /* Add a preuve with the button's action, and title it. */
  gtk_widget_activate_action (preuves, "preuves.new", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (preuves_portfolio_get_preuves (portfolio)), ==, 1);
  editor = template_child (preuves, PREUVES_TYPE_PREUVES_PAGE, "editor");
  preuve = preuves_preuve_editor_get_preuve (editor);
  g_assert_nonnull (preuve);
  gtk_editable_set_text (template_child (editor, PREUVES_TYPE_PREUVE_EDITOR, "title_row"), "Compte rendu du conseil pédagogique");
  spin_a_while (800);
  g_assert_cmpstr (preuves_preuve_get_title (preuve), ==, "Compte rendu du conseil pédagogique");

  /* Attach a PDF: it is stored off the main thread. */
  g_list_store_append (files, pdf);
  preuves_preuve_editor_attach_files (editor, G_LIST_MODEL (files));
  wait.model = preuves_preuve_get_attachments (preuve);
  wait.n = 1;
  preuves_test_spin_until (count_is, &wait);
  attachment = g_list_model_get_item (wait.model, 0);
  g_assert_cmpstr (preuves_attachment_get_filename (attachment), ==, "compte-rendu.pdf");
  g_object_unref (attachment);

  /* Map it, with a justification: the bloc's coverage and the overview follow. */
  map_through_editor (editor, sc->id, "Le compte rendu montre l’analyse des besoins que j’ai menée.");
  links = preuves_portfolio_list_links_for_preuve (portfolio, preuve);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 1);
  link = g_list_model_get_item (links, 0);
  g_assert_cmpstr (preuves_link_get_sous_competence_id (link), ==, sc->id);
  g_assert_cmpstr (preuves_link_get_justification (link), ==, "Le compte rendu montre l’analyse des besoins que j’ai menée.");

  wait_label (bloc, PREUVES_TYPE_BLOC_PAGE, "coverage_label", b1_one);
  wait_label (overview, PREUVES_TYPE_OVERVIEW_PAGE, "overall_summary", "1 of ");
  g_assert_cmpstr (label_text (overview, PREUVES_TYPE_OVERVIEW_PAGE, "overall_state"), ==, "In progress");
  g_assert_cmpstr (label_text (bloc, PREUVES_TYPE_BLOC_PAGE, "state_label"), ==, "In progress");

  /* The matrix shows the cell as proved. */
  spin_a_while (300);
  g_assert_cmpint (preuves_coverage_matrix_get_cell (template_child (matrix, PREUVES_TYPE_MATRIX_PAGE, "matrix"), sc->index, 0),
                   ==, PREUVES_COVERAGE_JUSTIFIED);

  /* Filled pages still fit a phone-sized window. */
  assert_fits_narrow (overview);
  assert_fits_narrow (bloc);
  assert_fits_narrow (preuves);
  assert_fits_narrow (matrix);

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    destroy_window (windows[i]);
}

/* An empty cell of the matrix links the preuve, then asks for the
 * justification in the editor. */
static void
test_pages_matrix_link (void)
{
  g_autoptr(PreuvesPortfolio) portfolio = new_portfolio ("matrix.preuves");
  GtkWidget *page = preuves_matrix_page_new ();
  GtkWidget *window = show_in_window (page, 900, 700);
  const PreuvesSousCompetence *sc =
    preuves_referentiel_find_sous_competence (preuves_referentiel_get_default (), "C3-2.1", NULL);
  PreuvesCoverageMatrix *matrix = template_child (page, PREUVES_TYPE_MATRIX_PAGE, "matrix");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) links = NULL;
  PreuvesPreuve *preuve;
  guint gaps;

  preuve = preuves_portfolio_add_preuve (portfolio, "Note au chef d’établissement", &error);
  g_assert_no_error (error);
  g_object_set (page, "portfolio", portfolio, NULL);
  g_assert_cmpuint (preuves_coverage_matrix_get_n_preuves (matrix), ==, 1);
  gaps = preuves_coverage_matrix_count_gaps (matrix);
  g_assert_cmpuint (gaps, ==, preuves_referentiel_get_sous_competences (preuves_referentiel_get_default ())->len);

  preuves_coverage_matrix_activate_cell (matrix, sc->index, 0);
  spin_a_while (400);
  links = preuves_portfolio_list_links_for_preuve (portfolio, preuve);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 1);
  g_assert_cmpint (preuves_coverage_matrix_get_cell (matrix, sc->index, 0), ==, PREUVES_COVERAGE_LINKED);
  /* Linked without a justification is still a gap. */
  g_assert_cmpuint (preuves_coverage_matrix_count_gaps (matrix), ==, gaps);
  destroy_window (window);
}

static gboolean
is_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (widget);
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    n += GTK_IS_LIST_BOX_ROW (row);
  return n;
}

/* An advisor's remark shows where it applies, and resolving it can be
 * undone from the toast. */
static void
test_pages_remarks (void)
{
  g_autoptr(PreuvesPortfolio) portfolio = new_portfolio ("remarks.preuves");
  GtkWidget *overview = preuves_overview_page_new ();
  GtkWidget *bloc1 = preuves_bloc_page_new ("B1");
  GtkWidget *bloc2 = preuves_bloc_page_new ("B2");
  GtkWidget *windows[3];
  GtkListBox *bloc1_list, *bloc2_list, *overview_list;
  g_autoptr(GError) error = NULL;
  g_autofree char *on_sc = NULL;
  g_autofree char *on_portfolio = NULL;
  g_autoptr(GPtrArray) remarks = NULL;

  on_sc = preuves_portfolio_add_remark (portfolio, PREUVES_REMARK_ROLE_ADVISOR, "sous-competence", "C1-1.2", 0,
                                        "Précisez votre rôle dans cette veille.", &error);
  g_assert_no_error (error);
  /* The épreuve finale has no bloc page: its remarks show on the overview. */
  on_portfolio = preuves_portfolio_add_remark (portfolio, PREUVES_REMARK_ROLE_ADVISOR, "criterion", "EF-E1", 0,
                                               "Le plan de l’écrit final reste à construire.", &error);
  g_assert_no_error (error);
  windows[0] = show_in_window (overview, 900, 700);
  windows[1] = show_in_window (bloc1, 900, 700);
  windows[2] = show_in_window (bloc2, 900, 700);
  g_object_set (overview, "portfolio", portfolio, NULL);
  g_object_set (bloc1, "portfolio", portfolio, NULL);
  g_object_set (bloc2, "portfolio", portfolio, NULL);

  bloc1_list = template_child (bloc1, PREUVES_TYPE_BLOC_PAGE, "remarks_list");
  bloc2_list = template_child (bloc2, PREUVES_TYPE_BLOC_PAGE, "remarks_list");
  overview_list = template_child (overview, PREUVES_TYPE_OVERVIEW_PAGE, "remarks_list");
  g_assert_cmpuint (count_rows (GTK_WIDGET (bloc1_list)), ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bloc2_list)));
  g_assert_cmpuint (count_rows (GTK_WIDGET (overview_list)), ==, 1);

  /* Resolve on the bloc page: gone; Undo in the toast: back. */
  preuves_test_click (find_button_with_label (GTK_WIDGET (bloc1_list), "_Resolve"));
  preuves_test_spin_until (is_hidden, bloc1_list);
  preuves_test_click (find_button_with_label (windows[1], "_Undo"));
  preuves_test_spin_until ((PreuvesTestCondition) gtk_widget_get_visible, bloc1_list);
  remarks = preuves_portfolio_list_remarks (portfolio, "sous-competence", "C1-1.2");
  g_assert_cmpuint (remarks->len, ==, 1);
  g_assert_false (((PreuvesRemark *) g_ptr_array_index (remarks, 0))->resolved);
  g_assert_cmpuint (count_rows (GTK_WIDGET (bloc1_list)), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    destroy_window (windows[i]);
}


/* Removing an attachment hides it at once and can be undone from the
 * toast; nothing leaves the file meanwhile. */
static void
test_pages_attachment_undo (void)
{
  g_autoptr(PreuvesPortfolio) portfolio = new_portfolio ("attachment.preuves");
  GtkWidget *page = preuves_preuves_page_new ();
  GtkWidget *window = show_in_window (page, 1200, 800);
  PreuvesPreuveEditor *editor = template_child (page, PREUVES_TYPE_PREUVES_PAGE, "editor");
  g_autoptr(GFile) pdf = make_pdf ("budget.pdf", 2, 0);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  GtkWidget *remove, *row;
  CountWait wait;

  g_object_set (page, "portfolio", portfolio, NULL);
  gtk_widget_activate_action (page, "preuves.new", NULL);
  g_list_store_append (files, pdf);
  preuves_preuve_editor_attach_files (editor, G_LIST_MODEL (files));
  wait.model = preuves_preuve_get_attachments (preuves_preuve_editor_get_preuve (editor));
  wait.n = 1;
  preuves_test_spin_until (count_is, &wait);
  spin_a_while (50);

  remove = find_button_with_tooltip (GTK_WIDGET (editor), "Remove Attachment");
  g_assert_nonnull (remove);
  row = gtk_widget_get_ancestor (remove, GTK_TYPE_LIST_BOX_ROW);
  preuves_test_click (remove);
  preuves_test_spin_until (is_hidden, row);
  g_assert_cmpuint (g_list_model_get_n_items (wait.model), ==, 1);
  preuves_test_click (find_button_with_label (window, "_Undo"));
  preuves_test_spin_until ((PreuvesTestCondition) gtk_widget_get_visible, row);
  g_assert_cmpuint (g_list_model_get_n_items (wait.model), ==, 1);
  destroy_window (window);
}

/* Deleting a preuve can be undone from the toast, and Undo puts the page
 * back as it was: the preuve selected in the list and open in the editor.
 * In a phone-sized window, the list shows meanwhile, not an empty editor. */
static void
delete_and_undo (int width)
{
  g_autoptr(PreuvesPortfolio) portfolio = new_portfolio ("undo.preuves");
  PreuvesPreuvesPage *page = PREUVES_PREUVES_PAGE (preuves_preuves_page_new ());
  GtkWidget *window = show_in_window (GTK_WIDGET (page), width, 700);
  PreuvesPreuveEditor *editor = template_child (page, PREUVES_TYPE_PREUVES_PAGE, "editor");
  GtkSingleSelection *selection = template_child (page, PREUVES_TYPE_PREUVES_PAGE, "selection");
  GListModel *model = preuves_portfolio_get_preuves (portfolio);
  gboolean narrow = width <= 360;
  CountWait wait = { model, 1 };
  g_autoptr(GError) error = NULL;
  PreuvesPreuve *deleted;
  GtkWidget *undo;

  g_test_message ("window %d px wide", width);
  g_assert_nonnull (preuves_portfolio_add_preuve (portfolio, "Bilan de l’année", &error));
  g_assert_no_error (error);
  deleted = preuves_portfolio_add_preuve (portfolio, "Compte rendu du conseil", &error);
  g_assert_no_error (error);
  g_object_set (page, "portfolio", portfolio, NULL);
  g_assert_true (preuves_preuves_page_select_preuve (page, preuves_preuve_get_uuid (deleted)));
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) deleted);
  g_assert_true (preuves_preuves_page_get_editor_shown (page) == narrow);

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL);
  preuves_test_spin_until (count_is, &wait);
  g_assert_null (preuves_preuve_editor_get_preuve (editor));
  g_assert_null (gtk_single_selection_get_selected_item (selection));
  g_assert_false (preuves_preuves_page_get_editor_shown (page));
  spin_a_while (100);

  /* The toast's Undo button brings it back, where it was. */
  undo = find_button_with_label (window, "_Undo");
  g_assert_nonnull (undo);
  preuves_test_click (undo);
  wait.n = 2;
  preuves_test_spin_until (count_is, &wait);
  g_assert_true (preuves_preuve_editor_get_preuve (editor) == deleted);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) deleted);
  g_assert_true (preuves_preuves_page_get_editor_shown (page) == narrow);
  g_object_set (page, "portfolio", NULL, NULL);
  destroy_window (window);
}

static void
test_pages_delete_undo (void)
{
  delete_and_undo (1200);
  delete_and_undo (360);
}

typedef struct
{
  PreuvesPortfolio    *portfolio;
  GtkWidget           *window;
  PreuvesPreuveEditor *editor;
  PreuvesPreuve       *preuve;
} NewPreuve;

/* A preuves page in its window, on a new portfolio, with a new preuve open
 * in the editor. */
static void
new_preuve_open (NewPreuve  *fixture,
                 const char *file_name)
{
  GtkWidget *page = preuves_preuves_page_new ();

  fixture->portfolio = new_portfolio (file_name);
  fixture->window = show_in_window (page, 1200, 800);
  fixture->editor = template_child (page, PREUVES_TYPE_PREUVES_PAGE, "editor");
  g_object_set (page, "portfolio", fixture->portfolio, NULL);
  gtk_widget_activate_action (page, "preuves.new", NULL);
  fixture->preuve = preuves_preuve_editor_get_preuve (fixture->editor);
  g_assert_nonnull (fixture->preuve);
}

static void
new_preuve_close (NewPreuve *fixture)
{
  destroy_window (fixture->window);
  g_object_unref (fixture->portfolio);
}

/* A date the file would refuse turns its row red and says, under the
 * dates, what is wrong and how to write it; nothing is saved meanwhile. */
static void
test_pages_date_problem (void)
{
  NewPreuve fixture;
  GtkWidget *start, *end, *message;
  PreuvesPreuve *preuve;

  new_preuve_open (&fixture, "dates.preuves");
  start = template_child (fixture.editor, PREUVES_TYPE_PREUVE_EDITOR, "date_start_row");
  end = template_child (fixture.editor, PREUVES_TYPE_PREUVE_EDITOR, "date_end_row");
  message = template_child (fixture.editor, PREUVES_TYPE_PREUVE_EDITOR, "date_error");
  preuve = fixture.preuve;
  g_assert_false (gtk_widget_get_visible (message));

  /* Day first, as usual in France: the message shows the date the right
   * way round, once the typing pauses. */
  gtk_editable_set_text (GTK_EDITABLE (start), "14/03/2025");
  g_assert_true (gtk_widget_has_css_class (start, "error"));
  spin_a_while (800);
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   "“14/03/2025” is not in year-month-day order. Write 2025-03-14.");
  g_assert_null (preuves_preuve_get_date_start (preuve));

  /* Both dates wrong: both are named. */
  gtk_editable_set_text (GTK_EDITABLE (end), "juin 2025");
  g_assert_true (gtk_widget_has_css_class (end, "error"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   "“14/03/2025” is not in year-month-day order. Write 2025-03-14.\n"
                   "“juin 2025” is not a date. Write it as year-month-day, for example 2025-03-14.");

  /* Put right, the message goes at once and the period is saved. */
  gtk_editable_set_text (GTK_EDITABLE (end), "2025-06-30");
  gtk_editable_set_text (GTK_EDITABLE (start), "2025-03-14");
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_false (gtk_widget_has_css_class (start, "error"));
  g_assert_false (gtk_widget_has_css_class (end, "error"));
  spin_a_while (800);
  g_assert_cmpstr (preuves_preuve_get_date_start (preuve), ==, "2025-03-14");
  g_assert_cmpstr (preuves_preuve_get_date_end (preuve), ==, "2025-06-30");
  new_preuve_close (&fixture);
}

static GtkWidget *
editor_child (NewPreuve  *fixture,
              const char *name)
{
  return template_child (fixture->editor, PREUVES_TYPE_PREUVE_EDITOR, name);
}

/* A period that ends before it starts turns both rows red and says so
 * under the dates; nothing is saved until it is put right. A period that
 * ends on the day it starts is saved as that day. */
static void
test_pages_period_reversed (void)
{
  NewPreuve fixture;
  GtkWidget *start, *end, *message;
  PreuvesPreuve *preuve;

  new_preuve_open (&fixture, "period.preuves");
  preuve = fixture.preuve;
  message = editor_child (&fixture, "date_error");
  start = editor_child (&fixture, "date_start_row");
  gtk_editable_set_text (GTK_EDITABLE (start), "2025-03-31");
  end = editor_child (&fixture, "date_end_row");
  gtk_editable_set_text (GTK_EDITABLE (end), "2025-03-01");
  g_assert_true (gtk_widget_has_css_class (start, "error"));
  g_assert_true (gtk_widget_has_css_class (end, "error"));
  spin_a_while (800);
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   "The period ends on 2025-03-01, before it starts on 2025-03-31. Swap the two dates.");
  preuves_preuve_editor_save (fixture.editor);
  g_assert_null (preuves_preuve_get_date_start (preuve));
  g_assert_null (preuves_preuve_get_date_end (preuve));

  gtk_editable_set_text (GTK_EDITABLE (end), "2025-04-15");
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_false (gtk_widget_has_css_class (start, "error"));
  g_assert_false (gtk_widget_has_css_class (end, "error"));
  spin_a_while (800);
  g_assert_cmpstr (preuves_preuve_get_date_start (preuve), ==, "2025-03-31");
  g_assert_cmpstr (preuves_preuve_get_date_end (preuve), ==, "2025-04-15");

  gtk_editable_set_text (GTK_EDITABLE (end), "2025-03-31");
  spin_a_while (800);
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_cmpstr (preuves_preuve_get_date_start (preuve), ==, "2025-03-31");
  g_assert_null (preuves_preuve_get_date_end (preuve));
  new_preuve_close (&fixture);
}

/* A received copy can hold a reversed period: the editor shows it as it
 * is and says at once what is wrong, and saving leaves it alone. */
static void
test_pages_period_received (void)
{
  g_autoptr(GError) error = NULL;
  PreuvesPortfolio *portfolio = new_portfolio ("received.preuves");
  g_autoptr(GFile) file = g_object_ref (preuves_portfolio_get_file (portfolio));
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *uuid = g_strdup (preuves_preuve_get_uuid (preuves_portfolio_add_preuve (portfolio, "Stage", &error)));
  GtkWidget *page = preuves_preuves_page_new ();
  GtkWidget *window, *message;
  PreuvesPreuveEditor *editor;
  PreuvesPreuve *preuve;
  sqlite3 *db = NULL;
  gint64 revision;

  preuves_portfolio_close (portfolio);
  g_object_unref (portfolio);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE preuve SET date_start = '2025-03-31', date_end = '2025-03-01'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  portfolio = preuves_portfolio_open (file, &error);
  g_assert_no_error (error);

  window = show_in_window (page, 1200, 800);
  editor = template_child (page, PREUVES_TYPE_PREUVES_PAGE, "editor");
  message = template_child (editor, PREUVES_TYPE_PREUVE_EDITOR, "date_error");
  g_object_set (page, "portfolio", portfolio, NULL);
  preuve = preuves_portfolio_find_preuve (portfolio, uuid);
  revision = preuves_preuve_get_revision (preuve);
  preuves_preuve_editor_set_preuve (editor, preuve);
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   "The period ends on 2025-03-01, before it starts on 2025-03-31. Swap the two dates.");
  preuves_preuve_editor_save (editor);
  spin_a_while (800);
  g_assert_cmpint (preuves_preuve_get_revision (preuve), ==, revision);
  g_assert_cmpstr (preuves_preuve_get_date_end (preuve), ==, "2025-03-01");
  destroy_window (window);
  g_object_unref (portfolio);
}

static gboolean
has_link (PreuvesPortfolio *portfolio,
          PreuvesPreuve    *preuve,
          const char       *sc_id)
{
  g_autoptr(GListModel) links = preuves_portfolio_list_links_for_preuve (portfolio, preuve);

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(PreuvesLink) link = g_list_model_get_item (links, i);

      if (g_str_equal (preuves_link_get_sous_competence_id (link), sc_id))
        return TRUE;
    }
  return FALSE;
}

/* Enter in the sous-compétence search picks the first one it leaves, as a
 * click would, and the list shows which; one already proved is skipped. */
static void
test_pages_sous_competence_enter (void)
{
  NewPreuve fixture;
  PreuvesPortfolio *portfolio;
  PreuvesPreuveEditor *editor;
  GtkWidget *search, *popover, *add;
  GtkListBox *list;
  PreuvesPreuve *preuve;

  new_preuve_open (&fixture, "enter.preuves");
  portfolio = fixture.portfolio;
  editor = fixture.editor;
  preuve = fixture.preuve;
  search = template_child (editor, PREUVES_TYPE_PREUVE_EDITOR, "sc_search");
  popover = template_child (editor, PREUVES_TYPE_PREUVE_EDITOR, "add_link_popover");
  add = gtk_widget_get_parent (popover);
  list = template_child (editor, PREUVES_TYPE_PREUVE_EDITOR, "sc_list");
  g_assert_true (GTK_IS_MENU_BUTTON (add));

  /* "C1-2.6" is the official code of two sous-compétences. Enter right
   * after typing, before the list is filtered. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (add));
  preuves_test_spin_until ((PreuvesTestCondition) gtk_widget_get_mapped, search);
  gtk_editable_set_text (GTK_EDITABLE (search), "C1-2.6");
  g_signal_emit_by_name (search, "activate");
  g_assert_true (has_link (portfolio, preuve, "C1-2a.6"));
  g_assert_false (has_link (portfolio, preuve, "C1-2b.6"));
  preuves_test_spin_until (is_hidden, popover);

  /* The list shows what Enter picks now. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (add));
  preuves_test_spin_until ((PreuvesTestCondition) gtk_widget_get_mapped, search);
  g_assert_true (gtk_list_box_get_selected_row (list) == find_sous_competence_row (editor, "C1-2b.6"));
  g_signal_emit_by_name (search, "activate");
  g_assert_true (has_link (portfolio, preuve, "C1-2b.6"));
  g_assert_null (gtk_list_box_get_selected_row (list));

  /* Nothing left to pick: Enter does nothing. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (add));
  preuves_test_spin_until ((PreuvesTestCondition) gtk_widget_get_mapped, search);
  g_signal_emit_by_name (search, "activate");
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (add));
  new_preuve_close (&fixture);
}

static gboolean
is_shown_toast (GtkWidget  *widget,
                const char *unused)
{
  return g_str_equal (gtk_widget_get_css_name (widget), "toast") && gtk_widget_get_mapped (widget);
}

static gboolean
toast_shown (gpointer window)
{
  return find_widget (window, is_shown_toast, NULL) != NULL;
}

static void
assert_clear_of (GtkWidget             *window,
                 GtkWidget             *widget,
                 const graphene_rect_t *toast)
{
  graphene_rect_t bounds;

  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  g_assert_false (graphene_rect_intersection (&bounds, toast, NULL));
}

/* A toast never hides the main actions of the list, from a phone-sized
 * window to a wide one where, as in the app, the window's own sidebar
 * comes first and the toast, centred in the window, is over the list.
 * And the list, actions and filters fit the phone-sized one. */
static void
test_pages_toast_clear_of_actions (void)
{
  static const struct { int width; int sidebar; } sizes[] = { { 360, 0 }, { 800, 0 }, { 1280, 281 } };
  g_autoptr(PreuvesPortfolio) portfolio = new_portfolio ("toast.preuves");
  g_autoptr(GError) error = NULL;
  PreuvesPreuve *preuve = preuves_portfolio_add_preuve (portfolio, "Bilan de l’année", &error);
  const char *why[] = { "Le bilan que j’ai rédigé.", "Les chiffres que j’ai réunis.", "" };

  /* A long line under the title: "Proves 3 sous-compétences, 1 without
   * justification". */
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (why); i++)
    {
      g_autofree char *sc_id = g_strdup_printf ("C1-1.%u", i + 1);
      g_autoptr(PreuvesLink) link = preuves_portfolio_link (portfolio, preuve, sc_id, why[i], &error);

      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      GtkWidget *page = preuves_preuves_page_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *sidebar = gtk_label_new (NULL);
      GtkWidget *window;
      AdwToast *toast = adw_toast_new ("“Diagnostic des besoins de formation du lycée 2025” deleted");
      graphene_rect_t bounds;

      g_test_message ("window %d px wide", sizes[i].width);
      gtk_widget_set_size_request (sidebar, sizes[i].sidebar, -1);
      gtk_widget_set_visible (sidebar, sizes[i].sidebar > 0);
      gtk_widget_set_hexpand (page, TRUE);
      gtk_box_append (GTK_BOX (box), sidebar);
      gtk_box_append (GTK_BOX (box), page);
      window = show_in_window (box, sizes[i].width, 640);
      g_object_set (page, "portfolio", portfolio, NULL);
      adw_toast_set_button_label (toast, "_Undo");
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (gtk_window_get_child (GTK_WINDOW (window))), g_object_ref (toast));
      preuves_test_spin_until (toast_shown, window);
      /* Done moving in. */
      spin_a_while (500);
      assert_fits_narrow (page);
      g_assert_true (gtk_widget_compute_bounds (find_widget (window, is_shown_toast, NULL), window, &bounds));
      assert_clear_of (window, find_button_with_label (page, "_New Preuve"), &bounds);
      assert_clear_of (window, find_button_with_label (page, "_From Files…"), &bounds);
      adw_toast_dismiss (toast);
      g_object_unref (toast);
      g_object_set (page, "portfolio", NULL, NULL);
      destroy_window (window);
    }
}

static void
test_pages_filters (void)
{
  g_autoptr(PreuvesPortfolio) portfolio = new_portfolio ("filters.preuves");
  PreuvesPreuvesPage *page = PREUVES_PREUVES_PAGE (preuves_preuves_page_new ());
  GtkWidget *window = show_in_window (GTK_WIDGET (page), 1200, 800);
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesLink) link = NULL;
  PreuvesPreuve *mapped, *secret, *plain;
  GListModel *shown;
  CountWait wait;

  mapped = preuves_portfolio_add_preuve (portfolio, "Plan de formation", &error);
  g_assert_no_error (error);
  secret = preuves_portfolio_add_preuve (portfolio, "Entretien annuel", &error);
  g_assert_no_error (error);
  plain = preuves_portfolio_add_preuve (portfolio, "Budget du pôle", &error);
  g_assert_no_error (error);
  g_assert_nonnull (plain);
  link = preuves_portfolio_link (portfolio, mapped, "C2-1.1", "Le plan que j’ai construit.", &error);
  g_assert_no_error (error);
  preuves_preuve_set_confidential (secret, TRUE, &error);
  g_assert_no_error (error);

  g_object_set (page, "portfolio", portfolio, NULL);
  shown = preuves_preuves_page_get_shown (page);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);
  spin_a_while (100);
  /* The list shows which preuves prove nothing yet. */
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (page), "Not mapped yet"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (page), "Proves 1 sous-compétence"));

  preuves_preuves_page_set_filter (page, PREUVES_PREUVES_FILTER_UNMAPPED, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  preuves_preuves_page_set_filter (page, PREUVES_PREUVES_FILTER_CONFIDENTIAL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_true (g_list_model_get_item (shown, 0) == (gpointer) secret);
  g_object_unref (secret);
  preuves_preuves_page_set_filter (page, PREUVES_PREUVES_FILTER_ALL, "B2");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  preuves_preuves_page_set_filter (page, PREUVES_PREUVES_FILTER_ALL, "C2-1");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  preuves_preuves_page_set_filter (page, PREUVES_PREUVES_FILTER_ALL, "B1");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (page, PREUVES_TYPE_PREUVES_PAGE, "list_stack")),
                   ==, "no-match");

  /* Mapping a preuve later moves it between filters at once. */
  preuves_preuves_page_set_filter (page, PREUVES_PREUVES_FILTER_UNMAPPED, NULL);
  g_clear_object (&link);
  link = preuves_portfolio_link (portfolio, plain, "C1-1.1", "", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);

  /* The search looks in titles, whatever the case and accents typed. */
  preuves_preuves_page_set_filter (page, PREUVES_PREUVES_FILTER_ALL, NULL);
  gtk_editable_set_text (template_child (page, PREUVES_TYPE_PREUVES_PAGE, "search_entry"), "BUDGET");
  wait.model = shown;
  wait.n = 1;
  preuves_test_spin_until (count_is, &wait);

  /* A preuve opened from elsewhere (the matrix, a bloc page) that the
   * search and filters hide shows in the list too, selected. */
  preuves_preuves_page_set_filter (page, PREUVES_PREUVES_FILTER_CONFIDENTIAL, NULL);
  g_assert_true (preuves_preuves_page_select_preuve (page, preuves_preuve_get_uuid (mapped)));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);
  g_assert_true (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (shown)) == (gpointer) mapped);
  g_assert_cmpstr (gtk_editable_get_text (template_child (page, PREUVES_TYPE_PREUVES_PAGE, "search_entry")), ==, "");
  destroy_window (window);
}

static gint64 fake_now;

static gint64
fake_clock (gpointer data)
{
  return fake_now;
}

static void
test_pages_rehearsal (void)
{
  g_autoptr(PreuvesPortfolio) portfolio = new_portfolio ("rehearsal.preuves");
  GtkWidget *page = preuves_rehearsal_page_new ("bloc2");
  GtkWidget *window = show_in_window (page, 900, 700);
  PreuvesRehearsalTimer *timer = preuves_rehearsal_page_get_timer (PREUVES_REHEARSAL_PAGE (page));
  g_autoptr(GPtrArray) rehearsals = NULL;
  PreuvesRehearsal *rehearsal;

  g_object_set (page, "portfolio", portfolio, NULL);
  preuves_rehearsal_timer_set_auto_tick (timer, FALSE);
  preuves_rehearsal_timer_set_clock (timer, fake_clock, NULL);

  gtk_widget_activate_action (page, "rehearsal.advance", NULL);
  g_assert_cmpint (preuves_rehearsal_timer_get_phase (timer), ==, PREUVES_REHEARSAL_PHASE_PRESENTATION);
  fake_now += 12 * 60 * G_USEC_PER_SEC;
  preuves_rehearsal_timer_tick (timer);
  g_assert_cmpstr (label_text (page, PREUVES_TYPE_REHEARSAL_PAGE, "time_label"), ==, "12:00");
  g_assert_true (g_str_has_prefix (label_text (page, PREUVES_TYPE_REHEARSAL_PAGE, "window_label"), "Window 15:00–20:00: 3:00 before"));

  fake_now += 6 * 60 * G_USEC_PER_SEC;
  preuves_rehearsal_timer_tick (timer);
  g_assert_true (g_str_has_prefix (label_text (page, PREUVES_TYPE_REHEARSAL_PAGE, "window_label"), "Inside the window"));
  gtk_widget_activate_action (page, "rehearsal.advance", NULL);
  g_assert_cmpstr (label_text (page, PREUVES_TYPE_REHEARSAL_PAGE, "phase_label"), ==, "Exchange with the jury");

  fake_now += 16 * 60 * G_USEC_PER_SEC;
  gtk_widget_activate_action (page, "rehearsal.advance", NULL);
  g_assert_cmpint (preuves_rehearsal_timer_get_phase (timer), ==, PREUVES_REHEARSAL_PHASE_DONE);
  g_assert_cmpstr (label_text (page, PREUVES_TYPE_REHEARSAL_PAGE, "time_label"), ==, "Inside the window");

  /* The result is saved in the portfolio. */
  rehearsals = preuves_portfolio_list_rehearsals (portfolio, "bloc2");
  g_assert_cmpuint (rehearsals->len, ==, 1);
  rehearsal = g_ptr_array_index (rehearsals, 0);
  g_assert_cmpint (rehearsal->presentation_seconds, ==, 18 * 60);
  g_assert_cmpint (rehearsal->exchange_seconds, ==, 16 * 60);
  destroy_window (window);
}

static gboolean
subtitle_changed (gpointer data)
{
  return !g_str_has_prefix (adw_action_row_get_subtitle (data), "17 pages");
}

/* The written document of bloc 1: pages counted, annexes found, and the
 * annex start corrected by hand. */
static void
test_pages_document (void)
{
  g_autoptr(PreuvesPortfolio) portfolio = new_portfolio ("document.preuves");
  GtkWidget *page = preuves_bloc_page_new ("B1");
  GtkWidget *window = show_in_window (page, 900, 700);
  g_autoptr(GFile) pdf = make_pdf ("diagnostic.pdf", 22, 18);
  GtkWidget *panel = template_child (page, PREUVES_TYPE_BLOC_PAGE, "epreuve_panel");
  AdwActionRow *pages_row = template_child (panel, PREUVES_TYPE_EPREUVE_PANEL, "pages_row");
  AdwActionRow *annex_row = template_child (panel, PREUVES_TYPE_EPREUVE_PANEL, "annex_row");

  g_object_set (page, "portfolio", portfolio, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (pages_row)));
  preuves_bloc_page_attach_document (PREUVES_BLOC_PAGE (page), pdf);
  /* The button comes back once the check is done. */
  g_assert_false (gtk_widget_get_sensitive (template_child (panel, PREUVES_TYPE_EPREUVE_PANEL, "document_button")));
  preuves_test_spin_until ((PreuvesTestCondition) gtk_widget_get_sensitive, template_child (panel, PREUVES_TYPE_EPREUVE_PANEL, "document_button"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pages_row)));
  g_assert_cmpstr (adw_preferences_row_get_title (template_child (panel, PREUVES_TYPE_EPREUVE_PANEL, "document_row")), ==, "diagnostic.pdf");
  g_assert_cmpstr (adw_action_row_get_subtitle (pages_row), ==, "17 pages, within the 15 to 20 pages expected");
  g_assert_cmpstr (adw_action_row_get_subtitle (annex_row), ==, "Found from an annex heading at the top of a page");

  gtk_spin_button_set_value (template_child (panel, PREUVES_TYPE_EPREUVE_PANEL, "annex_spin"), 14);
  preuves_test_click (find_button_with_label (page, "_Use This Page"));
  preuves_test_spin_until (subtitle_changed, pages_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (pages_row), ==,
                   "13 pages: too short, the jury expects 15 to 20 pages without the annexes");
  g_assert_cmpstr (adw_action_row_get_subtitle (annex_row), ==, "Set by hand");
  destroy_window (window);
}

static GPtrArray *
find_thumbnails (GtkWidget *widget,
                 GPtrArray *found)
{
  if (PREUVES_IS_PAGE_THUMBNAIL (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    find_thumbnails (child, found);
  return found;
}

static gboolean
thumbnails_loaded (gpointer data)
{
  g_autoptr(GPtrArray) thumbnails = find_thumbnails (data, g_ptr_array_new ());

  if (thumbnails->len != 2)
    return FALSE;
  for (guint i = 0; i < thumbnails->len; i++)
    if (preuves_page_thumbnail_is_loading (thumbnails->pdata[i]))
      return FALSE;
  return TRUE;
}

/* The written document's first page and first annex page, drawn by the
 * probe; a second bloc page gets them from the cache at once. */
static void
test_pages_thumbnails (void)
{
  g_autoptr(PreuvesPortfolio) portfolio = new_portfolio ("thumbnails.preuves");
  g_autoptr(GFile) pdf = make_pdf ("thumbnails.pdf", 20, 18);
  g_autofree char *probe = g_strdup (g_getenv ("PREUVES_PDF_PROBE"));
  g_autoptr(PreuvesWrittenDocument) doc = NULL;
  g_autoptr(GPtrArray) thumbnails = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page = preuves_bloc_page_new ("B1");
  GtkWidget *window = show_in_window (page, 900, 700);

  doc = preuves_document_check_attach (portfolio, "bloc1", pdf, NULL, &error);
  g_assert_no_error (error);
  g_object_set (page, "portfolio", portfolio, NULL);
  preuves_test_spin_until (thumbnails_loaded, page);
  thumbnails = find_thumbnails (page, g_ptr_array_new ());
  g_assert_cmpuint (preuves_page_thumbnail_get_page (thumbnails->pdata[0]), ==, 1);
  g_assert_cmpuint (preuves_page_thumbnail_get_page (thumbnails->pdata[1]), ==, 18);
  for (guint i = 0; i < thumbnails->len; i++)
    {
      GdkPaintable *paintable = preuves_page_thumbnail_get_paintable (thumbnails->pdata[i]);

      g_assert_true (GDK_IS_TEXTURE (paintable));
      /* A portrait page, drawn wide enough for a 2× screen. */
      g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), >=, 240);
      g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (paintable)), >, gdk_texture_get_width (GDK_TEXTURE (paintable)));
    }
  g_assert_nonnull (find_label_with_text (page, "First annex page, p. 18"));
  destroy_window (window);

  /* Without a probe, only the cache can give the pictures back. */
  g_setenv ("PREUVES_PDF_PROBE", "/nonexistent/preuves-pdf-probe", TRUE);
  page = preuves_bloc_page_new ("B1");
  window = show_in_window (page, 900, 700);
  g_object_set (page, "portfolio", portfolio, NULL);
  preuves_test_spin_until (thumbnails_loaded, page);
  g_clear_pointer (&thumbnails, g_ptr_array_unref);
  thumbnails = find_thumbnails (page, g_ptr_array_new ());
  for (guint i = 0; i < thumbnails->len; i++)
    g_assert_true (GDK_IS_TEXTURE (preuves_page_thumbnail_get_paintable (thumbnails->pdata[i])));
  g_setenv ("PREUVES_PDF_PROBE", probe, TRUE);
  destroy_window (window);
}

/* ------------------------------------------------------------------ */
/* Screenshots, on demand */

static void
fill_portfolio (PreuvesPortfolio *portfolio)
{
  static const struct { const char *title; const char *kind; gboolean confidential; const char *links[4]; const char *why; } preuves[] = {
    { "Diagnostic des besoins de formation 2025", "report", FALSE, { "C1-1.1", "C1-1.2", "C1-1.3", NULL }, "J’ai conduit les entretiens et rédigé l’analyse." },
    { "Plan de formation du lycée", "plan", FALSE, { "C2-1.1", "C2-1.2", NULL }, "Le plan que j’ai construit avec l’équipe de direction." },
    { "Compte rendu du conseil pédagogique", "minutes", FALSE, { "C1-2a.6", "C1-2b.6", NULL }, "" },
    { "Entretien annuel d’une assistante", "other", TRUE, { NULL }, NULL },
    { "Budget prévisionnel du pôle", "budget", FALSE, { "C4-1.1", NULL }, "Le budget que j’ai présenté au conseil d’administration." },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) pdf = make_pdf ("shot-diagnostic.pdf", 21, 18);
  g_autoptr(PreuvesWrittenDocument) doc = NULL;
  g_autofree char *remark = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (preuves); i++)
    {
      PreuvesPreuve *preuve = preuves_portfolio_add_preuve (portfolio, preuves[i].title, &error);

      g_assert_no_error (error);
      preuves_preuve_set_kind (preuve, preuves[i].kind, &error);
      g_assert_no_error (error);
      preuves_preuve_set_confidential (preuve, preuves[i].confidential, &error);
      g_assert_no_error (error);
      preuves_preuve_set_date_start (preuve, "2025-09-15", &error);
      g_assert_no_error (error);
      preuves_preuve_set_situation (preuve, "Dans un lycée polyvalent de 1 200 élèves, à la demande du proviseur.", &error);
      g_assert_no_error (error);
      for (guint j = 0; preuves[i].links[j] != NULL; j++)
        {
          g_autoptr(PreuvesLink) link = preuves_portfolio_link (portfolio, preuve, preuves[i].links[j], preuves[i].why, &error);

          g_assert_no_error (error);
        }
    }
  preuves_portfolio_set_criterion (portfolio, "B1-1", PREUVES_CRITERION_MET, NULL, &error);
  g_assert_no_error (error);
  preuves_portfolio_set_criterion (portfolio, "B1-2", PREUVES_CRITERION_IN_PROGRESS, NULL, &error);
  g_assert_no_error (error);
  preuves_portfolio_add_rehearsal (portfolio, "bloc2", 17 * 60 + 20, 14 * 60, NULL, &error);
  g_assert_no_error (error);
  remark = preuves_portfolio_add_remark (portfolio, PREUVES_REMARK_ROLE_ADVISOR, "bloc", "B1", 0,
                                         "Le diagnostic doit citer les sources des chiffres.", &error);
  g_assert_no_error (error);
  doc = preuves_document_check_attach (portfolio, "bloc1", pdf, NULL, &error);
  g_assert_no_error (error);
}

static void
save_png (GtkWidget  *window,
          const char *dir,
          const char *name)
{
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_strdup_printf ("%s/%s.png", dir, name);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
shoot (PreuvesPortfolio *portfolio,
       const char       *dir,
       const char       *name,
       GtkWidget        *page,
       int               width,
       int               height)
{
  GtkWidget *window, *scrolled;

  g_object_set (page, "portfolio", portfolio, NULL);
  window = show_in_window (page, width, height);
  spin_a_while (1200);
  save_png (window, dir, name);
  /* Long pages: the end too. */
  scrolled = gtk_widget_get_first_child (page);
  if (GTK_IS_SCROLLED_WINDOW (scrolled))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      g_autofree char *end = g_strconcat (name, "-end", NULL);

      if (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment))
        {
          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
          spin_a_while (300);
          save_png (window, dir, end);
        }
    }
  destroy_window (window);
}

static void
test_pages_screenshots (void)
{
  const char *dir = g_getenv ("PREUVES_SCREENSHOT_DIR");
  const char *lang = g_getenv ("LANGUAGE");
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  GtkWidget *preuves, *bloc;
  g_autoptr(PreuvesPreuve) first = NULL;
  g_autofree char *prefix = NULL;

  if (dir == NULL)
    {
      g_test_skip ("Set PREUVES_SCREENSHOT_DIR to save screenshots");
      return;
    }
  prefix = g_strdup_printf ("%s", lang && g_str_has_prefix (lang, "fr") ? "fr" : "en");
  portfolio = new_portfolio ("shots.preuves");
  fill_portfolio (portfolio);

#define SHOT(suffix, page, w, h) G_STMT_START { \
    g_autofree char *name_ = g_strdup_printf ("%s-%s", prefix, suffix); \
    shoot (portfolio, dir, name_, page, w, h); \
  } G_STMT_END
  SHOT ("overview", preuves_overview_page_new (), 1000, 1100);
  bloc = preuves_bloc_page_new ("B1");
  g_object_set (bloc, "portfolio", portfolio, NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_named (bloc, "competence-C1-1")), TRUE);
  SHOT ("bloc-B1", bloc, 1000, 1100);
  SHOT ("epreuve-bloc1", preuves_epreuve_panel_new ("bloc1"), 800, 900);
  SHOT ("matrix", preuves_matrix_page_new (), 1000, 1100);
  SHOT ("rehearsal", preuves_rehearsal_page_new ("bloc2"), 900, 800);
  preuves = preuves_preuves_page_new ();
  g_object_set (preuves, "portfolio", portfolio, NULL);
  first = g_list_model_get_item (preuves_portfolio_get_preuves (portfolio), 0);
  preuves_preuves_page_select_preuve (PREUVES_PREUVES_PAGE (preuves), preuves_preuve_get_uuid (first));
  SHOT ("preuves", preuves, 1200, 1000);
  SHOT ("preuves-narrow", preuves_preuves_page_new (), 360, 700);
#undef SHOT
}

/* French labels run longer than English ones: every page, and a bloc page
 * with its written document checked, still fit 360 px. */
static void
test_pages_narrow_french (void)
{
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(GFile) pdf = NULL;
  GtkWidget *page, *window, *panel;

  if (!preuves_test_in_french ())
    return;

  portfolio = new_portfolio ("narrow-fr.preuves");
  build_every_page (portfolio);

  page = preuves_bloc_page_new ("B1");
  window = show_in_window (page, 1000, 700);
  panel = template_child (page, PREUVES_TYPE_BLOC_PAGE, "epreuve_panel");
  pdf = make_pdf ("diagnostic-fr.pdf", 22, 18);
  g_object_set (page, "portfolio", portfolio, NULL);
  preuves_bloc_page_attach_document (PREUVES_BLOC_PAGE (page), pdf);
  preuves_test_spin_until ((PreuvesTestCondition) gtk_widget_get_sensitive,
                           template_child (panel, PREUVES_TYPE_EPREUVE_PANEL, "document_button"));
  g_assert_true (gtk_widget_get_visible (template_child (panel, PREUVES_TYPE_EPREUVE_PANEL, "annex_row")));
  spin_a_while (300);
  assert_fits_narrow (page);
  destroy_window (window);
}

/* A VAE has no épreuve finale to rehearse: the page, opened on it, shows
 * the first oral of the path, the one its dropdown names. */
static void
test_pages_rehearsal_vae (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "vae.preuves", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  GtkWidget *page = preuves_rehearsal_page_new ("finale");
  GtkWidget *window = show_in_window (page, 900, 700);

  g_unlink (path);
  portfolio = preuves_portfolio_create (file, "Camille Martin", PREUVES_PATH_VAE, &error);
  g_assert_no_error (error);
  g_object_set (page, "portfolio", portfolio, NULL);
  g_assert_cmpstr (preuves_rehearsal_page_get_epreuve_id (PREUVES_REHEARSAL_PAGE (page)), ==, "bloc2");
  g_assert_cmpuint (gtk_drop_down_get_selected (template_child (page, PREUVES_TYPE_REHEARSAL_PAGE, "epreuve_dropdown")), ==, 0);
  g_assert_true (g_str_has_prefix (label_text (page, PREUVES_TYPE_REHEARSAL_PAGE, "durations_label"), "Oral of Bloc 2"));

  /* The window's sidebar asks for the épreuve finale: same answer. */
  preuves_rehearsal_page_set_epreuve_id (PREUVES_REHEARSAL_PAGE (page), "finale");
  g_assert_cmpstr (preuves_rehearsal_page_get_epreuve_id (PREUVES_REHEARSAL_PAGE (page)), ==, "bloc2");
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("preuves-test-pages-XXXXXX", &error);
  g_assert_no_error (error);
  /* "Open with the default application" writes into the cache folder. */
  g_setenv ("XDG_CACHE_HOME", tmp_dir, TRUE);

  /* For screenshots in French: PREUVES_LOCALEDIR=<build>/po LANGUAGE=fr.
   * gtk_test_init() leaves the C locale, where gettext translates nothing. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PREUVES_LOCALEDIR") ? g_getenv ("PREUVES_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/pages/build", test_pages_build);
  g_test_add_func ("/pages/narrow-french", test_pages_narrow_french);
  g_test_add_func ("/pages/bloc-duplicate-code", test_pages_bloc_duplicate_code);
  g_test_add_func ("/pages/preuve-journey", test_pages_preuve_journey);
  g_test_add_func ("/pages/matrix-link", test_pages_matrix_link);
  g_test_add_func ("/pages/remarks", test_pages_remarks);
  g_test_add_func ("/pages/delete-undo", test_pages_delete_undo);
  g_test_add_func ("/pages/date-problem", test_pages_date_problem);
  g_test_add_func ("/pages/period-reversed", test_pages_period_reversed);
  g_test_add_func ("/pages/period-received", test_pages_period_received);
  g_test_add_func ("/pages/sous-competence-enter", test_pages_sous_competence_enter);
  g_test_add_func ("/pages/toast-clear-of-actions", test_pages_toast_clear_of_actions);
  g_test_add_func ("/pages/attachment-undo", test_pages_attachment_undo);
  g_test_add_func ("/pages/filters", test_pages_filters);
  g_test_add_func ("/pages/rehearsal", test_pages_rehearsal);
  g_test_add_func ("/pages/rehearsal-vae", test_pages_rehearsal_vae);
  g_test_add_func ("/pages/document", test_pages_document);
  g_test_add_func ("/pages/thumbnails", test_pages_thumbnails);
  g_test_add_func ("/pages/screenshots", test_pages_screenshots);

  status = g_test_run ();

  g_free (tmp_dir);
  return status;
}
