/* test-hostile-pdfs.c — damaged and pathological PDFs through the probe
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The corpus is made at test time: a real document drawn with cairo, cut
 * off at many offsets and with bytes flipped (seeded: replay a failure
 * with --seed), and PDFs written by hand to hurt a parser — nesting fifty
 * thousand levels deep, page trees that loop, lie about their size or go
 * five thousand levels down, sixty thousand pages, broken cross-reference
 * chains, decompression bombs (a stream that inflates to 2 GiB of
 * zeros, another to a quarter of a gigabyte of text), and a form that
 * draws a form ten times, nine levels down (also among good documents
 * drawn into one PDF). Every file must end in a report or a clear
 * PREUVES_PDF_ERROR within the probe's time limit; the test process (the
 * caller) must never crash, and the probe must stay inside its memory
 * limit. A probe that hangs without its own timer is stopped by the app.
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "pdf-fixtures.h"
#include "preuves-pdf-probe-client.h"
#include "preuves-pdf-render-client.h"
#include "raw-pdf.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PREUVES_TEST_ASAN 1
#endif
#endif

/* Short, so that the pathological files cost little; the real default is
 * 30 s. */
#define PROBE_TIMEOUT_MS 4000

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-hostile-pdfs-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* ---- Running the probe ------------------------------------------------------ */

static void
assert_result_or_clear_error (PreuvesPdfReport *report,
                              GError           *error,
                              const char       *what)
{
  if (report != NULL)
    {
      g_assert_no_error (error);
      g_test_message ("%s: %u pages", what, preuves_pdf_report_get_pages_total (report));
      return;
    }
  g_assert_nonnull (error);
  g_assert_true (error->domain == PREUVES_PDF_ERROR);
  g_assert_cmpint (error->code, !=, PREUVES_PDF_ERROR_NO_PROBE);
  g_assert_cmpstr (error->message, !=, "");
  g_test_message ("%s: %s (%s)", what, preuves_pdf_error_to_string (error->code), error->message);
}

static void
probe_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PreuvesPdfReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (path);
  PreuvesPdfProbeOptions options = { 0, PROBE_TIMEOUT_MS };

  report = preuves_pdf_probe_run_file (file, &options, NULL, &error);
  assert_result_or_clear_error (report, error, name);
}

/* A file whose problem is known must be named for what it is. */
static void
probe_file_expect (const char    *path,
                   PreuvesPdfError code)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PreuvesPdfReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PreuvesPdfProbeOptions options = { 0, PROBE_TIMEOUT_MS };

  report = preuves_pdf_probe_run_file (file, &options, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, PREUVES_PDF_ERROR, (int) code);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The other way documents reach the probe: fed through a socket from a
 * stream (a document stored in a portfolio). A probe that gives up early
 * must not take the feeder down with it. */
static void
probe_bytes (const char *what,
             const char *data,
             gsize       length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PreuvesPdfReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PreuvesPdfProbeOptions options = { 0, PROBE_TIMEOUT_MS };

  preuves_pdf_probe_run_async (stream, &options, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = preuves_pdf_probe_run_finish (result, &error);
  assert_result_or_clear_error (report, error, what);
}

/* The largest resident size of any probe this process has waited for. */
static void
assert_probes_stayed_small (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);
  g_test_message ("largest probe: %ld MiB resident", usage.ru_maxrss / 1024);
  /* The probe's own limit (RLIMIT_AS, 2 GiB by default). */
  g_assert_cmpint (usage.ru_maxrss, <, 2048L * 1024);
}

/* ---- Writing PDFs by hand ---------------------------------------------------- */

static void
replace_object (GPtrArray  *objects,
                guint       index,
                const char *text)
{
  g_bytes_unref (objects->pdata[index]);
  objects->pdata[index] = g_bytes_new (text, strlen (text));
}

