#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the sync tests.
#
#   pg-cluster.sh start DIR   initdb in a fresh temporary folder, start the
#                             server on a free loopback port, write DIR/pg.env
#   pg-cluster.sh stop DIR    stop the server (-m fast) and remove everything
#   pg-cluster.sh standby DIR PRIMARY_DIR
#                             a streaming standby of the server PRIMARY_DIR
#                             describes (pg_basebackup -R), on a port of its
#                             own, described in DIR/pg.env like a primary;
#                             it streams through a physical replication slot
#                             of its own on that server (PG_SLOT in pg.env),
#                             as a standby of the centre must (README,
#                             "Backups and restore")
#
# The server runs as an unprivileged user: `postgres` (through runuser) when
# this script runs as root, the current user otherwise. It listens on
# 127.0.0.1 only, its unix socket lives in a private folder, and every
# connection needs a password (scram-sha-256). The superuser password is
# generated here and written only to DIR/pg.env (mode 600).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

die() {
    echo "pg-cluster: $*" >&2
    exit 1
}

[ $# -eq 2 ] || [ $# -eq 3 ] || die "usage: $0 start|stop DIR, or $0 standby DIR PRIMARY_DIR"
action=$1
dir=$2
primary_dir=${3:-}
[ -n "$dir" ] && [ "$dir" != / ] || die "refusing the folder '$dir'"

if [ "$(id -u)" = 0 ]; then
    run_as=postgres
    id "$run_as" >/dev/null 2>&1 || die "running as root, but there is no 'postgres' user to run the server"
    as_server() { runuser -u "$run_as" -- "$@"; }
else
    run_as=$(id -un)
    as_server() { "$@"; }
fi

# The cluster of DIR, if one was started: DIR/pg.env names it.
cluster_of() {
    [ -f "$1/pg.env" ] || return 1
    sed -n 's/^PG_CLUSTER=//p' "$1/pg.env"
}

stop_cluster() {
    local cluster
    cluster=$(cluster_of "$dir" || true)
    if [ -n "$cluster" ] && [ -d "$cluster" ] && [ -f "$cluster/.onewindow-test-cluster" ]; then
        if [ -f "$cluster/data/postmaster.pid" ]; then
            as_server "$PG_BIN/pg_ctl" -D "$cluster/data" -m fast -w -t 60 stop >/dev/null ||
                echo "pg-cluster: pg_ctl stop failed; removing the folder anyway" >&2
        fi
        rm -rf -- "$cluster"
    fi
    rm -rf -- "$dir"
}

case "$action" in
stop)
    stop_cluster
    echo "pg-cluster: stopped and removed"
    exit 0
    ;;
start) ;;
standby)
    [ -f "$primary_dir/pg.env" ] || die "no primary described in '$primary_dir/pg.env'"
    ;;
*) die "unknown action '$action' (start|stop|standby)" ;;
esac

[ -x "$PG_BIN/initdb" ] || die "PostgreSQL 15 is not installed ($PG_BIN/initdb missing): run packaging/install-deps.sh"
command -v openssl >/dev/null || [ -r /dev/urandom ] || die "no source of random passwords"

# A previous run that was interrupted: clean it up first.
stop_cluster
mkdir -p "$dir"
chmod 700 "$dir"

# The cluster lives in a short temporary path: a unix socket path must stay
# under 108 bytes, and the server user must be able to reach the folder.
cluster=$(mktemp -d "${TMPDIR:-/tmp}/ow-pg.XXXXXX")
touch "$cluster/.onewindow-test-cluster"
mkdir -p "$cluster/data" "$cluster/sock"
chmod 700 "$cluster" "$cluster/data" "$cluster/sock"
[ "$run_as" = "$(id -un)" ] || chown -R "$run_as" "$cluster"

