#!/usr/bin/env bash
# Re-fetches the vendored NL Design System component CSS with `npm pack` (needs npm and the npm
# registry; nothing at build time does). Writes one `<component>.css` per package, the EUPL-1.2
# text once (all packages ship the same LICENSE.md; checked below), and VENDOR.md.
# Usage: crates/web/static/vendor/fetch.sh   (then review `git diff` and build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# package@version, in the order they are concatenated into /static/style.css (see pages.rs).
packages=(
  document@3.0.1 page-header@3.0.2 page-body@1.0.1 page-footer@4.0.2 skip-link@3.0.1
  heading-1@3.0.1 heading-2@3.0.1 heading-3@3.0.1 heading-4@3.0.1 paragraph@4.0.1 link@3.0.1
  unordered-list@3.1.1 ordered-list@4.0.1 code@3.0.1 code-block@3.0.1 table@3.0.1 data-list@3.0.1
  alert@4.0.2 button@4.0.1 button-link@3.0.1 form-field@3.0.1 form-label@3.0.1
  form-field-description@3.0.1 textbox@4.0.1 textarea@4.0.1 select@3.0.1 radio-button@3.0.1
  pagination@3.0.1
)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
{
  echo "# Vendored CSS"
  echo
  echo "Written by \`fetch.sh\`; do not edit the \`.css\` files here by hand. Each is the \`dist/index.css\` of"
  echo "an NL Design System package by Gemeente Utrecht and Frameless B.V., licence EUPL-1.2 (the"
  echo "\`license\` field of each package.json and its LICENSE.md, kept here as \`LICENSE-EUPL-1.2.md\`)."
  echo "No design-token package is vendored: the tokens are inzage's own (\`../tokens.css\`)."
  echo
  echo "| file | package | version | integrity (npm) |"
  echo "|---|---|---|---|"
} > "$tmp/VENDOR.md"
license=""
for p in "${packages[@]}"; do
  name="${p%@*}" version="${p#*@}"
  (cd "$tmp" && npm pack --silent --json "@utrecht/$name-css@$version" > "$name.json")
  integrity="$(sed -n 's/.*"integrity": *"\([^"]*\)".*/\1/p' "$tmp/$name.json" | head -1)"
  mkdir -p "$tmp/$name"
  tar xzf "$tmp/utrecht-$name-css-$version.tgz" -C "$tmp/$name"
  pkg="$tmp/$name/package"
  grep -q '"license": "EUPL-1.2"' "$pkg/package.json" || { echo "@utrecht/$name-css is not EUPL-1.2" >&2; exit 1; }
  sum="$(sha256sum "$pkg/LICENSE.md" | cut -d' ' -f1)"
  if [ -z "$license" ]; then license="$sum"; cp "$pkg/LICENSE.md" "$here/LICENSE-EUPL-1.2.md"; fi
  [ "$sum" = "$license" ] || { echo "@utrecht/$name-css has a different LICENSE.md" >&2; exit 1; }
  cp "$pkg/dist/index.css" "$here/$name.css"
  echo "| \`$name.css\` | \`@utrecht/$name-css\` | $version | \`$integrity\` |" >> "$tmp/VENDOR.md"
done
cp "$tmp/VENDOR.md" "$here/VENDOR.md"
echo "vendored ${#packages[@]} packages into $here"
