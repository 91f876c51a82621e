/* preuves-portfolio.c — a candidate's portfolio, stored in one SQLite file
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "preuves-portfolio-private.h"
#include "preuves-review.h"
#include "preuves-preuve-private.h"
#include "preuves-schema.h"

struct _PreuvesPortfolio
{
  GObject      parent_instance;

  GFile       *file;
  sqlite3     *db;

  char        *uuid;
  char        *referentiel_id;
  char        *candidate_name;
  char        *etablissement;
  char        *secteur;
  PreuvesPath  path;
  char        *author;

  /* Live preuves, in creation order, and every preuve object handed out
   * (live or deleted) by uuid, so that an undo gets back the same object. */
  GListStore  *preuves;
  GHashTable  *preuves_by_uuid;
};

G_DEFINE_TYPE (PreuvesPortfolio, preuves_portfolio, G_TYPE_OBJECT)

G_DEFINE_QUARK (preuves-portfolio-error-quark, preuves_portfolio_error)

enum {
  PROP_0,
  PROP_FILE,
  PROP_UUID,
  PROP_CANDIDATE_NAME,
  PROP_ETABLISSEMENT,
  PROP_SECTEUR,
  PROP_PATH,
  PROP_AUTHOR,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

sqlite3 *
preuves_portfolio_get_db (PreuvesPortfolio *self)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);
  return self->db;
}

void
preuves_portfolio_emit_changed (PreuvesPortfolio *self,
                                const char       *what)
{
  g_return_if_fail (PREUVES_IS_PORTFOLIO (self));
  g_return_if_fail (what != NULL);

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (what), what);
}

/* Opening ------------------------------------------------------------------ */

sqlite3 *
preuves_portfolio_open_worker_db (PreuvesPortfolio  *self,
                                  GError           **error)
{
  sqlite3 *db;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);

  if (!preuves_portfolio_check_open (self, error))
    return NULL;
  db = preuves_portfolio_open_connection (self->file, SQLITE_OPEN_READWRITE, error);
  if (db != NULL && !preuves_schema_configure (db, error))
    g_clear_pointer (&db, sqlite3_close);
  if (db != NULL)
    preuves_review_guard_connection (self, db);
  return db;
}

static gboolean
load_header_rows (PreuvesPortfolio  *self,
                  GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *path;

  stmt = preuves_portfolio_prepare (self,
                                    "SELECT p.uuid, p.referentiel, c.name, c.etablissement, c.secteur, c.path "
                                    "FROM portfolio p, candidate c", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED,
                           _("This portfolio is damaged: it has no candidate. Open a saved copy of it."));
      return FALSE;
    }
  self->uuid = preuves_sqlite_dup_text (stmt, 0);
  self->referentiel_id = preuves_sqlite_dup_text (stmt, 1);
  self->candidate_name = preuves_sqlite_dup_text (stmt, 2);
  self->etablissement = preuves_sqlite_dup_text (stmt, 3);
  self->secteur = preuves_sqlite_dup_text (stmt, 4);
  path = (const char *) sqlite3_column_text (stmt, 5);
  if (!preuves_path_from_string (path, &self->path))
    self->path = PREUVES_PATH_FORMATION;
  return TRUE;
}

static gboolean
load_preuves (PreuvesPortfolio  *self,
              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = preuves_portfolio_prepare (self,
                                    "SELECT " PREUVES_PREUVE_COLUMNS " FROM preuve "
                                    "WHERE deleted = 0 ORDER BY created_at, id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PreuvesPreuve *preuve = preuves_preuve_new_from_row (self, stmt);

      /* The schema forbids it, but a damaged file can still hold it. */
      if (preuves_preuve_get_uuid (preuve) == NULL)
        {
          g_object_unref (preuve);
          g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED,
                               _("This portfolio is damaged: a preuve has no identifier. Open a saved copy of it."));
          return FALSE;
        }
      g_hash_table_insert (self->preuves_by_uuid,
                           g_strdup (preuves_preuve_get_uuid (preuve)),
                           g_object_ref (preuve));
      g_ptr_array_add (items, preuve);
    }
  if (rc != SQLITE_DONE)
    return preuves_portfolio_set_sqlite_error (error, self->db, rc);

  g_list_store_splice (self->preuves, 0, 0, items->pdata, items->len);
  return TRUE;
}

