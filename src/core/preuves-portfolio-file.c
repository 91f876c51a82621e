/* preuves-portfolio-file.c — portfolios that travel: checking a file from
 * someone else, importing it into a fresh portfolio, saving a copy
 *
 * Copyright 2026 The Preuves authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "preuves-blob-store.h"
#include "preuves-document-check.h"
#include "preuves-portfolio-file.h"
#include "preuves-portfolio-private.h"
#include "preuves-schema.h"

G_DEFINE_QUARK (preuves-portfolio-file-error-quark, preuves_portfolio_file_error)

/* Documents are stored in chunks of PREUVES_BLOB_CHUNK_SIZE: a value read
 * from a file from someone else may be a little larger, never much larger. */
#define VALUE_LENGTH_MAX (PREUVES_BLOB_CHUNK_SIZE + 3 * 1024 * 1024)

/* The progress handler runs every PROGRESS_OPS virtual machine
 * instructions. The budget grows with the size of the file, so that only
 * a file crafted to make SQLite work far beyond its size runs it out. */
#define PROGRESS_OPS 1000
#define BUDGET_BASE_TICKS 200000
#define BUDGET_TICKS_PER_PAGE 100

#define SQLITE_HEADER_SIZE 100
static const char sqlite_magic[16] = "SQLite format 3";

typedef struct
{
  GCancellable *cancellable;
  guint64       ticks;
  guint64       budget;
} WorkBudget;

/* What the 100-byte SQLite header says, read before SQLite sees the file. */
typedef struct
{
  guint32 page_size;
  guint32 page_count;  /* 0 when the header's count is not reliable */
  guint32 user_version;
  guint32 application_id;
  goffset file_size;
} FileHeader;

/* A connection on a file from someone else, and its work budget (which the
 * progress handler points at, so it lives as long as the connection). */
typedef struct
{
  sqlite3    *db;
  WorkBudget  budget;
  char       *display_name;
} UntrustedDb;

static void
untrusted_db_free (UntrustedDb *self)
{
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->display_name);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UntrustedDb, untrusted_db_free)

static void
finalize_stmt (sqlite3_stmt *stmt)
{
  sqlite3_finalize (stmt);
}

typedef sqlite3_stmt PreuvesFileStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreuvesFileStmt, finalize_stmt)

static gboolean
set_damaged (GError     **error,
             const char  *detail)
{
  /* SQLite's own messages may quote bytes of the damaged file: make them
   * valid UTF-8 before they reach a label or a terminal. */
  g_autofree char *valid_detail = g_utf8_make_valid (detail, -1);

  g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_DAMAGED,
               /* Translators: %s says what is wrong, e.g. “the table “link” is missing” */
               _("This portfolio is damaged (%s). Ask the sender for a new copy."),
               valid_detail);
  return FALSE;
}

static gboolean
set_unsafe (GError     **error,
            const char  *element)
{
  g_set_error (error, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNSAFE,
               /* Translators: %s names the element, e.g. “trigger “x”” */
               _("This portfolio contains elements Preuves does not allow (%s). It was not opened."),
               element);
  return FALSE;
}

static gboolean
set_not_a_portfolio (GError     **error,
                     const char  *display_name)
{
  g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_A_PORTFOLIO,
               _("“%s” is not a Preuves portfolio. Choose a portfolio saved by Preuves, or ask its sender for a new copy."),
               display_name);
  return FALSE;
}

/* Errors met while reading a file from someone else. Its content is
 * suspect, so most SQLite errors mean "damaged"; running out of the work
 * budget is told apart from a cancellation. */
static gboolean
set_untrusted_error (GError      **error,
                     UntrustedDb  *udb,
                     int           rc)
{
  g_autofree char *detail = NULL;

  if ((rc & 0xff) == SQLITE_INTERRUPT)
    {
      if (g_cancellable_set_error_if_cancelled (udb->budget.cancellable, error))
        return FALSE;
      g_set_error (error, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_TOO_COMPLEX,
                   _("Checking “%s” took far more work than a portfolio of its size needs, so it was stopped. Ask the sender for a new copy."),
                   udb->display_name);
      return FALSE;
    }

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return set_not_a_portfolio (error, udb->display_name);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
    case SQLITE_NOMEM:
      return preuves_portfolio_set_sqlite_error (error, udb->db, rc);
    default:
      detail = g_strdup (udb->db != NULL ? sqlite3_errmsg (udb->db) : sqlite3_errstr (rc));
      return set_damaged (error, detail);
    }
}

static int
work_budget_cb (void *data)
{
  WorkBudget *budget = data;

  budget->ticks++;
  return budget->ticks > budget->budget || g_cancellable_is_cancelled (budget->cancellable);
}

static guint32
read_be32 (const guint8 *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) | ((guint32) bytes[2] << 8) | bytes[3];
}

/* Reads the SQLite header ourselves, so that a file which is not SQLite at
 * all, or was cut off on the way, is refused before SQLite parses it. */
static gboolean
read_header (GFile         *file,
             const char    *display_name,
             FileHeader    *header,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  guint8 bytes[SQLITE_HEADER_SIZE];
  gsize n_read = 0;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, error);
  if (info == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), bytes, sizeof bytes, &n_read, cancellable, error))
    return FALSE;

  header->file_size = g_file_info_get_size (info);
  if (header->file_size == 0)
    {
      g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_NOT_A_PORTFOLIO,
                   _("“%s” is empty. It is not a Preuves portfolio: ask the sender for the file again."),
                   display_name);
      return FALSE;
    }
  if (n_read < sizeof bytes || memcmp (bytes, sqlite_magic, sizeof sqlite_magic) != 0)
    return set_not_a_portfolio (error, display_name);

  header->page_size = (bytes[16] << 8) | bytes[17];
  if (header->page_size == 1)
    header->page_size = 65536;
  header->user_version = read_be32 (bytes + 60);
  header->application_id = read_be32 (bytes + 68);
  /* The page count in the header is only valid when the change counter
   * matches "version-valid-for" (files written by SQLite ≥ 3.7.0). */
  header->page_count = 0;
  if (memcmp (bytes + 24, bytes + 92, 4) == 0)
    header->page_count = read_be32 (bytes + 28);
  return TRUE;
}

static gboolean
check_header (const FileHeader  *header,
              const char        *display_name,
              GError           **error)
{
  if (header->page_size < 512 || header->page_size > 65536 ||
      (header->page_size & (header->page_size - 1)) != 0)
    return set_damaged (error, _("its header is not valid"));

  if (header->application_id != PREUVES_APPLICATION_ID)
    return set_not_a_portfolio (error, display_name);

  if (header->file_size % header->page_size != 0 ||
      header->file_size < (goffset) header->page_count * header->page_size)
    return set_damaged (error, _("the file is incomplete: it was probably cut off while being copied or sent"));

  return TRUE;
}

/* SQLite zeroes the header of a rollback journal once its changes are
 * committed or rolled back, and may leave the file behind (after a crash,
 * reopening rolls back and leaves it so): a journal whose first byte is
 * zero holds nothing to finish, and SQLite itself ignores it. */
