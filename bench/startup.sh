#!/bin/sh
# Start-up of commands that do little: each against a Java "hello world" on the same JVM.
# Target: each <= 1.5x hello; peak memory under 80 MiB (measured with /usr/bin/time).
. "$(dirname "$0")/lib.sh"
HELLO=$(java_hello)
PROJECT=$(built_example)
# A package index of 40 libraries with three versions each, in a local directory, fetched once:
# `kraft pkg ls` then reads the cached index, as after any `kraft pkg update`.
mkdir -p "$WORK/index/libs" "$XDG_CONFIG_HOME/kraftkit"
echo "manifests:" > "$WORK/index/index.yaml"
for i in $(seq 1 40); do
    echo "- {name: lib$i, type: lib, manifest: ./libs/lib$i.yaml}" >> "$WORK/index/index.yaml"
    printf 'name: lib%s\ntype: lib\nprovider: tarball\nversions:\n' "$i" > "$WORK/index/libs/lib$i.yaml"
    for v in 0.15.0 0.16.0 0.17.0; do
        printf -- '- version: %s\n  resource: https://example.org/lib%s-%s.tar.gz\n' "$v" "$i" "$v" >> "$WORK/index/libs/lib$i.yaml"
    done
done
printf 'unikraft:\n  manifests:\n  - %s\n' "$WORK/index" > "$XDG_CONFIG_HOME/kraftkit/config.yaml"
"$KRAFT" pkg update >/dev/null 2>&1
command_of() {  # command_of NAME: the kraft command measured under that name
    case $1 in
        version) echo "$KRAFT version" ;;
        help) echo "$KRAFT --help" ;;
        ps) echo "$KRAFT ps -a" ;;
        pkg-ls) echo "$KRAFT pkg ls" ;;
        dry-run) echo "$KRAFT build --dry-run $PROJECT" ;;
    esac
}
NAMES="version help ps pkg-ls dry-run"
hyperfine -N -w 2 -r "$RUNS" --export-json "$WORK/bench.json" -n hello "$HELLO" \
    -n version "$(command_of version)" -n help "$(command_of help)" -n ps "$(command_of ps)" \
    -n pkg-ls "$(command_of pkg-ls)" -n dry-run "$(command_of dry-run)" >/dev/null
h=$(median hello)
echo "java hello: ${h}s"
for name in $NAMES; do
    t=$(median "$name")
    # shellcheck disable=SC2046
    peak=$(/usr/bin/time -f %M $(command_of "$name") 2>&1 >/dev/null | tail -1)
    echo "kraft $name: ${t}s = $(ratio "$t" "$h") x hello (target <= 1.5), peak $((peak / 1024)) MiB (target < 80)"
done
