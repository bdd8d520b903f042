#!/usr/bin/env bash
# Runs the keychain tests against a real gnome-keyring Secret Service: a private D-Bus
# session, a keyring unlocked with a throwaway password, then vitest with PD_KEYCHAIN_TEST=1.
# Needs the Debian packages dbus, gnome-keyring and libsecret-1-dev (see .ci/run).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec dbus-run-session -- bash -c '
  set -euo pipefail
  eval "$(printf "pd-test-keyring" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  PD_KEYCHAIN_TEST=1 npx vitest run test/keychain "$@"
' bash "$@"
