#!/bin/sh
# test-install.sh — `meson install` gives a working, integrated application
#
# Copyright 2026 The Preuves authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-install.sh BUILD_ROOT PREFIX APPLICATION_ID
# (the help is always installed as io.github.preuves.Preuves: the app opens
# help:io.github.preuves.Preuves in both builds).
# Installs the build into a temporary DESTDIR, then checks what a desktop
# needs from it: binaries, translations, help, icons, desktop file,
# metainfo, and a MIME database that recognises a real portfolio file (made
# by the installed preuves-cli) as application/x-preuves-portfolio, by its
# name and by its content. Prints TAP.

set -u
. "$(dirname "$0")/tap.sh"
builddir="$1"
prefix="$2"
app_id="$3"

echo "1..16"

meson install -C "$builddir" --no-rebuild --quiet --destdir "$scratch/dest" > "$scratch/log" 2>&1
ok $? "meson install into a DESTDIR"
diag < "$scratch/log"

tree="$scratch/dest$prefix"
share="$tree/share"

# Run from the installed tree as a desktop would with this prefix: data
# (GSettings schemas, MIME database) from there first, nothing from the
# user's home.
export XDG_DATA_HOME="$scratch/home"
export XDG_DATA_DIRS="$share:/usr/share"
export GSETTINGS_BACKEND=memory
mkdir -p "$XDG_DATA_HOME"
if [ -d "$share/glib-2.0/schemas" ]; then
  glib-compile-schemas "$share/glib-2.0/schemas"
fi

"$tree/bin/preuves" --version > "$scratch/log" 2>&1 && grep -q '[0-9]\.[0-9]' "$scratch/log"
ok $? "the installed preuves prints its version"
diag < "$scratch/log"

"$tree/bin/preuves-cli" --version > "$scratch/log" 2>&1 && grep -q '[0-9]\.[0-9]' "$scratch/log"
ok $? "the installed preuves-cli prints its version"
diag < "$scratch/log"

mo="$share/locale/fr/LC_MESSAGES/preuves.mo"
[ -f "$mo" ] && msgunfmt "$mo" 2>/dev/null | grep -q 'msgstr "Portfolio Preuves"'
ok $? "the French translation is installed"

[ -f "$share/help/C/io.github.preuves.Preuves/index.page" ]
ok $? "the help is installed"
[ -f "$share/help/fr/io.github.preuves.Preuves/index.page" ] &&
  ! cmp -s "$share/help/C/io.github.preuves.Preuves/index.page" "$share/help/fr/io.github.preuves.Preuves/index.page"
ok $? "the French help is installed and translated"

[ -f "$share/icons/hicolor/scalable/apps/$app_id.svg" ]
ok $? "the scalable icon is installed"
[ -f "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" ]
ok $? "the symbolic icon is installed"

desktop-file-validate "$share/applications/$app_id.desktop" > "$scratch/log" 2>&1
ok $? "the desktop file is installed and valid"
diag < "$scratch/log"
[ -f "$share/metainfo/$app_id.metainfo.xml" ]
ok $? "the metainfo is installed"

# The MIME database, built from what was installed only. The base types
# (application/vnd.sqlite3) come from the system database after it.
update-mime-database "$share/mime" > "$scratch/log" 2>&1
ok $? "update-mime-database accepts the installed MIME type"
diag < "$scratch/log"


content_type ()
{
  gio info -a standard::content-type "$1" 2>/dev/null | sed -n 's/^ *standard::content-type: //p'
}

"$tree/bin/preuves-cli" new "$scratch/Portfolio.preuves" --candidate "Camille Test" --path vae > "$scratch/log" 2>&1
ok $? "the installed preuves-cli creates a portfolio"
diag < "$scratch/log"

type=$(content_type "$scratch/Portfolio.preuves")
[ "$type" = application/x-preuves-portfolio ]
ok $? "a portfolio is application/x-preuves-portfolio (got: $type)"

# Renamed without its extension, it is still recognised by its content:
# the SQLite header with our application_id.
cp "$scratch/Portfolio.preuves" "$scratch/renamed"
type=$(content_type "$scratch/renamed")
[ "$type" = application/x-preuves-portfolio ]
ok $? "a renamed portfolio is recognised by its content (got: $type)"

# A plain SQLite database is not a portfolio.
if command -v sqlite3 > /dev/null; then
  sqlite3 "$scratch/plain" 'CREATE TABLE t (x);' > /dev/null 2>&1
  type=$(content_type "$scratch/plain")
  [ "$type" = application/vnd.sqlite3 ]
  ok $? "a plain SQLite file stays application/vnd.sqlite3 (got: $type)"
else
  skip "sqlite3 is not installed"
fi

# The file manager opens portfolios with Preuves.
grep -q '^MimeType=.*application/x-preuves-portfolio;' "$share/applications/$app_id.desktop"
ok $? "the desktop file opens application/x-preuves-portfolio"

exit $failed
