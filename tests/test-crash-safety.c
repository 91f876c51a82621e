/* test-crash-safety.c — a portfolio survives being killed mid-write and a
 * full disk
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three writers are killed with SIGKILL at random moments, many times
 * over: this test binary itself in "--writer" mode (adding preuves and
 * attaching documents through the core API, printing each one once the
 * call has returned), `preuves-cli import` and `preuves-cli copy`. After
 * each kill the portfolio is reopened the way the app would, then it must
 * pass SQLite's integrity_check and preuves_portfolio_file_check(), and
 * every document whose attach had returned must be there with the same
 * SHA-256. An import or a copy leaves either no destination or a complete
 * one, never half of one.
 *
 * The kill moments come from the GTest random seed printed at the top of
 * the TAP output ("# random seed: R02S…"): rerun with --seed=R02S… to
 * replay a failure. PREUVES_CRASH_ITERATIONS=N runs N kills per writer
 * instead of the default.
 *
 * The full-disk case mounts a small tmpfs, so it needs root (CI runs as
 * root); elsewhere it is skipped and says why.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "preuves-portfolio.h"
#include "preuves-portfolio-file.h"

#define DEFAULT_ITERATIONS 8

typedef struct
{
  char *dir;
  char *portfolio;
} Fixture;

static guint
iterations (void)
{
  const char *env = g_getenv ("PREUVES_CRASH_ITERATIONS");
  guint64 n;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 100000, &n, NULL))
    return n;
  return DEFAULT_ITERATIONS;
}

/* Deterministic bytes that do not compress, from @seed. */
static void
write_document (const char *path,
                gsize       size,
                guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guint32 *words = g_new (guint32, size / 4 + 1);

  for (gsize i = 0; i <= size / 4; i++)
    words[i] = g_rand_int (rand);
  g_assert_true (g_file_set_contents (path, (const char *) words, size, NULL));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-crash-safety-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->portfolio = g_build_filename (fixture->dir, "portfolio.preuves", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *mnt = g_build_filename (fixture->dir, "small-disk", NULL);

  /* A failed full-disk case must not leave its tmpfs mounted. */
  umount2 (mnt, MNT_DETACH);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->portfolio);
}

/* ---- The writer, killed by the test ------------------------------------- */

/* Adds preuves with one document each, forever, and prints
 * "UUID SHA256" once preuves_portfolio_attach_file() has returned. */
static int
writer_main (const char *portfolio_path,
             const char *seed_text)
{
  g_autoptr(GFile) file = g_file_new_for_path (portfolio_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autofree char *doc_path = g_strconcat (portfolio_path, ".doc", NULL);
  g_autoptr(GFile) doc = g_file_new_for_path (doc_path);
  guint32 seed = g_ascii_strtoull (seed_text, NULL, 10);

  portfolio = preuves_portfolio_open (file, &error);
  if (portfolio == NULL)
    g_error ("writer: %s", error->message);

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *title = g_strdup_printf ("Preuve %u-%u", seed, i);
      g_autoptr(PreuvesAttachment) attachment = NULL;
      PreuvesPreuve *preuve;

      /* From a few bytes to two chunks and a bit. */
      write_document (doc_path, 1 + (seed * 7919u + i * 104729u) % (2 * 1024 * 1024 + 4096), seed + i);
      preuve = preuves_portfolio_add_preuve (portfolio, title, &error);
      if (preuve == NULL)
        g_error ("writer: %s", error->message);
      attachment = preuves_portfolio_attach_file (portfolio, preuve, doc, NULL, &error);
      if (attachment == NULL)
        g_error ("writer: %s", error->message);
      printf ("%s %s\n", preuves_preuve_get_uuid (preuve), preuves_attachment_get_sha256 (attachment));
      fflush (stdout);
    }
  return 0;
}

/* ---- Running and killing -------------------------------------------------- */

/* Starts @argv with its output in a pipe, kills it with SIGKILL after
 * @delay_us (unless it has exited), and returns what it printed. */
