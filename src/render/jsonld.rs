//! schema.org `Legislation` JSON-LD for document pages, escaped to sit safely inside `<script>`.

use super::views::Views;
use crate::model::Target;
use crate::urls;
use serde_json::{Map, Value, json};

/// The JSON-LD object describing document `i`.
pub fn legislation(v: &Views<'_>, i: usize) -> Value {
    let site = v.site;
    let d = &site.documents[i];
    let m = &d.meta;
    let links = &site.links[i];
    let abs = |t: &Target| urls::absolute(&site.config.base_url, site.target_path(t));
    let url = urls::absolute(&site.config.base_url, &d.path);
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("Legislation"));
    o.insert("@id".into(), json!(url));
    o.insert("url".into(), json!(url));
    o.insert("name".into(), json!(m.title));
    o.insert("inLanguage".into(), json!("vi"));
    if let Some(n) = &m.number {
        o.insert("legislationIdentifier".into(), json!(n));
    }
    if let Some(date) = m.issued {
        o.insert("legislationDate".into(), json!(date.format("%Y-%m-%d").to_string()));
    }
    if let Some(date) = m.effective {
        o.insert("legislationDateVersion".into(), json!(date.format("%Y-%m-%d").to_string()));
    }
    o.insert("legislationType".into(), json!(m.doc_type));
    o.insert(
        "legislationJurisdiction".into(),
        json!({"@type": "AdministrativeArea", "name": m.province}),
    );
    o.insert(
        "legislationPassedBy".into(),
        json!({"@type": "GovernmentOrganization", "name": m.issuer}),
    );
    if let Some(s) = &m.signer {
        o.insert("legislationResponsible".into(), json!({"@type": "Person", "name": s}));
    }
    if let Some(s) = &m.summary {
        o.insert("description".into(), json!(s));
    }
    if !m.fields.is_empty() {
        o.insert("keywords".into(), json!(m.fields));
    }
    let applies: Vec<Value> = m
        .implements
        .iter()
        .zip(&links.implements)
        .map(|(r, t)| {
            let mut a = json!({"@type": "Legislation", "legislationIdentifier": r.number});
            if let Some(t) = t {
                a["@id"] = json!(abs(t));
                a["url"] = json!(abs(t));
            }
            if let Some(date) = r.date {
                a["legislationDate"] = json!(date.format("%Y-%m-%d").to_string());
            }
            if let Some(title) = &r.title {
                a["name"] = json!(title);
            }
            a
        })
        .collect();
    if !applies.is_empty() {
        o.insert("legislationApplies".into(), Value::Array(applies));
    }
    let cites: Vec<Value> = links
        .cites
        .iter()
        .filter(|(t, _)| !links.implements.iter().flatten().any(|i| i == t))
        .map(|(t, label)| json!({"@type": "Legislation", "@id": abs(t), "url": abs(t), "name": label}))
        .collect();
    if !cites.is_empty() {
        o.insert("citation".into(), Value::Array(cites));
    }
    Value::Object(o)
}

/// Serialises JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&` become
/// `\u003c`, `\u003e`, `\u0026` (still the same JSON), so no text can close the element.
pub fn script_json(value: &Value) -> String {
    let s = serde_json::to_string(value).expect("JSON values serialise");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_element_and_stays_equal() {
        let v = json!({"name": "a </script><script>alert(1)</script> & <!-- b"});
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>'), "{s}");
        assert_eq!(serde_json::from_str::<Value>(&s).unwrap(), v);
    }
}
