#!/bin/sh
# pg-cluster.sh - a throwaway PostgreSQL 15 primary with a synchronous
# streaming-replication standby, on loopback, for the cluster test and for
# trying failover by hand.
#
#   scripts/pg-cluster.sh start DIR PRIMARY_PORT STANDBY_PORT
#       starts both (primary in DIR/primary, standby in DIR/standby) and
#       prints the multi-host URI the app nodes use:
#       postgresql://fleksi@127.0.0.1:P,127.0.0.1:S/fleksi?target_session_attrs=read-write
#   scripts/pg-cluster.sh kill-primary DIR     stops the primary at once (-m immediate)
#   scripts/pg-cluster.sh promote DIR          promotes the standby
#   scripts/pg-cluster.sh stop DIR             stops whatever runs
#
# The primary is set up by scripts/pg-test-server.sh; the standby is a
# pg_basebackup of it with -R (primary_conninfo, standby.signal) and
# application_name=fleksi_standby, which the primary names in
# synchronous_standby_names: a commit returns only once the standby has
# flushed it, so a 201 answered before the primary dies is on the standby.
set -eu
cd "$(dirname "$0")"
HERE=$(pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

die() { echo "pg-cluster: $*" >&2; exit 1; }
usage() { echo "usage: $0 start DIR P S | kill-primary DIR | promote DIR | stop DIR" >&2; exit 2; }
as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- env LC_ALL=C "$@"; else env LC_ALL=C "$@"; fi
}

start() {
	mkdir -p "$DIR"
	DIR=$(cd "$DIR" && pwd)
	[ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
	"$HERE/pg-test-server.sh" start "$DIR/primary" "$P" >/dev/null
	if ! grep -q "pg-cluster.sh" "$DIR/primary/data/postgresql.conf"; then
		cat >>"$DIR/primary/data/postgresql.conf" <<-EOF

			# pg-cluster.sh
			wal_level = replica
			max_wal_senders = 4
			synchronous_standby_names = 'fleksi_standby'
			synchronous_commit = on
		EOF
		echo "host replication all 127.0.0.1/32 trust" >>"$DIR/primary/data/pg_hba.conf"
		cd /
		as_owner "$PGBIN/pg_ctl" -D "$DIR/primary/data" -w -t 60 restart >/dev/null ||
			die "primary did not restart, see $DIR/primary/server.log"
	fi
	if [ ! -f "$DIR/standby/data/PG_VERSION" ]; then
		as_owner mkdir -p "$DIR/standby"
		as_owner chmod 700 "$DIR/standby"
		as_owner "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$P" -U postgres -D "$DIR/standby/data" -R -X stream \
			-d "application_name=fleksi_standby" >"$DIR/standby/basebackup.log" 2>&1 ||
			die "pg_basebackup failed, see $DIR/standby/basebackup.log"
		sed -i "s#^unix_socket_directories = .*#unix_socket_directories = '$DIR/standby'#" \
			"$DIR/standby/data/postgresql.conf"
		sed -i "/^synchronous_standby_names/d" "$DIR/standby/data/postgresql.conf"
		# primary_conninfo from -R lacks application_name when given via -d on some versions: set it.
		grep -q application_name "$DIR/standby/data/postgresql.auto.conf" ||
			sed -i "s#^primary_conninfo = '#primary_conninfo = 'application_name=fleksi_standby #" \
				"$DIR/standby/data/postgresql.auto.conf"
	fi
	cd /
	as_owner "$PGBIN/pg_ctl" -D "$DIR/standby/data" -l "$DIR/standby/server.log" -w -t 60 -o "-p $S" start \
		>/dev/null || die "standby did not start, see $DIR/standby/server.log"
	# Wait until the standby streams synchronously.
	i=0
	while [ $i -lt 100 ]; do
		state=$(as_owner "$PGBIN/psql" -X -h "$DIR/primary" -p "$P" -U postgres -d postgres -tAc \
			"SELECT sync_state FROM pg_stat_replication WHERE application_name = 'fleksi_standby'" 2>/dev/null || true)
		[ "$state" = sync ] && break
		i=$((i + 1))
		sleep 0.2
	done
	[ "$state" = sync ] || die "the standby is not streaming synchronously (state '$state')"
	echo "postgresql://fleksi@127.0.0.1:$P,127.0.0.1:$S/fleksi?target_session_attrs=read-write&connect_timeout=2"
}

pg_ctl_in() { # subdir action [args]
	d=$1; shift
	[ -f "$DIR/$d/data/PG_VERSION" ] || return 0
	cd /
	as_owner "$PGBIN/pg_ctl" -D "$DIR/$d/data" "$@" >/dev/null 2>&1 || true
}

[ $# -ge 2 ] || usage
DIR=$2
case $1 in
start) [ $# -eq 4 ] || usage; P=$3; S=$4; start ;;
kill-primary) pg_ctl_in primary -m immediate -w stop ;;
promote) cd / && as_owner "$PGBIN/pg_ctl" -D "$(cd "$DIR" && pwd)/standby/data" -w promote >/dev/null ;;
stop) DIR=$(cd "$DIR" && pwd); pg_ctl_in standby -m fast -w stop; pg_ctl_in primary -m fast -w stop ;;
*) usage ;;
esac