static char *
run_and_kill (const char * const *argv,
              gulong              delay_us,
              gboolean           *killed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  GPid pid;
  int out_fd, status;
  GString *output = g_string_new (NULL);
  char buffer[4096];
  ssize_t n;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  g_usleep (delay_us);
  *killed = waitpid (pid, &status, WNOHANG) == 0;
  if (*killed)
    {
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    }
  else
    {
      /* It finished before the kill: it must have succeeded. */
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }
  g_spawn_close_pid (pid);
  while ((n = read (out_fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (output, buffer, n);
  close (out_fd);
  return g_string_free (output, FALSE);
}

static gint64
time_run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_get_monotonic_time () - start;
}

static const char *
cli_path (void)
{
  const char *cli = g_getenv ("PREUVES_CLI");

  if (cli == NULL)
    g_test_skip ("PREUVES_CLI is not set");
  return cli;
}

/* ---- What must hold after a crash ---------------------------------------- */

static void
assert_integrity_ok (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static char *
sha256_of_stream (GInputStream *stream)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  guint8 buffer[65536];
  gssize n;

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error)) > 0)
    g_checksum_update (checksum, buffer, n);
  g_assert_no_error (error);
  return g_strdup (g_checksum_get_string (checksum));
}

static void
assert_check_passes (const char                  *path,
                     PreuvesPortfolioFileSummary *summary)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  assert_integrity_ok (path);
  preuves_portfolio_file_check (file, summary, NULL, &error);
  g_assert_no_error (error);
}

/* The app's way back after a crash: open (SQLite rolls back the hot
 * journal), then every check, then every document the writer saw
 * returned, byte for byte. */
static guint
assert_survived (const char *path,
                 const char *writer_output)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_auto(GStrv) lines = g_strsplit (writer_output, "\n", -1);
  guint n_returned = 0;

  portfolio = preuves_portfolio_open (file, &error);
  g_assert_no_error (error);
  preuves_portfolio_close (portfolio);
  g_clear_object (&portfolio);
  assert_check_passes (path, NULL);

  portfolio = preuves_portfolio_open (file, &error);
  g_assert_no_error (error);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", 2);
      g_autoptr(GInputStream) stream = NULL;
      g_autofree char *sha256 = NULL;
      PreuvesPreuve *preuve;
      GListModel *attachments;
      g_autoptr(PreuvesAttachment) attachment = NULL;

      /* The last line may be cut by the kill: it was not complete, so the
       * writer had not finished printing it. */
      if (lines[i + 1] == NULL || g_strv_length (fields) != 2)
        continue;
      preuve = preuves_portfolio_find_preuve (portfolio, fields[0]);
      g_assert_nonnull (preuve);
      attachments = preuves_preuve_get_attachments (preuve);
      g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 1);
      attachment = g_list_model_get_item (attachments, 0);
      g_assert_cmpstr (preuves_attachment_get_sha256 (attachment), ==, fields[1]);
      stream = preuves_portfolio_open_blob_stream (portfolio, fields[1], &error);
      g_assert_no_error (error);
      sha256 = sha256_of_stream (stream);
      g_assert_cmpstr (sha256, ==, fields[1]);
      n_returned++;
    }
  preuves_portfolio_close (portfolio);
  return n_returned;
}

static void
test_kill_while_attaching (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->portfolio);
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  const char *self = g_test_get_filename (G_TEST_BUILT, "test-crash-safety", NULL);
  guint total = 0, n = iterations ();

  portfolio = preuves_portfolio_create (file, "Camille Essai", PREUVES_PATH_FORMATION, &error);
  g_assert_no_error (error);
  preuves_portfolio_close (portfolio);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *seed = g_strdup_printf ("%u", i);
      const char *argv[] = { self, "--writer", fixture->portfolio, seed, NULL };
      /* Up to 1 s: a few documents, and a kill inside the next one. */
      gulong delay = g_test_rand_int_range (0, 1000000);
      g_autofree char *output = NULL;
      gboolean killed;

      output = run_and_kill (argv, delay, &killed);
      g_assert_true (killed);
      total += assert_survived (fixture->portfolio, output);
    }
  g_test_message ("%u kills, %u documents attached before them, all intact", n, total);
}

