#!/bin/sh
# Installs bench/'s own dependencies (Emmett and its peers, node-sqlite3 built from source, autocannon)
# when they are missing; they stay out of the product's dependency tree.
# --legacy-peer-deps: emmett-sqlite 0.42.4 asks for a peer emmett 0.42.4 the registry does not have (latest 0.42.0).
set -e
cd "$(dirname "$0")"
if [ -f node_modules/sqlite3/build/Release/node_sqlite3.node ] &&
  [ -d node_modules/@event-driven-io/emmett-sqlite ] &&
  [ -d node_modules/@event-driven-io/emmett-postgresql ] &&
  [ -d node_modules/autocannon ]; then
  exit 0
fi
echo "bench: installing bench/ dependencies (npm ci; sqlite3 builds from source, about a minute)" >&2
npm ci --legacy-peer-deps
