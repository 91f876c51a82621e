/* preuves-names-check.c — finds the names to anonymise before an export
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A portfolio tells of colleagues, pupils and partners by name. The
 * candidate lists those names once; before an export this looks for them
 * in everything that leaves the portfolio: what the candidate wrote and
 * the text of the PDFs. The PDFs are read by preuves-pdf-probe (--text),
 * never by poppler in this process, since they often come from others.
 */

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "preuves-assessment.h"
#include "preuves-blob-stream.h"
#include "preuves-names-check.h"
#include "preuves-pdf-probe-client.h"
#include "preuves-pdf-text.h"
#include "preuves-portfolio-private.h"

#define PROBE_TIMEOUT_MS      60000
#define MAX_TEXT_OUTPUT_BYTES (64 * 1024 * 1024)
#define EXCERPT_CHARS         32

void
preuves_name_finding_free (PreuvesNameFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->name);
  g_free (finding->preuve_uuid);
  g_free (finding->label);
  g_free (finding->detail);
  g_free (finding->excerpt);
  g_free (finding);
}

const char *
preuves_name_place_to_string (PreuvesNamePlace place)
{
  switch (place)
    {
    case PREUVES_NAME_PLACE_TITLE:         return "title";
    case PREUVES_NAME_PLACE_SITUATION:     return "situation";
    case PREUVES_NAME_PLACE_JUSTIFICATION: return "justification";
    case PREUVES_NAME_PLACE_REMARK:        return "remark";
    case PREUVES_NAME_PLACE_ATTACHMENT:    return "attachment";
    case PREUVES_NAME_PLACE_DOCUMENT:      return "document";
    default:                               g_return_val_if_reached (NULL);
    }
}

/* ---- Matching -------------------------------------------------------------- */

/* Text folded for comparison: lower case, no accents, every run of white
 * space one space, typographic apostrophes plain. offsets[i] is the byte
 * offset in the original text of folded byte i. */
typedef struct
{
  GString *folded;
  GArray  *offsets;
} Folded;

static void
folded_clear (Folded *self)
{
  g_string_free (self->folded, TRUE);
  g_array_unref (self->offsets);
}

static void
folded_append (Folded   *self,
               gunichar  c,
               gsize     offset)
{
  char utf8[6];
  int n = g_unichar_to_utf8 (c, utf8);

  g_string_append_len (self->folded, utf8, n);
  for (int i = 0; i < n; i++)
    g_array_append_val (self->offsets, offset);
}

static void
fold_char (Folded   *self,
           gunichar  c,
           gsize     offset)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (g_unichar_isspace (c) || c == 0x00AD /* soft hyphen */)
    {
      if (self->folded->len > 0 && self->folded->str[self->folded->len - 1] != ' ')
        folded_append (self, ' ', offset);
      return;
    }
  if (c == 0x2019 || c == 0x02BC)
    c = '\'';

  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    if (g_unichar_type (decomposed[i]) != G_UNICODE_NON_SPACING_MARK)
      folded_append (self, g_unichar_tolower (decomposed[i]), offset);
}

/* @text must be valid UTF-8. */
static Folded
fold (const char *text)
{
  Folded self = { g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (gsize)) };

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    fold_char (&self, g_utf8_get_char (p), p - text);
  /* A trailing space would make "Zoé " never match at the end of a text. */
  if (self.folded->len > 0 && self.folded->str[self.folded->len - 1] == ' ')
    {
      g_string_truncate (self.folded, self.folded->len - 1);
      g_array_set_size (self.offsets, self.folded->len);
    }
  return self;
}

static gboolean
is_word_char_before (const char *start,
                     const char *p)
{
  const char *prev;

  if (p == start)
    return FALSE;
  prev = g_utf8_find_prev_char (start, p);
  return prev != NULL && g_unichar_isalnum (g_utf8_get_char (prev));
}

/* The folded offset of the first whole-word match of @needle, or -1. */
static gssize
find_whole_word (const char *haystack,
                 const char *needle)
{
  gsize needle_length = strlen (needle);

  if (needle_length == 0)
    return -1;
  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    {
      const char *end = p + needle_length;

      if (!is_word_char_before (haystack, p) &&
          (*end == '\0' || !g_unichar_isalnum (g_utf8_get_char (end))))
        return p - haystack;
    }
  return -1;
}

