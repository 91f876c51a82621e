/* preuves-pdf-probe-client.c — checks a PDF in the preuves-pdf-probe helper
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * poppler never runs in the caller's process: a document that crashes it
 * or sends it into a loop costs a child process, and the user gets an
 * error that says what to do.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "preuves-pdf-probe-client.h"
#include "preuves-sync-wait.h"

#define DEFAULT_TIMEOUT_MS 30000
#define MAX_OUTPUT_BYTES   (4 * 1024 * 1024)
#define READ_CHUNK         (64 * 1024)
/* preuves-pdf-probe exits with 10 + PreuvesPdfError when it read the
 * document but could not make sense of it. */
#define EXIT_PDF_ERROR     10

typedef struct
{
  GSubprocess  *process;
  GInputStream *source;         /* the document, in stream mode */
  GIOStream    *feed;           /* our end of the probe's standard input */
  GCancellable *io_cancellable; /* stops feeding once the probe is gone */
  GCancellable *cancellable;    /* the caller's */
  gulong        cancelled_id;
  GSource      *timer;
  GByteArray   *output;
  guint         annex_start;
  guint         pending;
  gboolean      timed_out;
  gboolean      too_much_output;
} ProbeRun;

static void
probe_run_free (ProbeRun *run)
{
  if (run->timer != NULL)
    g_source_destroy (run->timer);
  g_clear_pointer (&run->timer, g_source_unref);
  if (run->cancelled_id != 0)
    g_cancellable_disconnect (run->cancellable, run->cancelled_id);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->process);
  g_clear_object (&run->source);
  g_clear_object (&run->feed);
  g_clear_object (&run->io_cancellable);
  g_clear_pointer (&run->output, g_byte_array_unref);
  g_free (run);
}

/* The limit of every mode of the probe, unless its caller sets one. */
guint
preuves_pdf_probe_default_timeout_ms (void)
{
  const char *env = g_getenv ("PREUVES_PDF_PROBE_TIMEOUT_MS");
  guint64 value;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, G_MAXINT, &value, NULL))
    return value;
  return DEFAULT_TIMEOUT_MS;
}

/* $PREUVES_PDF_PROBE lets the tests and a build tree use their own probe. */
static char *
probe_path (void)
{
  const char *env = g_getenv ("PREUVES_PDF_PROBE");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return g_build_filename (LIBEXECDIR, "preuves-pdf-probe", NULL);
}

/**
 * preuves_pdf_probe_command_new:
 * @forward_fds: (array length=n_forward_fds) (nullable): descriptors the
 *   probe gets besides its standard streams, by their number in the child
 *
 * Returns: (transfer full): the start of a command line that runs the
 * probe; add its options after it.
 */
GStrvBuilder *
preuves_pdf_probe_command_new (const int *forward_fds,
                               guint      n_forward_fds)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autofree char *path = probe_path ();

  /* Inside Flatpak, the probe gets a sandbox of its own, with no network
   * and no access to the user's files: documents only reach it through
   * the descriptors it is given. --watch-bus ends it if we die. */
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_strv_builder_add_many (builder, "flatpak-spawn", "--sandbox", "--no-network",
                               "--watch-bus", NULL);
      for (guint i = 0; i < n_forward_fds; i++)
        {
          g_autofree char *forward = g_strdup_printf ("--forward-fd=%d", forward_fds[i]);

          g_strv_builder_add (builder, forward);
        }
    }
  g_strv_builder_add (builder, path);
  return builder;
}

static GStrv
probe_argv (guint    timeout_ms,
            gboolean find_annexes)
{
  g_autoptr(GStrvBuilder) builder = preuves_pdf_probe_command_new (NULL, 0);
  g_autofree char *timeout = g_strdup_printf ("--timeout-ms=%u", timeout_ms);

  g_strv_builder_add (builder, timeout);
  if (!find_annexes)
    g_strv_builder_add (builder, "--no-annexes");
  return g_strv_builder_end (builder);
}

/* Takes @stdin_fd. */
static GSubprocess *
spawn_probe (int       stdin_fd,
             guint     timeout_ms,
             gboolean  find_annexes,
             GError  **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) argv = probe_argv (timeout_ms, find_annexes);
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE;
  GSubprocess *process;

  /* poppler complains on stderr about every oddity of a document. */
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

