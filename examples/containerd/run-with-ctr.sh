#!/bin/sh
# Boots the project in the current directory under containerd with kraft-runu, no Kubernetes:
# package it, import the image into containerd, run it with ctr. Run as root, in a built project
# (kraft build), with containerd running (its socket at $CONTAINERD_ADDRESS or the default).
set -eu
image=${IMAGE:-localhost/$(basename "$PWD"):latest}
runu=$(command -v kraft-runu)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# kraft pkg writes into kraft's OCI layout; ctr imports a tar of it (every image it holds).
export XDG_DATA_HOME="$work/data"
kraft pkg --name "$image"
tar -C "$XDG_DATA_HOME/kraftkit/runtime/oci" -cf "$work/images.tar" oci-layout index.json blobs
ctr image import --platform qemu/x86_64 "$work/images.tar"

# Unikraft images have platform qemu/x86_64, not linux/amd64: say so to ctr.
exec ctr run --rm --platform qemu/x86_64 --runc-binary "$runu" "$image" "kraft-$$" "$@"