static gboolean
journal_is_hot (const char *journal)
{
  int fd = g_open (journal, O_RDONLY | O_CLOEXEC, 0);
  guint8 first = 1;

  if (fd < 0)
    return TRUE;
  if (read (fd, &first, 1) != 1)
    first = 1;
  close (fd);
  return first != 0;
}

/* A file that comes from someone else is opened with immutable=1: SQLite
 * then takes no lock and never creates a journal, so nothing is written
 * beside it, and it works on read-only media and on files handed over by
 * the document portal, where locks are not reliable. The price is that
 * SQLite would ignore a hot journal beside the file, and read a half-written
 * state as if it were whole. So a journal (or a -wal file) beside the file
 * is checked for here, and refused: the changes it holds belong to the
 * program that was writing, and only that program can finish or undo them. */
static gboolean
check_no_journal (const char  *path,
                  const char  *display_name,
                  GError     **error)
{
  static const char * const suffixes[] = { "-journal", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *journal = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (journal, &st) == 0 && st.st_size > 0 && journal_is_hot (journal))
        {
          g_autofree char *journal_name = g_filename_display_basename (journal);

          g_set_error (error, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNFINISHED,
                       _("“%s” has unfinished changes in “%s” beside it: another program is writing to it, or stopped while saving. Close that program, or ask the sender for a new copy."),
                       display_name, journal_name);
          return FALSE;
        }
    }
  return TRUE;
}

static const struct
{
  int id;
  int value;
} hardened_limits[] = {
  { SQLITE_LIMIT_LENGTH, VALUE_LENGTH_MAX },
  { SQLITE_LIMIT_SQL_LENGTH, 100000 },
  { SQLITE_LIMIT_COLUMN, 100 },
  { SQLITE_LIMIT_EXPR_DEPTH, 50 },
  { SQLITE_LIMIT_COMPOUND_SELECT, 4 },
  { SQLITE_LIMIT_VDBE_OP, 50000 },
  { SQLITE_LIMIT_FUNCTION_ARG, 8 },
  { SQLITE_LIMIT_ATTACHED, 0 },
  { SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 64 },
  { SQLITE_LIMIT_VARIABLE_NUMBER, 32 },
  { SQLITE_LIMIT_TRIGGER_DEPTH, 1 },
};

/* Everything SQLite lets us turn off for a database we did not write:
 * no writes to the schema or shadow tables even by a bug of ours, no
 * functions with side effects called from the schema, no triggers and no
 * views ever run, corrupt cells detected early, no memory-mapped reads. */
static int
harden (sqlite3 *db)
{
  static const int off_flags[] = {
    SQLITE_DBCONFIG_TRUSTED_SCHEMA,
    SQLITE_DBCONFIG_ENABLE_TRIGGER,
    SQLITE_DBCONFIG_ENABLE_VIEW,
    SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION,
  };
  int rc;

  rc = sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (off_flags); i++)
    rc = sqlite3_db_config (db, off_flags[i], 0, NULL);
  if (rc != SQLITE_OK)
    return rc;

  for (guint i = 0; i < G_N_ELEMENTS (hardened_limits); i++)
    sqlite3_limit (db, hardened_limits[i].id, hardened_limits[i].value);

  sqlite3_extended_result_codes (db, 1);
  return sqlite3_exec (db,
                       "PRAGMA cell_size_check = ON;"
                       "PRAGMA mmap_size = 0;"
                       "PRAGMA query_only = ON;",
                       NULL, NULL, NULL);
}

static UntrustedDb *
untrusted_db_open (const char        *path,
                   const char        *display_name,
                   const FileHeader  *header,
                   GCancellable      *cancellable,
                   GError           **error)
{
  g_autoptr(UntrustedDb) udb = g_new0 (UntrustedDb, 1);
  g_autofree char *uri = NULL;
  g_autofree char *uri_path = NULL;
  int rc;

  udb->display_name = g_strdup (display_name);
  udb->budget.cancellable = cancellable;
  udb->budget.budget = BUDGET_BASE_TICKS + (guint64) BUDGET_TICKS_PER_PAGE * (header->file_size / header->page_size);

  /* SQLite decodes %HH in URIs; escape everything but the path separators. */
  uri_path = g_uri_escape_string (path, "/", FALSE);
  uri = g_strconcat ("file:", uri_path, "?mode=ro&immutable=1", NULL);
  rc = sqlite3_open_v2 (uri, &udb->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc == SQLITE_OK)
    rc = harden (udb->db);
  if (rc != SQLITE_OK)
    {
      set_untrusted_error (error, udb, rc);
      return NULL;
    }
  sqlite3_progress_handler (udb->db, PROGRESS_OPS, work_budget_cb, &udb->budget);
  return g_steal_pointer (&udb);
}

