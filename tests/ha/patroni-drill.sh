#!/usr/bin/env bash
# A failover drill for the centre on three machines (Patroni), run by hand on
# one machine, everything on loopback. Not part of the test suite.
#
#   tests/ha/patroni-drill.sh [--admin PATH] [--counters N] [--warmup S]
#                             [--after S] [--bound S]
#
# Defaults: 4 counters, 20 s of pushing before the kill, 30 s after the
# failover before the counters stop accepting, a bound of 120 s (also
# DRILL_COUNTERS, DRILL_WARMUP, DRILL_AFTER, DRILL_BOUND).
#
# It starts one etcd, three Patroni nodes with PostgreSQL 15 (the DCS settings
# of packaging/centre/patroni.yml.in: synchronous_mode, strict) and HAProxy
# routing to the leader through Patroni's GET /primary, as the centre's
# packaging does. Through HAProxy it runs `onewindow-admin central init` and
# `central add-site` (one site per counter), then starts N counters, each a
# store of its own, that accept cases (scripted intake) and run a sync pass
# after each case. After a warm-up it kills the leader's Patroni, postmaster
# and server processes with kill -9, as a machine that stops, and measures:
#
#   failover time  from the kill until a write through HAProxy commits again
#   lost           cases a counter accepted (its store) missing from ow.cases
#   duplicated     case numbers or status versions held twice at the centre
#   wedged         counters whose outbox has not emptied within the bound
#                  (--bound seconds after the failover)
#
# Exit 0 when nothing is lost or duplicated, 1 otherwise, 2 on a set-up
# failure, 77 when Patroni, etcd, HAProxy or PostgreSQL 15 is not installed
# (apt-get install patroni etcd-server etcd-client haproxy postgresql-15).
#
# onewindow-admin: --admin PATH, else $OW_ADMIN, else build/app/onewindow-admin
# of this repository. The servers run as an unprivileged user: `postgres`
# (through runuser) when run as root, the current user otherwise. Every
# process and folder the drill starts is removed at the end, also when it is
# interrupted. Keep the folder for a look: DRILL_KEEP=1.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
OW_ADMIN=${OW_ADMIN:-$repo/build/app/onewindow-admin}
COUNTERS=${DRILL_COUNTERS:-4}
WARMUP=${DRILL_WARMUP:-20}    # seconds of pushing before the kill
AFTER=${DRILL_AFTER:-30}      # seconds the counters go on after the failover
BOUND=${DRILL_BOUND:-120}     # seconds after the failover for every outbox to empty

while [ $# -gt 0 ]; do
    case $1 in
    --admin) OW_ADMIN=$2; shift 2 ;;
    --counters) COUNTERS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --after) AFTER=$2; shift 2 ;;
    --bound) BOUND=$2; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "patroni-drill: unknown argument '$1' (--help)" >&2; exit 2 ;;
    esac
done

