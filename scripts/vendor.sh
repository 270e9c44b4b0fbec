#!/usr/bin/env bash
# Refresh the self-hosted front-end libraries in site_templates/assets/vendor/ from the npm
# registry, at the pinned versions below. The site loads nothing from a CDN: these files are
# committed and served from the site itself. Source-map comments are stripped because the
# maps are not shipped (a browser would otherwise request a missing file).
set -euo pipefail
TABULATOR=6.5.3
PLOTLY_BASIC=4.1.1
D3_DSV=3.0.2
here=$(cd "$(dirname "$0")/.." && pwd)
vendor="$here/site_templates/assets/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "tabulator-tables@$TABULATOR" "plotly.js-basic-dist-min@$PLOTLY_BASIC" "d3-dsv@$D3_DSV" >/dev/null
mkdir tab plt dsv
tar xzf "tabulator-tables-$TABULATOR.tgz" -C tab
tar xzf "plotly.js-basic-dist-min-$PLOTLY_BASIC.tgz" -C plt
tar xzf "d3-dsv-$D3_DSV.tgz" -C dsv
mkdir -p "$vendor/tabulator" "$vendor/plotly" "$vendor/d3-dsv"
cp tab/package/dist/js/tabulator.min.js tab/package/dist/css/tabulator.min.css tab/package/LICENSE "$vendor/tabulator/"
cp plt/package/plotly-basic.min.js plt/package/LICENSE "$vendor/plotly/"
# the CSV parser of the downloads made in the browser (only csvParseRows is used: the
# object parser compiles code with new Function, which the site's policy forbids)
cp dsv/package/dist/d3-dsv.min.js dsv/package/LICENSE "$vendor/d3-dsv/"
sed -i '/sourceMappingURL=/d' "$vendor/tabulator/tabulator.min.js" "$vendor/tabulator/tabulator.min.css"
echo "tabulator-tables $TABULATOR, plotly.js-basic-dist-min $PLOTLY_BASIC, d3-dsv $D3_DSV → $vendor"