static PreuvesPortfolio *
portfolio_new (GFile   *file,
               sqlite3 *db)
{
  PreuvesPortfolio *self = g_object_new (PREUVES_TYPE_PORTFOLIO, NULL);

  self->file = g_object_ref (file);
  self->db = db;
  return self;
}

/**
 * preuves_portfolio_create:
 *
 * Creates a new, empty portfolio at @file and opens it. Never overwrites:
 * if @file exists, fails with %PREUVES_PORTFOLIO_ERROR_EXISTS.
 */
PreuvesPortfolio *
preuves_portfolio_create (GFile        *file,
                          const char   *candidate_name,
                          PreuvesPath   path,
                          GError      **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (candidate_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!preuves_portfolio_create_file (file, candidate_name, path, error))
    return NULL;
  return preuves_portfolio_open (file, error);
}

/**
 * preuves_portfolio_open:
 *
 * Opens the user's own working portfolio read-write. Files from someone
 * else go through the hardened import instead. Checks the application id
 * and the version, migrates an older file forward, loads the list of
 * preuves; never reads the documents.
 */
PreuvesPortfolio *
preuves_portfolio_open (GFile   *file,
                        GError **error)
{
  g_autoptr(PreuvesPortfolio) self = NULL;
  sqlite3 *db;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = preuves_portfolio_open_connection (file, SQLITE_OPEN_READWRITE, error);
  if (db == NULL)
    return NULL;
  self = portfolio_new (file, db);

  /* The header check comes before anything that could write: a file that
   * is not ours must be left byte for byte as it was. */
  if (!preuves_schema_check_header (db, NULL, error) ||
      !preuves_schema_configure (db, error) ||
      !preuves_schema_migrate (db, error) ||
      !load_header_rows (self, error) ||
      !load_preuves (self, error))
    {
      preuves_portfolio_close (self);
      return NULL;
    }
  return g_steal_pointer (&self);
}

static void
forget_preuve_cb (gpointer key,
                  gpointer value,
                  gpointer user_data)
{
  preuves_preuve_forget_portfolio (value);
}

void
preuves_portfolio_close (PreuvesPortfolio *self)
{
  g_return_if_fail (PREUVES_IS_PORTFOLIO (self));

  if (self->db == NULL)
    return;
  preuves_portfolio_rollback (self);
  g_hash_table_foreach (self->preuves_by_uuid, forget_preuve_cb, NULL);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
}

gboolean
preuves_portfolio_is_closed (PreuvesPortfolio *self)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), TRUE);
  return self->db == NULL;
}

/* Properties --------------------------------------------------------------- */

GFile *
preuves_portfolio_get_file (PreuvesPortfolio *self)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);
  return self->file;
}

const char *
preuves_portfolio_get_uuid (PreuvesPortfolio *self)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);
  return self->uuid;
}

const char *
preuves_portfolio_get_referentiel_id (PreuvesPortfolio *self)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);
  return self->referentiel_id;
}

const char *
preuves_portfolio_get_candidate_name (PreuvesPortfolio *self)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);
  return self->candidate_name;
}

const char *
preuves_portfolio_get_etablissement (PreuvesPortfolio *self)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);
  return self->etablissement;
}

const char *
preuves_portfolio_get_secteur (PreuvesPortfolio *self)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);
  return self->secteur;
}

PreuvesPath
preuves_portfolio_get_path (PreuvesPortfolio *self)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), PREUVES_PATH_FORMATION);
  return self->path;
}

const char *
preuves_portfolio_get_author (PreuvesPortfolio *self)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);
  return self->author;
}

void
preuves_portfolio_set_author (PreuvesPortfolio *self,
                              const char       *author)
{
  g_return_if_fail (PREUVES_IS_PORTFOLIO (self));

  if (author == NULL || *author == '\0')
    author = g_get_real_name ();
  if (g_strcmp0 (self->author, author) == 0)
    return;
  g_free (self->author);
  self->author = g_strdup (author);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
}

