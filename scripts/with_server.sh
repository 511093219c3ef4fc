#!/usr/bin/env bash
# Run a command against a server started just for it, and always stop the server.
#
#   bash scripts/with_server.sh NAME 'SERVER COMMAND' 'COMMAND'
#
# Both commands run under bash with $PORT (a free loopback port) and $SCRATCH (a temporary
# folder, removed afterwards) in their environment. The server starts in its own process group,
# so a wrapper such as .venv/bin/playwright (a Python process running node) stops with all its
# children; the port is polled until it accepts connections (no fixed sleep; at most
# $SERVER_TIMEOUT seconds, default 60, and never longer than the server lives); then COMMAND
# runs. Whatever happens, the trap stops the server. The exit status is COMMAND's; the server's
# log is printed only when something failed.
set -euo pipefail

[ $# -eq 3 ] || {
    echo "usage: $0 NAME 'SERVER COMMAND' 'COMMAND'" >&2
    exit 2
}
name=$1 server=$2 command=$3
timeout=${SERVER_TIMEOUT:-60}
say() { printf '[%s] %s\n' "$name" "$*"; }

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
SCRATCH="$(mktemp -d -t "$name.XXXXXX")"
export PORT SCRATCH
log="$SCRATCH/server.log"

server_pid=
stop() {
    status=$?
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        # The whole process group: setsid made the server its leader.
        kill -TERM -- "-$server_pid" 2>/dev/null || kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [ "$status" -ne 0 ] && [ -s "$log" ]; then
        say "server log (last 40 lines):"
        tail -n 40 "$log" >&2
    fi
    rm -rf "$SCRATCH"
    exit "$status"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "starting on 127.0.0.1:$PORT: $server"
setsid bash -c "$server" >"$log" 2>&1 &
server_pid=$!

started=$SECONDS
until (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || {
        say "the server exited before it listened"
        exit 1
    }
    if [ $((SECONDS - started)) -ge "$timeout" ]; then
        say "nothing listened on port $PORT within ${timeout}s"
        exit 1
    fi
    sleep 0.1
done
say "listening after $((SECONDS - started))s; running: $command"
bash -c "$command"