/* A portfolio of about 12 MB to import and copy. */
static void
make_large_portfolio (Fixture    *fixture,
                      const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autofree char *doc_path = g_build_filename (fixture->dir, "doc.dat", NULL);
  g_autoptr(GFile) doc = g_file_new_for_path (doc_path);

  portfolio = preuves_portfolio_create (file, "Camille Essai", PREUVES_PATH_VAE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *title = g_strdup_printf ("Preuve %u", i);
      g_autoptr(PreuvesAttachment) attachment = NULL;
      g_autoptr(PreuvesLink) link = NULL;
      PreuvesPreuve *preuve = preuves_portfolio_add_preuve (portfolio, title, &error);

      g_assert_no_error (error);
      write_document (doc_path, 1024 * 1024 + i * 65536, 1000 + i);
      attachment = preuves_portfolio_attach_file (portfolio, preuve, doc, NULL, &error);
      g_assert_no_error (error);
      link = preuves_portfolio_link (portfolio, preuve, "C1-1.1", title, &error);
      g_assert_no_error (error);
    }
  preuves_portfolio_close (portfolio);
  g_unlink (doc_path);
}

static char *
sha256_of_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* The destination of a killed import or copy: absent, or whole. */
static gboolean
assert_destination_whole_or_absent (const char                        *dest,
                                    const PreuvesPortfolioFileSummary *expected)
{
  PreuvesPortfolioFileSummary summary = { 0 };

  if (!g_file_test (dest, G_FILE_TEST_EXISTS))
    return FALSE;
  assert_check_passes (dest, &summary);
  g_assert_cmpuint (summary.n_preuves, ==, expected->n_preuves);
  g_assert_cmpuint (summary.n_documents, ==, expected->n_documents);
  g_assert_cmpuint (summary.document_bytes, ==, expected->document_bytes);
  return TRUE;
}

static void
kill_cli_repeatedly (Fixture    *fixture,
                     const char *command)
{
  const char *cli = cli_path ();
  g_autofree char *source = g_build_filename (fixture->dir, "large.preuves", NULL);
  g_autofree char *dest = g_build_filename (fixture->dir, "received.preuves", NULL);
  g_autofree char *source_sha = NULL;
  const char *argv[] = { cli, command, source, dest, "--force", NULL };
  PreuvesPortfolioFileSummary expected = { 0 };
  guint n = iterations (), n_whole = 0, n_killed = 0;
  gint64 duration;

  if (cli == NULL)
    return;
  make_large_portfolio (fixture, source);
  assert_check_passes (source, &expected);
  source_sha = sha256_of_file (source);

  /* How long one uninterrupted run takes here, to spread the kills over
   * it (and a little past it, so that some runs finish). */
  duration = time_run (argv);
  g_unlink (dest);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *output = NULL;
      g_autofree char *after = NULL;
      gboolean killed;

      /* Every other round starts with a previous destination in place:
       * it must survive a killed replacement whole. */
      if (i % 2 == 1 && !g_file_test (dest, G_FILE_TEST_EXISTS))
        g_assert_cmpint (time_run (argv), >, 0);
      output = run_and_kill (argv, g_test_rand_int_range (0, duration * 11 / 10 + 1), &killed);
      n_killed += killed;
      n_whole += assert_destination_whole_or_absent (dest, &expected);
      after = sha256_of_file (source);
      g_assert_cmpstr (after, ==, source_sha);
    }
  g_test_message ("%s: %u runs of about %" G_GINT64_FORMAT " ms, %u killed; destination whole %u times, absent otherwise",
                  command, n, duration / 1000, n_killed, n_whole);
}

static void
test_kill_while_importing (Fixture       *fixture,
                           gconstpointer  data)
{
  kill_cli_repeatedly (fixture, "import");
}

