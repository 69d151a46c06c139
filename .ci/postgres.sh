#!/usr/bin/env bash
# Make a local PostgreSQL ready for the test suite and print its DATABASE_URL.
#
#   export DATABASE_URL="$(bash .ci/postgres.sh | tail -n 1)"
#   swift test
#
# Debian/Ubuntu, as root or with sudo. Idempotent: every step only happens when needed
# (install the `postgresql` package, create a cluster, start it, create the role and the
# database), so running it again on the same machine changes nothing.
# All progress goes to stderr; stdout carries only the URL, on the last line.
set -euo pipefail

PG_ROLE=shoppyshop
PG_PASSWORD=shoppyshop
PG_DATABASE=shoppyshop_test

log() { printf '[postgres %s] %s\n' "$(date -u +%H:%M:%SZ)" "$*"; }
die() { log "error: $*"; exit 1; }

# The body runs with stdout sent to stderr, so stdout carries only the URL. (No extra
# file descriptor: a server started here would inherit it and keep `$(...)` waiting.)
prepare() {
  if [ "$(id -u)" -eq 0 ]; then
    as_root() { "$@"; }
    as_postgres() { (cd / && runuser -u postgres -- "$@"); }
  else
    command -v sudo >/dev/null || die "run as root, or install sudo"
    as_root() { sudo "$@"; }
    as_postgres() { (cd / && sudo -u postgres -- "$@"); }
  fi

  # 1. Server binaries (the machine image usually has them; a fresh Debian 12 does not).
  if ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
    log "PostgreSQL is not installed: installing Debian's postgresql package"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
  fi
  command -v pg_lsclusters >/dev/null || die "pg_lsclusters not found (postgresql-common missing?)"

  # Columns of `pg_lsclusters -h`: version cluster port status owner datadir logfile.
  # Prefer a cluster that is already online, else the first one listed. (awk reads all of
  # its input so that pg_lsclusters never gets SIGPIPE under pipefail.)
  first_cluster() { pg_lsclusters -h | awk '!f { print; f = 1 }'; }
  cluster=$(pg_lsclusters -h | awk '$4 ~ /^online/ && !f { print; f = 1 }')
  [ -n "$cluster" ] || cluster=$(first_cluster)

  # 2. A cluster.
  if [ -z "$cluster" ]; then
    version=$(compgen -G '/usr/lib/postgresql/*/bin/postgres' | sed -E 's|/usr/lib/postgresql/([^/]+)/.*|\1|' | sort -V | awk 'END { print }')
    log "no cluster: creating $version/main"
    as_root pg_createcluster "$version" main
    cluster=$(first_cluster)
  fi
  read -r version name port status _ <<<"$cluster"
  log "cluster $version/$name on port $port is $status"

  # 3. Running.
  if [[ "$status" != online* ]]; then
    log "starting $version/$name"
    as_root pg_ctlcluster "$version" "$name" start
  fi
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
  done
  pg_isready -h 127.0.0.1 -p "$port" || die "PostgreSQL on 127.0.0.1:$port is not accepting connections"

  # 4. Role and database, as the postgres superuser over the local socket (peer auth).
  psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"; }

  role_exists=$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")
  if [ "$role_exists" != 1 ]; then
    log "creating role $PG_ROLE"
    psql_admin -c "CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
  fi
  database_exists=$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")
  if [ "$database_exists" != 1 ]; then
    log "creating database $PG_DATABASE owned by $PG_ROLE"
    psql_admin -c "CREATE DATABASE $PG_DATABASE OWNER $PG_ROLE"
  fi

  # sslmode=disable: a cluster made by pg_createcluster has ssl on with a self-signed
  # certificate, which the Postgres driver refuses (CERTIFICATE_VERIFY_FAILED).
  url="postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$port/$PG_DATABASE?sslmode=disable"
  log "ready: $url"
}

prepare >&2
echo "$url"
