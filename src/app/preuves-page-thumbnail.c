/* preuves-page-thumbnail.c — a card with a thumbnail of one page of a written document
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is drawn by preuves-pdf-probe, never in the app's process
 * (poppler would parse an untrusted file here), off the main thread. The
 * PNGs stay in a small cache shared by every card, so that going back to a
 * bloc page, or its panel being built again, does not run the probe again.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-page-thumbnail.h"
#include "preuves-pdf-thumbnail.h"

/* Pixels: the card is 140 wide; the PNG is drawn for a 2× screen. */
#define THUMBNAIL_WIDTH  140
#define THUMBNAIL_HEIGHT 198
#define PNG_WIDTH        (THUMBNAIL_WIDTH * 2)
#define CACHE_SIZE       32

struct _PreuvesPageThumbnail
{
  AdwBin        parent_instance;

  guint         page;
  GCancellable *cancellable;
  GtkStack     *stack;
  GtkPicture   *picture;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (PreuvesPageThumbnail, preuves_page_thumbnail, ADW_TYPE_BIN)

/* ------------------------------------------------------------------ */
/* The cache: PNGs by "sha256/page/width", the least recently used one
 * goes first. */

static GHashTable *cache;
static GQueue cache_order = G_QUEUE_INIT;

static GBytes *
cache_lookup (const char *key)
{
  GBytes *png = cache != NULL ? g_hash_table_lookup (cache, key) : NULL;
  GList *link;

  if (png == NULL)
    return NULL;
  link = g_queue_find_custom (&cache_order, key, (GCompareFunc) g_strcmp0);
  g_queue_unlink (&cache_order, link);
  g_queue_push_head_link (&cache_order, link);
  return g_bytes_ref (png);
}

static void
cache_insert (const char *key,
              GBytes     *png)
{
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  if (g_hash_table_contains (cache, key))
    return;
  g_hash_table_insert (cache, g_strdup (key), g_bytes_ref (png));
  g_queue_push_head (&cache_order, g_strdup (key));
  while (g_queue_get_length (&cache_order) > CACHE_SIZE)
    {
      g_autofree char *oldest = g_queue_pop_tail (&cache_order);

      g_hash_table_remove (cache, oldest);
    }
}

/* ------------------------------------------------------------------ */

static void
show_error (PreuvesPageThumbnail *self,
            const GError         *error)
{
  /* The card is small: a short text, the whole message on hover. The
   * document row above says what to do about the document itself. */
  gtk_label_set_text (self->error_label, _("Cannot show this page"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->stack), error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
show_png (PreuvesPageThumbnail *self,
          GBytes               *png)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (png, &error);

  if (texture == NULL)
    {
      show_error (self, error);
      return;
    }
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->stack, "picture");
}

typedef struct
{
  PreuvesPageThumbnail *self;
  char                 *key;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_object_unref (data->self);
  g_free (data->key);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static void
render_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = preuves_pdf_thumbnail_render_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (png == NULL)
    {
      show_error (data->self, error);
      return;
    }
  cache_insert (data->key, png);
  show_png (data->self, png);
}

static void
load (PreuvesPageThumbnail *self,
      PreuvesPortfolio     *portfolio,
      const char           *sha256)
{
  g_autofree char *key = g_strdup_printf ("%s/%u/%u", sha256, self->page, PNG_WIDTH);
  g_autoptr(GBytes) png = cache_lookup (key);
  LoadData *data;

  if (png != NULL)
    {
      show_png (self, png);
      return;
    }
  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->key = g_steal_pointer (&key);
  preuves_pdf_thumbnail_render_document_async (portfolio, sha256, self->page, PNG_WIDTH,
                                               self->cancellable, render_cb, data);
}

static void
preuves_page_thumbnail_dispose (GObject *object)
{
  PreuvesPageThumbnail *self = PREUVES_PAGE_THUMBNAIL (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (preuves_page_thumbnail_parent_class)->dispose (object);
}

static void
preuves_page_thumbnail_finalize (GObject *object)
{
  PreuvesPageThumbnail *self = PREUVES_PAGE_THUMBNAIL (object);

  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (preuves_page_thumbnail_parent_class)->finalize (object);
}

static void
preuves_page_thumbnail_class_init (PreuvesPageThumbnailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = preuves_page_thumbnail_dispose;
  object_class->finalize = preuves_page_thumbnail_finalize;
  gtk_widget_class_set_css_name (widget_class, "pagethumbnail");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static GtkWidget *
error_box_new (PreuvesPageThumbnail *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("image-missing-symbolic");

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_justify (self->error_label, GTK_JUSTIFY_CENTER);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_widget_add_css_class (box, "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "caption");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  return box;
}

static void
build_stack (PreuvesPageThumbnail *self)
{
  GtkWidget *spinner = gtk_spinner_new ();

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_size_request (GTK_WIDGET (self->stack), THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
  gtk_widget_add_css_class (GTK_WIDGET (self->stack), "card");
  gtk_widget_set_overflow (GTK_WIDGET (self->stack), GTK_OVERFLOW_HIDDEN);

  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");

  self->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_can_shrink (self->picture, TRUE);
  gtk_picture_set_content_fit (self->picture, GTK_CONTENT_FIT_CONTAIN);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->picture), "picture");
  gtk_stack_add_named (self->stack, error_box_new (self), "error");
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

static void
preuves_page_thumbnail_init (PreuvesPageThumbnail *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->cancellable = g_cancellable_new ();
  build_stack (self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), box);
}

/**
 * preuves_page_thumbnail_new:
 * @sha256: the written document's bytes in @portfolio
 * @page: the page, from 1
 * @caption: what the page is, under the card
 *
 * Returns: a card that shows a spinner until the page is drawn.
 */
GtkWidget *
preuves_page_thumbnail_new (PreuvesPortfolio *portfolio,
                            const char       *sha256,
                            guint             page,
                            const char       *caption)
{
  PreuvesPageThumbnail *self;
  GtkWidget *label;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);
  g_return_val_if_fail (page >= 1, NULL);
  g_return_val_if_fail (caption != NULL, NULL);

  self = g_object_new (PREUVES_TYPE_PAGE_THUMBNAIL, NULL);
  self->page = page;
  label = gtk_label_new (caption);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (adw_bin_get_child (ADW_BIN (self))), label);

  name = g_strdup_printf (_("Thumbnail of page %u"), page);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, caption,
                                  -1);
  load (self, portfolio, sha256);
  return GTK_WIDGET (self);
}

guint
preuves_page_thumbnail_get_page (PreuvesPageThumbnail *self)
{
  g_return_val_if_fail (PREUVES_IS_PAGE_THUMBNAIL (self), 0);
  return self->page;
}

GdkPaintable *
preuves_page_thumbnail_get_paintable (PreuvesPageThumbnail *self)
{
  g_return_val_if_fail (PREUVES_IS_PAGE_THUMBNAIL (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "picture") != 0)
    return NULL;
  return gtk_picture_get_paintable (self->picture);
}

gboolean
preuves_page_thumbnail_is_loading (PreuvesPageThumbnail *self)
{
  g_return_val_if_fail (PREUVES_IS_PAGE_THUMBNAIL (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0;
}
