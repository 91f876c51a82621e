/* preuves-review-note.c — the note that says an advisor reviews the
 * candidate's portfolio and may not change it
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown above the pages while the role in the preferences is "advisor".
 * The core refuses every change to the candidate's content in that role
 * anyway; the note says so before anyone tries.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-review-note.h"

struct _PreuvesReviewNote
{
  AdwBin            parent_instance;

  GSettings        *settings;
  PreuvesPortfolio *portfolio;
  GtkLabel         *label;
};

G_DEFINE_FINAL_TYPE (PreuvesReviewNote, preuves_review_note, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PORTFOLIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
preuves_app_is_advisor (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.preuves.Preuves");
  g_autofree char *role = g_settings_get_string (settings, "user-role");

  return g_strcmp0 (role, "advisor") == 0;
}

static void
update (PreuvesReviewNote *self)
{
  g_autofree char *role = g_settings_get_string (self->settings, "user-role");
  gboolean advisor = g_strcmp0 (role, "advisor") == 0 && self->portfolio != NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), advisor);
  if (!advisor)
    return;
  /* Translators: %s is the candidate's name */
  text = g_strdup_printf (_("You are reviewing %s’s portfolio: their content is read-only. Add remarks and set statuses; the candidate sees them when you send the reviewed copy back."),
                          preuves_portfolio_get_candidate_name (self->portfolio));
  gtk_label_set_label (self->label, text);
}

void
preuves_review_note_set_portfolio (PreuvesReviewNote *self,
                                   PreuvesPortfolio  *portfolio)
{
  g_return_if_fail (PREUVES_IS_REVIEW_NOTE (self));

  if (self->portfolio != NULL)
    g_signal_handlers_disconnect_by_func (self->portfolio, update, self);
  if (!g_set_object (&self->portfolio, portfolio))
    return;
  if (portfolio != NULL)
    g_signal_connect_object (portfolio, "notify::candidate-name", G_CALLBACK (update), self,
                             G_CONNECT_SWAPPED);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTFOLIO]);
}

static void
preuves_review_note_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PreuvesReviewNote *self = PREUVES_REVIEW_NOTE (object);

  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      g_value_set_object (value, self->portfolio);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_review_note_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PreuvesReviewNote *self = PREUVES_REVIEW_NOTE (object);

  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      preuves_review_note_set_portfolio (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_review_note_dispose (GObject *object)
{
  PreuvesReviewNote *self = PREUVES_REVIEW_NOTE (object);

  g_clear_object (&self->portfolio);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (preuves_review_note_parent_class)->dispose (object);
}

static void
preuves_review_note_class_init (PreuvesReviewNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = preuves_review_note_dispose;
  object_class->get_property = preuves_review_note_get_property;
  object_class->set_property = preuves_review_note_set_property;

  properties[PROP_PORTFOLIO] =
    g_param_spec_object ("portfolio", NULL, NULL, PREUVES_TYPE_PORTFOLIO,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
preuves_review_note_init (PreuvesReviewNote *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_xalign (self->label, 0.0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  /* A card, so that the note stands apart from the page under it. */
  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_start (GTK_WIDGET (self->label), 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->label), 10);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->label), 10);
  gtk_widget_set_margin_end (GTK_WIDGET (self->label), 12);
  gtk_widget_set_margin_start (icon, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 4);
  adw_bin_set_child (ADW_BIN (self), box);

  self->settings = g_settings_new ("io.github.preuves.Preuves");
  g_signal_connect_object (self->settings, "changed::user-role", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  update (self);
}

GtkWidget *
preuves_review_note_new (void)
{
  return g_object_new (PREUVES_TYPE_REVIEW_NOTE, NULL);
}
