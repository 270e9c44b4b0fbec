#!/usr/bin/env bash
# Refresh the self-hosted front-end libraries in site_templates/assets/vendor/ from the npm
# registry, at the pinned versions below. The site loads nothing from a CDN: these files are
# committed and served from the site itself. Source-map comments are stripped because the
# maps are not shipped (a browser would otherwise request a missing file).
set -euo pipefail
TABULATOR=6.5.3
PLOTLY_BASIC=4.1.1
here=$(cd "$(dirname "$0")/.." && pwd)
vendor="$here/site_templates/assets/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "tabulator-tables@$TABULATOR" "plotly.js-basic-dist-min@$PLOTLY_BASIC" >/dev/null
mkdir tab plt
tar xzf "tabulator-tables-$TABULATOR.tgz" -C tab
tar xzf "plotly.js-basic-dist-min-$PLOTLY_BASIC.tgz" -C plt
mkdir -p "$vendor/tabulator" "$vendor/plotly"
cp tab/package/dist/js/tabulator.min.js tab/package/dist/css/tabulator.min.css tab/package/LICENSE "$vendor/tabulator/"
cp plt/package/plotly-basic.min.js plt/package/LICENSE "$vendor/plotly/"
sed -i '/sourceMappingURL=/d' "$vendor/tabulator/tabulator.min.js" "$vendor/tabulator/tabulator.min.css"
echo "tabulator-tables $TABULATOR, plotly.js-basic-dist-min $PLOTLY_BASIC → $vendor"
