#!/bin/sh
# install.sh: install kraft for Java and what it needs to build and boot Unikraft unikernels.
#
#   sh install.sh                      dependencies, build from this checkout, install to ~/.local
#   sh install.sh --dry-run            print every command it would run, run none
#   sh install.sh --jar FILE|URL --sha256 HEX   install a released jar instead of building
#
# POSIX sh (dash-clean, shellcheck-clean). /etc/os-release is parsed, never sourced.
# Exit codes: 0 ok, 1 failure, 2 usage, 3 unsupported distribution.
# docs/install.md explains every option and what each distribution gets.
set -eu
umask 022

PROG=install.sh

# ---------------------------------------------------------------------------------------------
# Messages and commands

say() { printf '%s: %s\n' "$PROG" "$*" >&2; }
note() { printf '%s: note: %s\n' "$PROG" "$*" >&2; }
warn() { printf '%s: warning: %s\n' "$PROG" "$*" >&2; }
die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }
usage_error() {
    printf '%s: error: %s\n' "$PROG" "$*" >&2
    printf "Run '%s --help' for the options.\n" "$PROG" >&2
    exit 2
}

# shquote WORD: WORD as the shell would need it typed (single-quoted unless it is plainly safe).
shquote() {
    case $1 in
        '') printf "''" ;;
        *[!A-Za-z0-9_./:=@%+,-]*)
            printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")" ;;
        *) printf '%s' "$1" ;;
    esac
}

# cmdline ARGV...: the command as one shell-quoted line.
cmdline() {
    cl_sep=''
    for cl_arg in "$@"; do
        printf '%s%s' "$cl_sep" "$(shquote "$cl_arg")"
        cl_sep=' '
    done
}

# show LINE: a command line, '+ ' first. Dry runs print to stdout (that is their output); real
# runs trace to stderr, as `set -x` would.
show() {
    if [ "$DRY_RUN" = 1 ]; then
        printf '+ %s\n' "$1"
    else
        printf '+ %s\n' "$1" >&2
    fi
}

# run ARGV...: show the command, then run it unless this is a dry run. A failure ends the
# script with exit 1 (whatever the command's own status), naming the command.
run() {
    run_line=$(cmdline "$@")
    show "$run_line"
    if [ "$DRY_RUN" = 1 ]; then return 0; fi
    "$@" || die "failed (exit $?): $run_line"
}

# run_in DIR ARGV...: the same, in DIR.
run_in() {
    ri_dir=$1
    shift
    run_line="cd $(shquote "$ri_dir") && $(cmdline "$@")"
    show "$run_line"
    if [ "$DRY_RUN" = 1 ]; then return 0; fi
    (cd "$ri_dir" && "$@") || die "failed (exit $?): $run_line"
}

# run_root ARGV...: a command that needs root (package installs only): directly as root,
# otherwise through $SUDO.
run_root() {
    if [ "$IS_ROOT" = 1 ]; then
        run "$@"
    else
        run "$SUDO" "$@"
    fi
}

have() { command -v "$1" >/dev/null 2>&1; }

# A prompt needs a terminal on both ends; without one, defaults apply.
interactive() { [ -t 0 ] && [ -t 2 ]; }

# ask QUESTION DEFAULT(y|n): 0 for yes, 1 for no. Only called when interactive.
ask() {
    if [ "$2" = y ]; then ask_hint='[Y/n]'; else ask_hint='[y/N]'; fi
    printf '%s: %s %s ' "$PROG" "$1" "$ask_hint" >&2
    ask_reply=''
    read -r ask_reply || ask_reply=''
    case $ask_reply in
        '') [ "$2" = y ] ;;
        [Yy] | [Yy][Ee][Ss]) return 0 ;;
        *) return 1 ;;
    esac
}

# ---------------------------------------------------------------------------------------------
# Options

