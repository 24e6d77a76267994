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
