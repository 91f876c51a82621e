/* preuves-pdf-analysis.c — counting the pages of a PDF and finding its annexes
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define _GNU_SOURCE /* memfd_create() */

#include <errno.h>
#include <fcntl.h>
#include <poppler.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "preuves-pdf-analysis.h"

/* poppler-glib 22.12 declares no cleanup functions; a local name keeps this
 * from clashing with a newer poppler that does. */
typedef PopplerDocument PreuvesPopplerDocument;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreuvesPopplerDocument, g_object_unref)

/* Readers accept the "%PDF-" header anywhere in the first 1024 bytes (some
 * generators put a byte-order mark or garbage first); so do we. */
#define HEADER_WINDOW     1024
#define MAX_OUTLINE_DEPTH 32
#define MAX_OUTLINE_WALK  5000
/* How many lines at the top of a page may hold the annex heading, once
 * running headers and page numbers are left out. */
#define TOP_LINES         3
#define TOP_LINES_RAW     8
#define FONT_SCAN_PAGES   3

/* ------------------------------------------------------------------ */
/* Titles and headings                                                */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char *word;
  gboolean    plural;
} Keyword;

/* Longest first: "annexes" must not be read as "annexe" + "s". */
static const Keyword keywords[] = {
  { "annexes", TRUE },
  { "annexe", FALSE },
  { "appendices", TRUE },
  { "appendixes", TRUE },
  { "appendix", FALSE },
};

static const char * const toc_titles[] = {
  "sommaire", "table des matieres", "table of contents", "contents", "plan",
  "table des figures", "liste des figures", "liste des tableaux", "index",
};

/* A list of the annexes is a table of contents too, and may stand at the
 * front (after the sommaire) or open the annexes. */
static const char * const annex_list_titles[] = {
  "table des annexes", "liste des annexes", "sommaire des annexes",
};

static const char * const section_words[] = {
  "partie", "chapitre", "section", "part", "chapter",
};

/* Accents and case must not matter ("ANNEXES", "Annexe", "Annèxe"), nor
 * typography: NFKD splits ligatures and turns "…" into "...", non-breaking
 * spaces into spaces. Dashes all become '-'. Case is kept: headings are
 * told from running text partly by their capital letter. */
static char *
unaccent (const char *text)
{
  g_autofree char *nfkd = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  GString *out = g_string_new (NULL);
  gboolean after_space = TRUE;

  for (const char *p = nfkd; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_isspace (c))
        {
          if (!after_space)
            g_string_append_c (out, ' ');
          after_space = TRUE;
          continue;
        }
      if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212)
        c = '-';
      g_string_append_unichar (out, c);
      after_space = FALSE;
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static char *
fold (const char *text)
{
  g_autofree char *plain = unaccent (text);

  return g_utf8_strdown (plain, -1);
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ')
    p++;
  return p;
}

static gboolean
is_word_end (char c)
{
  return c == '\0' || !(g_ascii_isalnum (c) || (c & 0x80));
}

static gboolean
is_separator (char c)
{
  return c == '-' || c == ':' || c == '.' || c == ')' || c == '/' || c == ',';
}

/* Returns the end of @word at the start of @p (ASCII case-insensitive,
 * whole word only), or NULL. */
static const char *
skip_word (const char *p,
           const char *word)
{
  gsize len = strlen (word);

  if (g_ascii_strncasecmp (p, word, len) != 0 || !is_word_end (p[len]))
    return NULL;
  return p + len;
}

