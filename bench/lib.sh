# Shared by the bench scripts: a scratch HOME, the built example, and medians from hyperfine.
# Needs: hyperfine (apt-get install hyperfine), python3, and `mvn package` done.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KRAFT="$ROOT/bin/kraft"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share" NO_COLOR=1
mkdir -p "$HOME"
RUNS=${RUNS:-10}

# A Java "hello world" on the same JVM, run as anyone would (`java -cp DIR Hello`, the JVM's
# defaults): the issue's yardstick for start-up.
java_hello() {
    mkdir -p "$WORK/hello"
    printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$WORK/hello/Hello.java"
    javac -d "$WORK/hello" "$WORK/hello/Hello.java"
    echo "java -cp $WORK/hello Hello"
}

# A copy of examples/hello-local at $WORK/project, without what a build leaves.
example_copy() {
    cp -r "$ROOT/examples/hello-local" "$WORK/project"
    rm -rf "$WORK/project/.unikraft" "$WORK/project"/.config*
}

# git_repo NAME DIR: a git repository at $WORK/git/NAME holding DIR, tagged v1.
git_repo() {
    mkdir -p "$WORK/git/$1" && cp -r "$2/." "$WORK/git/$1/"
    (cd "$WORK/git/$1" && git init -q && git add -A && git -c user.name=b -c user.email=b@b commit -qm v1 && git tag v1)
}

# A copy of examples/hello-local, built.
built_example() {
    example_copy
    (cd "$WORK/project" && "$KRAFT" build >/dev/null 2>&1)
    echo "$WORK/project"
}

# median NAME: the median wall time in seconds of the named command in $WORK/bench.json.
median() {
    python3 -c 'import json,sys; r={x["command"]:x for x in json.load(open(sys.argv[1]))["results"]}; print("%.4f" % r[sys.argv[2]]["median"])' "$WORK/bench.json" "$1"
}

# ratio A B: A / B to two decimals.
ratio() {
    python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"
}

# raw_make PROJECT TARGET: Unikraft's own make as kraft calls it for the built PROJECT's TARGET,
# with the outdir and config in $WORK/raw. Sets kernel, RAW, make_call OUTDIR GOAL…, jobs,
# raw_first (defconfig + all in an empty outdir) and raw_clean (an empty outdir, with the
# archives of UPSTREAM_ARCHIVES=DIR, <lib>/<file>, that make cannot download here).
raw_make() {
    plan=$(cd "$1" && "$KRAFT" build --dry-run --no-update -t "$2" 2>/dev/null)
    kernel=$(echo "$plan" | sed -n 's/^target \([^ ]*\) .*/\1/p' | head -1)
    defconfig="$WORK/defconfig" && cp "$1/.unikraft/build/.kraft/$kernel.defconfig" "$defconfig"
    RAW="$WORK/raw"
    jobs=$(echo "$plan" | grep ' all' | head -1 | sed -n 's/.* all \(-j[0-9]*\)$/\1/p')
    raw_first="$(make_call "$RAW" "UK_DEFCONFIG=$defconfig defconfig") && $(make_call "$RAW" "all $jobs")"
    raw_clean="rm -rf $RAW && mkdir -p $RAW/build"
    [ -z "${UPSTREAM_ARCHIVES:-}" ] || raw_clean="$raw_clean && cp -r $UPSTREAM_ARCHIVES/. $RAW/build/"
}
make_call() {  # make_call OUTDIR GOAL...: make as kraft calls it (raw_make's plan), with O and C in OUTDIR
    echo "$plan" | grep ' all' | head -1 | sed -e 's/^ *//' -e "s| O=[^ ]*| O=$1/build|" -e "s| C=[^ ]*| C=$1/config|" \
        -e 's/ all\( -j[0-9]*\)\{0,1\}$//' -e "s|\$| $2|"
}
