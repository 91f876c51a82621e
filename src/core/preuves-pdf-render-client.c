/* preuves-pdf-render-client.c — draws PDFs and images again into one PDF, in preuves-pdf-probe
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deposit gathers the preuves' own PDFs, which may come from anyone:
 * poppler reads them in the probe, inside its time and memory limits, and
 * only a PDF drawn by cairo comes back.
 */

#include "config.h"

#include <errno.h>
#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "preuves-pdf-assemble.h"
#include "preuves-pdf-probe-client.h"
#include "preuves-pdf-render-client.h"
#include "preuves-pdf-report.h"

#define MAX_ANSWER_BYTES    (1024 * 1024)
/* preuves-pdf-probe exits with 10 + PreuvesPdfError. */
#define EXIT_PDF_ERROR      10

static GStrv
render_argv (guint n_inputs,
             guint timeout_ms)
{
  g_autoptr(GArray) fds = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *out = g_strdup_printf ("--out-fd=%u", PREUVES_PDF_ASSEMBLE_FIRST_FD + n_inputs);
  g_autofree char *timeout = g_strdup_printf ("--timeout-ms=%u", timeout_ms);

  for (guint i = 0; i <= n_inputs; i++)
    {
      int fd = PREUVES_PDF_ASSEMBLE_FIRST_FD + i;

      g_array_append_val (fds, fd);
    }
  builder = preuves_pdf_probe_command_new ((const int *) fds->data, fds->len);
  g_strv_builder_add_many (builder, "--assemble", out, timeout, NULL);
  return g_strv_builder_end (builder);
}

/* The manifest goes in an unlinked temporary file rather than a pipe: a
 * probe that dies before reading it cannot take us down with SIGPIPE. */
static int
manifest_fd (JsonNode  *manifest,
             GError   **error)
{
  g_autofree char *text = json_to_string (manifest, FALSE);
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("preuves-manifest-XXXXXX", &path, error);
  gsize length = strlen (text), done = 0;

  if (fd < 0)
    return -1;
  g_unlink (path);
  while (done < length)
    {
      gssize n = write (fd, text + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
          return -1;
        }
      done += n;
    }
  lseek (fd, 0, SEEK_SET);
  return fd;
}

static GSubprocess *
spawn_render (JsonNode   *manifest,
              const int  *inputs,
              guint       n_inputs,
              int         out_fd,
              guint       timeout_ms,
              GError    **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_auto(GStrv) argv = render_argv (n_inputs, timeout_ms);
  g_autoptr(GError) local_error = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE;
  GSubprocess *process;
  int stdin_fd = manifest_fd (manifest, error);

  if (stdin_fd < 0)
    return NULL;
  if (g_getenv ("PREUVES_PDF_PROBE_STDERR") == NULL)
    flags |= G_SUBPROCESS_FLAGS_STDERR_SILENCE;
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_take_stdin_fd (launcher, stdin_fd);
  for (guint i = 0; i < n_inputs; i++)
    g_subprocess_launcher_take_fd (launcher, dup (inputs[i]), PREUVES_PDF_ASSEMBLE_FIRST_FD + i);
  g_subprocess_launcher_take_fd (launcher, dup (out_fd), PREUVES_PDF_ASSEMBLE_FIRST_FD + n_inputs);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &local_error);
  if (process == NULL)
    {
      g_debug ("Could not start %s: %s", argv[0], local_error->message);
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_NO_PROBE, 0));
    }
  return process;
}

/* Beyond the probe's own limit for an item, the app's: the probe's timer
 * should stop it first, and say so by its signal. */
#define WATCHDOG_GRACE_MS   2000
#define DRAWING_LINE        "{\"drawing\":"

typedef struct
{
  GByteArray *bytes;
  guint       scanned;      /* up to where the lines were read */
  guint       answer_start; /* after the last {"drawing": i} line */
  guint       drawing;
} ProbeOutput;

/* Reads the complete lines that came in: each {"drawing": i} line says the
 * probe started item i. Returns whether there was one. */
static gboolean
read_drawing_lines (ProbeOutput *output)
{
  gboolean started = FALSE;
  const guint8 *newline;

  while ((newline = memchr (output->bytes->data + output->scanned, '\n',
                            output->bytes->len - output->scanned)) != NULL)
    {
      guint line_end = newline - output->bytes->data;
      g_autofree char *line = g_strndup ((const char *) output->bytes->data + output->scanned,
                                         line_end - output->scanned);
      guint64 item;

      output->scanned = line_end + 1;
      if (!g_str_has_prefix (line, DRAWING_LINE) || !g_str_has_suffix (line, "}"))
        continue;
      line[strlen (line) - 1] = '\0';
      if (!g_ascii_string_to_unsigned (line + strlen (DRAWING_LINE), 10, 0, G_MAXUINT, &item, NULL))
        continue;
      output->drawing = item;
      output->answer_start = output->scanned;
      started = TRUE;
    }
  return started;
}

