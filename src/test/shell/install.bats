#!/usr/bin/env bats
# Tests for install.sh. Distribution detection is driven by the fixture os-release files in
# os-release/, package managers are stubs on PATH that record their argv, and one test installs
# for real from target/kraft.jar (run `mvn package` first; `mvn verify` does).

bats_require_minimum_version 1.5.0

setup() {
    ROOT=$(cd "$BATS_TEST_DIRNAME/../../.." && pwd)
    SCRIPT=$ROOT/install.sh
    FIX=$BATS_TEST_DIRNAME/os-release
    TMP=$BATS_TEST_TMPDIR
    ORIG_PATH=$PATH

    # Stubs: every one appends "name arg..." to $STUB_LOG; sudo then runs its command.
    STUBS=$TMP/stubs
    mkdir -p "$STUBS"
    export STUB_LOG=$TMP/calls.log
    : >"$STUB_LOG"
    for name in apt-get dnf pacman zypper apk sudo makepkg mvn yay paru; do
        cat >"$STUBS/$name" <<'EOF'
#!/bin/sh
{ printf '%s' "${0##*/}"; for a in "$@"; do printf ' %s' "$a"; done; echo; } >>"$STUB_LOG"
EOF
        chmod +x "$STUBS/$name"
    done
    echo 'exec "$@"' >>"$STUBS/sudo"
    # mvn "builds" by copying the real build output into the checkout it runs in.
    cat >>"$STUBS/mvn" <<'EOF'
if [ -n "${STUB_MVN_FROM:-}" ] && [ -f pom.xml ]; then
    mkdir -p target/lib && cp "$STUB_MVN_FROM/kraft.jar" target/ && cp "$STUB_MVN_FROM"/lib/*.jar target/lib/
fi
EOF
    # id -u reports $STUB_UID, so root and non-root runs are both tested whoever runs the tests.
    cat >"$STUBS/id" <<'EOF'
#!/bin/sh
if [ "$*" = "-u" ]; then echo "${STUB_UID:-0}"; else exec /usr/bin/id "$@"; fi
EOF
    chmod +x "$STUBS/id"

    export PATH=$STUBS:$PATH
    export STUB_UID=0
    export HOME=$TMP/home
    mkdir -p "$HOME"
    export PWNED=$TMP/pwned
    unset PREFIX KRAFT_OS_RELEASE SUDO SUDO_USER
}

# dry FIXTURE [ARGS...]: a dry run of the dependency step only, for that distribution.
dry() {
    local fixture=$1
    shift
    run --separate-stderr sh "$SCRIPT" --dry-run --deps-only --os-release "$FIX/$fixture" "$@" </dev/null
}

# The one package-manager line of a dry run (apt has two: update, then install).
install_line() { printf '%s\n' "$output" | grep -E '^\+ .*(apt-get install|dnf install|pacman -S|zypper|apk add)'; }

no_calls() {
    if [ -s "$STUB_LOG" ]; then
        echo "expected no commands to run, but these ran:" >&2
        cat "$STUB_LOG" >&2
        return 1
    fi
}

# refute_grep PATTERN FILE: FILE has no line matching PATTERN. (A bare `! grep` cannot fail a
# bats test: negated commands never trip `set -e`.)
refute_grep() {
    if grep -q -- "$1" "$2"; then
        echo "unexpected '$1' in $2:" >&2
        cat "$2" >&2
        return 1
    fi
}

# kraft_jar: a snapshot of the build's kraft.jar and lib/ in $TMP/build (so a build running
# meanwhile cannot change them under the test); prints the jar's path.
kraft_jar() {
    if [ ! -f "$ROOT/target/kraft.jar" ]; then
        echo "target/kraft.jar is missing: run 'mvn -B -q -ntp package -DskipTests' first" >&2
        return 1
    fi
    if [ ! -f "$TMP/build/kraft.jar" ]; then
        mkdir -p "$TMP/build/lib"
        cp "$ROOT/target/kraft.jar" "$TMP/build/"
        cp "$ROOT/target/lib/"*.jar "$TMP/build/lib/"
    fi
    printf '%s' "$TMP/build/kraft.jar"
}

# --- static checks ---------------------------------------------------------------------------

@test "install.sh is shellcheck-clean" {
    run shellcheck "$SCRIPT"
    echo "$output"
    [ "$status" -eq 0 ]
}

@test "install.sh is POSIX sh: dash parses it, and it runs under dash" {
    run dash -n "$SCRIPT"
    [ "$status" -eq 0 ]
    run dash "$SCRIPT" --help
    [ "$status" -eq 0 ]
}

@test "--help lists the options and exits 0" {
    run sh "$SCRIPT" --help
    [ "$status" -eq 0 ]
    for opt in --yes --dry-run --deps-only --no-deps --prefix --jar --sha256 --os-release --sysupgrade --no-cds; do
        [[ "$output" == *"$opt"* ]] || { echo "missing $opt"; return 1; }
    done
}

@test "usage errors exit 2" {
    run sh "$SCRIPT" --frobnicate
    [ "$status" -eq 2 ]
    [[ "$output" == *"unknown option '--frobnicate'"* ]]
    run sh "$SCRIPT" stray
    [ "$status" -eq 2 ]
    run sh "$SCRIPT" --deps-only --no-deps
    [ "$status" -eq 2 ]
    run sh "$SCRIPT" --prefix
    [ "$status" -eq 2 ]
    run sh "$SCRIPT" --sha256 "$(printf '%064d' 0)"
    [ "$status" -eq 2 ]
    run sh "$SCRIPT" --jar "$TMP/nope.jar" --sha256 "$(printf '%064d' 0)"
    [ "$status" -eq 2 ]
    touch "$TMP/k.jar"
    run sh "$SCRIPT" --jar "$TMP/k.jar"
    [ "$status" -eq 2 ]
    [[ "$output" == *"--sha256"* ]]
    run sh "$SCRIPT" --jar "$TMP/k.jar" --sha256 abc
    [ "$status" -eq 2 ]
    run sh "$SCRIPT" --os-release "$TMP/missing"
    [ "$status" -eq 2 ]
    run sh "$SCRIPT" --prefix= --dry-run
    [ "$status" -eq 2 ]
    no_calls
}

@test "--jar accepts https URLs only" {
    for url in http://example.org/kraft.jar ftp://example.org/kraft.jar file:///tmp/kraft.jar; do
        run sh "$SCRIPT" --no-deps --dry-run --jar "$url" --sha256 "$(printf '%064d' 0)"
        [ "$status" -eq 2 ]
        [[ "$output" == *"only https"* ]]
    done
    run --separate-stderr sh "$SCRIPT" --no-deps --dry-run --prefix "$TMP/p" \
        --jar https://example.org/kraft.jar --sha256 "$(printf '%064d' 0)" </dev/null
    [ "$status" -eq 0 ]
    [[ "$output" == *"+ curl --proto =https --proto-redir =https --tlsv1.2 -fsSL -o "*" https://example.org/kraft.jar"* ]]
    no_calls
}

# --- detection, per distribution -------------------------------------------------------------

@test "debian: apt-get update, then apt-get install with Debian's names" {
    dry debian
    [ "$status" -eq 0 ]
    [[ "$output" == *"+ env DEBIAN_FRONTEND=noninteractive apt-get update"* ]]
    line=$(install_line)
    [[ "$line" == "+ env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "* ]]
    for p in openjdk-17-jdk-headless maven make gcc flex bison libncurses-dev git wget curl patch \
        unzip kconfig-frontends qemu-system-x86 qemu-system-arm; do
        [[ " $line " == *" $p "* ]] || { echo "missing $p in: $line"; return 1; }
    done
    no_calls
}

@test "debian 13 gets OpenJDK 21 (trixie has no 17)" {
    dry debian-trixie
    [ "$status" -eq 0 ]
    [[ "$(install_line)" == *" openjdk-21-jdk-headless "* ]]
}

@test "ubuntu and linuxmint use apt-get, with kconfig-frontends" {
    for d in ubuntu linuxmint; do
        dry "$d"
        [ "$status" -eq 0 ]
        [[ "$(install_line)" == *"apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven "* ]]
        [[ "$(install_line)" == *" kconfig-frontends "* ]]
    done
    no_calls
}

@test "an unknown ID falls back to the words of ID_LIKE" {
    printf 'ID=pop\nID_LIKE="ubuntu debian"\nPRETTY_NAME="Pop!_OS 22.04 LTS"\n' >"$TMP/pop"
    printf 'ID=garuda\nID_LIKE=arch\n' >"$TMP/garuda"
    run --separate-stderr sh "$SCRIPT" --dry-run --deps-only --os-release "$TMP/pop" </dev/null
    [ "$status" -eq 0 ]
    [[ "$output" == *"apt-get install"* ]]
    run --separate-stderr sh "$SCRIPT" --dry-run --deps-only --os-release "$TMP/garuda" </dev/null
    [ "$status" -eq 0 ]
    [[ "$output" == *"+ pacman -S --needed --noconfirm "* ]]
}

@test "fedora: dnf with Fedora's names, kconfig-frontends skipped with a note" {
    dry fedora
    [ "$status" -eq 0 ]
    line=$(install_line)
    [[ "$line" == "+ dnf install -y --setopt=install_weak_deps=False java-21-openjdk-devel maven "* ]]
    for p in ncurses-devel flex bison gcc make git wget patch unzip qemu-system-x86-core qemu-system-aarch64-core; do
        [[ " $line " == *" $p "* ]] || { echo "missing $p in: $line"; return 1; }
    done
    [[ "$line" != *kconfig* ]]
    [[ "$stderr" == *"kconfig-frontends is not packaged"* ]]
    no_calls
}

@test "rhel and rocky: dnf, OpenJDK 17, QEMU as qemu-kvm with a note" {
    for d in rhel rocky; do
        dry "$d"
        [ "$status" -eq 0 ]
        line=$(install_line)
        [[ "$line" == "+ dnf install -y --setopt=install_weak_deps=False java-17-openjdk-devel maven "* ]]
        [[ " $line " == *" qemu-kvm "* ]]
        [[ "$stderr" == *"qemu-kvm"* ]]
    done
    no_calls
}

@test "arch, manjaro, endeavouros: pacman -S --needed, never makepkg, no system upgrade" {
    for d in arch manjaro endeavouros; do
        dry "$d"
        [ "$status" -eq 0 ]
        line=$(install_line)
        [[ "$line" == "+ pacman -S --needed --noconfirm jdk17-openjdk maven base-devel "* ]]
        for p in ncurses flex bison git qemu-system-x86 qemu-system-arm qemu-system-aarch64; do
            [[ " $line " == *" $p "* ]] || { echo "missing $p in: $line"; return 1; }
        done
        [[ "$output" != *makepkg* ]]
        [[ "$output" != *-Sy* ]]
        [[ "$output" != *yay* && "$output" != *paru* ]]
    done
    no_calls
}

@test "arch: --sysupgrade asks pacman for -Syu" {
    dry arch --sysupgrade
    [ "$status" -eq 0 ]
    [[ "$(install_line)" == "+ pacman -Syu --needed --noconfirm "* ]]
}

@test "opensuse-tumbleweed: zypper with openSUSE's names" {
    dry opensuse-tumbleweed
    [ "$status" -eq 0 ]
    line=$(install_line)
    [[ "$line" == "+ zypper --non-interactive install --no-recommends java-17-openjdk-devel maven "* ]]
    for p in ncurses-devel qemu-x86 qemu-arm; do
        [[ " $line " == *" $p "* ]] || { echo "missing $p in: $line"; return 1; }
    done
    no_calls
}

@test "sles: zypper, QEMU for the host architecture only" {
    dry sles
    [ "$status" -eq 0 ]
    line=$(install_line)
    [[ "$line" == "+ zypper --non-interactive install --no-recommends "* ]]
    case $(uname -m) in
        aarch64 | arm64) [[ " $line " == *" qemu-arm "* ]] ;;
        *) [[ " $line " == *" qemu-x86 "* && " $line " != *" qemu-arm "* ]] ;;
    esac
    [[ "$stderr" == *"SLES"* ]]
}

@test "alpine: apk add with Alpine's names" {
    dry alpine
    [ "$status" -eq 0 ]
    line=$(install_line)
    [[ "$line" == "+ apk add --no-cache openjdk17-jdk maven build-base "* ]]
    for p in ncurses-dev qemu-system-x86_64 qemu-system-arm qemu-system-aarch64 flex bison; do
        [[ " $line " == *" $p "* ]] || { echo "missing $p in: $line"; return 1; }
    done
    no_calls
}

@test "every family installs buildah, which builds Dockerfile root filesystems" {
    for d in debian ubuntu fedora rhel arch opensuse-tumbleweed sles alpine; do
        dry "$d"
        [ "$status" -eq 0 ]
        [[ " $(install_line) " == *" buildah "* ]] || { echo "no buildah for $d: $(install_line)"; return 1; }
    done
    no_calls
}

@test "unsupported distribution: exit 3 and what to install by hand" {
    dry nixos
    [ "$status" -eq 3 ]
    [[ "$stderr" == *"unsupported distribution: NixOS 24.05 (Uakari)"* ]]
    [[ "$stderr" == *"by hand"* ]]
    [[ "$stderr" == *"JDK 17"* && "$stderr" == *"qemu-system-x86_64"* && "$stderr" == *"buildah"* && "$stderr" == *"--no-deps"* ]]
    [ -z "$output" ]
    no_calls
    # Not a dry run either: still exit 3, nothing run.
    run sh "$SCRIPT" --yes --deps-only --os-release "$FIX/nixos" </dev/null
    [ "$status" -eq 3 ]
    no_calls
}

@test "--no-deps does not care about the distribution" {
    run --separate-stderr sh "$SCRIPT" --dry-run --no-deps --os-release "$FIX/nixos" --prefix "$TMP/p" </dev/null
    [ "$status" -eq 0 ]
    [[ "$output" == *"mvn -B -q -ntp package -DskipTests"* ]]
}

@test "released-jar mode asks for a Java runtime, not a JDK and Maven" {
    touch "$TMP/kraft.jar"
    dry debian --jar "$TMP/kraft.jar" --sha256 "$(printf '%064d' 0)"
    [ "$status" -eq 0 ]
    line=$(install_line)
    [[ " $line " == *" openjdk-17-jre-headless "* ]]
    [[ " $line " != *" maven "* && "$line" != *jdk-headless* ]]
    dry arch --jar "$TMP/kraft.jar" --sha256 "$(printf '%064d' 0)"
    [[ " $(install_line) " == *" jre17-openjdk-headless "* ]]
}

# --- os-release parsing ----------------------------------------------------------------------

@test "os-release values: double-quoted, single-quoted and bare all work" {
    for v in '"arch"' "'arch'" 'arch' '"Arch"' "'manjaro'"; do
        printf 'NAME=x\nID=%s\n' "$v" >"$TMP/osr"
        run --separate-stderr sh "$SCRIPT" --dry-run --deps-only --os-release "$TMP/osr" </dev/null
        [ "$status" -eq 0 ] || { echo "ID=$v: status $status"; return 1; }
        [[ "$output" == *"+ pacman -S --needed"* ]] || { echo "ID=$v: $output"; return 1; }
    done
    printf 'ID="opensuse-leap"\nID_LIKE="suse opensuse"\n' >"$TMP/osr"
    run --separate-stderr sh "$SCRIPT" --dry-run --deps-only --os-release "$TMP/osr" </dev/null
    [[ "$output" == *"+ zypper "* ]]
    # ID_LIKE matches whole words only: "archlinux-ish" is not "arch".
    printf 'ID=foo\nID_LIKE="archlinux-ish debianish"\n' >"$TMP/osr"
    run --separate-stderr sh "$SCRIPT" --dry-run --deps-only --os-release "$TMP/osr" </dev/null
    [ "$status" -eq 3 ]
}

@test "KRAFT_OS_RELEASE selects the file as --os-release does" {
    KRAFT_OS_RELEASE=$FIX/alpine run --separate-stderr sh "$SCRIPT" --dry-run --deps-only </dev/null
    [ "$status" -eq 0 ]
    [[ "$output" == *"+ apk add"* ]]
    # --os-release wins over the environment.
    KRAFT_OS_RELEASE=$FIX/alpine run --separate-stderr sh "$SCRIPT" --dry-run --deps-only --os-release "$FIX/fedora" </dev/null
    [[ "$output" == *"+ dnf install"* ]]
}

@test "the hostile fixtures are armed: sourcing them runs commands" {
    sh -c '. "$1"' _ "$FIX/hostile" >/dev/null 2>&1 || true
    [ -e "$PWNED" ]
    rm -f "$PWNED"
    sh -c '. "$1"' _ "$FIX/hostile-debian" >/dev/null 2>&1 || true
    [ -e "$PWNED" ]
}

@test "a hostile os-release runs nothing: it is unsupported data" {
    dry hostile
    [ "$status" -eq 3 ]
    [ ! -e "$PWNED" ]
    run sh "$SCRIPT" --yes --deps-only --os-release "$FIX/hostile" </dev/null
    [ "$status" -eq 3 ]
    [ ! -e "$PWNED" ]
    no_calls
}

@test "a hostile os-release that says ID=debian is Debian, and still runs nothing of its own" {
    run --separate-stderr sh "$SCRIPT" --yes --deps-only --os-release "$FIX/hostile-debian" </dev/null
    [ "$status" -eq 0 ]
    [ ! -e "$PWNED" ]
    grep -q '^apt-get install -y --no-install-recommends ' "$STUB_LOG"
    refute_grep touch "$STUB_LOG"
}

@test "control characters in PRETTY_NAME never reach the terminal" {
    printf 'ID=nixos\nPRETTY_NAME="Evil\033]0;owned\007 \033[2Jname"\n' >"$TMP/osr"
    run --separate-stderr sh "$SCRIPT" --dry-run --deps-only --os-release "$TMP/osr" </dev/null
    [ "$status" -eq 3 ]
    [[ "$stderr" == *"Evil]0;owned [2Jname"* ]]
    [[ "$stderr" != *$'\033'* && "$stderr" != *$'\007'* ]]
}

# --- dry run ---------------------------------------------------------------------------------

@test "--dry-run prints every step, '+ ' and shell-quoted, and runs nothing" {
    run --separate-stderr sh "$SCRIPT" --dry-run --os-release "$FIX/debian" --prefix "$TMP/p" </dev/null
    [ "$status" -eq 0 ]
    no_calls
    [ ! -e "$TMP/p" ]
    while IFS= read -r l; do
        [[ "$l" == "+ "* ]] || { echo "not a command line: $l"; return 1; }
    done <<<"$output"
    [[ "$output" == *"+ env DEBIAN_FRONTEND=noninteractive apt-get install "* ]]
    [[ "$output" == *"+ cd $ROOT && mvn -B -q -ntp package -DskipTests"* ]]
    [[ "$output" == *"+ cp $ROOT/target/kraft.jar $TMP/p/lib/.kraft.new."*"/kraft.jar"* ]]
    [[ "$output" == *"+ cp $ROOT/target/lib/*.jar $TMP/p/lib/.kraft.new."*"/lib/"* ]]
    [[ "$output" == *"+ mv $TMP/p/lib/.kraft.new."*" $TMP/p/lib/kraft"* ]]
    [[ "$output" == *"+ cp $ROOT/bin/kraft $TMP/p/bin/.kraft.new."* ]]
    [[ "$output" == *"+ mv -f $TMP/p/bin/.kraft.new."*" $TMP/p/bin/kraft"* ]]
    [[ "$output" == *"+ $TMP/p/bin/kraft completion bash > $TMP/p/share/bash-completion/completions/kraft"* ]]
    [[ "$output" == *"+ sh $ROOT/scripts/cds-archive.sh $TMP/p/lib/kraft"* ]]
    [[ "$output" == *"+ $TMP/p/bin/kraft version"* ]]
}

@test "--dry-run quotes words with spaces and quotes so the lines can be pasted into sh" {
    p="$TMP/my pre'fix"
    run --separate-stderr sh "$SCRIPT" --dry-run --no-deps --prefix "$p" </dev/null
    [ "$status" -eq 0 ]
    line=$(printf '%s\n' "$output" | grep '^+ mv -f .*/bin/\.kraft\.new')
    [[ "$line" == *" '$TMP/my pre'\\''fix/bin/kraft'" ]]
    eval "set -- ${line#+ }"
    [ "$#" -eq 4 ]
    [ "$4" = "$p/bin/kraft" ]
    no_calls
}

