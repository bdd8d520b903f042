#!/usr/bin/env bash
# Runs a command against a real gnome-keyring Secret Service: a private D-Bus session
# and a fresh keyring (in a throwaway XDG_DATA_HOME, so no existing keyring with another
# password gets in the way and the user's own keyrings are never touched), unlocked with
# a throwaway password, with PD_KEYCHAIN_TEST=1 so the keychain tests run instead of
# skipping. Without arguments it runs the keychain tests alone; `.ci/run` passes
# `npm test`. Needs the Debian packages dbus, gnome-keyring and libsecret-1-dev.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -gt 0 ] || set -- npx vitest run test/keychain
keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
XDG_DATA_HOME="$keyring_home" dbus-run-session -- bash -c '
  set -euo pipefail
  eval "$(printf "pd-test-keyring" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  PD_KEYCHAIN_TEST=1 "$@"
' bash "$@"