help() {
    cat <<'EOF'
Usage: install.sh [OPTIONS]

Install kraft for Java: the packages needed to build and boot Unikraft unikernels (with your
distribution's package manager), then kraft itself into PREFIX/bin/kraft (and kraft-runu, its OCI
runtime for containerd) and PREFIX/lib/kraft/:
built from this checkout, taken from the unpacked release archive this script came in, or from
--jar.

Options:
  -y, --yes             Answer yes to every question; needed to use sudo without a terminal.
      --dry-run         Print every command, shell-quoted, one per line after '+ ', run none
                        (shows what a run with --yes would do).
      --deps-only       Install the dependencies only.
      --no-deps         Skip the dependencies (install them yourself).
      --prefix DIR      Install under DIR (default ~/.local, or /usr/local as root; also $PREFIX).
      --jar FILE|URL    Install this prebuilt kraft instead of building from the checkout: a
                        release archive (kraft-VERSION.tar.gz) or a jar (a lib/ directory
                        next to a jar FILE is installed too). A URL must be https.
      --sha256 HEX      Its published SHA-256, from SHA256SUMS (required with --jar).
      --os-release FILE Read FILE instead of /etc/os-release (also $KRAFT_OS_RELEASE).
      --sysupgrade      Arch family: run 'pacman -Syu' (a full system upgrade) instead of
                        'pacman -S'. Never done unless asked.
      --no-cds          Skip making the start-up archive (AppCDS) for the installed jar:
                        saves ~10 s now, kraft then starts about a third slower.
  -h, --help            Show this help and exit.

Supported: Debian, Ubuntu, Linux Mint (apt-get); Fedora, RHEL, Rocky, Alma, CentOS (dnf);
Arch, Manjaro, EndeavourOS (pacman); openSUSE, SLES (zypper); Alpine (apk). Elsewhere the script
names what to install by hand; then use --no-deps.

Environment: PREFIX, KRAFT_OS_RELEASE, SUDO (default sudo; e.g. SUDO=doas).
Exit codes: 0 ok, 1 failure, 2 usage, 3 unsupported distribution.
EOF
}

DRY_RUN=0
YES=0
DEPS=1
KRAFT=1
SYSUPGRADE=0
CDS=1
JAR=''
SHA256=''
PREFIX_ARG=''
OS_RELEASE_ARG=''

# need_value OPTION "$#": an option that takes a value must have one.
need_value() {
    if [ "$2" -lt 2 ]; then usage_error "$1 needs a value"; fi
}

need_nonempty() {
    if [ -z "$2" ]; then usage_error "$1 needs a non-empty value"; fi
}

while [ $# -gt 0 ]; do
    case $1 in
        -h | --help) help; exit 0 ;;
        -y | --yes) YES=1 ;;
        --dry-run) DRY_RUN=1 ;;
        --deps-only) KRAFT=0 ;;
        --no-deps) DEPS=0 ;;
        --sysupgrade) SYSUPGRADE=1 ;;
        --no-cds) CDS=0 ;;
        --prefix) need_value "$1" $#; PREFIX_ARG=$2; need_nonempty "$1" "$2"; shift ;;
        --prefix=*) PREFIX_ARG=${1#*=}; need_nonempty --prefix "$PREFIX_ARG" ;;
        --jar) need_value "$1" $#; JAR=$2; shift ;;
        --jar=*) JAR=${1#*=} ;;
        --sha256) need_value "$1" $#; SHA256=$2; shift ;;
        --sha256=*) SHA256=${1#*=} ;;
        --os-release) need_value "$1" $#; OS_RELEASE_ARG=$2; need_nonempty "$1" "$2"; shift ;;
        --os-release=*) OS_RELEASE_ARG=${1#*=}; need_nonempty --os-release "$OS_RELEASE_ARG" ;;
        --) shift; break ;;
        -*) usage_error "unknown option '$1'" ;;
        *) usage_error "unexpected argument '$1'" ;;
    esac
    shift
done
if [ $# -gt 0 ]; then usage_error "unexpected argument '$1'"; fi

if [ "$DEPS" = 0 ] && [ "$KRAFT" = 0 ]; then
    usage_error "--deps-only and --no-deps together leave nothing to do"
fi
if [ -n "$SHA256" ] && [ -z "$JAR" ]; then usage_error "--sha256 only goes with --jar"; fi
if [ -n "$JAR" ]; then
    if [ -z "$SHA256" ]; then usage_error "--jar needs --sha256 HEX (the jar's published SHA-256)"; fi
    SHA256=$(printf '%s' "$SHA256" | LC_ALL=C tr '[:upper:]' '[:lower:]')
    case $SHA256 in
        *[!0-9a-f]*) usage_error "--sha256 must be 64 hex digits" ;;
    esac
    if [ ${#SHA256} -ne 64 ]; then usage_error "--sha256 must be 64 hex digits"; fi
    case $JAR in
        https://*) ;;
        *://*) usage_error "--jar: only https:// downloads are allowed, not '$JAR'" ;;
        '') usage_error "--jar needs a file or an https URL" ;;
        *) if [ ! -f "$JAR" ]; then usage_error "--jar: no such file: $JAR"; fi ;;
    esac
fi

OS_RELEASE=${OS_RELEASE_ARG:-${KRAFT_OS_RELEASE:-}}
if [ -n "$OS_RELEASE" ] && [ ! -f "$OS_RELEASE" ]; then
    usage_error "no such os-release file: $OS_RELEASE"
fi

SUDO=${SUDO:-sudo}
if [ "$(id -u)" = 0 ]; then IS_ROOT=1; else IS_ROOT=0; fi

