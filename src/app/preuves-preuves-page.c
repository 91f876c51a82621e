/* preuves-preuves-page.c — the list of preuves, its search and filters, and the editor
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-page-util.h"
#include "preuves-preuve-editor.h"
#include "preuves-preuves-page.h"

struct _PreuvesPreuvesPage
{
  AdwBin               parent_instance;

  PreuvesPortfolio    *portfolio;
  gulong               changed_id;
  /* preuve uuid → GHashTable of its sous-compétence ids, refreshed when
   * links change, so that filtering never queries the file per row. */
  GHashTable          *links_by_preuve;
  GPtrArray           *scope_codes;   /* "" then bloc and compétence codes */
  GtkCustomFilter     *filter;
  GHashTable          *bound_items;   /* GtkListItem showing a preuve now */

  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar;
  GtkWidget           *content;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *bloc_dropdown;
  GtkDropDown         *state_dropdown;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  GtkSingleSelection  *selection;
  GtkFilterListModel  *filter_model;
  GtkButton           *back_button;
  GtkButton           *new_button;
  GtkButton           *from_files_button;
  PreuvesPreuveEditor *editor;
};

enum {
  PROP_0,
  PROP_PORTFOLIO,
  PROP_EDITOR_SHOWN,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PreuvesPreuvesPage, preuves_preuves_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static void
refresh_links (PreuvesPreuvesPage *self)
{
  GListModel *preuves;

  g_hash_table_remove_all (self->links_by_preuve);
  if (self->portfolio == NULL)
    return;
  preuves = preuves_portfolio_get_preuves (self->portfolio);
  for (guint i = 0; i < g_list_model_get_n_items (preuves); i++)
    {
      g_autoptr(PreuvesPreuve) preuve = g_list_model_get_item (preuves, i);
      g_autoptr(GListModel) links = preuves_portfolio_list_links_for_preuve (self->portfolio, preuve);
      GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint j = 0; j < g_list_model_get_n_items (links); j++)
        {
          g_autoptr(PreuvesLink) link = g_list_model_get_item (links, j);

          const char *justification = preuves_link_get_justification (link);

          /* The value says whether the link is justified (2) or not (1). */
          g_hash_table_insert (ids, g_strdup (preuves_link_get_sous_competence_id (link)),
                               GINT_TO_POINTER (justification && justification[0] ? 2 : 1));
        }
      g_hash_table_insert (self->links_by_preuve, g_strdup (preuves_preuve_get_uuid (preuve)), ids);
    }
}

