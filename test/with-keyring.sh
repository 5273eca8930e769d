#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring and a temporary
# XDG_DATA_HOME, so keychain tests use a real Secret Service without touching the user's own.
# `npm test` uses it; so does CI. Needs: dbus (dbus-run-session) and gnome-keyring.
set -euo pipefail

if [ -z "${TOKENDESK_KEYRING_SESSION:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "with-keyring: '$tool' is missing. On Debian/Ubuntu: sudo apt-get install dbus gnome-keyring libsecret-1-dev" >&2
      exit 1
    fi
  done
  scratch=$(mktemp -d -t tokendesk-keyring-XXXXXX)
  trap 'rm -rf "$scratch"' EXIT
  export TOKENDESK_KEYRING_SESSION=1
  export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
  export XDG_RUNTIME_DIR="$scratch/runtime"
  mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  # Not exec: the trap must run to remove the scratch keyring.
  dbus-run-session -- "$0" "$@"
  exit $?
fi

# Inside the session: start the keyring daemon unlocked with a throwaway password.
eval "$(echo -n test | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL
exec "$@"
