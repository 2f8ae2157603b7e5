# Sourced by the tests that start servers. They append the PID of each
# process they start to `pids`; stop_started DIR stops exactly those, by PID
# (TERM, then KILL after five seconds each), and removes DIR.
pids=()
stop_started() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null
  done
  [ -n "${1:-}" ] && rm -rf "$1"
}
