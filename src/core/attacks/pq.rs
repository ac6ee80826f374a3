//! Post-quantum: ML-DSA tokens and keys (RFC 9964). For an ML-DSA token, an ES256 signature
//! put under its header, its alg moved to another parameter set, and the key the server is
//! handed tampered with (a public key one byte short or long, a private key whose `pub` and
//! `priv` do not belong together); for an ES256 token, its alg re-labelled ML-DSA.

use super::{AttackError, Draft, Group, Original, compact, json_str, signed};
use crate::core::alg::{Curve, Family, JwsAlg, MlDsaLevel};
use crate::core::b64;
use crate::core::keys::{self, Key, KeyMaterial, KeySpec};
use serde_json::json;

const PIN_MUST: &str = "Reject it: verify with the algorithm the server pinned for the key (RFC 8725bis section 3.1), never the one the header names, and refuse a signature of another length than the algorithm's.";
const PIN_REF: &str = "RFC 8725bis section 3.1 (one algorithm per key); RFC 9964 section 5 (ML-DSA signature sizes, FIPS 204 Table 2)";
const SIZE_REF: &str = "RFC 9964 section 7.3 (validate every key parameter) and section 5 (public key sizes, FIPS 204 Table 2)";
const PAIR_REF: &str = "RFC 9964 section 7.4 (mismatched AKP parameters: from failed operations to private key compromise)";

/// The ML-DSA variants for an ML-DSA token, or the re-labelled variants for an ES256 one.
pub(super) fn variants(
    orig: &Original,
    key: Option<&Key>,
    notes: &mut Vec<String>,
) -> Result<Vec<Draft>, AttackError> {
    match orig.alg.family() {
        Family::MlDsa(level) => {
            let mut out = vec![es256_under_mldsa(orig, level)?];
            out.extend(other_levels(orig, level)?);
            match key.and_then(public_of) {
                Some(public) => {
                    out.extend(wrong_length_pub(orig, level, &public));
                    out.push(mismatched_pair(orig, level, &public)?);
                }
                None => notes.push(
                    "ML-DSA key attacks (wrong-length pub, mismatched pair) skipped: they tamper with the verification key, and none is loaded".to_string(),
                ),
            }
            Ok(out)
        }
        Family::Ec(Curve::P256) => MlDsaLevel::ALL
            .into_iter()
            .map(|level| relabelled_es256(orig, level))
            .collect(),
        _ => Ok(Vec::new()),
    }
}

/// The raw public key of an ML-DSA key.
fn public_of(key: &Key) -> Option<Vec<u8>> {
    match &key.material {
        KeyMaterial::MlDsaPrivate { public, .. } | KeyMaterial::MlDsaPublic { public, .. } => {
            Some(public.clone())
        }
        _ => None,
    }
}

/// The original header and payload, signed with ES256 by a fresh P-256 key.
fn es256_under_mldsa(orig: &Original, level: MlDsaLevel) -> Result<Draft, AttackError> {
    let ec = keys::generate(&KeySpec::new(JwsAlg::ES256))?;
    let input = format!("{}.{}", orig.header_segment, orig.payload_segment);
    let signature = keys::sign_bytes(&ec, JwsAlg::ES256, input.as_bytes())?;
    let token = format!("{input}.{}", b64::encode(&signature));
    Ok(Draft::new(
        "ml-dsa-es256-signature",
        Group::PostQuantum,
        format!("an ES256 signature under alg {level}"),
        token,
    )
    .text(
        format!(
            "The header still says {level}, but the signature is a 64-byte ES256 one made with a freshly generated P-256 key. A verifier that chooses the algorithm from the key it finds by kid, or from the signature's size, checks ECDSA with a key the attacker may have planted; an {level} verifier finds 64 bytes where {} belong.",
            level.signature_len()
        ),
        PIN_MUST,
        PIN_REF,
    ))
}

/// The alg moved to each other parameter set, the signature kept.
fn other_levels(orig: &Original, level: MlDsaLevel) -> Result<Vec<Draft>, AttackError> {
    let mut out = Vec::new();
    for other in MlDsaLevel::ALL.into_iter().filter(|l| *l != level) {
        let header = orig.header_with(&[("alg", json_str(other.name()))])?;
        out.push(
            Draft::new(
                format!("ml-dsa-relabelled-{}", other.name().to_ascii_lowercase()),
                Group::PostQuantum,
                format!("alg {level} re-labelled {other}"),
                compact(&header, &orig.payload_segment, &orig.signature),
            )
            .text(
                format!(
                    "The alg says {other} instead of {level}; the {level} signature stays. A server that takes the parameter set from the header runs {other} with a {level} key ({} bytes where {} belong), which must fail; one that picks a key by alg alone may check it with another key entirely.",
                    level.public_len(),
                    other.public_len()
                ),
                "Reject it: an AKP key names its one algorithm (RFC 9964 section 3); a token whose alg is not the key's is refused before any signature check.",
                PIN_REF,
            ),
        );
    }
    Ok(out)
}