/* A catalog, a page tree and one page with @content: objects 1 to 5. */
static GPtrArray *
one_page_objects (const char *catalog_extra,
                  GBytes     *content,
                  const char *content_entries)
{
  GPtrArray *objects = preuves_test_pdf_objects_new ();

  preuves_test_add_object (objects, "<< /Type /Catalog /Pages 2 0 R %s >>", catalog_extra);
  preuves_test_add_object (objects, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  preuves_test_add_object (objects, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
                                    " /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>");
  preuves_test_add_stream (objects, content_entries, content);
  preuves_test_add_object (objects, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  return objects;
}

static GBytes *
text_content (const char *text)
{
  char *content = g_strdup_printf ("BT /F1 12 Tf 72 760 Td (%s) Tj ET", text);

  return g_bytes_new_take (content, strlen (content));
}

/* ---- The corpus ------------------------------------------------------------ */

static char *
make_document (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, "document.pdf", NULL);

  g_assert_true (preuves_test_make_document (path, 6, 5, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *document = make_document (fixture);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (document, &contents, &length, NULL));
  /* Evenly over the file, and the last bytes (the trailer, %%EOF). */
  for (guint k = 0; k <= 24; k++)
    {
      gsize cut = k < 20 ? length * k / 20 : length - (25 - k) * 7;
      g_autofree char *path = g_strdup_printf ("%s/truncated-%" G_GSIZE_FORMAT ".pdf", fixture->dir, cut);

      g_assert_true (g_file_set_contents (path, contents, cut, NULL));
      probe_file (path);
      /* Fed from a stream too, on every other cut. */
      if (k % 2 == 0)
        probe_bytes (path, contents, cut);
    }
  assert_probes_stayed_small ();
}

static void
test_flipped (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *document = make_document (fixture);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (document, &contents, &length, NULL));
  for (guint round = 0; round < 24; round++)
    {
      g_autofree char *flipped = g_memdup2 (contents, length);
      g_autofree char *path = g_strdup_printf ("%s/flipped-%u.pdf", fixture->dir, round);

      for (guint i = 0; i <= round; i++)
        {
          gsize offset = g_test_rand_int_range (0, length);

          /* Half of the time a random byte, else a delimiter a parser
           * leans on. */
          flipped[offset] = round % 2 == 0 ? (char) g_test_rand_int_range (0, 256)
                                           : "()<>[]/%{} \n"[g_test_rand_int_range (0, 12)];
        }
      g_assert_true (g_file_set_contents (path, flipped, length, NULL));
      probe_file (path);
    }
  assert_probes_stayed_small ();
}

static char *
nested (const char *open,
        const char *close,
        guint       depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  g_string_append (text, "1");
  for (guint i = 0; i < depth; i++)
    g_string_append (text, close);
  return g_string_free (text, FALSE);
}

static void
test_deep_nesting (Fixture       *fixture,
                   gconstpointer  data)
{
  const struct { const char *name, *open, *close; } shapes[] = {
    { "arrays", "[", "]" },
    { "dictionaries", "<< /A ", " >>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autofree char *deep = nested (shapes[i].open, shapes[i].close, 50000);
      g_autofree char *catalog_extra = g_strdup_printf ("/Deep %s", deep);
      g_autofree char *path = g_strdup_printf ("%s/deep-%s.pdf", fixture->dir, shapes[i].name);
      g_autoptr(GBytes) content = text_content ("Deep");
      g_autoptr(GPtrArray) objects = one_page_objects (catalog_extra, content, "");

      preuves_test_write_raw_pdf (path, objects);
      probe_file (path);
    }

  /* An outline item nested in itself fifty thousand times over. */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "deep-outline.pdf", NULL);
    g_autoptr(GBytes) content = text_content ("Deep outline");
    g_autoptr(GPtrArray) objects = one_page_objects ("/Outlines 6 0 R", content, "");

    preuves_test_add_object (objects, "<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>");
    preuves_test_add_object (objects, "<< /Title (Annexes) /Parent 6 0 R /First 7 0 R /Last 7 0 R /Next 7 0 R"
                                      " /Count 1 /Dest [3 0 R /Fit] >>");
    preuves_test_write_raw_pdf (path, objects);
    probe_file (path);
  }
  assert_probes_stayed_small ();
}