# Where this script lives: a kraft checkout when building from source.
case $0 in
    */*) SELF_DIR=$(CDPATH='' cd -- "${0%/*}" && pwd -P) ;;
    *) SELF_DIR=$(pwd -P) ;;
esac

# MODE: source (a checkout: build with Maven), jar (--jar), or release (an unpacked release
# archive: install.sh beside bin/kraft and lib/kraft/kraft.jar, nothing to build).
if [ -n "$JAR" ]; then
    MODE=jar
elif [ ! -f "$SELF_DIR/pom.xml" ] && [ -f "$SELF_DIR/lib/kraft/kraft.jar" ]; then
    MODE=release
else
    MODE=source
fi

# ---------------------------------------------------------------------------------------------
# Distribution detection: /etc/os-release is parsed as data (never sourced or eval'ed).

# osr_get KEY: the last KEY=value of the os-release file, with one level of "…" or '…' removed.
osr_get() {
    og_v=$(sed -n "s/^$1=//p" "$OS_RELEASE" 2>/dev/null | tail -n 1 | tr -d '\r')
    case $og_v in
        \"*\")
            og_v=${og_v#\"}
            og_v=${og_v%\"}
            # Inside double quotes os-release allows \" \\ \$ \` escapes.
            og_v=$(printf '%s' "$og_v" | sed 's/\\\([\\"$`]\)/\1/g') ;;
        \'*\')
            og_v=${og_v#\'}
            og_v=${og_v%\'} ;;
    esac
    printf '%s' "$og_v"
}

# Identifiers may only hold lower-case letters, digits, '.', '_', '-' (and spaces between the
# words of ID_LIKE): anything else is dropped, so no value can become a glob or a command.
ident() { printf '%s' "$1" | LC_ALL=C tr '[:upper:]' '[:lower:]' | LC_ALL=C tr -cd 'a-z0-9._ -'; }

# Names are shown to people: control characters dropped, length capped.
printable() { printf '%s' "$1" | LC_ALL=C tr -d '\000-\037\177' | cut -c1-80; }

detect_distro() {
    if [ -z "$OS_RELEASE" ]; then
        for f in /etc/os-release /usr/lib/os-release; do
            if [ -f "$f" ]; then OS_RELEASE=$f; break; fi
        done
    fi
    OS_ID=''
    OS_ID_LIKE=''
    OS_VERSION_ID=''
    OS_CODENAME=''
    OS_NAME='an unknown system (no os-release file)'
    FAMILY=''
    FLAVOUR=''
    if [ -z "$OS_RELEASE" ]; then return 0; fi

    OS_ID=$(ident "$(osr_get ID)")
    OS_ID_LIKE=$(ident "$(osr_get ID_LIKE)")
    OS_VERSION_ID=$(ident "$(osr_get VERSION_ID)")
    OS_CODENAME=$(ident "$(osr_get DEBIAN_CODENAME)")
    if [ -z "$OS_CODENAME" ] && [ "$OS_ID" = debian ]; then
        OS_CODENAME=$(ident "$(osr_get VERSION_CODENAME)")
    fi
    OS_NAME=$(printable "$(osr_get PRETTY_NAME)")
    if [ -z "$OS_NAME" ]; then OS_NAME=$(printable "$(osr_get NAME)"); fi
    if [ -z "$OS_NAME" ]; then OS_NAME=${OS_ID:-unknown}; fi

    # ID first, then each word of ID_LIKE (closest relative first); whole words only.
    set -f
    # shellcheck disable=SC2086 # splitting into words is the point; globbing is off
    set -- $OS_ID $OS_ID_LIKE
    set +f
    for word in "$@"; do
        case $word in
            debian | ubuntu | linuxmint | raspbian) FAMILY=apt; FLAVOUR=$word ;;
            fedora) FAMILY=dnf; FLAVOUR=fedora ;;
            rhel | centos | rocky | almalinux | ol) FAMILY=dnf; FLAVOUR=el ;;
            arch | manjaro | endeavouros) FAMILY=pacman; FLAVOUR=arch ;;
            opensuse | opensuse-*) FAMILY=zypper; FLAVOUR=opensuse ;;
            suse | sles | sled) FAMILY=zypper; FLAVOUR=sles ;;
            alpine) FAMILY=apk; FLAVOUR=alpine ;;
            *) continue ;;
        esac
        break
    done
}

# major VERSION: the number before the first dot, or 0.
major() {
    mj=${1%%.*}
    case $mj in
        '' | *[!0-9]*) echo 0 ;;
        *) echo "$mj" ;;
    esac
}

# ---------------------------------------------------------------------------------------------
# Package tables: one function per family. Each sets PKGS (space-separated) and may add NOTES.
# MODE=source needs a JDK and Maven to build kraft; jar and release only need a headless Java
# runtime.

NOTES=''
add_note() { NOTES="$NOTES$1
"; }

pkgs_apt() {
    # Debian 13 (trixie) and later have no OpenJDK 17; 21 is there. Ubuntu LTS and Mint have 17.
    jdk=17
    case $OS_CODENAME in
        buster | bullseye | bookworm) jdk=17 ;;
        trixie | forky | duke | sid) jdk=21 ;;
        *) if [ "$OS_ID" = debian ]; then
               if [ -z "$OS_VERSION_ID" ] || [ "$(major "$OS_VERSION_ID")" -ge 13 ]; then jdk=21; fi
           fi ;;
    esac
    if [ "$MODE" = source ]; then
        PKGS="openjdk-$jdk-jdk-headless maven"
    else
        PKGS="openjdk-$jdk-jre-headless"
    fi
    PKGS="$PKGS make gcc libc6-dev binutils flex bison libncurses-dev bc python3 git"
    PKGS="$PKGS ca-certificates wget curl patch unzip xz-utils kconfig-frontends"
    PKGS="$PKGS qemu-system-x86 qemu-system-arm buildah"
}

pkgs_dnf() {
    # Fedora 42 retired OpenJDK 17 and Fedora 45 retires 21; RHEL 10 ships 21, RHEL 8/9 ship 17.
    if [ "$FLAVOUR" = fedora ]; then
        v=$(major "$OS_VERSION_ID")
        if [ "$v" -ge 43 ]; then jdk=25; elif [ "$v" -ge 39 ]; then jdk=21; else jdk=17; fi
    else
        if [ "$(major "$OS_VERSION_ID")" -ge 10 ]; then jdk=21; else jdk=17; fi
    fi
    if [ "$MODE" = source ]; then
        PKGS="java-$jdk-openjdk-devel maven"
    else
        PKGS="java-$jdk-openjdk-headless"
    fi
    # curl is in the base system as curl-minimal; asking for curl would conflict with it.
    PKGS="$PKGS make gcc glibc-devel binutils flex bison ncurses-devel bc python3 git"
    PKGS="$PKGS wget patch unzip xz"
    if [ "$FLAVOUR" = fedora ]; then
        PKGS="$PKGS qemu-system-x86-core qemu-system-aarch64-core qemu-system-arm-core"
    else
        PKGS="$PKGS qemu-kvm"
        add_note "RHEL and its rebuilds ship QEMU only as qemu-kvm (host architecture, /usr/libexec/qemu-kvm): link it as qemu-system-$(uname -m) on your PATH, or set qemu: in kraft's config; cross-architecture QEMU is not packaged."
    fi
    PKGS="$PKGS buildah"
    add_note "kconfig-frontends is not packaged for this distribution: skipped (Unikraft uses its own Kconfig tools)."
}

pkgs_pacman() {
    # Arch has no headless JDK; jdk17-openjdk is the JDK, jre17-openjdk-headless the runtime.
    if [ "$MODE" = source ]; then
        PKGS="jdk17-openjdk maven"
    else
        PKGS="jre17-openjdk-headless"
    fi
    PKGS="$PKGS base-devel make gcc flex bison patch ncurses git wget curl unzip bc python xz"
    PKGS="$PKGS qemu-system-x86 qemu-system-aarch64 qemu-system-arm buildah"
    add_note "kconfig-frontends is only in the AUR: skipped (Unikraft uses its own Kconfig tools; this script never runs makepkg or an AUR helper)."
}

pkgs_zypper() {
    if [ "$MODE" = source ]; then
        PKGS="java-17-openjdk-devel maven"
    else
        PKGS="java-17-openjdk-headless"
    fi
    PKGS="$PKGS make gcc binutils flex bison ncurses-devel bc python3 git wget curl patch unzip xz"
    if [ "$FLAVOUR" = sles ]; then
        # SLES ships QEMU for the host architecture only.
        case $(uname -m) in
            aarch64 | arm64) PKGS="$PKGS qemu-arm" ;;
            *) PKGS="$PKGS qemu-x86" ;;
        esac
        add_note "SLES packages QEMU for the host architecture only; Maven may need the SUSE Package Hub, which this script does not enable."
    else
        PKGS="$PKGS qemu-x86 qemu-arm"
    fi
    PKGS="$PKGS buildah"
    add_note "kconfig-frontends is not packaged for this distribution: skipped (Unikraft uses its own Kconfig tools)."
}

pkgs_apk() {
    if [ "$MODE" = source ]; then
        PKGS="openjdk17-jdk maven"
    else
        PKGS="openjdk17-jre-headless"
    fi
    PKGS="$PKGS build-base make gcc flex bison patch ncurses-dev git wget curl unzip bc python3 xz"
    PKGS="$PKGS qemu-system-x86_64 qemu-system-aarch64 qemu-system-arm buildah"
    add_note "OpenJDK, Maven, QEMU and buildah come from Alpine's community repository; enable it in /etc/apk/repositories if apk cannot find them (this script adds no repositories)."
    add_note "kconfig-frontends is not packaged for this distribution: skipped (Unikraft uses its own Kconfig tools)."
}

unsupported() {
    if [ "$MODE" = source ]; then what='a JDK 17 or newer and Maven (to build kraft)'
    else what='a Java runtime 17 or newer'; fi
    printf '%s: error: unsupported distribution: %s (ID=%s%s)\n' "$PROG" "$OS_NAME" \
        "${OS_ID:-none}" "${OS_ID_LIKE:+, ID_LIKE=$OS_ID_LIKE}" >&2
    cat >&2 <<EOF
$PROG: install these by hand with your package manager, then run again with --no-deps:
  $what; make, gcc and binutils; flex; bison; the ncurses headers; git; wget or curl;
  patch; unzip; bc; python3; xz; QEMU system emulators (qemu-system-x86_64,
  qemu-system-aarch64); buildah (Dockerfile root filesystems); optionally kconfig-frontends.
EOF
    exit 3
}

# ---------------------------------------------------------------------------------------------
# Steps

install_deps() {
    detect_distro
    case $FAMILY in
        apt) pkgs_apt ;;
        dnf) pkgs_dnf ;;
        pacman) pkgs_pacman ;;
        zypper) pkgs_zypper ;;
        apk) pkgs_apk ;;
        *) unsupported ;;
    esac
    if [ "$FAMILY" = apt ]; then pm=apt-get; else pm=$FAMILY; fi
    say "detected $OS_NAME: dependencies come from $pm"
    if [ -n "$NOTES" ]; then
        printf '%s' "$NOTES" | while IFS= read -r line; do note "$line"; done
    fi

    case $FAMILY in apt) pm_cmd=apt-get ;; *) pm_cmd=$FAMILY ;; esac
    if ! have "$pm_cmd"; then
        if [ "$DRY_RUN" = 1 ]; then
            warn "a real run would fail here: $pm_cmd not found"
        else
            die "$pm_cmd not found, though $OS_NAME should have it: install the packages by hand, then use --no-deps"
        fi
    fi
    if [ "$IS_ROOT" = 0 ] && ! have "$SUDO"; then
        if [ "$DRY_RUN" = 1 ]; then
            warn "a real run would fail here: not root and '$SUDO' not found"
        else
            die "installing packages needs root: run as root, install sudo (or set SUDO=doas), or use --no-deps and install them yourself"
        fi
    fi
    if [ "$DRY_RUN" = 0 ] && [ "$YES" = 0 ]; then
        if interactive; then
            if [ "$IS_ROOT" = 1 ]; then how=''; else how=" (with $SUDO)"; fi
            if ! ask "install these packages$how: $PKGS?" y; then
                if [ "$KRAFT" = 0 ]; then die "nothing installed"; fi
                note "dependencies skipped"
                return 0
            fi
        elif [ "$IS_ROOT" = 0 ]; then
            die "installing packages runs $SUDO, and there is no terminal to ask on: run again with --yes, as root, or with --no-deps"
        fi
    fi

    if [ "$SYSUPGRADE" = 1 ] && [ "$FAMILY" != pacman ]; then
        note "--sysupgrade only applies to pacman: ignored"
    fi
    set -f
    # shellcheck disable=SC2086 # PKGS is a list of package names
    set -- $PKGS
    set +f
    case $FAMILY in
        apt)
            run_root env DEBIAN_FRONTEND=noninteractive apt-get update
            run_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" ;;
        dnf)
            run_root dnf install -y --setopt=install_weak_deps=False "$@" ;;
        pacman)
            # -S alone never upgrades the system; Arch does not support partial upgrades (-Sy),
            # so a full upgrade (-Syu) is done only when asked for with --sysupgrade.
            if [ "$SYSUPGRADE" = 1 ]; then
                run_root pacman -Syu --needed --noconfirm "$@"
            else
                run_root pacman -S --needed --noconfirm "$@"
            fi ;;
        zypper)
            run_root zypper --non-interactive install --no-recommends "$@" ;;
        apk)
            run_root apk add --no-cache "$@" ;;
    esac
}

# choose_prefix: --prefix, else $PREFIX, else ~/.local without root, /usr/local as root.
choose_prefix() {
    PREFIX=${PREFIX_ARG:-${PREFIX:-}}
    if [ -z "$PREFIX" ]; then
        if [ "$IS_ROOT" = 1 ]; then
            PREFIX=/usr/local
        else
            if [ -z "${HOME:-}" ]; then usage_error "HOME is not set: give --prefix DIR"; fi
            PREFIX=$HOME/.local
        fi
    fi
    case $PREFIX in
        /*) ;;
        *) PREFIX=$(pwd -P)/$PREFIX ;;
    esac
    # No trailing slashes (but keep "/").
    while :; do
        case $PREFIX in
            ?*/) PREFIX=${PREFIX%/} ;;
            *) break ;;
        esac
    done
}