/* Writes one column of the candidate row and bumps its revision. */
static gboolean
update_candidate (PreuvesPortfolio  *self,
                  const char        *column,
                  const char        *value,
                  GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_assert (g_str_equal (column, "name") || g_str_equal (column, "etablissement") ||
            g_str_equal (column, "secteur") || g_str_equal (column, "path"));

  sql = g_strdup_printf ("UPDATE candidate SET %s = ?1, author = ?2, modified_at = ?3,"
                         " revision = revision + 1", column);
  stmt = preuves_portfolio_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, self->author, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, preuves_portfolio_now ());
  if (!preuves_portfolio_step_done (self, stmt, error))
    return FALSE;
  preuves_portfolio_emit_changed (self, "portfolio");
  return TRUE;
}

static gboolean
set_candidate_text (PreuvesPortfolio  *self,
                    char             **field,
                    const char        *column,
                    const char        *value,
                    guint              prop_id,
                    GError           **error)
{
  if (g_strcmp0 (*field, value) == 0)
    return TRUE;
  if (!update_candidate (self, column, value, error))
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

gboolean
preuves_portfolio_set_candidate_name (PreuvesPortfolio  *self,
                                      const char        *name,
                                      GError           **error)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return set_candidate_text (self, &self->candidate_name, "name", name,
                             PROP_CANDIDATE_NAME, error);
}

gboolean
preuves_portfolio_set_etablissement (PreuvesPortfolio  *self,
                                     const char        *etablissement,
                                     GError           **error)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);

  return set_candidate_text (self, &self->etablissement, "etablissement", etablissement,
                             PROP_ETABLISSEMENT, error);
}

gboolean
preuves_portfolio_set_secteur (PreuvesPortfolio  *self,
                               const char        *secteur,
                               GError           **error)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);

  return set_candidate_text (self, &self->secteur, "secteur", secteur,
                             PROP_SECTEUR, error);
}

gboolean
preuves_portfolio_set_path (PreuvesPortfolio  *self,
                            PreuvesPath        path,
                            GError           **error)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (path == PREUVES_PATH_FORMATION || path == PREUVES_PATH_VAE, FALSE);

  if (self->path == path)
    return TRUE;
  if (!update_candidate (self, "path", preuves_path_to_string (path), error))
    return FALSE;
  self->path = path;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  return TRUE;
}

/* Preuves ------------------------------------------------------------------ */

GListModel *
preuves_portfolio_get_preuves (PreuvesPortfolio *self)
{
  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);
  return G_LIST_MODEL (self->preuves);
}

PreuvesPreuve *
preuves_portfolio_find_preuve (PreuvesPortfolio *self,
                               const char       *uuid)
{
  PreuvesPreuve *preuve;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);

  if (uuid == NULL)
    return NULL;
  preuve = g_hash_table_lookup (self->preuves_by_uuid, uuid);
  if (preuve == NULL || preuves_preuve_get_deleted (preuve))
    return NULL;
  return preuve;
}

static PreuvesPreuve *
read_preuve (PreuvesPortfolio  *self,
             const char        *uuid,
             GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = preuves_portfolio_prepare (self, "SELECT " PREUVES_PREUVE_COLUMNS
                                    " FROM preuve WHERE uuid = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      preuves_portfolio_set_sqlite_error (error, self->db, SQLITE_CORRUPT);
      return NULL;
    }
  return preuves_preuve_new_from_row (self, stmt);
}

