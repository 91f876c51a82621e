# tap.sh — small TAP helpers for the shell tests (sourced, not run)
#
# Copyright 2026 The Preuves authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Gives: ok STATUS DESCRIPTION, skip REASON, diag (filter: prefixes lines
# with "# "), $scratch (a temporary folder removed on exit) and $failed
# (exit with it).

n=0
failed=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

ok ()
{
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

skip ()
{
  n=$((n + 1))
  echo "ok $n # SKIP $1"
}

diag ()
{
  sed 's/^/# /'
}
