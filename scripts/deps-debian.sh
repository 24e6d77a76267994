#!/bin/sh
# Installs what kraft needs on Debian or Ubuntu to build from source, build unikernels and boot
# them: a JDK and Maven, Unikraft's build tools, Debian's Kconfig tools, and QEMU; and what the
# tests drive (tmux, bats, shellcheck, zsh and fish whose completion CompletionIT tries, a
# registry, skopeo, buildah and busybox-static for the
# Dockerfile root filesystems of RootfsIT, containerd with its ctr and the CNI plugins for
# kraft-runu's RunuIT, and sshd, which SshGitIT starts on a
# loopback port of its own; on a machine with systemd, Debian also enables its ssh service).
# Run as root (or with sudo). Safe to run again.
set -eu

if [ "$(id -u)" -ne 0 ]; then
    exec sudo "$0" "$@"
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
    openjdk-17-jdk-headless maven \
    make gcc libc6-dev binutils flex bison libncurses-dev bc python3 git ca-certificates \
    wget curl patch unzip xz-utils ccache openssh-client \
    kconfig-frontends \
    qemu-system-x86 qemu-system-arm iproute2 util-linux tcpdump \
    tmux bats shellcheck openssh-server zsh fish \
    docker-registry skopeo apache2-utils openssl buildah busybox-static \
    containerd runc containernetworking-plugins \
    >/dev/null
echo "deps-debian: all packages installed"
