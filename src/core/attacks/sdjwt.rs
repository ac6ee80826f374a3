//! The SD-JWT forgeries (RFC 9901) in the lab: when the input is an SD-JWT, the forged
//! presentations of `core::sdjwt`'s lab, each judged by the SD-JWT verifier with the issuer's
//! key under a policy that requires key binding, counted in the same tally.
//!
//! The forgeries re-sign the issuer JWT (for the rules only a buggy issuer can break), so the
//! loaded key must be the issuer's private key. The KB-JWTs around them need the holder's
//! private key: when none is given, or it is not the SD-JWT's `cnf.jwk`, the SD-JWT is first
//! bound to a fresh lab holder key (its `cnf` replaced, re-signed by the issuer).

use super::{AttackError, AttackInput, Draft, Group, Tally, Variant, VerifierOutcome, lab};
use crate::core::alg::{HeaderAlg, JwsAlg};
use crate::core::claims::NumericDate;
use crate::core::keys::{self, Key, KeySpec, Purpose};
use crate::core::sdjwt::{self, Forgery, KbRequest, LabInput, SdJwt, SdPolicy};
use serde_json::{Map, Value, json};

/// The verifier the KB-JWTs are made for.
const AUD: &str = "https://verifier.example";
/// The verifier's nonce for the lab's transaction.
const NONCE: &str = "lab-nonce";

const MUST: &str = "Reject it: process every SD-JWT as RFC 9901 sections 7.1 and 7.3 say, step by step, with key binding required by the verifier's policy (never by what the presentation carries), and refuse the whole presentation when one step fails.";

/// Why each forgery can work, by its id in `core::sdjwt`'s lab.
fn explain(id: &str) -> &'static str {
    match id {
        "kb-stripped" => {
            "The KB-JWT is removed: a verifier that checks key binding only when a KB-JWT is present accepts a stolen SD-JWT replayed by anyone."
        }
        "sd-hash-other" => {
            "A disclosure is withheld but the KB-JWT's sd_hash still covers the full set: a verifier that does not recompute sd_hash over the exact text received cannot tell what the holder agreed to show."
        }
        "duplicate-digest" => {
            "The issuer's _sd array holds the same digest twice: a verifier that does not refuse duplicates may place one disclosure at two claims."
        }
        "disclosure-referenced-twice" => {
            "One digest is embedded at two places in the payload: a disclosure must land at exactly one place."
        }
        "disclosure-sent-twice" => {
            "The same disclosure is sent twice: a verifier that does not refuse it may count or place it twice."
        }
        "unreferenced-disclosure" => {
            "A disclosure the issuer never signed (is_admin: true) is added: a verifier that merges every disclosure instead of placing only those whose digest the issuer signed accepts made-up claims."
        }
        "altered-disclosure" => {
            "A disclosed value is changed by the holder: its digest no longer matches any the issuer signed."
        }
        "disclosure-named-sd" => {
            "A disclosure names its claim _sd: placed naively it overwrites the digest array itself."
        }
        "disclosure-named-dots" => {
            "A disclosure names its claim ...: placed naively it looks like an array element's digest."
        }
        "name-collision" => {
            "A disclosure repeats the name of a claim in plain view (iss, or another): a verifier that lets the disclosure replace it hands the attacker that claim."
        }
        "kb-alg-none" => {
            "The KB-JWT is unsigned (alg none): a verifier that accepts any alg lets anyone with the SD-JWT bind it."
        }
        "kb-other-key" => {
            "The KB-JWT is signed by a key that is not cnf.jwk: a thief binds a stolen SD-JWT with the thief's own key."
        }
        "kb-typ-jwt" => {
            "The KB-JWT says typ JWT: another JWT of the holder's must not pass as key binding."
        }
        "kb-stale" => "The KB-JWT was made an hour ago: a captured presentation replayed later.",
        "kb-wrong-nonce" => {
            "The KB-JWT carries another transaction's nonce: a replay of a presentation made for another request."
        }
        "kb-wrong-aud" => {
            "The KB-JWT was made for another verifier: that verifier replays it here."
        }
        _ => "A forged presentation that breaks one rule of RFC 9901.",
    }
}

/// The issued SD-JWT the forgeries start from, and the holder key that binds it.
struct Base {
    text: String,
    holder: Key,
}

