#!/bin/sh
# bench-pages.sh — how long `preuves-cli pages` takes, against pdfinfo and pdftotext
#
# Copyright 2026 The Preuves authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/bench/bench-pages.sh BUILDDIR
#
# Times the whole page check, process start and probe included, on 20-,
# 60- and 400-page documents, next to pdfinfo (which only counts pages)
# and pdftotext (which reads every page's text). Target: on the 400-page
# document with its annexes at page 60, the check costs less than
# pdftotext, because it stops reading at the annex heading.
# Needs hyperfine, pdfinfo, pdftotext and jq.

set -eu

if [ $# -ne 1 ]; then
  echo "Usage: $0 BUILDDIR" >&2
  exit 2
fi
builddir=$(cd "$1" && pwd)
runs=${RUNS:-20}

for tool in hyperfine pdfinfo pdftotext jq; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is needed" >&2; exit 2; }
done

meson compile -C "$builddir" src/cli/preuves-cli src/probe/preuves-pdf-probe tests/bench/bench-make-pdfs >/dev/null
export PREUVES_PDF_PROBE="$builddir/src/probe/preuves-pdf-probe"
cli="$builddir/src/cli/preuves-cli"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$builddir/tests/bench/bench-make-pdfs" "$work"

median () {
  jq -r ".results[$2].median * 1000" "$1"
}

# CPU time (user + system, children included) moves less than wall-clock
# time when others share the machine.
cpu () {
  jq -r "(.results[$2].user + .results[$2].system) * 1000" "$1"
}

row () {
  awk -v d="$1" -v a="$2" -v b="$3" -v c="$4" \
    'BEGIN { printf "%-20s %10.1f %10.1f %10.1f %14.2f %16.2f\n", d, a, b, c, a / b, a / c }'
}

printf '%-20s %10s %10s %10s %14s %16s\n' "document" "pages" "pdfinfo" "pdftotext" "pages/pdfinfo" "pages/pdftotext"
for n in 20 60 400; do
  pdf="$work/pages-$n.pdf"
  "$cli" pages "$pdf" >/dev/null || true
  hyperfine --style none --warmup 3 --runs "$runs" -N \
    --export-json "$work/$n.json" \
    "$cli pages $pdf --json" \
    "pdfinfo $pdf" \
    "pdftotext $pdf /dev/null" >/dev/null
  row "pages-$n median ms" "$(median "$work/$n.json" 0)" "$(median "$work/$n.json" 1)" "$(median "$work/$n.json" 2)"
  row "pages-$n cpu ms" "$(cpu "$work/$n.json" 0)" "$(cpu "$work/$n.json" 1)" "$(cpu "$work/$n.json" 2)"
done
echo
"$cli" pages "$work/pages-400.pdf"
