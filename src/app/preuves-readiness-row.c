/* preuves-readiness-row.c — one bloc's readiness at a glance, in a list
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-page-util.h"
#include "preuves-readiness-row.h"

/* How many reasons the row shows: the first ones say where to start, the
 * bloc page lists them all. */
#define N_REASONS_SHOWN 1

struct _PreuvesReadinessRow
{
  AdwActionRow  parent_instance;

  char         *code;
  GtkWidget    *coverage_label;
  GtkWidget    *coverage_bar;
  GtkWidget    *state_label;
};

G_DEFINE_FINAL_TYPE (PreuvesReadinessRow, preuves_readiness_row, ADW_TYPE_ACTION_ROW)

static void
preuves_readiness_row_activated (AdwActionRow *row)
{
  PreuvesReadinessRow *self = PREUVES_READINESS_ROW (row);

  if (g_str_has_prefix (self->code, "B"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-bloc", "s", self->code);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-rehearsal", "s", self->code);
}

static void
preuves_readiness_row_finalize (GObject *object)
{
  g_free (PREUVES_READINESS_ROW (object)->code);
  G_OBJECT_CLASS (preuves_readiness_row_parent_class)->finalize (object);
}

static void
preuves_readiness_row_class_init (PreuvesReadinessRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = preuves_readiness_row_finalize;
  ADW_ACTION_ROW_CLASS (klass)->activate = preuves_readiness_row_activated;
}

static void
preuves_readiness_row_init (PreuvesReadinessRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  self->coverage_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->coverage_label, "caption");
  gtk_widget_add_css_class (self->coverage_label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (self->coverage_label), 1);
  self->coverage_bar = gtk_level_bar_new ();
  gtk_widget_set_size_request (self->coverage_bar, 80, -1);
  gtk_box_append (GTK_BOX (box), self->coverage_label);
  gtk_box_append (GTK_BOX (box), self->coverage_bar);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  self->state_label = preuves_state_pill_new (PREUVES_READINESS_NOT_STARTED, PREUVES_READINESS_OF_BLOC);
  gtk_widget_set_size_request (self->state_label, 90, -1);

  adw_action_row_add_suffix (ADW_ACTION_ROW (self), box);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->state_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), gtk_image_new_from_icon_name ("go-next-symbolic"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
}

GtkWidget *
preuves_readiness_row_new (const char *code,
                           const char *title)
{
  PreuvesReadinessRow *self = g_object_new (PREUVES_TYPE_READINESS_ROW,
                                            "title", title,
                                            "use-markup", FALSE,
                                            NULL);
  self->code = g_strdup (code);
  return GTK_WIDGET (self);
}

const char *
preuves_readiness_row_get_code (PreuvesReadinessRow *self)
{
  g_return_val_if_fail (PREUVES_IS_READINESS_ROW (self), NULL);
  return self->code;
}

static char *
first_reasons (const PreuvesReadinessPart *part)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < part->reasons->len && i < N_REASONS_SHOWN; i++)
    {
      const PreuvesReadinessReason *reason = g_ptr_array_index (part->reasons, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, reason->message);
    }
  if (part->reasons->len > N_REASONS_SHOWN)
    {
      guint more = part->reasons->len - N_REASONS_SHOWN;

      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (NULL, "and %u more thing to do", "and %u more things to do", more), more);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
preuves_readiness_row_set_part (PreuvesReadinessRow        *self,
                                const PreuvesReadinessPart *part)
{
  g_autofree char *coverage = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (PREUVES_IS_READINESS_ROW (self));
  g_return_if_fail (part != NULL);

  /* Translators: sous-compétences backed / all sous-compétences of a bloc */
  coverage = g_strdup_printf (_("%u of %u"), part->covered, part->total);
  gtk_label_set_text (GTK_LABEL (self->coverage_label), coverage);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (self->coverage_bar),
                           part->total > 0 ? (double) part->covered / part->total : 0);
  gtk_widget_set_visible (gtk_widget_get_parent (self->coverage_label), part->total > 0);

  preuves_state_pill_set (self->state_label, part->state, PREUVES_READINESS_OF_BLOC);

  reasons = first_reasons (part);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), reasons);

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u of %u sous-compétences backed",
                                              "%s, %u of %u sous-compétences backed", part->covered),
                                 preuves_readiness_part_state_label (part),
                                 part->covered, part->total);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}
