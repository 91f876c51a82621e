/* preuves-preuve-editor.h — edits one preuve: its facts, attachments and what it proves
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-portfolio.h"

G_BEGIN_DECLS

#define PREUVES_TYPE_PREUVE_EDITOR (preuves_preuve_editor_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesPreuveEditor, preuves_preuve_editor, PREUVES, PREUVE_EDITOR, AdwBin)

GtkWidget        *preuves_preuve_editor_new           (void);
PreuvesPortfolio *preuves_preuve_editor_get_portfolio (PreuvesPreuveEditor *self);
void              preuves_preuve_editor_set_portfolio (PreuvesPreuveEditor *self,
                                                       PreuvesPortfolio    *portfolio);
PreuvesPreuve    *preuves_preuve_editor_get_preuve    (PreuvesPreuveEditor *self);
void              preuves_preuve_editor_set_preuve    (PreuvesPreuveEditor *self,
                                                       PreuvesPreuve       *preuve);
void              preuves_preuve_editor_attach_files  (PreuvesPreuveEditor *self,
                                                       GListModel          *files);
void              preuves_preuve_editor_save          (PreuvesPreuveEditor *self);
void              preuves_preuve_editor_focus_title   (PreuvesPreuveEditor *self);

G_END_DECLS