# writable DIR: DIR, or its closest existing parent, is writable.
writable() {
    wd=$1
    while [ ! -e "$wd" ]; do wd=$(dirname "$wd"); done
    [ -d "$wd" ] && [ -w "$wd" ]
}

# Checks that can fail before anything is installed.
preflight() {
    LAUNCHER=$SELF_DIR/bin/kraft
    if [ ! -f "$LAUNCHER" ] && ! is_archive "$JAR"; then
        die "no launcher at $LAUNCHER: run install.sh from a kraft checkout or an unpacked release archive"
    fi
    if [ "$MODE" = source ] && [ ! -f "$SELF_DIR/pom.xml" ]; then
        die "no pom.xml in $SELF_DIR: run install.sh from a kraft checkout or an unpacked release archive, or use --jar URL --sha256 HEX"
    fi
    if ! writable "$PREFIX"; then
        if [ "$DRY_RUN" = 1 ]; then
            warn "a real run would fail here: $PREFIX is not writable"
        else
            die "cannot write to $PREFIX: choose another --prefix, or run as root"
        fi
    fi
    if [ -e "$PREFIX/lib/kraft" ] && [ ! -f "$PREFIX/lib/kraft/kraft.jar" ]; then
        die "$PREFIX/lib/kraft exists but holds no kraft.jar: not touching it (remove it or choose another --prefix)"
    fi
    # Another program called kraft (KraftKit's, say) is replaced only when the user agrees.
    dest=$PREFIX/bin/kraft
    if [ -e "$dest" ] && ! grep -q 'lib/kraft/kraft.jar' "$dest" 2>/dev/null; then
        if [ "$YES" = 1 ] || [ "$DRY_RUN" = 1 ]; then
            warn "replacing $dest, which this script did not install"
        elif interactive; then
            if ! ask "$dest is another program (KraftKit's kraft?): replace it?" n; then
                die "$dest left alone: choose another --prefix"
            fi
        elif [ "$IS_ROOT" = 1 ]; then
            warn "replacing $dest, which this script did not install"
        else
            die "$dest is another program: run again with --yes to replace it, or choose another --prefix"
        fi
    fi
}

