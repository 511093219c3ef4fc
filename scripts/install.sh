#!/usr/bin/env bash
# Idempotent installer (run by `make install`, and therefore by `make test`):
#   1. .venv/ with the project installed editable plus its [test] extras
#   2. a Chromium that Playwright can launch (Playwright's own download, else system chromium)
#   3. ffmpeg where Playwright expects it (for video), plus ffprobe
#   4. CJK fonts
#   5. PostgreSQL's server programs (initdb, pg_ctl), for the tests on --database postgres
# apt-get is only used when something is missing, and only when running as root;
# otherwise the exact command to run is printed and the script exits non-zero.
#
# Env knobs: PLAYWRIGHT_DOWNLOAD_TIMEOUT (seconds, default 120),
#            PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 (never try Playwright's CDN).
# A failed CDN download is remembered in .venv/.playwright-download-failed (per Playwright
# version) so later runs don't retry it; delete that file to retry.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VENV="$ROOT/.venv"
PY="$VENV/bin/python"
STAMP="$VENV/.install-stamp"
DL_FAILED="$VENV/.playwright-download-failed"
DL_TIMEOUT="${PLAYWRIGHT_DOWNLOAD_TIMEOUT:-120}"
LOG="$(mktemp -t install-sh.XXXXXX)"
trap 'rm -f "$LOG"' EXIT

say() { printf '[install] %s\n' "$*"; }
die() {
    printf '[install] ERROR: %s\n' "$*" >&2
    exit 1
}
is_root() { [ "$(id -u)" -eq 0 ]; }

apt_install() { # apt_install PKG...  (caller has checked that something is missing)
    is_root || die "missing system packages; run: sudo apt-get install -y $*"
    say "apt-get install $* ..."
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@"; } >"$LOG" 2>&1; then
        tail -n 20 "$LOG" >&2
        die "apt-get install $* failed"
    fi
}

# --- 1. virtualenv + python deps ---------------------------------------------------------
if [ ! -e "$VENV" ]; then
    say "creating .venv"
    if ! python3 -m venv "$VENV" >"$LOG" 2>&1; then
        rm -rf "$VENV" # only the half-made venv we just created
        # Debian/Ubuntu ship venv/ensurepip separately.
        apt_install python3-venv
        python3 -m venv "$VENV" || die "python3 -m venv failed"
    fi
fi
# Never delete an existing .venv automatically; tell the user instead.
if ! "$PY" -c '' 2>/dev/null || [ ! -x "$VENV/bin/pip" ]; then
    die ".venv is broken (python or pip unusable); remove it with: rm -rf .venv && make install"
fi

[ -f pyproject.toml ] || die "pyproject.toml not found in $ROOT"
if [ ! "$STAMP" -nt pyproject.toml ]; then
    say "pip install -e '.[test]' ..."
    if ! "$VENV/bin/pip" install -q -e '.[test]' >"$LOG" 2>&1; then
        cat "$LOG" >&2
        die "pip install failed"
    fi
    touch "$STAMP"
fi
# fixtures/ is installed as weilidai_fixtures; the type checker finds it under that name here.
mkdir -p "$VENV/mypy-path"
ln -sfn "$ROOT/fixtures" "$VENV/mypy-path/weilidai_fixtures"

# --- 2. browser ----------------------------------------------------------------------------
browser_check() { "$PY" e2e/harness/browser_env.py --check 2>/dev/null || true; }

pw_version="$("$PY" -c 'import importlib.metadata as m; print(m.version("playwright"))')"
download_allowed() { # no skip flag, and no remembered failure for this playwright version
    [ -z "${PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD:-}" ] || return 1
    [ ! -f "$DL_FAILED" ] || [ "$(cat "$DL_FAILED")" != "$pw_version" ]
}
pw_install() { # pw_install WHAT...  -> 0 on success; remembers failure
    say "playwright install $* (timeout ${DL_TIMEOUT}s) ..."
    if timeout --kill-after=10 "$DL_TIMEOUT" "$VENV/bin/playwright" install "$@" >"$LOG" 2>&1; then
        return 0
    fi
    echo "$pw_version" >"$DL_FAILED"
    say "download failed ($(grep -m1 -o 'Error: .*' "$LOG" || echo "exit/timeout")); using system packages"
    return 1
}

