/* preuves-deposit.c — the deposit folder for the jury: one bookmarked PDF per bloc
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bloc's correspondence table and the preuves' title pages are drawn
 * here (trusted, from the report); the preuves' own documents are not
 * read here at all: the probe draws every page again into the bloc's file.
 * Files over the size limit are kept and said so, with the preuves that
 * weigh most: nothing is ever dropped to fit.
 *
 * A document that poppler cannot read is left out of its bloc's file and
 * named, with the reason, never the whole deposit: a file the jury cannot
 * open is no use to them. One that stops the probe itself (poppler
 * crashed on it, or ran out of its time or memory) is found by drawing
 * each document alone, from the one the probe was drawing when it stopped,
 * and the file is made again without it. Each document has the time of
 * one: a document that hangs costs one document's time, not the bloc's.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "preuves-blob-stream.h"
#include "preuves-deposit.h"
#include "preuves-pdf-probe-client.h"
#include "preuves-pdf-render-client.h"
#include "preuves-pdf-report.h"
#include "preuves-referentiel.h"

#define MAX_NAMED_PREUVES 3

typedef struct
{
  PreuvesReport        *report;
  GFile                *dir;
  guint64               limit;
  PreuvesDepositResult *result;
  GArray               *inputs;  /* int: descriptors for the probe; the frame first */
  GArray               *owners;  /* int: per manifest item, the preuve's index or -1 */
  GPtrArray            *labels;  /* char *: per manifest item, what to name in a problem */
  GArray               *stopped; /* int: per manifest item, the PreuvesPdfError of a
                                  * document that stopped the probe, or -1 */
} Deposit;

#define FRAME_INPUT 0

static void
contribution_free (PreuvesDepositContribution *contribution)
{
  g_free (contribution->title);
  g_free (contribution);
}

static void
deposit_file_free (PreuvesDepositFile *file)
{
  g_free (file->bloc_code);
  g_free (file->path);
  g_free (file->message);
  g_ptr_array_unref (file->contributions);
  g_free (file);
}

void
preuves_deposit_result_free (PreuvesDepositResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->files);
  g_ptr_array_unref (result->problems);
  g_free (result);
}

static void
close_fd (gpointer fd)
{
  close (*(int *) fd);
}

/* "Bloc-1-Diagnostiquer-les-besoins….pdf": ASCII, no spaces, so that the
 * name survives any upload form. */
