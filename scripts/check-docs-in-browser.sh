#!/usr/bin/env bash
# Opens the generated index and one code page in headless Chromium and fails when the browser
# reports a console error or an uncaught exception, or cannot load a page. Installs Debian's
# chromium when it is missing (CI runs as root). Usage: scripts/check-docs-in-browser.sh [DOCS_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
docs="${1:-$root/generated-docs}"
docs="$(cd "$docs" && pwd)"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
  echo "check-docs-in-browser: installing chromium" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  browser="$(command -v chromium)"
fi
code_page="$(ls "$docs"/html/codes/*.html | sort | grep -m1 '/96417.html$' || ls "$docs"/html/codes/*.html | sort | head -1)"
status=0
for page in "$docs/html/index.html" "$code_page"; do
  [[ -f "$page" ]] || { echo "check-docs-in-browser: missing $page" >&2; exit 1; }
  profile="$(mktemp -d)"
  log="$(mktemp)"
  dom="$(mktemp)"
  if ! timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$profile" --enable-logging=stderr --v=0 \
      --dump-dom "file://$page" >"$dom" 2>"$log"; then
    echo "check-docs-in-browser: chromium failed on $page" >&2; cat "$log" >&2; status=1
  elif grep -E 'CONSOLE|Uncaught' "$log" >&2; then
    echo "check-docs-in-browser: console errors on $page" >&2; status=1
  elif ! grep -q '<h1' "$dom"; then
    echo "check-docs-in-browser: $page rendered no heading" >&2; status=1
  else
    echo "check-docs-in-browser: $page: ok ($(wc -c <"$dom") bytes of DOM, no console errors)"
  fi
  rm -rf "$profile" "$log" "$dom"
done
exit $status
