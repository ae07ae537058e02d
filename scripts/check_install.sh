#!/usr/bin/env bash
# Proves the installed artefacts work from the outside, with nothing of the source tree:
#   1. `cmake --install` into a fresh prefix; examples/cpp (find_package(careergraph CONFIG)
#      only) configured, built and run against it; the same program built with pkg-config;
#      the installed CLI answering on the default ladder and on the O*NET graph;
#   2. `cpack -G DEB`: the package's Depends shown and checked, the package extracted with
#      dpkg -x into a scratch root, and its CLI and Python module run from there with the
#      source tree hidden (a private mount namespace over it when unshare can make one) and
#      with the data removed (the O*NET graph must then be missing: nothing else is read);
#   3. the Python module imported from the install prefix and its unittest tests run there.
#
#   scripts/check_install.sh [BUILD_DIR]    BUILD_DIR already built (default build-test)
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
build=$(cd "${1:-build-test}" && pwd)
unset CAREERGRAPH_DATA_DIR  # the installed copies must find their own data
python=/usr/bin/python3
[ -x "$python" ] || python=python3
start=$SECONDS

work=$(mktemp -d /tmp/careergraph-install.XXXXXX)
trap 'rm -rf "$work"' EXIT
say() { echo "== check_install: $* ($((SECONDS - start)) s)"; }
fail() { echo "check_install: FAIL: $*" >&2; exit 1; }
expect() {  # expect TEXT COMMAND...: runs COMMAND, fails unless its output contains TEXT
  local text=$1 out
  shift
  out=$("$@" 2>&1) || fail "'$*' exited non-zero: $out"
  grep -qF -- "$text" <<<"$out" || fail "'$*' did not print '$text'; it printed: $out"
}

# ---- 1. install into a fresh prefix, build and run a consumer ----------------------
prefix=$work/prefix
say "cmake --install $build --prefix $prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/careergraph include/careergraph/careergraph.h include/careergraph/v1/route.pb.h \
         lib/cmake/careergraph/careergraphConfig.cmake lib/cmake/careergraph/careergraphConfigVersion.cmake \
         lib/pkgconfig/careergraph.pc share/careergraph/proto/careergraph/v1/route.proto \
         share/careergraph/data/default_ladder.yaml share/careergraph/data/onet/graph.pb; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"
done
# Installed headers include nothing private (engine/, io/, tools/, boost/).
if grep -rEn '#include [<"](engine|io|tools|boost)/' "$prefix/include/careergraph"/*.h; then
  fail "an installed header includes a private one"
fi

say "examples/cpp with find_package(careergraph CONFIG)"
# The README shows this program; it must be this program.
"$python" -c 'import sys; sys.exit(open(sys.argv[2]).read() not in open(sys.argv[1]).read())' \
  README.md examples/cpp/route_example.cc || fail "README.md does not show examples/cpp/route_example.cc as it is"
cmake -S examples/cpp -B "$work/example" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/example" >/dev/null
expect "Director of Product" "$work/example/route_example"

say "the same program with pkg-config"
# shellcheck disable=SC2046
c++ -std=c++20 -O0 -o "$work/route_pkgconfig" examples/cpp/route_example.cc \
    $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs careergraph) -Wl,-rpath,"$prefix/lib"
expect "Director of Product" "$work/route_pkgconfig"

say "the installed CLI"
expect "Director of Product" "$prefix/bin/careergraph" route --from "Staff Software Engineer" --to "Director of Product"
expect "Software Developers" "$prefix/bin/careergraph" positions --graph onet --search "Software Developers" --limit 1

# ---- 2. the Debian package, extracted and run with the source tree hidden -------------
say "cpack -G DEB"
(cd "$build" && cpack -G DEB -B "$work/deb" >/dev/null)
deb=$(ls "$work"/deb/careergraph_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
echo "$(basename "$deb"): Depends: $depends"
for lib in libprotobuf libyaml-cpp libstdc++6; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done
root=$work/root
dpkg -x "$deb" "$root"
run_cli() { "$root/usr/bin/careergraph" "$@"; }
run_py() {
  PYTHONPATH="$root/usr/lib/python3/dist-packages" "$python" -c '
import careergraph, sys
assert careergraph.__file__.startswith(sys.argv[1]), careergraph.__file__
r = careergraph.open("onet").positions(search="Software Developers", limit=1)
print(r.positions[0].title)
print(careergraph.open().route(from_="Staff Software Engineer", to="Director of Product").routes[0].steps[-1].title)
' "$root"
}
checks='
  expect "Director of Product" run_cli route --from "Staff Software Engineer" --to "Director of Product"
  expect "Software Developers" run_cli positions --graph onet --search "Software Developers" --limit 1
  if [ "$has_python" = 1 ]; then expect "Director of Product" run_py; fi
'
has_python=0
[ -d "$root/usr/lib/python3/dist-packages/careergraph" ] && has_python=1
export -f expect fail run_cli run_py
export root python has_python
if unshare --mount true 2>/dev/null; then
  say "the extracted package, with $src hidden under an empty mount"
  unshare --mount bash -c "set -euo pipefail; mount -t tmpfs none '$src'; [ -z \"\$(ls -A '$src')\" ]; $checks"
else
  say "the extracted package (no mount namespace here; the source tree stays visible)"
  bash -c "set -euo pipefail; $checks"
fi
say "the extracted package without its data: the O*NET graph is missing, nothing else is read"
mv "$root/usr/share/careergraph/data" "$root/usr/share/careergraph/data.away"
out=$(run_cli route --graph onet --from a --to b 2>&1) && fail "the O*NET graph opened without its data: $out"
grep -qF "not installed" <<<"$out" || fail "unexpected error without the data: $out"
grep -qF "$src" <<<"$out" && fail "the installed binary looked in the source tree: $out"
mv "$root/usr/share/careergraph/data.away" "$root/usr/share/careergraph/data"

# ---- 3. the Python module from the install prefix, its tests run there -----------------
if [ -d "$prefix/lib/python3/dist-packages/careergraph" ]; then
  say "python3 -m unittest against $prefix"
  cp -r python/tests "$work/pytests"
  (cd "$work/pytests" && export PYTHONPATH="$prefix/lib/python3/dist-packages" &&
   "$python" -c 'import careergraph, sys; assert careergraph.__file__.startswith(sys.argv[1]), careergraph.__file__' "$prefix" &&
   "$python" -m unittest discover -s .) || fail "python tests against $prefix"
else
  say "no Python module in this build (CAREERGRAPH_PYTHON=OFF); skipped"
fi
say "all passed"
