#!/bin/sh
# test-desktop.sh — the desktop integration files are valid
#
# Copyright 2026 The Preuves authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-desktop.sh SOURCE_ROOT DESKTOP_FILE METAINFO_FILE MIME_FILE HELP_BUILD_DIR
# (the files as built, with the application id and the translations merged
# in; HELP_BUILD_DIR holds the translated help, one folder per language).
# Prints TAP.

set -u
. "$(dirname "$0")/tap.sh"
srcdir=$(realpath "$1")
desktop="$2"
metainfo="$3"
mime="$4"
help_build="$5"

echo "1..14"

desktop-file-validate "$desktop" > "$scratch/log" 2>&1
ok $? "desktop-file-validate accepts $(basename "$desktop")"
diag < "$scratch/log"

appstreamcli validate --no-net --explain "$metainfo" > "$scratch/log" 2>&1
ok $? "appstreamcli validate --no-net accepts $(basename "$metainfo")"
diag < "$scratch/log"

# The ids that tie the files together: the desktop file is named after the
# application id, which is also its icon and the metainfo's launchable.
app_id=$(basename "$desktop" .desktop)
grep -qx "Icon=$app_id" "$desktop"
ok $? "the desktop file uses the $app_id icon"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" &&
  grep -q "<id>$app_id</id>" "$metainfo"
ok $? "the metainfo has id $app_id and launches $app_id.desktop"
[ -f "$srcdir/data/icons/hicolor/scalable/apps/$app_id.svg" ] &&
  [ -f "$srcdir/data/icons/hicolor/symbolic/apps/io.github.preuves.Preuves-symbolic.svg" ]
ok $? "scalable and symbolic icons exist for $app_id"
xmllint --noout "$srcdir"/data/icons/hicolor/*/apps/*.svg > "$scratch/log" 2>&1
ok $? "the icons are well-formed SVG"
diag < "$scratch/log"

# Every screenshot the metainfo shows is in data/screenshots, and small.
missing=""
for url in $(sed -n 's|.*<image[^>]*>\(.*\)</image>.*|\1|p' "$metainfo"); do
  shot="$srcdir/data/screenshots/$(basename "$url")"
  if [ ! -f "$shot" ] || [ "$(wc -c < "$shot")" -gt 307200 ]; then
    missing="$missing $(basename "$url")"
  fi
done
[ -z "$missing" ]
ok $? "the metainfo's screenshots are in data/screenshots, under 300 KB each"
[ -z "$missing" ] || echo "missing or too big:$missing" | diag

# The French translation reaches the merged files.
grep -q '^Comment\[fr\]=' "$desktop" && grep -q '^Keywords\[fr\]=.*;$' "$desktop"
ok $? "the desktop file carries its French comment and keywords"
grep -q 'xml:lang="fr"' "$metainfo"
ok $? "the metainfo carries its French description"

xmllint --noout "$mime" > "$scratch/log" 2>&1 &&
  grep -q '<glob pattern="\*.preuves"/>' "$mime" &&
  grep -q '<sub-class-of type="application/vnd.sqlite3"/>' "$mime" &&
  grep -q '<comment xml:lang="fr">' "$mime"
ok $? "the MIME type is well-formed, globs *.preuves, and is translated"
diag < "$scratch/log"

# The application id written by the portfolio code is the one the MIME
# magic looks for.
id=$(sed -n 's/^#define PREUVES_APPLICATION_ID *\(0x[0-9A-Fa-f]*\).*/\1/p' "$srcdir/src/core/preuves-schema.h")
[ -n "$id" ] && grep -qi "type=\"big32\" value=\"$id\" offset=\"68\"" "$mime"
ok $? "the MIME magic matches PREUVES_APPLICATION_ID ($id) at offset 68"

if ls "$srcdir"/data/*.gschema.xml > /dev/null 2>&1; then
  glib-compile-schemas --strict --dry-run "$srcdir/data" > "$scratch/log" 2>&1
  ok $? "glib-compile-schemas --strict accepts the schemas of data/"
  diag < "$scratch/log"
else
  skip "no GSettings schema in data/ yet"
fi

yelp-check validate "$srcdir"/help/C/*.page > "$scratch/log" 2>&1
status=$?
# yelp-check exits 0 even when a page fails; its messages tell.
[ $status -eq 0 ] && ! grep -q 'fails to validate' "$scratch/log"
ok $? "yelp-check validate accepts every help page"
diag < "$scratch/log"

# The translated pages that itstool generated are valid Mallard too.
pages=$(ls "$help_build"/*/*.page 2> /dev/null)
if [ -n "$pages" ]; then
  yelp-check validate $pages > "$scratch/log" 2>&1
  status=$?
  [ $status -eq 0 ] && ! grep -q 'fails to validate' "$scratch/log"
  ok $? "yelp-check validate accepts every translated help page"
  diag < "$scratch/log"
else
  ok 1 "the translated help pages are built in $help_build"
fi

exit $failed
