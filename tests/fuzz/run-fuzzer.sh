#!/bin/sh
# run-fuzzer.sh — a short libFuzzer run on a fresh seed corpus (a test of
# the fuzzing build). For long runs, see README.md.
#
# Usage: run-fuzzer.sh FUZZER SEED_MAKER KIND [SEED_ARG] [-- LIBFUZZER_OPTION…]
set -eu
fuzzer=$1 seed_maker=$2 kind=$3
shift 3
seed_arg=
if [ $# -gt 0 ] && [ "$1" != "--" ]; then seed_arg=$1; shift; fi
[ $# -gt 0 ] && [ "$1" = "--" ] && shift

corpus=$(mktemp -d "${TMPDIR:-/tmp}/preuves-fuzz-XXXXXX")
trap 'rm -rf "$corpus"' EXIT INT TERM
# The seed maker draws PDFs: fontconfig keeps its caches until exit.
ASAN_OPTIONS=detect_leaks=0 "$seed_maker" "$kind" "$corpus" $seed_arg

# Findings (crash-*, leak-*, timeout-*) land in the current directory; keep
# them with the build.
exec "$fuzzer" \
  -runs="${PREUVES_FUZZ_RUNS:-2000}" \
  -max_total_time="${PREUVES_FUZZ_SECONDS:-20}" \
  -timeout=20 -rss_limit_mb=2560 -max_len=1048576 \
  "$@" "$corpus"
