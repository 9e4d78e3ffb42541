#!/usr/bin/env bash
# Install what the project needs and is missing. Idempotent: a second run
# only checks and takes seconds. Everything goes under $ROOT/.tools (except
# the PostgreSQL server, which comes from Debian's packages, and the shared
# download caches of go, maven, pip and uv in $HOME).
#
#   a. PostgreSQL server binaries (apt)          -> /usr/lib/postgresql/*/bin
#   b. Temporal CLI (go install)                 -> .tools/bin/temporal
#   c. Temporal time-skipping test server (mvn)  -> .tools/temporal-test-server/lib
#                                                   .tools/bin/temporal-test-server
#      Temporal server + schema tool (go install)  -> .tools/temporal-server/<version>/
#      its Web UI, the ui-server (go install)      -> .tools/temporal-ui/<version>/
#   d. uv, and the Python env when pyproject.toml exists -> .tools/uv, .venv
#      and its bytecode, precompiled (checked-hash .pyc)  -> __pycache__/ (PYTHONDONTWRITEBYTECODE)
#   e. this clone's development token key pair (Ed25519) -> .tools/jwt (never for production)
#   f. the console's pinned front-end assets (npm ci) -> .tools/console-assets/node_modules
#      (htmx, ECharts, axe-core from services/console/assets/package-lock.json; CONSOLE_ASSETS_DIR)
#   g. Chromium and CJK fonts for the browser tests (apt) -> /usr/bin/chromium (UIS_CHROMIUM),
#      its path recorded in .tools/chromium.path
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Pinned versions. Later tags of the CLI cannot be go-installed.
TEMPORAL_CLI_VERSION="1.5.1"
UV_VERSION="0.13.9"

TTS_DIR="$TOOLS/temporal-test-server"
ASSETS_SRC="$ROOT/services/console/assets"
ASSETS_DIR="$TOOLS/console-assets"
# The files the console serves (services/console): one missing means the install is incomplete.
ASSETS_FILES=(htmx.org/dist/htmx.min.js echarts/dist/echarts.min.js axe-core/axe.min.js)
# The browser tests read UIS_CHROMIUM, else this path (Debian's package).
CHROMIUM="${UIS_CHROMIUM:-/usr/bin/chromium}"
TTS_POM="$ROOT/infra/temporal-test-server/pom.xml"
UV="$TOOLS/uv/bin/uv"

# Go may not be on PATH in a non-login shell.
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
    PATH="/usr/local/go/bin:$PATH"
fi

mkdir -p "$BIN"
cd "$ROOT"

# Two setups at once (e.g. a developer and a script) would step on each other.
exec 9>"$TOOLS/.setup.lock"
flock 9