say() { printf '%s drill: %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'patroni-drill: %s\n' "$*" >&2; exit 2; }
skip() { printf 'patroni-drill: SKIPPED: %s\n' "$*" >&2; exit 77; }
now() { local t=$EPOCHREALTIME; echo "${t/[.,]/}"; } # microseconds
secs() {                                               # from $1 to $2, in seconds
    local d=$((($2 - $1) / 100000)) sign=
    [ "$d" -ge 0 ] || { sign=-; d=$((-d)); }
    echo "$sign$((d / 10)).$((d % 10))"
}

# --- What the drill needs -----------------------------------------------------
for tool in patroni etcd haproxy psql python3; do
    command -v "$tool" >/dev/null ||
        skip "'$tool' is not installed (apt-get install patroni etcd-server etcd-client haproxy postgresql-15)"
done
[ -x "$PG_BIN/initdb" ] || skip "PostgreSQL 15 is not installed ($PG_BIN/initdb missing)"
python3 -c 'import yaml' 2>/dev/null || skip "python3-yaml is not installed (it comes with patroni)"
[[ "$COUNTERS" =~ ^[1-9][0-9]?$ ]] || die "--counters must be 1-99"
[ -x "$OW_ADMIN" ] || die "no onewindow-admin at '$OW_ADMIN' (build it: cmake --build build --target onewindow-admin, or give --admin PATH)"
OW_ADMIN=$(cd "$(dirname "$OW_ADMIN")" && pwd)/$(basename "$OW_ADMIN")
template=$repo/packaging/centre/patroni.yml.in
[ -f "$template" ] || die "missing $template"

if [ "$(id -u)" = 0 ]; then
    run_as=postgres
    id "$run_as" >/dev/null 2>&1 || die "running as root, but there is no 'postgres' user to run the servers"
    as_server() { runuser -u "$run_as" -- "$@"; }
else
    run_as=$(id -un)
    as_server() { "$@"; }
fi

# --- Clean-up: every process and folder started here -------------------------
work=
bg_pids=()    # background jobs (each its own process group: set -m)
counter_pids=()
cleaned=

kill_node_postgres() { # the postmaster of node $1 and its server processes
    local pidfile=$work/node$1/data/postmaster.pid pid
    [ -f "$pidfile" ] || return 0
    pid=$(head -n 1 "$pidfile" 2>/dev/null || true)
    [[ "$pid" =~ ^[0-9]+$ ]] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    local children
    children=$(ps -o pid= --ppid "$pid" 2>/dev/null || true)
    kill -9 "$pid" $children 2>/dev/null || true
}

cleanup() {
    [ -z "$cleaned" ] || return 0
    cleaned=yes
    set +e +m
    trap '' INT TERM HUP
    [ -n "$work" ] && touch "$work/stop" 2>/dev/null
    for pid in "${counter_pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null; done
    for pid in "${counter_pids[@]}"; do wait "$pid" 2>/dev/null; done
    if [ -n "$work" ]; then
        # Patroni first: it stops its PostgreSQL (fast) when asked to go.
        for i in 1 2 3; do
            [ -f "$work/node$i/patroni.pid" ] && kill -TERM "$(cat "$work/node$i/patroni.pid")" 2>/dev/null
        done
        for _ in $(seq 1 60); do
            alive=
            for i in 1 2 3; do
                [ -f "$work/node$i/patroni.pid" ] && kill -0 "$(cat "$work/node$i/patroni.pid")" 2>/dev/null && alive=yes
            done
            [ -z "$alive" ] && break
            sleep 0.5
        done
        for i in 1 2 3; do
            [ -f "$work/node$i/patroni.pid" ] && kill -9 "$(cat "$work/node$i/patroni.pid")" 2>/dev/null
            kill_node_postgres "$i"
        done
    fi
    for pid in "${bg_pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null; done
    sleep 0.5
    for pid in "${bg_pids[@]}"; do kill -9 -- "-$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
    if [ -n "$work" ] && [ -d "$work" ]; then
        if [ "${DRILL_KEEP:-0}" = 1 ]; then
            echo "patroni-drill: kept $work"
        else
            rm -rf -- "$work"
        fi
    fi
}
trap cleanup EXIT
trap 'echo "patroni-drill: interrupted" >&2; exit 130' INT TERM HUP

set -m # each background job in a process group of its own, stopped by its id

work=$(mktemp -d "${TMPDIR:-/tmp}/ow-drill.XXXXXX")
chmod 700 "$work"
[ "$run_as" = "$(id -un)" ] || chown "$run_as" "$work"

# --- Ports: free ones on loopback ------------------------------------------------
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
used_ports=" "
pick_port() {
    local p
    for _ in $(seq 1 200); do
        p=$((20000 + RANDOM % 40000))
        [[ "$used_ports" == *" $p "* ]] && continue
        port_free "$p" || continue
        used_ports+="$p "
        echo "$p"
        return 0
    done
    die "no free port"
}
etcd_client=$(pick_port); used_ports+="$etcd_client "
etcd_peer=$(pick_port); used_ports+="$etcd_peer "
pg_port=() rest_port=()
for i in 1 2 3; do
    pg_port[$i]=$(pick_port); used_ports+="${pg_port[$i]} "
    rest_port[$i]=$(pick_port); used_ports+="${rest_port[$i]} "
done
ha_port=$(pick_port); used_ports+="$ha_port "

password() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }
super_pw=$(password)
repl_pw=$(password)
rewind_pw=$(password)
admin_pw=$(password)

