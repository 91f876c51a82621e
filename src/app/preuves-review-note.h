/* preuves-review-note.h — the note that says an advisor reviews the
 * candidate's portfolio and may not change it
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_REVIEW_NOTE (preuves_review_note_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesReviewNote, preuves_review_note, PREUVES, REVIEW_NOTE, AdwBin)

GtkWidget *preuves_review_note_new           (void);
void       preuves_review_note_set_portfolio (PreuvesReviewNote *self,
                                              PreuvesPortfolio  *portfolio);

/* Whether the person at the keyboard reviews as an advisor (the role in
 * the preferences): the candidate's content is then read-only. */
gboolean   preuves_app_is_advisor            (void);

G_END_DECLS
