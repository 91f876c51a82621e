/* preuves-pdf-probe.c — reads one PDF in a process of its own
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: preuves-pdf-probe [--fd=N] [--no-annexes] [--timeout-ms=N]
 *                          [--memory-limit-mb=N] [--text]
 *        preuves-pdf-probe --assemble --out-fd=N [--timeout-ms=N] …
 *        preuves-pdf-probe --render-page=N --width=PX [--fd=N] …
 *
 * Reads the document from descriptor N (standard input by default), never
 * from a path, and writes one JSON object on standard output: the report
 * of preuves_pdf_report_to_json(), or {"error": {"code": "damaged"}}.
 * With --text, the report is the text of each page instead (for the
 * names check; the descriptor must then be seekable).
 * With --assemble, standard input is a JSON manifest and descriptors 3, 4 …
 * are its inputs (see preuves-pdf-assemble.h): the pages are drawn again
 * into one PDF written to descriptor N. A line {"drawing": i} on standard
 * output starts each item i (i = the number of items: the file is being
 * finished), which gets --timeout-ms of its own; the last line, the JSON
 * answer, says what each input gave.
 * With --render-page, standard output is a PNG of that page (1-based),
 * PX pixels wide (at most 512); exit status 3 when there is no such page.
 * Exit status: 0 report written; 10 + PreuvesPdfError the document could
 * not be read (the same code as in the JSON); 2 bad arguments. Killed by
 * SIGALRM: it ran out of time.
 */

#include "config.h"

#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>

#include "preuves-pdf-analysis.h"
#include "preuves-pdf-assemble.h"
#include "preuves-pdf-page-png.h"
#include "preuves-pdf-text.h"

/* AddressSanitizer reserves terabytes of address space for its shadow
 * memory: in a sanitizer build (build-aux/run-sanitizers) an address-space
 * limit would make every allocation fail, so the sanitizer watches memory
 * instead. */
#if defined(__SANITIZE_ADDRESS__)
#define PROBE_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PROBE_UNDER_ASAN 1
#endif
#endif
#ifndef PROBE_UNDER_ASAN
#define PROBE_UNDER_ASAN 0
#endif

#define EXIT_BAD_ARGUMENTS 2
#define EXIT_PDF_ERROR     10

static int fd = 0;
static gboolean no_annexes = FALSE;
static int timeout_ms = 0;
static int memory_limit_mb = 2048;
static gboolean page_texts = FALSE;
static gboolean assemble = FALSE;
static int out_fd = -1;
static int render_page = 0;
static int render_width = 0;

static const GOptionEntry entries[] = {
  { "fd", 0, 0, G_OPTION_ARG_INT, &fd, "Read the document from this descriptor", "N" },
  { "no-annexes", 0, 0, G_OPTION_ARG_NONE, &no_annexes, "Do not look for the annexes", NULL },
  { "timeout-ms", 0, 0, G_OPTION_ARG_INT, &timeout_ms, "Die after this long", "MS" },
  { "memory-limit-mb", 0, 0, G_OPTION_ARG_INT, &memory_limit_mb, "Address space limit, 0 for none", "MB" },
  { "text", 0, 0, G_OPTION_ARG_NONE, &page_texts, "Print the text of each page instead", NULL },
  { "assemble", 0, 0, G_OPTION_ARG_NONE, &assemble, "Draw the inputs of a manifest into one PDF", NULL },
  { "out-fd", 0, 0, G_OPTION_ARG_INT, &out_fd, "Write the assembled PDF to this descriptor", "N" },
  { "render-page", 0, 0, G_OPTION_ARG_INT, &render_page, "Print this page as a PNG instead", "N" },
  { "width", 0, 0, G_OPTION_ARG_INT, &render_width, "Width of the PNG", "PX" },
  { NULL }
};

static void
arm_timer (void)
{
  struct itimerval timer = { { 0, 0 }, { timeout_ms / 1000, (timeout_ms % 1000) * 1000 } };

  if (timeout_ms > 0)
    setitimer (ITIMER_REAL, &timer, NULL);
}

/* The probe limits itself rather than being limited by its parent: a
 * child-setup function would apply to flatpak-spawn, not to the probe that
 * flatpak-spawn has the portal start in a fresh sandbox. This runs before
 * poppler sees a byte. The timer is the probe's own deadline, a second
 * guard beside the parent's (which cannot reach into the sandbox). */