static gboolean
query_int (UntrustedDb  *udb,
           const char   *sql,
           gint64       *value,
           GError      **error)
{
  g_autoptr(PreuvesFileStmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (udb->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_untrusted_error (error, udb, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc);
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Every version a released Preuves wrote is accepted, each held against
 * its own allow-list (check_schema()); the import migrates its fresh copy. */
static gboolean
check_version (UntrustedDb  *udb,
               int          *schema_version,
               GError      **error)
{
  gint64 application_id, version;

  if (!query_int (udb, "PRAGMA application_id", &application_id, error) ||
      !query_int (udb, "PRAGMA user_version", &version, error))
    return FALSE;

  if ((guint32) application_id != PREUVES_APPLICATION_ID)
    return set_not_a_portfolio (error, udb->display_name);
  if (version > PREUVES_SCHEMA_VERSION)
    {
      g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Preuves. Update Preuves to open it."),
                   udb->display_name);
      return FALSE;
    }
  /* Every Preuves sets the version in the transaction that creates the
   * tables: a portfolio below the oldest one was never written whole. */
  if (version < PREUVES_SCHEMA_VERSION_OLDEST)
    return set_damaged (error, _("its version number is not valid"));
  *schema_version = version;
  return TRUE;
}

static gboolean
check_quick (UntrustedDb  *udb,
             GError      **error)
{
  g_autoptr(PreuvesFileStmt) stmt = NULL;
  const char *result;
  int rc;

  /* One message is enough to refuse the file and to name the problem. */
  rc = sqlite3_prepare_v2 (udb->db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_untrusted_error (error, udb, rc);

  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    return set_damaged (error, result != NULL ? result : "quick_check");
  return TRUE;
}

/* ---- The schema allow-list ------------------------------------------- */

/* One line per column, foreign key or index column, as the pragmas see
 * it: two schemas that give the same description store the same things. */
static const char describe_table_sql[] =
  "SELECT 'col', cid, name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo (?1)"
  " UNION ALL SELECT 'fk', id, seq, \"table\", \"from\", \"to\", on_update || on_delete, \"match\""
  " FROM pragma_foreign_key_list (?1)"
  " UNION ALL SELECT 'tbl', ncol, wr, strict, type, NULL, NULL, NULL FROM pragma_table_list"
  "  WHERE schema = 'main' AND name = ?1";
static const char describe_index_sql[] =
  "SELECT 'idx', seqno, cid, name, desc, coll, key, NULL FROM pragma_index_xinfo (?1)";

static char *
describe_object (sqlite3     *db,
                 const char  *type,
                 const char  *name,
                 const char  *sql,
                 int         *rc)
{
  g_autoptr(PreuvesFileStmt) stmt = NULL;
  g_autoptr(GString) description = g_string_new (sql);
  gboolean is_table = g_str_equal (type, "table");

  *rc = sqlite3_prepare_v2 (db, is_table ? describe_table_sql : describe_index_sql, -1, &stmt, NULL);
  if (*rc != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append_c (description, '\n');
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, i);
          g_string_append_printf (description, "%s|", value != NULL ? value : "∅");
        }
    }
  if (*rc != SQLITE_DONE)
    return NULL;
  *rc = SQLITE_OK;
  return g_string_free (g_steal_pointer (&description), FALSE);
}

/* Whether the object whose head is @head may be looked at more closely:
 * only when its SQL is exactly the one of the @reference schema. The
 * pragmas that describe a table would connect a virtual table, running
 * its module on arguments from the file; this keeps them off anything
 * Preuves did not create itself. */
static gboolean
head_matches (GHashTable *reference,
              const char *key,
              const char *head)
{
  const char *wanted;
  gsize length = strlen (head);

  if (reference == NULL)
    return TRUE;
  wanted = g_hash_table_lookup (reference, key);
  return wanted != NULL && strncmp (wanted, head, length) == 0 &&
         (wanted[length] == '\n' || wanted[length] == '\0');
}

/* Maps "type:name" to a description of each object of the schema. Only
 * tables and indexes get described, and with a @reference only those that
 * match it: anything else is refused anyway. */
static GHashTable *
describe_schema (sqlite3    *db,
                 GHashTable *reference,
                 int        *rc)
{
  g_autoptr(GHashTable) schema = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(PreuvesFileStmt) stmt = NULL;

  *rc = sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema", -1, &stmt, NULL);
  if (*rc != SQLITE_OK)
    return NULL;
  while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *tbl_name = (const char *) sqlite3_column_text (stmt, 2);
      const char *sql = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *head = g_strdup_printf ("%s|%s", tbl_name ? tbl_name : "∅", sql ? sql : "∅");
      g_autofree char *key = NULL;
      char *description = NULL;

      if (type == NULL || name == NULL)
        {
          *rc = SQLITE_CORRUPT;
          return NULL;
        }
      key = g_strdup_printf ("%s:%s", type, name);
      if ((g_str_equal (type, "table") || g_str_equal (type, "index")) &&
          head_matches (reference, key, head))
        {
          description = describe_object (db, type, name, head, rc);
          if (description == NULL)
            return NULL;
        }
      g_hash_table_insert (schema, g_steal_pointer (&key),
                           description != NULL ? description : g_steal_pointer (&head));
    }
  if (*rc != SQLITE_DONE)
    return NULL;
  *rc = SQLITE_OK;
  return g_steal_pointer (&schema);
}

/* The schema a portfolio of @version must have, built the only way that
 * cannot drift from the real one: by creating a portfolio of that version
 * with the released migration steps. */
static GHashTable *
expected_schema (int      version,
                 GError **error)
{
  sqlite3 *db = NULL;
  GHashTable *schema = NULL;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      preuves_portfolio_set_sqlite_error (error, db, rc);
      sqlite3_close (db);
      return NULL;
    }
  if (preuves_schema_create_version (db, version, error))
    {
      schema = describe_schema (db, NULL, &rc);
      if (schema == NULL)
        preuves_portfolio_set_sqlite_error (error, db, rc);
    }
  sqlite3_close (db);
  return schema;
}

static char *
describe_element (const char *key)
{
  g_auto(GStrv) parts = g_strsplit (key, ":", 2);

  if (g_str_equal (parts[0], "table"))
    return g_strdup_printf (_("table “%s”"), parts[1]);
  if (g_str_equal (parts[0], "index"))
    return g_strdup_printf (_("index “%s”"), parts[1]);
  if (g_str_equal (parts[0], "trigger"))
    return g_strdup_printf (_("trigger “%s”"), parts[1]);
  if (g_str_equal (parts[0], "view"))
    return g_strdup_printf (_("view “%s”"), parts[1]);
  return g_strdup_printf (_("element “%s”"), parts[1]);
}

/* Statistics SQLite may keep after ANALYZE or PRAGMA optimize: harmless,
 * never copied, so allowed whether they are there or not. */
static gboolean
is_optional (const char *key)
{
  return g_str_has_prefix (key, "table:sqlite_stat");
}

static gboolean
check_schema (UntrustedDb  *udb,
              int           version,
              GError      **error)
{
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GHashTable) actual = NULL;
  GHashTableIter iter;
  const char *key, *description;
  int rc;

  expected = expected_schema (version, error);
  if (expected == NULL)
    return FALSE;
  actual = describe_schema (udb->db, expected, &rc);
  if (actual == NULL)
    return set_untrusted_error (error, udb, rc);

  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &description))
    {
      const char *wanted = g_hash_table_lookup (expected, key);

      if (wanted == NULL && is_optional (key))
        continue;
      if (wanted == NULL || !g_str_equal (wanted, description))
        {
          g_autofree char *element = describe_element (key);
          return set_unsafe (error, element);
        }
    }

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (!g_hash_table_contains (actual, key))
      {
        g_autofree char *element = describe_element (key);
        /* Translators: %s is an element, e.g. “table “link”” */
        g_autofree char *detail = g_strdup_printf (_("%s is missing"), element);
        return set_damaged (error, detail);
      }
  return TRUE;
}

/* ---- Progress ----------------------------------------------------------- */

/* Progress of one phase, mapped onto [base, base + span] of the whole. */
typedef struct
{
  PreuvesPortfolioFileProgress  func;
  gpointer                      data;
  double                        base;
  double                        span;
  double                        last;
} Progress;

static void
progress_report (Progress *progress,
                 double    phase_fraction)
{
  double fraction;

  if (progress == NULL || progress->func == NULL)
    return;
  fraction = progress->base + progress->span * CLAMP (phase_fraction, 0.0, 1.0);
  /* Reports only grow, in steps of 1 % at least, plus the very end. */
  if (fraction <= progress->last || (fraction - progress->last < 0.01 && fraction < 1.0))
    return;
  progress->last = fraction;
  progress->func (fraction, progress->data);
}

static void
progress_next_phase (Progress *progress,
                     double    span)
{
  if (progress == NULL)
    return;
  progress->base += progress->span;
  progress->span = span;
}

/* ---- Documents ------------------------------------------------------------ */

