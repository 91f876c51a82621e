/* preuves-referentiel.h — the certification's référentiel, read from JSON
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "preuves-types.h"

G_BEGIN_DECLS

/* A référentiel is immutable once loaded: every structure below is owned by
 * the PreuvesReferentiel it came from and lives as long as it does. Readers
 * get const pointers and may keep them while they hold a reference on the
 * référentiel. Every string is the official French wording, never
 * translated.
 *
 * Lists are GPtrArrays whose elements are the structures named in their
 * comment; they never own their elements (the référentiel does).
 *
 * The file (format 1), as in data/referentiels/: an object with "format",
 * "id", "title", "official_title"?, "domaines" [{id, number, title,
 * short_title, blocs: [codes]}], "blocs" [{code, number, title,
 * section_title?, domaine, activites: [{code, title, bullets: [],
 * competences: [{code, title, sous_competences: [{id, code, text,
 * duplicate_code?}]}]}], epreuve}], "epreuve_finale" (an épreuve with
 * "attitudes": [{id, number, title, lead, bullets}]) and "paths" [{id
 * ("formation"|"vae"), title, requirements: [], epreuves: [ids]}]. An
 * épreuve is {id, title, kind ("written"|"oral"), description?,
 * objective?, modalites, jury, presentation_minutes and exchange_minutes
 * ({min, max}, orals only), written_document? ({kind, title, pages_min,
 * pages_max, hors_annexes}, required for "written"), criteria: [{id,
 * group ("écrit"|"oral"), text}]}. Members marked ? are optional; others
 * are ignored. */

typedef struct _PreuvesDomaine             PreuvesDomaine;
typedef struct _PreuvesBloc                PreuvesBloc;
typedef struct _PreuvesActivite            PreuvesActivite;
typedef struct _PreuvesCompetence          PreuvesCompetence;
typedef struct _PreuvesSousCompetence      PreuvesSousCompetence;
typedef struct _PreuvesEpreuve             PreuvesEpreuve;
typedef struct _PreuvesCriterion           PreuvesCriterion;
typedef struct _PreuvesWrittenDocumentSpec PreuvesWrittenDocumentSpec;
typedef struct _PreuvesAttitudeGroup       PreuvesAttitudeGroup;
typedef struct _PreuvesPathRules           PreuvesPathRules;

typedef enum
{
  PREUVES_EPREUVE_WRITTEN, /* "written": a document evaluated without an oral */
  PREUVES_EPREUVE_ORAL,    /* "oral": a presentation and an exchange, maybe on a written document */
} PreuvesEpreuveKind;

/* One domaine d'activités ("expertise", "appui"). */
struct _PreuvesDomaine
{
  const char *id;
  guint       number;       /* 1, 2 */
  const char *title;        /* as in the official list */
  const char *short_title;  /* "Mission d'expertise" */
  GPtrArray  *blocs;        /* PreuvesBloc */
};

struct _PreuvesBloc
{
  const char           *code;          /* "B1" … "B4" */
  guint                 number;        /* 1 … 4 */
  const char           *title;         /* as in the list of blocs */
  const char           *section_title; /* as in the heading of the bloc's table (may differ slightly) */
  const PreuvesDomaine *domaine;
  GPtrArray            *activites;        /* PreuvesActivite */
  GPtrArray            *competences;      /* PreuvesCompetence, all activités in order */
  GPtrArray            *sous_competences; /* PreuvesSousCompetence, all compétences in order */
  const PreuvesEpreuve *epreuve;
};

struct _PreuvesActivite
{
  const char        *code;        /* "1-1" … "4-3" */
  const char        *title;
  GPtrArray         *bullets;     /* const char *: the description */
  GPtrArray         *competences; /* PreuvesCompetence */
  const PreuvesBloc *bloc;
};

struct _PreuvesCompetence
{
  const char            *code;  /* "C1-1", "C1-2a" … */
  const char            *title;
  GPtrArray             *sous_competences; /* PreuvesSousCompetence */
  const PreuvesActivite *activite;
  const PreuvesBloc     *bloc;
};

/* The official text gives the code C1-2.6 to two different
 * sous-compétences: @code is what the référentiel prints, @id is unique and
 * stable (it is what portfolios store). @duplicate_code is TRUE when
 * another sous-compétence has the same @code, so that the UI can say so. */
struct _PreuvesSousCompetence
{
  const char              *id;   /* "C1-1.10", "C1-2a.6" */
  const char              *code; /* "C1-1.10", "C1-2.6" */
  const char              *text; /* may hold "\n- " sub-bullets */
  gboolean                 duplicate_code;
  guint                    index; /* position among all sous-compétences */
  const PreuvesCompetence *competence;
  const PreuvesBloc       *bloc;
};

struct _PreuvesCriterion
{
  const char           *id;    /* "B1-1", "EF-E1", "EF-O1" */
  const char           *group; /* "écrit" or "oral" */
  const char           *text;  /* may hold "\n- " sub-bullets */
  const PreuvesEpreuve *epreuve;
};

/* A document the jury reads, and its page range hors annexes. This is the
 * référentiel's rule; the document a candidate adds lives in the portfolio
 * (PreuvesWrittenDocument). */
struct _PreuvesWrittenDocumentSpec
{
  const char           *kind;  /* "diagnostic", "final" */
  const char           *title;
  guint                 pages_min;
  guint                 pages_max;
  gboolean              hors_annexes;
  const PreuvesEpreuve *epreuve;
};