/* What the exit of a probe that did not answer means, for every mode. */
GError *
preuves_pdf_probe_error_from_exit (GSubprocess *process)
{
  int status;

  if (g_subprocess_get_if_signaled (process))
    {
      /* SIGALRM: the probe's own deadline. Any other signal is poppler
       * crashing, or running out of the memory it is allowed. */
      if (g_subprocess_get_term_sig (process) == SIGALRM)
        return preuves_pdf_error_new (PREUVES_PDF_ERROR_TIMEOUT, 0);
      return preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0);
    }

  status = g_subprocess_get_exit_status (process);
  if (status >= EXIT_PDF_ERROR && status <= EXIT_PDF_ERROR + PREUVES_PDF_ERROR_BAD_ANNEX_START)
    return preuves_pdf_error_new (status - EXIT_PDF_ERROR, 0);
  if (status == 126 || status == 127)
    return preuves_pdf_error_new (PREUVES_PDF_ERROR_NO_PROBE, 0);
  return preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0);
}

static PreuvesPdfReport *
report_from_output (ProbeRun  *run,
                    GError   **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PreuvesPdfReport) report = NULL;

  if (!json_parser_load_from_data (parser, (const char *) run->output->data, run->output->len, NULL))
    {
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0));
      return NULL;
    }
  report = preuves_pdf_report_new_from_json (json_parser_get_root (parser), error);
  if (report == NULL)
    return NULL;
  if (run->annex_start > 0 &&
      !preuves_pdf_report_set_annex_start (report, run->annex_start, PREUVES_ANNEX_METHOD_MANUAL, error))
    return NULL;
  return g_steal_pointer (&report);
}

/* Once the probe has exited and its output is read. */
static void
probe_run_complete (GTask *task)
{
  ProbeRun *run = g_task_get_task_data (task);
  GError *error = NULL;
  PreuvesPdfReport *report = NULL;

  if (g_cancellable_set_error_if_cancelled (run->cancellable, &error))
    ;
  else if (run->timed_out)
    error = preuves_pdf_error_new (PREUVES_PDF_ERROR_TIMEOUT, 0);
  else if (run->too_much_output)
    error = preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0);
  else if (!g_subprocess_get_if_exited (run->process) || g_subprocess_get_exit_status (run->process) != 0)
    error = preuves_pdf_probe_error_from_exit (run->process);
  else
    report = report_from_output (run, &error);

  if (report != NULL)
    g_task_return_pointer (task, report, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* Drops one reference to @task: each pending operation holds one. */
static void
operation_done (GTask *task)
{
  ProbeRun *run = g_task_get_task_data (task);

  g_assert (run->pending > 0);
  if (--run->pending == 0)
    probe_run_complete (task);
  g_object_unref (task);
}

static void
stop_probe (ProbeRun *run)
{
  g_subprocess_force_exit (run->process);
  g_cancellable_cancel (run->io_cancellable);
}

static gboolean
timeout_cb (gpointer user_data)
{
  ProbeRun *run = user_data;

  run->timed_out = TRUE;
  stop_probe (run);
  g_clear_pointer (&run->timer, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              ProbeRun     *run)
{
  stop_probe (run);
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  ProbeRun *run = g_task_get_task_data (task);

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  /* The probe is gone: whatever is left of the document has nowhere to go. */
  g_cancellable_cancel (run->io_cancellable);
  if (run->timer != NULL)
    g_source_destroy (run->timer);
  operation_done (task);
}

static void read_output (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  ProbeRun *run = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      operation_done (task);
      return;
    }

  g_byte_array_append (run->output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (run->output->len > MAX_OUTPUT_BYTES)
    {
      run->too_much_output = TRUE;
      stop_probe (run);
      operation_done (task);
      return;
    }
  read_output (task);
}

static void
read_output (GTask *task)
{
  ProbeRun *run = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (g_subprocess_get_stdout_pipe (run->process), READ_CHUNK,
                                   G_PRIORITY_DEFAULT, NULL, read_cb, task);
}

static void
feed_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  ProbeRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* A probe that turned the document away early ("not a PDF") closes its
   * end: the error here says nothing the exit status does not. */
  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, &error) < 0)
    g_debug ("Feeding the PDF probe stopped: %s", error->message);
  g_io_stream_close (run->feed, NULL, NULL);
  operation_done (task);
}

