#!/usr/bin/env bash
# Proves that no HTTP or socket-level network client is in the dependency tree: nothing in
# JWT Workbench can fetch a URL (jku, x5u and the attack lab's URLs are only ever written).
set -euo pipefail
cd "$(dirname "$0")/.."
clients='^(reqwest|hyper|hyper-util|ureq|isahc|surf|attohttpc|curl|curl-sys|http|h2|h3|quinn|tungstenite|async-tungstenite|websocket|native-tls|openssl|rustls|tokio-rustls|hickory-resolver|trust-dns-resolver|url)$'
found=$(cargo tree -e normal,build --target all --prefix none --format '{p}' | awk '{print $1}' | sort -u | grep -E "$clients" || true)
if [[ -n "$found" ]]; then
  echo "no-network: these network clients are in the dependency tree:" >&2
  echo "$found" >&2
  exit 1
fi
echo "no-network: no HTTP, TLS or URL-fetching crate in the dependency tree"