password=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)
[ ${#password} -ge 24 ] || die "could not generate a password"
pwfile="$cluster/pwfile"
(umask 077 && printf '%s\n' "$password" >"$pwfile")
[ "$run_as" = "$(id -un)" ] || chown "$run_as" "$pwfile"

if [ "$action" = standby ]; then
    # The primary's superuser, its files and settings: a copy of its data
    # folder, streaming from it (standby.signal, primary_conninfo).
    primary_port=$(sed -n 's/^PG_PORT=//p' "$primary_dir/pg.env")
    password=$(sed -n 's/^PG_PASSWORD=//p' "$primary_dir/pg.env")
    cp "$primary_dir/ca.crt" "$dir/ca.crt"
    rm -f "$pwfile"
    slot=ow_standby_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
    as_server env PGPASSWORD="$password" PGSSLMODE=disable "$PG_BIN/pg_basebackup" \
        -h 127.0.0.1 -p "$primary_port" -U postgres -D "$cluster/data" -R -C -S "$slot" \
        --checkpoint=fast --wal-method=stream >"$cluster/basebackup.log" 2>&1 ||
        { cat "$cluster/basebackup.log" >&2; die "pg_basebackup failed"; }
    chmod 700 "$cluster/data"
    # A standby of a promoted standby: its copy of the settings names the
    # server that one streamed from; what pg_basebackup -R wrote names this one.
    rm -f "$cluster/data/postmaster.pid" "$cluster/data/postmaster.opts" \
        "$cluster/data/postgresql.auto.conf.base"
else
as_server "$PG_BIN/initdb" -D "$cluster/data" --username=postgres --pwfile="$pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 \
    --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 ||
    { cat "$cluster/initdb.log" >&2; die "initdb failed"; }
rm -f "$pwfile"

# TLS with a throwaway CA made here: the server's certificate names
# 127.0.0.1 and localhost, so sslmode=verify-full works against DIR/ca.crt.
command -v openssl >/dev/null || die "openssl is needed to make the test CA: run packaging/install-deps.sh"
tls="$cluster/tls"
mkdir -p "$tls"
(
    cd "$tls"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3 \
        -subj "/CN=OneWindow test CA" -keyout ca.key -out ca.crt
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -subj "/CN=127.0.0.1" -keyout server.key -out server.csr
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3 \
        -extfile server.ext -out server.crt
) >"$cluster/tls.log" 2>&1 || { cat "$cluster/tls.log" >&2; die "could not make the test certificates"; }
cp "$tls/server.crt" "$tls/server.key" "$cluster/data/"
chmod 600 "$cluster/data/server.key"
[ "$run_as" = "$(id -un)" ] || chown "$run_as" "$cluster/data/server.crt" "$cluster/data/server.key"
cp "$tls/ca.crt" "$dir/ca.crt"
rm -f "$tls/ca.key"

# Only loopback TCP and the private socket, with passwords; standbys
# stream over loopback too.
as_server tee "$cluster/data/pg_hba.conf" >/dev/null <<HBA
local   all          all                 scram-sha-256
host    all          all  127.0.0.1/32   scram-sha-256
host    replication  all  127.0.0.1/32   scram-sha-256
HBA
fi

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Tests trade durability for speed; PG_DURABLE=1 keeps the defaults (the
# benchmarks, whose baselines depend on real commits).
if [ "${PG_DURABLE:-0}" = 1 ]; then
    durability="# durable: fsync, synchronous_commit and full_page_writes as shipped"
else
    durability="fsync = off
synchronous_commit = off
full_page_writes = off"
fi

started=
for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    port_free "$port" || continue
    # A standby keeps what pg_basebackup -R wrote (primary_conninfo) after
    # the primary's settings: later lines win.
    if [ "$action" = standby ]; then
        [ -f "$cluster/data/postgresql.auto.conf.base" ] ||
            as_server cp "$cluster/data/postgresql.auto.conf" "$cluster/data/postgresql.auto.conf.base"
        conf_head=$(cat "$cluster/data/postgresql.auto.conf.base")
    else
        conf_head="# written by pg-cluster.sh"
    fi
    as_server tee "$cluster/data/postgresql.auto.conf" >/dev/null <<CONF
$conf_head
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$cluster/sock'
unix_socket_permissions = 0700
password_encryption = 'scram-sha-256'
max_connections = 60
$durability
log_min_messages = warning
timezone = 'Asia/Shanghai'
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
CONF
    if as_server "$PG_BIN/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 start \
        >/dev/null 2>&1; then
        started=yes
        break
    fi
    # Someone took the port between the check and the start: try another.
    grep -q 'could not bind\|Address already in use' "$cluster/server.log" 2>/dev/null ||
        { cat "$cluster/server.log" >&2 || true; die "the server did not start"; }
done
[ -n "$started" ] || die "no free port found for the server"

# pg_ctl for this cluster, run as the right user (tests may stop or restart it).
cat >"$dir/pg_ctl" <<WRAP
#!/usr/bin/env bash
# pg_ctl for the test cluster in $cluster
if [ "\$(id -u)" = 0 ]; then
    exec runuser -u $run_as -- "$PG_BIN/pg_ctl" -D "$cluster/data" "\$@"
fi
exec "$PG_BIN/pg_ctl" -D "$cluster/data" "\$@"
WRAP
chmod 700 "$dir/pg_ctl"

(
    umask 077
    cat >"$dir/pg.env" <<ENV
PG_HOST=127.0.0.1
PG_PORT=$port
PG_SUPERUSER=postgres
PG_PASSWORD=$password
PG_URL=postgresql://postgres:$password@127.0.0.1:$port/postgres
PG_CTL=$dir/pg_ctl
PG_CLUSTER=$cluster
PG_SSL_ROOT_CERT=$dir/ca.crt
PG_SLOT=${slot:-}
ENV
)
echo "pg-cluster: PostgreSQL 15 on 127.0.0.1:$port (cluster $cluster, info $dir/pg.env)"