static char *
bloc_filename (const PreuvesBloc *bloc)
{
  g_autofree char *ascii = g_str_to_ascii (bloc->title, "C");
  g_autoptr(GString) name = g_string_new (NULL);

  g_string_printf (name, "Bloc-%u-", bloc->number);
  for (const char *p = ascii; *p != '\0' && name->len < 60; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (name, *p);
      else if (name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
    }
  /* A shortened title ends on a whole word. */
  if (name->len >= 60 && strrchr (name->str, '-') > name->str + 8)
    g_string_truncate (name, strrchr (name->str, '-') - name->str);
  while (name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  g_string_append (name, ".pdf");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* Bytes in an unlinked temporary file: the probe gets a seekable
 * descriptor, and nothing stays on disk. */
static int
temp_fd (GError **error)
{
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("preuves-deposit-XXXXXX", &path, error);

  if (fd >= 0)
    g_unlink (path);
  return fd;
}

static int
stream_to_fd (GInputStream  *stream,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GOutputStream) out = NULL;
  int fd = temp_fd (error);

  if (fd < 0)
    return -1;
  out = g_unix_output_stream_new (fd, FALSE);
  if (g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_NONE, cancellable, error) < 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

static int
add_input (Deposit *deposit,
           int      fd)
{
  g_array_append_val (deposit->inputs, fd);
  return deposit->inputs->len - 1;
}

static void
add_item (Deposit     *deposit,
          JsonBuilder *items,
          int          input,
          const char  *type,
          int          first,
          int          last,
          const char  *bookmark,
          int          level,
          int          owner,
          char        *label)
{
  int not_stopped = -1;

  json_builder_begin_object (items);
  json_builder_set_member_name (items, "input");
  json_builder_add_int_value (items, input);
  json_builder_set_member_name (items, "type");
  json_builder_add_string_value (items, type);
  if (first >= 0)
    {
      json_builder_set_member_name (items, "first");
      json_builder_add_int_value (items, first);
      json_builder_set_member_name (items, "last");
      json_builder_add_int_value (items, last);
    }
  json_builder_set_member_name (items, "bookmark");
  json_builder_add_string_value (items, bookmark);
  json_builder_set_member_name (items, "level");
  json_builder_add_int_value (items, level);
  json_builder_end_object (items);
  g_array_append_val (deposit->owners, owner);
  g_ptr_array_add (deposit->labels, label);
  g_array_append_val (deposit->stopped, not_stopped);
}

static const char *
attachment_type (const PreuvesReportAttachment *attachment)
{
  const char *type = attachment->content_type != NULL ? attachment->content_type : "";

  if (g_str_equal (type, "application/pdf"))
    return "pdf";
  if (g_str_equal (type, "image/png"))
    return "png";
  if (g_str_equal (type, "image/jpeg"))
    return "jpeg";
  return NULL;
}

static gboolean
add_attachments (Deposit                   *deposit,
                 JsonBuilder               *items,
                 const PreuvesReportPreuve *preuve,
                 int                        owner,
                 GCancellable              *cancellable,
                 GError                   **error)
{
  const char *path = preuves_report_get_portfolio_path (deposit->report);

  for (guint i = 0; i < preuve->attachments->len; i++)
    {
      const PreuvesReportAttachment *attachment = preuve->attachments->pdata[i];
      const char *type = attachment_type (attachment);
      g_autoptr(GInputStream) stream = NULL;
      int fd;

      if (type == NULL)
        {
          g_ptr_array_add (deposit->result->problems,
                           g_strdup_printf (_("“%s” (preuve “%s”) is not a PDF, PNG or JPEG and is not in the deposit: "
                                              "save it as a PDF and attach it again."),
                                            attachment->filename, preuve->title));
          continue;
        }
      stream = preuves_blob_stream_new (path, attachment->sha256, error);
      if (stream == NULL || (fd = stream_to_fd (stream, cancellable, error)) < 0)
        return FALSE;
      /* TRANSLATORS: a document in the deposit's messages: "“scan.pdf” (preuve “Budget 2025”)" */
      add_item (deposit, items, add_input (deposit, fd), type, -1, -1, attachment->filename, 1, owner,
                g_strdup_printf (_("“%s” (preuve “%s”)"), attachment->filename, preuve->title));
    }
  return TRUE;
}

/* The manifest for the probe: the table pages of the frame, then each
 * preuve's title page and documents. */
static JsonNode *
bloc_manifest (Deposit       *deposit,
               GPtrArray     *preuves,
               GArray        *first_pages,
               int            frame,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(JsonBuilder) items = json_builder_new ();
  guint table_end = g_array_index (first_pages, guint, 0);

  json_builder_begin_object (items);
  json_builder_set_member_name (items, "items");
  json_builder_begin_array (items);
  add_item (deposit, items, frame, "pdf", 0, table_end - 1, _("Correspondence table"), 0, -1, g_strdup (""));
  for (guint i = 0; i < preuves->len; i++)
    {
      const PreuvesReportPreuve *preuve = preuves->pdata[i];
      guint first = g_array_index (first_pages, guint, i);
      guint next = g_array_index (first_pages, guint, i + 1);

      add_item (deposit, items, frame, "pdf", first, next - 1, preuve->title, 0, i, g_strdup (preuve->title));
      if (!add_attachments (deposit, items, preuve, i, cancellable, error))
        return NULL;
    }
  json_builder_end_array (items);
  json_builder_end_object (items);
  return json_builder_get_root (items);
}

static int
frame_fd (GBytes  *frame,
          GError **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (frame);

  return stream_to_fd (stream, NULL, error);
}

static gint
compare_contributions (gconstpointer a,
                       gconstpointer b)
{
  const PreuvesDepositContribution *ca = *(PreuvesDepositContribution **) a;
  const PreuvesDepositContribution *cb = *(PreuvesDepositContribution **) b;

  return ca->bytes < cb->bytes ? 1 : ca->bytes > cb->bytes ? -1 : 0;
}

/* Why a document is not in the bloc's file. The probe's own words when
 * poppler refused it; when it stopped the probe, words of our own: the
 * probe's speak of checking a written document. */
static char *
problem_reason (PreuvesPdfError code,
                gboolean        stopped_probe)
{
  g_autoptr(GError) error = NULL;

  if (stopped_probe && code == PREUVES_PDF_ERROR_TIMEOUT)
    return g_strdup (_("Reading it took too long and was stopped. Make it lighter (smaller images, fewer pages) "
                       "or save it again as a new file, and attach that instead."));
  if (stopped_probe)
    return g_strdup (_("Reading it stopped the PDF checker: the file may be damaged. Open it, save or print it "
                       "again as a new file, and attach that instead."));
  error = preuves_pdf_error_new (code, 0);
  return g_strdup (error->message);
}

static void
add_problem (Deposit         *deposit,
             guint            item,
             const char      *basename,
             PreuvesPdfError  code,
             gboolean         stopped_probe)
{
  g_autofree char *reason = problem_reason (code, stopped_probe);

  /* TRANSLATORS: "“scan.pdf” (preuve “Budget 2025”) is not in Bloc-1-….pdf. <the reason,
   * a sentence of its own>" */
  g_ptr_array_add (deposit->result->problems,
                   g_strdup_printf (_("%s is not in %s. %s"), (const char *) deposit->labels->pdata[item],
                                    basename, reason));
}

/* Reads the probe's answer, one item for each item of the manifest that
 * did not stop it: what each preuve weighs, what could not go in. */
static void
read_answer (Deposit            *deposit,
             PreuvesDepositFile *file,
             GPtrArray          *preuves,
             JsonNode           *answer)
{
  JsonObject *root = json_node_get_object (answer);
  JsonArray *results = json_object_get_array_member (root, "items");
  g_autofree guint64 *bytes = g_new0 (guint64, preuves->len + 1);
  g_autofree char *basename = g_path_get_basename (file->path);
  guint n_results = json_array_get_length (results);

  file->n_pages = json_object_get_int_member_with_default (root, "pages", 0);
  for (guint i = 0, j = 0; i < deposit->owners->len; i++)
    {
      int stopped = g_array_index (deposit->stopped, int, i);
      int owner = g_array_index (deposit->owners, int, i);
      JsonObject *item;
      const char *code;

      if (stopped >= 0)
        {
          add_problem (deposit, i, basename, stopped, TRUE);
          continue;
        }
      if (j >= n_results)
        break;
      item = json_array_get_object_element (results, j++);
      code = item != NULL ? json_object_get_string_member_with_default (item, "error", NULL) : NULL;
      if (item != NULL && owner >= 0)
        bytes[owner] += MAX (json_object_get_int_member_with_default (item, "bytes", 0), 0);
      if (code != NULL)
        {
          PreuvesPdfError error_code = PREUVES_PDF_ERROR_DAMAGED;

          preuves_pdf_error_from_string (code, &error_code);
          add_problem (deposit, i, basename, error_code, FALSE);
        }
    }
  for (guint i = 0; i < preuves->len; i++)
    {
      PreuvesDepositContribution *contribution = g_new0 (PreuvesDepositContribution, 1);

      contribution->title = g_strdup (((PreuvesReportPreuve *) preuves->pdata[i])->title);
      contribution->bytes = bytes[i];
      g_ptr_array_add (file->contributions, contribution);
    }
  g_ptr_array_sort (file->contributions, compare_contributions);
}

static void
check_size (Deposit            *deposit,
            PreuvesDepositFile *file)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *size = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *basename = NULL;

  file->too_big = file->size > deposit->limit;
  if (!file->too_big)
    return;
  for (guint i = 0; i < file->contributions->len && i < MAX_NAMED_PREUVES; i++)
    {
      PreuvesDepositContribution *contribution = file->contributions->pdata[i];
      g_autofree char *weight = g_format_size (contribution->bytes);

      if (contribution->bytes == 0)
        break;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "“%s” (%s)", contribution->title, weight);
    }
  size = g_format_size (file->size);
  limit = g_format_size (deposit->limit);
  basename = g_path_get_basename (file->path);
  file->message = g_strdup_printf (_("%s is %s, over the limit of %s. The preuves that weigh most: %s. "
                                     "Make their documents lighter (compress the PDFs, lower the resolution of the "
                                     "images) or split them."),
                                   basename, size, limit, names->len > 0 ? names->str : "—");
}

static gboolean
finish_file (PreuvesDepositFile  *file,
             int                  fd,
             const char          *part,
             GError             **error)
{
  struct stat st;
  int saved_errno;

  if (preuves_pdf_blank_producer_in_file (fd, error) && fsync (fd) == 0 && fstat (fd, &st) == 0 &&
      g_rename (part, file->path) == 0)
    {
      file->size = st.st_size;
      return TRUE;
    }
  saved_errno = errno;
  if (error != NULL && *error == NULL)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Could not write “%s”: %s"),
                 file->path, g_strerror (saved_errno));
  return FALSE;
}

