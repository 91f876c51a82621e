/* preuves-merge-action.c — "Merge a Reviewed Copy…": bring back the other
 * side's copy of the open portfolio
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The candidate merges the advisor's reviewed copy (remarks, statuses);
 * the advisor merges the candidate's newer copy (their edits, answers) and
 * then sees what changed since the review. The merge runs off the main
 * thread on the portfolio's file; the window then reopens the portfolio,
 * so that every page shows the merged rows.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "preuves-merge-action.h"
#include "preuves-merge.h"
#include "preuves-review.h"
#include "preuves-window-private.h"

static void
merged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PreuvesWindow) window = user_data;
  g_autoptr(PreuvesMergeSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) local = NULL;
  g_autofree char *text = NULL;
  PreuvesPortfolio *portfolio = preuves_window_get_portfolio (window);
  gboolean advisor;

  gtk_widget_set_visible (GTK_WIDGET (window->progress_bar), FALSE);
  summary = preuves_merge_finish (result, &error);
  if (summary == NULL)
    {
      preuves_window_show_error (window, _("Cannot Merge This Copy"), error);
      return;
    }
  if (portfolio == NULL)
    return;
  local = g_object_ref (preuves_portfolio_get_file (portfolio));
  advisor = preuves_portfolio_get_role (portfolio) == PREUVES_ROLE_ADVISOR;
  preuves_window_open_portfolio (window, local);
  if (advisor)
    gtk_stack_set_visible_child_name (window->content_stack, "changes");
  /* Translators: after merging a copy of the portfolio */
  text = g_strdup_printf (_("Merged: %u added, %u updated, %u kept as they were here"),
                          summary->added, summary->updated, summary->conflicts);
  preuves_window_add_toast (window, adw_toast_new (text));
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  PreuvesWindow *window = user_data;

  gtk_progress_bar_set_fraction (window->progress_bar, fraction);
}

void
preuves_merge_action_merge (PreuvesWindow *window,
                            GFile         *incoming)
{
  PreuvesPortfolio *portfolio;

  g_return_if_fail (PREUVES_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (incoming));

  portfolio = preuves_window_get_portfolio (window);
  if (portfolio == NULL)
    return;
  gtk_progress_bar_set_fraction (window->progress_bar, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (window->progress_bar), TRUE);
  preuves_merge_async (preuves_portfolio_get_file (portfolio), preuves_portfolio_get_role (portfolio),
                       incoming, progress_cb, g_object_ref (window), g_object_unref,
                       NULL, merged_cb, g_object_ref (window));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PreuvesWindow   *window)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      preuves_merge_action_merge (window, file);
    }
  g_object_unref (chooser);
}

static void
activate_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  PreuvesWindow *window = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (preuves_window_get_portfolio (window) == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Merge a Reviewed Copy"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Merge"), NULL);
  gtk_file_filter_set_name (filter, _("Preuves portfolios"));
  gtk_file_filter_add_pattern (filter, "*.preuves");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
portfolio_notify_cb (PreuvesWindow *window,
                     GParamSpec    *pspec,
                     GSimpleAction *action)
{
  g_simple_action_set_enabled (action, preuves_window_get_portfolio (window) != NULL);
}

void
preuves_merge_action_install (PreuvesWindow *window)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("merge-copy", NULL);

  g_return_if_fail (PREUVES_IS_WINDOW (window));

  g_signal_connect_object (action, "activate", G_CALLBACK (activate_cb), window, 0);
  g_signal_connect_object (window, "notify::portfolio", G_CALLBACK (portfolio_notify_cb), action, 0);
  portfolio_notify_cb (window, NULL, action);
  g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (action));
}
