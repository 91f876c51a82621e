#!/bin/sh
# bench-status.sh — how long `preuves-cli status` takes on a large portfolio
#
# Copyright 2026 The Preuves authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/bench/bench-status.sh BUILDDIR
#
# Builds a portfolio of 2,000 preuves and 6,000 links (with criteria,
# rehearsals, remarks and both written documents), times `preuves-cli
# status` on it, then adds large attachments (BIG_MB MiB each, 3 of them,
# plus 64 KiB on every preuve) and times it again, next to the cheapest
# possible query, `sqlite3 FILE 'select count(*) from link'`, and to
# `preuves-cli --version` (starting the process and loading its libraries).
# Target: well under 100 ms, and the same with or without the attachments,
# because status never reads a document's bytes.
# Needs hyperfine, sqlite3 and jq. RUNS, BIG_MB and BENCH_KEEP (a folder
# where to keep the portfolios) tune it.

set -eu

if [ $# -ne 1 ]; then
  echo "Usage: $0 BUILDDIR" >&2
  exit 2
fi
builddir=$(cd "$1" && pwd)
runs=${RUNS:-30}
big_mb=${BIG_MB:-100}

for tool in hyperfine sqlite3 jq; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is needed" >&2; exit 2; }
done

meson compile -C "$builddir" src/cli/preuves-cli >/dev/null
cli="$builddir/src/cli/preuves-cli"

# BENCH_KEEP=DIR keeps the portfolios there, to profile them afterwards.
if [ -n "${BENCH_KEEP:-}" ]; then
  work=$BENCH_KEEP
  mkdir -p "$work"
  rm -f "$work/small.preuves" "$work/large.preuves"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
small="$work/small.preuves"
large="$work/large.preuves"

"$cli" new "$small" --candidate "Bench" --path formation >/dev/null

# The 63 sous-compétence ids, numbered from 0, from the référentiel itself.
"$cli" referential --json |
  jq -r '[.. | objects | select(has("sous_competences")) | .sous_competences[] | .id] | unique | to_entries[] | "(\(.key), '"'"'\(.value)'"'"'),"' |
  sed '$ s/,$/;/' > "$work/sc.sql"
n_sc=$(wc -l < "$work/sc.sql")

# Rows as the app writes them, in one transaction. Preuve p links to three
# different sous-compétences; one link in ten has no justification.
sqlite3 "$small" <<EOF
PRAGMA foreign_keys = ON;
BEGIN;
CREATE TEMP TABLE sc (n INTEGER PRIMARY KEY, id TEXT);
INSERT INTO sc VALUES $(cat "$work/sc.sql")
WITH RECURSIVE p(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM p WHERE i < 1999)
INSERT INTO preuve (title, situation, kind, created_at, uuid, author, modified_at)
  SELECT 'Preuve ' || i, 'Situation professionnelle ' || i, 'other', i, 'preuve-' || i, 'bench', i FROM p;
WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 2)
INSERT INTO link (preuve_uuid, sous_competence_id, justification, uuid, author, modified_at)
  SELECT preuve.uuid, sc.id,
         CASE WHEN (preuve.id + k.j) % 10 = 0 THEN '' ELSE 'Ce document montre la sous-compétence en situation.' END,
         'link-' || preuve.id || '-' || k.j, 'bench', 0
  FROM preuve, k JOIN sc ON sc.n = (preuve.id + 21 * k.j) % $n_sc;
INSERT INTO criterion_assessment (criterion_id, state, uuid, author, modified_at)
  SELECT 'B1-' || value, 'met', 'crit-' || value, 'bench', 0 FROM generate_series (1, 5);
WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < 59)
INSERT INTO rehearsal (epreuve_id, presentation_seconds, exchange_seconds, recorded_at, uuid, author, modified_at)
  SELECT 'bloc' || (2 + i % 3), 900 + i * 7, 1000 + i * 5, i, 'rehearsal-' || i, 'bench', 0 FROM r;
WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 99)
INSERT INTO remark (role, target_kind, target_id, text, resolved, created_at, uuid, author, modified_at)
  SELECT 'advisor', 'preuve', 'preuve-' || (i * 19), 'Précisez votre rôle.', i % 2, i, 'remark-' || i, 'bench', 0 FROM m;
COMMIT;
EOF

# The same portfolio with large documents: the three big ones in 1 MiB
# chunks, and a small one on every preuve.
cp "$small" "$large"
sqlite3 "$large" <<EOF
PRAGMA foreign_keys = ON;
BEGIN;
WITH RECURSIVE b(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM b WHERE i < 2002)
INSERT INTO blob (sha256, size)
  SELECT printf ('%064d', i), CASE WHEN i < 3 THEN $big_mb * 1048576 ELSE 65536 END FROM b;
WITH RECURSIVE c(s) AS (SELECT 0 UNION ALL SELECT s + 1 FROM c WHERE s < $big_mb - 1)
INSERT INTO blob_chunk (sha256, seq, data)
  SELECT printf ('%064d', b.value), c.s, randomblob (1048576) FROM generate_series (0, 2) AS b, c;
INSERT INTO blob_chunk (sha256, seq, data)
  SELECT printf ('%064d', value), 0, randomblob (65536) FROM generate_series (3, 2002);
INSERT INTO attachment (preuve_uuid, filename, content_type, sha256, size, added_at, uuid, author, modified_at)
  SELECT 'preuve-' || (value - 3 + (value < 3) * 3), 'document-' || value || '.pdf', 'application/pdf',
         printf ('%064d', value), CASE WHEN value < 3 THEN $big_mb * 1048576 ELSE 65536 END, 0,
         'attachment-' || value, 'bench', 0
  FROM generate_series (0, 2002);
INSERT INTO written_document (epreuve_id, filename, content_type, sha256, size, pages_total, text_layer,
                              annex_start, annex_method, pages_counted, checked_sha256, uuid, author, modified_at)
  VALUES ('bloc1', 'diagnostic.pdf', 'application/pdf', printf ('%064d', 0), $big_mb * 1048576, 24, 1,
          18, 'heading', 17, printf ('%064d', 0), 'document-bloc1', 'bench', 0),
         ('finale', 'ecrit.pdf', 'application/pdf', printf ('%064d', 1), $big_mb * 1048576, 70, 1,
          56, 'outline', 55, printf ('%064d', 1), 'document-finale', 'bench', 0);
COMMIT;
EOF

echo "Portfolio: $(sqlite3 "$large" 'select count(*) from preuve') preuves," \
     "$(sqlite3 "$large" 'select count(*) from link') links," \
     "$(du -m "$small" | cut -f1) MiB without attachments, $(du -m "$large" | cut -f1) MiB with them"
"$cli" status "$large" --json | jq -c '[.blocs[] | {code, state, coverage}], .overall.state'

hyperfine --style none --warmup 3 --runs "$runs" -N --export-json "$work/status.json" \
  "$cli status $small --json" \
  "$cli status $large --json" \
  "sqlite3 $large 'select count(*) from link'" \
  "$cli --version" >/dev/null

# Wall-clock medians, and the CPU time (user + system, mean) that a busy
# machine does not inflate as much.
row () {
  jq -r --arg name "$2" ".results[$1] | [\$name, .median * 1000, (.user + .system) * 1000] | @tsv" "$work/status.json"
}
printf '%-40s %12s %10s\n' "" "median (ms)" "CPU (ms)"
{
  row 0 "status, no attachments"
  row 1 "status, with large attachments"
  row 2 "sqlite3 select count(*) from link"
  row 3 "preuves-cli --version (process start)"
} | awk -F '\t' '{ printf "%-40s %12.1f %10.1f\n", $1, $2, $3 }'
