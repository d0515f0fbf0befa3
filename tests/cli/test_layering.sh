#!/bin/sh
# The layering rule (cmake/check_layers.cmake): our tree passes; each wrong-way include fails.
cmake=$1 root=$2
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $1"; fail=$((fail + 1)); }

"$cmake" -DROOT="$root" -DSTAMP="$tmp/stamp" -P "$root/cmake/check_layers.cmake" >"$tmp/out" 2>&1 \
  && ok || { cat "$tmp/out"; bad "our tree breaks the layering rule"; }

# file, line: each one is a wrong-way include
while IFS='|' read -r file line; do
  rm -rf "$tmp/tree" && mkdir -p "$tmp/tree/cmake" "$tmp/tree/include/mapa"
  for d in models io solver scenarios cli; do mkdir -p "$tmp/tree/$d"; done
  cp "$root/cmake/check_layers.cmake" "$tmp/tree/cmake/"
  printf '%s\n' "$line" >"$tmp/tree/$file"
  if "$cmake" -DROOT="$tmp/tree" -DSTAMP="$tmp/stamp2" -P "$tmp/tree/cmake/check_layers.cmake" \
       >"$tmp/out" 2>&1; then
    bad "$file with '$line' passed the check"
  elif grep -q "$file" "$tmp/out"; then
    ok
  else
    cat "$tmp/out"; bad "$file: the failure does not name the file"
  fi
done <<'CASES'
models/x.c|#include "io/readers.h"
models/x.c|#include <glpk.h>
io/x.c|#include "solver/mcf.h"
solver/x.c|#include "io/atomic_file.h"
solver/x.c|#include <hdf5.h>
scenarios/x.c|#include "cli/cli.h"
cli/x.c|#include "models/util.h"
cli/x.c|#include <jansson.h>
include/mapa/x.h|#include "models/util.h"
include/mapa/x.h|#include <igraph/igraph.h>
CASES
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