/* A chain of page-tree nodes @depth deep above a single page. */
static void
write_deep_page_tree (const char *path,
                      guint       depth)
{
  g_autoptr(GPtrArray) objects = preuves_test_pdf_objects_new ();
  g_autoptr(GBytes) content = text_content ("Bottom");
  guint contents = depth + 3, font = depth + 4;

  preuves_test_add_object (objects, "<< /Type /Catalog /Pages 2 0 R >>");
  for (guint node = 2; node < depth + 2; node++)
    {
      if (node == 2)
        preuves_test_add_object (objects, "<< /Type /Pages /Kids [%u 0 R] /Count 1 >>", node + 1);
      else
        preuves_test_add_object (objects, "<< /Type /Pages /Parent %u 0 R /Kids [%u 0 R] /Count 1 >>",
                                 node - 1, node + 1);
    }
  preuves_test_add_object (objects, "<< /Type /Page /Parent %u 0 R /MediaBox [0 0 595 842]"
                                    " /Resources << /Font << /F1 %u 0 R >> >> /Contents %u 0 R >>",
                           depth + 1, font, contents);
  preuves_test_add_stream (objects, "", content);
  preuves_test_add_object (objects, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  g_assert_cmpuint (objects->len, ==, font);
  preuves_test_write_raw_pdf (path, objects);
}

static void
test_page_trees (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *deep = g_build_filename (fixture->dir, "deep-page-tree.pdf", NULL);
  g_autofree char *loop = g_build_filename (fixture->dir, "page-tree-loop.pdf", NULL);
  g_autofree char *huge_count = g_build_filename (fixture->dir, "huge-count.pdf", NULL);
  g_autofree char *negative_count = g_build_filename (fixture->dir, "negative-count.pdf", NULL);
  g_autofree char *no_pages = g_build_filename (fixture->dir, "no-pages.pdf", NULL);
  g_autoptr(GBytes) content = text_content ("Page");

  write_deep_page_tree (deep, 5000);
  probe_file (deep);

  {
    g_autoptr(GPtrArray) objects = preuves_test_pdf_objects_new ();

    preuves_test_add_object (objects, "<< /Type /Catalog /Pages 2 0 R >>");
    preuves_test_add_object (objects, "<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 3 >>");
    preuves_test_add_object (objects, "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2 >>");
    preuves_test_write_raw_pdf (loop, objects);
    probe_file (loop);
  }
  {
    g_autoptr(GPtrArray) objects = one_page_objects ("", content, "");

    /* One page that poppler refuses to count: damaged, not empty. */
    replace_object (objects, 1, "<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>");
    preuves_test_write_raw_pdf (huge_count, objects);
    probe_file_expect (huge_count, PREUVES_PDF_ERROR_DAMAGED);
  }
  {
    g_autoptr(GPtrArray) objects = preuves_test_pdf_objects_new ();

    /* A page tree that really has no page: empty. */
    preuves_test_add_object (objects, "<< /Type /Catalog /Pages 2 0 R >>");
    preuves_test_add_object (objects, "<< /Type /Pages /Kids [] /Count 0 >>");
    preuves_test_write_raw_pdf (no_pages, objects);
    probe_file_expect (no_pages, PREUVES_PDF_ERROR_EMPTY);
  }
  {
    g_autoptr(GPtrArray) objects = one_page_objects ("", content, "");

    replace_object (objects, 1, "<< /Type /Pages /Kids [3 0 R] /Count -40 >>");
    preuves_test_write_raw_pdf (negative_count, objects);
    probe_file (negative_count);
  }
  assert_probes_stayed_small ();
}

/* Sixty thousand real pages that share one content stream. */
static void
test_many_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "many-pages.pdf", NULL);
  g_autoptr(GPtrArray) objects = preuves_test_pdf_objects_new ();
  g_autoptr(GBytes) content = text_content ("Une page parmi d'autres");
  g_autoptr(GString) kids = g_string_new (NULL);
  const guint n_pages = 60000, first_page = 5;

  for (guint i = 0; i < n_pages; i++)
    g_string_append_printf (kids, "%u 0 R ", first_page + i);
  preuves_test_add_object (objects, "<< /Type /Catalog /Pages 2 0 R >>");
  preuves_test_add_object (objects, "<< /Type /Pages /Kids [%s] /Count %u >>", kids->str, n_pages);
  preuves_test_add_stream (objects, "", content);
  preuves_test_add_object (objects, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (guint i = 0; i < n_pages; i++)
    preuves_test_add_object (objects, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
                                      " /Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>");
  preuves_test_write_raw_pdf (path, objects);
  probe_file (path);
  assert_probes_stayed_small ();
}