static gboolean
is_roman (const char *start,
          const char *end)
{
  if (end - start < 1 || end - start > 7)
    return FALSE;
  for (const char *p = start; p < end; p++)
    if (strchr ("ivxlcdmIVXLCDM", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* An annex number: "1", "01", "IV", "A", optionally after "n°"/"no". Returns
 * the end of it, or NULL. */
static const char *
skip_annex_id (const char *p)
{
  const char *end;

  if (g_str_has_prefix (p, "n\xc2\xb0") || g_str_has_prefix (p, "N\xc2\xb0"))
    p = skip_spaces (p + 3);
  else if ((end = skip_word (p, "no")) != NULL && g_ascii_isdigit (*skip_spaces (end)))
    p = skip_spaces (end);

  for (end = p; g_ascii_isalnum (*end); end++)
    ;
  if (!is_word_end (*end) || end == p)
    return NULL;
  if (end - p <= 3 && strspn (p, "0123456789") == (gsize) (end - p))
    return end;
  if (end - p == 1 || is_roman (p, end))
    return end;
  return NULL;
}

/* "5. Annexes", "V - Annexes", "Partie 4 : Annexes": section numbering in
 * front of the keyword is not part of it. */
static const char *
skip_section_number (const char *p)
{
  const char *after;
  gboolean roman = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (section_words); i++)
    if ((after = skip_word (p, section_words[i])) != NULL)
      {
        p = skip_spaces (after);
        break;
      }

  after = p;
  while (g_ascii_isdigit (*after) || (*after == '.' && g_ascii_isdigit (after[1])))
    after++;
  if (after == p)
    {
      roman = TRUE;
      while (*after != '\0' && strchr ("ivxlcIVXLC", *after) != NULL)
        after++;
    }
  if (after == p || !is_word_end (*after))
    return p;

  after = skip_spaces (after);
  /* A bare roman numeral needs punctuation after it, or the "I" of
   * "I Annexes" could be a word. */
  if (roman && !is_separator (*after))
    return p;
  while (is_separator (*after))
    after = skip_spaces (after + 1);
  return after;
}

static const Keyword *
match_keyword (const char  *p,
               const char **end)
{
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if ((*end = skip_word (p, keywords[i].word)) != NULL)
      return &keywords[i];
  return NULL;
}

static guint
count_words (const char *p)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (; *p != '\0'; p++)
    {
      gboolean space = *p == ' ';

      if (!space && !in_word)
        n++;
      in_word = !space;
    }
  return n;
}

/* "Annexes ........ 23", "Annexes _____ 23", "Annexes . . . 23" */
static gboolean
has_leaders (const char *p)
{
  return strstr (p, "..") != NULL || strstr (p, ". . .") != NULL || strstr (p, "__") != NULL;
}

/* A table of contents ends its lines with a page number: "Annexes 23". */
static gboolean
ends_with_page_number (const char *p)
{
  gsize len = strlen (p);
  gsize digits = 0;

  while (digits < len && g_ascii_isdigit (p[len - digits - 1]))
    digits++;
  return digits > 0 && digits <= 3;
}

/* Running text, as opposed to a title: long, or a full sentence. */
static gboolean
looks_like_sentence (const char *p)
{
  guint words = count_words (p);

  return words > 14 ||
         (g_str_has_suffix (p, ".") && words > 6) ||
         strstr (p, ". ") != NULL;
}

/* What follows the keyword: "", ": Organigramme", "1 — Organigramme",
 * "A", "IV : Budget"… */
static gboolean
match_after_keyword (const char *rest,
                     gboolean    plural,
                     gboolean    heading)
{
  const char *after_id;
  gboolean separated = FALSE;

  if (has_leaders (rest))
    return FALSE;
  if (rest[0] == '\0' || ((rest[0] == ':' || rest[0] == '.') && rest[1] == '\0'))
    return TRUE;

  after_id = skip_annex_id (rest);
  if (after_id != NULL && !plural && *skip_spaces (after_id) == '\0')
    return TRUE; /* "Annexe 3" */
  if (ends_with_page_number (rest))
    return FALSE; /* "Annexes 23", "Annexe 1 — Organigramme 45" */

  if (after_id != NULL)
    rest = skip_spaces (after_id);
  while (is_separator (*rest))
    {
      separated = TRUE;
      rest = skip_spaces (rest + 1);
    }
  if (*rest == '\0')
    return TRUE;

  if (after_id == NULL && !separated)
    return count_words (rest) <= 2 && !g_str_has_suffix (rest, "."); /* "Annexes techniques" */
  /* "Annexe 3 présente le budget" is a sentence, "Annexe 3 Budget" a title. */
  if (heading && !separated && !g_unichar_isupper (g_utf8_get_char (rest)))
    return FALSE;
  return !looks_like_sentence (rest);
}

/* "A N N E X E S": a heading set with wide letter spacing comes out of the
 * text layer one letter at a time. Takes @text. */
static char *
unspace_letters (char *text)
{
  gsize len = strlen (text);
  gsize i;

  if (len < 9 || len % 2 == 0)
    return text;
  for (i = 0; i < len; i += 2)
    if (!g_ascii_isalpha (text[i]) || (i + 1 < len && text[i + 1] != ' '))
      return text;
  for (i = 0; i < len; i += 2)
    text[i / 2] = text[i];
  text[(len + 1) / 2] = '\0';
  return text;
}

/* "Annexé au rapport" is not a heading: only the accent tells it apart. */
static gboolean
is_participle (const char *line)
{
  g_autofree char *nfc = g_utf8_normalize (line, -1, G_NORMALIZE_NFC);
  g_autofree char *lower = nfc != NULL ? g_utf8_strdown (nfc, -1) : NULL;
  const char *at = lower != NULL ? strstr (lower, "annex") : NULL;

  return at != NULL && g_str_has_prefix (at + strlen ("annex"), "\xc3\xa9");
}

static gboolean
match_annex_title (const char *line,
                   gboolean    heading)
{
  g_autofree char *plain = NULL;
  const Keyword *keyword;
  const char *start;
  const char *rest;

  if (line == NULL || strlen (line) > 200 || is_participle (line))
    return FALSE;

  plain = unspace_letters (unaccent (line));
  start = skip_section_number (plain);
  keyword = match_keyword (start, &rest);
  if (keyword == NULL)
    return FALSE;

  rest = skip_spaces (rest);
  /* In a page's text, "annexes" in lower case is running text
   * ("… cf. annexes"), unless it is all the line holds. */
  if (heading && !g_ascii_isupper (start[0]) && *rest != '\0')
    return FALSE;
  return match_after_keyword (rest, keyword->plural, heading);
}

/**
 * preuves_pdf_title_names_annexes:
 * @title: the title of an outline (bookmark) entry
 *
 * Whether @title starts the annexes: "Annexes", "ANNEXE 1 — Organigramme",
 * "5. Annexes", "Appendix A"…, but not "Table des annexes" or
 * "Annexes ..... 23". Accents and case do not matter.
 */
gboolean
preuves_pdf_title_names_annexes (const char *title)
{
  g_return_val_if_fail (title != NULL, FALSE);

  return match_annex_title (title, FALSE);
}

/**
 * preuves_pdf_line_is_annex_heading:
 * @line: one line of text from the top of a page
 *
 * Like preuves_pdf_title_names_annexes(), but stricter, since any line of
 * running text may mention the annexes: "voir annexe 3", "Annexe 3
 * présente le budget." and "Annexes 23" (a table of contents) are not
 * headings.
 */
gboolean
preuves_pdf_line_is_annex_heading (const char *line)
{
  g_return_val_if_fail (line != NULL, FALSE);

  return match_annex_title (line, TRUE);
}

/**
 * preuves_pdf_line_numbered_annex_heading:
 * @line: one line of text from the top of a page
 *
 * "Annexe 1 — Organigramme 45", "ANNEXES 3": an annex heading with a page
 * number on the same line, as when the page number stands beside it, or
 * a line of a table of contents. The line alone cannot tell which: the
 * rest of the page does.
 *
 * Returns: the number after the heading, or 0 if @line is not an annex
 *   heading followed by a number of one to three digits
 */
guint
preuves_pdf_line_numbered_annex_heading (const char *line)
{
  g_autofree char *copy = NULL;
  char *digits;
  char *end;
  guint number;

  g_return_val_if_fail (line != NULL, 0);

  copy = g_strchomp (g_strdup (line));
  end = copy + strlen (copy);
  for (digits = end; digits > copy && g_ascii_isdigit (digits[-1]); digits--)
    ;
  if (end - digits < 1 || end - digits > 3 || digits == copy ||
      !g_unichar_isspace (g_utf8_get_char (g_utf8_find_prev_char (copy, digits))))
    return 0;
  number = (guint) g_ascii_strtoull (digits, NULL, 10);
  *digits = '\0';
  return number > 0 && match_annex_title (g_strchomp (copy), TRUE) ? number : 0;
}

/* ------------------------------------------------------------------ */
/* Pages                                                              */
/* ------------------------------------------------------------------ */

/* "12", "- 12 -", "Page 12", "p. 12", "12/62", "12 sur 62", "iv" */
static gboolean
is_page_number_line (const char *folded)
{
  const char *p = folded;
  const char *end;

  while (*p == '-' || *p == ' ')
    p++;
  if ((end = skip_word (p, "page")) != NULL || (end = skip_word (p, "p.")) != NULL)
    p = skip_spaces (end);
  else if (g_str_has_prefix (p, "p."))
    p = skip_spaces (p + 2);

  end = p + strspn (p, "0123456789");
  if (end == p)
    {
      end = p + strspn (p, "ivxlc");
      return end != p && *skip_spaces (end) == '\0';
    }
  p = skip_spaces (end);
  if (*p == '/' || (end = skip_word (p, "sur")) != NULL || (end = skip_word (p, "of")) != NULL)
    {
      p = skip_spaces (*p == '/' ? p + 1 : end);
      p += strspn (p, "0123456789");
    }
  while (*p == '-' || *p == ' ')
    p++;
  return *p == '\0';
}

static gboolean
is_one_of (const char         *folded,
           const char * const *titles,
           guint               n_titles)
{
  g_autofree char *bare = g_strdup (folded);

  g_strchomp (g_strdelimit (bare, ":.", ' '));
  for (guint i = 0; i < n_titles; i++)
    if (g_str_equal (bare, titles[i]))
      return TRUE;
  return FALSE;
}

/* A table of contents that goes on from the page before has no title, but
 * leader dots on many of its lines. */
static gboolean
has_leader_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL && n < 3; i++)
    if (has_leaders (lines[i]) || strstr (lines[i], "\xe2\x80\xa6\xe2\x80\xa6") != NULL)
      n++;
  return n >= 3;
}

