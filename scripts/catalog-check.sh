#!/bin/sh
# Plans every Kraftfile of a copy of unikraft/catalog offline, as a KraftKit user would find them
# (issue #12): `kraft build --dry-run --offline --all` in each directory must exit 0, or stop only
# because a component or runtime is not cached yet, with a message that says so. Prints one line
# per Kraftfile (outcome, directory, first error line) and the counts.
#
# Usage: scripts/catalog-check.sh CATALOG [--stand-in]
#   CATALOG     a checkout of https://github.com/unikraft/catalog, or a bare clone of it
#               (cloned into a scratch directory first); nothing of it is kept
#   --stand-in  first store a stand-in runtime under every runtime name the catalog uses (the
#               test core of examples/hello-local, built and packaged as unikraft.org/NAME:TAG),
#               so that runtime projects plan past "not cached" and the rest of their plan is checked
#
# Needs `mvn package` done (it runs bin/kraft of this checkout) in a scratch HOME, and for
# --stand-in what a build of the example needs (make, gcc). Never uses the network.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KRAFT="$ROOT/bin/kraft"
if [ $# -lt 1 ] || [ $# -gt 2 ] || { [ $# -eq 2 ] && [ "$2" != "--stand-in" ]; }; then
    echo "usage: $0 CATALOG [--stand-in]" >&2
    exit 2
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share" NO_COLOR=1
mkdir -p "$HOME"

catalog=$1
if [ -f "$catalog/HEAD" ] && [ -d "$catalog/objects" ]; then
    git clone -q "$catalog" "$WORK/catalog"
    catalog="$WORK/catalog"
fi

if [ "${2:-}" = "--stand-in" ]; then
    cp -r "$ROOT/examples/hello-local" "$WORK/stand-in"
    rm -rf "$WORK/stand-in/.unikraft" "$WORK/stand-in"/.config*
    (cd "$WORK/stand-in" && "$KRAFT" build >"$WORK/stand-in.log" 2>&1) || { cat "$WORK/stand-in.log" >&2; exit 1; }
    find "$catalog" -name Kraftfile -not -path '*/.git/*' -exec sed -n 's/^runtime:[[:space:]]*//p' {} + | sort -u |
        while read -r runtime; do
            (cd "$WORK/stand-in" && "$KRAFT" pkg --name "$runtime" >/dev/null 2>>"$WORK/stand-in.log") \
                || { echo "cannot store a stand-in for $runtime:" >&2; cat "$WORK/stand-in.log" >&2; exit 1; }
        done
fi

find "$catalog" -name Kraftfile -not -path '*/.git/*' | sort | while read -r kraftfile; do
    dir=$(dirname "$kraftfile")
    set +e
    (cd "$dir" && "$KRAFT" build --dry-run --offline --all >/dev/null 2>"$WORK/err")
    status=$?
    set -e
    message=$(grep -m1 '^error: ' "$WORK/err" || true)
    if [ "$status" -eq 0 ]; then
        outcome=planned
    elif [ "$status" -eq 6 ] && printf '%s' "$message" | grep -q 'is not cached'; then
        outcome=not-cached
    else
        outcome="exit-$status"
    fi
    printf '%s\t%s\t%s\n' "$outcome" "${dir#"$catalog"/}" "$message"
done >"$WORK/outcomes"

cat "$WORK/outcomes"
echo "--- $(wc -l <"$WORK/outcomes") Kraftfiles:"
cut -f1 "$WORK/outcomes" | sort | uniq -c
