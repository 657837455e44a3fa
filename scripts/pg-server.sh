#!/usr/bin/env bash
# Starts and stops a throwaway local PostgreSQL server for the test suite.
#
#   scripts/pg-server.sh start DIR   initdb into DIR/data (first time only), start the server
#                                    and print its libpq connection URI (one line on stdout)
#   scripts/pg-server.sh stop DIR    stop it (pg_ctl stop -m fast); no error if not running
#   scripts/pg-server.sh uri DIR     print the URI without starting anything
#
# The server listens only on a unix socket in DIR (no TCP), trusts every local connection,
# has the superuser "frontline" and the database "frontline", and runs with fsync off: it is
# for tests, never for data you want to keep. Its log is DIR/server.log. The URI looks like
#   postgresql://frontline@/frontline?host=/tmp/pg&port=5432
# so a test does e.g.:  URI=$(scripts/pg-server.sh start /tmp/pg); psql "$URI" -c 'select 1'
# Several servers can run at once, one per DIR. Starting an already running DIR just prints
# the URI again.
#
# PostgreSQL refuses to run as root, so when this script runs as root the server runs as the
# "postgres" system user (override with PG_SERVER_USER) and DIR is chowned to it; DIR and its
# parents must then be reachable by that user (a directory under /tmp is; one under /root is
# not). Root clients can still connect: the socket is mode 0777 and auth is trust.
#
# Server binaries: `pg_config --bindir` when it has initdb/pg_ctl/postgres, else the highest
# /usr/lib/postgresql/*/bin; PG_BINDIR overrides both. PG_SERVER_PORT (default 5432) only
# names the socket file (DIR/.s.PGSQL.PORT), so the default is fine for every DIR.
set -euo pipefail

prog=pg-server.sh
die() { echo "$prog: $*" >&2; exit 1; }
usage() { echo "usage: $0 {start|stop|uri} DIR" >&2; exit 2; }