# Starts "$@" as the server user in the background, its pid in file $1.
start_server() {
    local pidfile=$1 log=$2
    shift 2
    as_server sh -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" >"$log" 2>&1 &
    bg_pids+=("$!")
}

# --- etcd ----------------------------------------------------------------------
mkdir -p "$work/etcd"
chmod 700 "$work/etcd"
[ "$run_as" = "$(id -un)" ] || chown "$run_as" "$work/etcd"
say "etcd on 127.0.0.1:$etcd_client"
start_server "$work/etcd.pid" "$work/etcd.log" etcd --name drill --data-dir "$work/etcd/data" \
    --listen-client-urls "http://127.0.0.1:$etcd_client" \
    --advertise-client-urls "http://127.0.0.1:$etcd_client" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "drill=http://127.0.0.1:$etcd_peer" --initial-cluster-state new

http_get() { # prints the body, returns non-zero unless the status is 200
    python3 - "$1" <<'PY'
import sys, urllib.request, urllib.error
try:
    with urllib.request.urlopen(sys.argv[1], timeout=3) as r:
        sys.stdout.write(r.read().decode())
except urllib.error.HTTPError as e:
    sys.stdout.write(e.read().decode()); sys.exit(1)
except Exception as e:
    sys.exit(2)
PY
}
for _ in $(seq 1 60); do
    http_get "http://127.0.0.1:$etcd_client/health" >/dev/null 2>&1 && break
    sleep 0.5
done
http_get "http://127.0.0.1:$etcd_client/health" >/dev/null 2>&1 || { cat "$work/etcd.log" >&2; die "etcd did not start"; }

# --- Three Patroni nodes ---------------------------------------------------------
# The DCS section (ttl, loop_wait, synchronous_mode, strict, the PostgreSQL
# parameters) is the one packaging/centre/patroni.yml.in ships; the rest is
# this machine's loopback layout.
for i in 1 2 3; do
    node=$work/node$i
    mkdir -p "$node/sock"
    chmod 700 "$node" "$node/sock"
    python3 - "$template" "$node/patroni.yml" <<PY
import sys, yaml
text = open(sys.argv[1]).read().replace('@NAME@', 'node$i').replace('@IP@', '127.0.0.1')
shipped = yaml.safe_load(text)
dcs = shipped['bootstrap']['dcs']
conf = {
    'scope': 'owdrill',
    'namespace': '/owdrill/',
    'name': 'node$i',
    'restapi': {'listen': '127.0.0.1:${rest_port[$i]}', 'connect_address': '127.0.0.1:${rest_port[$i]}'},
    'etcd3': {'hosts': ['127.0.0.1:$etcd_client']},
    'bootstrap': {
        'dcs': dcs,
        'initdb': [{'encoding': 'UTF8'}, {'locale': 'C.UTF-8'}, 'data-checksums'],
    },
    'postgresql': {
        'listen': '127.0.0.1:${pg_port[$i]}',
        'connect_address': '127.0.0.1:${pg_port[$i]}',
        'data_dir': '$node/data',
        'bin_dir': '$PG_BIN',
        'pgpass': '$node/pgpass',
        'use_unix_socket': True,
        'authentication': {
            'superuser': {'username': 'postgres', 'password': '$super_pw'},
            'replication': {'username': 'replicator', 'password': '$repl_pw'},
            'rewind': {'username': 'rewind', 'password': '$rewind_pw'},
        },
        'parameters': {
            'unix_socket_directories': '$node/sock',
            'unix_socket_permissions': '0700',
            'log_min_messages': 'warning',
        },
        'pg_hba': [
            'local all all scram-sha-256',
            'host replication replicator 127.0.0.1/32 scram-sha-256',
            'host postgres rewind 127.0.0.1/32 scram-sha-256',
            'host onewindow +ow_sites 127.0.0.1/32 scram-sha-256',
            'host all postgres 127.0.0.1/32 scram-sha-256',
            'host onewindow ow_admin 127.0.0.1/32 scram-sha-256',
        ],
    },
}
with open(sys.argv[2], 'w') as f:
    yaml.safe_dump(conf, f, default_flow_style=False)
