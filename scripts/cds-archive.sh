#!/bin/sh
# Makes an AppCDS archive for kraft: classes pre-parsed and pre-verified, mapped at start-up,
# which cuts the JVM's start-up of a short command by about a third.
#   scripts/cds-archive.sh DIR     (DIR holds kraft.jar and lib/; writes DIR/kraft.jsa)
# A few training commands record the classes kraft loads; the JVM then dumps them. Both run
# through the launcher that serves DIR (bin/kraft beside a checkout's target/, or
# PREFIX/bin/kraft for PREFIX/lib/kraft), so the archive is made with exactly the JVM flags
# it is used with. It is only valid for the JVM that made it and the jar at this path, so it
# is made where kraft is installed (mvn package, install.sh), never copied. Failures only
# leave kraft slower.
set -u
dir=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
launcher=
for candidate in "$dir/../bin/kraft" "$dir/../../bin/kraft"; do
    if [ -f "$candidate" ] && grep -q 'kraft.jar' "$candidate"; then
        launcher=$candidate
        break
    fi
done
if [ -z "$launcher" ]; then
    echo "cds-archive: no launcher (bin/kraft) serves $dir; kraft works without an archive, only starts slower" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" NO_COLOR=1 KRAFT_NO_CDS=1
mkdir -p "$HOME"

# A config.yaml and a cached package index of one library, as most users have.
mkdir -p "$XDG_CONFIG_HOME/kraftkit" "$work/index/libs"
printf 'manifests:\n- {name: training, type: lib, manifest: ./libs/training.yaml}\n' > "$work/index/index.yaml"
printf 'name: training\ntype: lib\nversions:\n- version: 0.1.0\n  resource: https://example.org/training.tar.gz\n' \
    > "$work/index/libs/training.yaml"
printf 'log:\n  type: basic\nunikraft:\n  manifests:\n  - %s\n' "$work/index" > "$XDG_CONFIG_HOME/kraftkit/config.yaml"

n=0
train() {
    n=$((n + 1))
    KRAFT_JAVA_OPTS="-XX:DumpLoadedClassList=$work/classes.$n" sh "$launcher" "$@" >/dev/null 2>&1 || true
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
train pkg update
train pkg ls
train run --help
if [ -d "$here/examples/hello-local" ]; then
    cp -r "$here/examples/hello-local" "$work/project"
    rm -rf "$work/project/.unikraft" "$work/project"/.config*
    (cd "$work/project" && train build --dry-run && train build)
fi
cat "$work"/classes.* | sort -u > "$work/classes"
rm -f "$dir/kraft.jsa"
if KRAFT_JAVA_OPTS="-Xshare:dump -XX:SharedClassListFile=$work/classes -XX:SharedArchiveFile=$dir/kraft.jsa -Xlog:cds=off -Xlog:cds+hashtables=off" \
        sh "$launcher" >/dev/null 2>&1; then
    echo "cds-archive: wrote $dir/kraft.jsa ($(wc -l < "$work/classes") classes)"
else
    rm -f "$dir/kraft.jsa"
    echo "cds-archive: could not write an archive; kraft works without it, only starts slower" >&2
fi
