/* preuves-preuve.c — one preuve professionnelle of a portfolio
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "preuves-attachment-private.h"
#include "preuves-portfolio-private.h"
#include "preuves-preuve-private.h"

struct _PreuvesPreuve
{
  GObject           parent_instance;

  /* Weak: the portfolio owns its preuves. NULL once it is closed. */
  PreuvesPortfolio *portfolio;

  char             *uuid;
  char             *title;
  char             *situation;
  char             *date_start;
  char             *date_end;
  char             *kind;
  char             *author;
  gint64            revision;
  gint64            modified_at;
  guint             confidential : 1;
  guint             deleted : 1;
  guint             attachments_loaded : 1;

  GListStore       *attachments;
};

G_DEFINE_TYPE (PreuvesPreuve, preuves_preuve, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_TITLE,
  PROP_SITUATION,
  PROP_DATE_START,
  PROP_DATE_END,
  PROP_KIND,
  PROP_CONFIDENTIAL,
  PROP_AUTHOR,
  PROP_REVISION,
  PROP_MODIFIED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kinds[] = {
  PREUVES_PREUVE_KIND_REPORT,
  PREUVES_PREUVE_KIND_PLAN,
  PREUVES_PREUVE_KIND_MINUTES,
  PREUVES_PREUVE_KIND_BUDGET,
  PREUVES_PREUVE_KIND_EMAIL,
  PREUVES_PREUVE_KIND_PRESENTATION,
  PREUVES_PREUVE_KIND_PROCEDURE,
  PREUVES_PREUVE_KIND_SURVEY,
  PREUVES_PREUVE_KIND_OTHER,
  NULL
};

const char * const *
preuves_preuve_kinds (void)
{
  return kinds;
}

gboolean
preuves_preuve_kind_is_valid (const char *kind)
{
  return kind != NULL && g_strv_contains (kinds, kind);
}

/* A calendar date written YYYY-MM-DD that exists. */
gboolean
preuves_date_is_valid (const char *date)
{
  unsigned year, month, day;
  char end;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  if (sscanf (date, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3)
    return FALSE;
  return g_date_valid_dmy (day, month, year);
}

PreuvesPreuve *
preuves_preuve_new_from_row (PreuvesPortfolio *portfolio,
                             sqlite3_stmt     *stmt)
{
  PreuvesPreuve *self = g_object_new (PREUVES_TYPE_PREUVE, NULL);

  self->portfolio = portfolio;
  g_object_add_weak_pointer (G_OBJECT (portfolio), (gpointer *) &self->portfolio);
  self->uuid = preuves_sqlite_dup_text (stmt, 0);
  self->title = preuves_sqlite_dup_text (stmt, 1);
  self->situation = preuves_sqlite_dup_text (stmt, 2);
  self->date_start = preuves_sqlite_dup_text (stmt, 3);
  self->date_end = preuves_sqlite_dup_text (stmt, 4);
  self->kind = preuves_sqlite_dup_text (stmt, 5);
  if (!preuves_preuve_kind_is_valid (self->kind))
    {
      g_free (self->kind);
      self->kind = g_strdup (PREUVES_PREUVE_KIND_OTHER);
    }
  self->confidential = sqlite3_column_int (stmt, 6) != 0;
  self->author = preuves_sqlite_dup_text (stmt, 7);
  self->revision = sqlite3_column_int64 (stmt, 8);
  self->modified_at = sqlite3_column_int64 (stmt, 9);
  self->deleted = sqlite3_column_int (stmt, 10) != 0;
  return self;
}

void
preuves_preuve_set_deleted (PreuvesPreuve *self,
                            gboolean       deleted)
{
  g_return_if_fail (PREUVES_IS_PREUVE (self));
  self->deleted = !!deleted;
}

void
preuves_preuve_forget_portfolio (PreuvesPreuve *self)
{
  g_return_if_fail (PREUVES_IS_PREUVE (self));

  if (self->portfolio == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (self->portfolio), (gpointer *) &self->portfolio);
  self->portfolio = NULL;
}

static gboolean
same_attachment (GListModel *model,
                 guint       position,
                 GPtrArray  *items,
                 guint       index)
{
  g_autoptr(PreuvesAttachment) old = g_list_model_get_item (model, position);

  return g_str_equal (preuves_attachment_get_uuid (old),
                      preuves_attachment_get_uuid (g_ptr_array_index (items, index)));
}

/* Replaces the items of @store with @items, changing only the range that
 * differs: a view showing the list keeps its selection and scroll. */
static void
sync_store (GListStore *store,
            GPtrArray  *items)
{
  GListModel *model = G_LIST_MODEL (store);
  guint start = 0;
  guint end_old = g_list_model_get_n_items (model);
  guint end_new = items->len;

  while (start < end_old && start < end_new && same_attachment (model, start, items, start))
    start++;
  while (end_old > start && end_new > start && same_attachment (model, end_old - 1, items, end_new - 1))
    {
      end_old--;
      end_new--;
    }
  if (end_old > start || end_new > start)
    g_list_store_splice (store, start, end_old - start, items->pdata + start, end_new - start);
}

/* Attachments are read on first use: opening a portfolio lists preuves
 * only. */
void
preuves_preuve_reload_attachments (PreuvesPreuve *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (PREUVES_IS_PREUVE (self));

  if (!self->attachments_loaded || self->portfolio == NULL)
    return;
  stmt = preuves_portfolio_prepare (self->portfolio,
                                    "SELECT " PREUVES_ATTACHMENT_COLUMNS " FROM attachment"
                                    " WHERE preuve_uuid = ?1 AND deleted = 0 ORDER BY added_at, id",
                                    NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, self->uuid, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (items, preuves_attachment_new_from_row (self->portfolio, stmt));

  sync_store (self->attachments, items);
}

GListModel *
preuves_preuve_get_attachments (PreuvesPreuve *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), NULL);

  if (!self->attachments_loaded)
    {
      self->attachments_loaded = TRUE;
      preuves_preuve_reload_attachments (self);
    }
  return G_LIST_MODEL (self->attachments);
}

/* Write-through -------------------------------------------------------------- */

static gboolean
check_writable (PreuvesPreuve  *self,
                GError        **error)
{
  if (self->portfolio != NULL && !self->deleted)
    return TRUE;
  g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR,
                       self->portfolio == NULL ? PREUVES_PORTFOLIO_ERROR_CLOSED
                                               : PREUVES_PORTFOLIO_ERROR_NOT_FOUND,
                       _("This preuve cannot be changed: it was deleted or its portfolio was closed."));
  return FALSE;
}

