/* preuves-link.c — a preuve linked to a sous-compétence, with its justification
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "preuves-link-private.h"

struct _PreuvesLink
{
  GObject  parent_instance;

  char    *uuid;
  char    *preuve_uuid;
  char    *sous_competence_id;
  char    *justification;
  char    *author;
  gint64   revision;
  gint64   modified_at;
};

G_DEFINE_TYPE (PreuvesLink, preuves_link, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_PREUVE_UUID,
  PROP_SOUS_COMPETENCE_ID,
  PROP_JUSTIFICATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

PreuvesLink *
preuves_link_new_from_row (sqlite3_stmt *stmt)
{
  PreuvesLink *self = g_object_new (PREUVES_TYPE_LINK, NULL);

  self->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  self->preuve_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  self->sous_competence_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  self->justification = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  self->author = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  self->revision = sqlite3_column_int64 (stmt, 5);
  self->modified_at = sqlite3_column_int64 (stmt, 6);
  return self;
}

const char *
preuves_link_get_uuid (PreuvesLink *self)
{
  g_return_val_if_fail (PREUVES_IS_LINK (self), NULL);
  return self->uuid;
}

const char *
preuves_link_get_preuve_uuid (PreuvesLink *self)
{
  g_return_val_if_fail (PREUVES_IS_LINK (self), NULL);
  return self->preuve_uuid;
}

const char *
preuves_link_get_sous_competence_id (PreuvesLink *self)
{
  g_return_val_if_fail (PREUVES_IS_LINK (self), NULL);
  return self->sous_competence_id;
}

const char *
preuves_link_get_justification (PreuvesLink *self)
{
  g_return_val_if_fail (PREUVES_IS_LINK (self), NULL);
  return self->justification;
}

const char *
preuves_link_get_author (PreuvesLink *self)
{
  g_return_val_if_fail (PREUVES_IS_LINK (self), NULL);
  return self->author;
}

gint64
preuves_link_get_revision (PreuvesLink *self)
{
  g_return_val_if_fail (PREUVES_IS_LINK (self), 0);
  return self->revision;
}

gint64
preuves_link_get_modified_at (PreuvesLink *self)
{
  g_return_val_if_fail (PREUVES_IS_LINK (self), 0);
  return self->modified_at;
}

static void
preuves_link_finalize (GObject *object)
{
  PreuvesLink *self = PREUVES_LINK (object);

  g_free (self->uuid);
  g_free (self->preuve_uuid);
  g_free (self->sous_competence_id);
  g_free (self->justification);
  g_free (self->author);

  G_OBJECT_CLASS (preuves_link_parent_class)->finalize (object);
}

static void
preuves_link_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PreuvesLink *self = PREUVES_LINK (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_PREUVE_UUID:
      g_value_set_string (value, self->preuve_uuid);
      break;
    case PROP_SOUS_COMPETENCE_ID:
      g_value_set_string (value, self->sous_competence_id);
      break;
    case PROP_JUSTIFICATION:
      g_value_set_string (value, self->justification);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_link_class_init (PreuvesLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = preuves_link_finalize;
  object_class->get_property = preuves_link_get_property;

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREUVE_UUID] =
    g_param_spec_string ("preuve-uuid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOUS_COMPETENCE_ID] =
    g_param_spec_string ("sous-competence-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_JUSTIFICATION] =
    g_param_spec_string ("justification", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
preuves_link_init (PreuvesLink *self)
{
}
