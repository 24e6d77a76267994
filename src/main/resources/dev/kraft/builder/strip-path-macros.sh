#!/bin/sh
# Written by kraft (dev.kraft.builder.PathMacroFilter) and run by ccache as its preprocessor prefix
# (CCACHE_PREFIX_CPP): "$@" is the compiler preprocessing a source, and ccache hashes its output.
# Unikraft's config.h defines the absolute paths of the core and the app, and -g3 keeps every
# #define in that output, so two project directories would never share an object. This deletes
# exactly those two definitions from what ccache hashes; ccache still compiles the source itself,
# and a source that uses either macro still holds its expansion, so it still misses.
out= prev=
for arg; do
    [ "$prev" = -o ] && out=$arg
    prev=$arg
done
strip() { sed -e '/^#define CONFIG_UK_BASE /d' -e '/^#define CONFIG_UK_APP /d' "$@"; }
# ccache 4.7 names the output with -o; a ccache that reads stdout instead gets it filtered.
if [ -n "$out" ]; then
    "$@" && strip -i "$out"
else
    tmp=$(mktemp) || exit
    "$@" >"$tmp" && strip "$tmp"
    status=$?
    rm -f "$tmp"
    exit $status
fi
