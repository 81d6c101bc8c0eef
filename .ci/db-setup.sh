#!/usr/bin/env bash
# Installs (when missing) and starts the PostgreSQL and MariaDB servers the live-database
# tests use, and creates their test database and user. Safe to run again.
set -euo pipefail

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

# PostgreSQL
pgver=$(ls /etc/postgresql | sort -n | tail -1)
pg_ctlcluster --skip-systemctl-redirect "$pgver" main start 2>/dev/null || true
for _ in $(seq 1 30); do su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
su postgres -c "psql -qAt" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mbtest') THEN
    CREATE ROLE mbtest LOGIN PASSWORD 'mbtest' CREATEDB;
  END IF;
END $$;
SQL
su postgres -c "psql -qAtc \"SELECT 1 FROM pg_database WHERE datname='mbtest'\"" | grep -q 1 || su postgres -c "createdb -O mbtest mbtest"

# MariaDB
mkdir -p /run/mysqld && chown mysql /run/mysqld
if ! mariadb -uroot -e 'select 1' >/dev/null 2>&1; then
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
  for _ in $(seq 1 30); do mariadb -uroot -e 'select 1' >/dev/null 2>&1 && break; sleep 1; done
fi
mariadb -uroot <<'SQL'
CREATE DATABASE IF NOT EXISTS mbtest CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS 'mbtest'@'localhost' IDENTIFIED BY 'mbtest';
CREATE USER IF NOT EXISTS 'mbtest'@'127.0.0.1' IDENTIFIED BY 'mbtest';
GRANT ALL PRIVILEGES ON mbtest.* TO 'mbtest'@'localhost';
GRANT ALL PRIVILEGES ON mbtest.* TO 'mbtest'@'127.0.0.1';
SET GLOBAL local_infile = 1;
FLUSH PRIVILEGES;
SQL
echo "databases ready: postgres://mbtest:mbtest@127.0.0.1:5432/mbtest mysql://mbtest:mbtest@127.0.0.1:3306/mbtest"
