/* preuves-welcome-page.c — first run: create a portfolio, import one, or open the demo
 *
 * The page only gathers the form; the window creates the file (in the
 * library, off the main thread) when the page emits ::create.
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-types.h"
#include "preuves-welcome-page.h"

struct _PreuvesWelcomePage
{
  AdwBin       parent_instance;

  gboolean     can_go_back;

  AdwEntryRow *name_row;
  AdwEntryRow *etablissement_row;
  AdwEntryRow *secteur_row;
  AdwComboRow *path_row;
  GtkButton   *create_button;
};

G_DEFINE_FINAL_TYPE (PreuvesWelcomePage, preuves_welcome_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CAN_GO_BACK,
  N_PROPS
};

enum {
  CREATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Position in the combo row's model → path. */
static const PreuvesPath paths[] = { PREUVES_PATH_FORMATION, PREUVES_PATH_VAE };

static char *
dup_stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
form_changed_cb (PreuvesWelcomePage *self)
{
  g_autofree char *name = dup_stripped_text (self->name_row);

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), name[0] != '\0');
}

static void
create_clicked_cb (PreuvesWelcomePage *self)
{
  g_autofree char *name = dup_stripped_text (self->name_row);
  g_autofree char *etablissement = dup_stripped_text (self->etablissement_row);
  g_autofree char *secteur = dup_stripped_text (self->secteur_row);
  guint selected = adw_combo_row_get_selected (self->path_row);

  if (name[0] == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  g_signal_emit (self, signals[CREATE], 0, name, etablissement, secteur,
                 paths[selected < G_N_ELEMENTS (paths) ? selected : 0]);
}

static void
preuves_welcome_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PreuvesWelcomePage *self = PREUVES_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, self->can_go_back);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_welcome_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PreuvesWelcomePage *self = PREUVES_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAN_GO_BACK:
      preuves_welcome_page_set_can_go_back (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_welcome_page_class_init (PreuvesWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = preuves_welcome_page_get_property;
  object_class->set_property = preuves_welcome_page_set_property;

  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PreuvesWelcomePage::create:
   * @candidate_name: never empty
   * @etablissement: possibly empty
   * @secteur: possibly empty
   * @path: a #PreuvesPath
   */
  signals[CREATE] =
    g_signal_new ("create",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/preuves/Preuves/preuves-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PreuvesWelcomePage, name_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWelcomePage, etablissement_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWelcomePage, secteur_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWelcomePage, path_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesWelcomePage, create_button);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
}

static void
preuves_welcome_page_init (PreuvesWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
preuves_welcome_page_new (void)
{
  return g_object_new (PREUVES_TYPE_WELCOME_PAGE, NULL);
}

void
preuves_welcome_page_set_can_go_back (PreuvesWelcomePage *self,
                                      gboolean            can_go_back)
{
  g_return_if_fail (PREUVES_IS_WELCOME_PAGE (self));

  can_go_back = !!can_go_back;
  if (self->can_go_back == can_go_back)
    return;

  self->can_go_back = can_go_back;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
}

gboolean
preuves_welcome_page_get_can_go_back (PreuvesWelcomePage *self)
{
  g_return_val_if_fail (PREUVES_IS_WELCOME_PAGE (self), FALSE);

  return self->can_go_back;
}

/* Empties the form once its portfolio exists. */
void
preuves_welcome_page_reset (PreuvesWelcomePage *self)
{
  g_return_if_fail (PREUVES_IS_WELCOME_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->etablissement_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->secteur_row), "");
  adw_combo_row_set_selected (self->path_row, 0);
}
