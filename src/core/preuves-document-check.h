/* preuves-document-check.h — attach and check the written document of an épreuve
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "preuves-assessment.h"
#include "preuves-portfolio.h"

G_BEGIN_DECLS

/* The written document of an épreuve ("bloc1", "finale") is stored in the
 * portfolio; its page check runs preuves-pdf-probe on the stored bytes and
 * keeps the result with the SHA-256 it was made on. Checking the same bytes
 * again returns the stored result without running the probe, even after
 * they were replaced by other bytes and came back. A missing probe or a
 * timeout is not stored: it says nothing about the document.
 *
 * A new PDF is checked before it is stored, and stored only when it can be
 * used: an unusable one (not a PDF, empty, protected, damaged) never
 * replaces the document there is, nor its check or manual annex start.
 * Nor does one the probe could not check (timeout, no probe); with no
 * document yet, that one is stored unchecked. A manual annex start stays
 * with the bytes it was set on: other bytes clear it, and it comes back
 * when the bytes it was set on do.
 *
 * Results are PreuvesWrittenDocument records whose page fields already
 * account for a manual annex start. */

const char             *preuves_document_check_resolve_epreuve (const char           *name);

PreuvesWrittenDocument *preuves_document_check_attach          (PreuvesPortfolio     *portfolio,
                                                                const char           *epreuve_id,
                                                                GFile                *pdf,
                                                                GCancellable         *cancellable,
                                                                GError              **error);
void                    preuves_document_check_attach_async    (PreuvesPortfolio     *portfolio,
                                                                const char           *epreuve_id,
                                                                GFile                *pdf,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
PreuvesWrittenDocument *preuves_document_check_attach_finish   (PreuvesPortfolio     *portfolio,
                                                                GAsyncResult         *result,
                                                                GError              **error);

PreuvesWrittenDocument *preuves_document_check_run             (PreuvesPortfolio     *portfolio,
                                                                const char           *epreuve_id,
                                                                GCancellable         *cancellable,
                                                                GError              **error);
void                    preuves_document_check_run_async       (PreuvesPortfolio     *portfolio,
                                                                const char           *epreuve_id,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
PreuvesWrittenDocument *preuves_document_check_run_finish      (PreuvesPortfolio     *portfolio,
                                                                GAsyncResult         *result,
                                                                GError              **error);

gboolean                preuves_document_check_set_annex_start (PreuvesPortfolio     *portfolio,
                                                                const char           *epreuve_id,
                                                                guint                 page,
                                                                GError              **error);

gboolean                preuves_document_check_forget_unused   (sqlite3              *db,
                                                                GError              **error);

G_END_DECLS
