#!/bin/sh
# Resolution and placement of a core and five libraries on a cached rebuild (every component
# from a local git repository at a tag), as kraft reports it ("components ready ... ms"),
# against `cp -r` of the same six trees. Target: under 150 ms. Within unikraft.index_max_age
# the remembered refs answer; the second figure asks every remote (max age 0) for comparison.
. "$(dirname "$0")/lib.sh"
P="$WORK/project"
example_copy
git_repo unikraft "$P/core"
{
    echo "spec: v0.6"; echo "name: hello"
    echo "unikraft: {source: file://$WORK/git/unikraft, version: v1}"
    echo "libraries:"
    for i in 1 2 3 4 5; do
        mkdir -p "$WORK/lib$i"
        printf 'config LIBBENCH%s\n\tbool "bench library %s"\n' "$i" "$i" > "$WORK/lib$i/Config.uk"
        printf '$(eval $(call addlib_s,libbench%s,$(CONFIG_LIBBENCH%s)))\nLIBBENCH%s_SRCS-y += $(LIBBENCH%s_BASE)/b.c\n' "$i" "$i" "$i" "$i" > "$WORK/lib$i/Makefile.uk"
        echo "int bench$i(void) { return $i; }" > "$WORK/lib$i/b.c"
        git_repo "bench$i" "$WORK/lib$i"
        echo "  bench$i: {source: file://$WORK/git/bench$i, version: v1}"
    done
    echo "targets: [qemu/x86_64]"
} > "$P/Kraftfile"
rm -rf "$P/core" "$P/libs"
(cd "$P" && "$KRAFT" build >/dev/null 2>&1) || { echo "first build failed"; exit 1; }
average_ms() {  # the mean "components ready" time of $RUNS cached rebuilds
    total=0
    for i in $(seq 1 "$RUNS"); do
        ms=$(cd "$P" && "$KRAFT" build 2>&1 | sed -n 's/^components ready .*ms=\([0-9]*\).*/\1/p')
        total=$((total + ms))
    done
    echo $((total / RUNS))
}
echo "resolution + placement (cached rebuild, 6 components): $(average_ms) ms average of $RUNS (target < 150)"
echo "  the same, listing every remote again (KRAFTKIT_UNIKRAFT_INDEX_MAX_AGE=0): $(KRAFTKIT_UNIKRAFT_INDEX_MAX_AGE=0 average_ms) ms"
trees="$P/.unikraft/unikraft $P/.unikraft/libs/bench1 $P/.unikraft/libs/bench2 $P/.unikraft/libs/bench3 $P/.unikraft/libs/bench4 $P/.unikraft/libs/bench5"
hyperfine -N -w 1 -r "$RUNS" --export-json "$WORK/bench.json" -n cp "sh -c 'rm -rf $WORK/copy && mkdir $WORK/copy && cp -r $trees $WORK/copy/'" >/dev/null
echo "cp -r of the same six trees: $(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$WORK/bench.json") ms (median)"