static char *
document_name (UntrustedDb *udb,
               const char  *sha256)
{
  g_autoptr(PreuvesFileStmt) stmt = NULL;
  const char *filename = NULL;

  if (sqlite3_prepare_v2 (udb->db,
                          "SELECT filename FROM attachment WHERE sha256 = ?1"
                          " UNION ALL SELECT filename FROM written_document WHERE sha256 = ?1"
                          " LIMIT 1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        filename = (const char *) sqlite3_column_text (stmt, 0);
    }
  if (filename != NULL && g_utf8_validate (filename, -1, NULL))
    return g_strdup (filename);
  return g_strndup (sha256, 12);
}

static gboolean
set_document_damaged (GError      **error,
                      UntrustedDb  *udb,
                      const char   *sha256,
                      gint64        missing_part)
{
  g_autofree char *name = document_name (udb, sha256);
  g_autofree char *detail = NULL;

  if (missing_part >= 0)
    {
      /* A printf macro inside a msgid would hide the string from xgettext. */
      g_autofree char *part = g_strdup_printf ("%" G_GINT64_FORMAT, missing_part + 1);

      /* Translators: the first %s is the number of the part, counted from 1 */
      detail = g_strdup_printf (_("part %s of the document “%s” is missing"), part, name);
    }
  else
    detail = g_strdup_printf (_("the document “%s” was altered: its content no longer matches its fingerprint"),
                              name);
  return set_damaged (error, detail);
}

/* Reads every chunk of one stored document in order, and holds them
 * against the recorded size and SHA-256. */
static gboolean
verify_blob (UntrustedDb   *udb,
             sqlite3_stmt  *chunks,
             const char    *sha256,
             gint64         size,
             GCancellable  *cancellable,
             gint64        *bytes_read,
             GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gint64 next_seq = 0, total = 0;
  int rc;

  sqlite3_reset (chunks);
  sqlite3_bind_text (chunks, 1, sha256, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (chunks)) == SQLITE_ROW)
    {
      const void *data;
      int n_bytes;

      if (sqlite3_column_int64 (chunks, 0) != next_seq)
        return set_document_damaged (error, udb, sha256, next_seq);
      data = sqlite3_column_blob (chunks, 1);
      n_bytes = sqlite3_column_bytes (chunks, 1);
      if (n_bytes > 0)
        g_checksum_update (checksum, data, n_bytes);
      total += n_bytes;
      *bytes_read += n_bytes;
      next_seq++;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_untrusted_error (error, udb, rc);

  if (total < size)
    return set_document_damaged (error, udb, sha256, next_seq);
  if (total > size || g_strcmp0 (g_checksum_get_string (checksum), sha256) != 0)
    return set_document_damaged (error, udb, sha256, -1);
  return TRUE;
}

static gboolean
verify_blobs (UntrustedDb                  *udb,
              PreuvesPortfolioFileSummary  *summary,
              Progress                     *progress,
              GCancellable                 *cancellable,
              GError                      **error)
{
  g_autoptr(PreuvesFileStmt) blobs = NULL;
  g_autoptr(PreuvesFileStmt) chunks = NULL;
  gint64 total_size, bytes_read = 0;
  int rc;

  if (!query_int (udb, "SELECT total (size) FROM blob", &total_size, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (udb->db, "SELECT sha256, size FROM blob ORDER BY sha256", -1, &blobs, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (udb->db, "SELECT seq, data FROM blob_chunk WHERE sha256 = ?1 ORDER BY seq",
                             -1, &chunks, NULL);
  if (rc != SQLITE_OK)
    return set_untrusted_error (error, udb, rc);

  while ((rc = sqlite3_step (blobs)) == SQLITE_ROW)
    {
      g_autofree char *sha256 = g_strdup ((const char *) sqlite3_column_text (blobs, 0));
      gint64 size = sqlite3_column_int64 (blobs, 1);

      if (sha256 == NULL)
        return set_damaged (error, _("a document has no fingerprint"));
      if (!verify_blob (udb, chunks, sha256, size, cancellable, &bytes_read, error))
        return FALSE;
      summary->n_documents++;
      summary->document_bytes += size;
      progress_report (progress, total_size > 0 ? (double) bytes_read / total_size : 1.0);
    }
  if (rc != SQLITE_DONE)
    return set_untrusted_error (error, udb, rc);
  return TRUE;
}

/* Every attachment and written document claims the size of its bytes; a
 * claim that differs from the stored document is damage, not a detail. */
static gboolean
check_sizes (UntrustedDb  *udb,
             GError      **error)
{
  g_autoptr(PreuvesFileStmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (udb->db,
                           "SELECT a.filename FROM attachment a JOIN blob b ON a.sha256 = b.sha256"
                           " WHERE a.size != b.size"
                           " UNION ALL SELECT w.filename FROM written_document w"
                           " JOIN blob b ON w.sha256 = b.sha256 WHERE w.size != b.size"
                           " LIMIT 1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *detail = g_strdup_printf (_("the size recorded for “%s” does not match the document"),
                                                 name != NULL ? name : "?");
      return set_damaged (error, detail);
    }
  if (rc != SQLITE_DONE)
    return set_untrusted_error (error, udb, rc);
  return TRUE;
}

static gboolean
check_foreign_keys (sqlite3      *db,
                    UntrustedDb  *udb,
                    GError      **error)
{
  g_autoptr(PreuvesFileStmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *detail =
        g_strdup_printf (_("a row of “%s” refers to a missing row of “%s”"),
                         (const char *) sqlite3_column_text (stmt, 0),
                         (const char *) sqlite3_column_text (stmt, 2));
      return set_damaged (error, detail);
    }
  if (rc != SQLITE_DONE)
    return udb != NULL ? set_untrusted_error (error, udb, rc)
                       : preuves_portfolio_set_sqlite_error (error, db, rc);
  return TRUE;
}

/* ---- Checking ------------------------------------------------------------- */

static char *
native_path (GFile   *file,
             GError **error)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_IO,
                   _("“%s” is not a local file. Copy it to this computer first."), uri);
    }
  return path;
}

/* Everything that can be learnt about @file without trusting it, in the
 * order that gives the most useful message: what the file is, whether it
 * is whole, whether it holds only what Preuves makes, whether its rows
 * and documents are consistent. Returns the open connection on success. */
static UntrustedDb *
open_and_check (GFile                        *file,
                PreuvesPortfolioFileSummary  *summary,
                Progress                     *progress,
                GCancellable                 *cancellable,
                GError                      **error)
{
  g_autoptr(UntrustedDb) udb = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display_name = NULL;
  FileHeader header;
  gint64 n_preuves;
  int version;

  path = native_path (file, error);
  if (path == NULL)
    return NULL;
  display_name = g_filename_display_basename (path);

  if (!read_header (file, display_name, &header, cancellable, error) ||
      !check_header (&header, display_name, error) ||
      !check_no_journal (path, display_name, error))
    return NULL;

  udb = untrusted_db_open (path, display_name, &header, cancellable, error);
  if (udb == NULL ||
      !check_version (udb, &version, error) ||
      !check_schema (udb, version, error) ||
      !check_quick (udb, error) ||
      !check_foreign_keys (udb->db, udb, error) ||
      !check_sizes (udb, error) ||
      !verify_blobs (udb, summary, progress, cancellable, error) ||
      !query_int (udb, "SELECT count(*) FROM preuve WHERE deleted = 0", &n_preuves, error))
    return NULL;

  summary->schema_version = version;
  summary->n_preuves = n_preuves;
  return g_steal_pointer (&udb);
}

gboolean
preuves_portfolio_file_check (GFile                        *file,
                              PreuvesPortfolioFileSummary  *summary,
                              GCancellable                 *cancellable,
                              GError                      **error)
{
  g_autoptr(UntrustedDb) udb = NULL;
  PreuvesPortfolioFileSummary found = { 0 };

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  udb = open_and_check (file, &found, NULL, cancellable, error);
  if (udb == NULL)
    return FALSE;
  if (summary != NULL)
    *summary = found;
  return TRUE;
}

/* ---- Writing files safely ------------------------------------------------- */

/* An empty file beside @dest_path, on the same file system so that the
 * final rename is atomic. Hidden, so that a file manager does not show a
 * half-written portfolio. */
static char *
create_temp_beside (const char  *dest_path,
                    GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (dest_path);
  g_autofree char *base = g_path_get_basename (dest_path);
  g_autofree char *temp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd;

  fd = g_mkstemp (temp);
  if (fd < 0)
    {
      int errsv = errno;
      g_autofree char *display_dir = g_filename_display_name (dir);

      g_set_error (error, PREUVES_PORTFOLIO_ERROR,
                   errsv == ENOSPC ? PREUVES_PORTFOLIO_ERROR_FULL : PREUVES_PORTFOLIO_ERROR_IO,
                   _("Could not write in the folder “%s”: %s. Choose another folder."),
                   display_dir, g_strerror (errsv));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&temp);
}

static void
remove_temp (const char *temp)
{
  g_autofree char *journal = g_strconcat (temp, "-journal", NULL);

  g_unlink (journal);
  g_unlink (temp);
}

static gboolean
fsync_path (const char  *path,
            gboolean     directory,
            GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0), 0);
  int errsv;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  errsv = errno;
  if (fd >= 0)
    close (fd);
  /* Some file systems cannot sync a directory; the file itself is synced. */
  if (directory && (errsv == EINVAL || errsv == EBADF))
    return TRUE;
  g_set_error (error, PREUVES_PORTFOLIO_ERROR,
               errsv == ENOSPC ? PREUVES_PORTFOLIO_ERROR_FULL : PREUVES_PORTFOLIO_ERROR_IO,
               _("Could not save the portfolio: %s."), g_strerror (errsv));
  return FALSE;
}