/* The page a page-number line gives ("12", "- 12 -", "Page 12 sur 62"),
 * or the page number a table of contents line ends with ("Annexes 45",
 * "Annexes ........ 45"). 0 if none. */
static guint
page_reference (const char *folded,
                gboolean   *alone)
{
  const char *p = folded;
  gsize len = strlen (folded);
  gsize digits = 0;

  *alone = is_page_number_line (folded);
  if (*alone)
    {
      p += strcspn (p, "0123456789");
      return strspn (p, "0123456789") <= 3 ? (guint) g_ascii_strtoull (p, NULL, 10) : 0;
    }
  while (digits < len && g_ascii_isdigit (folded[len - digits - 1]))
    digits++;
  if (digits == 0 || digits > 3 || digits == len || folded[len - digits - 1] != ' ')
    return 0;
  /* A line of running text may end with a number too. */
  p = folded + len - digits;
  if (count_words (folded) > 12 || (looks_like_sentence (folded) && !has_leaders (folded)))
    return 0;
  return (guint) g_ascii_strtoull (p, NULL, 10);
}

/* Lines of words that end with a page number ("Introduction 3"). */
static guint
count_contents_entries (const char *text,
                        guint       n_pages)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *folded = fold (lines[i]);
      gboolean alone;
      guint number = page_reference (folded, &alone);

      if (number > 0 && number <= n_pages && !alone)
        n++;
    }
  return n;
}