static void
test_broken_xref (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GBytes) content = text_content ("Xref");
  g_autoptr(GPtrArray) objects = one_page_objects ("", content, "");
  g_autofree char *base = g_build_filename (fixture->dir, "xref-base.pdf", NULL);
  g_autofree char *contents = NULL;
  const char *startxref;
  gsize length;
  const char *variants[] = {
    "startxref\n999999999\n%%EOF\n",                    /* past the end */
    "startxref\n-5\n%%EOF\n",                           /* negative */
    "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 1 0 R /Prev 0 >>\nstartxref\n0\n%%EOF\n",
  };

  preuves_test_write_raw_pdf (base, objects);
  g_assert_true (g_file_get_contents (base, &contents, &length, NULL));
  startxref = g_strrstr (contents, "startxref");
  g_assert_nonnull (startxref);

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/xref-%u.pdf", fixture->dir, i);
      g_autofree char *head = g_strndup (contents, startxref - contents);
      g_autofree char *broken = NULL;

      /* The third variant's /Prev loops back to an xref at offset 0. */
      broken = g_strconcat (head, variants[i], NULL);
      g_assert_true (g_file_set_contents (path, broken, -1, NULL));
      probe_file (path);
    }
  assert_probes_stayed_small ();
}

/* A zlib stream that inflates to @n_blocks × 16 MiB of @pattern,
 * compressed once and repeated: each block ends on a byte boundary
 * (Z_FULL_FLUSH), so repeated blocks make a valid stream, closed by an
 * empty final block and the Adler-32 of the whole. */
static GBytes *
deflate_bomb (const char *pattern,
              guint       n_blocks)
{
  const gsize block_size = 16 * 1024 * 1024;
  g_autofree guint8 *block = g_malloc (block_size);
  gsize pattern_length = strlen (pattern);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree guint8 *compressed = g_malloc (block_size / 64);
  guint8 tail[64];
  z_stream z = { 0 };
  gsize first_length, block_length;
  uLong adler, block_adler;

  for (gsize i = 0; i < block_size; i++)
    block[i] = pattern_length > 0 ? pattern[i % pattern_length] : 0;

  g_assert_cmpint (deflateInit (&z, 9), ==, Z_OK);
  z.next_in = block;
  z.avail_in = block_size;
  z.next_out = compressed;
  z.avail_out = block_size / 64;
  g_assert_cmpint (deflate (&z, Z_FULL_FLUSH), ==, Z_OK);
  g_assert_cmpuint (z.avail_in, ==, 0);
  /* The first block carries the 2-byte zlib header; the others repeat
   * what follows it. */
  first_length = (block_size / 64) - z.avail_out;
  block_length = first_length - 2;
  g_byte_array_append (out, compressed, first_length);
  for (guint i = 1; i < n_blocks; i++)
    g_byte_array_append (out, compressed + 2, block_length);

  z.next_out = tail;
  z.avail_out = sizeof tail;
  g_assert_cmpint (deflate (&z, Z_FINISH), ==, Z_STREAM_END);
  /* The empty final block, without zlib's Adler-32 of one block. */
  g_byte_array_append (out, tail, sizeof tail - z.avail_out - 4);
  deflateEnd (&z);

  block_adler = adler32 (adler32 (0, NULL, 0), block, block_size);
  adler = block_adler;
  for (guint i = 1; i < n_blocks; i++)
    adler = adler32_combine (adler, block_adler, block_size);
  {
    guint8 be[4] = { adler >> 24, adler >> 16, adler >> 8, adler };

    g_byte_array_append (out, be, 4);
  }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
test_decompression_bombs (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *zeros = g_build_filename (fixture->dir, "bomb-zeros.pdf", NULL);
  g_autofree char *text = g_build_filename (fixture->dir, "bomb-text.pdf", NULL);

  {
    /* 2 GiB of zeros (white space to a content-stream parser). */
    g_autoptr(GBytes) bomb = deflate_bomb ("", 128);
    g_autoptr(GPtrArray) objects = one_page_objects ("", bomb, "/Filter /FlateDecode");

    g_test_message ("zeros: %" G_GSIZE_FORMAT " bytes inflate to 2 GiB", g_bytes_get_size (bomb));
    preuves_test_write_raw_pdf (zeros, objects);
    probe_file (zeros);
  }
  {
    /* 256 MiB of text operators: text extraction holds on to every word
     * it sees, so this one tests the memory limit as well as the clock. */
    g_autoptr(GBytes) bomb = deflate_bomb ("BT /F1 9 Tf 72 700 Td (Annexes du dossier) Tj ET\n", 16);
    g_autoptr(GPtrArray) objects = one_page_objects ("", bomb, "/Filter /FlateDecode");

    preuves_test_write_raw_pdf (text, objects);
    probe_file (text);
  }
  assert_probes_stayed_small ();
}

/* The probe's limits hold when it runs on its own: with a 64 MiB address
 * space the text bomb ends (on its own or by its alarm), and its largest
 * resident size stays under the limit. */
static void
test_memory_limit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "bomb-text.pdf", NULL);
  g_autoptr(GBytes) bomb = deflate_bomb ("BT /F1 9 Tf 72 700 Td (Annexes du dossier) Tj ET\n", 16);
  g_autoptr(GPtrArray) objects = one_page_objects ("", bomb, "/Filter /FlateDecode");
  g_autofree char *timeout = g_strdup_printf ("--timeout-ms=%d", PROBE_TIMEOUT_MS);
  const char *probe = g_getenv ("PREUVES_PDF_PROBE");
  struct rusage usage;
  int fd, status;
  pid_t pid;

  if (probe == NULL)
    {
      g_test_skip ("PREUVES_PDF_PROBE is not set");
      return;
    }
