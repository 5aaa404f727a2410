//! Stage 4: permalinks, identity checks, citations and `implements` resolved to pages or hubs, backlinks.

pub mod resolve;

use crate::data::Catalog;
use crate::diagnostics::Diagnostic;
use crate::model::{DocLinks, Document, Hub, Site, SiteConfig, Target};
use resolve::{Ref, Resolver, number_key};
use std::collections::BTreeMap;

/// Links the documents into a site; reports duplicate identities and permalink clashes.
pub fn link(
    mut documents: Vec<Document>,
    config: SiteConfig,
    catalog: &Catalog,
) -> (Site, Vec<Diagnostic>) {
    documents.sort_by(|a, b| a.source.cmp(&b.source));
    let diagnostics = drop_duplicates(&mut documents);
    let mut resolver = Resolver::new(catalog, &documents);
    let mut links: Vec<DocLinks> = vec![DocLinks::default(); documents.len()];
    let mut cite_targets = resolve_dated(&mut resolver, &documents, &mut links);
    resolve_undated(&resolver, &documents, &mut links, &mut cite_targets);
    let mut hubs: BTreeMap<String, Hub> =
        std::mem::take(&mut resolver.hubs).into_values().map(|h| (h.path.clone(), h)).collect();
    add_backlinks(&documents, &cite_targets, &mut links, &mut hubs);
    for (l, targets) in links.iter_mut().zip(cite_targets) {
        l.citations = targets;
    }
    (Site { config, documents, links, hubs, spill: None }, diagnostics)
}

/// Drops the second of two documents with the same identity (province, year, number or file
/// stem) or the same page path, with an error naming the first.
fn drop_duplicates(documents: &mut Vec<Document>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut identities: BTreeMap<(String, i32, String), String> = BTreeMap::new();
    let mut paths: BTreeMap<String, String> = BTreeMap::new();
    documents.retain_mut(|doc| {
        let (id, shown) = match &doc.meta.number {
            Some(n) => (format!("số {}", number_key(n)), format!("số hiệu {n}")),
            None => (format!("tệp {}", doc.stem), format!("tên tệp {}", doc.stem)),
        };
        let key = (doc.meta.province.clone(), doc.meta.year, id);
        let (line, col) = doc.identity_at;
        if let Some(first) = identities.get(&key) {
            let (p, y) = (&key.0, key.1);
            let message = format!("trùng văn bản với {first}: cùng tỉnh {p}, năm {y} và {shown}");
            diagnostics.push(Diagnostic::error(&doc.source, line, col, message).with_help(
                "mỗi văn bản chỉ có một tệp; xóa một trong hai tệp hoặc sửa số hiệu, năm",
            ));
            return false;
        }
        if let Some(first) = paths.get(&doc.path) {
            let message = format!("trùng địa chỉ trang {} với {first}", doc.path);
            diagnostics.push(
                Diagnostic::error(&doc.source, line, col, message)
                    .with_help("đổi tên tệp hoặc số hiệu để địa chỉ khác nhau"),
            );
            return false;
        }
        identities.insert(key, doc.source.clone());
        paths.insert(doc.path.clone(), doc.source.clone());
        true
    });
    diagnostics
}

/// Pass 1: `implements` entries and citations that carry a year (these also create hubs); the
/// targets of each document's citations, in order (None where still unresolved).
fn resolve_dated(
    resolver: &mut Resolver<'_>,
    documents: &[Document],
    links: &mut [DocLinks],
) -> Vec<Vec<Option<Target>>> {
    let mut cite_targets = Vec::with_capacity(documents.len());
    for (i, doc) in documents.iter().enumerate() {
        let own = doc.meta.province.as_str();
        for r in &doc.meta.implements {
            let r = Ref {
                number: &r.number,
                date: r.date,
                year: r.year,
                province_hint: None,
                kind: None,
                title: r.title.as_deref(),
            };
            // Entries without a date or year are resolved with the undated citations.
            links[i].implements.push(resolver.resolve_dated(&r, own));
        }
        let dated = doc.body.citations.iter().map(|c| {
            let r = Ref {
                number: &c.number,
                date: c.date,
                year: None,
                province_hint: c.province_hint.as_deref(),
                kind: Some(&c.kind),
                title: None,
            };
            resolver.resolve_dated(&r, own)
        });
        cite_targets.push(dated.collect());
    }
    cite_targets
}

/// Pass 2: undated `implements` entries and citations, linked only when unambiguous: a citation
/// first within the citing document ("Nghị quyết số 01/NQ-CP ngày 08/01/2025 … (gọi tắt là Nghị
/// quyết số 01/NQ-CP)"), then site-wide. A document never links to itself.
fn resolve_undated(
    resolver: &Resolver<'_>,
    documents: &[Document],
    links: &mut [DocLinks],
    cite_targets: &mut [Vec<Option<Target>>],
) {
    for (i, doc) in documents.iter().enumerate() {
        let citing_year = doc.meta.issued.map_or(doc.meta.year, |d| chrono::Datelike::year(&d));
        for (k, r) in doc.meta.implements.iter().enumerate() {
            if links[i].implements[k].is_none() {
                let r = Ref {
                    number: &r.number,
                    date: None,
                    year: None,
                    province_hint: None,
                    kind: None,
                    title: r.title.as_deref(),
                };
                let target = resolver.resolve_undated(&r, &doc.meta.province, citing_year);
                links[i].implements[k] = target.filter(|t| *t != Target::Document(i));
            }
        }
        for (j, c) in doc.body.citations.iter().enumerate() {
            if cite_targets[i][j].is_none() {
                cite_targets[i][j] =
                    same_document_target(doc, &links[i].implements, &cite_targets[i], j);
            }
            if cite_targets[i][j].is_none() {
                let r = Ref {
                    number: &c.number,
                    date: None,
                    year: None,
                    province_hint: c.province_hint.as_deref(),
                    kind: Some(&c.kind),
                    title: None,
                };
                cite_targets[i][j] = resolver.resolve_undated(&r, &doc.meta.province, citing_year);
            }
            if cite_targets[i][j] == Some(Target::Document(i)) {
                cite_targets[i][j] = None;
            }
        }
    }
}

/// Each document's distinct cited targets, and on every target the documents citing it.
fn add_backlinks(
    documents: &[Document],
    cite_targets: &[Vec<Option<Target>>],
    links: &mut [DocLinks],
    hubs: &mut BTreeMap<String, Hub>,
) {
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
            .flatten()
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
    for l in links.iter_mut() {
        l.cited_by.sort();
        l.cited_by.dedup();
    }
    for h in hubs.values_mut() {
        h.cited_by.sort();
        h.cited_by.dedup();
    }
}

/// The one target a document already gives, with a date, to the number of its undated citation `j`.
fn same_document_target(
    doc: &Document,
    implements: &[Option<Target>],
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
        .filter_map(|(_, t)| t.as_ref());
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