/* Makes the finished temporary file durable, then puts it in place in one
 * step: readers of @dest_path see the old file or the new one, never a mix. */
static gboolean
commit_temp (const char  *temp,
             const char  *dest_path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (dest_path);
  g_autofree char *journal = g_strconcat (temp, "-journal", NULL);

  /* A journal left beside the result would travel with it and be taken for
   * unfinished changes; with journal_mode=DELETE there must be none. */
  if (g_file_test (journal, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_IO,
                           _("Could not finish saving the portfolio: SQLite left a journal beside it. Try again."));
      return FALSE;
    }

  if (!fsync_path (temp, FALSE, error))
    return FALSE;
  if (g_rename (temp, dest_path) != 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (dest_path);

      g_set_error (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_IO,
                   _("Could not save “%s”: %s."), display, g_strerror (errsv));
      return FALSE;
    }
  return fsync_path (dir, TRUE, error);
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return preuves_portfolio_set_sqlite_error (error, db, rc);
  return TRUE;
}

/* ---- Leftovers of a killed import or copy ---------------------------------- */

/* Whether @name is one of create_temp_beside()'s names for a portfolio,
 * ".NAME.preuves.XXXXXX", or its SQLite journal. @temp_name is the name of
 * the temporary file itself (without "-journal"). */
static gboolean
is_portfolio_temporary (const char  *name,
                        char       **temp_name)
{
  g_autofree char *base = NULL;
  gsize length;

  if (name[0] != '.')
    return FALSE;
  base = g_str_has_suffix (name, "-journal")
         ? g_strndup (name, strlen (name) - strlen ("-journal")) : g_strdup (name);
  length = strlen (base);
  if (length < 1 + strlen (".preuves") + 7 || base[length - 7] != '.')
    return FALSE;
  for (gsize i = length - 6; i < length; i++)
    if (!g_ascii_isalnum (base[i]))
      return FALSE;
  if (strncmp (base + length - 7 - strlen (".preuves"), ".preuves", strlen (".preuves")) != 0)
    return FALSE;
  *temp_name = g_steal_pointer (&base);
  return TRUE;
}

/* Whether anyone holds a lock on @path: SQLite locks the file it writes,
 * so a temporary that a running import or copy is filling is locked. The
 * kernel's list of locks is read rather than the file opened: closing any
 * descriptor on a file drops the POSIX locks this process holds on it,
 * and an import may be running in another thread. When the list cannot
 * be read, the file counts as locked. A file that is gone holds no lock. */
static gboolean
is_locked (const char *path)
{
  g_autofree char *locks = NULL;
  g_autofree char *needle = NULL;
  struct stat st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  if (!g_file_get_contents ("/proc/locks", &locks, NULL, NULL))
    return TRUE;
  needle = g_strdup_printf (" %02x:%02x:%" G_GUINT64_FORMAT " ",
                            major (st.st_dev), minor (st.st_dev), (guint64) st.st_ino);
  return strstr (locks, needle) != NULL;
}

/**
 * preuves_portfolio_file_remove_stale_temporaries:
 * @dir: a folder of portfolios
 *
 * A killed import or copy leaves its hidden temporary file and journal
 * beside the destination, and nothing else would ever remove them. This
 * removes, in @dir only, the files named like Preuves' own temporaries
 * of a .preuves file that were last changed more than
 * PREUVES_PORTFOLIO_FILE_STALE_SECONDS ago and that no process has locked.
 * Blocks: call it from a thread.
 *
 * Returns: how many files were removed
 */
guint
preuves_portfolio_file_remove_stale_temporaries (GFile        *dir,
                                                 GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GFileInfo *info;
  guint removed = 0;

  g_return_val_if_fail (G_IS_FILE (dir), 0);

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  while (enumerator != NULL &&
         (info = g_file_enumerator_next_file (enumerator, cancellable, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      g_autoptr(GFile) temp = NULL;
      g_autoptr(GFile) file = NULL;
      g_autofree char *temp_name = NULL;
      g_autofree char *temp_path = NULL;
      guint64 modified = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
          !is_portfolio_temporary (g_file_info_get_name (info), &temp_name) ||
          now - (gint64) modified < PREUVES_PORTFOLIO_FILE_STALE_SECONDS)
        continue;
      temp = g_file_get_child (dir, temp_name);
      temp_path = g_file_get_path (temp);
      if (temp_path == NULL || is_locked (temp_path))
        continue;
      file = g_file_get_child (dir, g_file_info_get_name (info));
      if (g_file_delete (file, cancellable, NULL))
        removed++;
    }
  return removed;
}

/* ---- Importing ------------------------------------------------------------ */

/* No text a person writes in a portfolio comes near this. */
#define TEXT_LENGTH_MAX (1024 * 1024)

static char *
quote_identifier (const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "\"", -1);
  g_autofree char *escaped = g_strjoinv ("\"\"", parts);

  return g_strdup_printf ("\"%s\"", escaped);
}

/* The columns of @table as the fresh portfolio declares them: the copy
 * names each one, so that nothing of the source's layout is taken on
 * trust. Fills @select_sql and @insert_sql, returns the column names. */