@test "default prefix: ~/.local without root, /usr/local as root" {
    STUB_UID=1000 run --separate-stderr sh "$SCRIPT" --dry-run --no-deps </dev/null
    [ "$status" -eq 0 ]
    [[ "$output" == *" $HOME/.local/bin/kraft"* ]]
    STUB_UID=0 run --separate-stderr sh "$SCRIPT" --dry-run --no-deps </dev/null
    [ "$status" -eq 0 ]
    [[ "$output" == *"+ mv -f /usr/local/bin/.kraft.new."*" /usr/local/bin/kraft"* ]]
    PREFIX=$TMP/env-prefix run --separate-stderr sh "$SCRIPT" --dry-run --no-deps </dev/null
    [[ "$output" == *"$TMP/env-prefix/bin/kraft"* ]]
    no_calls
}

# --- privileges and prompts ------------------------------------------------------------------

@test "as root: the package manager runs directly, without sudo" {
    run sh "$SCRIPT" --yes --deps-only --os-release "$FIX/arch" </dev/null
    [ "$status" -eq 0 ]
    grep -q '^pacman -S --needed --noconfirm jdk17-openjdk ' "$STUB_LOG"
    refute_grep '^sudo' "$STUB_LOG"
    refute_grep makepkg "$STUB_LOG"
}

