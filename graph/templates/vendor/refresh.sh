#!/bin/sh
# Refresh the vendored Tabulator (MIT) from the npm registry: pinned version, files and SHA-256.
# Usage: graph/templates/vendor/refresh.sh [VERSION]   (default: the version in tabulator/VERSION)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
version=${1:-$(sed -n 's/^version: //p' "$here/tabulator/VERSION")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "tabulator-tables@$version" >/dev/null && tar xzf "tabulator-tables-$version.tgz")
for f in dist/js/tabulator.min.js dist/css/tabulator.min.css LICENSE; do
    cp "$work/package/$f" "$here/tabulator/$(basename "$f")"
done
# Drop the source-map comments: the maps are not vendored and nothing may be requested.
sed -i 's|//# sourceMappingURL=.*$||; s|/\*# sourceMappingURL=.*\*/||' "$here/tabulator/tabulator.min.js" "$here/tabulator/tabulator.min.css"
{
    echo "package: tabulator-tables (npm), MIT licence (LICENSE)"
    echo "version: $version"
    echo "source: npm pack tabulator-tables@$version, files dist/js/tabulator.min.js, dist/css/tabulator.min.css, LICENSE"
    echo "refreshed by: graph/templates/vendor/refresh.sh (source-map comments removed)"
    (cd "$here/tabulator" && sha256sum tabulator.min.js tabulator.min.css LICENSE | sed 's/^/sha256: /')
} > "$here/tabulator/VERSION"
echo "tabulator-tables $version vendored into $here/tabulator"