sha256_of() {
    if have sha256sum; then
        sha256sum "$1" | cut -d' ' -f1
    elif have shasum; then
        shasum -a 256 "$1" | cut -d' ' -f1
    elif have openssl; then
        openssl dgst -sha256 -r "$1" | cut -d' ' -f1
    else
        die "no sha256sum, shasum or openssl to check the jar with"
    fi
}

download() {
    if have curl; then
        run curl --proto =https --proto-redir =https --tlsv1.2 -fsSL -o "$2" "$1"
    elif have wget; then
        run wget --https-only --secure-protocol=TLSv1_2 -q -O "$2" "$1"
    elif [ "$DRY_RUN" = 1 ]; then
        warn "a real run would fail here: neither curl nor wget found"
    else
        die "neither curl nor wget found to download $1"
    fi
}

# is_archive NAME: NAME is a release archive (kraft-VERSION.tar.gz), not a bare jar.
is_archive() {
    case $1 in
        *.tar.gz | *.tgz) return 0 ;;
        *) return 1 ;;
    esac
}

# Sets JAR_FILE, LIB_SRC (a directory of dependency jars, or empty), MAN_SRC, and LAUNCHER when
# a release archive brings its own.
obtain_kraft() {
    LIB_SRC=''
    MAN_SRC=''
    case $MODE in
        source)
            if [ "$DRY_RUN" = 0 ] && ! have mvn; then
                die "mvn not found: run without --no-deps to install Maven, or use --jar"
            fi
            if [ "$IS_ROOT" = 1 ] && [ -n "${SUDO_USER:-}" ]; then
                note "building as root leaves root-owned files in $SELF_DIR/target"
            fi
            run_in "$SELF_DIR" mvn -B -q -ntp package -DskipTests
            JAR_FILE=$SELF_DIR/target/kraft.jar
            LIB_SRC=$SELF_DIR/target/lib
            MAN_SRC=$SELF_DIR/target/man
            if [ "$DRY_RUN" = 0 ] && [ ! -f "$JAR_FILE" ]; then
                die "the build made no $JAR_FILE"
            fi
            return 0 ;;
        release)
            # Unpacked from a release archive that was checked against SHA256SUMS before.
            say "installing the prebuilt kraft of this release archive ($SELF_DIR)"
            JAR_FILE=$SELF_DIR/lib/kraft/kraft.jar
            LIB_SRC=$SELF_DIR/lib/kraft/lib
            MAN_SRC=$SELF_DIR/share/man/man1
            return 0 ;;
    esac

    # --jar FILE|URL: a jar or a release archive, checked against --sha256 before use.
    case $JAR in
        https://*)
            if is_archive "${JAR%%[?#]*}"; then got_name=kraft.tar.gz; else got_name=kraft.jar; fi
            if [ "$DRY_RUN" = 1 ]; then
                got_file=${TMPDIR:-/tmp}/kraft-install.XXXXXX/$got_name
            else
                got_file=$WORK/$got_name
            fi
            download "$JAR" "$got_file" ;;
        *)
            got_file=$(CDPATH='' cd -- "$(dirname "$JAR")" && pwd -P)/$(basename "$JAR") ;;
    esac
    show "$(cmdline sha256sum "$got_file")"
    if [ "$DRY_RUN" = 1 ]; then
        note "$JAR must have SHA-256 $SHA256"
    else
        got=$(sha256_of "$got_file")
        if [ "$got" != "$SHA256" ]; then
            die "SHA-256 mismatch for $JAR: expected $SHA256, got $got; refusing to install it"
        fi
        say "SHA-256 of $JAR matches"
    fi

    if ! is_archive "$got_file"; then
        JAR_FILE=$got_file
        case $JAR in
            https://*) ;;
            *) LIB_SRC=$(dirname "$JAR_FILE")/lib
               MAN_SRC=$(dirname "$JAR_FILE")/man ;;
        esac
        return 0
    fi
    # A release archive: NAME/bin/kraft, NAME/lib/kraft/kraft.jar, NAME/lib/kraft/lib/*.jar.
    if [ "$DRY_RUN" = 1 ]; then
        unpacked=${TMPDIR:-/tmp}/kraft-install.XXXXXX/unpacked
    else
        unpacked=$WORK/unpacked
    fi
    run mkdir -p "$unpacked"
    run tar -xzf "$got_file" -C "$unpacked"
    top=$unpacked/NAME
    if [ "$DRY_RUN" = 0 ]; then
        top=''
        for d in "$unpacked"/*; do
            if [ -f "$d/lib/kraft/kraft.jar" ]; then top=$d; break; fi
        done
        if [ -z "$top" ]; then die "$JAR holds no */lib/kraft/kraft.jar: not a kraft release archive"; fi
    fi
    JAR_FILE=$top/lib/kraft/kraft.jar
    LIB_SRC=$top/lib/kraft/lib
    MAN_SRC=$top/share/man/man1
    if [ "$DRY_RUN" = 1 ] || [ -f "$top/bin/kraft" ]; then LAUNCHER=$top/bin/kraft; fi
    if [ "$DRY_RUN" = 0 ] && [ ! -f "$LAUNCHER" ]; then die "$JAR has no bin/kraft, and there is no checkout to take it from"; fi
}

