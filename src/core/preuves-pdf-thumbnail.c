/* preuves-pdf-thumbnail.c — a page of a PDF as a PNG thumbnail, drawn by preuves-pdf-probe
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document may come from anyone: poppler draws it in the probe
 * (--render-page), inside its time and memory limits, and only a PNG of
 * bounded size comes back. All of it runs in a worker thread, so that the
 * caller's main loop never waits for the document or the probe.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "preuves-pdf-page-png.h"
#include "preuves-pdf-probe-client.h"
#include "preuves-pdf-report.h"
#include "preuves-pdf-thumbnail.h"

/* Far above what a 512 × 1024 PNG can weigh. */
#define MAX_PNG_BYTES      (8 * 1024 * 1024)

typedef struct
{
  GInputStream *pdf;
  guint         page;
  guint         width;
} RenderData;

static void
render_data_free (RenderData *data)
{
  g_object_unref (data->pdf);
  g_free (data);
}

static GSubprocess *
spawn_probe (const RenderData  *data,
             int                stdin_fd,
             GError           **error)
{
  g_autoptr(GStrvBuilder) builder = preuves_pdf_probe_command_new (NULL, 0);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *page = g_strdup_printf ("--render-page=%u", data->page);
  g_autofree char *width = g_strdup_printf ("--width=%u", data->width);
  g_autofree char *timeout = g_strdup_printf ("--timeout-ms=%u", preuves_pdf_probe_default_timeout_ms ());
  g_auto(GStrv) argv = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE;
  GSubprocess *process;

  g_strv_builder_add_many (builder, page, width, timeout, NULL);
  argv = g_strv_builder_end (builder);
  if (g_getenv ("PREUVES_PDF_PROBE_STDERR") == NULL)
    flags |= G_SUBPROCESS_FLAGS_STDERR_SILENCE;
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_take_stdin_fd (launcher, stdin_fd);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &local_error);
  if (process == NULL)
    {
      g_debug ("Could not start %s: %s", argv[0], local_error->message);
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_NO_PROBE, 0));
    }
  return process;
}

/* A socket rather than a pipe: GSocket writes with MSG_NOSIGNAL, so a
 * probe that dies mid-document (out of time, or done with a document that
 * is not a PDF) cannot take us down with SIGPIPE. */
static void
feed_probe (GInputStream *pdf,
            GSocket      *socket,
            GCancellable *cancellable)
{
  g_autoptr(GSocketConnection) connection = g_socket_connection_factory_create_connection (socket);
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GError) error = NULL;

  if (g_output_stream_splice (out, pdf, G_OUTPUT_STREAM_SPLICE_NONE, cancellable, &error) < 0)
    g_debug ("Feeding the PDF probe stopped: %s", error->message);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

static GByteArray *
read_png (GSubprocess   *process,
          GCancellable  *cancellable)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  GInputStream *stream = g_subprocess_get_stdout_pipe (process);
  guint8 buffer[16384];
  gssize n;

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, NULL)) > 0)
    {
      g_byte_array_append (png, buffer, n);
      if (png->len > MAX_PNG_BYTES)
        return NULL;
    }
  return n < 0 ? NULL : g_steal_pointer (&png);
}

static GError *
error_from_exit (GSubprocess *process,
                 guint        page)
{
  if (g_subprocess_get_if_exited (process) &&
      g_subprocess_get_exit_status (process) == PREUVES_PDF_PAGE_PNG_EXIT_NO_PAGE)
    return g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                        _("The document has no page %u. Check the first page of the annexes."), page);
  return preuves_pdf_probe_error_from_exit (process);
}

static gboolean
is_png (GByteArray *png)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  return png != NULL && png->len > sizeof signature && memcmp (png->data, signature, sizeof signature) == 0;
}

static void
cancelled_cb (GCancellable *cancellable,
              GSubprocess  *process)
{
  g_subprocess_force_exit (process);
}