/* "Annexes 18", or "Annexes" with "18" on the next line, is an annex
 * heading with its page number beside it, or a line of a table of
 * contents that names the annexes, with no title to say so. A table of
 * contents points forward, to where the annexes are (a heading page
 * gives its own number, or an earlier one if the cover is not counted),
 * or lists several lines that end with page numbers, as one at the end
 * of a document does. Only pages with such a heading get here, so
 * reading all their lines costs the scan nothing. */
static gboolean
is_contents_line (const char *text,
                  guint       page,
                  guint       n_pages,
                  guint       number)
{
  return number > page || count_contents_entries (text, n_pages) > 3;
}

/* The page number alone on @line ("18", "- 18 -"), or 0. */
static guint
number_on_next_line (const char *line)
{
  g_autofree char *folded = line != NULL ? fold (line) : NULL;
  gboolean alone;
  guint number = folded != NULL ? page_reference (folded, &alone) : 0;

  return alone ? number : 0;
}

typedef struct
{
  GHashTable *seen; /* folded top lines of earlier pages: running headers */
  gboolean    text_layer;
  guint       page; /* 1-based */
  guint       n_pages;
} Scan;

/* Looks at the first lines of one page. A line that was already at the
 * top of an earlier page is a running header ("Mémoire — J. Dupont") and
 * is skipped, as are page numbers; a page that opens with "Sommaire" or
 * "Table des matières" is a table of contents and holds no heading. A
 * "Liste des annexes" opens the annexes only in the back half. The first
 * page (the cover) never does. */
