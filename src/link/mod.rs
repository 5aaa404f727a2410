//! Stage 4: permalinks, identity checks, citations and `implements` resolved to pages or hubs, backlinks.

pub mod citations;
pub mod quoted;
pub mod resolve;

use crate::data::{Catalog, province_slug};
use crate::diagnostics::Diagnostic;
use crate::markdown::{CITE_CLOSE, CITE_MID, CITE_OPEN};
use crate::model::{DocLinks, Document, Site, SiteConfig, Target};
use crate::text::slugify;
use pulldown_cmark_escape::escape_href;
use resolve::{Ref, Resolver, number_key};
use std::collections::BTreeMap;

/// Site path of a document: `/{province}/{year}/{number-slug or file-stem-slug}/`.
pub fn document_path(doc: &Document) -> String {
    let leaf = match &doc.meta.number {
        Some(n) => slugify(n),
        None => slugify(&doc.stem),
    };
    format!("/{}/{}/{}/", province_slug(&doc.meta.province), doc.meta.year, leaf)
}

/// Links the documents into a site; reports duplicate identities and permalink clashes.
pub fn link(
    mut documents: Vec<Document>,
    config: SiteConfig,
    catalog: &Catalog,
) -> (Site, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    documents.sort_by(|a, b| a.source.cmp(&b.source));
    let mut identities: BTreeMap<(String, i32, String), String> = BTreeMap::new();
    let mut paths: BTreeMap<String, String> = BTreeMap::new();
    documents.retain_mut(|doc| {
        doc.path = document_path(doc);
        let (id, shown) = match &doc.meta.number {
            Some(n) => (format!("số {}", number_key(n)), format!("số hiệu {n}")),
            None => (format!("tệp {}", doc.stem), format!("tên tệp {}", doc.stem)),
        };
        let key = (doc.meta.province.clone(), doc.meta.year, id);
        if let Some(first) = identities.get(&key) {
            diagnostics.push(
                Diagnostic::error(
                    &doc.source,
                    doc.identity_at.0,
                    doc.identity_at.1,
                    format!(
                        "trùng văn bản với {first}: cùng tỉnh {}, năm {} và {shown}",
                        key.0, key.1
                    ),
                )
                .with_help(
                    "mỗi văn bản chỉ có một tệp; xóa một trong hai tệp hoặc sửa số hiệu, năm",
                ),
            );
            return false;
        }
        if let Some(first) = paths.get(&doc.path) {
            diagnostics.push(
                Diagnostic::error(
                    &doc.source,
                    doc.identity_at.0,
                    doc.identity_at.1,
                    format!("trùng địa chỉ trang {} với {first}", doc.path),
                )
                .with_help("đổi tên tệp hoặc số hiệu để địa chỉ khác nhau"),
            );
            return false;
        }
        identities.insert(key, doc.source.clone());
        paths.insert(doc.path.clone(), doc.source.clone());
        true
    });

    let mut resolver = Resolver::new(catalog, &documents);
    let mut links: Vec<DocLinks> = vec![DocLinks::default(); documents.len()];
    // Pass 1: dated references (these also create hubs).
    let mut cite_targets: Vec<Vec<Option<Target>>> = Vec::with_capacity(documents.len());
    for (i, doc) in documents.iter().enumerate() {
        let own = doc.meta.province.as_str();
        for r in &doc.meta.implements {
            let target = resolver.resolve_dated(
                &Ref {
                    number: &r.number,
                    date: Some(r.date),
                    province_hint: None,
                    kind: None,
                    title: r.title.as_deref(),
                },
                own,
            );
            links[i].implements.push(target.expect("implements entries have a date"));
        }
        cite_targets.push(
            doc.body
                .citations
                .iter()
                .map(|c| {
                    let r = Ref {
                        number: &c.number,
                        date: c.date,
                        province_hint: c.province_hint.as_deref(),
                        kind: Some(&c.kind),
                        title: None,
                    };
                    resolver.resolve_dated(&r, own)
                })
                .collect(),
        );
    }
    // Pass 2: undated references, linked only when unambiguous: first within the citing document
    // ("Nghị quyết số 01/NQ-CP ngày 08/01/2025 … (gọi tắt là Nghị quyết số 01/NQ-CP)"), then site-wide.
    for (i, doc) in documents.iter().enumerate() {
        for (j, c) in doc.body.citations.iter().enumerate() {
            if cite_targets[i][j].is_none() {
                cite_targets[i][j] =
                    same_document_target(doc, &links[i].implements, &cite_targets[i], j);
            }
            if cite_targets[i][j].is_none() {
                let r = Ref {
                    number: &c.number,
                    date: None,
                    province_hint: c.province_hint.as_deref(),
                    kind: Some(&c.kind),
                    title: None,
                };
                let citing_year =
                    doc.meta.issued.map_or(doc.meta.year, |d| chrono::Datelike::year(&d));
                cite_targets[i][j] = resolver.resolve_undated(&r, &doc.meta.province, citing_year);
            }
            if cite_targets[i][j] == Some(Target::Document(i)) {
                cite_targets[i][j] = None;
            }
        }
    }
    let mut hubs: BTreeMap<String, crate::model::Hub> =
        std::mem::take(&mut resolver.hubs).into_values().map(|h| (h.path.clone(), h)).collect();
    for (i, doc) in documents.iter().enumerate() {
        for (j, c) in doc.body.citations.iter().enumerate() {
            if let Some(t) = &cite_targets[i][j]
                && !links[i].cites.iter().any(|(seen, _)| seen == t)
            {
                links[i].cites.push((t.clone(), c.text.clone()));
            }
        }
        let mut targets: Vec<Target> = links[i]
            .implements
            .iter()
            .chain(links[i].cites.iter().map(|(t, _)| t))
            .cloned()
            .collect();
        targets.sort();
        targets.dedup();
        for t in targets {
            match t {
                Target::Document(d) if d != i => links[d].cited_by.push(i),
                Target::Document(_) => {}
                Target::Hub(p) => hubs.get_mut(&p).expect("hub registered").cited_by.push(i),
            }
        }
    }
    for l in &mut links {
        l.cited_by.sort();
        l.cited_by.dedup();
    }
    for h in hubs.values_mut() {
        h.cited_by.sort();
        h.cited_by.dedup();
    }
    for (l, targets) in links.iter_mut().zip(cite_targets) {
        l.citations = targets;
    }
    (Site { config, documents, links, hubs, spill: None }, diagnostics)
}