/// The public AKP JWK of `public` (under `level`), its `pub` replaced by `pub_bytes`.
fn akp_jwk(level: MlDsaLevel, pub_bytes: &[u8], seed: Option<&[u8]>) -> String {
    let mut jwk = json!({"kty": "AKP", "alg": level.name(), "pub": b64::encode(pub_bytes)});
    if let (Some(seed), Some(map)) = (seed, jwk.as_object_mut()) {
        map.insert("priv".into(), b64::encode(seed).into());
    }
    jwk.to_string()
}

/// The original token, with the server handed its public key one byte short or long.
fn wrong_length_pub(orig: &Original, level: MlDsaLevel, public: &[u8]) -> Vec<Draft> {
    let short = public.get(..public.len().saturating_sub(1)).unwrap_or(&[]);
    let mut long = public.to_vec();
    long.push(0);
    [("short", short.to_vec()), ("long", long)]
        .into_iter()
        .map(|(which, bytes)| {
            let mut d = Draft::new(
                format!("ml-dsa-pub-{which}"),
                Group::PostQuantum,
                format!("{level} public key one byte {which} ({} bytes)", bytes.len()),
                format!("{}.{}.{}", orig.header_segment, orig.payload_segment, orig.signature_segment),
            )
            .text(
                format!(
                    "The token is untouched; the server is handed its key with a pub of {} bytes, where an {level} public key has {}. A library that does not check the size reads past the key's end or decodes another key; a JWKS that lets such an entry through turns every signature check into undefined behaviour.",
                    bytes.len(),
                    public.len()
                ),
                &format!("Refuse the key when it is loaded: an {level} public key is exactly {} bytes.", level.public_len()),
                SIZE_REF,
            );
            d.key = Some(akp_jwk(level, &bytes, None));
            d
        })
        .collect()
}

/// A private AKP JWK of the server's `pub` and an attacker's seed, and the token that seed
/// signs.
fn mismatched_pair(
    orig: &Original,
    level: MlDsaLevel,
    public: &[u8],
) -> Result<Draft, AttackError> {
    let attacker = keys::generate(&KeySpec::new(level.alg()))?;
    let KeyMaterial::MlDsaPrivate { seed, .. } = &attacker.material else {
        return Err(AttackError::Crypto("making an ML-DSA key".into()));
    };
    let token = signed(&orig.header, &orig.payload_segment, &attacker, level.alg())?;
    let mut d = Draft::new(
        "ml-dsa-mismatched-pair",
        Group::PostQuantum,
        format!("{level} key pair: the server's pub, an attacker's priv"),
        token,
    )
    .text(
        format!(
            "The server is handed a private AKP JWK whose pub is its own {level} public key and whose priv is a seed the attacker made; the token is signed with that seed. A library that takes pub as given instead of deriving it from the seed (jwcrypto 1.6.1 imports such a pair) signs with one key while its kid and thumbprint name another, and may leak the private key in the way the pair is used."
        ),
        "Refuse the key: derive the public key from the seed and compare it with pub before using either.",
        PAIR_REF,
    );
    d.key = Some(akp_jwk(level, public, Some(seed)));
    Ok(d)
}

/// An ES256 token with its alg re-labelled `level`, the ECDSA signature kept.
fn relabelled_es256(orig: &Original, level: MlDsaLevel) -> Result<Draft, AttackError> {
    let header = orig.header_with(&[("alg", json_str(level.name()))])?;
    Ok(Draft::new(
        format!("es256-relabelled-{}", level.name().to_ascii_lowercase()),
        Group::PostQuantum,
        format!("ES256 re-labelled {level}"),
        compact(&header, &orig.payload_segment, &orig.signature),
    )
    .text(
        format!(
            "The header says {level}; the signature is still the 64-byte ES256 one. A server migrating to post-quantum keys that lets the header choose between its ECDSA and ML-DSA code paths runs {level} on a P-256 key or an ECDSA check under a post-quantum name; either must fail."
        ),
        PIN_MUST,
        PIN_REF,
    ))
}