/* Waits for the probe to say something, until @deadline. */
static gboolean
wait_for_output (GSubprocess   *process,
                 gint64         deadline,
                 GCancellable  *cancellable,
                 GError       **error)
{
  GInputStream *stream = g_subprocess_get_stdout_pipe (process);
  GPollFD fds[2] = { { g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (stream)), G_IO_IN | G_IO_HUP | G_IO_ERR, 0 } };
  guint n_fds = cancellable != NULL && g_cancellable_make_pollfd (cancellable, &fds[1]) ? 2 : 1;
  int ready;

  do
    {
      gint64 left = (deadline - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND;

      ready = left > 0 ? g_poll (fds, n_fds, MIN (left, G_MAXINT)) : 0;
    }
  while (ready < 0 && errno == EINTR);
  if (n_fds == 2)
    g_cancellable_release_fd (cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (ready <= 0)
    {
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_TIMEOUT, 0));
      return FALSE;
    }
  return TRUE;
}

/* Reads the probe's lines, and its answer last. The deadline moves on
 * with each item the probe starts: a document that hangs is stopped
 * within one document's time, however many the bloc has. */
static GByteArray *
read_answer (GSubprocess   *process,
             guint          timeout_ms,
             guint         *drawing,
             GCancellable  *cancellable,
             GError       **error)
{
  ProbeOutput output = { g_byte_array_new (), 0, 0, 0 };
  g_autoptr(GByteArray) bytes = output.bytes;
  GInputStream *stream = g_subprocess_get_stdout_pipe (process);
  gint64 item_time = (gint64) (timeout_ms + WATCHDOG_GRACE_MS) * G_TIME_SPAN_MILLISECOND;
  gint64 deadline = g_get_monotonic_time () + item_time;
  guint8 buffer[16384];
  gssize n = -1;

  while (wait_for_output (process, deadline, cancellable, error) &&
         (n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error)) > 0)
    {
      g_byte_array_append (output.bytes, buffer, n);
      if (read_drawing_lines (&output))
        deadline = g_get_monotonic_time () + item_time;
      *drawing = output.drawing;
      if (output.bytes->len > MAX_ANSWER_BYTES)
        {
          g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0));
          return NULL;
        }
    }
  if (n < 0)
    return NULL;
  g_byte_array_remove_range (output.bytes, 0, output.answer_start);
  return g_steal_pointer (&bytes);
}

static GError *
error_from_exit (GSubprocess *process)
{
  int status;

  if (g_subprocess_get_if_signaled (process))
    return preuves_pdf_error_new (g_subprocess_get_term_sig (process) == SIGALRM ?
                                  PREUVES_PDF_ERROR_TIMEOUT : PREUVES_PDF_ERROR_DAMAGED, 0);
  status = g_subprocess_get_exit_status (process);
  if (status == 126 || status == 127)
    return preuves_pdf_error_new (PREUVES_PDF_ERROR_NO_PROBE, 0);
  return preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0);
}

static JsonNode *
parse_answer (GByteArray  *answer,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, (const char *) answer->data, answer->len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "items"))
    {
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0));
      return NULL;
    }
  return json_node_copy (root);
}

/* Reads the answer and waits. The probe's own timer (SIGALRM) bounds each
 * item, also inside its Flatpak sandbox; the watchdog is a second guard. */
static GByteArray *
talk_to_probe (GSubprocess   *process,
               guint          timeout_ms,
               guint         *drawing,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GByteArray) answer = read_answer (process, timeout_ms, drawing, cancellable, error);

  if (answer == NULL)
    g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  return g_steal_pointer (&answer);
}

JsonNode *
preuves_pdf_probe_render (JsonNode      *manifest,
                          const int     *inputs,
                          guint          n_inputs,
                          int            out_fd,
                          guint          timeout_ms,
                          guint         *stopped_at,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GByteArray) answer = NULL;
  guint drawing = 0;

  g_return_val_if_fail (manifest != NULL, NULL);
  g_return_val_if_fail (inputs != NULL || n_inputs == 0, NULL);
  g_return_val_if_fail (out_fd >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (timeout_ms == 0)
    timeout_ms = preuves_pdf_probe_default_timeout_ms ();
  process = spawn_render (manifest, inputs, n_inputs, out_fd, timeout_ms, error);
  if (process == NULL)
    return NULL;
  answer = talk_to_probe (process, timeout_ms, &drawing, cancellable, error);
  if (stopped_at != NULL)
    *stopped_at = drawing;
  if (answer == NULL)
    return NULL;
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_propagate_error (error, error_from_exit (process));
      return NULL;
    }
  return parse_answer (answer, error);
}