/// The final body HTML of document `i`: its citations linked to their pages or hubs.
pub fn body_html(site: &Site, i: usize) -> String {
    let html = site.documents[i].body.html.get();
    if site.documents[i].body.citations.is_empty() {
        return html.into_owned();
    }
    fill_citations(&html, &site.links[i].citations, &site.documents, &site.config.base_path)
}

/// The one target a document already gives, with a date, to the number of its undated citation `j`.
fn same_document_target(
    doc: &Document,
    implements: &[Target],
    dated: &[Option<Target>],
    j: usize,
) -> Option<Target> {
    let c = &doc.body.citations[j];
    let key = number_key(&c.number);
    let hint = c.province_hint.as_deref().unwrap_or(&doc.meta.province);
    let from_implements = doc
        .meta
        .implements
        .iter()
        .zip(implements)
        .filter(|(r, _)| number_key(&r.number) == key)
        .map(|(_, t)| t);
    let from_citations = doc.body.citations.iter().zip(dated).filter_map(|(o, t)| {
        let same_scope = o.province_hint.as_deref().unwrap_or(&doc.meta.province) == hint;
        (o.date.is_some() && same_scope && number_key(&o.number) == key)
            .then_some(t.as_ref())
            .flatten()
    });
    let mut found: Vec<&Target> = from_implements.chain(from_citations).collect();
    found.sort();
    found.dedup();
    match found.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    }
}

/// Site path a target points to.
pub fn target_path<'a>(target: &'a Target, documents: &'a [Document]) -> &'a str {
    match target {
        Target::Document(i) => &documents[*i].path,
        Target::Hub(p) => p,
    }
}

/// `<a>` nesting depth after `html`, starting from `depth` (tags are lowercase: the HTML comes from
/// pulldown-cmark or ammonia).
fn anchor_depth(mut depth: usize, html: &str) -> usize {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with("a ") || rest.starts_with("a>") {
            depth += 1;
        } else if rest.starts_with("/a>") {
            depth = depth.saturating_sub(1);
        }
    }
    depth
}

/// Replaces citation placeholders with links (or plain text when a citation stays unresolved).
fn fill_citations(
    html: &str,
    targets: &[Option<Target>],
    documents: &[Document],
    base_path: &str,
) -> String {
    let mut out = String::with_capacity(html.len() + targets.len() * 48);
    let mut rest = html;
    // Depth of `<a>` elements around the placeholder: a citation inside a link written as raw
    // HTML stays text (a link inside a link is invalid HTML).
    let mut depth = 0usize;
    while let Some(open) = rest.find(CITE_OPEN) {
        depth = anchor_depth(depth, &rest[..open]);
        out.push_str(&rest[..open]);
        let after = &rest[open + CITE_OPEN.len_utf8()..];
        let (Some(mid), Some(close)) = (after.find(CITE_MID), after.find(CITE_CLOSE)) else {
            rest = after;
            continue;
        };
        let idx: usize = after[..mid].parse().unwrap_or(usize::MAX);
        let text = &after[mid + CITE_MID.len_utf8()..close];
        match targets.get(idx).and_then(Option::as_ref).filter(|_| depth == 0) {
            Some(t) => {
                out.push_str("<a class=\"cite\" href=\"");
                let href =
                    format!("{}{}", base_path.trim_end_matches('/'), target_path(t, documents));
                escape_href(&mut out, &href).ok();
                out.push_str("\">");
                out.push_str(text);
                out.push_str("</a>");
            }
            None => out.push_str(text),
        }
        rest = &after[close + CITE_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}
