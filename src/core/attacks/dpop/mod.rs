//! DPoP proofs (RFC 9449) that each break one rule of section 4.3, made when the token is a
//! proof (`typ` `dpop+jwt`) and judged by the workbench's DPoP checker against the request
//! the original proof names (its `htm`, `htu` and `nonce`), at `now`. Every variant is a fresh
//! proof (`iat` = now, `ath` of a lab access token bound to the signing key by `cnf.jkt`) that
//! differs from a valid one in the one thing it tests, so a rejection is for that thing.

mod request;

use super::{AttackError, Draft, Group, Original};
use crate::core::claims::NumericDate;
use crate::core::keys::Key;
use crate::core::profiles::{self, ath_of};
use request::{Request, access_token, fresh, hs256_proof, jwk, signing_key};
use serde_json::{Map, Value};

const MUST: &str = "Reject it: run every check of RFC 9449 section 4.3 on each proof, against the method and URL of the request it arrived with, the access token sent beside it and the key that token is bound to.";

fn draft(req: &Request, id: &str, name: &str, token: String, explain: &str, cite: &str) -> Draft {
    let mut d = Draft::new(format!("dpop-{id}"), Group::Dpop, name, token).text(
        format!(
            "{explain} Judged as the request {} {} with a lab access token bound to the signing key (cnf.jkt) and sent beside it.",
            req.htm, req.htu
        ),
        MUST,
        &format!("RFC 9449 section {cite}, https://www.rfc-editor.org/rfc/rfc9449"),
    );
    d.judged = Some(req.judge(&d.token));
    d
}

/// The DPoP group for a proof, or nothing (and no note) when the token is not one.
pub(super) fn variants(
    orig: &Original,
    loaded: Option<&Key>,
    now: NumericDate,
    notes: &mut Vec<String>,
) -> Result<Vec<Draft>, AttackError> {
    let Some((_, claims)) = &orig.claims else {
        return Ok(Vec::new());
    };
    let is_proof = serde_json::from_str::<Map<String, Value>>(&orig.header)
        .ok()
        .and_then(|h| profiles::typ_of(&h))
        .is_some_and(|t| t == "dpop+jwt");
    if !is_proof {
        return Ok(Vec::new());
    }
    let text = |name: &str| claims.get(name).and_then(Value::as_str).map(str::to_string);
    let htu = text("htu")
        .and_then(|u| profiles::normalise(&u).ok())
        .map(|n| n.url);
    let (htm, htu) = match (text("htm"), htu) {
        (Some(m), Some(u)) => (m, u),
        (m, u) => {
            notes.push("the proof has no usable htm or htu: the DPoP proofs are made for GET https://server.example/resource".into());
            (
                m.unwrap_or_else(|| "GET".into()),
                u.unwrap_or_else(|| "https://server.example/resource".into()),
            )
        }
    };
    let (key, alg) = signing_key(orig.alg, loaded, notes)?;
    let req = Request {
        access_token: access_token(&key, now)?,
        htm,
        htu,
        nonce: text("nonce"),
        key,
        alg,
        now,
    };
    let control = req.with_claims(|_| {})?;
    let outcome = req.judge(&control);
    if outcome.rejected {
        notes.push(format!(
            "a valid DPoP proof for the same request is itself rejected ({}): the DPoP rejections prove little",
            outcome.why
        ));
    }
    let mut out = Vec::new();
    let other_path = format!("{}/admin", req.htu.trim_end_matches('/'));
    out.push(draft(
        &req,
        "htu-other",
        "htu of another endpoint",
        req.with_claims(|c| {
            c.insert("htu".into(), other_path.into());
        })?,
        "A proof made for another endpoint of the same server is replayed at this one: htu names the other URL.",
        "4.3 step 9",
    ));
    let method = if req.htm.eq_ignore_ascii_case("POST") {
        "GET"
    } else {
        "POST"
    };
    out.push(draft(
        &req,
        "htm-other",
        &format!("htm {method} on a {} request", req.htm),
        req.with_claims(|c| {
            c.insert("htm".into(), method.into());
        })?,
        "A proof made for another method of the same URL is replayed: htm names the other method.",
        "4.3 step 8",
    ));
    let smuggled = format!("https://attacker.example/?{}", req.htu);
    out.push(draft(
        &req,
        "htu-in-query",
        "the request URL hidden in htu's query",
        req.with_claims(|c| {
            c.insert("htu".into(), smuggled.into());
        })?,
        "htu is an attacker URL whose query holds the real one: a verifier that looks for the request URL inside htu, or compares with the query kept, accepts it; compared with query and fragment dropped and both URLs normalised (RFC 3986 6.2.2, 6.2.3), htu names attacker.example.",
        "4.3 step 9",
    ));
    out.push(draft(
        &req,
        "iat-stale",
        "iat an hour ago (a replayed proof)",
        req.with_claims(|c| {
            c.insert("iat".into(), now.saturating_sub(3600).into());
        })?,
        "The proof was made an hour ago: a captured proof replayed later.",
        "4.3 step 11 and 11.1",
    ));
    let other_ath = ath_of("another-access-token");
    out.push(draft(
        &req,
        "ath-other-token",
        "ath of another access token",
        req.with_claims(|c| {
            c.insert("ath".into(), other_ath.into());
        })?,
        "ath is the hash of another access token: the proof was made to go with a different token.",
        "4.3 step 12",
    ));
    let leaky = fresh(req.alg)?;
    let private = Value::Object(jwk(&leaky, true)?);
    out.push(draft(
        &req,
        "jwk-private",
        "jwk with private members (d)",
        req.proof(&leaky, &req.claims()?, |h| {
            h.insert("jwk".into(), private);
        })?,
        "The header's jwk carries the private key (d) of a fresh lab key that signs the proof: a client that publishes its private key cannot prove possession of it.",
        "4.3 step 7",
    ));
    let confused = hs256_proof(&req)?;
    out.push(draft(
        &req,
        "hs256",
        "HS256 keyed with the jwk",
        confused,
        "The proof says HS256 and is MACed with the jwk's RFC 7638 JSON as the secret: a verifier that takes the algorithm from the header and the key from jwk checks a MAC anyone can make.",
        "4.3 step 5",
    ));
    out.push(draft(
        &req,
        "typ-jwt",
        "typ JWT instead of dpop+jwt",
        {
            let claims = req.claims()?;
            req.proof(&req.key, &claims, |h| {
                h.insert("typ".into(), "JWT".into());
            })?
        },
        "The header says typ JWT: a token of another kind (an id_token, an access token) must never pass as a proof.",
        "4.3 step 4",
    ));
    let stranger = fresh(req.alg)?;
    out.push(draft(
        &req,
        "key-not-cnf-jkt",
        "signed by a key that is not the token's cnf.jkt",
        req.proof(&stranger, &req.claims()?, |_| {})?,
        "A valid proof (ath right) signed by another key than the one the access token is bound to: a stolen token presented with the thief's own proof.",
        "4.3 step 12 and 6.1",
    ));
    Ok(out)
}
