#!/bin/sh
# test-po.sh — the French translation is complete and POTFILES is up to date
#
# Copyright 2026 The Preuves authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-po.sh SOURCE_ROOT
# Prints TAP. Builds a fresh template from po/POTFILES.in with the keywords
# of meson's glib preset, merges it into each translation of po/LINGUAS and
# fails on any untranslated or fuzzy message, on msgfmt --check errors, and
# on any source file with translatable strings that POTFILES.in forgets.
# Does the same for the help (help/C/*.page and help/LANG/LANG.po).

set -u
. "$(dirname "$0")/tap.sh"
srcdir=$(realpath "$1")

# The keywords and format flags of meson's i18n "glib" preset.
keywords="--from-code=UTF-8 --add-comments
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format
  --flag=g_printerr:1:c-format --flag=g_print:1:c-format"

potfiles="$srcdir/po/POTFILES.in"
grep -v -e '^#' -e '^[[:space:]]*$' "$potfiles" > "$scratch/POTFILES"
languages=$(grep -v -e '^#' -e '^[[:space:]]*$' "$srcdir/po/LINGUAS")

help_languages=$(ls "$srcdir/help" | grep -v -e '^C$' -e 'meson.build')

echo "1..$((3 + 4 * $(echo $languages $help_languages | wc -w)))"

# 1. Every file listed exists.
missing=""
while read -r f; do
  [ -f "$srcdir/$f" ] || missing="$missing $f"
done < "$scratch/POTFILES"
[ -z "$missing" ]; ok $? "every file of POTFILES.in exists"
[ -z "$missing" ] || echo "missing:$missing" | diag

# 2. Every file with translatable strings is listed: xgettext, run with the
#    same keywords on each source file, .ui template and data file, finds
#    the strings (a comment that mentions _() does not count).
unlisted=""
candidates=$(cd "$srcdir" && {
  find src -name '*.c' -o -name '*.h' -o -name '*.ui'
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml data/*.mime.xml.in 2>/dev/null
} | sort -u)
for f in $candidates; do
  grep -qxF "$f" "$scratch/POTFILES" && continue
  rm -f "$scratch/one.pot"
  (cd "$srcdir" && xgettext $keywords -o "$scratch/one.pot" "$f") 2>/dev/null
  [ -s "$scratch/one.pot" ] && unlisted="$unlisted $f"
done
[ -z "$unlisted" ]; ok $? "every file with translatable strings is in POTFILES.in"
[ -z "$unlisted" ] || echo "add to po/POTFILES.in:$unlisted" | diag

# 3. A fresh template, with the same keywords meson uses (preset glib).
(cd "$srcdir" && xgettext $keywords --package-name=preuves \
   --files-from="$scratch/POTFILES" -o "$scratch/preuves.pot") 2> "$scratch/xgettext.log"
ok $? "xgettext builds a template from POTFILES.in"
diag < "$scratch/xgettext.log"

# check_po PO TEMPLATE NAME: the checks of one translation.
check_po ()
{
  po="$1"
  pot="$2"
  name="$3"

  msgfmt --check --check-format -o /dev/null "$po" 2> "$scratch/msgfmt.log"
  ok $? "$name passes msgfmt --check"
  diag < "$scratch/msgfmt.log"

  merged="$scratch/merged.po"
  rm -f "$merged"
  msgmerge --quiet --no-fuzzy-matching -o "$merged" "$po" "$pot" 2>&1 | diag
  [ -s "$merged" ]; ok $? "$name merges with a fresh template"

  # msgfmt --statistics prints "N translated messages, N fuzzy
  # translations, N untranslated messages." (the zero counts left out).
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$merged" 2>&1)
  echo "$stats" | diag
  count=$(echo "$stats" | sed -n 's/.* \([0-9][0-9]*\) untranslated message.*/\1/p')
  count=${count:-0}
  [ "$count" -eq 0 ]; ok $? "$name translates every message"
  [ "$count" -eq 0 ] || { echo "$count untranslated:"; msgattrib --untranslated --no-obsolete "$merged" | sed '1,/^$/d' | grep -v -e '^#' -e '^msgstr' -e '^$'; } | head -60 | diag

  count=$(echo "$stats" | sed -n 's/.* \([0-9][0-9]*\) fuzzy translation.*/\1/p')
  count=${count:-0}
  [ "$count" -eq 0 ]; ok $? "$name has no fuzzy message"
  [ "$count" -eq 0 ] || msgattrib --only-fuzzy --no-obsolete "$merged" | sed '1,/^$/d' | grep -v -e '^#' -e '^msgstr' -e '^$' | head -60 | diag
}

for lang in $languages; do
  check_po "$srcdir/po/$lang.po" "$scratch/preuves.pot" "po/$lang.po"
done

# 4. The help: a template from the Mallard pages, as gnome.yelp() makes it.
itstool -o "$scratch/help.pot" "$srcdir"/help/C/*.page 2> "$scratch/itstool.log"
status=$?
diag < "$scratch/itstool.log"
for lang in $help_languages; do
  if [ $status -ne 0 ]; then
    ok 1 "itstool builds a template of the help"
    continue
  fi
  check_po "$srcdir/help/$lang/$lang.po" "$scratch/help.pot" "help/$lang/$lang.po"
done

exit $failed