@test "not root, --yes: sudo runs the package manager (and only it)" {
    STUB_UID=1000 run sh "$SCRIPT" --yes --deps-only --os-release "$FIX/arch" </dev/null
    [ "$status" -eq 0 ]
    grep -q '^sudo pacman -S --needed --noconfirm ' "$STUB_LOG"
    grep -q '^pacman -S --needed --noconfirm ' "$STUB_LOG"
    refute_grep makepkg "$STUB_LOG"
    [ "$(grep -c '^sudo' "$STUB_LOG")" -eq 1 ]
    : >"$STUB_LOG"
    STUB_UID=1000 run sh "$SCRIPT" --yes --deps-only --os-release "$FIX/ubuntu" </dev/null
    [ "$status" -eq 0 ]
    grep -q '^sudo env DEBIAN_FRONTEND=noninteractive apt-get update$' "$STUB_LOG"
    grep -q '^sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y ' "$STUB_LOG"
}

@test "not root, no terminal, no --yes: refuses to run sudo" {
    STUB_UID=1000 run sh "$SCRIPT" --deps-only --os-release "$FIX/fedora" </dev/null
    [ "$status" -eq 1 ]
    [[ "$output" == *"--yes"* ]]
    no_calls
}

@test "on a terminal without --yes: asks first, and 'n' installs nothing" {
    # script(1) gives the installer a pseudo-terminal; the answer is typed into it.
    cmd="sh '$SCRIPT' --deps-only --os-release '$FIX/arch'"
    STUB_UID=1000 run script -qec "$cmd" /dev/null <<<"n"
    [ "$status" -eq 1 ]
    [[ "$output" == *"install these packages (with sudo): jdk17-openjdk maven "*"[Y/n]"* ]]
    [[ "$output" == *"nothing installed"* ]]
    no_calls
    STUB_UID=1000 run script -qec "$cmd" /dev/null <<<"y"
    [ "$status" -eq 0 ]
    grep -q '^sudo pacman -S --needed --noconfirm jdk17-openjdk ' "$STUB_LOG"
}