PreuvesPreuve *
preuves_portfolio_add_preuve (PreuvesPortfolio  *self,
                              const char        *title,
                              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = preuves_portfolio_new_uuid ();
  PreuvesPreuve *preuve;
  gint64 now = preuves_portfolio_now ();

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  stmt = preuves_portfolio_prepare (self,
                                    "INSERT INTO preuve (uuid, title, created_at, author, modified_at)"
                                    " VALUES (?1, ?2, ?3, ?4, ?3)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_text (stmt, 4, self->author, -1, SQLITE_TRANSIENT);
  if (!preuves_portfolio_step_done (self, stmt, error) ||
      (preuve = read_preuve (self, uuid, error)) == NULL)
    return NULL;

  g_hash_table_insert (self->preuves_by_uuid, g_strdup (uuid), preuve);
  g_list_store_append (self->preuves, preuve);
  preuves_portfolio_emit_changed (self, "preuves");
  return preuve;
}

/* Tombstones the preuve, and with it (deleted = 2) its live links and
 * attachments, in one transaction. */
static gboolean
set_preuve_deleted (PreuvesPortfolio  *self,
                    PreuvesPreuve     *preuve,
                    gboolean           deleted,
                    GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *sql = deleted
    ? "UPDATE preuve SET deleted = 1, revision = revision + 1, author = ?2, modified_at = ?3 WHERE uuid = ?1;"
      "UPDATE link SET deleted = 2, revision = revision + 1, author = ?2, modified_at = ?3 WHERE preuve_uuid = ?1 AND deleted = 0;"
      "UPDATE attachment SET deleted = 2, revision = revision + 1, author = ?2, modified_at = ?3 WHERE preuve_uuid = ?1 AND deleted = 0;"
    : "UPDATE preuve SET deleted = 0, revision = revision + 1, author = ?2, modified_at = ?3 WHERE uuid = ?1;"
      "UPDATE link SET deleted = 0, revision = revision + 1, author = ?2, modified_at = ?3 WHERE preuve_uuid = ?1 AND deleted = 2;"
      "UPDATE attachment SET deleted = 0, revision = revision + 1, author = ?2, modified_at = ?3 WHERE preuve_uuid = ?1 AND deleted = 2;";
  const char *tail = sql;
  gint64 now = preuves_portfolio_now ();

  if (!preuves_portfolio_begin (self, error))
    return FALSE;
  while (*tail != '\0')
    {
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (sqlite3_prepare_v2 (self->db, tail, -1, &stmt, &tail) != SQLITE_OK)
        break;
      sqlite3_bind_text (stmt, 1, preuves_preuve_get_uuid (preuve), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, self->author, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, now);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        break;
    }
  if (*tail != '\0')
    {
      preuves_portfolio_set_sqlite_error (error, self->db, SQLITE_ERROR);
      preuves_portfolio_rollback (self);
      return FALSE;
    }
  return preuves_portfolio_commit (self, error);
}

static gboolean
find_position (PreuvesPortfolio *self,
               PreuvesPreuve    *preuve,
               guint            *position)
{
  return g_list_store_find (self->preuves, preuve, position);
}

gboolean
preuves_portfolio_remove_preuve (PreuvesPortfolio  *self,
                                 PreuvesPreuve     *preuve,
                                 GError           **error)
{
  guint position;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (PREUVES_IS_PREUVE (preuve), FALSE);

  if (!find_position (self, preuve, &position))
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND,
                           _("This preuve is not in the portfolio any more."));
      return FALSE;
    }
  if (!set_preuve_deleted (self, preuve, TRUE, error))
    return FALSE;

  preuves_preuve_set_deleted (preuve, TRUE);
  g_list_store_remove (self->preuves, position);
  preuves_portfolio_emit_changed (self, "preuves");
  preuves_portfolio_emit_changed (self, "links");
  preuves_portfolio_emit_changed (self, "attachments");
  return TRUE;
}

/* Where a restored preuve goes back: among the live ones, by creation. */
static guint
restore_position (PreuvesPortfolio *self,
                  const char       *uuid)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = preuves_portfolio_prepare (self,
                                    "SELECT count(*) FROM preuve p, preuve r WHERE r.uuid = ?1"
                                    " AND p.deleted = 0 AND p.uuid != r.uuid"
                                    " AND (p.created_at < r.created_at OR (p.created_at = r.created_at AND p.id < r.id))",
                                    NULL);
  if (stmt == NULL)
    return g_list_model_get_n_items (G_LIST_MODEL (self->preuves));
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_list_model_get_n_items (G_LIST_MODEL (self->preuves));
  return MIN ((guint) sqlite3_column_int (stmt, 0),
              g_list_model_get_n_items (G_LIST_MODEL (self->preuves)));
}

