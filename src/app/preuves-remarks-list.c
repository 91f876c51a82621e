/* preuves-remarks-list.c — the remarks about one thing of a portfolio, with
 * adding, answering and resolving
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each remark is an expander row: the text as title, who wrote it, the
 * page and whether it is resolved as subtitle; inside, the candidate's
 * answer and a switch to mark it resolved. An advisor adds remarks; a
 * candidate adds notes of their own with the same entry.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-assessment.h"
#include "preuves-page-util.h"
#include "preuves-remarks-list.h"
#include "preuves-review-note.h"
#include "preuves-review.h"

struct _PreuvesRemarksList
{
  AdwBin                parent_instance;

  PreuvesPortfolio     *portfolio;
  char                 *target_kind;
  char                 *target_id;
  gulong                changed_id;

  AdwPreferencesGroup  *group;
  GtkListBox           *list;
  AdwEntryRow          *add_row;
  AdwActionRow         *page_row;
  GtkSpinButton        *page_spin;
};

G_DEFINE_FINAL_TYPE (PreuvesRemarksList, preuves_remarks_list, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PORTFOLIO,
  PROP_TARGET_KIND,
  PROP_TARGET_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
describe (const PreuvesRemark *remark)
{
  g_autoptr(GString) text = g_string_new (remark->author != NULL ? remark->author : "");

  if (remark->role == PREUVES_REMARK_ROLE_CANDIDATE)
    g_string_append_printf (text, text->len > 0 ? " (%s)" : "%s", _("candidate’s note"));
  if (remark->page > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, _("page %d"), remark->page);
    }
  g_string_append_printf (text, " · %s", remark->resolved ? _("Resolved") : _("Open"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
resolved_cb (GtkSwitch          *toggle,
             GParamSpec         *pspec,
             PreuvesRemarksList *self)
{
  g_autoptr(GError) error = NULL;
  const char *uuid = g_object_get_data (G_OBJECT (toggle), "remark-uuid");

  if (!preuves_portfolio_resolve_remark (self->portfolio, uuid, gtk_switch_get_active (toggle), NULL, &error))
    preuves_page_show_error (GTK_WIDGET (self), error);
}

static void
answer_apply_cb (AdwEntryRow        *row,
                 PreuvesRemarksList *self)
{
  g_autoptr(GError) error = NULL;
  const char *uuid = g_object_get_data (G_OBJECT (row), "remark-uuid");
  gboolean resolved = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "resolved"));

  if (!preuves_portfolio_resolve_remark (self->portfolio, uuid, resolved,
                                         gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    preuves_page_show_error (GTK_WIDGET (self), error);
}

static GtkWidget *
answer_row_new (PreuvesRemarksList  *self,
                const PreuvesRemark *remark)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Answer"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), remark->response != NULL ? remark->response : "");
  g_object_set_data_full (G_OBJECT (row), "remark-uuid", g_strdup (remark->uuid), g_free);
  g_object_set_data (G_OBJECT (row), "resolved", GINT_TO_POINTER (remark->resolved));
  g_signal_connect (row, "apply", G_CALLBACK (answer_apply_cb), self);
  return row;
}

static GtkWidget *
remark_row_new (PreuvesRemarksList  *self,
                const PreuvesRemark *remark)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  g_autofree char *subtitle = describe (remark);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), remark->text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row),
                               gtk_image_new_from_icon_name (remark->resolved ? "object-select-symbolic"
                                                                              : "user-available-symbolic"));
  gtk_switch_set_active (GTK_SWITCH (toggle), remark->resolved);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (toggle, _("Resolved"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Resolved"), -1);
  g_object_set_data_full (G_OBJECT (toggle), "remark-uuid", g_strdup (remark->uuid), g_free);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (resolved_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), toggle);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), answer_row_new (self, remark));
  return row;
}

static void
refill (PreuvesRemarksList *self)
{
  g_autoptr(GPtrArray) remarks = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->page_row), g_strcmp0 (self->target_kind, "document") == 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row),
                                 preuves_app_is_advisor () ? _("Add a remark") : _("Add a note"));
  if (self->portfolio == NULL || self->target_kind == NULL)
    return;
  remarks = preuves_portfolio_list_remarks (self->portfolio, self->target_kind, self->target_id);
  for (guint i = 0; i < remarks->len; i++)
    gtk_list_box_append (self->list, remark_row_new (self, remarks->pdata[i]));
}

static void
changed_cb (PreuvesPortfolio   *portfolio,
            const char         *what,
            PreuvesRemarksList *self)
{
  refill (self);
}

static void
add_apply_cb (PreuvesRemarksList *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  PreuvesRemarkRole role = preuves_app_is_advisor () ? PREUVES_REMARK_ROLE_ADVISOR
                                                     : PREUVES_REMARK_ROLE_CANDIDATE;

  uuid = preuves_portfolio_add_remark (self->portfolio, role, self->target_kind, self->target_id,
                                       gtk_spin_button_get_value_as_int (self->page_spin),
                                       gtk_editable_get_text (GTK_EDITABLE (self->add_row)), &error);
  if (uuid == NULL)
    {
      preuves_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  gtk_spin_button_set_value (self->page_spin, 0);
}

void
preuves_remarks_list_set_target (PreuvesRemarksList *self,
                                 PreuvesPortfolio   *portfolio,
                                 const char         *target_kind,
                                 const char         *target_id)
{
  g_return_if_fail (PREUVES_IS_REMARKS_LIST (self));

  /* The arguments may be the current strings themselves. */
  target_kind = g_intern_string (target_kind);
  target_id = g_intern_string (target_id);
  g_clear_signal_handler (&self->changed_id, self->portfolio);
  g_set_object (&self->portfolio, portfolio);
  g_free (self->target_kind);
  self->target_kind = g_strdup (target_kind);
  g_free (self->target_id);
  self->target_id = g_strdup (target_id);
  if (portfolio != NULL)
    self->changed_id = g_signal_connect (portfolio, "changed::remarks", G_CALLBACK (changed_cb), self);
  refill (self);
}

