//! RFC 9901 section 7.1, steps 3 to 5: every embedded digest found (in `_sd` arrays and
//! `{"...": digest}` array elements, recursively through disclosed values), matched with the
//! disclosure that has it, and the claims rebuilt. Each problem names the step and the
//! disclosure; the digest-by-digest record is what a structure view draws.

use super::outcome::{Embedded, Processed, Slot};
use super::steps;
use super::{Disclosure, SdJwt, pointer};
use crate::core::json::{self, MAX_DEPTH};
use crate::core::text;
use crate::core::verify::Check;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Runs RFC 9901 section 7.1 steps 3 to 5 over an SD-JWT.
pub fn process(sd: &SdJwt) -> Processed {
    let mut w = Walker::new(&sd.disclosures);
    let claims = w.object(&sd.payload, "", 1, None, true);
    w.finish(claims)
}

struct Walker<'a> {
    disclosures: &'a [Disclosure],
    by_digest: HashMap<&'a str, usize>,
    seen: HashMap<&'a str, String>,
    used: Vec<bool>,
    repeated: Vec<bool>,
    too_deep: bool,
    embedded: Vec<Embedded>,
    placed: Vec<Option<String>>,
    parent: Vec<Option<usize>>,
    problems: Vec<Check>,
}

fn place(path: &str) -> String {
    if path.is_empty() {
        "the top level".to_string()
    } else {
        pointer::shown(path)
    }
}