PY
    chmod 600 "$node/patroni.yml"
    [ "$run_as" = "$(id -un)" ] || chown -R "$run_as" "$node"
done

start_node() {
    start_server "$work/node$1/patroni.pid" "$work/node$1/patroni.log" patroni "$work/node$1/patroni.yml"
}
say "Patroni node1 (bootstraps the cluster)"
start_node 1
wait_for() { # wait_for SECONDS DESCRIPTION COMMAND... (the description is for the reader)
    local limit=$1
    shift 2
    local t0=$SECONDS
    until "$@"; do
        [ $((SECONDS - t0)) -lt "$limit" ] || return 1
        sleep 0.5
    done
}
is_primary() { http_get "http://127.0.0.1:${rest_port[$1]}/primary" >/dev/null 2>&1; }
wait_for 120 "node1 leader" is_primary 1 || { tail -n 30 "$work/node1/patroni.log" >&2; die "node1 did not become the leader"; }
say "node1 leads; cloning node2 and node3"
start_node 2
start_node 3
cluster_ready() { # a leader, two streaming replicas, one of them synchronous
    http_get "http://127.0.0.1:${rest_port[1]}/cluster" 2>/dev/null | python3 -c '
import json, sys
m = json.loads(sys.stdin.read())["members"]
roles = sorted(x["role"] for x in m)
streaming = [x for x in m if x["role"] in ("replica", "sync_standby") and x["state"] in ("streaming", "running")]
sys.exit(0 if len(m) == 3 and "sync_standby" in roles and len(streaming) == 2 else 1)' 2>/dev/null
}
wait_for 180 "replicas" cluster_ready || {
    tail -n 20 "$work"/node*/patroni.log >&2
    die "the replicas did not come up"
}

# --- HAProxy: the counters' one address -----------------------------------------
cat >"$work/haproxy.cfg" <<CFG
global
    maxconn 1000
defaults
    mode tcp
    retries 2
    timeout connect 4s
    timeout client 30m
    timeout server 30m
    timeout check 3s
listen onewindow
    bind 127.0.0.1:$ha_port
    option httpchk
    http-check send meth GET uri /primary
    http-check expect status 200
    default-server inter 2s fastinter 1s downinter 2s fall 2 rise 2 on-marked-down shutdown-sessions
    server node1 127.0.0.1:${pg_port[1]} check port ${rest_port[1]}
    server node2 127.0.0.1:${pg_port[2]} check port ${rest_port[2]}
    server node3 127.0.0.1:${pg_port[3]} check port ${rest_port[3]}
CFG
haproxy -c -q -f "$work/haproxy.cfg" || die "HAProxy refuses the drill's configuration"
say "HAProxy on 127.0.0.1:$ha_port"
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
bg_pids+=("$!")

export PGCONNECT_TIMEOUT=3
super_conn="host=127.0.0.1 port=$ha_port user=postgres sslmode=disable"
sql_super() { PGPASSWORD=$super_pw psql "$super_conn dbname=${2:-postgres}" -v ON_ERROR_STOP=1 -qAt -c "$1"; }
# HAProxy counts every server up until its checks say otherwise: wait until
# the checks have run and only the leader is left.
through_haproxy_is_leader() {
    local n
    for n in 1 2 3 4 5 6; do
        [ "$(sql_super "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ] || return 1
    done
}
sleep 5
wait_for 60 "HAProxy" through_haproxy_is_leader || die "HAProxy does not lead to the leader alone"