struct _PreuvesEpreuve
{
  const char                       *id;    /* "bloc1" … "bloc4", "finale" */
  const char                       *title;
  PreuvesEpreuveKind                kind;
  const char                       *description; /* NULL for the blocs */
  const char                       *objective;   /* NULL for the blocs */
  const char                       *modalites;   /* lines separated by "\n" */
  const char                       *jury;
  guint                             presentation_min; /* minutes, 0 when written only */
  guint                             presentation_max;
  guint                             exchange_min;
  guint                             exchange_max;
  const PreuvesWrittenDocumentSpec *written_document; /* NULL when there is none */
  GPtrArray                        *criteria;         /* PreuvesCriterion, all */
  GPtrArray                        *written_criteria; /* PreuvesCriterion of group "écrit" */
  GPtrArray                        *oral_criteria;    /* PreuvesCriterion of group "oral" */
  const PreuvesBloc                *bloc;             /* NULL for the épreuve finale */
};

/* A group of transversal attitudes observed in the épreuve finale. */
struct _PreuvesAttitudeGroup
{
  const char *id;     /* "A1" … "A3" */
  guint       number; /* 1 … 3 */
  const char *title;
  const char *lead;
  GPtrArray  *bullets; /* const char * */
};

/* What a path to the certification requires. */
struct _PreuvesPathRules
{
  PreuvesPath  path;
  const char  *id;           /* "formation", "vae" */
  const char  *title;        /* "Par la voie de la VAE" */
  GPtrArray   *requirements; /* const char *: the official sentences */
  GPtrArray   *epreuves;     /* PreuvesEpreuve */
};

#define PREUVES_REFERENTIEL_ERROR (preuves_referentiel_error_quark ())

typedef enum
{
  PREUVES_REFERENTIEL_ERROR_PARSE,       /* not JSON: the message has line:column */
  PREUVES_REFERENTIEL_ERROR_INVALID,     /* JSON, but not a valid référentiel: the message has the path */
  PREUVES_REFERENTIEL_ERROR_UNSUPPORTED, /* a format version this Preuves cannot read */
  PREUVES_REFERENTIEL_ERROR_NOT_FOUND,   /* lookups */
  PREUVES_REFERENTIEL_ERROR_AMBIGUOUS,   /* a code shared by several sous-compétences */
} PreuvesReferentielError;

/* The "format" this version reads. */
#define PREUVES_REFERENTIEL_FORMAT 1

#define PREUVES_TYPE_REFERENTIEL (preuves_referentiel_get_type ())

G_DECLARE_FINAL_TYPE (PreuvesReferentiel, preuves_referentiel, PREUVES, REFERENTIEL, GObject)

GQuark                            preuves_referentiel_error_quark           (void);

PreuvesReferentiel               *preuves_referentiel_get_default           (void);
PreuvesReferentiel               *preuves_referentiel_new_from_file         (GFile               *file,
                                                                             GError             **error);
PreuvesReferentiel               *preuves_referentiel_new_from_bytes        (GBytes              *json,
                                                                             GError             **error);

const char                       *preuves_referentiel_get_id                (PreuvesReferentiel  *self);
const char                       *preuves_referentiel_get_title             (PreuvesReferentiel  *self);
const char                       *preuves_referentiel_get_official_title    (PreuvesReferentiel  *self);

GPtrArray                        *preuves_referentiel_get_domaines          (PreuvesReferentiel  *self);
guint                             preuves_referentiel_get_n_blocs           (PreuvesReferentiel  *self);
const PreuvesBloc                *preuves_referentiel_get_bloc              (PreuvesReferentiel  *self,
                                                                             guint                index);
GPtrArray                        *preuves_referentiel_get_blocs             (PreuvesReferentiel  *self);
GPtrArray                        *preuves_referentiel_get_activites         (PreuvesReferentiel  *self);
GPtrArray                        *preuves_referentiel_get_competences       (PreuvesReferentiel  *self);
GPtrArray                        *preuves_referentiel_get_sous_competences  (PreuvesReferentiel  *self);
GPtrArray                        *preuves_referentiel_get_epreuves          (PreuvesReferentiel  *self);
const PreuvesEpreuve             *preuves_referentiel_get_epreuve_finale    (PreuvesReferentiel  *self);
GPtrArray                        *preuves_referentiel_get_attitude_groups   (PreuvesReferentiel  *self);
const PreuvesPathRules           *preuves_referentiel_get_path_rules        (PreuvesReferentiel  *self,
                                                                             PreuvesPath          path);

const PreuvesBloc                *preuves_referentiel_find_bloc             (PreuvesReferentiel  *self,
                                                                             const char          *code);
const PreuvesActivite            *preuves_referentiel_find_activite         (PreuvesReferentiel  *self,
                                                                             const char          *code);
const PreuvesCompetence          *preuves_referentiel_find_competence       (PreuvesReferentiel  *self,
                                                                             const char          *code);
const PreuvesSousCompetence      *preuves_referentiel_find_sous_competence  (PreuvesReferentiel  *self,
                                                                             const char          *code_or_id,
                                                                             GError             **error);
const PreuvesEpreuve             *preuves_referentiel_find_epreuve          (PreuvesReferentiel  *self,
                                                                             const char          *id);
const PreuvesCriterion           *preuves_referentiel_find_criterion        (PreuvesReferentiel  *self,
                                                                             const char          *id);
const PreuvesWrittenDocumentSpec *preuves_referentiel_find_written_document (PreuvesReferentiel  *self,
                                                                             const char          *kind);

JsonNode                         *preuves_referentiel_to_json               (PreuvesReferentiel  *self);

const char                       *preuves_epreuve_kind_to_string            (PreuvesEpreuveKind   kind);

G_END_DECLS