impl<'a> Walker<'a> {
    fn new(disclosures: &'a [Disclosure]) -> Walker<'a> {
        let n = disclosures.len();
        let mut w = Walker {
            disclosures,
            by_digest: HashMap::with_capacity(n),
            seen: HashMap::with_capacity(n),
            used: vec![false; n],
            repeated: vec![false; n],
            too_deep: false,
            embedded: Vec::new(),
            placed: vec![None; n],
            parent: vec![None; n],
            problems: Vec::new(),
        };
        for (i, d) in disclosures.iter().enumerate() {
            if let Some(&first) = w.by_digest.get(d.digest.as_str()) {
                let earlier = disclosures.get(first).map(|f| f.index).unwrap_or(0);
                w.problems.push(steps::DIGESTS.fail(format!(
                    "{} is sent twice (it is disclosure {earlier} again): a holder sends each disclosure once (RFC 9901 section 4)",
                    d.label()
                )));
                if let Some(r) = w.repeated.get_mut(i) {
                    *r = true;
                }
            } else {
                w.by_digest.insert(d.digest.as_str(), i);
            }
        }
        w
    }

    fn deep(&mut self, path: &str, depth: usize) -> bool {
        if depth <= MAX_DEPTH {
            return false;
        }
        if !self.too_deep {
            self.too_deep = true;
            self.problems.push(steps::NESTING.fail(format!(
                "the claims nest deeper than {MAX_DEPTH} levels through disclosures at {}: not read further",
                place(path)
            )));
        }
        true
    }

    fn value(&mut self, v: &'a Value, path: &str, depth: usize, inside: Option<usize>) -> Value {
        match v {
            Value::Object(m) => Value::Object(self.object(m, path, depth, inside, false)),
            Value::Array(a) => Value::Array(self.array(a, path, depth, inside)),
            other => other.clone(),
        }
    }

    fn object(
        &mut self,
        obj: &'a Map<String, Value>,
        path: &str,
        depth: usize,
        inside: Option<usize>,
        top: bool,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        if self.deep(path, depth) {
            return out;
        }
        for (k, v) in obj {
            if k == "_sd" || (top && k == "_sd_alg") {
                continue;
            }
            let at = pointer::push(path, k);
            let value = self.value(v, &at, depth + 1, inside);
            out.insert(k.clone(), value);
        }
        match obj.get("_sd") {
            None => {}
            Some(Value::Array(list)) => {
                for (j, d) in list.iter().enumerate() {
                    match d.as_str() {
                        Some(d) => self.in_object(d, obj, &mut out, path, depth, inside),
                        None => self.problems.push(steps::SD_ARRAYS.fail(format!(
                            "element {j} of the _sd array at {} is {}, not a digest string",
                            place(path),
                            json::kind_name(d)
                        ))),
                    }
                }
            }
            Some(other) => self.problems.push(steps::SD_ARRAYS.fail(format!(
                "_sd at {} is {}, not an array of digest strings",
                place(path),
                json::kind_name(other)
            ))),
        }
        out
    }

    /// Records the digest as met at `place`; false (and a step 4 failure) when it was met
    /// before.
    fn first_sighting(&mut self, digest: &'a str, at: String) -> bool {
        if let Some(first) = self.seen.get(digest) {
            self.problems.push(steps::DUPLICATE_DIGEST.fail(format!(
                "digest {} appears twice, in {first} and in {at}: the same digest must not appear more than once (RFC 9901 section 4.1)",
                text::clip(digest, 60)
            )));
            return false;
        }
        self.seen.insert(digest, at);
        true
    }

    fn in_object(
        &mut self,
        digest: &'a str,
        plain: &Map<String, Value>,
        out: &mut Map<String, Value>,
        path: &str,
        depth: usize,
        inside: Option<usize>,
    ) {
        let at = format!("the _sd array at {}", place(path));
        let mut entry = Embedded {
            digest: digest.to_string(),
            container: path.to_string(),
            slot: Slot::Sd,
            disclosure: None,
            inside: inside.map(|i| i + 1),
            placed: None,
        };
        if self.first_sighting(digest, at.clone())
            && let Some(&i) = self.by_digest.get(digest)
            && let Some(d) = self.disclosures.get(i)
        {
            entry.disclosure = Some(d.index);
            if let Some(u) = self.used.get_mut(i) {
                *u = true;
            }
            let problem = match &d.content {
                Err(e) => Some((
                    steps::PROPERTY_SHAPE,
                    format!("{}, whose digest is in {at}, {e}", d.label()),
                )),
                Ok(c) => match c.name.as_deref() {
                    None => Some((
                        steps::PROPERTY_SHAPE,
                        format!(
                            "{} is an array element [salt, value], but its digest is in {at}, which takes [salt, name, value]",
                            d.label()
                        ),
                    )),
                    Some(n @ ("_sd" | "...")) => Some((
                        steps::RESERVED_NAME,
                        format!(
                            "{} discloses a claim named \"{n}\" in {at}: SD-JWT reserves that name, so the SD-JWT is rejected",
                            d.label()
                        ),
                    )),
                    Some(n) if out.contains_key(n) => {
                        let whose = if plain.contains_key(n) {
                            "a plain claim"
                        } else {
                            "another disclosure's claim"
                        };
                        Some((
                            steps::NAME_COLLISION,
                            format!(
                                "{} discloses \"{}\" at {}, where {whose} of that name already is: it would replace what the issuer signed",
                                d.label(),
                                text::clip(n, 40),
                                place(path)
                            ),
                        ))
                    }
                    Some(n) => {
                        let at = pointer::push(path, n);
                        let value = self.value(&c.value, &at, depth + 1, Some(i));
                        out.insert(n.to_string(), value);
                        self.set_placed(i, &at, inside);
                        entry.placed = Some(at);
                        None
                    }
                },
            };
            if let Some((step, detail)) = problem {
                self.problems.push(step.fail(detail));
            }
        }
        self.embedded.push(entry);
    }

    fn set_placed(&mut self, i: usize, at: &str, inside: Option<usize>) {
        if let Some(p) = self.placed.get_mut(i) {
            *p = Some(at.to_string());
        }
        if let Some(p) = self.parent.get_mut(i) {
            *p = inside.map(|x| x + 1);
        }
    }

    fn array(
        &mut self,
        arr: &'a [Value],
        path: &str,
        depth: usize,
        inside: Option<usize>,
    ) -> Vec<Value> {
        let mut out = Vec::with_capacity(arr.len());
        if self.deep(path, depth) {
            return out;
        }
        for (j, el) in arr.iter().enumerate() {
            match digest_element(el) {
                Some(Value::String(d)) => self.in_array(d, &mut out, path, j, depth, inside),
                Some(other) => self.problems.push(steps::ARRAY_DIGESTS.fail(format!(
                    "element {j} of {} is {{\"...\": {}}}: \"...\" must refer to a digest string",
                    place(path),
                    json::kind_name(other)
                ))),
                None => {
                    let at = pointer::push(path, &out.len().to_string());
                    let value = self.value(el, &at, depth + 1, inside);
                    out.push(value);
                }
            }
        }
        out
    }

    fn in_array(
        &mut self,
        digest: &'a str,
        out: &mut Vec<Value>,
        path: &str,
        j: usize,
        depth: usize,
        inside: Option<usize>,
    ) {
        let at = format!("element {j} of {}", place(path));
        let mut entry = Embedded {
            digest: digest.to_string(),
            container: path.to_string(),
            slot: Slot::Element(j),
            disclosure: None,
            inside: inside.map(|i| i + 1),
            placed: None,
        };
        if self.first_sighting(digest, at.clone())
            && let Some(&i) = self.by_digest.get(digest)
            && let Some(d) = self.disclosures.get(i)
        {
            entry.disclosure = Some(d.index);
            if let Some(u) = self.used.get_mut(i) {
                *u = true;
            }
            match &d.content {
                Ok(c) if c.name.is_none() => {
                    let here = pointer::push(path, &out.len().to_string());
                    let value = self.value(&c.value, &here, depth + 1, Some(i));
                    out.push(value);
                    self.set_placed(i, &here, inside);
                    entry.placed = Some(here);
                }
                Ok(_) => self.problems.push(steps::ELEMENT_SHAPE.fail(format!(
                    "{} is an object property [salt, name, value], but its digest is {at}, which takes [salt, value]",
                    d.label()
                ))),
                Err(e) => self
                    .problems
                    .push(steps::ELEMENT_SHAPE.fail(format!("{}, whose digest is {at}, {e}", d.label()))),
            }
        }
        self.embedded.push(entry);
    }

    fn finish(mut self, claims: Map<String, Value>) -> Processed {
        for (i, d) in self.disclosures.iter().enumerate() {
            let used = self.used.get(i).copied().unwrap_or(true);
            let repeated = self.repeated.get(i).copied().unwrap_or(false);
            if !used && !repeated {
                self.problems.push(steps::UNREFERENCED.fail(format!(
                    "{} (digest {}) is referenced by no digest in the issuer-signed JWT or in a disclosure sent: it was altered, belongs to another SD-JWT, or sits inside a disclosure that was not sent",
                    d.label(),
                    text::clip(&d.digest, 60)
                )));
            }
        }
        Processed {
            claims,
            embedded: self.embedded,
            placed: self.placed,
            parent: self.parent,
            problems: self.problems,
        }
    }
}

/// The value of an array element of the form `{"...": value}` (exactly one member, "...").
fn digest_element(el: &Value) -> Option<&Value> {
    match el {
        Value::Object(m) if m.len() == 1 => m.get("..."),
        _ => None,
    }
}