static gboolean
page_opens_annexes (Scan       *scan,
                    const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", TOP_LINES_RAW + 1);
  g_autoptr(GPtrArray) top = g_ptr_array_new_with_free_func (g_free);
  gboolean may_start = scan->page > 1;
  gboolean back = scan->page > scan->n_pages / 2;
  gboolean listed = FALSE;
  gboolean heading = FALSE;
  guint number = 0;
  gboolean toc = FALSE;

  for (guint i = 0; lines[i] != NULL && i < TOP_LINES_RAW && top->len < TOP_LINES; i++)
    {
      g_autofree char *folded = fold (lines[i]);
      const char *line = g_strstrip (lines[i]);

      if (folded[0] == '\0' || is_page_number_line (folded))
        continue;
      if (g_hash_table_contains (scan->seen, folded))
        continue;
      if (is_one_of (folded, annex_list_titles, G_N_ELEMENTS (annex_list_titles)))
        {
          listed = listed || (!toc && may_start && back);
          toc = TRUE;
        }
      toc = toc || is_one_of (folded, toc_titles, G_N_ELEMENTS (toc_titles));
      if (!toc && may_start && !heading)
        {
          heading = preuves_pdf_line_is_annex_heading (line);
          if (heading)
            number = number_on_next_line (lines[i + 1]);
          else if ((number = preuves_pdf_line_numbered_annex_heading (line)) > 0)
            heading = TRUE;
        }
      g_ptr_array_add (top, g_steal_pointer (&folded));
    }

  for (guint i = 0; i < top->len; i++)
    g_hash_table_add (scan->seen, g_steal_pointer (&top->pdata[i]));
  if (!(listed || heading) || has_leader_lines (text))
    return FALSE;
  return listed || number == 0 || !is_contents_line (text, scan->page, scan->n_pages, number);
}

static gboolean
has_visible_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Reads pages in order and stops at the first annex heading: on a long
 * document with its annexes near the end, most of the cost is here.
 * Returns 0 if no page starts the annexes. */
static guint
find_annex_heading (PopplerDocument *document,
                    gboolean        *text_layer)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int n_pages = poppler_document_get_n_pages (document);
  Scan scan = { seen, FALSE, 0, n_pages };

  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *text = page != NULL ? poppler_page_get_text (page) : NULL;
      gboolean found;

      g_clear_object (&page);
      if (text == NULL || !has_visible_text (text))
        continue;
      scan.text_layer = TRUE;
      scan.page = i + 1;
      found = page_opens_annexes (&scan, text);
      if (found)
        {
          *text_layer = TRUE;
          return i + 1;
        }
    }
  *text_layer = scan.text_layer;
  return 0;
}

/* Without extracting any text: are there fonts on the first pages? */
static gboolean
has_fonts (PopplerDocument *document)
{
  g_autoptr(GObject) info = G_OBJECT (poppler_font_info_new (document));
  PopplerFontsIter *iter = NULL;
  int n_pages = MIN (poppler_document_get_n_pages (document), FONT_SCAN_PAGES);
  gboolean found;

  found = poppler_font_info_scan (POPPLER_FONT_INFO (info), n_pages, &iter) && iter != NULL;
  g_clear_pointer (&iter, poppler_fonts_iter_free);
  return found;
}

/* ------------------------------------------------------------------ */
/* Outline                                                            */
/* ------------------------------------------------------------------ */

static guint
action_page (PopplerDocument *document,
             PopplerAction   *action)
{
  PopplerDest *dest;
  int page;

  if (action == NULL || action->type != POPPLER_ACTION_GOTO_DEST || action->goto_dest.dest == NULL)
    return 0;

  dest = action->goto_dest.dest;
  if (dest->type == POPPLER_DEST_NAMED)
    {
      PopplerDest *named = dest->named_dest != NULL ? poppler_document_find_dest (document, dest->named_dest) : NULL;

      page = named != NULL ? named->page_num : 0;
      g_clear_pointer (&named, poppler_dest_free);
    }
  else
    page = dest->page_num;

  return page >= 1 && page <= poppler_document_get_n_pages (document) ? (guint) page : 0;
}

typedef struct
{
  PopplerDocument  *document;
  PreuvesPdfReport *report;
  guint             walked;
  guint             annex_page;
} OutlineWalk;

/* Depth-first, in document order; the first annex entry that points to a
 * page after the first one wins ("Annexes" before its "Annexe 1"). */