/// The input's SD-JWT without a KB-JWT, bound to `holder` when it is `cnf.jwk`'s private
/// half, else re-issued (its `cnf` replaced, re-signed by `issuer`) for a fresh holder key.
fn base(
    sd: &SdJwt,
    issuer: &Key,
    holder: Option<&Key>,
    notes: &mut Vec<String>,
) -> Result<Base, AttackError> {
    if sd.kb.is_some() {
        notes.push("the KB-JWT given is left out: the forgeries start from the SD-JWT and the disclosures sent with it".into());
    }
    let bound = sdjwt::holder_key(&sd.payload).ok();
    if let Some(h) = holder
        && h.is_private()
        && bound
            .as_ref()
            .is_some_and(|b| b.thumbprint() == h.thumbprint())
    {
        return Ok(Base {
            text: sd.sd_hash_input().to_string(),
            holder: h.clone(),
        });
    }
    let fresh = keys::generate(&KeySpec::new(JwsAlg::ES256))?;
    notes.push(match holder {
        Some(_) => "the holder key given is not the private half of the SD-JWT's cnf.jwk: the SD-JWT is bound to a fresh lab holder key (cnf replaced, re-signed with the issuer's key)".into(),
        None => "no holder key given: the SD-JWT is bound to a fresh lab holder key (cnf replaced, re-signed with the issuer's key) so that the forgeries carry valid KB-JWTs".into(),
    });
    let header = sd
        .issuer
        .header
        .as_ref()
        .map_err(|e| AttackError::Core(e.clone()))?;
    let alg = match HeaderAlg::from_header(header) {
        HeaderAlg::Known(a) => a,
        other => return Err(AttackError::Algorithm(other.problem().unwrap_or_default())),
    };
    let mut payload: Map<String, Value> = sd.payload.clone();
    payload.insert(
        "cnf".into(),
        json!({"jwk": Value::Object(fresh.public_half().to_jwk(false)?)}),
    );
    let (jwt, _) = crate::core::sign::sign_encoded(
        &Value::Object(header.clone()).to_string(),
        &Value::Object(payload).to_string(),
        alg,
        issuer,
    )?;
    let disclosures: String = sd
        .disclosures
        .iter()
        .map(|d| format!("{}~", d.text))
        .collect();
    Ok(Base {
        text: format!("{jwt}~{disclosures}"),
        holder: fresh,
    })
}

/// The SD-JWT verifier's outcome for `presentation`.
fn judge(presentation: &str, public: &Key, policy: &SdPolicy, now: NumericDate) -> VerifierOutcome {
    match SdJwt::parse(presentation) {
        Err(e) => VerifierOutcome {
            rejected: true,
            why: format!("the presentation does not parse: {e}"),
            with_key: true,
        },
        Ok(sd) => {
            let report = sdjwt::verify(&sd, Some(public), policy, now);
            VerifierOutcome {
                rejected: !report.valid(),
                why: report.verdict(),
                with_key: true,
            }
        }
    }
}

fn draft(f: Forgery, judged: VerifierOutcome) -> Draft {
    let mut d = Draft::new(
        format!("sd-jwt-{}", f.id),
        Group::SdJwt,
        f.title,
        f.presentation,
    )
    .text(
        explain(f.id),
        MUST,
        &format!(
            "{} section {} ({}), https://www.rfc-editor.org/rfc/rfc9901",
            f.breaks.spec, f.breaks.section, f.breaks.name
        ),
    );
    d.judged = Some(judged);
    d
}

/// The lab for an SD-JWT: the forged presentations, each judged, handed to `sink`.
pub(super) fn generate_each(
    input: &AttackInput<'_>,
    now: NumericDate,
    mut sink: impl FnMut(Variant),
) -> Result<Tally, AttackError> {
    let sd = SdJwt::parse(input.token)?;
    let issuer = input
        .key
        .filter(|k| k.is_private())
        .ok_or(AttackError::SdJwtIssuerKey)?;
    if let HeaderAlg::Known(alg) = &sd.issuer.alg {
        if issuer.check_fits(*alg, Purpose::Sign).is_err() {
            return Err(AttackError::KeyMismatch {
                alg: *alg,
                key: issuer.kind_words(),
            });
        }
        // Forgeries re-signed with another key would be judged with that key too, and prove
        // nothing about this issuer's SD-JWTs.
        let sig = sd.issuer.signature.as_deref().unwrap_or(&[]);
        if !keys::verify_bytes(issuer, *alg, &sd.issuer.signing_input(), sig).unwrap_or(false) {
            return Err(AttackError::SdJwtIssuerKey);
        }
    }
    let mut notes = Vec::new();
    let base = base(&sd, issuer, input.holder, &mut notes)?;
    let lab_input = LabInput {
        sd_jwt: &base.text,
        issuer,
        holder: &base.holder,
        aud: AUD,
        nonce: NONCE,
        now,
    };
    let policy = lab_input.policy();
    let public = issuer.public_half();
    let honest = format!(
        "{}{}",
        base.text,
        sdjwt::sign_kb(
            &base.text,
            SdJwt::parse(&base.text)?.sd_alg,
            &KbRequest {
                key: &base.holder,
                aud: AUD.into(),
                nonce: NONCE.into(),
                iat: now,
            }
        )?
    );
    let mut tally = Tally {
        original: judge(&honest, &public, &policy, now),
        ..Tally::default()
    };
    for f in sdjwt::attacks(&lab_input)? {
        let judged = judge(&f.presentation, &public, &policy, now);
        sink(tally.count(lab::verified(
            draft(f, judged),
            None,
            &Default::default(),
            now,
        )));
    }
    notes.push(format!(
        "SD-JWT forgeries are judged with key binding required, aud {AUD}, nonce {NONCE}; the original is the SD-JWT presented with a valid KB-JWT"
    ));
    tally.notes = notes;
    Ok(tally)
}
