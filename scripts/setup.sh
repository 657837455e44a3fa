#!/usr/bin/env bash
# The README's first command: installs every dependency, builds frontline (Release) and runs the
# main job on a sample article the project wrote itself, then stores the samples. With --serve it
# ends by serving the map over them (the URL is printed; Ctrl-C stops it).
#   scripts/setup.sh [--serve]
set -euo pipefail
cd "$(dirname "$0")/.."
serve=0
if [ "${1:-}" = "--serve" ]; then serve=1; fi
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2
echo "setup: built build/frontline; extracting examples/deir-ez-zor-clashes.txt, then storing examples/" >&2
# The gazetteer index (GeoNames cities500, countries, divisions; the village-level files of
# ../shared/gazetteer when they are there).
add=()
if compgen -G "../shared/gazetteer/*.txt" >/dev/null; then add=(--add ../shared/gazetteer/*.txt); fi
build/frontline gazetteer build "${add[@]}"
build/frontline extract examples/deir-ez-zor-clashes.txt
# The samples (and ../shared's articles when present) into a store, var/events.db: the reports
# of the Maarat al-Numan capture merge into one event, and the town's control timeline follows.
mkdir -p var
corpus=()
if [ -d ../shared/corpus ]; then corpus=(../shared/corpus); fi
build/frontline ingest --db var/events.db --progress none examples/ "${corpus[@]}"
build/frontline control "Maarat al-Numan" --db var/events.db
if [ "$serve" = 1 ]; then
  echo "setup: serving the map of var/events.db (Ctrl-C stops)" >&2
  exec build/frontline serve --db var/events.db
fi
echo "setup: done. To see the map: build/frontline serve --db var/events.db, then open http://127.0.0.1:8080/" >&2