gssize *
preuves_names_find (const char * const *names,
                    const char         *text)
{
  g_autofree char *valid = NULL;
  g_autofree gssize *found = NULL;
  Folded folded;
  gboolean any = FALSE;
  guint n_names;

  g_return_val_if_fail (names != NULL, NULL);

  if (text == NULL || *text == '\0' || (n_names = g_strv_length ((char **) names)) == 0)
    return NULL;
  /* Offsets refer to @text: only repair it when it needs it. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  folded = fold (text);
  found = g_new (gssize, n_names);
  for (guint i = 0; i < n_names; i++)
    {
      Folded name = fold (names[i]);
      gssize at = find_whole_word (folded.folded->str, name.folded->str);

      found[i] = at < 0 ? -1 : (gssize) g_array_index (folded.offsets, gsize, at);
      any |= at >= 0;
      folded_clear (&name);
    }
  folded_clear (&folded);
  return any ? g_steal_pointer (&found) : NULL;
}

/* The words around @offset, on one line. */
static char *
excerpt_at (const char *text,
            gsize       offset,
            gsize       name_length)
{
  glong start = g_utf8_pointer_to_offset (text, text + offset);
  glong length = g_utf8_strlen (text, -1);
  glong from = MAX (0, start - EXCERPT_CHARS);
  glong to = MIN (length, start + (glong) name_length + EXCERPT_CHARS);
  g_autofree char *slice = g_utf8_substring (text, from, to);
  g_auto(GStrv) words = g_strsplit_set (g_strstrip (slice), " \t\r\n\f\v", -1);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) kept_words = NULL;
  g_autofree char *joined = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (kept, words[i]);
  kept_words = g_strv_builder_end (kept);
  joined = g_strjoinv (" ", kept_words);
  return g_strdup_printf ("%s%s%s", from > 0 ? "…" : "", joined, to < length ? "…" : "");
}

/* ---- What to look at ------------------------------------------------------- */

typedef struct
{
  PreuvesNamePlace  place;
  char             *preuve_uuid;
  char             *label;
  char             *detail;
  char             *text;    /* NULL for a PDF */
  char             *sha256;  /* the PDF's bytes */
} Source;

static void
source_free (Source *source)
{
  g_free (source->preuve_uuid);
  g_free (source->label);
  g_free (source->detail);
  g_free (source->text);
  g_free (source->sha256);
  g_free (source);
}

typedef struct
{
  char      *path;     /* the portfolio file, read by each blob stream */
  GStrv      names;
  GPtrArray *sources;
  GPtrArray *findings;
  guint      unreadable;
} Check;

static void
check_free (Check *check)
{
  g_free (check->path);
  g_strfreev (check->names);
  g_ptr_array_unref (check->sources);
  g_clear_pointer (&check->findings, g_ptr_array_unref);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Check, check_free)

/* Each row of @sql gives place-specific columns: preuve uuid, label,
 * detail, then the text (or, with @is_pdf, the sha256 of a PDF). */
static gboolean
add_sources (PreuvesPortfolio  *portfolio,
             Check             *check,
             PreuvesNamePlace   place,
             gboolean           is_pdf,
             const char        *sql,
             GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = preuves_portfolio_prepare (portfolio, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Source *source = g_new0 (Source, 1);

      source->place = place;
      source->preuve_uuid = preuves_sqlite_dup_text (stmt, 0);
      source->label = preuves_sqlite_dup_text (stmt, 1);
      source->detail = preuves_sqlite_dup_text (stmt, 2);
      if (is_pdf)
        source->sha256 = preuves_sqlite_dup_text (stmt, 3);
      else
        source->text = preuves_sqlite_dup_text (stmt, 3);
      g_ptr_array_add (check->sources, source);
    }
  if (rc != SQLITE_DONE)
    return preuves_portfolio_set_sqlite_error (error, preuves_portfolio_get_db (portfolio), rc);
  return TRUE;
}

#define LIVE_PREUVE "p.deleted = 0 AND p.confidential = 0"
#define IS_PDF(t) "(" t ".content_type = 'application/pdf' OR lower (" t ".filename) LIKE '%.pdf')"