static void
walk_outline (OutlineWalk      *walk,
              PopplerIndexIter *iter,
              guint             depth)
{
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      const char *title = action != NULL ? action->any.title : NULL;
      guint page = action_page (walk->document, action);
      PopplerIndexIter *child;

      preuves_pdf_report_add_outline_item (walk->report, title, depth, page);
      if (walk->annex_page == 0 && page >= 2 && title != NULL &&
          preuves_pdf_title_names_annexes (title))
        walk->annex_page = page;
      g_clear_pointer (&action, poppler_action_free);

      if (++walk->walked >= MAX_OUTLINE_WALK)
        return;
      child = depth < MAX_OUTLINE_DEPTH ? poppler_index_iter_get_child (iter) : NULL;
      if (child != NULL)
        walk_outline (walk, child, depth + 1);
      g_clear_pointer (&child, poppler_index_iter_free);
    }
  while (walk->walked < MAX_OUTLINE_WALK && poppler_index_iter_next (iter));
}

static guint
read_outline (PopplerDocument  *document,
              PreuvesPdfReport *report)
{
  OutlineWalk walk = { document, report, 0, 0 };
  PopplerIndexIter *iter = poppler_index_iter_new (document);

  if (iter == NULL)
    return 0;
  walk_outline (&walk, iter, 0);
  poppler_index_iter_free (iter);
  return walk.annex_page;
}

/* ------------------------------------------------------------------ */
/* Opening                                                            */
/* ------------------------------------------------------------------ */

static gboolean
has_pdf_header (const guint8 *head,
                gsize         len)
{
  for (gsize i = 0; i + 5 <= len; i++)
    if (memcmp (head + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

/* poppler needs to seek (the cross-reference table is at the end), and a
 * pipe cannot: copy it into an anonymous in-memory file, which poppler then
 * reads like any file instead of holding a second copy in our address
 * space. Checks the header on the way, so that a file that is not a PDF is
 * turned away without reading it all. Closes @fd. */
static int
copy_to_memfd (int      fd,
               gsize   *size,
               guint8  *head,
               GError **error)
{
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  int copy = memfd_create ("preuves-pdf", MFD_CLOEXEC);
  gsize total = 0;
  gssize n;

  while (copy >= 0 && (n = read (fd, buffer, 64 * 1024)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 || !write_all (copy, buffer, n))
        break;
      if (total < HEADER_WINDOW)
        memcpy (head + total, buffer, MIN ((gsize) n, HEADER_WINDOW - total));
      total += n;
      if (total >= HEADER_WINDOW && !has_pdf_header (head, HEADER_WINDOW))
        break;
    }
  close (fd);

  *size = total;
  if (copy < 0 || lseek (copy, 0, SEEK_SET) != 0)
    {
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0));
      if (copy >= 0)
        close (copy);
      return -1;
    }
  return copy;
}

/* Returns a seekable descriptor on the document and its first bytes. */
static int
seekable_fd (int      fd,
             gsize   *size,
             guint8  *head,
             GError **error)
{
  struct stat st;
  gssize n;

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    return copy_to_memfd (fd, size, head, error);

  do
    n = pread (fd, head, HEADER_WINDOW, 0);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      close (fd);
      g_propagate_error (error, preuves_pdf_error_new (PREUVES_PDF_ERROR_DAMAGED, 0));
      return -1;
    }
  *size = st.st_size;
  return fd;
}

/* Whether @data holds a page object: the name /Page, not /Pages or
 * /PageMode, which only a page's /Type uses. */
static gboolean
has_page_name (const guint8 *data,
               gsize         length)
{
  static const char name[] = "/Page";
  const gsize n = sizeof name - 1;

  for (gsize i = 0; i + n < length; i++)
    if (data[i] == '/' && memcmp (data + i, name, n) == 0 &&
        strchr (" \t\r\n\f/<>[]()%", data[i + n]) != NULL && data[i + n] != '\0')
      return TRUE;
  return FALSE;
}

/* poppler says "no pages" both for a document that has none and for one
 * whose page tree it refused (a /Count of 2 147 483 647 on one page). A
 * file that holds a page object is then damaged, not empty. Reads @fd
 * with pread, a block at a time, and closes it. */