[[ $# -eq 2 ]] || usage
cmd=$1
[[ $cmd == start || $cmd == stop || $cmd == uri ]] || usage
[[ -n $2 ]] || usage

port=${PG_SERVER_PORT:-5432}
[[ $port =~ ^[0-9]+$ ]] || die "PG_SERVER_PORT must be a number, not '$port'"
role=frontline
dbname=frontline
run_user=${PG_SERVER_USER:-postgres}

# Absolute, symlink-free path (DIR need not exist yet).
dir=$(realpath -m -- "$2")
# libpq splits host=... on commas (even percent-encoded ones), so such a socket directory
# could never be connected to; quotes, backslashes and newlines would break postgresql.conf.
case $dir in
  *[,\'\"\\]* | *$'\n'*) die "DIR must not contain commas, quotes, backslashes or newlines: $dir" ;;
esac
# sockaddr_un.sun_path is 108 bytes including the terminating NUL.
sock="$dir/.s.PGSQL.$port"
((${#sock} <= 107)) || die "DIR is too long for a unix socket path (${#sock} > 107 bytes): $dir"
data="$dir/data"
log="$dir/server.log"

# Percent-encodes everything but RFC 3986 unreserved characters and '/'.
urlencode() {
  local LC_ALL=C s=$1 out='' c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [A-Za-z0-9._~/-]) out+=$c ;;
      *) printf -v c '%%%02X' "'$c"; out+=$c ;;
    esac
  done
  printf '%s' "$out"
}
uri="postgresql://$role@/$dbname?host=$(urlencode "$dir")&port=$port"

if [[ $cmd == uri ]]; then
  printf '%s\n' "$uri"
  exit 0
fi

# --- locate server binaries -----------------------------------------------------------------
has_server() { [[ -x $1/initdb && -x $1/pg_ctl && -x $1/postgres ]]; }
bindir=
if [[ -n ${PG_BINDIR:-} ]]; then
  has_server "$PG_BINDIR" || die "PG_BINDIR=$PG_BINDIR has no initdb/pg_ctl/postgres"
  bindir=$PG_BINDIR
else
  if command -v pg_config >/dev/null 2>&1; then
    b=$(pg_config --bindir 2>/dev/null || true)
    if [[ -n $b ]] && has_server "$b"; then bindir=$b; fi
  fi
  if [[ -z $bindir ]]; then
    while IFS= read -r b; do
      if has_server "$b"; then bindir=$b; break; fi
    done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -rV)
  fi
fi
[[ -n $bindir ]] || die "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found: \
neither \`pg_config --bindir\` nor /usr/lib/postgresql/*/bin has them. On Debian/Ubuntu: \
apt-get install postgresql (or set PG_BINDIR)"
for t in psql pg_isready; do
  [[ -x $bindir/$t ]] || die "$bindir/$t not found (install the PostgreSQL client tools)"
done

# --- run server-side commands as a non-root user when we are root ----------------------------
as_server() {
  # cd: the caller's working directory (e.g. /root) may be unreadable for the server user.
  # 9>&-: the postmaster must not inherit the start lock below, or it holds it forever.
  if ((EUID == 0)); then
    (cd "$dir" && runuser -u "$run_user" -- "$@") 9>&-
  else
    (cd "$dir" && "$@") 9>&-
  fi
}

pg_ctl() { as_server "$bindir/pg_ctl" -D "$data" "$@"; }

# A postmaster killed by a crash or SIGKILL stays a zombie until its parent (init, after
# pg_ctl's double fork) reaps it; some container inits do that late. Meanwhile pg_ctl status
# says "running" and a new postmaster refuses to start, so wait for it to go away.
wait_zombie() {
  local pid state i
  pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null) || return 0
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  for ((i = 0; i < 300; i++)); do
    state=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null) || return 0
    [[ $state == Z* ]] || return 0
    sleep 0.1
  done
  die "the old postmaster (pid $pid) of $dir is a zombie nobody reaps; remove $data/postmaster.pid"
}

# pg_ctl status: 0 running, 3 not running, 4 no usable data directory.
running() {
  [[ -f $data/PG_VERSION ]] || return 1
  wait_zombie
  pg_ctl status >/dev/null 2>&1
}

# --- stop ------------------------------------------------------------------------------------
if [[ $cmd == stop ]]; then
  [[ -d $dir ]] || exit 0
  if ((EUID == 0)) && ! id -u "$run_user" >/dev/null 2>&1; then exit 0; fi
  if running; then
    out=$(pg_ctl stop -m fast -w -t 60 2>&1) || {
      # It may have exited between the status check and the stop.
      running || exit 0
      printf '%s\n' "$out" >&2
      die "could not stop the server in $dir (see $log)"
    }
  fi
  exit 0
fi

# --- start -----------------------------------------------------------------------------------
mkdir -p -- "$dir"
if ((EUID == 0)); then
  id -u "$run_user" >/dev/null 2>&1 ||
    die "running as root but there is no '$run_user' user to run the server as (set PG_SERVER_USER)"
  chown "$run_user:" "$dir"
  runuser -u "$run_user" -- test -w "$dir" -a -x "$dir" ||
    die "user '$run_user' cannot write to $dir (are its parent directories traversable by \
'$run_user'? use a directory under /tmp)"
fi

# Serialize concurrent starts of the same DIR (e.g. parallel ctest jobs).
if command -v flock >/dev/null 2>&1; then
  exec 9>>"$dir/.pg-server.lock"
  flock 9
fi

if ! running; then
  if [[ ! -f $data/PG_VERSION ]]; then
    [[ ! -e $data ]] || [[ -z $(ls -A "$data") ]] ||
      die "$data exists but is not a PostgreSQL data directory; remove it"
    out=$(as_server "$bindir/initdb" -D "$data" -U "$role" -A trust -E UTF8 --locale=C \
      --no-sync 2>&1) || { printf '%s\n' "$out" >&2; die "initdb failed in $data"; }
    # Double quotes inside the value keep spaces in DIR literal.
    cat >>"$data/postgresql.conf" <<EOF

# --- added by scripts/pg-server.sh: throwaway test server ---
listen_addresses = ''
unix_socket_directories = '"$dir"'
unix_socket_permissions = 0777
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  fi
  out=$(pg_ctl -l "$log" -w -t 60 start 2>&1) || {
    printf '%s\n' "$out" >&2
    [[ -f $log ]] && tail -n 20 "$log" >&2
    die "could not start the server in $dir (log: $log)"
  }
fi

for ((i = 0; i < 300; i++)); do
  "$bindir/pg_isready" -q -h "$dir" -p "$port" -d postgres -U "$role" && break
  sleep 0.1
done
"$bindir/pg_isready" -q -h "$dir" -p "$port" -d postgres -U "$role" ||
  die "server in $dir did not become ready (log: $log)"

psql_() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -At "$@"; }
base="postgresql://$role@/postgres?host=$(urlencode "$dir")&port=$port"
if [[ $(psql_ "$base" -c "select 1 from pg_database where datname = '$dbname'") != 1 ]]; then
  out=$(psql_ "$base" -c "create database $dbname" 2>&1) || {
    # A concurrent creator (without flock) may have won the race.
    [[ $(psql_ "$base" -c "select 1 from pg_database where datname = '$dbname'") == 1 ]] ||
      { printf '%s\n' "$out" >&2; die "could not create database $dbname"; }
  }
fi
[[ $(psql_ "$uri" -c 'select 1') == 1 ]] || die "server started but '$uri' does not work"
printf '%s\n' "$uri"