static const struct
{
  PreuvesNamePlace place;
  gboolean         is_pdf;
  const char      *sql;
} queries[] = {
  { PREUVES_NAME_PLACE_TITLE, FALSE,
    "SELECT uuid, title, NULL, title FROM preuve p WHERE " LIVE_PREUVE " ORDER BY id" },
  { PREUVES_NAME_PLACE_SITUATION, FALSE,
    "SELECT uuid, title, NULL, situation FROM preuve p WHERE " LIVE_PREUVE " ORDER BY id" },
  { PREUVES_NAME_PLACE_JUSTIFICATION, FALSE,
    "SELECT p.uuid, p.title, l.sous_competence_id, l.justification FROM link l"
    " JOIN preuve p ON p.uuid = l.preuve_uuid WHERE l.deleted = 0 AND " LIVE_PREUVE " ORDER BY l.id" },
  /* The candidate's own remarks and every response (the candidate writes
   * them, to the advisor's remarks too). */
  { PREUVES_NAME_PLACE_REMARK, FALSE,
    "SELECT NULL, target_id, target_kind, text FROM remark"
    " WHERE deleted = 0 AND role = 'candidate'"
    " UNION ALL SELECT NULL, target_id, target_kind, response FROM remark"
    " WHERE deleted = 0 AND response IS NOT NULL" },
  { PREUVES_NAME_PLACE_ATTACHMENT, TRUE,
    "SELECT p.uuid, p.title, a.filename, a.sha256 FROM attachment a"
    " JOIN preuve p ON p.uuid = a.preuve_uuid WHERE a.deleted = 0 AND a.sha256 IS NOT NULL"
    " AND " LIVE_PREUVE " AND " IS_PDF ("a") " ORDER BY a.id" },
  { PREUVES_NAME_PLACE_DOCUMENT, TRUE,
    "SELECT NULL, w.filename, w.epreuve_id, w.sha256 FROM written_document w"
    " WHERE w.deleted = 0 AND w.sha256 IS NOT NULL AND " IS_PDF ("w") " ORDER BY w.id" },
};

/* Everything the thread needs, read on the portfolio's own thread. */
static Check *
check_new (PreuvesPortfolio  *portfolio,
           GError           **error)
{
  g_autoptr(Check) check = g_new0 (Check, 1);

  check->path = g_file_get_path (preuves_portfolio_get_file (portfolio));
  check->names = preuves_portfolio_get_names (portfolio);
  check->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  check->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) preuves_name_finding_free);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    if (!add_sources (portfolio, check, queries[i].place, queries[i].is_pdf, queries[i].sql, error))
      return NULL;
  return g_steal_pointer (&check);
}

static void
find_in_text (Check      *check,
              Source     *source,
              const char *text,
              guint       page)
{
  g_autofree gssize *found = preuves_names_find ((const char * const *) check->names, text);
  g_autofree char *valid = NULL;

  if (found == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  for (guint i = 0; check->names[i] != NULL; i++)
    {
      PreuvesNameFinding *finding;

      if (found[i] < 0)
        continue;
      finding = g_new0 (PreuvesNameFinding, 1);
      finding->name = g_strdup (check->names[i]);
      finding->place = source->place;
      finding->preuve_uuid = g_strdup (source->preuve_uuid);
      finding->label = g_strdup (source->label);
      finding->detail = g_strdup (source->detail);
      finding->page = page;
      finding->excerpt = excerpt_at (text, found[i], g_utf8_strlen (check->names[i], -1));
      g_ptr_array_add (check->findings, finding);
    }
}

/* ---- Reading PDFs in the probe --------------------------------------------- */

/* The same probe as the PDF checks: inside Flatpak it runs in a sandbox
 * of its own, without network or files. */
static GStrv
text_probe_argv (void)
{
  g_autoptr(GStrvBuilder) builder = preuves_pdf_probe_command_new (NULL, 0);
  g_autofree char *timeout = g_strdup_printf ("--timeout-ms=%d", PROBE_TIMEOUT_MS);

  g_strv_builder_add_many (builder, "--text", timeout, NULL);
  return g_strv_builder_end (builder);
}

/* The document's bytes in an unlinked temporary file: the probe gets a
 * seekable descriptor, and nothing is left on disk. */
static int
blob_to_fd (const char    *portfolio_path,
            const char    *sha256,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GInputStream) blob = preuves_blob_stream_new (portfolio_path, sha256, error);
  g_autoptr(GOutputStream) out = NULL;
  g_autofree char *temp = NULL;
  int fd;

  if (blob == NULL)
    return -1;
  fd = g_file_open_tmp ("preuves-names-XXXXXX.pdf", &temp, error);
  if (fd < 0)
    return -1;
  g_unlink (temp);
  out = g_unix_output_stream_new (dup (fd), TRUE);
  if (g_output_stream_splice (out, blob, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, cancellable, error) < 0)
    {
      close (fd);
      return -1;
    }
  lseek (fd, 0, SEEK_SET);
  return fd;
}