/* An UPDATE of this preuve with the bookkeeping of every edit: @assignments
 * set the columns from ?1 (and ?5 on), which the caller binds; they come
 * from this file, never from the user. */
static sqlite3_stmt *
prepare_update (PreuvesPreuve  *self,
                const char     *assignments,
                GError        **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (!check_writable (self, error))
    return NULL;
  sql = g_strdup_printf ("UPDATE preuve SET %s, author = ?2, modified_at = ?3,"
                         " revision = revision + 1 WHERE uuid = ?4 RETURNING revision", assignments);
  stmt = preuves_portfolio_prepare (self->portfolio, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 2, preuves_portfolio_get_author (self->portfolio), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, self->uuid, -1, SQLITE_TRANSIENT);
  return stmt;
}

/* Runs @stmt from prepare_update(), then reads the new revision back. */
static gboolean
finish_update (PreuvesPreuve  *self,
               sqlite3_stmt   *stmt,
               GError        **error)
{
  gint64 now = preuves_portfolio_now ();

  sqlite3_bind_int64 (stmt, 3, now);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return preuves_portfolio_set_sqlite_error (error, preuves_portfolio_get_db (self->portfolio),
                                               SQLITE_ERROR);
  self->revision = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  self->modified_at = now;
  g_free (self->author);
  self->author = g_strdup (preuves_portfolio_get_author (self->portfolio));
  return TRUE;
}

/* Writes one column. */
static gboolean
update_column (PreuvesPreuve  *self,
               const char     *column,
               const char     *text,
               gint64          number,
               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *assignment = g_strdup_printf ("%s = ?1", column);

  stmt = prepare_update (self, assignment, error);
  if (stmt == NULL)
    return FALSE;
  if (text != NULL || number < 0)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, number);
  return finish_update (self, stmt, error);
}

static void
notify_written (PreuvesPreuve *self,
                guint          prop_id)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED_AT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
  g_object_thaw_notify (G_OBJECT (self));
  preuves_portfolio_emit_changed (self->portfolio, "preuves");
}

static gboolean
set_text (PreuvesPreuve  *self,
          char          **field,
          const char     *column,
          const char     *value,
          guint           prop_id,
          GError        **error)
{
  if (g_strcmp0 (*field, value) == 0)
    return TRUE;
  /* number -1 binds NULL for a NULL text */
  if (!update_column (self, column, value, -1, error))
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  notify_written (self, prop_id);
  return TRUE;
}

static gboolean
check_date (const char  *date,
            GError     **error)
{
  if (date == NULL || preuves_date_is_valid (date))
    return TRUE;
  g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID,
               _("“%s” is not a date. Write it as year-month-day, for example 2025-03-14."), date);
  return FALSE;
}