static PreuvesDepositFile *
deposit_file_new (Deposit           *deposit,
                  const PreuvesBloc *bloc)
{
  PreuvesDepositFile *file = g_new0 (PreuvesDepositFile, 1);
  g_autofree char *dir = g_file_get_path (deposit->dir);
  g_autofree char *name = bloc_filename (bloc);

  file->bloc_code = g_strdup (bloc->code);
  file->path = g_build_filename (dir, name, NULL);
  file->contributions = g_ptr_array_new_with_free_func ((GDestroyNotify) contribution_free);
  return file;
}

/* The bloc's file is written under a temporary name beside its own, and
 * renamed once whole. */
static int
open_part (const char  *part,
           GError     **error)
{
  int fd = g_open (part, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Could not write “%s”: %s"),
                   part, g_strerror (saved_errno));
    }
  return fd;
}

/* A manifest of @items, which it holds. */
static JsonNode *
manifest_new (JsonArray *items)
{
  JsonObject *root = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_array_member (root, "items", items);
  json_node_take_object (node, root);
  return node;
}

static JsonArray *
manifest_items (JsonNode *manifest)
{
  return json_object_get_array_member (json_node_get_object (manifest), "items");
}

/* A probe that died (poppler crashed, or ran out of time or memory),
 * rather than one that could not start or was cancelled. */