@test "not root and no sudo: a clear error, nothing run" {
    STUB_UID=1000 SUDO=$TMP/no-such-sudo run sh "$SCRIPT" --yes --deps-only --os-release "$FIX/alpine" </dev/null
    [ "$status" -eq 1 ]
    [[ "$output" == *"needs root"* ]]
    no_calls
}

@test "SUDO=doas is honoured" {
    cp "$STUBS/sudo" "$STUBS/doas"
    STUB_UID=1000 SUDO=doas run sh "$SCRIPT" --yes --deps-only --os-release "$FIX/alpine" </dev/null
    [ "$status" -eq 0 ]
    grep -q '^doas apk add --no-cache openjdk17-jdk ' "$STUB_LOG"
}

@test "a failing package manager or build ends with exit 1, naming the command" {
    printf '#!/bin/sh\necho "E: Unable to locate package" >&2\nexit 100\n' >"$STUBS/apt-get"
    run sh "$SCRIPT" --yes --deps-only --os-release "$FIX/debian" </dev/null
    [ "$status" -eq 1 ]
    [[ "$output" == *"error: failed (exit 100): env DEBIAN_FRONTEND=noninteractive apt-get update"* ]]
    printf '#!/bin/sh\nexit 42\n' >"$STUBS/mvn"
    run sh "$SCRIPT" --yes --no-deps --prefix "$TMP/p" </dev/null
    [ "$status" -eq 1 ]
    [[ "$output" == *"error: failed (exit 42): cd $ROOT && mvn -B -q -ntp package -DskipTests"* ]]
    [ ! -e "$TMP/p/bin/kraft" ]
}