/**
 * preuves_period_check:
 * @start: (nullable): the date of the preuve, or the first day of its period
 * @end: (nullable): the last day of its period
 *
 * Whether @start and @end are dates that exist and make a single day or a
 * period, its last day not before its first. Year-month-day dates compare
 * as strings.
 *
 * Returns: FALSE with @error set (PREUVES_PORTFOLIO_ERROR_INVALID) saying
 * what is wrong and how to put it right.
 */
gboolean
preuves_period_check (const char  *start,
                      const char  *end,
                      GError     **error)
{
  if (!check_date (start, error) || !check_date (end, error))
    return FALSE;
  if (start == NULL || end == NULL || strcmp (start, end) <= 0)
    return TRUE;
  /* Translators: the first %s is the last day of a period, the second its
   * first day, both written year-month-day. */
  g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID,
               _("The period ends on %s, before it starts on %s. Swap the two dates."), end, start);
  return FALSE;
}

static gboolean
empty_to_null (const char **value)
{
  if (*value != NULL && **value == '\0')
    *value = NULL;
  return TRUE;
}

gboolean
preuves_preuve_set_title (PreuvesPreuve  *self,
                          const char     *title,
                          GError        **error)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  return set_text (self, &self->title, "title", title, PROP_TITLE, error);
}

gboolean
preuves_preuve_set_situation (PreuvesPreuve  *self,
                              const char     *situation,
                              GError        **error)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), FALSE);

  return empty_to_null (&situation) &&
         set_text (self, &self->situation, "situation", situation, PROP_SITUATION, error);
}

/* Both dates in one write, so that a period moved as a whole never
 * passes through a reversed one. */
static gboolean
update_period (PreuvesPreuve  *self,
               const char     *start,
               const char     *end,
               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare_update (self, "date_start = ?1, date_end = ?5", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, end, -1, SQLITE_TRANSIENT);
  return finish_update (self, stmt, error);
}

/**
 * preuves_preuve_set_period:
 * @start: (nullable): the date of the preuve, or the first day of its period
 * @end: (nullable): the last day of its period
 *
 * Sets both dates at once; see preuves_period_check() for what is refused.
 * A period that ends on the day it starts is that single day: it is kept
 * as @start alone.
 */
gboolean
preuves_preuve_set_period (PreuvesPreuve  *self,
                           const char     *start,
                           const char     *end,
                           GError        **error)
{
  gboolean start_changed, end_changed;

  g_return_val_if_fail (PREUVES_IS_PREUVE (self), FALSE);

  empty_to_null (&start);
  empty_to_null (&end);
  if (!preuves_period_check (start, end, error))
    return FALSE;
  if (g_strcmp0 (start, end) == 0)
    end = NULL;
  start_changed = g_strcmp0 (start, self->date_start) != 0;
  end_changed = g_strcmp0 (end, self->date_end) != 0;
  if (!start_changed && !end_changed)
    return TRUE;
  if (!update_period (self, start, end, error))
    return FALSE;
  g_object_freeze_notify (G_OBJECT (self));
  if (start_changed)
    {
      g_free (self->date_start);
      self->date_start = g_strdup (start);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_START]);
    }
  if (end_changed)
    {
      g_free (self->date_end);
      self->date_end = g_strdup (end);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_END]);
    }
  notify_written (self, start_changed ? PROP_DATE_START : PROP_DATE_END);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/* One date at a time is checked against the other one as it is. */
gboolean
preuves_preuve_set_date_start (PreuvesPreuve  *self,
                               const char     *date,
                               GError        **error)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), FALSE);

  return preuves_preuve_set_period (self, date, self->date_end, error);
}

gboolean
preuves_preuve_set_date_end (PreuvesPreuve  *self,
                             const char     *date,
                             GError        **error)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), FALSE);

  return preuves_preuve_set_period (self, self->date_start, date, error);
}

gboolean
preuves_preuve_set_kind (PreuvesPreuve  *self,
                         const char     *kind,
                         GError        **error)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), FALSE);

  if (!preuves_preuve_kind_is_valid (kind))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) kinds);

      g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_INVALID,
                   _("“%s” is not a kind of preuve. Use one of: %s."), kind ? kind : "", known);
      return FALSE;
    }
  return set_text (self, &self->kind, "kind", kind, PROP_KIND, error);
}

gboolean
preuves_preuve_set_confidential (PreuvesPreuve  *self,
                                 gboolean        confidential,
                                 GError        **error)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), FALSE);

  if (self->confidential == !!confidential)
    return TRUE;
  if (!update_column (self, "confidential", NULL, confidential ? 1 : 0, error))
    return FALSE;
  self->confidential = !!confidential;
  notify_written (self, PROP_CONFIDENTIAL);
  return TRUE;
}

