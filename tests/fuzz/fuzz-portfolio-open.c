/* fuzz-portfolio-open.c — libFuzzer harness: a portfolio file from someone
 * else, checked, imported and opened
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is written to a file, then goes through what a received file
 * goes through: preuves_portfolio_file_check(), _import() into a fresh
 * portfolio, and preuves_portfolio_open() on a copy (what "Open" does).
 * Any crash, leak or undefined behaviour is a finding; errors are fine.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>

#include "preuves-portfolio.h"
#include "preuves-portfolio-file.h"

static char *dir;

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
write_input (const char    *path,
             const uint8_t *data,
             size_t         size)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (journal);
  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    g_error ("cannot write %s", path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *source_path = NULL;
  g_autofree char *dest_path = NULL;
  g_autofree char *opened_path = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autoptr(GFile) opened = NULL;
  g_autoptr(PreuvesPortfolio) portfolio = NULL;

  /* In memory when possible: every input is written and synced twice. */
  if (dir == NULL && g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR))
    dir = g_mkdtemp (g_strdup ("/dev/shm/fuzz-portfolio-XXXXXX"));
  if (dir == NULL)
    dir = g_dir_make_tmp ("fuzz-portfolio-XXXXXX", NULL);
  source_path = g_build_filename (dir, "input.preuves", NULL);
  dest_path = g_build_filename (dir, "imported.preuves", NULL);
  opened_path = g_build_filename (dir, "opened.preuves", NULL);
  source = g_file_new_for_path (source_path);
  dest = g_file_new_for_path (dest_path);
  opened = g_file_new_for_path (opened_path);

  write_input (source_path, data, size);
  preuves_portfolio_file_check (source, NULL, NULL, NULL);
  preuves_portfolio_file_import (source, dest, NULL, NULL, NULL, NULL);
  g_unlink (dest_path);

  write_input (opened_path, data, size);
  portfolio = preuves_portfolio_open (opened, NULL);
  if (portfolio != NULL)
    {
      GListModel *preuves = preuves_portfolio_get_preuves (portfolio);

      for (guint i = 0; i < g_list_model_get_n_items (preuves); i++)
        {
          g_autoptr(PreuvesPreuve) preuve = g_list_model_get_item (preuves, i);
          g_autoptr(GListModel) links = preuves_portfolio_list_links_for_preuve (portfolio, preuve);

          g_list_model_get_n_items (preuves_preuve_get_attachments (preuve));
          g_list_model_get_n_items (links);
        }
      preuves_portfolio_close (portfolio);
    }
  return 0;
}