static void
preuves_remarks_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PreuvesRemarksList *self = PREUVES_REMARKS_LIST (object);

  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      g_value_set_object (value, self->portfolio);
      break;
    case PROP_TARGET_KIND:
      g_value_set_string (value, self->target_kind);
      break;
    case PROP_TARGET_ID:
      g_value_set_string (value, self->target_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_remarks_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PreuvesRemarksList *self = PREUVES_REMARKS_LIST (object);

  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      preuves_remarks_list_set_target (self, g_value_get_object (value), self->target_kind, self->target_id);
      break;
    case PROP_TARGET_KIND:
      preuves_remarks_list_set_target (self, self->portfolio, g_value_get_string (value), self->target_id);
      break;
    case PROP_TARGET_ID:
      preuves_remarks_list_set_target (self, self->portfolio, self->target_kind, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_remarks_list_dispose (GObject *object)
{
  PreuvesRemarksList *self = PREUVES_REMARKS_LIST (object);

  g_clear_signal_handler (&self->changed_id, self->portfolio);
  g_clear_object (&self->portfolio);
  G_OBJECT_CLASS (preuves_remarks_list_parent_class)->dispose (object);
}

static void
preuves_remarks_list_finalize (GObject *object)
{
  PreuvesRemarksList *self = PREUVES_REMARKS_LIST (object);

  g_free (self->target_kind);
  g_free (self->target_id);
  G_OBJECT_CLASS (preuves_remarks_list_parent_class)->finalize (object);
}

static void
preuves_remarks_list_class_init (PreuvesRemarksListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = preuves_remarks_list_dispose;
  object_class->finalize = preuves_remarks_list_finalize;
  object_class->get_property = preuves_remarks_list_get_property;
  object_class->set_property = preuves_remarks_list_set_property;

  properties[PROP_PORTFOLIO] =
    g_param_spec_object ("portfolio", NULL, NULL, PREUVES_TYPE_PORTFOLIO,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET_KIND] =
    g_param_spec_string ("target-kind", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET_ID] =
    g_param_spec_string ("target-id", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/preuves/Preuves/preuves-remarks-list.ui");
  gtk_widget_class_bind_template_child (widget_class, PreuvesRemarksList, group);
  gtk_widget_class_bind_template_child (widget_class, PreuvesRemarksList, list);
  gtk_widget_class_bind_template_child (widget_class, PreuvesRemarksList, add_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesRemarksList, page_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesRemarksList, page_spin);
  gtk_widget_class_bind_template_callback (widget_class, add_apply_cb);
}

static void
preuves_remarks_list_init (PreuvesRemarksList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
preuves_remarks_list_new (void)
{
  return g_object_new (PREUVES_TYPE_REMARKS_LIST, NULL);
}
