//! ML-DSA (RFC 9964), the Ed25519 name (RFC 9864) and X25519/AKP keys in `key`, through the
//! built binary: exit codes first (verify exit 0 means accepted), then what is said. Live
//! interoperability with Python's cryptography/jwcrypto and Node's @noble/post-quantum runs
//! when they are installed, and is skipped (saying so) when not.

use crate::common::cli::{Run, workbench};
use crate::common::fixture;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

const NOW: &str = "1780000100";

fn run(args: &[&str]) -> Run {
    let mut all = args.to_vec();
    if !args.contains(&"--help") {
        all.extend_from_slice(&["--now", NOW]);
    }
    workbench(&all, None, None)
}

fn modern(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture(&format!("modern/{name}"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jwt-wb-mldsa-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `keygen`, then sign and verify with every form of the key, for each level.
#[test]
fn keygen_encode_verify_with_every_key_form() {
    let dir = temp_dir("keygen");
    for name in ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"] {
        let out = dir.join(name);
        run(&["keygen", "--alg", name, "--out-dir", s(&out)]).expect(0, &[name]);
        let stem = name.to_ascii_lowercase();
        let file = |suffix: &str| out.join(format!("{stem}{suffix}"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for (suffix, mode) in [
                (".jwk.json", 0o600),
                (".key.pem", 0o600),
                (".pub.jwk.json", 0o644),
                (".pub.pem", 0o644),
            ] {
                let meta = std::fs::metadata(file(suffix)).unwrap();
                assert_eq!(meta.permissions().mode() & 0o077, mode & 0o077, "{suffix}");
            }
        }
        let private: Value =
            serde_json::from_str(&std::fs::read_to_string(file(".jwk.json")).unwrap()).unwrap();
        assert_eq!(
            (private["kty"].as_str(), private["alg"].as_str()),
            (Some("AKP"), Some(name))
        );
        assert_eq!(
            jwt_workbench::core::b64::decode_strict(private["priv"].as_str().unwrap())
                .unwrap()
                .len(),
            32
        );
        for signer in [".jwk.json", ".key.pem"] {
            let token = run(&[
                "encode",
                "--alg",
                name,
                "--key",
                s(&file(signer)),
                r#"{"sub":"pq","exp":4000000000}"#,
            ]);
            token.expect(0, &[]);
            let token = token.stdout.trim().to_string();
            for verifier in [".pub.jwk.json", ".pub.pem", ".jwk.json", ".key.pem"] {
                run(&["verify", &token, "--key", s(&file(verifier))]).expect(0, &["valid", name]);
            }
        }
    }
}

/// The fixtures' tokens through `verify`: RFC 9964 A.1 (a bare JWS), noble's and jwcrypto's.
#[test]
fn verify_accepts_rfc_noble_and_jwcrypto_tokens() {
    let dir = temp_dir("fixtures");
    let rfc = modern("rfc9964-appendix-a1.json");
    for ex in rfc["examples"].as_array().unwrap() {
        let mut public = ex["jwk"].clone();
        public.as_object_mut().unwrap().remove("priv");
        let path = write(&dir, "rfc.jwk", &public.to_string());
        run(&[
            "verify",
            ex["jws"].as_str().unwrap(),
            "--key",
            &path,
            "--any-payload",
        ])
        .expect(0, &["valid"]);
    }
    let noble = modern("mldsa.json");
    let jwcrypto = modern("jwcrypto.json");
    for (name, a) in noble["algs"].as_object().unwrap() {
        let path = write(&dir, "pub.jwk", &a["jwk_public"].to_string());
        for t in a["tokens"].as_array().unwrap() {
            run(&["verify", t["token"].as_str().unwrap(), "--key", &path]).expect(0, &["valid"]);
        }
        let token = jwcrypto["mldsa"][name]["token"].as_str().unwrap();
        run(&["verify", token, "--key", &path]).expect(0, &["valid"]);
        // The thumbprint `key` prints is theirs.
        run(&["key", &path]).expect(0, &[a["thumbprint_sha256"].as_str().unwrap(), "AKP"]);
    }
}

/// Each forgery or bad key, built as an attacker would: never exit 0.
#[test]
fn forged_tokens_and_bad_keys_are_refused() {
    let dir = temp_dir("attacks");
    let noble = modern("mldsa.json");
    let k44 = write(
        &dir,
        "44.jwk",
        &noble["algs"]["ML-DSA-44"]["jwk_public"].to_string(),
    );
    let k65 = write(
        &dir,
        "65.jwk",
        &noble["algs"]["ML-DSA-65"]["jwk_public"].to_string(),
    );
    let t44 = noble["algs"]["ML-DSA-44"]["tokens"][0]["token"]
        .as_str()
        .unwrap();
    let (input, sig) = t44.rsplit_once('.').unwrap();
    // Sanity: the original is accepted.
    run(&["verify", t44, "--key", &k44]).expect(0, &["valid"]);
    // A 44 token with the 65 key; noble's relabelled token with either key.
    assert_ne!(run(&["verify", t44, "--key", &k65]).code, 0);
    let relabelled = noble["negative"]["token_alg_mismatch"]["token"]
        .as_str()
        .unwrap();
    assert_eq!(run(&["verify", relabelled, "--key", &k65]).code, 1);
    assert_ne!(run(&["verify", relabelled, "--key", &k44]).code, 0);
    // The signature cut short, emptied, or one byte flipped.
    let raw = jwt_workbench::core::b64::decode_strict(sig).unwrap();
    let short = format!(
        "{input}.{}",
        jwt_workbench::core::b64::encode(&raw[..raw.len() - 1])
    );
    assert_eq!(run(&["verify", &short, "--key", &k44]).code, 1);
    assert_ne!(
        run(&["verify", &format!("{input}."), "--key", &k44]).code,
        0
    );
    let mut flipped = raw.clone();
    flipped[100] ^= 0x80;
    let flipped = format!("{input}.{}", jwt_workbench::core::b64::encode(&flipped));
    assert_eq!(run(&["verify", &flipped, "--key", &k44]).code, 1);
    // An ES256 signature under the ML-DSA-44 header.
    let ec_dir = dir.join("ec");
    run(&["keygen", "--alg", "ES256", "--out-dir", s(&ec_dir)]).expect(0, &[]);
    let ec_key = s(&ec_dir.join("es256.key.pem")).to_string();
    let es = run(&[
        "encode",
        "--alg",
        "ES256",
        "--key",
        &ec_key,
        r#"{"sub":"mldsa","iat":1780000000,"exp":4000000000}"#,
    ]);
    let es = es.stdout.trim().to_string();
    let (_, es_sig) = es.rsplit_once('.').unwrap();
    let mixed = format!("{input}.{es_sig}");
    assert_eq!(run(&["verify", &mixed, "--key", &k44]).code, 1);
    // The ES256 token re-labelled ML-DSA-44, checked with the EC key and with the 44 key.
    let (_, es_rest) = es.split_once('.').unwrap();
    let header = jwt_workbench::core::b64::encode(br#"{"alg":"ML-DSA-44","typ":"JWT"}"#);
    let relabelled = format!("{header}.{es_rest}");
    assert_ne!(run(&["verify", &relabelled, "--key", &ec_key]).code, 0);
    assert_ne!(
        run(&[
            "verify",
            &relabelled,
            "--key",
            &ec_dir.join("es256.pub.pem").to_string_lossy()
        ])
        .code,
        0
    );
    assert_eq!(run(&["verify", &relabelled, "--key", &k44]).code, 1);
    // Keys: mismatched pair, expanded private key, pub of the wrong size, no alg, use enc.
    let neg = &noble["negative"];
    let bad = |name: &str, jwk: &Value, says: &[&str]| {
        let path = write(&dir, name, &jwk.to_string());
        run(&["verify", t44, "--key", &path]).expect(2, says);
        run(&["key", &path]).expect(2, says);
    };
    bad(
        "pair.jwk",
        &neg["mismatched_pair"]["jwk"],
        &["RFC 9964 section 7.4"],
    );
    bad(
        "expanded.jwk",
        &neg["expanded_private_key"]["jwk"],
        &["expanded", "32-byte seed"],
    );
    let mut jwk = noble["algs"]["ML-DSA-44"]["jwk_public"].clone();
    let public = jwt_workbench::core::b64::decode_strict(jwk["pub"].as_str().unwrap()).unwrap();
    jwk["pub"] = jwt_workbench::core::b64::encode(&public[1..]).into();
    bad("short.jwk", &jwk, &["1312 bytes; this one has 1311"]);
    let mut jwk = noble["algs"]["ML-DSA-44"]["jwk_public"].clone();
    jwk["alg"] = "ML-DSA-65".into();
    bad("level.jwk", &jwk, &["the size of an ML-DSA-44 key"]);
    jwk.as_object_mut().unwrap().remove("alg");
    bad("noalg.jwk", &jwk, &["must name its algorithm"]);
    let mut jwk = noble["algs"]["ML-DSA-44"]["jwk_public"].clone();
    jwk["use"] = "enc".into();
    let path = write(&dir, "enc.jwk", &jwk.to_string());
    run(&["verify", t44, "--key", &path]).expect(2, &["\"use\": \"enc\""]);
    // An ML-DSA key cannot be used as an HMAC secret (key confusion).
    let pem = run(&["key", &k44, "--to", "pem"]);
    let pem_path = write(&dir, "44.pub.pem", &pem.stdout);
    let hs = run(&[
        "encode",
        "--alg",
        "HS256",
        "--secret",
        &std::fs::read_to_string(&pem_path).unwrap(),
        "{}",
    ]);
    assert_eq!(hs.code, 2, "{}", hs.all());
}

/// `key` converts AKP keys between JWK, JWKS and PEM, and X25519 keys likewise; encryption
/// keys stay encryption keys.
#[test]
fn key_converts_akp_and_x25519_keys_and_keeps_use() {
    let dir = temp_dir("key");
    let noble = modern("mldsa.json");
    let a = &noble["algs"]["ML-DSA-65"];
    let thumb = a["thumbprint_sha256"].as_str().unwrap();
    let private = write(&dir, "65.jwk", &a["jwk_private"].to_string());
    run(&["key", &private]).expect(
        0,
        &[
            "ML-DSA-65 private key, JWK",
            thumb,
            "algorithms  ML-DSA-65",
            "RFC 7517 section 5",
        ],
    );
    let pem = run(&["key", &private, "--to", "pem"]);
    assert!(
        pem.stdout.starts_with("-----BEGIN PRIVATE KEY-----"),
        "{}",
        pem.stdout
    );
    let pem_path = write(&dir, "65.pem", &pem.stdout);
    run(&["key", &pem_path]).expect(0, &["ML-DSA-65 private key, PKCS#8 (PEM)", thumb]);
    let back = run(&["key", &pem_path, "--to", "jwk"]).json();
    for m in ["kty", "alg", "pub", "priv"] {
        assert_eq!(back[m], a["jwk_private"][m], "{m}");
    }
    let public = run(&["key", &pem_path, "--to", "jwk", "--public"]).json();
    assert!(public.get("priv").is_none());
    assert_eq!(public["use"], "sig");
    let spki = run(&["key", &pem_path, "--to", "pem", "--public"]);
    assert!(spki.stdout.starts_with("-----BEGIN PUBLIC KEY-----"));
    let spki_path = write(&dir, "65.pub.pem", &spki.stdout);
    run(&["key", &spki_path]).expect(0, &["ML-DSA-65 public key, SPKI (PEM)", thumb]);
    let jwks = run(&["key", &pem_path, "--to", "jwks"]);
    jwks.expect(0, &["note: an ML-DSA-65 key is a JWK of kty \"AKP\""]);
    let jwks = jwks.json();
    assert_eq!(jwks["keys"][0]["kty"], "AKP");
    assert!(jwks["keys"][0].get("priv").is_none());

    // X25519: PEM <-> JWK, thumbprint, and a JWKS that keeps enc keys as enc, leaves RSA and
    // EC keys of unknown use without a use, and says sig for Ed25519 and ML-DSA.
    let x_pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VuBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";
    let x_path = write(&dir, "x.pem", x_pem);
    let described = run(&["key", &x_path]);
    described.expect(0, &["X25519 private key", "ECDH-ES"]);
    let x_jwk = run(&["key", &x_path, "--to", "jwk"]).json();
    assert_eq!(
        (x_jwk["crv"].as_str(), x_jwk["use"].as_str()),
        (Some("X25519"), Some("enc"))
    );
    let x_jwk_path = write(&dir, "x.jwk", &x_jwk.to_string());
    assert_eq!(
        run(&["key", &x_jwk_path, "--to", "pem"]).stdout.trim(),
        x_pem.trim()
    );
    let x_pub = run(&["key", &x_jwk_path, "--to", "pem", "--public"]);
    assert!(x_pub.stdout.starts_with("-----BEGIN PUBLIC KEY-----"));
    let thumb_of = |path: &str| {
        let out = run(&["key", path]).stdout;
        out.lines()
            .find_map(|l| l.trim().strip_prefix("thumbprint  ").map(str::to_string))
            .unwrap()
    };
    assert_eq!(thumb_of(&x_path), thumb_of(&x_jwk_path));

    let jose = modern("jose.json");
    let mut rsa_enc = jose["keys"]["rsa_enc"]["private"].clone();
    rsa_enc["use"] = "enc".into();
    rsa_enc["alg"] = "RSA-OAEP-256".into();
    let ec = jose["keys"]["ec_sig"]["public"].clone();
    let ed = jose["keys"]["ed25519"]["public"].clone();
    let mut x = x_jwk.clone();
    x["kid"] = "x1".into();
    let set = json!({"keys": [rsa_enc, ec, ed, x, a["jwk_public"]]});
    let set_path = write(&dir, "set.json", &set.to_string());
    let out = run(&["key", &set_path, "--to", "jwks"]).json();
    let keys = out["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 5);
    let uses: Vec<Option<&str>> = keys.iter().map(|k| k["use"].as_str()).collect();
    assert_eq!(
        uses,
        [Some("enc"), None, Some("sig"), Some("enc"), Some("sig")]
    );
    assert_eq!(keys[0]["alg"], "RSA-OAEP-256");
    assert!(
        keys.iter()
            .all(|k| k.get("d").is_none() && k.get("priv").is_none())
    );
    // The encryption key, described: what it is for, not JWS algorithms.
    let rsa_path = write(&dir, "rsa-enc.jwk", &set["keys"][0].to_string());
    run(&["key", &rsa_path]).expect(0, &["algorithms  RSA-OAEP-256"]);
    let jwk = run(&["key", &rsa_path, "--to", "jwk", "--public"]).json();
    assert_eq!(
        (jwk["use"].as_str(), jwk["alg"].as_str()),
        (Some("enc"), Some("RSA-OAEP-256"))
    );
    // A PEM RSA key of unknown use gets no use at all.
    let rsa_pem = fixture("rsa2048.pkcs8.pem");
    let jwk = run(&["key", s(&rsa_pem), "--to", "jwk", "--public"]).json();
    assert!(jwk.get("use").is_none(), "{jwk}");
}

/// RFC 9864's Ed25519 name signs and verifies; EdDSA stays; Ed448 is refused by name.
#[test]
fn ed25519_name_signs_and_verifies_and_ed448_is_named() {
    let key = fixture("ed25519.pkcs8.pem");
    let token = run(&[
        "encode",
        "--alg",
        "Ed25519",
        "--key",
        s(&key),
        r#"{"sub":"ed","exp":4000000000}"#,
    ]);
    token.expect(0, &[]);
    let token = token.stdout.trim().to_string();
    let header = jwt_workbench::core::b64::decode_strict(token.split('.').next().unwrap()).unwrap();
    assert!(
        String::from_utf8(header)
            .unwrap()
            .contains(r#""alg":"Ed25519""#)
    );
    run(&["verify", &token, "--key", s(&key)]).expect(0, &["valid", "Ed25519"]);
    // Pinned to EdDSA, the Ed25519 token is refused; the fixtures' tokens verify.
    assert_ne!(
        run(&["verify", &token, "--key", s(&key), "--alg", "EdDSA"]).code,
        0
    );
    let jose = modern("jose.json");
    let dir = temp_dir("ed");
    let public = write(
        &dir,
        "ed.jwk",
        &jose["keys"]["ed25519"]["public"].to_string(),
    );
    for name in ["Ed25519", "EdDSA"] {
        run(&[
            "verify",
            jose["ed25519"][name]["token"].as_str().unwrap(),
            "--key",
            &public,
        ])
        .expect(0, &["valid"]);
    }
    run(&["keygen", "--alg", "Ed448", "--out-dir", s(&dir)]).expect(2, &["Ed448 is not supported"]);
    run(&[
        "encode",
        "--alg",
        "SLH-DSA-SHA2-128s",
        "--key",
        s(&key),
        "{}",
    ])
    .expect(2, &["SLH-DSA (FIPS 205) is not supported"]);
    run(&["keygen", "--help"]).expect(
        0,
        &["ML-DSA-65", "Not supported: Ed448, HashML-DSA", "SLH-DSA"],
    );
    run(&["key", "--help"]).expect(
        0,
        &["AKP", "Not supported: Ed448, X448, HashML-DSA, SLH-DSA"],
    );
    run(&["encode", "--help"]).expect(
        0,
        &[
            "Ed25519 (RFC 9864",
            "ML-DSA-87 (RFC 9964)",
            "Not supported: Ed448, HashML-DSA, SLH-DSA",
        ],
    );
}

/// The attack lab on an ML-DSA token: every forgery, key attacks included, rejected.
#[test]
fn attack_lab_on_an_ml_dsa_token() {
    let dir = temp_dir("lab");
    let noble = modern("mldsa.json");
    let k = write(
        &dir,
        "65.jwk",
        &noble["algs"]["ML-DSA-65"]["jwk_public"].to_string(),
    );
    let token = noble["algs"]["ML-DSA-65"]["tokens"][0]["token"]
        .as_str()
        .unwrap();
    let lab = run(&["attack", token, "--key", &k, "--json"]);
    lab.expect(0, &[]);
    let v = lab.json();
    let ids: Vec<&str> = v["variants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["group"] == "ml-dsa")
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    for id in [
        "ml-dsa-es256-signature",
        "ml-dsa-pub-short",
        "ml-dsa-mismatched-pair",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    assert_eq!(v["rejected"], v["total"]);
}

/// Python's cryptography (PKCS#8 and SPKI PEM) and jwcrypto (tokens), when installed.
#[test]
fn live_python_interop_when_installed() {
    let probe = Command::new("python3")
        .args([
            "-c",
            "import jwcrypto.jwk, cryptography.hazmat.primitives.asymmetric.mldsa",
        ])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: python3 with jwcrypto and cryptography's ML-DSA is not installed");
        return;
    }
    let dir = temp_dir("python");
    run(&["keygen", "--alg", "ML-DSA-65", "--out-dir", s(&dir)]).expect(0, &[]);
    let ours = run(&[
        "encode",
        "--alg",
        "ML-DSA-65",
        "--key",
        s(&dir.join("ml-dsa-65.key.pem")),
        r#"{"sub":"live"}"#,
    ]);
    let token = ours.stdout.trim().to_string();
    let script = r#"
import sys, json
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import mldsa
from jwcrypto import jwk, jws
d = sys.argv[1]
priv = s.load_pem_private_key(open(d + '/ml-dsa-65.key.pem', 'rb').read(), None)
pub = s.load_pem_public_key(open(d + '/ml-dsa-65.pub.pem', 'rb').read())
assert priv.public_key().public_bytes_raw() == pub.public_bytes_raw()
k = jwk.JWK.from_json(open(d + '/ml-dsa-65.pub.jwk.json').read())
t = jws.JWS(); t.deserialize(sys.argv[2]); t.verify(k, alg='ML-DSA-65')
mine = mldsa.MLDSA65PrivateKey.generate()
open(d + '/py.pem', 'wb').write(mine.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()))
pk = jwk.JWK.from_pem(open(d + '/py.pem', 'rb').read())
out = jws.JWS(b'{"sub":"python"}'); out.add_signature(pk, alg='ML-DSA-65', protected=json.dumps({"alg": "ML-DSA-65"}))
print(out.serialize(compact=True))
"#;
    let py = Command::new("python3")
        .args(["-c", script, s(&dir), &token])
        .output()
        .unwrap();
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    let theirs = String::from_utf8(py.stdout).unwrap().trim().to_string();
    let py_pem = s(&dir.join("py.pem")).to_string();
    run(&["key", &py_pem]).expect(0, &["ML-DSA-65 private key, PKCS#8 (PEM)"]);
    run(&["verify", &theirs, "--key", &py_pem]).expect(0, &["valid"]);
}

/// @noble/post-quantum (the fixtures' node_modules) verifies our signatures, when Node is
/// installed and the fixtures' packages are there.
#[test]
fn live_noble_interop_when_installed() {
    let modern_dir = fixture("modern");
    if !modern_dir.join("node_modules/@noble/post-quantum").is_dir()
        || !Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    {
        eprintln!("skipped: node or tests/fixtures/modern/node_modules is missing (npm ci there)");
        return;
    }
    let dir = temp_dir("noble");
    for name in ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"] {
        run(&["keygen", "--alg", name, "--out-dir", s(&dir), "--force"]).expect(0, &[]);
        let stem = name.to_ascii_lowercase();
        let token = run(&[
            "encode",
            "--alg",
            name,
            "--key",
            s(&dir.join(format!("{stem}.jwk.json"))),
            r#"{"sub":"noble"}"#,
        ]);
        let token = token.stdout.trim().to_string();
        let jwk = std::fs::read_to_string(dir.join(format!("{stem}.jwk.json"))).unwrap();
        let script = r#"
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
const [token, jwkText] = process.argv.slice(1);
const jwk = JSON.parse(jwkText);
const impl = { 'ML-DSA-44': ml_dsa44, 'ML-DSA-65': ml_dsa65, 'ML-DSA-87': ml_dsa87 }[jwk.alg];
const b = (s) => Uint8Array.from(Buffer.from(s, 'base64url'));
const { publicKey } = impl.keygen(b(jwk.priv));
if (Buffer.compare(Buffer.from(publicKey), Buffer.from(b(jwk.pub))) !== 0) throw new Error('pub is not keygen(seed)');
const [h, p, sig] = token.split('.');
if (!impl.verify(b(sig), new TextEncoder().encode(h + '.' + p), publicKey)) throw new Error('noble refuses our signature');
"#;
        let node = Command::new("node")
            .current_dir(&modern_dir)
            .args(["--input-type=module", "-e", script, &token, &jwk])
            .output()
            .unwrap();
        assert!(
            node.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&node.stderr)
        );
    }
}