/* Getters ------------------------------------------------------------------ */

const char *
preuves_preuve_get_uuid (PreuvesPreuve *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), NULL);
  return self->uuid;
}

const char *
preuves_preuve_get_title (PreuvesPreuve *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), NULL);
  return self->title;
}

const char *
preuves_preuve_get_situation (PreuvesPreuve *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), NULL);
  return self->situation;
}

const char *
preuves_preuve_get_date_start (PreuvesPreuve *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), NULL);
  return self->date_start;
}

const char *
preuves_preuve_get_date_end (PreuvesPreuve *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), NULL);
  return self->date_end;
}

const char *
preuves_preuve_get_kind (PreuvesPreuve *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), NULL);
  return self->kind;
}

gboolean
preuves_preuve_get_confidential (PreuvesPreuve *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), FALSE);
  return self->confidential;
}

const char *
preuves_preuve_get_author (PreuvesPreuve *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), NULL);
  return self->author;
}

gint64
preuves_preuve_get_revision (PreuvesPreuve *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), 0);
  return self->revision;
}

gint64
preuves_preuve_get_modified_at (PreuvesPreuve *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), 0);
  return self->modified_at;
}

gboolean
preuves_preuve_get_deleted (PreuvesPreuve *self)
{
  g_return_val_if_fail (PREUVES_IS_PREUVE (self), FALSE);
  return self->deleted;
}

/* GObject ------------------------------------------------------------------ */

static void
preuves_preuve_finalize (GObject *object)
{
  PreuvesPreuve *self = PREUVES_PREUVE (object);

  preuves_preuve_forget_portfolio (self);
  g_clear_object (&self->attachments);
  g_free (self->uuid);
  g_free (self->title);
  g_free (self->situation);
  g_free (self->date_start);
  g_free (self->date_end);
  g_free (self->kind);
  g_free (self->author);

  G_OBJECT_CLASS (preuves_preuve_parent_class)->finalize (object);
}

static void
preuves_preuve_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PreuvesPreuve *self = PREUVES_PREUVE (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SITUATION:
      g_value_set_string (value, self->situation);
      break;
    case PROP_DATE_START:
      g_value_set_string (value, self->date_start);
      break;
    case PROP_DATE_END:
      g_value_set_string (value, self->date_end);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_CONFIDENTIAL:
      g_value_set_boolean (value, self->confidential);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_REVISION:
      g_value_set_int64 (value, self->revision);
      break;
    case PROP_MODIFIED_AT:
      g_value_set_int64 (value, self->modified_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_preuve_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PreuvesPreuve *self = PREUVES_PREUVE (object);
  g_autoptr(GError) error = NULL;

  switch (prop_id)
    {
    case PROP_TITLE:
      preuves_preuve_set_title (self, g_value_get_string (value), &error);
      break;
    case PROP_SITUATION:
      preuves_preuve_set_situation (self, g_value_get_string (value), &error);
      break;
    case PROP_DATE_START:
      preuves_preuve_set_date_start (self, g_value_get_string (value), &error);
      break;
    case PROP_DATE_END:
      preuves_preuve_set_date_end (self, g_value_get_string (value), &error);
      break;
    case PROP_KIND:
      preuves_preuve_set_kind (self, g_value_get_string (value), &error);
      break;
    case PROP_CONFIDENTIAL:
      preuves_preuve_set_confidential (self, g_value_get_boolean (value), &error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  if (error != NULL)
    g_warning ("Could not save the change to the preuve: %s", error->message);
}

static GParamSpec *
string_property (const char *name,
                 gboolean    writable)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              (writable ? G_PARAM_READWRITE : G_PARAM_READABLE) |
                              G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
preuves_preuve_class_init (PreuvesPreuveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = preuves_preuve_finalize;
  object_class->get_property = preuves_preuve_get_property;
  object_class->set_property = preuves_preuve_set_property;

  properties[PROP_UUID] = string_property ("uuid", FALSE);
  properties[PROP_TITLE] = string_property ("title", TRUE);
  properties[PROP_SITUATION] = string_property ("situation", TRUE);
  properties[PROP_DATE_START] = string_property ("date-start", TRUE);
  properties[PROP_DATE_END] = string_property ("date-end", TRUE);
  properties[PROP_KIND] = string_property ("kind", TRUE);
  properties[PROP_AUTHOR] = string_property ("author", FALSE);
  properties[PROP_CONFIDENTIAL] =
    g_param_spec_boolean ("confidential", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED_AT] =
    g_param_spec_int64 ("modified-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
preuves_preuve_init (PreuvesPreuve *self)
{
  self->attachments = g_list_store_new (PREUVES_TYPE_ATTACHMENT);
}