static gboolean
in_scope (GHashTable *ids,
          const char *scope)
{
  PreuvesReferentiel *referentiel = preuves_referentiel_get_default ();
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      const PreuvesSousCompetence *sc = preuves_referentiel_find_sous_competence (referentiel, id, NULL);

      if (sc != NULL && (g_str_equal (sc->bloc->code, scope) || g_str_equal (sc->competence->code, scope)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
matches_search (PreuvesPreuve *preuve,
                const char    *query)
{
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *needle = NULL;

  if (query[0] == '\0')
    return TRUE;
  haystack = g_strdup_printf ("%s\n%s", preuves_preuve_get_title (preuve) ?: "",
                              preuves_preuve_get_situation (preuve) ?: "");
  folded = g_utf8_casefold (haystack, -1);
  needle = g_utf8_casefold (query, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PreuvesPreuvesPage *self = user_data;
  PreuvesPreuve *preuve = item;
  GHashTable *ids = g_hash_table_lookup (self->links_by_preuve, preuves_preuve_get_uuid (preuve));
  guint scope = gtk_drop_down_get_selected (self->bloc_dropdown);
  const char *scope_code = scope < self->scope_codes->len ? g_ptr_array_index (self->scope_codes, scope) : "";
  guint n_links = ids ? g_hash_table_size (ids) : 0;

  switch ((PreuvesPreuvesFilter) gtk_drop_down_get_selected (self->state_dropdown))
    {
    case PREUVES_PREUVES_FILTER_UNMAPPED:
      if (n_links > 0)
        return FALSE;
      break;
    case PREUVES_PREUVES_FILTER_CONFIDENTIAL:
      if (!preuves_preuve_get_confidential (preuve))
        return FALSE;
      break;
    case PREUVES_PREUVES_FILTER_ALL:
    default:
      break;
    }
  if (scope_code[0] != '\0' && (ids == NULL || !in_scope (ids, scope_code)))
    return FALSE;
  return matches_search (preuve, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* ------------------------------------------------------------------ */
/* Rows: the title, what the preuve proves (or that it proves nothing
 * yet, so that gaps show in the list), and a lock when confidential. */

static void
update_item_links (PreuvesPreuvesPage *self,
                   GtkListItem        *item)
{
  PreuvesPreuve *preuve = gtk_list_item_get_item (item);
  GtkWidget *subtitle = g_object_get_data (G_OBJECT (item), "subtitle");
  GHashTable *ids = g_hash_table_lookup (self->links_by_preuve, preuves_preuve_get_uuid (preuve));
  guint n = ids ? g_hash_table_size (ids) : 0;
  guint unjustified = 0;
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer value;

  if (ids != NULL)
    {
      g_hash_table_iter_init (&iter, ids);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        unjustified += GPOINTER_TO_INT (value) == 1;
    }
  if (n == 0)
    text = g_strdup (_("Not mapped yet"));
  else if (unjustified > 0)
    /* Translators: "Proves 3 sous-compétences, 1 without justification" */
    text = g_strdup_printf (g_dngettext (NULL, "Proves %u sous-compétence, %u without justification",
                                         "Proves %u sous-compétences, %u without justification", n),
                            n, unjustified);
  else
    text = g_strdup_printf (g_dngettext (NULL, "Proves %u sous-compétence", "Proves %u sous-compétences", n), n);
  gtk_label_set_text (GTK_LABEL (subtitle), text);
  if (n == 0 || unjustified > 0)
    gtk_widget_add_css_class (subtitle, "warning");
  else
    gtk_widget_remove_css_class (subtitle, "warning");
}

static void
item_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PreuvesPreuvesPage       *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  /* It says what is missing, so it wraps rather than being cut; and a
   * long one must not widen the list past a phone-sized window. */
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_tooltip_text (lock, _("Confidential"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (lock), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Confidential"), -1);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), lock);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  g_object_set_data (G_OBJECT (item), "title", title);
  g_object_set_data (G_OBJECT (item), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (item), "lock", lock);
  gtk_list_item_set_child (item, box);
}

static void
item_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PreuvesPreuvesPage       *self)
{
  PreuvesPreuve *preuve = gtk_list_item_get_item (item);
  GBinding *title, *lock;

  title = g_object_bind_property (preuve, "title", g_object_get_data (G_OBJECT (item), "title"), "label",
                                  G_BINDING_SYNC_CREATE);
  lock = g_object_bind_property (preuve, "confidential", g_object_get_data (G_OBJECT (item), "lock"), "visible",
                                 G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (item), "title-binding", title);
  g_object_set_data (G_OBJECT (item), "lock-binding", lock);
  update_item_links (self, item);
  g_hash_table_add (self->bound_items, item);
}

static void
item_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                PreuvesPreuvesPage       *self)
{
  g_binding_unbind (g_object_get_data (G_OBJECT (item), "title-binding"));
  g_binding_unbind (g_object_get_data (G_OBJECT (item), "lock-binding"));
  g_hash_table_remove (self->bound_items, item);
}

static void
update_bound_items (PreuvesPreuvesPage *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    update_item_links (self, item);
}

static void
update_list_stack (PreuvesPreuvesPage *self)
{
  guint n_all = self->portfolio ? g_list_model_get_n_items (preuves_portfolio_get_preuves (self->portfolio)) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  if (n_all == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (n_shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
}

static void
filters_changed_cb (PreuvesPreuvesPage *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_list_stack (self);
}

static void
portfolio_changed_cb (PreuvesPortfolio   *portfolio,
                      const char         *what,
                      PreuvesPreuvesPage *self)
{
  if (g_strcmp0 (what, "links") == 0 || g_strcmp0 (what, "preuves") == 0)
    {
      refresh_links (self);
      update_bound_items (self);
      filters_changed_cb (self);
    }
}

static void
show_content (PreuvesPreuvesPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
selection_changed_cb (PreuvesPreuvesPage *self)
{
  PreuvesPreuve *preuve = gtk_single_selection_get_selected_item (self->selection);

  /* A preuve that the filter hides stays in the editor until another is
   * chosen: hiding it would lose what is being typed. */
  if (preuve != NULL)
    preuves_preuve_editor_set_preuve (self->editor, preuve);
}

static void
list_activate_cb (PreuvesPreuvesPage *self,
                  guint               position)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_content (self);
}

static void
back_clicked_cb (PreuvesPreuvesPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
folded_changed_cb (PreuvesPreuvesPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), folded);
  /* Folded, a click on any row opens the editor, even on the selected one;
   * and with nothing chosen yet the list comes first, not an empty editor. */
  gtk_list_view_set_single_click_activate (self->list_view, folded);
  if (folded && gtk_single_selection_get_selected_item (self->selection) == NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR_SHOWN]);
}

static void
visible_child_changed_cb (PreuvesPreuvesPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR_SHOWN]);
}

/**
 * preuves_preuves_page_get_editor_shown:
 *
 * Returns: whether the page is folded and shows the editor rather than the list.
 */
gboolean
preuves_preuves_page_get_editor_shown (PreuvesPreuvesPage *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVES_PAGE (self), FALSE);
  return adw_leaflet_get_folded (self->leaflet) &&
         adw_leaflet_get_visible_child (self->leaflet) == self->content;
}

/* Selects @preuve's row, if the filters show it, and scrolls to it. */
static gboolean
select_in_list (PreuvesPreuvesPage *self,
                PreuvesPreuve      *preuve)
{
  GListModel *shown = G_LIST_MODEL (self->selection);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(PreuvesPreuve) item = g_list_model_get_item (shown, i);

      if (item == preuve)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }
  return FALSE;
}

/* Clears the search and the filters, at once: the search entry alone would
 * apply its change only after a pause in typing. */
static void
show_all_preuves (PreuvesPreuvesPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->state_dropdown, PREUVES_PREUVES_FILTER_ALL);
  gtk_drop_down_set_selected (self->bloc_dropdown, 0);
  filters_changed_cb (self);
}