# --- The centre: administrator, database, schema, sites --------------------------
sql_super "CREATE ROLE ow_admin LOGIN SUPERUSER PASSWORD '$admin_pw'" >/dev/null
sql_super "CREATE DATABASE onewindow OWNER ow_admin" >/dev/null
sql_super "CREATE TABLE drill_probe (at timestamptz NOT NULL DEFAULT now())" >/dev/null
central="postgresql://ow_admin:$admin_pw@127.0.0.1:$ha_port/onewindow?sslmode=disable"
sql_admin() { PGPASSWORD=$admin_pw psql "host=127.0.0.1 port=$ha_port user=ow_admin dbname=onewindow sslmode=disable" -v ON_ERROR_STOP=1 -qAt -c "$1"; }
say "onewindow-admin central init (through HAProxy)"
"$OW_ADMIN" central init --central "$central" >"$work/central-init.log" 2>&1 ||
    { cat "$work/central-init.log" >&2; die "central init failed"; }

sample=$repo/resources/examples/intake/scenario-3-drainage-permit-ems.json
[ -f "$sample" ] || die "missing $sample"
sites=()
for c in $(seq 1 "$COUNTERS"); do
    code=$(printf 'HA%02d' "$c")
    sites+=("'$code'")
    dir=$work/counter$c
    mkdir -p "$dir/data"
    "$OW_ADMIN" central add-site "$code" --name "演练站点$c" --level city --central "$central" \
        >"$dir/add-site.log" 2>&1 || { cat "$dir/add-site.log" >&2; die "central add-site $code failed"; }
    url=$(sed -n 's/^ *URL: *//p' "$dir/add-site.log")
    [ -n "$url" ] || die "central add-site printed no URL"
    "$OW_ADMIN" --data-dir "$dir/data" sync configure --central "$url" --site "$code" \
        >"$dir/configure.log" 2>&1 || { cat "$dir/configure.log" >&2; die "sync configure failed"; }
    python3 - "$sample" "$dir/case.json" "$code" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d['site'] = sys.argv[3]
d['requestId'] = 'REQUEST'
json.dump(d, open(sys.argv[2], 'w'), ensure_ascii=False)
PY
done
site_list=$(IFS=,; echo "${sites[*]}")
say "$COUNTERS sites added; central schema $(sql_admin 'SELECT max(version) FROM ow.schema_version')"

# --- The counters ------------------------------------------------------------------
# Each accepts a case, then runs a sync pass, until told to stop; every
# attempt is logged with its time and exit code.
counter_loop() {
    local c=$1 dir=$work/counter$1 n=0 rc t0
    while [ ! -e "$work/stop-intake" ] && [ ! -e "$work/stop" ]; do
        n=$((n + 1))
        sed "s/\"REQUEST\"/\"drill-$c-$n\"/" "$dir/case.json" >"$dir/this.json"
        if "$OW_ADMIN" --data-dir "$dir/data" intake --json "$dir/this.json" \
            >>"$dir/accepted.txt" 2>>"$dir/intake.log"; then rc=0; else rc=$?; fi
        echo "$(now) $rc" >>"$dir/intake-times.txt"
        t0=$(now)
        if "$OW_ADMIN" --data-dir "$dir/data" sync --once >>"$dir/sync.log" 2>&1; then rc=0; else rc=$?; fi
        echo "$(now) $rc $t0" >>"$dir/sync-times.txt"
        sleep 0.2
    done
}
say "starting $COUNTERS counters"
for c in $(seq 1 "$COUNTERS"); do
    counter_loop "$c" &
    counter_pids+=("$!")
done

sleep "$WARMUP"
leader=
for i in 1 2 3; do is_primary "$i" && leader=$i; done
[ -n "$leader" ] || die "no leader before the kill"
pushed=$(sql_admin "SELECT count(*) FROM ow.cases")
say "node$leader leads, the centre holds $pushed cases; kill -9 of node$leader's Patroni and PostgreSQL"

# --- The kill ------------------------------------------------------------------------
pm_pid=$(head -n 1 "$work/node$leader/data/postmaster.pid")
pa_pid=$(cat "$work/node$leader/patroni.pid")
children=$(ps -o pid= --ppid "$pm_pid" || true)
t_kill=$(now)
kill -9 "$pa_pid" "$pm_pid" $children 2>/dev/null || true # a server process may have ended meanwhile
for _ in $(seq 1 20); do # gone (or left as zombies for their parents to reap)
    kill -0 "$pa_pid" 2>/dev/null || kill -0 "$pm_pid" 2>/dev/null || break
    sleep 0.1
