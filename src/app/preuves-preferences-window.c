/* preuves-preferences-window.c — your name and role, deposit size, style
 *
 * Every row writes straight to GSettings: there is no Apply button.
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-preferences-window.h"

struct _PreuvesPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwEntryRow          *name_row;
  AdwComboRow          *role_row;
  GtkSpinButton        *size_spin;
  AdwComboRow          *style_row;
};

G_DEFINE_FINAL_TYPE (PreuvesPreferencesWindow, preuves_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The combo rows list the nicks of an enum key in its order. */
static gboolean
position_from_enum (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
enum_from_position (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) nicks))
    return NULL;

  return g_variant_new_string (nicks[position]);
}

static void
bind_enum_row (PreuvesPreferencesWindow *self,
               const char               *key,
               AdwComboRow              *row,
               const char * const       *nicks)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                position_from_enum, enum_from_position,
                                (gpointer) nicks, NULL);
}

static void
preuves_preferences_window_constructed (GObject *object)
{
  PreuvesPreferencesWindow *self = PREUVES_PREFERENCES_WINDOW (object);
  static const char * const roles[] = { "candidate", "advisor", NULL };
  static const char * const styles[] = { "default", "light", "dark", NULL };

  G_OBJECT_CLASS (preuves_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "user-name", self->name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "deposit-size-limit",
                   gtk_spin_button_get_adjustment (self->size_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  bind_enum_row (self, "user-role", self->role_row, roles);
  bind_enum_row (self, "style-variant", self->style_row, styles);
}

static void
preuves_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PREUVES_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (preuves_preferences_window_parent_class)->dispose (object);
}

static void
preuves_preferences_window_finalize (GObject *object)
{
  PreuvesPreferencesWindow *self = PREUVES_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (preuves_preferences_window_parent_class)->finalize (object);
}

static void
preuves_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  PreuvesPreferencesWindow *self = PREUVES_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_preferences_window_class_init (PreuvesPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = preuves_preferences_window_constructed;
  object_class->dispose = preuves_preferences_window_dispose;
  object_class->finalize = preuves_preferences_window_finalize;
  object_class->set_property = preuves_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/preuves/Preuves/preuves-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreferencesWindow, size_spin);
  gtk_widget_class_bind_template_child (widget_class, PreuvesPreferencesWindow, style_row);
}

static void
preuves_preferences_window_init (PreuvesPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PreuvesPreferencesWindow *
preuves_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (PREUVES_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
