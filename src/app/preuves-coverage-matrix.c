/* preuves-coverage-matrix.c — a grid of sous-compétences × preuves, gaps visible
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-coverage-matrix.h"
#include "preuves-page-util.h"
#include "preuves-referentiel.h"

/* Sizes in pixels. The header holds the preuve titles, turned upright so
 * that many preuves fit side by side. */
#define CELL       24
#define LABEL_W    150
#define HEADER_H   200
#define BLOC_GAP   CELL

struct _PreuvesCoverageMatrix
{
  GtkWidget         parent_instance;

  PreuvesPortfolio *portfolio;
  GPtrArray        *sous_competences; /* borrowed from the référentiel */
  GPtrArray        *preuves;          /* PreuvesPreuve, owned */
  guint8           *cells;            /* sous-compétence-major PreuvesCoverage */
  guint             cursor_row;
  guint             cursor_column;
};

G_DEFINE_FINAL_TYPE (PreuvesCoverageMatrix, preuves_coverage_matrix, GTK_TYPE_WIDGET)

static guint
n_rows (PreuvesCoverageMatrix *self)
{
  return self->sous_competences->len;
}

static guint
n_columns (PreuvesCoverageMatrix *self)
{
  return self->preuves->len;
}

static int
row_y (PreuvesCoverageMatrix *self,
       guint                  row)
{
  const PreuvesSousCompetence *sc = g_ptr_array_index (self->sous_competences, row);

  /* Each bloc starts with a line for its name. */
  return HEADER_H + row * CELL + sc->bloc->number * BLOC_GAP;
}

static PreuvesCoverage
cell (PreuvesCoverageMatrix *self,
      guint                  row,
      guint                  column)
{
  return self->cells[row * n_columns (self) + column];
}