now() { echo "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

run_step() {
    local name="$1"; shift
    local t0
    t0="$(now)"
    STEP_NOTE="installed"
    "$@"
    log "$name: $STEP_NOTE ($(elapsed "$t0"))"
}

# ---------------------------------------------------------------- a. postgres
step_postgres() {
    if pg_bindir >/dev/null; then
        STEP_NOTE="present in $(pg_bindir)"
        return
    fi
    log "postgres: installing the server with apt-get (the Debian default cluster is not used)"
    if [[ $EUID -ne 0 ]]; then
        die "postgres: apt-get needs root; install the 'postgresql' package by hand"
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q postgresql >/dev/null
    pg_bindir >/dev/null || die "postgres: initdb still missing after apt-get install"
}

# ------------------------------------------------------------ b. temporal cli
# `temporal --version` only shows the release number when it was stamped in
# with -ldflags (we do); otherwise go's build info tells the module version.
temporal_cli_ok() {
    [[ -x "$BIN/temporal" ]] || return 1
    local out
    out="$("$BIN/temporal" --version 2>/dev/null || true)"
    [[ "$out" == *"version $TEMPORAL_CLI_VERSION "* ]] && return 0
    command -v go >/dev/null 2>&1 || return 1
    out="$(go version -m "$BIN/temporal" 2>/dev/null || true)"
    grep -qE "^\s+mod\s+github.com/temporalio/cli\s+v$TEMPORAL_CLI_VERSION\s" <<<"$out"
}

step_temporal_cli() {
    if temporal_cli_ok; then
        STEP_NOTE="CLI $TEMPORAL_CLI_VERSION present"
        return
    fi
    command -v go >/dev/null 2>&1 || die "temporal: 'go' not found (needed to build the Temporal CLI)"
    log "temporal: building CLI v$TEMPORAL_CLI_VERSION with go install (several minutes the first time)"
    # Same flags as the upstream release build: static binary, version stamped.
    GOBIN="$BIN" CGO_ENABLED=0 GOFLAGS="${GOFLAGS:--buildvcs=false}" \
        go install -ldflags "-s -w -X github.com/temporalio/cli/temporalcli.Version=$TEMPORAL_CLI_VERSION" \
        "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION"
    temporal_cli_ok || die "temporal: $BIN/temporal does not report version $TEMPORAL_CLI_VERSION"
    STEP_NOTE="built $("$BIN/temporal" --version)"
}

# ------------------------------------------------- c. temporal test server
write_tts_wrapper() {
    local wrapper="$BIN/temporal-test-server" tmp
    tmp="$(mktemp "$BIN/.tts.XXXXXX")"
    cat >"$tmp" <<EOF
#!/usr/bin/env bash
# Generated by scripts/setup.sh: Temporal time-skipping test server.
# Usage (as the Python SDK calls it): temporal-test-server <port> --enable-time-skipping
set -euo pipefail
LIB="\$(cd "\$(dirname "\${BASH_SOURCE[0]}")/../temporal-test-server/lib" && pwd)"
JAVA="\${JAVA_HOME:+\$JAVA_HOME/bin/}java"
exec "\$JAVA" -cp "\$LIB/*" io.temporal.testserver.TestServer "\$@"
EOF
    chmod 755 "$tmp"
    if cmp -s "$tmp" "$wrapper"; then
        rm -f "$tmp"
    else
        mv -f "$tmp" "$wrapper"
    fi
}

# Start the test server once on a free port, check it listens, stop it.
smoke_test_tts() {
    local port pid ok=0
    port="$(free_port)" || die "test-server: no free port found for the smoke test"
    "$BIN/temporal-test-server" "$port" --enable-time-skipping >"$TTS_DIR/smoke.log" 2>&1 &
    pid=$!
    if wait_for_port 127.0.0.1 "$port" 60; then
        # A gRPC health check proves it is a Temporal frontend, not just a socket.
        local health
        health="$("$BIN/temporal" operator cluster health --address "127.0.0.1:$port" \
            --command-timeout 10s 2>&1 || true)"
        [[ "$health" == SERVING* ]] && ok=1
    fi
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if ((ok == 0)); then
        tail -n 30 "$TTS_DIR/smoke.log" >&2 || true
        die "test-server: not SERVING on port $port (log: $TTS_DIR/smoke.log)"
    fi
    log "test-server: smoke test ok (SERVING on port $port with --enable-time-skipping)"
}

step_test_server() {
    local want have=""
    want="$(sha256sum "$TTS_POM" | cut -d' ' -f1)"
    [[ -f "$TTS_DIR/pom.sha256" ]] && have="$(cat "$TTS_DIR/pom.sha256")"
    if [[ "$want" == "$have" ]] && compgen -G "$TTS_DIR/lib/temporal-test-server-*.jar" >/dev/null; then
        write_tts_wrapper
        STEP_NOTE="jars up to date with infra/temporal-test-server/pom.xml"
        return
    fi
    command -v mvn >/dev/null 2>&1 || die "test-server: 'mvn' not found"
    command -v java >/dev/null 2>&1 || [[ -n "${JAVA_HOME:-}" ]] || die "test-server: 'java' not found"
    log "test-server: resolving jars with maven"
    mkdir -p "$TTS_DIR"
    rm -rf "$TTS_DIR/lib.new"
    if ! mvn -q -B -f "$TTS_POM" dependency:copy-dependencies \
        -DoutputDirectory="$TTS_DIR/lib.new" -DincludeScope=runtime >"$TTS_DIR/mvn.log" 2>&1; then
        tail -n 40 "$TTS_DIR/mvn.log" >&2
        die "test-server: maven failed (log: $TTS_DIR/mvn.log)"
    fi
    compgen -G "$TTS_DIR/lib.new/temporal-test-server-*.jar" >/dev/null ||
        die "test-server: maven did not produce temporal-test-server-*.jar"
    rm -rf "${TTS_DIR:?}/lib"
    mv "$TTS_DIR/lib.new" "$TTS_DIR/lib"
    write_tts_wrapper
    smoke_test_tts
    echo "$want" >"$TTS_DIR/pom.sha256"
    STEP_NOTE="installed $(basename "$(compgen -G "$TTS_DIR/lib/temporal-test-server-*.jar")" .jar)"
}

# --------------------------------------------------------------- d. python
step_python() {
    if [[ ! -x "$UV" ]]; then
        log "python: installing uv $UV_VERSION into .tools/uv"
        rm -rf "$TOOLS/uv"
        python3 -m venv "$TOOLS/uv"
        "$TOOLS/uv/bin/pip" install -q "uv==$UV_VERSION"
    fi
    [[ "$("$UV" --version)" == "uv $UV_VERSION"* ]] ||
        die "python: $UV is not uv $UV_VERSION (delete .tools/uv and rerun)"

    if [[ ! -f "$ROOT/pyproject.toml" ]]; then
        STEP_NOTE="uv $UV_VERSION ready; no pyproject.toml yet, uv sync skipped"
        return
    fi
    # Never let uv fetch a Python build: there is no network for that.
    export UV_PYTHON_DOWNLOADS=never
    if [[ ! -f "$ROOT/uv.lock" ]]; then
        log "python: uv.lock missing, running uv lock"
        "$UV" lock --python python3.11
    fi
    "$UV" sync --frozen --python python3.11 --quiet
    STEP_NOTE="uv $UV_VERSION, .venv in sync with uv.lock"
}

# Bytecode compiled once (issue 13 item 4). These machines set PYTHONDONTWRITEBYTECODE=1, so
# Python never writes a .pyc and the Temporal sandbox, which imports the workflow modules afresh
# for every new workflow, compiled workflows/*.py from source each time. Python still READS a
# .pyc when the variable is set. checked-hash: a .pyc holds its source's hash and is used only
# while the source is unchanged (an edited file is compiled from source, never run stale), and
# it does not depend on file times (a checkout or an image copy may change them).
PY_PACKAGES=(contracts shared workflows services benchmarks)
step_bytecode() {
    local site
    site="$("$ROOT/.venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    # -j 0: all cores; errors of files that are not Python 3.11 (templates of packages) are not ours.
    "$ROOT/.venv/bin/python" -m compileall -q -j 0 --invalidation-mode checked-hash \
        "${PY_PACKAGES[@]/#/$ROOT/}" >/dev/null
    "$ROOT/.venv/bin/python" -m compileall -q -j 0 --invalidation-mode checked-hash "$site" >/dev/null || true
    STEP_NOTE="checked-hash .pyc for ${PY_PACKAGES[*]} and site-packages"
}

# ------------------------------------------------------- e. development keys
# Tokens are signed with a private key and checked with the public key (shared/auth/keys.py).
# Without configured keys, development and tests use this pair; production refuses it.
step_dev_keys() {
    [[ -x "$ROOT/.venv/bin/python" ]] || { STEP_NOTE="skipped (no .venv yet)"; return; }
    STEP_NOTE="$(cd "$ROOT" && .venv/bin/python -c 'import sys; from shared.auth.keys import main; sys.exit(main())')"
}

# ------------------------------------------------------- f. console assets
# Pinned by package-lock.json (versions and integrity hashes); the stamp holds the lock's sha256.
console_assets_ok() {
    local want="$1" have="" file
    [[ -f "$ASSETS_DIR/lock.sha256" ]] && have="$(cat "$ASSETS_DIR/lock.sha256")"
    [[ "$want" == "$have" ]] || return 1
    for file in "${ASSETS_FILES[@]}"; do
        [[ -s "$ASSETS_DIR/node_modules/$file" ]] || return 1
    done
}

console_asset_versions() {
    local name sep=""
    for name in htmx.org echarts axe-core; do
        printf '%s%s %s' "$sep" "$name" "$(node -p "require('$ASSETS_DIR/node_modules/$name/package.json').version")"
        sep=", "
    done
}

step_console_assets() {
    local want file
    want="$(sha256sum "$ASSETS_SRC/package-lock.json" | cut -d' ' -f1)"
    if console_assets_ok "$want"; then
        STEP_NOTE="up to date with services/console/assets/package-lock.json"
        return
    fi
    command -v npm >/dev/null 2>&1 || die "console-assets: 'npm' not found (install Node.js 20 and npm)"
    log "console-assets: npm ci in .tools/console-assets"
    mkdir -p "$ASSETS_DIR"
    rm -f "$ASSETS_DIR/lock.sha256"
    cp "$ASSETS_SRC/package.json" "$ASSETS_SRC/package-lock.json" "$ASSETS_DIR/"
    # No install scripts: these are static files, and none of the packages needs one.
    if ! (cd "$ASSETS_DIR" && npm ci --no-audit --no-fund --ignore-scripts) >"$ASSETS_DIR/npm.log" 2>&1; then
        tail -n 40 "$ASSETS_DIR/npm.log" >&2
        die "console-assets: npm ci failed (log: $ASSETS_DIR/npm.log)"
    fi
    for file in "${ASSETS_FILES[@]}"; do
        [[ -s "$ASSETS_DIR/node_modules/$file" ]] || die "console-assets: $file missing after npm ci"
    done
    echo "$want" >"$ASSETS_DIR/lock.sha256"
    STEP_NOTE="installed $(console_asset_versions)"
}

# ----------------------------------------------------------- g. chromium
# Playwright cannot download its browsers here: the browser tests drive Debian's Chromium, with
# the Noto CJK fonts so that Chinese text renders (and shows in screenshots) instead of boxes.
cjk_fonts_ok() {
    command -v fc-list >/dev/null 2>&1 && [[ -n "$(fc-list :lang=zh family 2>/dev/null)" ]]
}

step_chromium() {
    local missing=()
    [[ -x "$CHROMIUM" ]] || missing+=(chromium)
    cjk_fonts_ok || missing+=(fonts-noto-cjk)
    if ((${#missing[@]})); then
        [[ -n "${UIS_CHROMIUM:-}" && ! -x "$CHROMIUM" ]] &&
            die "chromium: UIS_CHROMIUM=$CHROMIUM is not an executable"
        log "chromium: installing ${missing[*]} with apt-get"
        [[ $EUID -eq 0 ]] || die "chromium: apt-get needs root; install the packages ${missing[*]} by hand"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q >/dev/null
        apt-get install -y -q "${missing[@]}" >/dev/null
        [[ -x "$CHROMIUM" ]] || die "chromium: $CHROMIUM still missing after apt-get install"
        cjk_fonts_ok || die "chromium: no CJK font after apt-get install fonts-noto-cjk"
        STEP_NOTE="installed"
    else
        STEP_NOTE="present"
    fi
    echo "$CHROMIUM" >"$TOOLS/chromium.path"
    # Debian's wrapper script prints a warning on stderr for --version; only stdout matters.
    STEP_NOTE="$STEP_NOTE: $("$CHROMIUM" --version 2>/dev/null | head -n 1) at $CHROMIUM (tests: UIS_CHROMIUM)"
}

# ------------------------------------------- temporal server (production engine)
# The Temporal server with its schema tool (scripts/temporal-server.sh) and its Web UI
# (scripts/temporal-ui.sh): each script's `build` go-installs from the module proxy into
# .tools/<name>/<version>/, once; Go's build cache makes a rebuild after a fresh clone a link step.
step_go_built() {
    local name="$1" version
    version="$("$ROOT/scripts/$name.sh" version)"
    STEP_NOTE="$version present"
    [[ -x "$TOOLS/$name/$version/server" ]] || STEP_NOTE="built $version"
    "$ROOT/scripts/$name.sh" build
}
step_temporal_server() { step_go_built temporal-server; }
step_temporal_ui() { step_go_built temporal-ui; }

T0="$(now)"
run_step "postgres" step_postgres
run_step "temporal" step_temporal_cli
run_step "test-server" step_test_server
run_step "temporal-server" step_temporal_server
run_step "temporal-ui" step_temporal_ui
run_step "python" step_python
run_step "bytecode" step_bytecode
run_step "dev-keys" step_dev_keys
run_step "console-assets" step_console_assets
run_step "chromium" step_chromium
log "setup complete in $(elapsed "$T0")"
