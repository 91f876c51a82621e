/* preuves-page-util.h — small helpers shared by the portfolio pages
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "preuves-referentiel.h"
#include "preuves-readiness.h"
#include "preuves-assessment.h"
#include "preuves-portfolio.h"

G_BEGIN_DECLS

char       *preuves_sous_competence_label      (const PreuvesSousCompetence *sc);
const char *preuves_readiness_state_css_class  (PreuvesReadinessState        state);
const char *preuves_readiness_state_icon_name  (PreuvesReadinessState        state);
char       *preuves_epreuve_durations_text     (const PreuvesEpreuve        *epreuve);
char       *preuves_format_minutes_seconds     (guint                        seconds);
void        preuves_page_add_toast             (GtkWidget                   *widget,
                                                AdwToast                    *toast);
void        preuves_page_show_reason_target    (GtkWidget                   *widget,
                                                const PreuvesReadinessReason *reason,
                                                const char                  *bloc_code);
void        preuves_page_show_error            (GtkWidget                   *widget,
                                                const GError                *error);
GtkWidget  *preuves_state_pill_new             (PreuvesReadinessState        state,
                                                PreuvesReadinessSubject      subject);
void        preuves_state_pill_set             (GtkWidget                   *pill,
                                                PreuvesReadinessState        state,
                                                PreuvesReadinessSubject      subject);
void        preuves_list_box_remove_all        (GtkListBox                  *list);
typedef gboolean (*PreuvesRemarkFilter) (const PreuvesRemark *remark,
                                         gpointer             user_data);

void               preuves_page_fill_remarks   (GtkListBox                  *list,
                                                PreuvesPortfolio            *portfolio,
                                                PreuvesRemarkFilter          filter,
                                                gpointer                     user_data);
const PreuvesBloc *preuves_remark_find_bloc    (PreuvesPortfolio            *portfolio,
                                                const PreuvesRemark         *remark);

G_END_DECLS
