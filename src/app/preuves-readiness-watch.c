/* preuves-readiness-watch.c — keeps a portfolio's readiness up to date
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "preuves-readiness-watch.h"

/* A burst of edits (typing a justification) emits many "changed": wait a
 * little so that readiness is computed once for the burst. */
#define DEBOUNCE_MS 200

struct _PreuvesReadinessWatch
{
  GObject           parent_instance;

  PreuvesPortfolio *portfolio;
  gulong            changed_id;
  PreuvesReadiness *readiness;
  guint             debounce_id;
  GCancellable     *cancellable;
};

enum {
  PROP_0,
  PROP_PORTFOLIO,
  PROP_READINESS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PreuvesReadinessWatch, preuves_readiness_watch, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreuvesReadinessSnapshot *snapshot = task_data;
  PreuvesPath path = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "path"));

  g_task_return_pointer (task,
                         preuves_readiness_compute (preuves_referentiel_get_default (), path, snapshot),
                         g_object_unref);
}

static void
compute_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PreuvesReadinessWatch *self;
  g_autoptr(PreuvesReadiness) readiness = NULL;

  readiness = g_task_propagate_pointer (G_TASK (result), NULL);
  if (readiness == NULL)
    return; /* cancelled: the watch moved on */
  self = PREUVES_READINESS_WATCH (object);
  g_set_object (&self->readiness, readiness);
  g_object_notify_by_pspec (object, properties[PROP_READINESS]);
}

static gboolean
refresh_cb (gpointer user_data)
{
  PreuvesReadinessWatch *self = user_data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(PreuvesReadinessSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  self->debounce_id = 0;
  if (self->portfolio == NULL || preuves_portfolio_is_closed (self->portfolio))
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, compute_cb, NULL);
  g_task_set_source_tag (task, refresh_cb);
  g_task_set_return_on_cancel (task, TRUE);
  /* Read on the main thread, which owns the portfolio's connection; it
   * reads rows, never a document's bytes. */
  snapshot = preuves_readiness_snapshot_new_from_portfolio (self->portfolio, &error);
  if (snapshot == NULL)
    {
      g_warning ("Could not read the portfolio to compute its readiness: %s", error->message);
      return G_SOURCE_REMOVE;
    }
  g_task_set_task_data (task, g_steal_pointer (&snapshot), (GDestroyNotify) preuves_readiness_snapshot_unref);
  g_object_set_data (G_OBJECT (task), "path",
                     GINT_TO_POINTER (preuves_portfolio_get_path (self->portfolio)));
  g_task_run_in_thread (task, compute_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (PreuvesReadinessWatch *self)
{
  if (self->debounce_id == 0)
    self->debounce_id = g_timeout_add (DEBOUNCE_MS, refresh_cb, self);
}

static void
portfolio_changed_cb (PreuvesPortfolio      *portfolio,
                      const char            *what,
                      PreuvesReadinessWatch *self)
{
  schedule_refresh (self);
}

static void
preuves_readiness_watch_dispose (GObject *object)
{
  PreuvesReadinessWatch *self = PREUVES_READINESS_WATCH (object);

  preuves_readiness_watch_set_portfolio (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->readiness);
  G_OBJECT_CLASS (preuves_readiness_watch_parent_class)->dispose (object);
}

static void
preuves_readiness_watch_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PreuvesReadinessWatch *self = PREUVES_READINESS_WATCH (object);

  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      g_value_set_object (value, self->portfolio);
      break;
    case PROP_READINESS:
      g_value_set_object (value, self->readiness);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_readiness_watch_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PORTFOLIO:
      preuves_readiness_watch_set_portfolio (PREUVES_READINESS_WATCH (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
preuves_readiness_watch_class_init (PreuvesReadinessWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = preuves_readiness_watch_dispose;
  object_class->get_property = preuves_readiness_watch_get_property;
  object_class->set_property = preuves_readiness_watch_set_property;

  properties[PROP_PORTFOLIO] =
    g_param_spec_object ("portfolio", NULL, NULL, PREUVES_TYPE_PORTFOLIO,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READINESS] =
    g_param_spec_object ("readiness", NULL, NULL, PREUVES_TYPE_READINESS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
preuves_readiness_watch_init (PreuvesReadinessWatch *self)
{
}

PreuvesReadinessWatch *
preuves_readiness_watch_new (void)
{
  return g_object_new (PREUVES_TYPE_READINESS_WATCH, NULL);
}

PreuvesPortfolio *
preuves_readiness_watch_get_portfolio (PreuvesReadinessWatch *self)
{
  g_return_val_if_fail (PREUVES_IS_READINESS_WATCH (self), NULL);
  return self->portfolio;
}

void
preuves_readiness_watch_set_portfolio (PreuvesReadinessWatch *self,
                                       PreuvesPortfolio      *portfolio)
{
  g_return_if_fail (PREUVES_IS_READINESS_WATCH (self));
  g_return_if_fail (!portfolio || PREUVES_IS_PORTFOLIO (portfolio));

  if (self->portfolio == portfolio)
    return;
  g_clear_signal_handler (&self->changed_id, self->portfolio);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->portfolio, portfolio);
  if (portfolio != NULL)
    {
      self->changed_id = g_signal_connect (portfolio, "changed",
                                           G_CALLBACK (portfolio_changed_cb), self);
      /* The first readiness comes at once: a page must not look empty. */
      refresh_cb (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTFOLIO]);
}

/* The latest readiness, or NULL before the first one is computed. */
PreuvesReadiness *
preuves_readiness_watch_get_readiness (PreuvesReadinessWatch *self)
{
  g_return_val_if_fail (PREUVES_IS_READINESS_WATCH (self), NULL);
  return self->readiness;
}
