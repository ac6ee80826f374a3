#!/usr/bin/env bash
# Proves the offline promise (issue 20):
# 1. built without the `fetch` feature (`--no-default-features`), no HTTP, TLS or URL client
#    is in the dependency tree, and that build compiles;
# 2. the default build has exactly the one chosen client (ureq on rustls), and only src/fetch
#    uses it;
# 3. src/core imports nothing that opens a connection.
set -euo pipefail
cd "$(dirname "$0")/.."
clients='^(reqwest|hyper|hyper-util|ureq|isahc|surf|attohttpc|curl|curl-sys|http|h2|h3|quinn|tungstenite|async-tungstenite|websocket|native-tls|openssl|rustls|tokio-rustls|hickory-resolver|trust-dns-resolver|url|rustls-platform-verifier)$'
tree() { cargo tree -e normal,build --target all --prefix none --format '{p}' "$@" | awk '{print $1}' | sort -u; }

found=$(tree --no-default-features | grep -E "$clients" || true)
if [[ -n "$found" ]]; then
  echo "no-network: built without fetch, these network clients are still in the tree:" >&2
  echo "$found" >&2
  exit 1
fi
cargo check --no-default-features --lib --bins --quiet
echo "no-network: --no-default-features has no HTTP, TLS or URL client, and it compiles"

found=$(tree | grep -E "$clients" | tr '\n' ' ')
if [[ "$found" != "http rustls ureq " ]]; then
  echo "no-network: the default build should have exactly ureq (with its http types) on rustls; it has: $found" >&2
  exit 1
fi
outside=$(grep -rlE '\b(ureq|rustls|rustls_native_certs)::' src --include='*.rs' | grep -v '^src/fetch/' || true)
if [[ -n "$outside" ]]; then
  echo "no-network: the HTTP/TLS client is used outside src/fetch:" >&2
  echo "$outside" >&2
  exit 1
fi
echo "no-network: the default build has one client (ureq on rustls), used from src/fetch only"

core=$(grep -rnE '\b(TcpStream|TcpListener|UdpSocket|ToSocketAddrs)\b|\b(ureq|rustls|rustls_native_certs|reqwest)::|crate::fetch|std::process::Command' src/core --include='*.rs' || true)
if [[ -n "$core" ]]; then
  echo "no-network: src/core must not open connections or use the fetch module:" >&2
  echo "$core" >&2
  exit 1
fi
echo "no-network: src/core has no network import"
