#!/bin/sh
# bench-attach.sh — storing and extracting a large document, time and memory
#
# Copyright 2026 The Preuves authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/bench/bench-attach.sh BUILDDIR
#
# Attaches a document of SIZE_MB MiB (default 256) with `preuves-cli add`,
# attaches it again (stored once: the file must not grow), extracts it and
# compares the bytes. Prints wall time and peak memory of each step next to
# the size of the document: documents are streamed in 1 MiB chunks, so the
# peak memory must stay far below the document's size, whatever its size.
# Needs /usr/bin/time (GNU time). Run on demand, not in the test suite.

set -eu

builddir=$(realpath "${1:?usage: bench-attach.sh BUILDDIR}")
cli="$builddir/src/cli/preuves-cli"
size_mb=${SIZE_MB:-256}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

head -c "$((size_mb * 1024 * 1024))" /dev/urandom > "$work/big.bin"

measure () {
  label=$1; shift
  /usr/bin/time -f "$label: %e s, peak %M KiB" "$@" > "$work/out" 2> "$work/time" || {
    cat "$work/time"; exit 1; }
  tail -n 1 "$work/time"
}

"$cli" new "$work/p.preuves" --candidate Bench --path vae > /dev/null
measure "attach ${size_mb} MiB" "$cli" add "$work/p.preuves" --title "Gros document" --attach "$work/big.bin"
preuve=$(cat "$work/out")
before=$(stat -c %s "$work/p.preuves")
measure "attach the same again (deduplicated)" "$cli" add "$work/p.preuves" --title "Copie" --attach "$work/big.bin"
after=$(stat -c %s "$work/p.preuves")
echo "portfolio: $before bytes, then $after bytes after the second copy"
measure "list" "$cli" list "$work/p.preuves"
measure "extract" "$cli" extract "$work/p.preuves" "$preuve" "$work/out-dir"
cmp "$work/big.bin" "$work/out-dir/big.bin" && echo "extracted bytes identical"
