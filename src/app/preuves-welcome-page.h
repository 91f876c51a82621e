/* preuves-welcome-page.h — first run: create a portfolio, import one, or open the demo
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PREUVES_TYPE_WELCOME_PAGE (preuves_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesWelcomePage, preuves_welcome_page, PREUVES, WELCOME_PAGE, AdwBin)

GtkWidget *preuves_welcome_page_new              (void);
void       preuves_welcome_page_set_can_go_back  (PreuvesWelcomePage *self,
                                                  gboolean            can_go_back);
gboolean   preuves_welcome_page_get_can_go_back  (PreuvesWelcomePage *self);
void       preuves_welcome_page_reset            (PreuvesWelcomePage *self);

G_END_DECLS