#if defined(__SANITIZE_ADDRESS__) || defined(PREUVES_TEST_ASAN)
  g_test_skip ("under AddressSanitizer the probe leaves memory to the sanitizer");
  return;
#endif
  /* A child's peak resident size counts the image it was forked from: under
   * valgrind that is valgrind's own, far above any limit of the probe. */
  if (strstr (g_getenv ("LD_PRELOAD") ? g_getenv ("LD_PRELOAD") : "", "vgpreload") != NULL)
    {
      g_test_skip ("under valgrind a child's peak size includes valgrind's image");
      return;
    }
  preuves_test_write_raw_pdf (path, objects);
  fd = g_open (path, O_RDONLY, 0);
  g_assert_cmpint (fd, >=, 0);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      dup2 (fd, 0);
      execl (probe, probe, "--memory-limit-mb=64", timeout, NULL);
      _exit (127);
    }
  close (fd);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_test_message ("probe under 64 MiB: %s %d, %ld MiB resident",
                  WIFEXITED (status) ? "exit" : "signal",
                  WIFEXITED (status) ? WEXITSTATUS (status) : WTERMSIG (status),
                  usage.ru_maxrss / 1024);
  g_assert_false (WIFEXITED (status) && WEXITSTATUS (status) == 127);
  g_assert_cmpint (usage.ru_maxrss, <=, 64 * 1024);
}

/* Three kilobytes that ask for a billion lines of text: reading them for
 * the annexes runs out of time, and says so. */
static void
test_endless_forms (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "endless-forms.pdf", NULL);

  preuves_test_make_endless_pdf (path);
  probe_file_expect (path, PREUVES_PDF_ERROR_TIMEOUT);
  assert_probes_stayed_small ();
}

/* The same form among good documents drawn into one PDF: the probe stops
 * on it within one document's time, and says which item it was on. */