static gboolean
row_is_gap (PreuvesCoverageMatrix *self,
            guint                  row)
{
  for (guint c = 0; c < n_columns (self); c++)
    if (cell (self, row, c) == PREUVES_COVERAGE_JUSTIFIED)
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Accessibility: the focused cell is described in words. */

static void
describe_cursor (PreuvesCoverageMatrix *self)
{
  const PreuvesSousCompetence *sc;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  const char *state;

  if (n_columns (self) == 0)
    return;
  sc = g_ptr_array_index (self->sous_competences, self->cursor_row);
  label = preuves_sous_competence_label (sc);
  switch (cell (self, self->cursor_row, self->cursor_column))
    {
    case PREUVES_COVERAGE_JUSTIFIED:
      state = _("proved, with a justification");
      break;
    case PREUVES_COVERAGE_LINKED:
      state = _("linked, no justification yet");
      break;
    case PREUVES_COVERAGE_NONE:
    default:
      state = _("not linked");
      break;
    }
  /* Translators: "C1-1.3 and “Budget 2025”: proved, with a justification" */
  text = g_strdup_printf (_("%s and “%s”: %s"), label,
                          preuves_preuve_get_title (g_ptr_array_index (self->preuves, self->cursor_column)),
                          state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
}

/* ------------------------------------------------------------------ */
/* Data */

void
preuves_coverage_matrix_reload (PreuvesCoverageMatrix *self)
{
  GListModel *model;
  guint n;

  g_return_if_fail (PREUVES_IS_COVERAGE_MATRIX (self));

  g_ptr_array_set_size (self->preuves, 0);
  g_clear_pointer (&self->cells, g_free);
  if (self->portfolio != NULL && !preuves_portfolio_is_closed (self->portfolio))
    {
      model = preuves_portfolio_get_preuves (self->portfolio);
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (self->preuves, g_list_model_get_item (model, i));
    }
  self->cells = g_new0 (guint8, MAX (1, n_rows (self) * n_columns (self)));
  for (guint c = 0; c < n_columns (self); c++)
    {
      g_autoptr(GListModel) links = preuves_portfolio_list_links_for_preuve (self->portfolio, g_ptr_array_index (self->preuves, c));

      for (guint l = 0; l < g_list_model_get_n_items (links); l++)
        {
          g_autoptr(PreuvesLink) link = g_list_model_get_item (links, l);
          const PreuvesSousCompetence *sc =
            preuves_referentiel_find_sous_competence (preuves_referentiel_get_default (),
                                                      preuves_link_get_sous_competence_id (link), NULL);
          const char *justification = preuves_link_get_justification (link);

          if (sc != NULL)
            self->cells[sc->index * n_columns (self) + c] =
              justification && justification[0] ? PREUVES_COVERAGE_JUSTIFIED : PREUVES_COVERAGE_LINKED;
        }
    }
  self->cursor_column = MIN (self->cursor_column, MAX (n_columns (self), 1) - 1);
  describe_cursor (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
preuves_coverage_matrix_get_n_preuves (PreuvesCoverageMatrix *self)
{
  g_return_val_if_fail (PREUVES_IS_COVERAGE_MATRIX (self), 0);
  return n_columns (self);
}

PreuvesCoverage
preuves_coverage_matrix_get_cell (PreuvesCoverageMatrix *self,
                                  guint                  sous_competence_index,
                                  guint                  preuve_index)
{
  g_return_val_if_fail (PREUVES_IS_COVERAGE_MATRIX (self), PREUVES_COVERAGE_NONE);
  g_return_val_if_fail (sous_competence_index < n_rows (self), PREUVES_COVERAGE_NONE);
  g_return_val_if_fail (preuve_index < n_columns (self), PREUVES_COVERAGE_NONE);
  return cell (self, sous_competence_index, preuve_index);
}

/* Sous-compétences no justified preuve backs. */
guint
preuves_coverage_matrix_count_gaps (PreuvesCoverageMatrix *self)
{
  guint gaps = 0;

  g_return_val_if_fail (PREUVES_IS_COVERAGE_MATRIX (self), 0);
  for (guint r = 0; r < n_rows (self); r++)
    gaps += row_is_gap (self, r);
  return gaps;
}

void
preuves_coverage_matrix_set_portfolio (PreuvesCoverageMatrix *self,
                                       PreuvesPortfolio      *portfolio)
{
  g_return_if_fail (PREUVES_IS_COVERAGE_MATRIX (self));

  g_set_object (&self->portfolio, portfolio);
  preuves_coverage_matrix_reload (self);
}

/* ------------------------------------------------------------------ */
/* Drawing */

static void
preuves_coverage_matrix_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  PreuvesCoverageMatrix *self = PREUVES_COVERAGE_MATRIX (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = LABEL_W + MAX (n_columns (self), 1) * CELL + CELL;
  else
    *minimum = *natural = row_y (self, n_rows (self) - 1) + CELL + 6;
}

static void
draw_text (GtkSnapshot *snapshot,
           PangoLayout *layout,
           float        x,
           float        y,
           const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_headers (PreuvesCoverageMatrix *self,
              GtkSnapshot           *snapshot,
              const GdkRGBA         *fg)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

  pango_layout_set_width (layout, (HEADER_H - 12) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  for (guint c = 0; c < n_columns (self); c++)
    {
      int height;

      pango_layout_set_text (layout, preuves_preuve_get_title (g_ptr_array_index (self->preuves, c)), -1);
      pango_layout_get_pixel_size (layout, NULL, &height);
      gtk_snapshot_save (snapshot);
      /* Upright text, read from bottom to top, its baseline on the column. */
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (LABEL_W + c * CELL + (CELL - height) / 2.0f, HEADER_H - 6));
      gtk_snapshot_rotate (snapshot, -90);
      gtk_snapshot_append_layout (snapshot, layout, fg);
      gtk_snapshot_restore (snapshot);
    }
  g_object_unref (layout);
}

static void
draw_rows (PreuvesCoverageMatrix *self,
           GtkSnapshot           *snapshot,
           const GdkRGBA         *fg,
           int                    width)
{
  /* Adwaita's error colours: dark red on a light tint, and in the dark
   * style a light red on a faint one, so that both stay readable. */
  static const GdkRGBA light_bg = { 0.88f, 0.11f, 0.14f, 0.10f };
  static const GdkRGBA light_fg = { 0.75f, 0.11f, 0.16f, 1.0f };
  static const GdkRGBA dark_bg = { 1.0f, 0.48f, 0.39f, 0.12f };
  static const GdkRGBA dark_fg = { 1.0f, 0.48f, 0.39f, 1.0f };
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const GdkRGBA *gap_bg = dark ? &dark_bg : &light_bg;
  const GdkRGBA *gap_fg = dark ? &dark_fg : &light_fg;
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  PangoAttrList *bold = pango_attr_list_new ();

  pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  for (guint r = 0; r < n_rows (self); r++)
    {
      const PreuvesSousCompetence *sc = g_ptr_array_index (self->sous_competences, r);
      g_autofree char *label = preuves_sous_competence_label (sc);
      gboolean gap = row_is_gap (self, r);
      int y = row_y (self, r);
      int height;

      if (r == 0 || sc->bloc != ((const PreuvesSousCompetence *) g_ptr_array_index (self->sous_competences, r - 1))->bloc)
        {
          g_autofree char *bloc = g_strdup_printf (_("Bloc %u"), sc->bloc->number);

          pango_layout_set_text (layout, bloc, -1);
          pango_layout_set_attributes (layout, bold);
          pango_layout_get_pixel_size (layout, NULL, &height);
          draw_text (snapshot, layout, 6, y - BLOC_GAP + (CELL - height) / 2.0f, fg);
          pango_layout_set_attributes (layout, NULL);
        }
      if (gap)
        gtk_snapshot_append_color (snapshot, gap_bg, &GRAPHENE_RECT_INIT (0, y, width, CELL));
      pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_size (layout, NULL, &height);
      draw_text (snapshot, layout, 6, y + (CELL - height) / 2.0f, gap ? gap_fg : fg);
    }
  pango_attr_list_unref (bold);
  g_object_unref (layout);
}

static void
draw_cells (PreuvesCoverageMatrix *self,
            GtkSnapshot           *snapshot,
            const GdkRGBA         *fg)
{
  static const GdkRGBA accent = { 0.21f, 0.52f, 0.89f, 1.0f };
  static const GdkRGBA warning = { 0.90f, 0.65f, 0.04f, 1.0f };
  GdkRGBA faint = *fg;

  faint.alpha = 0.12f;
  for (guint r = 0; r < n_rows (self); r++)
    for (guint c = 0; c < n_columns (self); c++)
      {
        graphene_rect_t box = GRAPHENE_RECT_INIT (LABEL_W + c * CELL + 4, row_y (self, r) + 4, CELL - 8, CELL - 8);
        GskRoundedRect rounded;
        const float widths[4] = { 2, 2, 2, 2 };
        const GdkRGBA colors[4] = { warning, warning, warning, warning };

        gsk_rounded_rect_init_from_rect (&rounded, &box, 3);
        switch ((PreuvesCoverage) cell (self, r, c))
          {
          case PREUVES_COVERAGE_JUSTIFIED:
            gtk_snapshot_push_rounded_clip (snapshot, &rounded);
            gtk_snapshot_append_color (snapshot, &accent, &box);
            gtk_snapshot_pop (snapshot);
            break;
          case PREUVES_COVERAGE_LINKED:
            gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
            break;
          case PREUVES_COVERAGE_NONE:
          default:
            gtk_snapshot_append_color (snapshot, &faint,
                                       &GRAPHENE_RECT_INIT (box.origin.x + box.size.width / 2 - 1,
                                                            box.origin.y + box.size.height / 2 - 1, 2, 2));
            break;
          }
      }
}

static void
draw_cursor (PreuvesCoverageMatrix *self,
             GtkSnapshot           *snapshot,
             const GdkRGBA         *fg)
{
  GskRoundedRect rounded;
  const float widths[4] = { 2, 2, 2, 2 };
  const GdkRGBA colors[4] = { *fg, *fg, *fg, *fg };

  if (!gtk_widget_has_focus (GTK_WIDGET (self)) || n_columns (self) == 0)
    return;
  gsk_rounded_rect_init_from_rect (&rounded,
                                   &GRAPHENE_RECT_INIT (LABEL_W + self->cursor_column * CELL + 1,
                                                        row_y (self, self->cursor_row) + 1, CELL - 2, CELL - 2),
                                   4);
  gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
}

static void
preuves_coverage_matrix_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  PreuvesCoverageMatrix *self = PREUVES_COVERAGE_MATRIX (widget);
  GdkRGBA fg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  draw_headers (self, snapshot, &fg);
  draw_rows (self, snapshot, &fg, gtk_widget_get_width (widget));
  draw_cells (self, snapshot, &fg);
  draw_cursor (self, snapshot, &fg);
}

/* ------------------------------------------------------------------ */
/* Input: arrows move a cursor, Enter opens the preuve. */

static void
move_cursor (PreuvesCoverageMatrix *self,
             int                    d_row,
             int                    d_column)
{
  int row = (int) self->cursor_row + d_row;
  int column = (int) self->cursor_column + d_column;

  self->cursor_row = CLAMP (row, 0, (int) n_rows (self) - 1);
  self->cursor_column = CLAMP (column, 0, MAX ((int) n_columns (self) - 1, 0));
  describe_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Activating a cell opens its preuve; an empty cell is linked first, so
 * that the editor asks for the justification right away. */
static void
open_cursor (PreuvesCoverageMatrix *self)
{
  PreuvesPreuve *preuve;
  const PreuvesSousCompetence *sc;

  if (n_columns (self) == 0)
    return;
  preuve = g_ptr_array_index (self->preuves, self->cursor_column);
  sc = g_ptr_array_index (self->sous_competences, self->cursor_row);
  if (cell (self, self->cursor_row, self->cursor_column) == PREUVES_COVERAGE_NONE)
    {
      g_autoptr(PreuvesLink) link = NULL;
      g_autoptr(GError) error = NULL;

      link = preuves_portfolio_link (self->portfolio, preuve, sc->id, "", &error);
      if (link == NULL)
        {
          preuves_page_show_error (GTK_WIDGET (self), error);
          return;
        }
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-preuve", "s", preuves_preuve_get_uuid (preuve));
}

/**
 * preuves_coverage_matrix_activate_cell:
 *
 * Moves the cursor to the cell and activates it, as Enter does.
 */
void
preuves_coverage_matrix_activate_cell (PreuvesCoverageMatrix *self,
                                       guint                  sous_competence_index,
                                       guint                  preuve_index)
{
  g_return_if_fail (PREUVES_IS_COVERAGE_MATRIX (self));
  g_return_if_fail (sous_competence_index < n_rows (self));
  g_return_if_fail (preuve_index < n_columns (self));

  self->cursor_row = sous_competence_index;
  self->cursor_column = preuve_index;
  describe_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  open_cursor (self);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PreuvesCoverageMatrix *self)
{
  switch (keyval)
    {
    case GDK_KEY_Up:
      move_cursor (self, -1, 0);
      return TRUE;
    case GDK_KEY_Down:
      move_cursor (self, 1, 0);
      return TRUE;
    case GDK_KEY_Left:
      move_cursor (self, 0, -1);
      return TRUE;
    case GDK_KEY_Right:
      move_cursor (self, 0, 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      open_cursor (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
cell_at (PreuvesCoverageMatrix *self,
         double                 x,
         double                 y,
         guint                 *row,
         guint                 *column)
{
  if (x < LABEL_W || x >= LABEL_W + n_columns (self) * CELL)
    return FALSE;
  for (guint r = 0; r < n_rows (self); r++)
    if (y >= row_y (self, r) && y < row_y (self, r) + CELL)
      {
        *row = r;
        *column = (guint) ((x - LABEL_W) / CELL);
        return TRUE;
      }
  return FALSE;
}

static void
pressed_cb (GtkGestureClick       *gesture,
            int                    n_press,
            double                 x,
            double                 y,
            PreuvesCoverageMatrix *self)
{
  guint row, column;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (!cell_at (self, x, y, &row, &column))
    return;
  self->cursor_row = row;
  self->cursor_column = column;
  describe_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (n_press == 2)
    open_cursor (self);
}

static void
focus_changed_cb (PreuvesCoverageMatrix *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
preuves_coverage_matrix_dispose (GObject *object)
{
  PreuvesCoverageMatrix *self = PREUVES_COVERAGE_MATRIX (object);

  g_clear_object (&self->portfolio);
  g_ptr_array_set_size (self->preuves, 0);
  G_OBJECT_CLASS (preuves_coverage_matrix_parent_class)->dispose (object);
}

static void
preuves_coverage_matrix_finalize (GObject *object)
{
  PreuvesCoverageMatrix *self = PREUVES_COVERAGE_MATRIX (object);

  g_ptr_array_unref (self->preuves);
  g_free (self->cells);
  G_OBJECT_CLASS (preuves_coverage_matrix_parent_class)->finalize (object);
}

static void
preuves_coverage_matrix_class_init (PreuvesCoverageMatrixClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = preuves_coverage_matrix_dispose;
  object_class->finalize = preuves_coverage_matrix_finalize;
  widget_class->measure = preuves_coverage_matrix_measure;
  widget_class->snapshot = preuves_coverage_matrix_snapshot;

  gtk_widget_class_set_css_name (widget_class, "coverage-matrix");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
preuves_coverage_matrix_init (PreuvesCoverageMatrix *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->sous_competences = preuves_referentiel_get_sous_competences (preuves_referentiel_get_default ());
  self->preuves = g_ptr_array_new_with_free_func (g_object_unref);
  self->cells = g_new0 (guint8, 1);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (self, "notify::has-focus", G_CALLBACK (focus_changed_cb), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Coverage of the sous-compétences by the preuves"),
                                  -1);
}

GtkWidget *
preuves_coverage_matrix_new (void)
{
  return g_object_new (PREUVES_TYPE_COVERAGE_MATRIX, NULL);
}
