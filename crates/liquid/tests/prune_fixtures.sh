#!/usr/bin/env bash
# Builds a liquid-* fixture with real Jekyll; each case Jekyll rejects is moved
# to jekyll-errors/ (with Jekyll's message), until the build passes.
# Usage: crates/liquid/tests/prune_fixtures.sh GROUP...
set -uo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
for g in "$@"; do
  dir="$root/tests/fixtures/liquid-$g"
  mkdir -p "$dir/jekyll-errors"
  for _ in $(seq 1 200); do
    scratch=$(mktemp -d)
    cp -a "$dir/site/." "$scratch/"
    if (cd "$scratch" && TZ=UTC LC_ALL=C.UTF-8 faketime -f "2024-01-01 00:00:00" jekyll build --quiet -s "$scratch" -d "$scratch/_out" >"$scratch.log" 2>&1); then
      rm -rf "$scratch" "$scratch.log"; echo "$g: ok"; break
    fi
    case=$(grep -o 'cases/[0-9]*-[A-Za-z0-9_-]*\.html' "$scratch.log" | head -1)
    if [ -z "$case" ]; then echo "$g: unattributed failure"; head -5 "$scratch.log"; rm -rf "$scratch" "$scratch.log"; break; fi
    name=$(basename "$case")
    mv "$dir/site/$case" "$dir/jekyll-errors/$name"
    grep -m1 -i 'error\|exception' "$scratch.log" > "$dir/jekyll-errors/${name%.html}.txt"
    echo "$g: rejected $name: $(cat "$dir/jekyll-errors/${name%.html}.txt" | cut -c1-150)"
    rm -rf "$scratch" "$scratch.log"
  done
done
