#!/usr/bin/env bash
# Bring the portal's English catalogue up to date with the source (docs/portal.md#languages):
#   1. extract every text marked for translation (babel.cfg) into a template (.pot),
#   2. update mock_portal/translations/en/LC_MESSAGES/messages.po from it (new texts come in
#      untranslated, texts no longer used go),
#   3. compile the .po into the .mo the portal loads (committed, so a clean clone works).
# Translate the new entries in the .po (tests/portal/test_i18n_catalogue.py lists any left), then run
# this again to compile them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BABEL="${PYBABEL:-.venv/bin/pybabel}"
POT="$(mktemp -t messages.XXXXXX.pot)"
trap 'rm -f "$POT"' EXIT

"$BABEL" -q extract -F babel.cfg --add-location=file --sort-output -c TRANSLATORS: \
    --omit-header -o "$POT" .
"$BABEL" -q update -i "$POT" -d mock_portal/translations -l en --no-fuzzy-matching \
    --ignore-obsolete
"$BABEL" compile -d mock_portal/translations -l en --statistics
