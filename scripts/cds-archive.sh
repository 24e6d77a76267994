#!/bin/sh
# Makes an AppCDS archive for kraft: classes pre-parsed and pre-verified, mapped at start-up,
# which cuts the JVM's start-up of a short command by about a third.
#   scripts/cds-archive.sh DIR     (DIR holds kraft.jar and lib/; writes DIR/kraft.jsa)
# A few training commands record the classes kraft loads; the JVM then dumps them. The archive
# is only valid for the JVM that made it and the jar at this path, so it is made where kraft
# is installed (mvn package, install.sh), never copied. Failures only leave kraft slower.
set -u
dir=$(cd "$1" && pwd)
jar="$dir/kraft.jar"
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java=${JAVA:-java}
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" NO_COLOR=1
mkdir -p "$HOME"

n=0
train() {
    n=$((n + 1))
    # shellcheck disable=SC2086
    $java $flags -XX:DumpLoadedClassList="$work/classes.$n" -jar "$jar" "$@" >/dev/null 2>&1 || true
}
train version
train --help
# One machine record, so the training reads one as ps does.
mkdir -p "$HOME/.local/share/kraftkit/runtime/machines/000000000000"
printf '%s' '{"id":"000000000000","name":"training","source":"kernel://k","kernel":"/k","arch":"x86_64","plat":"qemu","memoryBytes":67108864,"cpus":1,"kernelArgs":[],"appArgs":[],"env":{},"ports":["127.0.0.1:1:1/tcp"],"networks":[],"volumes":[],"emulation":true,"state":"EXITED","pid":0,"pidStartMillis":0,"createdAt":0,"startedAt":0,"exitedAt":0,"exitCode":0,"command":[]}' \
    > "$HOME/.local/share/kraftkit/runtime/machines/000000000000/machine.json"
train ps -a
train ps -a -o json
train build --help
if [ -d "$here/examples/hello-local" ]; then
    cp -r "$here/examples/hello-local" "$work/project"
    rm -rf "$work/project/.unikraft" "$work/project"/.config*
    (cd "$work/project" && train build --dry-run && train build)
fi
cat "$work"/classes.* | sort -u > "$work/classes"
rm -f "$dir/kraft.jsa"
# shellcheck disable=SC2086
if $java $flags -Xshare:dump -XX:SharedClassListFile="$work/classes" -XX:SharedArchiveFile="$dir/kraft.jsa" \
        -Xlog:cds=off -Xlog:cds+hashtables=off -jar "$jar" >/dev/null 2>&1; then
    echo "cds-archive: wrote $dir/kraft.jsa ($(wc -l < "$work/classes") classes)"
else
    rm -f "$dir/kraft.jsa"
    echo "cds-archive: could not write an archive; kraft works without it, only starts slower" >&2
fi