/* The editor can change preuve by itself: it lets go of a deleted one, and
 * Undo brings it back. The page follows, as it was before the deletion:
 * folded, the list comes back rather than an empty editor, and Undo opens
 * the preuve again, selected in the list. */
static void
editor_preuve_changed_cb (PreuvesPreuvesPage *self)
{
  PreuvesPreuve *preuve = preuves_preuve_editor_get_preuve (self->editor);

  if (preuve == NULL && preuves_preuves_page_get_editor_shown (self))
    back_clicked_cb (self);
  else if (preuve != NULL && preuve != gtk_single_selection_get_selected_item (self->selection))
    {
      select_in_list (self, preuve);
      show_content (self);
    }
}

/**
 * preuves_preuves_page_select_preuve:
 *
 * Shows the preuve @uuid in the editor, and selects it in the list; when
 * the search or the filters hide it (a new preuve, or one opened from the
 * matrix or a bloc page), they are cleared so that the list shows it too.
 * Returns: FALSE when the portfolio has no such preuve.
 */
gboolean
preuves_preuves_page_select_preuve (PreuvesPreuvesPage *self,
                                    const char         *uuid)
{
  PreuvesPreuve *preuve;

  g_return_val_if_fail (PREUVES_IS_PREUVES_PAGE (self), FALSE);

  preuve = self->portfolio ? preuves_portfolio_find_preuve (self->portfolio, uuid) : NULL;
  if (preuve == NULL)
    return FALSE;
  preuves_preuve_editor_set_preuve (self->editor, preuve);
  if (!select_in_list (self, preuve))
    {
      show_all_preuves (self);
      select_in_list (self, preuve);
    }
  show_content (self);
  return TRUE;
}

static PreuvesPreuve *
new_preuve (PreuvesPreuvesPage *self,
            const char         *title)
{
  g_autoptr(GError) error = NULL;
  PreuvesPreuve *preuve;

  preuve = preuves_portfolio_add_preuve (self->portfolio, title, &error);
  if (preuve == NULL)
    {
      preuves_page_show_error (GTK_WIDGET (self), error);
      return NULL;
    }
  /* Shown even under a search or a filter that would hide it. */
  preuves_preuves_page_select_preuve (self, preuves_preuve_get_uuid (preuve));
  return preuve;
}

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PreuvesPreuvesPage *self = PREUVES_PREUVES_PAGE (widget);

  if (self->portfolio != NULL && new_preuve (self, _("New preuve")) != NULL)
    preuves_preuve_editor_focus_title (self->editor);
}