# --- installing kraft ------------------------------------------------------------------------

@test "from a checkout: mvn package, then jar, libs and launcher land in PREFIX" {
    jar=$(kraft_jar)
    co=$TMP/checkout
    mkdir -p "$co/bin"
    cp "$SCRIPT" "$co/install.sh"
    cp "$ROOT/bin/kraft" "$co/bin/kraft"
    echo '<project/>' >"$co/pom.xml"
    STUB_MVN_FROM=$(dirname "$jar") run --separate-stderr sh "$co/install.sh" --yes --no-deps --prefix "$TMP/p" </dev/null
    echo "$stderr"
    [ "$status" -eq 0 ]
    [ "$(cat "$STUB_LOG")" = "mvn -B -q -ntp package -DskipTests" ]
    [ -f "$TMP/p/lib/kraft/kraft.jar" ]
    [ -x "$TMP/p/bin/kraft" ]
    [ "$(ls "$TMP/p/lib/kraft/lib" | wc -l)" -eq "$(ls "$TMP/build/lib"/*.jar | wc -l)" ]
    [[ "$stderr" == *"completion skipped"* || -f "$TMP/p/share/bash-completion/completions/kraft" ]]
    run "$TMP/p/bin/kraft" version
    [ "$status" -eq 0 ]
    [[ "$output" == kraft\ * ]]
}

