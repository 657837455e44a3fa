#!/usr/bin/env bash
# Assembles the web page's assets in OUT: the project's web/ files and, under vendor/, the npm
# packages the page loads (installed by scripts/install-deps.sh into node_modules). Nothing is
# fetched from the network at run time: the page works offline.
#   scripts/build-web.sh OUT [NODE_MODULES]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$1"
modules="${2:-$root/node_modules}"
for need in leaflet/dist/leaflet.js leaflet.markercluster/dist/leaflet.markercluster.js \
            topojson-client/dist/topojson-client.min.js world-atlas/countries-50m.json; do
  if [ ! -f "$modules/$need" ]; then
    echo "build-web: $modules/$need is missing: run scripts/install-deps.sh (npm ci)" >&2
    exit 1
  fi
done
rm -rf "$out.tmp"
mkdir -p "$out.tmp/vendor/leaflet" "$out.tmp/vendor/markercluster"
cp "$root"/web/*.html "$root"/web/*.js "$root"/web/*.css "$out.tmp/"
cp -r "$modules/leaflet/dist/leaflet.js" "$modules/leaflet/dist/leaflet.css" \
      "$modules/leaflet/dist/images" "$out.tmp/vendor/leaflet/"
cp "$modules/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$modules/leaflet.markercluster/dist/MarkerCluster.css" \
   "$modules/leaflet.markercluster/dist/MarkerCluster.Default.css" "$out.tmp/vendor/markercluster/"
cp "$modules/topojson-client/dist/topojson-client.min.js" "$out.tmp/vendor/"
cp "$modules/world-atlas/countries-50m.json" "$out.tmp/vendor/"
# Licences of what is shipped with the page.
for pkg in leaflet leaflet.markercluster topojson-client world-atlas; do
  for f in LICENSE LICENSE.md LICENSE.txt; do
    if [ -f "$modules/$pkg/$f" ]; then cp "$modules/$pkg/$f" "$out.tmp/vendor/$pkg-LICENSE.txt"; break; fi
  done
done
rm -rf "$out"
mv "$out.tmp" "$out"
