/* preuves-library.c — the portfolios kept in the app's data folder
 *
 * The app works on its own copies of portfolios (DESIGN.md: files reached
 * through the document portal cannot be locked reliably), so the library
 * is simply a folder. This model lists its .preuves files, most recently
 * changed first, as GFileInfo items. The folder is read, and each
 * portfolio's metadata with it, in a worker thread.
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-library.h"
#include "preuves-portfolio.h"
#include "preuves-portfolio-file.h"
#include "preuves-changes.h"
#include "preuves-readiness.h"
#include "preuves-readiness-snapshot.h"

#define EXTENSION ".preuves"

struct _PreuvesLibrary
{
  GObject       parent_instance;

  GFile        *folder;
  GPtrArray    *items;   /* GFileInfo, most recent first */
  GHashTable   *hidden;  /* path → GFileInfo waiting for deletion */
  GCancellable *loading;
};

static void preuves_library_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PreuvesLibrary, preuves_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      preuves_library_list_model_init))

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
preuves_library_get_item_type (GListModel *model)
{
  return G_TYPE_FILE_INFO;
}

static guint
preuves_library_get_n_items (GListModel *model)
{
  return PREUVES_LIBRARY (model)->items->len;
}

static gpointer
preuves_library_get_item (GListModel *model,
                          guint       position)
{
  PreuvesLibrary *self = PREUVES_LIBRARY (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
preuves_library_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = preuves_library_get_item_type;
  iface->get_n_items = preuves_library_get_n_items;
  iface->get_item = preuves_library_get_item;
}

static GFile *
info_get_file (GFileInfo *info)
{
  return G_FILE (g_file_info_get_attribute_object (info, "standard::file"));
}

static gint64
info_get_mtime (GFileInfo *info)
{
  return g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
}

/* Most recent first; the name breaks ties so the order is stable. */
static int
compare_infos (gconstpointer a,
               gconstpointer b)
{
  GFileInfo *info_a = *(GFileInfo **) a;
  GFileInfo *info_b = *(GFileInfo **) b;
  gint64 mtime_a = info_get_mtime (info_a);
  gint64 mtime_b = info_get_mtime (info_b);

  if (mtime_a != mtime_b)
    return mtime_a > mtime_b ? -1 : 1;

  return g_strcmp0 (g_file_info_get_name (info_a), g_file_info_get_name (info_b));
}

/* The overall state, to see at a glance which portfolio is ready. */
static void
read_readiness (GFileInfo        *info,
                PreuvesPortfolio *portfolio)
{
  g_autoptr(PreuvesReadinessSnapshot) snapshot = NULL;
  g_autoptr(PreuvesReadiness) readiness = NULL;
  g_autoptr(GError) error = NULL;

  snapshot = preuves_readiness_snapshot_new_from_portfolio (portfolio, &error);
  if (snapshot == NULL)
    {
      g_debug ("No readiness for %s: %s",
               g_file_peek_path (preuves_portfolio_get_file (portfolio)), error->message);
      return;
    }

  readiness = preuves_readiness_compute (preuves_referentiel_get_default (),
                                         preuves_portfolio_get_path (portfolio), snapshot);
  g_file_info_set_attribute_string (info, PREUVES_LIBRARY_ATTRIBUTE_READINESS,
                                    preuves_readiness_state_to_string (preuves_readiness_get_overall (readiness)->state));
}

/* Runs in the worker thread. Opening a portfolio never reads the bytes of
 * its documents, so this stays quick however big the portfolios are. */
static void
read_metadata (GFileInfo *info,
               GFile     *file)
{
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  portfolio = preuves_portfolio_open (file, &error);
  if (portfolio == NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);

      g_file_info_set_attribute_string (info, PREUVES_LIBRARY_ATTRIBUTE_CANDIDATE, basename);
      g_file_info_set_attribute_string (info, PREUVES_LIBRARY_ATTRIBUTE_ERROR, error->message);
      return;
    }

  name = preuves_portfolio_get_candidate_name (portfolio);
  g_file_info_set_attribute_string (info, PREUVES_LIBRARY_ATTRIBUTE_CANDIDATE,
                                    name != NULL && *name != '\0' ? name : _("Unnamed candidate"));
  g_file_info_set_attribute_string (info, PREUVES_LIBRARY_ATTRIBUTE_PATH,
                                    preuves_path_to_string (preuves_portfolio_get_path (portfolio)));
  read_readiness (info, portfolio);
  if (preuves_portfolio_get_last_review (portfolio) > 0)
    g_file_info_set_attribute_int64 (info, PREUVES_LIBRARY_ATTRIBUTE_LAST_REVIEW,
                                     preuves_portfolio_get_last_review (portfolio));
  preuves_portfolio_close (portfolio);
}