@test "real install of target/kraft.jar: PREFIX/bin/kraft version works" {
    jar=$(kraft_jar)
    sum=$(sha256sum "$jar" | cut -d' ' -f1)
    export PATH=$ORIG_PATH
    run --separate-stderr sh "$SCRIPT" --yes --no-deps --prefix "$TMP/prefix" --jar "$jar" --sha256 "$sum" </dev/null
    echo "$stderr"
    [ "$status" -eq 0 ]
    [ -f "$TMP/prefix/lib/kraft/kraft.jar" ]
    ls "$TMP/prefix/lib/kraft/lib/"*.jar >/dev/null
    [ -x "$TMP/prefix/bin/kraft" ]
    [ "$(stat -c %a "$TMP/prefix/lib/kraft/kraft.jar")" = 644 ]
    # The start-up archive is made for the installed jar, in place.
    [ -f "$TMP/prefix/lib/kraft/kraft.jsa" ]
    run "$TMP/prefix/bin/kraft" version
    [ "$status" -eq 0 ]
    [[ "$output" == kraft\ * ]]
    # The OCI runtime containerd's shim runs (its BinaryName), beside kraft.
    [ -L "$TMP/prefix/bin/kraft-runu" ]
    run "$TMP/prefix/bin/kraft-runu" --version
    [ "$status" -eq 0 ]
    [[ "$output" == "kraft-runu version "* ]]
    run "$TMP/prefix/bin/kraft-runu" --root "$TMP/runu" state nothing
    [ "$status" -eq 6 ]
    [[ "$output" == *"container nothing does not exist"* ]]
    # Through a symlink on another PATH directory, too.
    mkdir -p "$TMP/elsewhere"
    ln -s "$TMP/prefix/bin/kraft" "$TMP/elsewhere/kraft"
    run "$TMP/elsewhere/kraft" version
    [ "$status" -eq 0 ]
    # Again, over the first install: an upgrade in place, no questions, nothing left behind
    # (not even the first install's archive, which belonged to the jar it replaced).
    run --separate-stderr sh "$SCRIPT" --yes --no-deps --no-cds --prefix "$TMP/prefix" --jar "$jar" --sha256 "$sum" </dev/null
    [ "$status" -eq 0 ]
    [ ! -e "$TMP/prefix/lib/kraft/kraft.jsa" ]
    [ -z "$(ls -A "$TMP/prefix/lib" | grep -v '^kraft$')" ]
    run "$TMP/prefix/bin/kraft" version
    [ "$status" -eq 0 ]
}

# serve_https DIR: serve DIR over TLS on 127.0.0.1 (openssl s_server, self-signed certificate
# that curl trusts through CURL_CA_BUNDLE). Sets HTTPS_PORT; teardown stops the server.
serve_https() {
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
        -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
        -keyout "$TMP/key.pem" -out "$TMP/cert.pem" >/dev/null 2>&1
    export CURL_CA_BUNDLE=$TMP/cert.pem
    local try i
    for try in 1 2 3 4 5 6 7 8; do
        HTTPS_PORT=$((20000 + RANDOM % 20000))
        (cd "$1" && exec openssl s_server -quiet -WWW -accept "127.0.0.1:$HTTPS_PORT" \
            -cert "$TMP/cert.pem" -key "$TMP/key.pem") >/dev/null 2>&1 3>&- &
        HTTPS_PID=$!
        for i in $(seq 50); do
            kill -0 "$HTTPS_PID" 2>/dev/null || break
            if curl -s -o /dev/null "https://localhost:$HTTPS_PORT/"; then return 0; fi
            sleep 0.1
        done
        kill "$HTTPS_PID" 2>/dev/null || true
    done
    echo "could not start an https server" >&2
    return 1
}