static GByteArray *
read_bounded (GInputStream  *stream,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GByteArray) output = g_byte_array_new ();
  guint8 buffer[65536];
  gssize n;

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error)) > 0)
    {
      g_byte_array_append (output, buffer, n);
      if (output->len > MAX_TEXT_OUTPUT_BYTES)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "too much text");
          return NULL;
        }
    }
  return n < 0 ? NULL : g_steal_pointer (&output);
}

/* The text of each page, or NULL when the probe could not read it. */
static GStrv
pdf_page_texts (const char    *portfolio_path,
                const char    *sha256,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GByteArray) output = NULL;
  g_auto(GStrv) argv = text_probe_argv ();
  int fd = blob_to_fd (portfolio_path, sha256, cancellable, error);

  if (fd < 0)
    return NULL;
  g_subprocess_launcher_take_stdin_fd (launcher, fd);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, error);
  if (process == NULL)
    return NULL;
  output = read_bounded (g_subprocess_get_stdout_pipe (process), cancellable, error);
  if (output == NULL)
    g_subprocess_force_exit (process);
  if (!g_subprocess_wait (process, NULL, output != NULL ? error : NULL) || output == NULL)
    return NULL;
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the probe could not read the PDF");
      return NULL;
    }
  return preuves_pdf_page_texts_from_json ((const char *) output->data, output->len, error);
}

static gboolean
check_run (Check         *check,
           GCancellable  *cancellable,
           GError       **error)
{
  for (guint i = 0; i < check->sources->len && check->names[0] != NULL; i++)
    {
      Source *source = check->sources->pdata[i];
      g_autoptr(GError) local_error = NULL;
      g_auto(GStrv) pages = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (source->text != NULL)
        {
          find_in_text (check, source, source->text, 0);
          continue;
        }
      if (source->sha256 == NULL)
        continue;
      pages = pdf_page_texts (check->path, source->sha256, cancellable, &local_error);
      if (pages == NULL)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          g_debug ("Names check: skipping “%s”: %s", source->detail, local_error->message);
          check->unreadable++;
          continue;
        }
      for (guint page = 0; pages[page] != NULL; page++)
        find_in_text (check, source, pages[page], page + 1);
    }
  return TRUE;
}

/* ---- Public API ------------------------------------------------------------ */

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Check *check = task_data;
  GError *error = NULL;

  if (!check_run (check, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
preuves_names_check_async (PreuvesPortfolio    *portfolio,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Check *check;

  g_return_if_fail (PREUVES_IS_PORTFOLIO (portfolio));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (portfolio, cancellable, callback, user_data);
  g_task_set_source_tag (task, preuves_names_check_async);
  check = check_new (portfolio, &error);
  if (check == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);
  g_task_run_in_thread (task, check_thread);
}

static GPtrArray *
take_findings (Check *check,
               guint *unreadable)
{
  if (unreadable != NULL)
    *unreadable = check->unreadable;
  return g_steal_pointer (&check->findings);
}

GPtrArray *
preuves_names_check_finish (PreuvesPortfolio  *portfolio,
                            GAsyncResult      *result,
                            guint             *unreadable,
                            GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, portfolio), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return take_findings (g_task_get_task_data (G_TASK (result)), unreadable);
}

GPtrArray *
preuves_names_check (PreuvesPortfolio  *portfolio,
                     GCancellable      *cancellable,
                     guint             *unreadable,
                     GError           **error)
{
  g_autoptr(Check) check = NULL;

  g_return_val_if_fail (PREUVES_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  check = check_new (portfolio, error);
  if (check == NULL || !check_run (check, cancellable, error))
    return NULL;
  return take_findings (check, unreadable);
}
