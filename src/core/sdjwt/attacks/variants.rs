//! The forged presentations themselves, each with the step that must reject it.

use super::{Forgery, Lab, LabInput};
use crate::core::keys::{self, KeySpec};
use crate::core::sdjwt::present::make_kb;
use crate::core::sdjwt::steps::{self, Step};
use crate::core::sdjwt::{Disclosure, SdJwt, SdJwtError, process};
use crate::core::text;
use serde_json::{Map, Value, json};

fn forgery(id: &'static str, title: &'static str, breaks: Step, presentation: String) -> Forgery {
    Forgery {
        id,
        title,
        presentation,
        breaks,
    }
}

/// The forged presentations of `input.sd_jwt`, each with the step that must reject it.
pub fn attacks(input: &LabInput) -> Result<Vec<Forgery>, SdJwtError> {
    let base = SdJwt::parse(input.sd_jwt)?;
    if base.kb.is_some() {
        return Err(SdJwtError::AlreadyPresented);
    }
    let processed = process(&base);
    if let Some(p) = processed.problems.first() {
        return Err(SdJwtError::Unprocessable(format!(
            "{}: {}",
            p.name, p.detail
        )));
    }
    let unsuitable =
        |what: &str| SdJwtError::Claims(format!("the lab needs an SD-JWT with {what}"));
    let top = processed
        .placed
        .iter()
        .position(|p| p.as_deref().is_some_and(|p| p.matches('/').count() == 1))
        .and_then(|i| base.disclosures.get(i))
        .ok_or_else(|| unsuitable("a selectively disclosable top-level claim"))?
        .clone();
    let plain = base
        .payload
        .keys()
        .find(|k| !matches!(k.as_str(), "_sd" | "_sd_alg"))
        .cloned()
        .ok_or_else(|| unsuitable("a claim in plain view"))?;
    let all = format!(
        "{}~{}",
        base.issuer_jwt(),
        base.disclosures
            .iter()
            .map(|d| format!("{}~", d.text))
            .collect::<String>()
    );
    let lab = Lab { input, base, all };
    let alg = lab.base.sd_alg;
    let new = |name: &str, value: Value| -> Result<Disclosure, SdJwtError> {
        Ok(Disclosure::property(
            &crate::core::sdjwt::issue::salt()?,
            name,
            &value,
            alg,
        ))
    };
    let mut out = Vec::new();
    out.push(forgery(
        "kb-stripped",
        "the KB-JWT is removed while the verifier requires key binding",
        steps::KB_PRESENT,
        lab.all.clone(),
    ));
    let fewer = lab
        .all
        .strip_suffix(&format!("{}~", top.text))
        .map(str::to_string)
        .unwrap_or_else(|| format!("{}~", lab.base.issuer_jwt()));
    let sd_hash_of_all = lab.base.sd_alg.digest(&lab.all);
    out.push(forgery(
        "sd-hash-other",
        "the KB-JWT's sd_hash covers other disclosures than those sent",
        steps::SD_HASH,
        lab.kb_with(&fewer, Some(input.holder), |c| {
            c.insert("sd_hash".into(), sd_hash_of_all.into());
        })?,
    ));
    out.push(forgery(
        "duplicate-digest",
        "a digest appears twice in the same _sd array (re-signed by the issuer)",
        steps::DUPLICATE_DIGEST,
        lab.with_digests(&[&top.digest], &[], |_| {})?,
    ));
    let twice = top.digest.clone();
    out.push(forgery(
        "disclosure-referenced-twice",
        "one disclosure's digest is embedded at two places (re-signed)",
        steps::DUPLICATE_DIGEST,
        lab.with_digests(&[], &[], |p| {
            p.insert("copy".into(), json!({"_sd": [twice]}));
        })?,
    ));
    out.push(forgery(
        "disclosure-sent-twice",
        "the same disclosure is sent twice",
        steps::DIGESTS,
        lab.bound(&format!("{}{}~", lab.all, top.text))?,
    ));
    let extra = new("is_admin", Value::Bool(true))?;
    out.push(forgery(
        "unreferenced-disclosure",
        "a disclosure the issuer never signed is added",
        steps::UNREFERENCED,
        lab.bound(&format!("{}{}~", lab.all, extra.text))?,
    ));
    let altered = match &top.content {
        Ok(c) => Disclosure::property(
            &c.salt,
            c.name.as_deref().unwrap_or(""),
            &Value::from("tampered"),
            alg,
        ),
        Err(_) => extra.clone(),
    };
    out.push(forgery(
        "altered-disclosure",
        "a disclosed value is changed by the holder (its digest no longer matches)",
        steps::UNREFERENCED,
        lab.bound(&lab.all.replacen(
            &format!("~{}~", top.text),
            &format!("~{}~", altered.text),
            1,
        ))?,
    ));
    for (id, title, name) in [
        (
            "disclosure-named-sd",
            "a disclosure names its claim _sd (re-signed)",
            "_sd",
        ),
        (
            "disclosure-named-dots",
            "a disclosure names its claim ... (re-signed)",
            "...",
        ),
    ] {
        let d = new(name, json!(["x"]))?;
        out.push(forgery(
            id,
            title,
            steps::RESERVED_NAME,
            lab.with_digests(&[&d.digest], &[&d], |_| {})?,
        ));
    }
    let clash = new(&plain, Value::from("https://attacker.example"))?;
    out.push(forgery(
        "name-collision",
        "a disclosure repeats the name of a plain claim to replace it (re-signed)",
        steps::NAME_COLLISION,
        lab.with_digests(&[&clash.digest], &[&clash], |_| {})?,
    ));
    out.push(forgery(
        "kb-alg-none",
        "the KB-JWT is unsigned (alg none)",
        steps::KB_ALG,
        lab.kb_with(&lab.all, None, |_| {})?,
    ));
    let other = keys::generate(&KeySpec::new(input.holder.default_alg()))
        .map_err(|e| SdJwtError::Key(e.to_string()))?;
    out.push(forgery(
        "kb-other-key",
        "the KB-JWT is signed by a key that is not cnf.jwk",
        steps::KB_SIGNATURE,
        lab.kb_with(&lab.all, Some(&other), |_| {})?,
    ));
    out.push(forgery(
        "kb-typ-jwt",
        "the KB-JWT says typ JWT",
        steps::KB_TYP,
        format!("{}{}", lab.all, kb_typed(&lab, "JWT")?),
    ));
    out.push(forgery(
        "kb-stale",
        "the KB-JWT was made an hour ago (a replay)",
        steps::KB_IAT,
        lab.kb_with(&lab.all, Some(input.holder), |c| {
            c.insert("iat".into(), input.now.saturating_sub(3600).into());
        })?,
    ));
    out.push(forgery(
        "kb-wrong-nonce",
        "the KB-JWT carries another transaction's nonce",
        steps::KB_NONCE,
        lab.kb_with(&lab.all, Some(input.holder), |c| {
            c.insert("nonce".into(), "attacker-nonce".into());
        })?,
    ));
    out.push(forgery(
        "kb-wrong-aud",
        "the KB-JWT was made for another verifier",
        steps::KB_AUD,
        lab.kb_with(&lab.all, Some(input.holder), |c| {
            c.insert("aud".into(), "https://attacker.example".into());
        })?,
    ));
    Ok(out)
}

/// A valid KB-JWT over every disclosure, but with `typ`.
fn kb_typed(lab: &Lab, typ: &str) -> Result<String, SdJwtError> {
    let mut claims = Map::new();
    claims.insert("iat".into(), lab.input.now.into());
    claims.insert("aud".into(), lab.input.aud.into());
    claims.insert("nonce".into(), lab.input.nonce.into());
    claims.insert("sd_hash".into(), lab.base.sd_alg.digest(&lab.all).into());
    make_kb(Some(lab.input.holder), typ, &claims)
        .map_err(|e| SdJwtError::Signing(text::clip(&e.to_string(), 200)))
}
