"""Interop with PyJWT (and python-jose where it supports the algorithm).

Usage:
  pyjwt_check.py make FIXTURES_DIR            -> prints JSON {alg: token} signed by PyJWT
  pyjwt_check.py check FIXTURES_DIR < tokens  -> reads JSON {alg: token}, verifies each with
                                                 PyJWT (and jose), prints JSON {alg: "ok"|error}
"""
import json
import os
import sys

import jwt

SECRET = b"interop-secret-interop-secret-interop-secret-interop-secret-0123"
PRIVATE = {
    "RS256": "rsa2048.pkcs8.pem", "RS384": "rsa2048.pkcs1.pem", "RS512": "rsa2048.pkcs8.pem",
    "PS256": "rsa2048.pkcs8.pem", "PS384": "rsa2048.pkcs8.pem", "PS512": "rsa2048.pkcs1.pem",
    "ES256": "ec256.sec1.pem", "ES384": "ec384.pkcs8.pem", "ES512": "ec521.pkcs8.pem",
    "EdDSA": "ed25519.pkcs8.pem",
}
PUBLIC = {
    "RS256": "rsa2048.spki.pem", "RS384": "rsa2048.spki.pem", "RS512": "rsa2048.spki.pem",
    "PS256": "rsa2048.spki.pem", "PS384": "rsa2048.spki.pem", "PS512": "rsa2048.spki.pem",
    "ES256": "ec256.spki.pem", "ES384": "ec384.spki.pem", "ES512": "ec521.spki.pem",
    "EdDSA": "ed25519.spki.pem",
}
PAYLOAD = {"sub": "interop", "name": "Zoë", "admin": True, "n": [1, 2, 3]}


def read(d, name):
    with open(os.path.join(d, name), "rb") as f:
        return f.read()


def make(d):
    out = {}
    for alg in ["HS256", "HS384", "HS512"]:
        out[alg] = jwt.encode(PAYLOAD, SECRET, algorithm=alg, headers={"kid": "py"})
    for alg, name in PRIVATE.items():
        out[alg] = jwt.encode(PAYLOAD, read(d, name), algorithm=alg, headers={"kid": "py"})
    print(json.dumps(out))


def check(d):
    tokens = json.load(sys.stdin)
    result = {}
    for alg, token in tokens.items():
        key = SECRET if alg.startswith("HS") else read(d, PUBLIC[alg])
        try:
            claims = jwt.decode(token, key, algorithms=[alg])
            assert claims["sub"] == "interop", claims
            if alg in ("HS256", "RS256", "ES256"):
                from jose import jwt as jose_jwt
                jose_key = SECRET.decode() if alg.startswith("HS") else key.decode()
                jose_claims = jose_jwt.decode(token, jose_key, algorithms=[alg])
                assert jose_claims["sub"] == "interop", jose_claims
            result[alg] = "ok"
        except Exception as e:  # report, the Rust test asserts
            result[alg] = f"{type(e).__name__}: {e}"
    print(json.dumps(result))


def check_generated(d):
    """Reads JSON [{"alg", "token", "key"}] where key is a public PEM path or a base64url secret
    file path, verifies each token with PyJWT, prints JSON {alg: "ok"|error}."""
    import base64
    result = {}
    for item in json.load(sys.stdin):
        alg = item["alg"]
        raw = read(d, item["key"])
        key = base64.urlsafe_b64decode(raw.strip() + b"=" * (-len(raw.strip()) % 4)) if alg.startswith("HS") else raw
        try:
            claims = jwt.decode(item["token"], key, algorithms=[alg])
            assert claims["sub"] == "generated", claims
            result[alg] = "ok"
        except Exception as e:
            result[alg] = f"{type(e).__name__}: {e}"
    print(json.dumps(result))


def fixtures(d):
    """Prints the committed fixture file: tokens signed by PyJWT (every algorithm) and by
    python-jose (those it signs: HS*, RS*, ES*), with both libraries' versions."""
    import jose
    from jose import jwt as jose_jwt
    out = {"pyjwt_version": jwt.__version__, "python_jose_version": jose.__version__,
           "payload": PAYLOAD, "pyjwt": {}, "python_jose": {}}
    for alg in ["HS256", "HS384", "HS512"]:
        out["pyjwt"][alg] = jwt.encode(PAYLOAD, SECRET, algorithm=alg, headers={"kid": "py"})
        out["python_jose"][alg] = jose_jwt.encode(PAYLOAD, SECRET.decode(), algorithm=alg,
                                                  headers={"kid": "jose"})
    for alg, name in PRIVATE.items():
        key = read(d, name)
        out["pyjwt"][alg] = jwt.encode(PAYLOAD, key, algorithm=alg, headers={"kid": "py"})
        if alg[:2] in ("RS", "ES"):
            out["python_jose"][alg] = jose_jwt.encode(PAYLOAD, key.decode(), algorithm=alg,
                                                      headers={"kid": "jose"})
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    {"make": make, "check": check, "check-generated": check_generated,
     "fixtures": fixtures}[sys.argv[1]](sys.argv[2])
