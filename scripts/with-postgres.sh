#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server: a new cluster in a temporary folder, started
# as an unprivileged user on a free local port, stopped and removed when the command ends (also
# on failure or Ctrl-C). The command sees TEST_DATABASE_URL (the cluster's `postgres` database).
#
#   scripts/with-postgres.sh npx jest          # the integration suite on PostgreSQL
#
# Needs PostgreSQL's server programs (Debian: apt-get install postgresql); .ci/run installs them.
set -euo pipefail

bindir=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then bindir="$(pg_config --bindir)"; fi
if [ -z "$bindir" ]; then
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ]; then bindir="$dir"; break; fi
  done
fi
if [ -z "$bindir" ]; then
  echo "PostgreSQL's server programs (initdb, pg_ctl) were not found. Install them: apt-get install postgresql" >&2
  exit 1
fi

# PostgreSQL refuses to run as root: as root, the cluster belongs to an unprivileged user.
run_as=()
if [ "$(id -u)" = 0 ]; then
  user=postgres
  id -u "$user" >/dev/null 2>&1 || user=nobody
  run_as=(runuser -u "$user" --)
fi

dir="$(mktemp -d /tmp/uldum-pg.XXXXXX)"
chmod 755 "$dir"
[ ${#run_as[@]} -gt 0 ] && chown "$user" "$dir"
port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

stop() {
  "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

"${run_as[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}
# fsync off: a test cluster is thrown away, so durability costs time for nothing. Enough
# connections for jest's workers, each test with its own small pool.
"${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null || {
  cat "$dir/server.log" >&2
  exit 1
}

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
export PG_BINDIR="$bindir"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on port $port (removed afterwards)"
set +e
"$@"
status=$?
exit $status