# Only POSIX tools here (mkdir, cp, chmod, mv, rm): `install` is missing from some busyboxes.
install_kraft() {
    dst=$PREFIX/lib/kraft
    stage=$PREFIX/lib/.kraft.new.$$
    if [ "$DRY_RUN" = 0 ]; then STAGE=$stage; fi
    old=$PREFIX/lib/.kraft.old.$$
    run mkdir -p "$PREFIX/bin" "$stage/lib"
    run cp "$JAR_FILE" "$stage/kraft.jar"
    if [ -n "$LIB_SRC" ] && { [ "$DRY_RUN" = 1 ] || [ -d "$LIB_SRC" ]; }; then
        # The dependency jars: shown with the glob, as typed.
        show "cp $(shquote "$LIB_SRC")/*.jar $(shquote "$stage/lib")/"
        if [ "$DRY_RUN" = 0 ]; then
            for j in "$LIB_SRC"/*.jar; do
                if [ -f "$j" ]; then cp "$j" "$stage/lib/" || die "failed: cp $j $stage/lib/"; fi
            done
        fi
    fi
    run chmod -R u=rwX,go=rX "$stage"
    # The new kraft must start before it replaces anything (a lone jar without its lib/ will not).
    show "$(cmdline "${JAVA:-java}" -jar "$stage/kraft.jar" version) > /dev/null"
    if [ "$DRY_RUN" = 0 ] && ! "${JAVA:-java}" -jar "$stage/kraft.jar" version >/dev/null; then
        die "the new kraft does not start (is Java 17 or newer installed? does the jar need a lib/ beside it?): $PREFIX left as it was"
    fi
    # Swap the new tree in; a failed copy above leaves the old install as it was. From here on
    # the staged tree is the install, so an interruption must not delete it.
    STAGE=''
    if [ -e "$dst" ]; then
        run mv "$dst" "$old"
        run mv "$stage" "$dst"
        run rm -rf "$old"
    else
        run mv "$stage" "$dst"
    fi
    # The launcher replaces PREFIX/bin/kraft by rename: never written through a symlink.
    run cp "$LAUNCHER" "$PREFIX/bin/.kraft.new.$$"
    run chmod 0755 "$PREFIX/bin/.kraft.new.$$"
    run mv -f "$PREFIX/bin/.kraft.new.$$" "$PREFIX/bin/kraft"
    # kraft-runu, the OCI runtime for containerd (docs/containerd.md), is the same launcher by another name.
    run ln -sfn kraft "$PREFIX/bin/.kraft-runu.new.$$"
    run mv -f "$PREFIX/bin/.kraft-runu.new.$$" "$PREFIX/bin/kraft-runu"
}

install_extras() {
    kraft_bin=$PREFIX/bin/kraft
    comp_dir=$PREFIX/share/bash-completion/completions
    # Completion: only once kraft has a 'completion' command; tolerated missing until then.
    if [ "$DRY_RUN" = 1 ]; then
        show "$(cmdline mkdir -p "$comp_dir")"
        show "$(cmdline "$kraft_bin" completion bash) > $(shquote "$comp_dir/kraft")"
        note "(the completion step is skipped when this kraft has no 'completion' command)"
    elif "$kraft_bin" completion bash >"$WORK/kraft.bash" 2>/dev/null && [ -s "$WORK/kraft.bash" ]; then
        run mkdir -p "$comp_dir"
        run cp "$WORK/kraft.bash" "$comp_dir/kraft"
        run chmod 0644 "$comp_dir/kraft"
    else
        note "bash completion skipped: this kraft has no 'completion' command yet"
    fi
    # Man pages: installed when the build made some (target/man/*.1, or man/ next to --jar FILE).
    man_dir=$PREFIX/share/man/man1
    if [ -n "$MAN_SRC" ] && [ -d "$MAN_SRC" ] && ls "$MAN_SRC"/*.1 >/dev/null 2>&1; then
        run mkdir -p "$man_dir"
        show "cp $(shquote "$MAN_SRC")/*.1 $(shquote "$man_dir")/"
        if [ "$DRY_RUN" = 0 ]; then cp "$MAN_SRC"/*.1 "$man_dir/" || die "failed: cp $MAN_SRC/*.1 $man_dir/"; fi
        show "chmod 0644 $(shquote "$man_dir")/*.1"
        if [ "$DRY_RUN" = 0 ]; then chmod 0644 "$man_dir"/*.1; fi
    else
        note "man pages skipped: this build has none yet"
    fi
}

# The AppCDS archive is only valid for the jar at its final path and the JVM that made it, so
# it is made here, in PREFIX/lib/kraft, never copied from target/. Failing only costs speed.
make_cds() {
    cds_script=$SELF_DIR/scripts/cds-archive.sh
    if [ "$CDS" = 0 ]; then
        note "start-up archive skipped (--no-cds)"
        return 0
    fi
    if [ ! -f "$cds_script" ]; then
        note "start-up archive skipped: no $cds_script"
        return 0
    fi
    show "$(cmdline sh "$cds_script" "$PREFIX/lib/kraft")"
    if [ "$DRY_RUN" = 1 ]; then return 0; fi
    if ! sh "$cds_script" "$PREFIX/lib/kraft" >&2; then
        warn "no start-up archive: kraft works without it, only starts slower"
    fi
}

smoke_test() {
    if [ "$DRY_RUN" = 1 ]; then
        run "$PREFIX/bin/kraft" version
        return 0
    fi
    show "$(cmdline "$PREFIX/bin/kraft" version)"
    if ! "$PREFIX/bin/kraft" version; then
        die "kraft is installed in $PREFIX but 'kraft version' failed: is Java 17 or newer installed (java -version)?"
    fi
    say "installed $PREFIX/bin/kraft"
    case ":${PATH:-}:" in
        *":$PREFIX/bin:"*) ;;
        *) note "$PREFIX/bin is not on your PATH: add  export PATH=\"$PREFIX/bin:\$PATH\"  to your shell profile" ;;
    esac
}

# ---------------------------------------------------------------------------------------------

WORK=''
STAGE=''
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
    if [ -n "$WORK" ]; then rm -rf "$WORK"; fi
    # An install cut short leaves no half-copied tree behind (after the swap it is gone anyway).
    if [ -n "$STAGE" ] && [ -d "$STAGE" ]; then rm -rf "$STAGE"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$KRAFT" = 1 ]; then
    choose_prefix
    preflight
    if [ "$DRY_RUN" = 0 ]; then WORK=$(mktemp -d "${TMPDIR:-/tmp}/kraft-install.XXXXXX"); fi
fi
if [ "$DEPS" = 1 ]; then install_deps; fi
if [ "$KRAFT" = 1 ]; then
    obtain_kraft
    install_kraft
    make_cds
    install_extras
    smoke_test
fi
exit 0