static char *
title_from_file (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (basename);
  char *dot = strrchr (display, '.');

  if (dot != NULL && dot != display)
    *dot = '\0';
  return g_steal_pointer (&display);
}

/**
 * preuves_preuves_page_add_files:
 *
 * Adds one preuve per file, titled after the file, with the file attached
 * (off the main thread).
 */
void
preuves_preuves_page_add_files (PreuvesPreuvesPage *self,
                                GListModel         *files)
{
  g_return_if_fail (PREUVES_IS_PREUVES_PAGE (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  if (self->portfolio == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *title = title_from_file (file);
      g_autoptr(GListStore) one = g_list_store_new (G_TYPE_FILE);

      if (new_preuve (self, title) == NULL)
        return;
      g_list_store_append (one, file);
      preuves_preuve_editor_attach_files (self->editor, G_LIST_MODEL (one));
    }
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     PreuvesPreuvesPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      preuves_preuves_page_add_files (self, files);
    }
  g_object_unref (chooser);
}

static void
from_files_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Add Preuves From Files"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Add"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
drop_cb (GtkDropTarget      *target,
         const GValue       *value,
         double              x,
         double              y,
         PreuvesPreuvesPage *self)
{
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);

  for (GSList *l = list; l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  preuves_preuves_page_add_files (self, G_LIST_MODEL (files));
  return TRUE;
}

/* "All blocs", then each bloc followed by its compétences. */
static void
fill_scopes (PreuvesPreuvesPage *self)
{
  GPtrArray *blocs = preuves_referentiel_get_blocs (preuves_referentiel_get_default ());
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, _("All blocs"));
  g_ptr_array_add (self->scope_codes, g_strdup (""));
  for (guint i = 0; i < blocs->len; i++)
    {
      const PreuvesBloc *bloc = g_ptr_array_index (blocs, i);
      g_autofree char *label = g_strdup_printf (_("Bloc %u"), bloc->number);

      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->scope_codes, g_strdup (bloc->code));
      for (guint j = 0; j < bloc->competences->len; j++)
        {
          const PreuvesCompetence *competence = g_ptr_array_index (bloc->competences, j);
          g_autofree char *clabel = g_strdup_printf ("  %s", competence->code);

          gtk_string_list_append (labels, clabel);
          g_ptr_array_add (self->scope_codes, g_strdup (competence->code));
        }
    }
  gtk_drop_down_set_model (self->bloc_dropdown, G_LIST_MODEL (labels));
}

static void
filter_label_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
filter_label_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* A filter shows its choice in a label that can shrink, so that the row of
 * filters fits a phone-sized window in French too; the list it drops down
 * keeps the default rows, whole and with the check mark. */
static void
shrink_filter_label (GtkDropDown *dropdown)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_assert (gtk_drop_down_get_factory (dropdown) != NULL);
  gtk_drop_down_set_list_factory (dropdown, gtk_drop_down_get_factory (dropdown));
  g_signal_connect (factory, "setup", G_CALLBACK (filter_label_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (filter_label_bind_cb), NULL);
  gtk_drop_down_set_factory (dropdown, factory);
}

/* At the width of a phone, in French, the label wraps rather than widen
 * the page past the window. */
static void
wrap_button_label (GtkButton *button)
{
  GtkWidget *label = gtk_button_get_child (button);

  g_assert (GTK_IS_LABEL (label));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
}

/**
 * preuves_preuves_page_set_filter:
 * @bloc_or_competence: (nullable): "B2", "C1-2a", or NULL for all
 *
 * Shows the preuves that match, as if chosen in the filters.
 */
void
preuves_preuves_page_set_filter (PreuvesPreuvesPage   *self,
                                 PreuvesPreuvesFilter  filter,
                                 const char           *bloc_or_competence)
{
  guint scope = 0;

  g_return_if_fail (PREUVES_IS_PREUVES_PAGE (self));

  for (guint i = 0; bloc_or_competence != NULL && i < self->scope_codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->scope_codes, i), bloc_or_competence))
      scope = i;
  gtk_drop_down_set_selected (self->state_dropdown, filter);
  gtk_drop_down_set_selected (self->bloc_dropdown, scope);
}

/* The preuves the list shows now, after search and filters. */
GListModel *
preuves_preuves_page_get_shown (PreuvesPreuvesPage *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVES_PAGE (self), NULL);
  return G_LIST_MODEL (self->selection);
}

