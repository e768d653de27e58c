#!/usr/bin/env bash
# Starts moto (the AWS emulator in the machine image's Python) on 127.0.0.1 for contract tests.
# Writes $MOTO_STATE_DIR/pid and $MOTO_STATE_DIR/env; exits non-zero if it cannot start.
set -euo pipefail
PORT="${MOTO_PORT:-5055}"
STATE_DIR="${MOTO_STATE_DIR:-.moto}"
mkdir -p "$STATE_DIR"
MOTO_PY=""
for cand in "${MOTO_PYTHON:-}" python3 python3.11; do
  [ -n "$cand" ] || continue
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import moto.server, flask, flask_cors' >/dev/null 2>&1; then
    MOTO_PY="$(command -v "$cand")"; break
  fi
done
if [ -z "$MOTO_PY" ]; then echo "moto-up: no Python with moto[server] found (moto ships in the machine image's Python)" >&2; exit 3; fi
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then echo "moto-up: port $PORT already in use" >&2; exit 4; fi
"$MOTO_PY" -m moto.server -H 127.0.0.1 -p "$PORT" >"$STATE_DIR/moto.log" 2>&1 &
echo $! >"$STATE_DIR/pid"
for _ in $(seq 1 300); do
  if curl -sf -o /dev/null "http://127.0.0.1:$PORT/moto-api/"; then break; fi
  if ! kill -0 "$(cat "$STATE_DIR/pid")" 2>/dev/null; then echo "moto-up: server died" >&2; cat "$STATE_DIR/moto.log" >&2; exit 5; fi
  sleep 0.1
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/moto-api/" || { echo "moto-up: not ready after 30 s" >&2; exit 6; }
# Keep ECS tasks RUNNING (otherwise each DescribeTasks moves them a step towards STOPPED).
curl -sf -X POST "http://127.0.0.1:$PORT/moto-api/state-manager/set-transition" \
  -d '{"model_name":"ecs::task","transition":{"progression":"manual","times":1000000000}}' >/dev/null
cat >"$STATE_DIR/env" <<ENV
export GAMEDAY_MOTO_ENDPOINT=http://127.0.0.1:$PORT
ENV
echo "moto-up: moto $("$MOTO_PY" -c 'import moto;print(moto.__version__)') on 127.0.0.1:$PORT pid $(cat "$STATE_DIR/pid")"
