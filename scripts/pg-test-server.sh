#!/bin/sh
# pg-test-server.sh - a throwaway PostgreSQL 15 cluster for tests, on loopback.
#
#   scripts/pg-test-server.sh start DIR PORT   prints postgresql://fleksi@127.0.0.1:PORT/fleksi
#                                             once the server accepts connections
#   scripts/pg-test-server.sh stop DIR         stops it (the files stay in DIR)
#
# The cluster lives in DIR/data, its socket and log in DIR. Authentication is
# trust, on 127.0.0.1 and the socket in DIR only: never point this at a port
# other machines can reach. Run as root (the server runs as the `postgres`
# system user, so DIR must be reachable by it: /tmp/... is) or as an
# ordinary user who owns DIR. Role `fleksi` (superuser) and database `fleksi`
# are created on first start; a second start on a running cluster with the
# same port just prints the URI again.
set -eu

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

die() {
	echo "pg-test-server: $*" >&2
	exit 1
}

usage() {
	echo "usage: $0 start DIR PORT | stop DIR" >&2
	exit 2
}

# Run a command as the server's owner: `postgres` when we are root.
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- env LC_ALL=C "$@"
	else
		env LC_ALL=C "$@"
	fi
}

# Run SQL as the bootstrap superuser over the socket; prints tuples only.
psql_admin() {
	as_owner "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$PORT" -U postgres \
		-d postgres -tA -c "$1"
}

# The port of the server running in DIR, or nothing.
running_port() {
	if as_owner "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
		sed -n 4p "$DIR/data/postmaster.pid"
	fi
}

prepare_dir() {
	[ -x "$PGBIN/initdb" ] || die "$PGBIN/initdb not found (install postgresql-15)"
	mkdir -p "$DIR"
	DIR=$(cd "$DIR" && pwd)
	if [ "$(id -u)" = 0 ]; then
		id postgres >/dev/null 2>&1 || die "no 'postgres' system user"
		chown postgres:postgres "$DIR"
	fi
	chmod 700 "$DIR"
	as_owner test -w "$DIR" ||
		die "$DIR is not writable by the server's user (choose a directory under /tmp)"
	# A Unix socket path is limited to 107 bytes.
	[ ${#DIR} -le 80 ] || die "$DIR is too long for a socket directory"
}

init_cluster() {
	[ -f "$DIR/data/PG_VERSION" ] && return 0
	as_owner "$PGBIN/initdb" -D "$DIR/data" -U postgres -E UTF8 --no-locale \
		--auth=trust >"$DIR/initdb.log" 2>&1 ||
		die "initdb failed, see $DIR/initdb.log"
	cat >"$DIR/data/pg_hba.conf" <<-EOF
		# pg-test-server.sh: trust on the private socket and loopback only.
		local all all trust
		host  all all 127.0.0.1/32 trust
	EOF
	cat >>"$DIR/data/postgresql.conf" <<-EOF

		# pg-test-server.sh
		listen_addresses = '127.0.0.1'
		unix_socket_directories = '$DIR'
		max_connections = 50
		log_min_messages = warning
	EOF
}

create_role_and_db() {
	if [ -z "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = 'fleksi'")" ]; then
		psql_admin "CREATE ROLE fleksi LOGIN SUPERUSER" >/dev/null
	fi
	if [ -z "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = 'fleksi'")" ]; then
		psql_admin "CREATE DATABASE fleksi OWNER fleksi" >/dev/null
	fi
}

start() {
	prepare_dir
	cd /  # the server's user may not be able to read the caller's directory
	port=$(running_port)
	if [ -n "$port" ]; then
		[ "$port" = "$PORT" ] || die "a server is already running in $DIR on port $port"
	else
		init_cluster
		as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
			-o "-p $PORT" start >/dev/null ||
			die "the server did not start, see $DIR/server.log"
	fi
	create_role_and_db
	echo "postgresql://fleksi@127.0.0.1:$PORT/fleksi"
}

stop() {
	[ -d "$DIR/data" ] || die "no cluster in $DIR"
	DIR=$(cd "$DIR" && pwd)
	cd /
	if [ -z "$(running_port)" ]; then
		echo "pg-test-server: not running in $DIR" >&2
		return 0
	fi
	as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null
}

[ $# -ge 2 ] || usage
DIR=$2
case $1 in
start)
	[ $# -eq 3 ] || usage
	PORT=$3
	case $PORT in '' | *[!0-9]*) die "PORT must be a number" ;; esac
	start
	;;
stop)
	[ $# -eq 2 ] || usage
	stop
	;;
*) usage ;;
esac
