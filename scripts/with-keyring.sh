#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME Keyring, so the real OS keychain
# (Secret Service) is available to tests without touching the user's own keyring.
set -euo pipefail
if [[ "${AUTHENTICATOR_IN_KEYRING_SESSION:-}" == 1 ]]; then exec "$@"; fi
export AUTHENTICATOR_IN_KEYRING_SESSION=1
exec dbus-run-session -- bash -c '
  export XDG_DATA_HOME="$(mktemp -d)"   # a keyring of its own, thrown away afterwards
  printf "test-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' with-keyring "$@"
