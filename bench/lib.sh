# Sourced by the bench scripts: what each of them does the same way with a server started by server-config/start.

# await_openvisit LOG SCRIPT_PID [POLL_SECONDS=0.5]: waits until the server's log says it is ready; when the start
# script ends first, prints the end of the log and exits. Sets openvisit_pid to the server's java process (empty if
# it cannot be found).
await_openvisit() {
  local log="$1" script_pid="$2" poll="${3:-0.5}"
  until grep -q "OpenVisit is ready after" "$log" 2>/dev/null; do
    kill -0 "$script_pid" 2>/dev/null || { echo "start failed (log: $log):"; tail -30 "$log"; exit 1; }
    sleep "$poll"
  done
  openvisit_pid="$(pgrep -P "$script_pid" java || true)"
}
