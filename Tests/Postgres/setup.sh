#!/usr/bin/env bash
# Installs (when missing) and starts a local PostgreSQL for the PostgreSQL test suites, then creates the role
# `relay` (password `relay`, CREATEDB) and the database `relay_test`, in which each test creates and drops its own
# schema (`relay_test_<random>`).
# Afterwards: export INVOICE_RELAY_TEST_POSTGRES_URL=postgres://relay:relay@127.0.0.1:5432/relay_test
# Idempotent: safe to run again on a machine where everything already exists.
set -euo pipefail

VERSION="${POSTGRES_VERSION:-15}"

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -x "/usr/lib/postgresql/${VERSION}/bin/postgres" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y postgresql
fi

if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main"' | grep -q .; then
    pg_createcluster "$VERSION" main
fi

# Listen on loopback, port 5432, with more connections than the default for the parallel tests (conf.d is read last).
CONF_DIR="/etc/postgresql/${VERSION}/main"
CONF_FILE="$CONF_DIR/conf.d/relay-test.conf"
WANTED="listen_addresses = '127.0.0.1'
port = 5432
max_connections = 300"
changed=no
mkdir -p "$CONF_DIR/conf.d"
if [ ! -f "$CONF_FILE" ] || [ "$(cat "$CONF_FILE")" != "$WANTED" ]; then
    printf '%s\n' "$WANTED" > "$CONF_FILE"
    changed=yes
fi

if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    pg_ctlcluster "$VERSION" main start
elif [ "$changed" = yes ]; then
    # max_connections and the listen address take effect only on restart.
    pg_ctlcluster "$VERSION" main restart
fi

for _ in $(seq 1 30); do
    if runuser -u postgres -- pg_isready -h 127.0.0.1 -p 5432 -q; then break; fi
    sleep 1
done

psql_admin_local() { runuser -u postgres -- psql -p 5432 -v ON_ERROR_STOP=1 -qAt "$@"; }

if [ "$(psql_admin_local -c "SELECT 1 FROM pg_roles WHERE rolname = 'relay'")" != "1" ]; then
    psql_admin_local -c "CREATE ROLE relay LOGIN PASSWORD 'relay' CREATEDB"
else
    psql_admin_local -c "ALTER ROLE relay LOGIN PASSWORD 'relay' CREATEDB"
fi
if [ "$(psql_admin_local -c "SELECT 1 FROM pg_database WHERE datname = 'relay_test'")" != "1" ]; then
    psql_admin_local -c "CREATE DATABASE relay_test OWNER relay"
fi

echo "PostgreSQL ready: postgres://relay:relay@127.0.0.1:5432/relay_test"