/* Feeds the document, then reads the PNG: the probe reads all of its
 * input before it writes a byte. Its own timer (SIGALRM) bounds the time,
 * also inside its Flatpak sandbox. */
static GByteArray *
talk_to_probe (GSubprocess      *process,
               const RenderData *data,
               GSocket          *socket,
               GCancellable     *cancellable)
{
  g_autoptr(GByteArray) png = NULL;
  gulong cancelled_id = 0;

  if (cancellable != NULL)
    cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), process, NULL);
  feed_probe (data->pdf, socket, cancellable);
  png = read_png (process, cancellable);
  if (png == NULL)
    g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  g_cancellable_disconnect (cancellable, cancelled_id);
  return g_steal_pointer (&png);
}

static GBytes *
render (const RenderData  *data,
        GCancellable      *cancellable,
        GError           **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GByteArray) png = NULL;
  int fds[2];

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
      return NULL;
    }
  process = spawn_probe (data, fds[1], error);
  socket = g_socket_new_from_fd (fds[0], NULL);
  if (process == NULL || socket == NULL)
    {
      if (socket == NULL)
        close (fds[0]);
      if (process != NULL)
        g_subprocess_force_exit (process);
      return NULL;
    }
  png = talk_to_probe (process, data, socket, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    g_propagate_error (error, error_from_exit (process, data->page));
  else if (!is_png (png))
    g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0));
  else
    return g_byte_array_free_to_bytes (g_steal_pointer (&png));
  return NULL;
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *png = render (task_data, cancellable, &error);

  if (png != NULL)
    g_task_return_pointer (task, png, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

/**
 * preuves_pdf_thumbnail_render_async:
 * @pdf: the document; read in a worker thread from now on
 * @page: the page, from 1
 * @width: the width of the thumbnail in pixels, up to 512
 * @cancellable: (nullable): stops the probe
 *
 * Draws a page of @pdf in preuves-pdf-probe. Fails with a
 * #PREUVES_PDF_ERROR (timeout, damaged…) or G_IO_ERROR_NOT_FOUND when the
 * document has no such page; the messages can be shown as they are.
 */
void
preuves_pdf_thumbnail_render_async (GInputStream        *pdf,
                                    guint                page,
                                    guint                width,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RenderData *data;

  g_return_if_fail (G_IS_INPUT_STREAM (pdf));
  g_return_if_fail (page >= 1);
  g_return_if_fail (width >= 1 && width <= PREUVES_PDF_PAGE_PNG_MAX_WIDTH);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (RenderData, 1);
  data->pdf = g_object_ref (pdf);
  data->page = page;
  data->width = width;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, preuves_pdf_thumbnail_render_async);
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);
  g_task_run_in_thread (task, render_thread);
}

/**
 * preuves_pdf_thumbnail_render_document_async:
 * @sha256: a document stored in @portfolio
 *
 * preuves_pdf_thumbnail_render_async() on the bytes of a stored document.
 */
void
preuves_pdf_thumbnail_render_document_async (PreuvesPortfolio    *portfolio,
                                             const char          *sha256,
                                             guint                page,
                                             guint                width,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GInputStream) stream = NULL;
  GError *error = NULL;

  g_return_if_fail (PREUVES_IS_PORTFOLIO (portfolio));
  g_return_if_fail (sha256 != NULL);

  stream = preuves_portfolio_open_blob_stream (portfolio, sha256, &error);
  if (stream == NULL)
    {
      g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

      g_task_set_source_tag (task, preuves_pdf_thumbnail_render_async);
      g_task_return_error (task, error);
      return;
    }
  preuves_pdf_thumbnail_render_async (stream, page, width, cancellable, callback, user_data);
}

/**
 * preuves_pdf_thumbnail_render_finish:
 *
 * Returns: (transfer full): the PNG
 */
GBytes *
preuves_pdf_thumbnail_render_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