static gboolean
probe_died (const GError *error)
{
  return error->domain == PREUVES_PDF_ERROR && error->code != PREUVES_PDF_ERROR_NO_PROBE;
}

/* Whether the probe gets through @item on its own; what it draws is
 * thrown away. FALSE with @error set when it does not. */
static gboolean
render_alone (Deposit       *deposit,
              JsonObject    *item,
              GCancellable  *cancellable,
              GError       **error)
{
  JsonArray *items = json_array_new ();
  g_autoptr(JsonNode) manifest = NULL;
  g_autoptr(JsonNode) answer = NULL;
  int scratch = temp_fd (error);

  json_array_add_object_element (items, json_object_ref (item));
  manifest = manifest_new (items);
  if (scratch < 0)
    return FALSE;
  answer = preuves_pdf_probe_render (manifest, (const int *) deposit->inputs->data, deposit->inputs->len, scratch,
                                     0, NULL, cancellable, error);
  close (scratch);
  return answer != NULL;
}

/* The probe died on the bloc's file while drawing item @first: the items
 * before went through. From that one on, each document goes through it
 * alone, and those it dies on are marked in deposit->stopped. Returns how
 * many, or -1 with @error set when the probe cannot run at all. */
static int
find_stopping_documents (Deposit       *deposit,
                         JsonNode      *manifest,
                         guint          first,
                         GCancellable  *cancellable,
                         GError       **error)
{
  JsonArray *items = manifest_items (manifest);
  int found = 0;

  /* It died finishing the file: no one item to start from. */
  if (first >= json_array_get_length (items))
    first = 0;
  for (guint i = first; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autoptr(GError) local_error = NULL;

      /* The frame is ours: only the preuves' documents come from elsewhere. */
      if (json_object_get_int_member (item, "input") == FRAME_INPUT ||
          render_alone (deposit, item, cancellable, &local_error))
        continue;
      if (!probe_died (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return -1;
        }
      g_array_index (deposit->stopped, int, i) = local_error->code;
      found++;
    }
  return found;
}

/* Draws the items of @manifest that did not stop the probe into @out, from
 * its start. */
static JsonNode *
render_kept (Deposit       *deposit,
             JsonNode      *manifest,
             int            out,
             guint         *stopped_at,
             GCancellable  *cancellable,
             GError       **error)
{
  JsonArray *items = manifest_items (manifest);
  JsonArray *kept = json_array_new ();
  g_autoptr(JsonNode) kept_manifest = NULL;

  for (guint i = 0; i < json_array_get_length (items); i++)
    if (g_array_index (deposit->stopped, int, i) < 0)
      json_array_add_element (kept, json_node_copy (json_array_get_element (items, i)));
  kept_manifest = manifest_new (kept);
  if (ftruncate (out, 0) != 0 || lseek (out, 0, SEEK_SET) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Could not write the PDF: %s"),
                   g_strerror (saved_errno));
      return NULL;
    }
  return preuves_pdf_probe_render (kept_manifest, (const int *) deposit->inputs->data, deposit->inputs->len, out, 0,
                                   stopped_at, cancellable, error);
}