static GStrv
copy_statements (sqlite3      *dest,
                 const char   *table,
                 char        **select_sql,
                 char        **insert_sql,
                 GError      **error)
{
  g_autoptr(PreuvesFileStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autofree char *quoted_table = quote_identifier (table);
  int rc, n = 0;

  rc = sqlite3_prepare_v2 (dest, "SELECT name FROM pragma_table_xinfo (?1) WHERE hidden = 0 ORDER BY cid",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      preuves_portfolio_set_sqlite_error (error, dest, rc);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *quoted = quote_identifier (name);

      g_strv_builder_add (names, name);
      g_string_append_printf (columns, "%s%s", n > 0 ? ", " : "", quoted);
      g_string_append_printf (values, "%s?%d", n > 0 ? ", " : "", n + 1);
      n++;
    }
  if (rc != SQLITE_DONE)
    {
      preuves_portfolio_set_sqlite_error (error, dest, rc);
      return NULL;
    }
  g_assert (n > 0);

  *select_sql = g_strdup_printf ("SELECT %s FROM %s", columns->str, quoted_table);
  *insert_sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", quoted_table, columns->str, values->str);
  return g_strv_builder_end (names);
}

/* Binds one value of the source row to the insert, refusing text that is
 * not UTF-8 or absurdly long. Types are enforced by the STRICT tables of
 * the fresh portfolio, which refuse a value of the wrong type. */
static gboolean
copy_value (sqlite3_stmt  *select,
            sqlite3_stmt  *insert,
            int            i,
            const char    *table,
            const char    *column,
            GError       **error)
{
  const char *text;
  int n_bytes;

  switch (sqlite3_column_type (select, i))
    {
    case SQLITE_INTEGER:
      sqlite3_bind_int64 (insert, i + 1, sqlite3_column_int64 (select, i));
      return TRUE;
    case SQLITE_FLOAT:
      sqlite3_bind_double (insert, i + 1, sqlite3_column_double (select, i));
      return TRUE;
    case SQLITE_BLOB:
      /* Static: the source row outlives the insert of its copy. */
      sqlite3_bind_blob (insert, i + 1, sqlite3_column_blob (select, i),
                         sqlite3_column_bytes (select, i), SQLITE_STATIC);
      return TRUE;
    case SQLITE_TEXT:
      text = (const char *) sqlite3_column_text (select, i);
      n_bytes = sqlite3_column_bytes (select, i);
      if (n_bytes > TEXT_LENGTH_MAX || !g_utf8_validate_len (text, n_bytes, NULL))
        {
          g_autofree char *detail = g_strdup_printf (_("the column “%s” of “%s” holds text that is not valid"),
                                                     column, table);
          return set_damaged (error, detail);
        }
      sqlite3_bind_text (insert, i + 1, text, n_bytes, SQLITE_STATIC);
      return TRUE;
    case SQLITE_NULL:
    default:
      sqlite3_bind_null (insert, i + 1);
      return TRUE;
    }
}

static gboolean
insert_row (sqlite3       *dest,
            sqlite3_stmt  *insert,
            const char    *table,
            GError       **error)
{
  int rc = sqlite3_step (insert);

  sqlite3_reset (insert);
  sqlite3_clear_bindings (insert);
  if (rc == SQLITE_DONE)
    return TRUE;
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_autofree char *detail = g_strdup_printf (_("a row of “%s” breaks a rule of portfolios: %s"),
                                                 table, sqlite3_errmsg (dest));
      return set_damaged (error, detail);
    }
  return preuves_portfolio_set_sqlite_error (error, dest, rc);
}

typedef struct
{
  gint64 done;
  gint64 total;
} RowCount;

static gboolean
copy_table (UntrustedDb   *udb,
            sqlite3       *dest,
            const char    *table,
            RowCount      *rows,
            Progress      *progress,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(PreuvesFileStmt) select = NULL;
  g_autoptr(PreuvesFileStmt) insert = NULL;
  g_autofree char *select_sql = NULL;
  g_autofree char *insert_sql = NULL;
  g_auto(GStrv) columns = NULL;
  int rc;

  columns = copy_statements (dest, table, &select_sql, &insert_sql, error);
  if (columns == NULL)
    return FALSE;
  rc = sqlite3_prepare_v2 (udb->db, select_sql, -1, &select, NULL);
  if (rc != SQLITE_OK)
    return set_untrusted_error (error, udb, rc);
  rc = sqlite3_prepare_v2 (dest, insert_sql, -1, &insert, NULL);
  if (rc != SQLITE_OK)
    return preuves_portfolio_set_sqlite_error (error, dest, rc);

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      for (int i = 0; columns[i] != NULL; i++)
        if (!copy_value (select, insert, i, table, columns[i], error))
          return FALSE;
      if (!insert_row (dest, insert, table, error))
        return FALSE;
      if (++rows->done % 64 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      progress_report (progress, (double) rows->done / MAX (rows->total, 1));
    }
  if (rc != SQLITE_DONE)
    return set_untrusted_error (error, udb, rc);
  return TRUE;
}

/* The tables of the fresh portfolio @dest, which has the version of the
 * source: those are the ones the source was checked to hold. */
static GStrv
list_tables (sqlite3  *dest,
             GError  **error)
{
  g_autoptr(PreuvesFileStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  int rc;

  rc = sqlite3_prepare_v2 (dest,
                           "SELECT name FROM sqlite_schema WHERE type = 'table'"
                           " AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY rowid",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      preuves_portfolio_set_sqlite_error (error, dest, rc);
      return NULL;
    }
  return g_strv_builder_end (names);
}

static gboolean
count_rows (UntrustedDb         *udb,
            const char * const  *tables,
            gint64              *total,
            GError             **error)
{
  *total = 0;
  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *quoted = quote_identifier (tables[i]);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", quoted);
      gint64 n;

      if (!query_int (udb, sql, &n, error))
        return FALSE;
      *total += n;
    }
  return TRUE;
}

/* Copies every table of the checked source, of schema @version, into a
 * fresh portfolio of that same version at @temp, then migrates the copy to
 * the current version, all in one transaction: the source is only ever
 * read, and a copy that fails to migrate is never committed. Foreign keys
 * are checked once after the copy, so the order of the tables does not
 * matter. */
