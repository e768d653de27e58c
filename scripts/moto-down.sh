#!/usr/bin/env bash
# Stops the moto started by moto-up.sh, by its PID only.
STATE_DIR="${MOTO_STATE_DIR:-.moto}"
[ -f "$STATE_DIR/pid" ] || exit 0
PID="$(cat "$STATE_DIR/pid")"
if kill -0 "$PID" 2>/dev/null; then
  kill "$PID"
  for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$PID" 2>/dev/null && kill -9 "$PID"
fi
rm -f "$STATE_DIR/pid"
