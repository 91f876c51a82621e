/* preuves-changes-page.c — what the candidate changed since the advisor's
 * last review
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An advisor who imports a newer copy of a portfolio they reviewed sees
 * here which preuves, links, documents and criteria were added, modified
 * or removed, and marks the copy as reviewed when done.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-changes-page.h"
#include "preuves-changes.h"
#include "preuves-page-util.h"

struct _PreuvesChangesPage
{
  AdwBin               parent_instance;

  PreuvesPortfolio    *portfolio;
  gulong               changed_id;

  AdwPreferencesGroup *group;
  GtkListBox          *list;
  GtkButton           *reviewed_button;
};

G_DEFINE_FINAL_TYPE (PreuvesChangesPage, preuves_changes_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PORTFOLIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
kind_label (const char *kind)
{
  if (g_str_equal (kind, "preuve"))
    return _("Preuve");
  if (g_str_equal (kind, "link"))
    return _("Link to a sous-compétence");
  if (g_str_equal (kind, "attachment"))
    return _("Attached document");
  if (g_str_equal (kind, "document"))
    return _("Written document");
  return _("Criterion self-assessment");
}

static const char *
change_label (PreuvesChangeType change)
{
  switch (change)
    {
    case PREUVES_CHANGE_ADDED:
      return _("added");
    case PREUVES_CHANGE_MODIFIED:
      return _("modified");
    case PREUVES_CHANGE_REMOVED:
    default:
      return _("removed");
    }
}

static const char *
change_icon (PreuvesChangeType change)
{
  switch (change)
    {
    case PREUVES_CHANGE_ADDED:
      return "list-add-symbolic";
    case PREUVES_CHANGE_MODIFIED:
      return "document-edit-symbolic";
    case PREUVES_CHANGE_REMOVED:
    default:
      return "list-remove-symbolic";
    }
}

static GtkWidget *
change_row_new (const PreuvesChange *change)
{
  GtkWidget *row = adw_action_row_new ();
  /* Translators: "Preuve — added" */
  g_autofree char *subtitle = g_strdup_printf (_("%s — %s"), kind_label (change->kind),
                                               change_label (change->change));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change->label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (change_icon (change->change)));
  return row;
}

static void
describe_last_review (PreuvesChangesPage *self)
{
  gint64 last = preuves_portfolio_get_last_review (self->portfolio);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  if (last == 0)
    {
      adw_preferences_group_set_description (self->group, _("Not reviewed yet: everything is new."));
      return;
    }
  when = g_date_time_new_from_unix_local (last / G_USEC_PER_SEC);
  /* Translators: a date, see the GDateTime format codes; French uses "%d/%m/%Y" */
  date = g_date_time_format (when, _("%Y-%m-%d"));
  /* Translators: %s is a date */
  text = g_strdup_printf (_("Last reviewed on %s"), date);
  adw_preferences_group_set_description (self->group, text);
}

static void
refill (PreuvesChangesPage *self)
{
  g_autoptr(GPtrArray) changes = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reviewed_button), self->portfolio != NULL);
  if (self->portfolio == NULL)
    return;
  describe_last_review (self);
  changes = preuves_portfolio_list_changes_since_review (self->portfolio, NULL);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    gtk_list_box_append (self->list, change_row_new (changes->pdata[i]));
}

static void
changed_cb (PreuvesPortfolio   *portfolio,
            const char         *what,
            PreuvesChangesPage *self)
{
  refill (self);
}

static void
reviewed_clicked_cb (PreuvesChangesPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!preuves_portfolio_record_review (self->portfolio, &error))
    preuves_page_show_error (GTK_WIDGET (self), error);
  refill (self);
}

void
preuves_changes_page_set_portfolio (PreuvesChangesPage *self,
                                    PreuvesPortfolio   *portfolio)
{
  g_return_if_fail (PREUVES_IS_CHANGES_PAGE (self));

  if (self->portfolio == portfolio)
    return;
  g_clear_signal_handler (&self->changed_id, self->portfolio);
  g_set_object (&self->portfolio, portfolio);
  if (portfolio != NULL)
    self->changed_id = g_signal_connect (portfolio, "changed", G_CALLBACK (changed_cb), self);
  refill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTFOLIO]);
}

static void
preuves_changes_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PreuvesChangesPage *self = PREUVES_CHANGES_PAGE (object);

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
preuves_changes_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PreuvesChangesPage *self = PREUVES_CHANGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      preuves_changes_page_set_portfolio (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_changes_page_dispose (GObject *object)
{
  PreuvesChangesPage *self = PREUVES_CHANGES_PAGE (object);

  g_clear_signal_handler (&self->changed_id, self->portfolio);
  g_clear_object (&self->portfolio);
  G_OBJECT_CLASS (preuves_changes_page_parent_class)->dispose (object);
}

static void
preuves_changes_page_class_init (PreuvesChangesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = preuves_changes_page_dispose;
  object_class->get_property = preuves_changes_page_get_property;
  object_class->set_property = preuves_changes_page_set_property;

  properties[PROP_PORTFOLIO] =
    g_param_spec_object ("portfolio", NULL, NULL, PREUVES_TYPE_PORTFOLIO,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/preuves/Preuves/preuves-changes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PreuvesChangesPage, group);
  gtk_widget_class_bind_template_child (widget_class, PreuvesChangesPage, list);
  gtk_widget_class_bind_template_child (widget_class, PreuvesChangesPage, reviewed_button);
  gtk_widget_class_bind_template_callback (widget_class, reviewed_clicked_cb);
}

static void
preuves_changes_page_init (PreuvesChangesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
preuves_changes_page_new (void)
{
  return g_object_new (PREUVES_TYPE_CHANGES_PAGE, NULL);
}