static void
test_endless_forms_assembled (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *endless = g_build_filename (fixture->dir, "endless-forms.pdf", NULL);
  g_autofree char *good = g_build_filename (fixture->dir, "good.pdf", NULL);
  g_autofree char *out_path = g_build_filename (fixture->dir, "assembled.pdf", NULL);
  g_autoptr(JsonNode) manifest = json_from_string ("{\"items\": [{\"input\": 0, \"type\": \"pdf\"},"
                                                   " {\"input\": 0, \"type\": \"pdf\"},"
                                                   " {\"input\": 1, \"type\": \"pdf\"},"
                                                   " {\"input\": 0, \"type\": \"pdf\"}]}", NULL);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  int inputs[2], out;
  guint stopped_at = G_MAXUINT;

  preuves_test_make_endless_pdf (endless);
  g_assert_true (preuves_test_make_document (good, 2, 0, &error));
  g_assert_no_error (error);
  inputs[0] = g_open (good, O_RDONLY | O_CLOEXEC, 0);
  inputs[1] = g_open (endless, O_RDONLY | O_CLOEXEC, 0);
  out = g_open (out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_assert_cmpint (inputs[0], >=, 0);
  g_assert_cmpint (inputs[1], >=, 0);
  g_assert_cmpint (out, >=, 0);

  answer = preuves_pdf_probe_render (manifest, inputs, 2, out, PROBE_TIMEOUT_MS, &stopped_at, NULL, &error);
  g_assert_null (answer);
  g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_TIMEOUT);
  g_assert_cmpuint (stopped_at, ==, 2);
  close (inputs[0]);
  close (inputs[1]);
  close (out);
}

/* A probe whose own timer does not fire (as if it were out of reach, in
 * a sandbox that swallowed its signal) is stopped by the app's watchdog. */
static void
test_silent_probe (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *script = g_build_filename (fixture->dir, "silent-probe", NULL);
  g_autofree char *probe = g_strdup (g_getenv ("PREUVES_PDF_PROBE"));
  g_autofree char *out_path = g_build_filename (fixture->dir, "assembled.pdf", NULL);
  g_autoptr(JsonNode) manifest = json_from_string ("{\"items\": []}", NULL);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  int out = g_open (out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  g_assert_true (g_file_set_contents (script, "#!/bin/sh\nexec sleep 600\n", -1, NULL));
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  g_setenv ("PREUVES_PDF_PROBE", script, TRUE);
  answer = preuves_pdf_probe_render (manifest, NULL, 0, out, 100, NULL, NULL, &error);
  if (probe != NULL)
    g_setenv ("PREUVES_PDF_PROBE", probe, TRUE);
  else
    g_unsetenv ("PREUVES_PDF_PROBE");

  g_assert_null (answer);
  g_assert_error (error, PREUVES_PDF_ERROR, PREUVES_PDF_ERROR_TIMEOUT);
  close (out);
}

static void
test_not_quite_pdf (Fixture       *fixture,
                    gconstpointer  data)
{
  const struct { const char *name; const char *data; gssize length; } cases[] = {
    { "header-only", "%PDF-1.7\n", -1 },
    { "eof-only", "%PDF-1.4\n%%EOF\n", -1 },
    { "nul-bytes", "%PDF-1.4\n\0\0\0\0\0\0\0\0\0\0trailer<<>>", 30 },
    { "objects-without-xref", "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                              "2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\n", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.pdf", fixture->dir, cases[i].name);

      g_assert_true (g_file_set_contents (path, cases[i].data, cases[i].length, NULL));
      probe_file (path);
      probe_bytes (cases[i].name, cases[i].data,
                   cases[i].length < 0 ? strlen (cases[i].data) : (gsize) cases[i].length);
    }
  assert_probes_stayed_small ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/hostile-pdfs/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("truncated", test_truncated);
  ADD ("flipped", test_flipped);
  ADD ("deep-nesting", test_deep_nesting);
  ADD ("page-trees", test_page_trees);
  ADD ("many-pages", test_many_pages);
  ADD ("broken-xref", test_broken_xref);
  ADD ("decompression-bombs", test_decompression_bombs);
  ADD ("memory-limit", test_memory_limit);
  ADD ("endless-forms", test_endless_forms);
  ADD ("endless-forms-assembled", test_endless_forms_assembled);
  ADD ("silent-probe", test_silent_probe);
  ADD ("not-quite-pdf", test_not_quite_pdf);

  return g_test_run ();
}