gboolean
preuves_portfolio_restore_preuve (PreuvesPortfolio  *self,
                                  PreuvesPreuve     *preuve,
                                  GError           **error)
{
  const char *uuid;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (PREUVES_IS_PREUVE (preuve), FALSE);

  uuid = preuves_preuve_get_uuid (preuve);
  if (g_hash_table_lookup (self->preuves_by_uuid, uuid) != preuve)
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_FOUND,
                           _("This preuve does not belong to this portfolio."));
      return FALSE;
    }
  if (!preuves_preuve_get_deleted (preuve))
    return TRUE;
  if (!set_preuve_deleted (self, preuve, FALSE, error))
    return FALSE;

  preuves_preuve_set_deleted (preuve, FALSE);
  preuves_preuve_reload_attachments (preuve);
  g_list_store_insert (self->preuves, restore_position (self, uuid), preuve);
  preuves_portfolio_emit_changed (self, "preuves");
  preuves_portfolio_emit_changed (self, "links");
  preuves_portfolio_emit_changed (self, "attachments");
  return TRUE;
}

/* GObject ------------------------------------------------------------------ */

static void
preuves_portfolio_dispose (GObject *object)
{
  PreuvesPortfolio *self = PREUVES_PORTFOLIO (object);

  preuves_portfolio_close (self);
  if (self->preuves != NULL)
    g_list_store_remove_all (self->preuves);
  g_clear_pointer (&self->preuves_by_uuid, g_hash_table_unref);

  G_OBJECT_CLASS (preuves_portfolio_parent_class)->dispose (object);
}

static void
preuves_portfolio_finalize (GObject *object)
{
  PreuvesPortfolio *self = PREUVES_PORTFOLIO (object);

  g_clear_object (&self->file);
  g_clear_object (&self->preuves);
  g_free (self->uuid);
  g_free (self->referentiel_id);
  g_free (self->candidate_name);
  g_free (self->etablissement);
  g_free (self->secteur);
  g_free (self->author);

  G_OBJECT_CLASS (preuves_portfolio_parent_class)->finalize (object);
}

static void
preuves_portfolio_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PreuvesPortfolio *self = PREUVES_PORTFOLIO (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_CANDIDATE_NAME:
      g_value_set_string (value, self->candidate_name);
      break;
    case PROP_ETABLISSEMENT:
      g_value_set_string (value, self->etablissement);
      break;
    case PROP_SECTEUR:
      g_value_set_string (value, self->secteur);
      break;
    case PROP_PATH:
      g_value_set_uint (value, self->path);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warn_write_failed (GError *error)
{
  g_warning ("Could not save the change: %s", error->message);
  g_error_free (error);
}

static void
preuves_portfolio_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PreuvesPortfolio *self = PREUVES_PORTFOLIO (object);
  GError *error = NULL;

  switch (prop_id)
    {
    case PROP_CANDIDATE_NAME:
      preuves_portfolio_set_candidate_name (self, g_value_get_string (value), &error);
      break;
    case PROP_ETABLISSEMENT:
      preuves_portfolio_set_etablissement (self, g_value_get_string (value), &error);
      break;
    case PROP_SECTEUR:
      preuves_portfolio_set_secteur (self, g_value_get_string (value), &error);
      break;
    case PROP_PATH:
      preuves_portfolio_set_path (self, g_value_get_uint (value), &error);
      break;
    case PROP_AUTHOR:
      preuves_portfolio_set_author (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  if (error != NULL)
    warn_write_failed (error);
}

static void
preuves_portfolio_class_init (PreuvesPortfolioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = preuves_portfolio_dispose;
  object_class->finalize = preuves_portfolio_finalize;
  object_class->get_property = preuves_portfolio_get_property;
  object_class->set_property = preuves_portfolio_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CANDIDATE_NAME] =
    g_param_spec_string ("candidate-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ETABLISSEMENT] =
    g_param_spec_string ("etablissement", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECTEUR] =
    g_param_spec_string ("secteur", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_uint ("path", NULL, NULL, PREUVES_PATH_FORMATION, PREUVES_PATH_VAE,
                       PREUVES_PATH_FORMATION,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PreuvesPortfolio::changed:
   * @what: which part changed: "portfolio", "preuves", "links",
   *   "attachments", "documents", "criteria", "rehearsals", "remarks",
   *   "statuses" or "names" (also the signal's detail)
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
preuves_portfolio_init (PreuvesPortfolio *self)
{
  self->author = g_strdup (g_get_real_name ());
  self->preuves = g_list_store_new (PREUVES_TYPE_PREUVE);
  self->preuves_by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}