static void
test_kill_while_copying (Fixture       *fixture,
                         gconstpointer  data)
{
  kill_cli_repeatedly (fixture, "copy");
}

/* ---- A full disk ---------------------------------------------------------- */

static gboolean
mount_small_tmpfs (const char *dir)
{
  if (geteuid () != 0)
    {
      g_test_skip ("mounting a small tmpfs needs root; run the suite as root (CI does) to test a full disk");
      return FALSE;
    }
  if (mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=6m") != 0)
    {
      g_autofree char *reason = g_strdup_printf ("cannot mount a tmpfs here (%s): full disk not tested",
                                                 g_strerror (errno));
      g_test_skip (reason);
      return FALSE;
    }
  return TRUE;
}

static void
assert_full_error (const GError *error)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_FULL);
}

/* Fills the disk by attaching documents until the portfolio says so. */
static GPtrArray *
attach_until_full (Fixture    *fixture,
                   const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autofree char *doc_path = g_build_filename (fixture->dir, "doc.dat", NULL);
  g_autoptr(GFile) doc = g_file_new_for_path (doc_path);
  GPtrArray *attached = g_ptr_array_new_with_free_func (g_free);

  portfolio = preuves_portfolio_create (file, "Camille Essai", PREUVES_PATH_VAE, &error);
  g_assert_no_error (error);
  for (guint i = 0; error == NULL; i++)
    {
      g_autofree char *title = g_strdup_printf ("Preuve %u", i);
      g_autoptr(PreuvesAttachment) attachment = NULL;
      PreuvesPreuve *preuve;

      g_assert_cmpuint (i, <, 100);
      write_document (doc_path, 700 * 1024, i);
      preuve = preuves_portfolio_add_preuve (portfolio, title, &error);
      if (preuve != NULL)
        attachment = preuves_portfolio_attach_file (portfolio, preuve, doc, NULL, &error);
      if (attachment != NULL)
        g_ptr_array_add (attached, g_strdup (preuves_attachment_get_sha256 (attachment)));
    }
  assert_full_error (error);
  preuves_portfolio_close (portfolio);
  return attached;
}

static void
test_full_disk (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *mnt = g_build_filename (fixture->dir, "small-disk", NULL);
  g_autofree char *path = g_build_filename (mnt, "portfolio.preuves", NULL);
  g_autofree char *copy = g_build_filename (mnt, "copy.preuves", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attached = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (g_mkdir (mnt, 0700), ==, 0);
  if (!mount_small_tmpfs (mnt))
    return;

  attached = attach_until_full (fixture, path);
  g_assert_cmpuint (attached->len, >, 0);
  g_test_message ("%u documents fitted before the disk was full", attached->len);
  assert_check_passes (path, NULL);
  before = sha256_of_file (path);

  /* A copy onto the same full disk fails clearly and leaves nothing. */
  g_assert_false (preuves_portfolio_file_save_copy (file, copy_file, NULL, &error));
  assert_full_error (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_false (preuves_portfolio_file_import (file, copy_file, NULL, NULL, NULL, &error));
  assert_full_error (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  after = sha256_of_file (path);
  g_assert_cmpstr (before, ==, after);

  /* Every document that fitted is still there, whole. */
  portfolio = preuves_portfolio_open (file, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < attached->len; i++)
    {
      g_autoptr(GInputStream) stream = preuves_portfolio_open_blob_stream (portfolio, attached->pdata[i], &error);
      g_autofree char *sha256 = NULL;

      g_assert_no_error (error);
      sha256 = sha256_of_stream (stream);
      g_assert_cmpstr (sha256, ==, attached->pdata[i]);
    }
  preuves_portfolio_close (portfolio);
  g_assert_cmpint (umount2 (mnt, MNT_DETACH), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], "--writer"))
    return writer_main (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/crash-safety/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("kill-while-attaching", test_kill_while_attaching);
  ADD ("kill-while-importing", test_kill_while_importing);
  ADD ("kill-while-copying", test_kill_while_copying);
  ADD ("full-disk", test_full_disk);

  return g_test_run ();
}