static GPtrArray *
list_folder (GFile         *folder,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                          G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (enumerator == NULL)
    {
      /* A library that was never written to is simply empty. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return g_steal_pointer (&infos);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  while ((info = g_file_enumerator_next_file (enumerator, cancellable, error)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      g_autoptr(GFile) file = NULL;

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
          !g_str_has_suffix (g_file_info_get_name (info), EXTENSION))
        continue;

      file = g_file_get_child (folder, g_file_info_get_name (info));
      g_file_info_set_attribute_object (info, "standard::file", G_OBJECT (file));
      read_metadata (info, file);
      g_ptr_array_add (infos, g_steal_pointer (&owned));
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_ptr_array_sort (infos, compare_infos);

  return g_steal_pointer (&infos);
}

static void
list_folder_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *infos;

  /* Leftovers of an import or export that was killed. */
  preuves_portfolio_file_remove_stale_temporaries (task_data, cancellable);
  infos = list_folder (task_data, cancellable, &error);

  if (infos == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, infos, (GDestroyNotify) g_ptr_array_unref);
}

static void
replace_items (PreuvesLibrary *self,
               GPtrArray      *infos)
{
  guint removed = self->items->len;

  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < infos->len; i++)
    {
      GFileInfo *info = g_ptr_array_index (infos, i);
      g_autofree char *path = g_file_get_path (info_get_file (info));

      if (!g_hash_table_contains (self->hidden, path))
        g_ptr_array_add (self->items, g_object_ref (info));
    }

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
}

static void
list_folder_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PreuvesLibrary) self = user_data;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;

  infos = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->loading);

  if (infos != NULL)
    replace_items (self, infos);
  else
    g_warning ("Cannot list the portfolios in %s: %s",
               g_file_peek_path (self->folder), error->message);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * preuves_library_reload:
 *
 * Reads the folder again in a worker thread; the model changes when it is
 * done. A reload in progress is cancelled.
 */
void
preuves_library_reload (PreuvesLibrary *self)
{
  g_autoptr(GTask) task = NULL;
  gboolean was_loading;

  g_return_if_fail (PREUVES_IS_LIBRARY (self));

  was_loading = self->loading != NULL;
  if (was_loading)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();

  task = g_task_new (self, self->loading, list_folder_cb, g_object_ref (self));
  g_task_set_source_tag (task, preuves_library_reload);
  g_task_set_task_data (task, g_object_ref (self->folder), g_object_unref);
  g_task_run_in_thread (task, list_folder_thread);

  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
preuves_library_dispose (GObject *object)
{
  PreuvesLibrary *self = PREUVES_LIBRARY (object);

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);

  G_OBJECT_CLASS (preuves_library_parent_class)->dispose (object);
}

static void
preuves_library_finalize (GObject *object)
{
  PreuvesLibrary *self = PREUVES_LIBRARY (object);

  g_clear_object (&self->folder);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);

  G_OBJECT_CLASS (preuves_library_parent_class)->finalize (object);
}

static void
preuves_library_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PreuvesLibrary *self = PREUVES_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, preuves_library_get_loading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_library_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PreuvesLibrary *self = PREUVES_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      self->folder = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_library_class_init (PreuvesLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = preuves_library_dispose;
  object_class->finalize = preuves_library_finalize;
  object_class->get_property = preuves_library_get_property;
  object_class->set_property = preuves_library_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
preuves_library_init (PreuvesLibrary *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

PreuvesLibrary *
preuves_library_new (GFile *folder)
{
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  return g_object_new (PREUVES_TYPE_LIBRARY, "folder", folder, NULL);
}

GFile *
preuves_library_get_folder (PreuvesLibrary *self)
{
  g_return_val_if_fail (PREUVES_IS_LIBRARY (self), NULL);

  return self->folder;
}

gboolean
preuves_library_get_loading (PreuvesLibrary *self)
{
  g_return_val_if_fail (PREUVES_IS_LIBRARY (self), FALSE);

  return self->loading != NULL;
}

/* A file name that says whose portfolio it is, without characters that
 * trouble file systems or e-mail clients. */
static char *
file_stem_for_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name != NULL ? name : "", NULL);
  GString *stem = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (stem, g_ascii_tolower (*p));
      else if (stem->len > 0 && stem->str[stem->len - 1] != '-')
        g_string_append_c (stem, '-');
    }
  while (stem->len > 0 && stem->str[stem->len - 1] == '-')
    g_string_truncate (stem, stem->len - 1);
  if (stem->len == 0)
    g_string_append (stem, "portfolio");
  if (stem->len > 60)
    g_string_truncate (stem, 60);

  return g_string_free (stem, FALSE);
}

