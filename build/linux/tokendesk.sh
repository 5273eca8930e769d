#!/bin/bash
# The `tokendesk` command on Linux: /usr/bin/tokendesk links here (the deb's postinst,
# build/linux/after-install.tpl), shipped as /opt/Tokendesk/bin/tokendesk beside the app binary.
#
# The binary runs the CLI when its first argument is a CLI command (electron/main/shell/cli-mode.ts).
# But Chromium picks its display platform before any of the app's code runs: without X11 or Wayland
# (ssh, cron, a container) it aborts unless its own command line says --ozone-platform=headless, and
# app.commandLine.appendSwitch would come too late. So a CLI command is run with that switch and
# --disable-gpu (no GPU to set up for a process that draws nothing), then `--`, after which Chromium
# and Node read none of the user's arguments as switches of theirs. Anything else starts the app as
# before. Arguments, standard streams, other descriptors (--secret-fd 3) and the exit code pass
# through untouched: the binary replaces this script (exec).

# Switches a user or launcher may put before the command; the same list as CHROMIUM_SWITCHES in
# cli-mode.ts (test/unit/main/shell/linux-wrapper.test.ts runs this script against it).
chromium_switches=' ozone-platform ozone-platform-hint disable-gpu disable-gpu-sandbox disable-software-rasterizer
  no-sandbox disable-dev-shm-usage no-zygote in-process-gpu use-gl use-angle headless
  enable-features disable-features enable-logging log-file log-level v vmodule
  enable-wayland-ime wayland-text-input-version force-device-scale-factor lang user-data-dir
  inspect inspect-brk inspect-port inspect-brk-node inspect-publish-uid remote-debugging-port
  trace-warnings trace-deprecation no-deprecation '

is_chromium_switch() {
  case $1 in --*) ;; *) return 1 ;; esac
  local name=${1#--}
  name=${name%%=*}
  case $name in '' | *[!a-z0-9-]*) return 1 ;; esac
  case $chromium_switches in *[[:space:]]"$name"[[:space:]]*) return 0 ;; esac
  return 1
}

here=$(dirname "$(readlink -f "$0")")
app="${here%/*}/tokendesk"

leading=()
while [ $# -gt 0 ] && is_chromium_switch "$1"; do
  leading+=("$1")
  shift
done
separated=0
if [ "${1-}" = -- ]; then
  separated=1
  shift
fi

# The first word after the options the CLI also takes before it (--data-dir D); the words are
# CLI_TOP_WORDS in electron/main/cli/run.ts (the wrapper's test checks this list against them).
word=${1-}
case $word in
  --data-dir) word=${3-} ;;
  --data-dir=*) word=${2-} ;;
esac
case $word in
  connections | tokens | rotations | review | export | audit | help | --help | -h | --version)
    exec "$app" --ozone-platform=headless --disable-gpu "${leading[@]}" -- "$@"
    ;;
esac

if [ $separated = 1 ]; then
  exec "$app" "${leading[@]}" -- "$@"
fi
exec "$app" "${leading[@]}" "$@"