static gboolean
claims_pages (int fd)
{
  g_autofree guint8 *block = g_malloc (64 * 1024);
  const gsize overlap = 8;
  gsize offset = 0;
  gboolean found = FALSE;
  gssize n;

  while (!found && (n = pread (fd, block, 64 * 1024, offset)) > 0)
    {
      found = has_page_name (block, n);
      if ((gsize) n <= overlap)
        break;
      offset += n - overlap;
    }
  close (fd);
  return found;
}

static PopplerDocument *
open_document (int      fd,
               GError **error)
{
  g_autoptr(GError) local_error = NULL;
  guint8 head[HEADER_WINDOW] = { 0 };
  PopplerDocument *document;
  gsize size = 0;
  int scan_fd;

  fd = seekable_fd (fd, &size, head, error);
  if (fd < 0)
    return NULL;

  if (size == 0 || !has_pdf_header (head, MIN (size, HEADER_WINDOW)))
    {
      close (fd);
      g_propagate_error (error, preuves_pdf_error_new (size == 0 ? PREUVES_PDF_ERROR_EMPTY : PREUVES_PDF_ERROR_NOT_PDF, 0));
      return NULL;
    }

  /* poppler owns @fd from here, whatever happens. */
  scan_fd = fcntl (fd, F_DUPFD_CLOEXEC, 0);
  document = poppler_document_new_from_fd (fd, NULL, &local_error);
  if (document == NULL)
    {
      gboolean encrypted = g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED);

      if (scan_fd >= 0)
        close (scan_fd);
      g_propagate_error (error, preuves_pdf_error_new (encrypted ? PREUVES_PDF_ERROR_ENCRYPTED : PREUVES_PDF_ERROR_DAMAGED, 0));
      return NULL;
    }
  if (poppler_document_get_n_pages (document) < 1)
    {
      gboolean damaged = scan_fd >= 0 && claims_pages (scan_fd);

      g_object_unref (document);
      g_propagate_error (error, preuves_pdf_error_new (damaged ? PREUVES_PDF_ERROR_DAMAGED : PREUVES_PDF_ERROR_EMPTY, 0));
      return NULL;
    }
  if (scan_fd >= 0)
    close (scan_fd);
  return document;
}

/**
 * preuves_pdf_open_fd:
 * @fd: a readable descriptor on the document; this function closes it
 *
 * Opens a document for the probe's other modes (a page drawn as a
 * thumbnail), with the same checks and errors as preuves_pdf_analyze_fd().
 *
 * Returns: (transfer full): a document with at least one page
 */
PopplerDocument *
preuves_pdf_open_fd (int      fd,
                     GError **error)
{
  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_document (fd, error);
}

/**
 * preuves_pdf_analyze_fd:
 * @fd: a readable descriptor on the document (a file, a pipe or a socket);
 *   this function closes it
 * @find_annexes: %FALSE when the user set the start of the annexes, so
 *   that no time is spent looking for it
 * @error: a #PREUVES_PDF_ERROR
 *
 * Counts the pages and finds where the annexes start: from the outline
 * when it names them (no text is extracted then), else from the first
 * page whose top lines are an annex heading. When neither says, the report
 * has method "none" and counts every page.
 */
PreuvesPdfReport *
preuves_pdf_analyze_fd (int       fd,
                        gboolean  find_annexes,
                        GError  **error)
{
  g_autoptr(PreuvesPopplerDocument) document = NULL;
  g_autoptr(PreuvesPdfReport) report = NULL;
  PreuvesAnnexMethod method = PREUVES_ANNEX_METHOD_NONE;
  gboolean text_layer;
  guint annex_start;

  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  document = open_document (fd, error);
  if (document == NULL)
    return NULL;

  report = preuves_pdf_report_new (poppler_document_get_n_pages (document), FALSE);
  annex_start = read_outline (document, report);
  if (!find_annexes || annex_start > 0)
    {
      text_layer = has_fonts (document);
      if (find_annexes)
        method = PREUVES_ANNEX_METHOD_OUTLINE;
      else
        annex_start = 0;
    }
  else
    {
      annex_start = find_annex_heading (document, &text_layer);
      if (annex_start > 0)
        method = PREUVES_ANNEX_METHOD_HEADING;
    }

  preuves_pdf_report_set_text_layer (report, text_layer);
  if (!preuves_pdf_report_set_annex_start (report, annex_start, method, error))
    return NULL;
  return g_steal_pointer (&report);
}