/* One document must not cost the candidate the bloc's file: when the probe
 * dies on it, the file is made again without the documents it dies on
 * alone. */
static JsonNode *
render_bloc (Deposit       *deposit,
             JsonNode      *manifest,
             int            out,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) first_error = NULL;
  guint stopped_at = 0;
  /* Nothing is left out yet: the items drawn are those of @manifest. */
  JsonNode *answer = render_kept (deposit, manifest, out, &stopped_at, cancellable, &first_error);
  int found;

  if (answer != NULL)
    return answer;
  if (!probe_died (first_error))
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return NULL;
    }
  found = find_stopping_documents (deposit, manifest, stopped_at, cancellable, error);
  if (found == 0)
    g_propagate_error (error, g_steal_pointer (&first_error));
  if (found <= 0)
    return NULL;
  return render_kept (deposit, manifest, out, NULL, cancellable, error);
}

static PreuvesDepositFile *
write_bloc (Deposit            *deposit,
            const PreuvesBloc  *bloc,
            GCancellable       *cancellable,
            GError            **error)
{
  g_autoptr(GArray) first_pages = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *preuves = preuves_report_get_bloc_preuves (deposit->report, bloc->code);
  g_autoptr(GBytes) frame = preuves_report_write_bloc_frame (deposit->report, bloc->code, first_pages, error);
  PreuvesDepositFile *file = deposit_file_new (deposit, bloc);
  g_autofree char *part = g_strconcat (file->path, ".part", NULL);
  g_autoptr(JsonNode) manifest = NULL;
  g_autoptr(JsonNode) answer = NULL;
  int fd, out = -1;

  g_array_set_size (deposit->inputs, 0);
  g_array_set_size (deposit->owners, 0);
  g_ptr_array_set_size (deposit->labels, 0);
  g_array_set_size (deposit->stopped, 0);
  if (frame == NULL || (fd = frame_fd (frame, error)) < 0)
    goto failed;
  g_assert (deposit->inputs->len == FRAME_INPUT);
  manifest = bloc_manifest (deposit, preuves, first_pages, add_input (deposit, fd), cancellable, error);
  if (manifest == NULL)
    goto failed;
  out = open_part (part, error);
  if (out < 0)
    goto failed;
  answer = render_bloc (deposit, manifest, out, cancellable, error);
  if (answer == NULL && error != NULL && *error != NULL && probe_died (*error))
    {
      g_autofree char *basename = g_path_get_basename (file->path);

      /* The probe died on the bloc's documents together, though no one
       * of them stops it alone: say which file it was making. */
      g_prefix_error (error, _("%s could not be made: one of the bloc’s documents stopped the PDF checker. "), basename);
    }
  if (answer == NULL || !finish_file (file, out, part, error))
    goto failed;
  close (out);
  read_answer (deposit, file, preuves, answer);
  check_size (deposit, file);
  return file;

failed:
  if (out >= 0)
    {
      close (out);
      g_unlink (part);
    }
  deposit_file_free (file);
  return NULL;
}

typedef struct
{
  GMainContext              *context;
  PreuvesExportProgressFunc  progress;
  gpointer                   progress_data;
  double                     fraction;
  PreuvesReport             *report;
  GFile                     *dir;
  guint64                    limit;
} WriteData;