done
say "killed (Patroni $pa_pid, postmaster $pm_pid and $(echo $children | wc -w) server processes)"

# A write through HAProxy, every 0.2 s, until one commits.
probe() { timeout 10 env PGPASSWORD="$super_pw" psql "$super_conn dbname=postgres" -v ON_ERROR_STOP=1 -qAt \
    -c "INSERT INTO drill_probe DEFAULT VALUES" >/dev/null 2>&1; }
until probe; do
    [ $(($(now) - t_kill)) -lt 300000000 ] || die "no write through HAProxy 300 s after the kill"
    sleep 0.2
done
t_back=$(now)
failover=$(secs "$t_kill" "$t_back")
new_leader=
for i in 1 2 3; do [ "$i" = "$leader" ] || { is_primary "$i" && new_leader=$i; }; done
say "a write through HAProxy commits again after $failover s (new leader: node${new_leader:-?})"

sleep "$AFTER"
touch "$work/stop-intake"
for pid in "${counter_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
counter_pids=()
t_stop=$(now)
say "counters stopped accepting; letting them finish syncing (bound: $BOUND s after the failover)"

# --- Let every outbox empty ------------------------------------------------------------
store_query() { # store_query DIR SQL
    python3 - "$1/onewindow.sqlite" "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect('file:%s?mode=ro' % sys.argv[1], uri=True, timeout=30)
for row in db.execute(sys.argv[2]):
    print('|'.join(str(v) for v in row))
PY
}
outbox() { store_query "$work/counter$1/data" "SELECT count(*) FROM outbox"; }
outboxes() { # "COUNTER COUNT" per counter, in one go
    python3 - "$work" "$COUNTERS" <<'PY'
import sqlite3, sys
for c in range(1, int(sys.argv[2]) + 1):
    db = sqlite3.connect('file:%s/counter%d/data/onewindow.sqlite?mode=ro' % (sys.argv[1], c), uri=True, timeout=30)
    print(c, db.execute('SELECT count(*) FROM outbox').fetchone()[0])
    db.close()
PY
}
declare -A drained_at
while :; do
    pending=()
    t_check=$(now)
    while read -r c left; do
        if [ "$left" = 0 ]; then
            [ -n "${drained_at[$c]:-}" ] || drained_at[$c]=$t_check
        else
            pending+=("$c")
        fi
    done < <(outboxes)
    [ ${#pending[@]} -gt 0 ] || break
    [ $(($(now) - t_back)) -lt $((BOUND * 1000000)) ] || break
    for c in "${pending[@]}"; do
        dir=$work/counter$c
        t0=$(now)
        if "$OW_ADMIN" --data-dir "$dir/data" sync --once >>"$dir/sync.log" 2>&1; then rc=0; else rc=$?; fi
        echo "$(now) $rc $t0 final" >>"$dir/sync-times.txt"
    done
    sleep 1
done

# --- Compare every case with the centre --------------------------------------------------
sql_admin "SELECT site_code || '|' || case_number FROM ow.cases WHERE site_code IN ($site_list) ORDER BY 1" \
    >"$work/central-cases.txt"
sql_admin "SELECT count(*) - count(DISTINCT case_number) FROM ow.cases WHERE site_code IN ($site_list)" \
    >"$work/central-dup-cases.txt"
sql_admin "SELECT count(*) - count(DISTINCT (case_uuid, status_version)) FROM ow.case_status_history WHERE site_code IN ($site_list)" \
    >"$work/central-dup-history.txt"

total_accepted=0 total_during=0 total_lost=0 wedged=0 quarantined=0 unknown=0
report=
for c in $(seq 1 "$COUNTERS"); do
    code=$(printf 'HA%02d' "$c")
    dir=$work/counter$c
    store_query "$dir/data" "SELECT case_number FROM intake_case WHERE case_number IS NOT NULL ORDER BY 1" \
        >"$dir/local-cases.txt"
    grep -E "^$code-" "$dir/accepted.txt" | sort >"$dir/printed-cases.txt" || true
    sed -n "s/^$code|//p" "$work/central-cases.txt" | sort >"$dir/central-cases.txt"
    accepted=$(wc -l <"$dir/local-cases.txt")
    intake_errors=$(awk '$2 != 0' "$dir/intake-times.txt" | wc -l)
    lost=$(comm -23 "$dir/local-cases.txt" "$dir/central-cases.txt" | wc -l)
    extra=$(comm -13 "$dir/local-cases.txt" "$dir/central-cases.txt" | wc -l)
    unprinted=$(comm -23 "$dir/printed-cases.txt" "$dir/local-cases.txt" | wc -l)
    left=$(outbox "$c")
    q=$(store_query "$dir/data" "SELECT count(*) FROM sync_quarantine")
    fails=$(awk '$2 != 0' "$dir/sync-times.txt" | wc -l)
    passes=$(wc -l <"$dir/sync-times.txt")
    longest=$(awk 'BEGIN { m = 0 } { d = ($1 - $3) / 1e6; if (d > m) m = d } END { printf "%.1f", m }' "$dir/sync-times.txt")
    # The first sync pass started after the kill that succeeded, at its end.
    first_ok=$(awk -v t="$t_kill" '$3 > t && $2 == 0 { print $1; exit }' "$dir/sync-times.txt")
    back=${first_ok:+$(secs "$t_kill" "$first_ok") s}
    state="outbox found empty $(secs "$t_stop" "${drained_at[$c]:-$t_stop}") s after the counters stopped"
    if [ -z "${drained_at[$c]:-}" ]; then
        state="WEDGED: $left operations still waiting"
        wedged=$((wedged + 1))
    fi
    during=$(awk -v a="$t_kill" -v b="$t_back" '$2 == 0 && $1 > a && $1 <= b' "$dir/intake-times.txt" | wc -l)
    total_during=$((total_during + during))
    total_accepted=$((total_accepted + accepted))
    total_lost=$((total_lost + lost))
    unknown=$((unknown + extra))
    quarantined=$((quarantined + q))
    report+=$(printf '  counter %s: %d cases accepted (%d intake errors), %d lost, %d at the centre only, %d printed but not in the store; %d sync passes (%d failed, longest %s s), first good pass started after the kill ended %s after it; %d in quarantine; %s' \
        "$code" "$accepted" "$intake_errors" "$lost" "$extra" "$unprinted" "$passes" "$fails" "$longest" "${back:-never}" "$q" "$state")$'\n'
    if [ "$lost" -gt 0 ]; then
        report+="    lost: $(comm -23 "$dir/local-cases.txt" "$dir/central-cases.txt" | tr '\n' ' ')"$'\n'
    fi
done
dup_cases=$(cat "$work/central-dup-cases.txt")
dup_history=$(cat "$work/central-dup-history.txt")
duplicated=$((dup_cases + dup_history))

echo
echo "Patroni failover drill: 3 nodes, 1 etcd, HAProxy, all on loopback on one machine"
echo "  killed: node$leader (kill -9 of Patroni, the postmaster and its server processes), new leader: node${new_leader:-?}"
echo "  failover time (kill until a write through HAProxy commits): $failover s"
echo "  counters: $COUNTERS, cases accepted: $total_accepted (${pushed} at the centre at the kill, $total_during accepted while the centre was away)"
printf '%s' "$report"
echo "  lost: $total_lost   duplicated: $duplicated (case numbers $dup_cases, status versions $dup_history)   wedged: $wedged   quarantined: $quarantined   at the centre only: $unknown"
if [ "$total_lost" -gt 0 ] || [ "$duplicated" -gt 0 ]; then
    echo "RESULT: FAILED (cases lost or duplicated)"
    exit 1
fi
echo "RESULT: passed (nothing lost or duplicated; wedged counters: $wedged)"
exit 0