teardown() {
    if [ -n "${HTTPS_PID:-}" ]; then kill "$HTTPS_PID" 2>/dev/null || true; fi
}

@test "--jar https URL: downloaded over TLS, checked against its SHA-256, installed" {
    # A self-contained jar, as a release would be (the build's kraft.jar needs its lib/).
    mkdir -p "$TMP/src" "$TMP/classes" "$TMP/srv"
    printf '%s\n' 'public class Main { public static void main(String[] a) {' \
        '  System.out.println("kraft released " + String.join(" ", a)); } }' >"$TMP/src/Main.java"
    javac -d "$TMP/classes" "$TMP/src/Main.java"
    jar --create --file "$TMP/srv/kraft.jar" --main-class Main -C "$TMP/classes" .
    sum=$(sha256sum "$TMP/srv/kraft.jar" | cut -d' ' -f1)
    serve_https "$TMP/srv"
    export PATH=$ORIG_PATH
    url=https://localhost:$HTTPS_PORT/kraft.jar

    run sh "$SCRIPT" --yes --no-deps --no-cds --prefix "$TMP/bad" --jar "$url" --sha256 "$(printf '%064d' 0)" </dev/null
    [ "$status" -eq 1 ]
    [[ "$output" == *"SHA-256 mismatch"* ]]
    [ ! -e "$TMP/bad/bin/kraft" ]

    run --separate-stderr sh "$SCRIPT" --yes --no-deps --no-cds --prefix "$TMP/p" --jar "$url" --sha256 "$sum" </dev/null
    echo "$stderr"
    [ "$status" -eq 0 ]
    cmp "$TMP/srv/kraft.jar" "$TMP/p/lib/kraft/kraft.jar"
    run "$TMP/p/bin/kraft" version
    [ "$output" = "kraft released version" ]
    # The temporary download directory is gone.
    [ -z "$(find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'kraft-install.*' -newer "$TMP/srv/kraft.jar" 2>/dev/null)" ]
}

# release_tarball DIR: DIR/kraft-9.9.9.tar.gz laid out as .github/workflows/release.yml makes it.
release_tarball() {
    local jar d=$1/kraft-9.9.9
    jar=$(kraft_jar) || return 1
    mkdir -p "$d/bin" "$d/lib/kraft"
    cp "$ROOT/bin/kraft" "$d/bin/"
    cp "$jar" "$d/lib/kraft/"
    cp -r "$TMP/build/lib" "$d/lib/kraft/lib"
    cp "$SCRIPT" "$d/"
    tar -C "$1" -czf "$1/kraft-9.9.9.tar.gz" kraft-9.9.9
    rm -rf "$d"
}

@test "--jar https URL of a release archive: checked, unpacked, installed with its libraries" {
    mkdir -p "$TMP/srv"
    release_tarball "$TMP/srv"
    sum=$(sha256sum "$TMP/srv/kraft-9.9.9.tar.gz" | cut -d' ' -f1)
    serve_https "$TMP/srv"
    export PATH=$ORIG_PATH
    run --separate-stderr sh "$SCRIPT" --yes --no-deps --no-cds --prefix "$TMP/p" \
        --jar "https://localhost:$HTTPS_PORT/kraft-9.9.9.tar.gz" --sha256 "$sum" </dev/null
    echo "$stderr"
    [ "$status" -eq 0 ]
    [[ "$stderr" == *"+ tar -xzf "* ]]
    [ "$(ls "$TMP/p/lib/kraft/lib" | wc -l)" -eq "$(ls "$TMP/build/lib"/*.jar | wc -l)" ]
    run "$TMP/p/bin/kraft" version
    [ "$status" -eq 0 ]
    [[ "$output" == kraft\ * ]]
}

@test "an unpacked release archive installs its prebuilt jar and builds nothing" {
    release_tarball "$TMP"
    tar -C "$TMP" -xzf "$TMP/kraft-9.9.9.tar.gz"
    rel=$TMP/kraft-9.9.9
    run --separate-stderr sh "$rel/install.sh" --dry-run --deps-only --os-release "$FIX/debian" </dev/null
    [ "$status" -eq 0 ]
    [[ " $(install_line) " == *" openjdk-17-jre-headless "* && " $(install_line) " != *" maven "* ]]
    run --separate-stderr sh "$rel/install.sh" --yes --no-deps --no-cds --prefix "$TMP/p" </dev/null
    echo "$stderr"
    [ "$status" -eq 0 ]
    no_calls
    [[ "$stderr" == *"prebuilt kraft of this release archive"* ]]
    run "$TMP/p/bin/kraft" version
    [ "$status" -eq 0 ]
    [[ "$output" == kraft\ * ]]
}