/**
 * preuves_library_dup_new_file:
 * @name: the candidate's name, or the name of an imported file
 *
 * Creates the library folder if needed and returns a file in it that does
 * not exist yet, named after @name.
 */
GFile *
preuves_library_dup_new_file (PreuvesLibrary  *self,
                              const char      *name,
                              GError         **error)
{
  g_autofree char *stem = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PREUVES_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_make_directory_with_parents (self->folder, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  stem = file_stem_for_name (name);
  for (guint i = 1; i < 10000; i++)
    {
      g_autofree char *basename = NULL;
      g_autoptr(GFile) file = NULL;

      if (i == 1)
        basename = g_strconcat (stem, EXTENSION, NULL);
      else
        basename = g_strdup_printf ("%s-%u%s", stem, i, EXTENSION);

      file = g_file_get_child (self->folder, basename);
      if (!g_file_query_exists (file, NULL))
        return g_steal_pointer (&file);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("The library already holds too many portfolios named “%s”. Delete some and try again."),
               name);
  return NULL;
}

static gboolean
find_file (PreuvesLibrary *self,
           GFile          *file,
           guint          *position)
{
  for (guint i = 0; i < self->items->len; i++)
    if (g_file_equal (info_get_file (g_ptr_array_index (self->items, i)), file))
      {
        *position = i;
        return TRUE;
      }

  return FALSE;
}

GFileInfo *
preuves_library_lookup (PreuvesLibrary *self,
                        GFile          *file)
{
  guint position;

  g_return_val_if_fail (PREUVES_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!find_file (self, file, &position))
    return NULL;

  return g_ptr_array_index (self->items, position);
}

/**
 * preuves_library_hide:
 *
 * Takes @file out of the list (while the user can still undo its
 * deletion). Returns %FALSE if it is not listed.
 */
gboolean
preuves_library_hide (PreuvesLibrary *self,
                      GFile          *file)
{
  guint position;

  g_return_val_if_fail (PREUVES_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!find_file (self, file, &position))
    return FALSE;

  g_hash_table_insert (self->hidden, g_file_get_path (file),
                       g_ptr_array_steal_index (self->items, position));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);

  return TRUE;
}

/**
 * preuves_library_unhide:
 *
 * Lists @file again, at its place, if it was hidden and still exists.
 */
void
preuves_library_unhide (PreuvesLibrary *self,
                        GFile          *file)
{
  g_autofree char *path = NULL;
  gpointer key, info;
  guint position;

  g_return_if_fail (PREUVES_IS_LIBRARY (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (!g_hash_table_steal_extended (self->hidden, path, &key, &info))
    return;
  g_free (key);

  for (position = 0; position < self->items->len; position++)
    if (compare_infos (&info, &g_ptr_array_index (self->items, position)) < 0)
      break;

  g_ptr_array_insert (self->items, position, info);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

static void
discard_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PreuvesLibrary) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (G_FILE (object));

  if (!g_file_delete_finish (G_FILE (object), result, &error))
    g_warning ("Cannot delete the portfolio %s: %s", path, error->message);

  g_hash_table_remove (self->hidden, path);
}

/**
 * preuves_library_discard:
 *
 * Deletes the hidden @file for good (the user did not undo).
 */
void
preuves_library_discard (PreuvesLibrary *self,
                         GFile          *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PREUVES_IS_LIBRARY (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  g_return_if_fail (g_hash_table_contains (self->hidden, path));

  g_file_delete_async (file, G_PRIORITY_DEFAULT, NULL, discard_cb, g_object_ref (self));
}
