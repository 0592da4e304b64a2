#!/usr/bin/env bash
# End-to-end webhook benchmark: release build, real server on loopback, wrk at saturation, fixed-rate p99, peak RSS.
# Usage: Tests/Benchmarks/e2e.sh [duration_seconds]   (needs `apt-get install wrk`)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-20}
PORT=${PORT:-18080}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

swift build -c release --product invoice-relay >/dev/null
swift build -c release --product relay-bench >/dev/null
BIN=$(swift build -c release --show-bin-path)

cat > "$WORK/config.json" <<JSON
{
  "server": { "host": "127.0.0.1", "port": $PORT },
  "database": { "path": "$WORK/bench.sqlite", "synchronous": "${SYNC:-full}" },
  "logging": { "level": "warning" },
  "ingest": { "maxBatchSize": ${BATCH:-64} },
  "sources": [ { "name": "stripe", "scheme": "stripe", "secrets": [ { "env": "BENCH_SECRET" } ] } ],
  "reminders": { "enabled": false }
}
JSON

BENCH_SECRET=whsec_bench_secret "$BIN/invoice-relay" serve --config "$WORK/config.json" &
SERVER=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

peak_rss() { awk '/VmHWM/ {print $2/1024 " MiB"}' /proc/$SERVER/status; }

echo "== /healthz ceiling (wrk -t2 -c64 -d${DURATION}s)"
wrk -t2 -c64 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/healthz" | tee "$WORK/health.txt" | grep -E "Requests/sec|50%|99%"

"$BIN/relay-bench" wrk-script --count 300000 --secret whsec_bench_secret --output "$WORK/events.lua"
echo "== signed Stripe webhooks, verified and committed (wrk -t2 -c64 -d${DURATION}s)"
WRK_THREADS=2 wrk -t2 -c${CONNECTIONS:-64} -d"${DURATION}s" --latency -s "$WORK/events.lua" "http://127.0.0.1:$PORT" | tee "$WORK/ingest.txt" | grep -E "Requests/sec|50%|99%|Non-2xx"

health=$(awk '/Requests\/sec/ {print $2}' "$WORK/health.txt")
ingest=$(awk '/Requests\/sec/ {print $2}' "$WORK/ingest.txt")
echo "ratio ingest / healthz: $(awk -v a="$ingest" -v b="$health" 'BEGIN { printf "%.0f%%", 100*a/b }')"

echo "== fixed rate 1000 req/s"
"$BIN/relay-bench" paced --url "http://127.0.0.1:$PORT/webhooks/stripe" --rate 1000 --seconds 10 --secret whsec_bench_secret
echo "peak RSS of the server: $(peak_rss)"
echo "events stored: $(sqlite3 "$WORK/bench.sqlite" 'SELECT COUNT(*) FROM webhookEvent')"
