#!/bin/sh
# test-flatpak.sh — the Flatpak manifest parses and keeps the sandbox tight
#
# Copyright 2026 The Preuves authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-flatpak.sh MANIFEST
# Prints TAP. Nothing here can build the Flatpak (no runtime offline); it
# checks what the manifest promises: no network, no file system beyond the
# portals, a display, and poppler built from a pinned release archive.

set -u
. "$(dirname "$0")/tap.sh"
manifest="$1"

if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "1..0 # SKIP flatpak-builder is not installed"
  exit 0
fi

echo "1..12"

# flatpak-builder leaves a .flatpak-builder state folder in the current
# directory, even just to show a manifest: keep it out of the source tree.
manifest=$(realpath "$manifest")
shown=$(cd "$scratch" && flatpak-builder --show-manifest "$manifest" 2>/dev/null)
ok $? "flatpak-builder parses the manifest"

# Reduce the parsed manifest to one "key value" line per finish-arg and per
# module so that plain grep can check it.
args=$(printf '%s\n' "$shown" | sed -n '/"finish-args"/,/\]/p' | sed -n 's/^ *"\(--[^"]*\)".*/\1/p')

has_arg () { printf '%s\n' "$args" | grep -qx -- "$1"; }

has_arg --share=ipc; ok $? "finish-args share IPC"
has_arg --socket=wayland; ok $? "finish-args allow Wayland"
has_arg --socket=fallback-x11; ok $? "finish-args fall back to X11"

printf '%s\n' "$args" | grep -q -- '^--share=network'
[ $? -ne 0 ]; ok $? "no network access"

printf '%s\n' "$args" | grep -q -- '^--filesystem='
[ $? -ne 0 ]; ok $? "no file system access beyond the portals"

# flatpak-spawn --sandbox goes through org.freedesktop.portal.Flatpak,
# which every app can reach; org.freedesktop.Flatpak would allow running
# commands on the host.
printf '%s\n' "$args" | grep -q -- '^--talk-name=org.freedesktop.Flatpak$'
[ $? -ne 0 ]; ok $? "no access to the host through org.freedesktop.Flatpak"

printf '%s\n' "$shown" | grep -q '"runtime" : "org.gnome.Platform"'
ok $? "runs on the GNOME runtime"

printf '%s\n' "$shown" | grep -q '"command" : "preuves"'
ok $? "starts the preuves command"

# Each module's name and its archive sources, as "name url sha256" lines.
modules=$(printf '%s\n' "$shown" | awk '
  /^    {/ { name = "" }
  /^      "name" :/ { gsub(/[",]/, "", $3); name = $3 }
  /"url" :/ { gsub(/[",]/, "", $3); url = $3 }
  /"sha256" :/ { gsub(/[",]/, "", $3); print name, url, $3 }')

printf '%s\n' "$modules" | grep -Eq '^poppler https://poppler\.freedesktop\.org/poppler-[0-9.]+\.tar\.xz [0-9a-f]{64}$'
ok $? "poppler is a module pinned to a release archive with its sha256"

printf '%s\n' "$modules" | grep -Eq '^poppler-data https://poppler\.freedesktop\.org/poppler-data-[0-9.]+\.tar\.gz [0-9a-f]{64}$'
ok $? "poppler-data is a module pinned to a release archive with its sha256"

printf '%s\n' "$shown" | grep -q '"-Dtests=false"'
ok $? "the app module builds without the test suite"

exit $failed