static void
probe_run_start (GTask                        *task,
                 int                           stdin_fd,
                 const PreuvesPdfProbeOptions *options)
{
  ProbeRun *run = g_task_get_task_data (task);
  guint timeout_ms = options != NULL && options->timeout_ms > 0 ? options->timeout_ms : preuves_pdf_probe_default_timeout_ms ();
  GError *error = NULL;

  run->annex_start = options != NULL ? options->annex_start : 0;
  run->process = spawn_probe (stdin_fd, timeout_ms, run->annex_start == 0, &error);
  if (run->process == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  run->timer = g_timeout_source_new (timeout_ms);
  g_source_set_callback (run->timer, timeout_cb, run, NULL);
  g_source_attach (run->timer, g_task_get_context (task));
  if (run->cancellable != NULL)
    run->cancelled_id = g_cancellable_connect (run->cancellable, G_CALLBACK (cancelled_cb), run, NULL);

  run->pending = 2;
  g_subprocess_wait_async (run->process, NULL, wait_cb, g_object_ref (task));
  read_output (g_object_ref (task));
  if (run->source != NULL)
    {
      run->pending++;
      g_output_stream_splice_async (g_io_stream_get_output_stream (run->feed), run->source,
                                    G_OUTPUT_STREAM_SPLICE_NONE, G_PRIORITY_DEFAULT,
                                    run->io_cancellable, feed_cb, g_object_ref (task));
    }
}

static GTask *
probe_task_new (GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  ProbeRun *run = g_new0 (ProbeRun, 1);

  g_task_set_source_tag (task, preuves_pdf_probe_run_async);
  g_task_set_check_cancellable (task, FALSE);
  run->io_cancellable = g_cancellable_new ();
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  run->output = g_byte_array_new ();
  g_task_set_task_data (task, run, (GDestroyNotify) probe_run_free);
  return task;
}

/* A socket rather than a pipe: GSocket writes with MSG_NOSIGNAL, so a
 * probe that dies mid-document cannot take us down with SIGPIPE. */
static int
socket_to_probe (ProbeRun  *run,
                 GError   **error)
{
  g_autoptr(GSocket) socket = NULL;
  int fds[2];

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
      return -1;
    }
  socket = g_socket_new_from_fd (fds[0], error);
  if (socket == NULL)
    {
      close (fds[0]);
      close (fds[1]);
      return -1;
    }
  run->feed = G_IO_STREAM (g_socket_connection_factory_create_connection (socket));
  return fds[1];
}

/**
 * preuves_pdf_probe_run_async:
 * @stream: the document, for example a document stored in a portfolio
 * @options: (nullable): the annex start set by the user, the time limit
 * @cancellable: (nullable): stops the probe
 *
 * Checks the pages of a PDF in preuves-pdf-probe, fed from @stream. Fails
 * with a #PREUVES_PDF_ERROR whose message can be shown as it is.
 */
void
preuves_pdf_probe_run_async (GInputStream                 *stream,
                             const PreuvesPdfProbeOptions *options,
                             GCancellable                 *cancellable,
                             GAsyncReadyCallback           callback,
                             gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ProbeRun *run;
  int fd;

  g_return_if_fail (G_IS_INPUT_STREAM (stream));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = probe_task_new (cancellable, callback, user_data);
  run = g_task_get_task_data (task);
  run->source = g_object_ref (stream);
  fd = socket_to_probe (run, &error);
  if (fd < 0)
    g_task_return_error (task, error);
  else
    probe_run_start (task, fd, options);
}

/**
 * preuves_pdf_probe_run_file_async:
 * @file: the document
 *
 * Like preuves_pdf_probe_run_async(), for a file: the probe gets the open
 * file itself, and poppler reads only the parts of it that it needs.
 */
void
preuves_pdf_probe_run_file_async (GFile                        *file,
                                  const PreuvesPdfProbeOptions *options,
                                  GCancellable                 *cancellable,
                                  GAsyncReadyCallback           callback,
                                  gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  int fd, saved_errno;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, NULL);

      /* Not a local file: read it through GIO and feed it. */
      if (stream != NULL)
        {
          preuves_pdf_probe_run_async (G_INPUT_STREAM (stream), options, cancellable, callback, user_data);
          return;
        }
    }

  task = probe_task_new (cancellable, callback, user_data);
  fd = path != NULL ? g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0) : -1;
  saved_errno = path != NULL ? errno : ENOENT;
  if (fd < 0)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not open “%s”: %s"), name, g_strerror (saved_errno));
      return;
    }
  probe_run_start (task, fd, options);
}

PreuvesPdfReport *
preuves_pdf_probe_run_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * preuves_pdf_probe_run_file:
 *
 * preuves_pdf_probe_run_file_async(), waiting for the answer. For the
 * command line: never call it from a thread that runs a user interface.
 */
PreuvesPdfReport *
preuves_pdf_probe_run_file (GFile                        *file,
                            const PreuvesPdfProbeOptions *options,
                            GCancellable                 *cancellable,
                            GError                      **error)
{
  g_auto(PreuvesSyncWait) wait = { NULL, };

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  preuves_sync_wait_begin (&wait);
  preuves_pdf_probe_run_file_async (file, options, cancellable, preuves_sync_wait_done_cb, &wait);
  return preuves_pdf_probe_run_finish (preuves_sync_wait_end (&wait), error);
}