browser="$(browser_check)"
if [[ "$browser" != playwright* ]] && download_allowed && pw_install chromium; then
    browser="$(browser_check)"
fi

# Playwright's own Chromium needs shared libraries that a fresh machine may lack.
if [[ "$browser" == playwright* ]] && ldd "${browser#playwright }" 2>/dev/null | grep -q 'not found'; then
    is_root || die "Chromium libraries missing; run: sudo $VENV/bin/playwright install-deps chromium"
    say "playwright install-deps chromium ..."
    "$VENV/bin/playwright" install-deps chromium >"$LOG" 2>&1 || {
        tail -n 20 "$LOG" >&2
        die "playwright install-deps failed"
    }
fi

# --- 3 & 4. system packages: chromium (fallback), ffmpeg/ffprobe, CJK fonts ---------------
missing=()
[ -n "$browser" ] || missing+=(chromium fonts-liberation)
{ command -v ffmpeg && command -v ffprobe; } >/dev/null || missing+=(ffmpeg)
command -v fc-list >/dev/null || missing+=(fontconfig)
if ! command -v fc-list >/dev/null || [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
    missing+=(fonts-noto-cjk)
fi
# The tests start a throwaway server of their own (e2e/harness/postgres.py); none is left running.
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && ! command -v initdb >/dev/null; then
    missing+=(postgresql)
fi
if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}"
    [ -n "$browser" ] || browser="$(browser_check)"
fi
[ -n "$browser" ] || die "no Chromium found; run: sudo apt-get install -y chromium fonts-noto-cjk ffmpeg"

# ffmpeg where Playwright looks for it (video recording).
pw_ffmpeg="$("$PY" e2e/harness/browser_env.py --ffmpeg-path)"
if [ ! -x "$pw_ffmpeg" ]; then
    if ! { download_allowed && pw_install ffmpeg && [ -x "$pw_ffmpeg" ]; }; then
        sys_ffmpeg="$(command -v ffmpeg)"
        mkdir -p "$(dirname "$pw_ffmpeg")"
        ln -sfn "$sys_ffmpeg" "$pw_ffmpeg"
        # Mark as installed so a later `playwright install` doesn't wipe the directory.
        touch "$(dirname "$pw_ffmpeg")/INSTALLATION_COMPLETE"
    fi
fi

# Debian's package starts a cluster of its own on port 5432; the tests never use it.
pg_initdb="$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n1 || command -v initdb || true)"

# --- 6. summary ------------------------------------------------------------------------------
if [[ "$browser" == playwright* ]]; then
    say "browser: Playwright's Chromium (${browser#playwright })"
else
    exe="${browser#system }"
    say "browser: $exe ($("$exe" --version 2>/dev/null | head -n1 || echo "version unknown"))"
fi
if [ -L "$pw_ffmpeg" ]; then
    say "ffmpeg:  $pw_ffmpeg -> $(readlink "$pw_ffmpeg")"
else
    say "ffmpeg:  $pw_ffmpeg"
fi
if [ -n "$pg_initdb" ]; then
    say "postgres: $("$pg_initdb" --version)"
else
    say "postgres: WARNING: no initdb found; --database postgres (make test) will fail"
fi
cjk_font="$(fc-list :lang=zh family 2>/dev/null | head -n1 || true)"
if [ -n "$cjk_font" ]; then
    say "fonts:   CJK ok ($cjk_font)"
else
    say "fonts:   WARNING: fc-list :lang=zh finds no CJK font (Chinese text will render as boxes)"
fi
