#!/usr/bin/env bash
# Runs the keychain tests against a real gnome-keyring Secret Service: a private D-Bus
# session and a fresh keyring (in a throwaway XDG_DATA_HOME, so no existing keyring with
# another password gets in the way and the user's own keyrings are never touched),
# unlocked with a throwaway password, then vitest with PD_KEYCHAIN_TEST=1.
# Needs the Debian packages dbus, gnome-keyring and libsecret-1-dev (see .ci/run).
# Extra arguments go to vitest.
set -euo pipefail
cd "$(dirname "$0")/../.."
keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
XDG_DATA_HOME="$keyring_home" dbus-run-session -- bash -c '
  set -euo pipefail
  eval "$(printf "pd-test-keyring" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  PD_KEYCHAIN_TEST=1 npx vitest run test/keychain "$@"
' bash "$@"