static gboolean
fill_fresh_portfolio (UntrustedDb   *udb,
                      int            version,
                      const char    *temp,
                      Progress      *progress,
                      GCancellable  *cancellable,
                      GError       **error)
{
  sqlite3 *dest = NULL;
  g_auto(GStrv) tables = NULL;
  RowCount rows = { 0, 0 };
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (temp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  ok = rc == SQLITE_OK || preuves_portfolio_set_sqlite_error (error, dest, rc);
  ok = ok &&
       preuves_schema_create_version (dest, version, error) &&
       (tables = list_tables (dest, error)) != NULL &&
       count_rows (udb, (const char * const *) tables, &rows.total, error) &&
       exec_sql (dest, "BEGIN IMMEDIATE; PRAGMA defer_foreign_keys = ON;", error);
  for (guint i = 0; ok && tables[i] != NULL; i++)
    ok = copy_table (udb, dest, tables[i], &rows, progress, cancellable, error);
  /* The sender's page checks are not taken on trust: each is made again
   * here when its document is first shown. The annex starts set by hand
   * stay, as the sender's own reading of their document. */
  ok = ok &&
       check_foreign_keys (dest, NULL, error) &&
       preuves_schema_upgrade (dest, version, error) &&
       exec_sql (dest, "UPDATE page_check SET analysis = 0", error) &&
       exec_sql (dest, "COMMIT", error);
  if (!ok)
    sqlite3_exec (dest, "ROLLBACK", NULL, NULL, NULL);

  rc = sqlite3_close (dest);
  if (ok && rc != SQLITE_OK)
    ok = preuves_portfolio_set_sqlite_error (error, NULL, rc);
  return ok;
}

static gboolean
import_run (GFile         *source,
            GFile         *dest,
            Progress      *progress,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(UntrustedDb) udb = NULL;
  g_autofree char *dest_path = NULL;
  g_autofree char *temp = NULL;
  PreuvesPortfolioFileSummary summary = { 0 };

  dest_path = native_path (dest, error);
  if (dest_path == NULL)
    return FALSE;
  if (g_file_equal (source, dest))
    {
      g_set_error_literal (error, PREUVES_PORTFOLIO_ERROR, PREUVES_PORTFOLIO_ERROR_EXISTS,
                           _("A portfolio cannot be imported over itself. Choose another name."));
      return FALSE;
    }

  /* Checking reads every document: about half of the work. */
  progress->span = 0.5;
  udb = open_and_check (source, &summary, progress, cancellable, error);
  if (udb == NULL)
    return FALSE;
  progress_next_phase (progress, 0.5);

  temp = create_temp_beside (dest_path, error);
  if (temp == NULL)
    return FALSE;
  if (!fill_fresh_portfolio (udb, summary.schema_version, temp, progress, cancellable, error) ||
      !commit_temp (temp, dest_path, error))
    {
      remove_temp (temp);
      return FALSE;
    }
  progress_report (progress, 1.0);
  return TRUE;
}

gboolean
preuves_portfolio_file_import (GFile                         *source,
                               GFile                         *dest,
                               PreuvesPortfolioFileProgress   progress,
                               gpointer                       progress_data,
                               GCancellable                  *cancellable,
                               GError                       **error)
{
  Progress report = { progress, progress_data, 0.0, 0.0, 0.0 };

  g_return_val_if_fail (G_IS_FILE (source), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return import_run (source, dest, &report, cancellable, error);
}

/* Progress reported by a worker thread reaches the caller's main context
 * through idle sources; each pending report holds a reference, so the
 * caller's data lives until the last one has run, and is freed in that
 * context too, whichever thread drops the last reference. */
typedef struct
{
  gatomicrefcount               ref;
  PreuvesPortfolioFileProgress  func;
  gpointer                      data;
  GDestroyNotify                data_free;
  GMainContext                 *context;
} ProgressSink;

typedef struct
{
  ProgressSink *sink;
  double        fraction;
} ProgressEvent;

static ProgressSink *
progress_sink_ref (ProgressSink *sink)
{
  g_atomic_ref_count_inc (&sink->ref);
  return sink;
}

static gboolean
progress_sink_free_data_cb (gpointer user_data)
{
  ProgressSink *sink = user_data;

  if (sink->data_free != NULL)
    sink->data_free (sink->data);
  return G_SOURCE_REMOVE;
}

static void
progress_sink_free (gpointer user_data)
{
  ProgressSink *sink = user_data;

  g_main_context_unref (sink->context);
  g_free (sink);
}

static void
progress_sink_unref (ProgressSink *sink)
{
  g_autoptr(GSource) source = NULL;

  if (!g_atomic_ref_count_dec (&sink->ref))
    return;
  source = g_idle_source_new ();
  g_source_set_callback (source, progress_sink_free_data_cb, sink, progress_sink_free);
  g_source_set_static_name (source, "[preuves] import progress data");
  g_source_attach (source, sink->context);
}

static gboolean
progress_event_deliver (gpointer user_data)
{
  ProgressEvent *event = user_data;

  event->sink->func (event->fraction, event->sink->data);
  return G_SOURCE_REMOVE;
}

static void
progress_event_free (gpointer user_data)
{
  ProgressEvent *event = user_data;

  progress_sink_unref (event->sink);
  g_free (event);
}

/* Runs in the worker thread. An explicit idle source rather than
 * g_main_context_invoke(), which could call back in this thread. */
static void
progress_sink_report (double   fraction,
                      gpointer user_data)
{
  ProgressSink *sink = user_data;
  ProgressEvent *event = g_new (ProgressEvent, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  event->sink = progress_sink_ref (sink);
  event->fraction = fraction;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_event_deliver, event, progress_event_free);
  g_source_set_static_name (source, "[preuves] import progress");
  g_source_attach (source, sink->context);
}

typedef struct
{
  GFile        *source;
  GFile        *dest;
  ProgressSink *sink;
} FileTaskData;

static void
file_task_data_free (FileTaskData *data)
{
  g_clear_object (&data->source);
  g_clear_object (&data->dest);
  g_clear_pointer (&data->sink, progress_sink_unref);
  g_free (data);
}

static GTask *
file_task_new (GFile               *source,
               GFile               *dest,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  FileTaskData *data = g_new0 (FileTaskData, 1);

  data->source = g_object_ref (source);
  data->dest = g_object_ref (dest);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) file_task_data_free);
  /* Once dest is renamed into place the work is done: a late cancellation
   * must not report a failure that did not happen. */
  g_task_set_check_cancellable (task, FALSE);
  return task;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FileTaskData *data = task_data;
  Progress report = { NULL, data->sink, 0.0, 0.0, 0.0 };
  GError *error = NULL;

  if (data->sink != NULL)
    report.func = progress_sink_report;
  if (import_run (data->source, data->dest, &report, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
preuves_portfolio_file_import_async (GFile                         *source,
                                     GFile                         *dest,
                                     PreuvesPortfolioFileProgress   progress,
                                     gpointer                       progress_data,
                                     GDestroyNotify                 progress_data_free,
                                     GCancellable                  *cancellable,
                                     GAsyncReadyCallback            callback,
                                     gpointer                       user_data)
{
  g_autoptr(GTask) task = NULL;
  FileTaskData *data;

  g_return_if_fail (G_IS_FILE (source));
  g_return_if_fail (G_IS_FILE (dest));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = file_task_new (source, dest, preuves_portfolio_file_import_async,
                        cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  if (progress != NULL)
    {
      data->sink = g_new0 (ProgressSink, 1);
      g_atomic_ref_count_init (&data->sink->ref);
      data->sink->func = progress;
      data->sink->data = progress_data;
      data->sink->data_free = progress_data_free;
      data->sink->context = g_main_context_ref_thread_default ();
    }
  else if (progress_data_free != NULL)
    progress_data_free (progress_data);
  g_task_run_in_thread (task, import_thread);
}

gboolean
preuves_portfolio_file_import_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == preuves_portfolio_file_import_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Saving a copy -------------------------------------------------------- */

static int
cancelled_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

/* The source of a copy is a working portfolio, opened read-only: saving a
 * copy never changes it. A hot journal beside it cannot be rolled back on
 * a read-only connection; Preuves does that when it opens the portfolio,
 * so that is what the message asks for. */
static sqlite3 *
open_copy_source (const char    *source_path,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *uri_path = g_uri_escape_string (source_path, "/", FALSE);
  g_autofree char *uri = g_strconcat ("file:", uri_path, "?mode=ro", NULL);
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, 10000);
      if (cancellable != NULL)
        sqlite3_progress_handler (db, PROGRESS_OPS, cancelled_cb, cancellable);
    }
  if ((rc == SQLITE_OK || preuves_portfolio_set_sqlite_error (error, db, rc)) &&
      preuves_schema_check_header (db, NULL, error))
    return db;

  if (db != NULL && sqlite3_extended_errcode (db) == SQLITE_READONLY_ROLLBACK)
    {
      g_autofree char *display_name = g_filename_display_basename (source_path);

      g_clear_error (error);
      g_set_error (error, PREUVES_PORTFOLIO_FILE_ERROR, PREUVES_PORTFOLIO_FILE_ERROR_UNFINISHED,
                   _("“%s” has unfinished changes: a program stopped while saving it. Open it in Preuves to recover it, then save the copy again."),
                   display_name);
    }
  sqlite3_close (db);
  return NULL;
}

/* VACUUM INTO writes a consistent snapshot, holding a read lock for the
 * time it takes: a writer on another connection waits, then goes on. */
static gboolean
vacuum_into (const char    *source_path,
             const char    *temp,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(PreuvesFileStmt) stmt = NULL;
  sqlite3 *db;
  gboolean ok = TRUE;
  int rc;

  db = open_copy_source (source_path, cancellable, error);
  if (db == NULL)
    return FALSE;

  rc = sqlite3_prepare_v2 (db, "VACUUM INTO ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, temp, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    ok = g_cancellable_set_error_if_cancelled (cancellable, error) ? FALSE
         : preuves_portfolio_set_sqlite_error (error, db, rc);
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return ok;
}

/* The copy is opened once on its own: a rollback journal whatever the
 * source used, and a full integrity check before it replaces anything. */
static gboolean
check_copy (const char  *temp,
            GError     **error)
{
  g_autoptr(PreuvesFileStmt) stmt = NULL;
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (temp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  ok = (rc == SQLITE_OK || preuves_portfolio_set_sqlite_error (error, db, rc)) &&
       exec_sql (db, "PRAGMA journal_mode = DELETE", error);
  if (ok)
    {
      rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check(1)", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        ok = preuves_portfolio_set_sqlite_error (error, db, rc);
      else if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
        ok = set_damaged (error, (const char *) sqlite3_column_text (stmt, 0));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  rc = sqlite3_close (db);
  if (ok && rc != SQLITE_OK)
    ok = preuves_portfolio_set_sqlite_error (error, NULL, rc);
  return ok;
}

/* A copy goes to someone else, so it carries no deleted content: the
 * tombstones keep their uuid, revision and deleted flag (a merge needs them
 * to propagate the deletion, and the list of changes to say "removed"),
 * but lose what the user wrote in them, and the documents no live row
 * refers to are dropped, with the checks kept for bytes that are no
 * longer a written document. Only copies are purged: the working portfolio
 * keeps deleted content so that a deletion can be undone. Attachments go
 * to deleted = 1, as in preuves_portfolio_purge_deleted(): without their
 * bytes they must not come back with a restored preuve. */
static const char purge_deleted_sql[] =
  "UPDATE preuve SET title = '', situation = NULL, date_start = NULL, date_end = NULL,"
  "  kind = 'other' WHERE deleted != 0;"
  "UPDATE link SET justification = '' WHERE deleted != 0;"
  "UPDATE attachment SET filename = '', content_type = NULL, sha256 = NULL, size = 0,"
  "  deleted = 1 WHERE deleted != 0;"
  "UPDATE written_document SET filename = NULL, content_type = NULL, sha256 = NULL,"
  "  size = 0, check_error = NULL, checked_sha256 = NULL WHERE deleted != 0;"
  "UPDATE criterion_assessment SET note = NULL WHERE deleted != 0;"
  "UPDATE rehearsal SET note = NULL WHERE deleted != 0;"
  "UPDATE remark SET text = '', response = NULL WHERE deleted != 0;"
  "UPDATE names SET name = '' WHERE deleted != 0;";

/* Purges the copy at @temp in place, then VACUUMs it: VACUUM INTO copied
 * the deleted content too, and only a rebuilt file is sure to keep no
 * trace of it in free pages or in the free space of a page. */
static gboolean
purge_copy (const char  *temp,
            GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (temp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  ok = (rc == SQLITE_OK || preuves_portfolio_set_sqlite_error (error, db, rc)) &&
       preuves_schema_configure (db, error) &&
       exec_sql (db, "BEGIN IMMEDIATE", error);
  if (ok)
    {
      ok = exec_sql (db, purge_deleted_sql, error) &&
           preuves_blob_store_collect (db, error) &&
           preuves_document_check_forget_unused (db, error) &&
           exec_sql (db, "DELETE FROM blob_chunk WHERE sha256 NOT IN (SELECT sha256 FROM blob)", error) &&
           exec_sql (db, "COMMIT", error);
      if (!ok)
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
  ok = ok && exec_sql (db, "VACUUM", error);
  rc = sqlite3_close (db);
  if (ok && rc != SQLITE_OK)
    ok = preuves_portfolio_set_sqlite_error (error, NULL, rc);
  return ok;
}

gboolean
preuves_portfolio_file_save_copy (GFile         *source,
                                  GFile         *dest,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autofree char *source_path = NULL;
  g_autofree char *dest_path = NULL;
  g_autofree char *temp = NULL;

  g_return_val_if_fail (G_IS_FILE (source), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  source_path = native_path (source, error);
  dest_path = source_path != NULL ? native_path (dest, error) : NULL;
  if (dest_path == NULL)
    return FALSE;
  if (g_file_equal (source, dest))
    return TRUE;

  temp = create_temp_beside (dest_path, error);
  if (temp == NULL)
    return FALSE;
  if (!vacuum_into (source_path, temp, cancellable, error) ||
      !purge_copy (temp, error) ||
      !check_copy (temp, error) ||
      !commit_temp (temp, dest_path, error))
    {
      remove_temp (temp);
      return FALSE;
    }
  return TRUE;
}

static void
save_copy_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  FileTaskData *data = task_data;
  GError *error = NULL;

  if (preuves_portfolio_file_save_copy (data->source, data->dest, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
preuves_portfolio_file_save_copy_async (GFile               *source,
                                        GFile               *dest,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (source));
  g_return_if_fail (G_IS_FILE (dest));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = file_task_new (source, dest, preuves_portfolio_file_save_copy_async,
                        cancellable, callback, user_data);
  g_task_run_in_thread (task, save_copy_thread);
}

gboolean
preuves_portfolio_file_save_copy_finish (GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == preuves_portfolio_file_save_copy_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