static void
limit_self (void)
{
  struct rlimit no_core = { 0, 0 };

  setrlimit (RLIMIT_CORE, &no_core);
  if (memory_limit_mb > 0 && !PROBE_UNDER_ASAN)
    {
      struct rlimit as = { (rlim_t) memory_limit_mb << 20, (rlim_t) memory_limit_mb << 20 };

      /* Also bounds the in-memory copy of a piped document. */
      setrlimit (RLIMIT_AS, &as);
      setrlimit (RLIMIT_FSIZE, &as);
    }
  arm_timer ();
}

static void
print_node (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int
print_error (const GError *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  PreuvesPdfError code = PREUVES_PDF_ERROR_DAMAGED;

  if (error->domain == PREUVES_PDF_ERROR)
    code = error->code;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, preuves_pdf_error_to_string (code));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  print_node (node);
  return EXIT_PDF_ERROR + code;
}

#define MAX_MANIFEST_BYTES (4 * 1024 * 1024)

/* Each document of a bloc gets the time of one: a document that hangs is
 * stopped within that time, and the line tells the app which it was. */
static void
before_item_cb (guint    item,
                gpointer user_data)
{
  g_print ("{\"drawing\":%u}\n", item);
  fflush (stdout);
  arm_timer ();
}

/* The manifest is ours, but it is read with a bound all the same. */
static int
run_assemble (void)
{
  g_autoptr(GInputStream) stream = g_unix_input_stream_new (fd, FALSE);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;
  guint8 buffer[65536];
  gssize n;

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, NULL)) > 0 &&
         bytes->len <= MAX_MANIFEST_BYTES)
    g_byte_array_append (bytes, buffer, n);
  if (n < 0 || bytes->len > MAX_MANIFEST_BYTES ||
      !json_parser_load_from_data (parser, (const char *) bytes->data, bytes->len, &error))
    {
      g_printerr ("preuves-pdf-probe: bad manifest\n");
      return EXIT_BAD_ARGUMENTS;
    }
  result = preuves_pdf_assemble (json_parser_get_root (parser), out_fd, before_item_cb, NULL, &error);
  if (result == NULL)
    return print_error (error);
  print_node (result);
  return EXIT_SUCCESS;
}

static int
run_render_page (void)
{
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  if (render_page < 1 || render_width < 1 || render_width > PREUVES_PDF_PAGE_PNG_MAX_WIDTH)
    {
      g_printerr ("preuves-pdf-probe: --render-page needs a page and a --width up to %d\n",
                  PREUVES_PDF_PAGE_PNG_MAX_WIDTH);
      return EXIT_BAD_ARGUMENTS;
    }
  png = preuves_pdf_page_png_fd (fd, render_page, render_width, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return PREUVES_PDF_PAGE_PNG_EXIT_NO_PAGE;
  if (png == NULL)
    return print_error (error);
  data = g_bytes_get_data (png, &size);
  if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
    return EXIT_FAILURE;
  return EXIT_SUCCESS;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(PreuvesPdfReport) report = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || fd < 0 || fd == 1 || fd == 2)
    {
      g_printerr ("preuves-pdf-probe: %s\n", error != NULL ? error->message : "bad --fd");
      return EXIT_BAD_ARGUMENTS;
    }
  limit_self ();

  if (assemble)
    {
      if (out_fd < PREUVES_PDF_ASSEMBLE_FIRST_FD)
        {
          g_printerr ("preuves-pdf-probe: --assemble needs --out-fd\n");
          return EXIT_BAD_ARGUMENTS;
        }
      return run_assemble ();
    }

  if (render_page != 0)
    return run_render_page ();

  if (page_texts)
    {
      node = preuves_pdf_page_texts_fd (fd, &error);
      if (node == NULL)
        return print_error (error);
      print_node (node);
      return EXIT_SUCCESS;
    }

  report = preuves_pdf_analyze_fd (fd, !no_annexes, &error);
  if (report == NULL)
    return print_error (error);

  node = preuves_pdf_report_to_json (report);
  print_node (node);
  return EXIT_SUCCESS;
}