@test "a jar that cannot start (no lib/ beside it) never replaces a working install" {
    jar=$(kraft_jar)
    sum=$(sha256sum "$jar" | cut -d' ' -f1)
    run sh "$SCRIPT" --yes --no-deps --no-cds --prefix "$TMP/p" --jar "$jar" --sha256 "$sum" </dev/null
    [ "$status" -eq 0 ]
    mkdir -p "$TMP/lone"
    cp "$jar" "$TMP/lone/kraft.jar"
    run sh "$SCRIPT" --yes --no-deps --no-cds --prefix "$TMP/p" --jar "$TMP/lone/kraft.jar" --sha256 "$sum" </dev/null
    [ "$status" -eq 1 ]
    [[ "$output" == *"the new kraft does not start"* ]]
    [ -z "$(ls -A "$TMP/p/lib" | grep -v '^kraft$')" ]
    run "$TMP/p/bin/kraft" version
    [ "$status" -eq 0 ]
}

@test "a jar whose SHA-256 does not match is not installed" {
    jar=$(kraft_jar)
    run sh "$SCRIPT" --yes --no-deps --prefix "$TMP/p" --jar "$jar" --sha256 "$(printf '%064d' 0)" </dev/null
    [ "$status" -eq 1 ]
    [[ "$output" == *"SHA-256 mismatch"* ]]
    [ ! -e "$TMP/p/bin/kraft" ]
    [ ! -e "$TMP/p/lib/kraft" ]
}

@test "another program called kraft is replaced only with --yes (or an answer on a terminal)" {
    jar=$(kraft_jar)
    sum=$(sha256sum "$jar" | cut -d' ' -f1)
    mkdir -p "$TMP/p/bin"
    printf '#!/bin/sh\necho kraftkit\n' >"$TMP/p/bin/kraft"
    STUB_UID=1000 run sh "$SCRIPT" --no-deps --no-cds --prefix "$TMP/p" --jar "$jar" --sha256 "$sum" </dev/null
    [ "$status" -eq 1 ]
    [[ "$output" == *"another program"* ]]
    grep -q 'echo kraftkit' "$TMP/p/bin/kraft"
    STUB_UID=1000 run sh "$SCRIPT" --yes --no-deps --no-cds --prefix "$TMP/p" --jar "$jar" --sha256 "$sum" </dev/null
    [ "$status" -eq 0 ]
    refute_grep 'echo kraftkit' "$TMP/p/bin/kraft"
}

@test "installed files are world-readable whatever the source modes, and a symlinked launcher is replaced, not written through" {
    jar=$(kraft_jar)
    mkdir -p "$TMP/rel/lib" "$TMP/p/bin"
    cp "$jar" "$TMP/rel/kraft.jar"
    cp "$TMP/build/lib/"*.jar "$TMP/rel/lib/"
    chmod 600 "$TMP/rel/kraft.jar" "$TMP/rel/lib/"*.jar
    sum=$(sha256sum "$jar" | cut -d' ' -f1)
    # A user who linked a checkout's launcher into PREFIX/bin: that file must stay as it was.
    cp "$ROOT/bin/kraft" "$TMP/checkout-launcher"
    echo '# marker' >>"$TMP/checkout-launcher"
    ln -s "$TMP/checkout-launcher" "$TMP/p/bin/kraft"
    run --separate-stderr sh "$SCRIPT" --yes --no-deps --no-cds --prefix "$TMP/p" --jar "$TMP/rel/kraft.jar" --sha256 "$sum" </dev/null
    echo "$stderr"
    [ "$status" -eq 0 ]
    [ "$(stat -c %a "$TMP/p/lib/kraft/kraft.jar")" = 644 ]
    [ -z "$(find "$TMP/p/lib/kraft" -type f ! -perm 644)" ]
    [ -z "$(find "$TMP/p/lib/kraft" -type d ! -perm 755)" ]
    [ ! -L "$TMP/p/bin/kraft" ]
    [ "$(stat -c %a "$TMP/p/bin/kraft")" = 755 ]
    grep -q '# marker' "$TMP/checkout-launcher"
    [ -z "$(ls -A "$TMP/p/bin" | grep -v '^kraft$' | grep -v '^kraft-runu$')" ]
    [ "$(readlink "$TMP/p/bin/kraft-runu")" = kraft ]
}

@test "a prefix that cannot be written is refused before anything runs" {
    touch "$TMP/a-file"
    run sh "$SCRIPT" --yes --os-release "$FIX/debian" --prefix "$TMP/a-file/prefix" </dev/null
    [ "$status" -eq 1 ]
    [[ "$output" == *"cannot write to $TMP/a-file/prefix"* ]]
    no_calls
}

# --- the Debian names are real ---------------------------------------------------------------

@test "every package named for Debian 12 exists in this machine's apt (Debian 12)" {
    grep -q '^ID=debian' /etc/os-release
    touch "$TMP/kraft.jar"
    dry debian
    pkgs=$(install_line | sed 's/.*--no-install-recommends //')
    dry debian --jar "$TMP/kraft.jar" --sha256 "$(printf '%064d' 0)"
    pkgs="$pkgs $(install_line | sed 's/.*--no-install-recommends //')"
    # One apt-cache call (it exits 0 even when a name is unknown, so compare what it found).
    # shellcheck disable=SC2086
    found=$(apt-cache show --no-all-versions $pkgs 2>/dev/null | sed -n 's/^Package: //p')
    for p in $pkgs; do
        grep -qx -- "$p" <<<"$found" || { echo "apt has no package $p"; return 1; }
    done
}