static gboolean
progress_cb (gpointer user_data)
{
  WriteData *data = user_data;

  data->progress (data->fraction, data->progress_data);
  return G_SOURCE_REMOVE;
}

static PreuvesDepositResult *
deposit_run (WriteData     *data,
             GCancellable  *cancellable,
             GError       **error)
{
  Deposit deposit = { data->report, data->dir, data->limit, NULL, NULL, NULL, NULL, NULL };
  g_autoptr(PreuvesDepositResult) result = g_new0 (PreuvesDepositResult, 1);
  g_autoptr(GArray) inputs = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) owners = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) stopped = g_array_new (FALSE, FALSE, sizeof (int));
  GPtrArray *blocs = preuves_referentiel_get_blocs (preuves_referentiel_get_default ());

  g_assert (error != NULL);
  /* The probe writes into the files through descriptors: they need a
   * path on this computer. */
  if (!g_file_is_native (data->dir))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The deposit can only be written to a folder on this computer. Choose another folder."));
      return NULL;
    }
  result->files = g_ptr_array_new_with_free_func ((GDestroyNotify) deposit_file_free);
  result->problems = g_ptr_array_new_with_free_func (g_free);
  g_array_set_clear_func (inputs, close_fd);
  deposit.result = result;
  deposit.inputs = inputs;
  deposit.owners = owners;
  deposit.labels = labels;
  deposit.stopped = stopped;
  if (!g_file_make_directory_with_parents (data->dir, cancellable, error))
    {
      if (!g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return NULL;
      g_clear_error (error);
    }
  for (guint i = 0; i < blocs->len; i++)
    {
      PreuvesDepositFile *file = write_bloc (&deposit, blocs->pdata[i], cancellable, error);

      if (file == NULL)
        return NULL;
      g_ptr_array_add (result->files, file);
      if (data->progress != NULL)
        {
          data->fraction = (i + 1.0) / blocs->len;
          g_main_context_invoke (data->context, progress_cb, data);
        }
    }
  return g_steal_pointer (&result);
}

/**
 * preuves_deposit_write:
 *
 * Writes the deposit, waiting for it: for the command line, or a thread.
 *
 * Returns: (transfer full): the files written and what went wrong, or
 * %NULL with @error set if a file could not be written at all.
 */
PreuvesDepositResult *
preuves_deposit_write (PreuvesReport  *report,
                       GFile          *dir,
                       guint64         limit_bytes,
                       GCancellable   *cancellable,
                       GError        **error)
{
  WriteData data = { NULL, NULL, NULL, 0, report, dir, limit_bytes };
  GError *local_error = NULL;
  PreuvesDepositResult *result;

  g_return_val_if_fail (PREUVES_IS_REPORT (report), NULL);
  g_return_val_if_fail (G_IS_FILE (dir), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* deposit_run() looks at the error of making the folder. */
  result = deposit_run (&data, cancellable, &local_error);
  if (result == NULL)
    g_propagate_error (error, local_error);
  return result;
}

static void
write_data_free (WriteData *data)
{
  g_main_context_unref (data->context);
  g_object_unref (data->report);
  g_object_unref (data->dir);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  PreuvesDepositResult *result = deposit_run (task_data, cancellable, &error);

  if (result != NULL)
    g_task_return_pointer (task, result, (GDestroyNotify) preuves_deposit_result_free);
  else
    g_task_return_error (task, error);
}

void
preuves_deposit_write_async (PreuvesReport             *report,
                             GFile                     *dir,
                             guint64                    limit_bytes,
                             GCancellable              *cancellable,
                             PreuvesExportProgressFunc  progress,
                             gpointer                   progress_data,
                             GAsyncReadyCallback        callback,
                             gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (PREUVES_IS_REPORT (report));
  g_return_if_fail (G_IS_FILE (dir));

  data = g_new0 (WriteData, 1);
  data->context = g_main_context_ref_thread_default ();
  data->progress = progress;
  data->progress_data = progress_data;
  data->report = g_object_ref (report);
  data->dir = g_object_ref (dir);
  data->limit = limit_bytes;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, preuves_deposit_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

PreuvesDepositResult *
preuves_deposit_write_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