static void
preuves_preuves_page_dispose (GObject *object)
{
  PreuvesPreuvesPage *self = PREUVES_PREUVES_PAGE (object);

  preuves_preuves_page_set_portfolio (self, NULL);
  g_clear_object (&self->filter);
  G_OBJECT_CLASS (preuves_preuves_page_parent_class)->dispose (object);
}

static void
preuves_preuves_page_finalize (GObject *object)
{
  PreuvesPreuvesPage *self = PREUVES_PREUVES_PAGE (object);

  g_hash_table_unref (self->links_by_preuve);
  g_ptr_array_unref (self->scope_codes);
  g_hash_table_unref (self->bound_items);
  G_OBJECT_CLASS (preuves_preuves_page_parent_class)->finalize (object);
}

static void
preuves_preuves_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      g_value_set_object (value, PREUVES_PREUVES_PAGE (object)->portfolio);
      break;
    case PROP_EDITOR_SHOWN:
      g_value_set_boolean (value, preuves_preuves_page_get_editor_shown (PREUVES_PREUVES_PAGE (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_preuves_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      preuves_preuves_page_set_portfolio (PREUVES_PREUVES_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_preuves_page_class_init (PreuvesPreuvesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = preuves_preuves_page_dispose;
  object_class->finalize = preuves_preuves_page_finalize;
  object_class->get_property = preuves_preuves_page_get_property;
  object_class->set_property = preuves_preuves_page_set_property;

  properties[PROP_PORTFOLIO] =
    g_param_spec_object ("portfolio", NULL, NULL, PREUVES_TYPE_PORTFOLIO,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE when folded on the editor: the page's own back button then leads
   * to the list, and the window hides its own so that only one shows. */
  properties[PROP_EDITOR_SHOWN] =
    g_param_spec_boolean ("editor-shown", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PREUVES_TYPE_PREUVE);
  g_type_ensure (PREUVES_TYPE_PREUVE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, PREUVES_RESOURCE_PREFIX "/preuves-preuves-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuvesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuvesPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuvesPage, content);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuvesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuvesPage, bloc_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuvesPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuvesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuvesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuvesPage, selection);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuvesPage, filter_model);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuvesPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuvesPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuvesPage, from_files_button);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreuvesPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_child_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_preuve_changed_cb);

  gtk_widget_class_install_action (widget_class, "preuves.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "preuves.from-files", NULL, from_files_action_cb);
}

static void
preuves_preuves_page_init (PreuvesPreuvesPage *self)
{
  GtkDropTarget *drop;

  self->links_by_preuve = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_hash_table_unref);
  self->scope_codes = g_ptr_array_new_with_free_func (g_free);
  self->bound_items = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  fill_scopes (self);
  shrink_filter_label (self->bloc_dropdown);
  shrink_filter_label (self->state_dropdown);
  wrap_button_label (self->new_button);
  wrap_button_label (self->from_files_button);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));
  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (update_list_stack), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (self->sidebar, GTK_EVENT_CONTROLLER (drop));
  folded_changed_cb (self);
  update_list_stack (self);
}

GtkWidget *
preuves_preuves_page_new (void)
{
  return g_object_new (PREUVES_TYPE_PREUVES_PAGE, NULL);
}

PreuvesPortfolio *
preuves_preuves_page_get_portfolio (PreuvesPreuvesPage *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVES_PAGE (self), NULL);
  return self->portfolio;
}

void
preuves_preuves_page_set_portfolio (PreuvesPreuvesPage *self,
                                    PreuvesPortfolio   *portfolio)
{
  g_return_if_fail (PREUVES_IS_PREUVES_PAGE (self));

  if (self->portfolio == portfolio)
    return;
  preuves_preuve_editor_set_portfolio (self->editor, portfolio);
  gtk_filter_list_model_set_model (self->filter_model, NULL);
  g_clear_signal_handler (&self->changed_id, self->portfolio);
  g_set_object (&self->portfolio, portfolio);
  refresh_links (self);
  if (portfolio != NULL)
    {
      self->changed_id = g_signal_connect (portfolio, "changed", G_CALLBACK (portfolio_changed_cb), self);
      gtk_filter_list_model_set_model (self->filter_model, preuves_portfolio_get_preuves (portfolio));
    }
  update_list_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTFOLIO]);
}
