//! Hubs told who they are — kind, issuer, subject, and for central documents the official date,
//! title and link of the data file — and, for each central document, the documents implementing
//! it: those whose `implements` names it, and those citing it in their title after "thực hiện" or
//! "triển khai" ("Kế hoạch thực hiện Nghị quyết số 01/NQ-CP …").

use super::central::{self, CentralEntry};
use crate::data::Catalog;
use crate::diagnostics::Diagnostic;
use crate::link::resolve::{label, number_key};
use crate::markdown::citations::{CitationFinder, Found};
use crate::model::{DocLinks, Document, Hub, Site, Target};
use crate::text::{fold, tone_key};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// What one citation or `implements` entry says of the document it points to.
struct Evidence<'a> {
    date: Option<NaiveDate>,
    subject: Option<&'a str>,
    issuer: Option<&'a str>,
    kind: Option<&'a str>,
    /// Written by an editor (an `implements` entry's title) rather than found in a body.
    from_implements: bool,
    source: &'a str,
    line: usize,
}

/// Fills in the hubs and the implementing documents of `site` (`finder`: the citation pattern the
/// bodies were read with); returns the data file's problems and the warnings about dates that
/// contradict it.
pub fn annotate(site: &mut Site, catalog: &Catalog, finder: &CitationFinder) -> Vec<Diagnostic> {
    let (entries, mut diagnostics) = central::load(&site.config.root, catalog);
    let titles = title_targets(site, catalog, finder, &entries);
    link_implementers(site, catalog, &titles);
    let mut evidence = evidence(&site.documents, &site.links, catalog);
    for hub in site.hubs.values_mut() {
        let ev = evidence.remove(&hub.path).unwrap_or_default();
        let entry = hub
            .province
            .is_none()
            .then(|| entries.get(&(number_key(&hub.number), hub.year)))
            .flatten();
        describe(hub, entry, &ev, catalog);
        if let Some(e) = entry {
            diagnostics.extend(contradictions(hub, e, &ev));
        }
    }
    diagnostics
}

/// Per document, the central documents its title says it implements, resolved to their pages;
/// hubs are made for those known only from the data file.
fn title_targets(
    site: &mut Site,
    catalog: &Catalog,
    finder: &CitationFinder,
    entries: &BTreeMap<(String, i32), CentralEntry>,
) -> Vec<Vec<Target>> {
    let mut known: BTreeMap<(String, i32), Target> = BTreeMap::new();
    for h in site.hubs.values().filter(|h| h.province.is_none()) {
        known.insert((number_key(&h.number), h.year), Target::Hub(h.path.clone()));
    }
    for (i, d) in site.documents.iter().enumerate() {
        if let (Some(n), Some(issued)) = (&d.meta.number, d.meta.issued)
            && catalog.is_central_number(n)
        {
            known.insert((number_key(n), issued.year()), Target::Document(i));
        }
    }
    for (k, e) in entries {
        known.entry(k.clone()).or_insert_with(|| Target::Hub(Hub::new(&e.number, k.1, None).path));
    }
    let mut out = Vec::with_capacity(site.documents.len());
    // In parallel: the pool's threads read the bodies, so their citation pattern is warmed up.
    let found: Vec<Vec<Found>> = {
        use rayon::prelude::*;
        site.documents.par_iter().map(|d| finder.find(&d.meta.title)).collect()
    };
    for (d, found) in site.documents.iter().zip(found) {
        let title = &d.meta.title;
        let mut targets: Vec<Target> = Vec::new();
        for f in found {
            if !catalog.is_central_number(&f.number) || !implements_word_before(&title[..f.start]) {
                continue;
            }
            let nk = number_key(&f.number);
            let found = match f.date {
                Some(date) => known.get(&(nk, date.year())).cloned(),
                // Undated: the one of the document's own year, else the only earlier one.
                None => known.get(&(nk.clone(), d.meta.year)).cloned().or_else(|| {
                    let mut earlier = known.range((nk.clone(), i32::MIN)..(nk, d.meta.year));
                    match (earlier.next(), earlier.next()) {
                        (Some((_, t)), None) => Some(t.clone()),
                        _ => None,
                    }
                }),
            };
            if let Some(t) = found
                && !targets.contains(&t)
            {
                targets.push(t);
            }
        }
        out.push(targets);
    }
    // Hubs for data-file documents that only titles name.
    for t in out.iter().flatten() {
        if let Target::Hub(p) = t
            && !site.hubs.contains_key(p)
            && let Some(e) =
                entries.values().find(|e| Hub::new(&e.number, e.date.year(), None).path == *p)
        {
            let mut hub = Hub::new(&e.number, e.date.year(), None);
            hub.date = Some(e.date);
            site.hubs.insert(p.clone(), hub);
        }
    }
    out
}

/// Whether a title says, before a citation, that it implements it.
fn implements_word_before(title_before: &str) -> bool {
    let f = fold(title_before);
    ["thuc hien", "trien khai", "cu the hoa"].iter().any(|w| f.contains(w))
}

/// Records every document implementing a central document (by `implements` or its title) on the
/// hub or document, and as a backlink when only its title cites it.
fn link_implementers(site: &mut Site, catalog: &Catalog, titles: &[Vec<Target>]) {
    for (i, title) in titles.iter().enumerate() {
        let implements = site.links[i].implements.clone();
        for t in implements.iter().flatten().chain(title) {
            match t {
                Target::Hub(p) => {
                    let hub = site.hubs.get_mut(p).expect("hub registered");
                    if hub.province.is_none() {
                        hub.implemented_by.push(i);
                        hub.cited_by.push(i);
                    }
                }
                Target::Document(d) if *d != i => {
                    let central = site.documents[*d]
                        .meta
                        .number
                        .as_deref()
                        .is_some_and(|n| catalog.is_central_number(n));
                    if central {
                        site.links[*d].implemented_by.push(i);
                        site.links[*d].cited_by.push(i);
                    }
                }
                Target::Document(_) => {}
            }
        }
    }
    for h in site.hubs.values_mut() {
        for v in [&mut h.implemented_by, &mut h.cited_by] {
            v.sort();
            v.dedup();
        }
    }
    for l in &mut site.links {
        for v in [&mut l.implemented_by, &mut l.cited_by] {
            v.sort();
            v.dedup();
        }
    }
}

/// What the citations and `implements` entries of the site say of each hub, by hub path.
fn evidence<'s>(
    documents: &'s [Document],
    links: &'s [DocLinks],
    catalog: &Catalog,
) -> BTreeMap<String, Vec<Evidence<'s>>> {
    let mut out: BTreeMap<String, Vec<Evidence<'s>>> = BTreeMap::new();
    let kinds = catalog.cite_words();
    for (d, links) in documents.iter().zip(links) {
        for (r, t) in d.meta.implements.iter().zip(&links.implements) {
            if let Some(Target::Hub(p)) = t {
                out.entry(p.clone()).or_default().push(Evidence {
                    date: r.date,
                    subject: r.title.as_deref().map(|t| strip_kind(t, &kinds)),
                    issuer: None,
                    kind: None,
                    from_implements: true,
                    source: &d.source,
                    line: r.line,
                });
            }
        }
        for (c, t) in d.body.citations.iter().zip(&links.citations) {
            if let Some(Target::Hub(p)) = t {
                out.entry(p.clone()).or_default().push(Evidence {
                    date: c.date,
                    subject: c.subject.as_deref(),
                    issuer: c.issuer.as_deref(),
                    kind: Some(&c.kind),
                    from_implements: false,
                    source: &d.source,
                    line: c.line,
                });
            }
        }
    }
    out
}

/// A title without its leading kind word (one of `kinds`, longest first: `Catalog::cite_words`):
/// "Nghị quyết về nhiệm vụ …" → "về nhiệm vụ …".
fn strip_kind<'t>(title: &'t str, kinds: &[&str]) -> &'t str {
    let t = title.trim();
    for w in kinds {
        if let Some(head) = t.get(..w.len())
            && tone_key(head) == tone_key(w)
            && t[w.len()..].starts_with(' ')
        {
            return t[w.len()..].trim_start();
        }
    }
    t
}

/// A central document's subject without what the citing sentence adds about the citing province
/// ("… năm 2024 trên địa bàn tỉnh Vĩnh Long").
fn central_subject(s: &str) -> &str {
    match [" trên địa bàn", " Trên địa bàn", " TRÊN ĐỊA BÀN"].iter().filter_map(|p| s.find(p)).min()
    {
        Some(i) => s[..i].trim_end_matches([',', ' ']),
        None => s,
    }
}

/// The value seen most often (values equal by `key` counted together), the first seen on a tie.
/// `key` runs once per distinct value: most citations of a document repeat one form.
fn most_common<T: Ord + Clone, K: Ord>(
    items: impl Iterator<Item = T>,
    key: impl Fn(&T) -> K,
) -> Option<T> {
    let mut exact: BTreeMap<T, (usize, usize)> = BTreeMap::new();
    for (order, item) in items.enumerate() {
        exact.entry(item).or_insert((0, order)).0 += 1;
    }
    let mut merged: BTreeMap<K, (usize, usize, T)> = BTreeMap::new();
    for (item, (count, first)) in exact {
        let e = merged.entry(key(&item)).or_insert((0, first, item.clone()));
        e.0 += count;
        if first < e.1 {
            (e.1, e.2) = (first, item);
        }
    }
    merged.into_values().max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1))).map(|(_, _, item)| item)
}

/// Sets a hub's kind, date, subject, title, issuer, link and label.
fn describe(hub: &mut Hub, entry: Option<&CentralEntry>, ev: &[Evidence<'_>], catalog: &Catalog) {
    hub.kind = catalog
        .kind_for_number(&hub.number)
        .map(str::to_string)
        .or_else(|| {
            most_common(ev.iter().filter_map(|e| e.kind), |k| tone_key(k)).map(str::to_string)
        })
        .or(hub.kind.take());
    let central = hub.province.is_none();
    let cited_date = most_common(ev.iter().filter_map(|e| e.date), |d| *d);
    hub.date = entry.map(|e| e.date).or(cited_date).or(hub.date);
    let subject_of = |from_implements: bool| {
        let subjects = ev.iter().filter(|e| e.from_implements == from_implements);
        let subjects = subjects.filter_map(|e| e.subject);
        let subjects = subjects.map(|s| if central { central_subject(s) } else { s });
        most_common(subjects.filter(|s| !s.is_empty()), |s| tone_key(s)).map(str::to_string)
    };
    hub.subject = entry
        .map(|e| strip_kind(&e.title, &catalog.cite_words()).to_string())
        .or_else(|| subject_of(true))
        .or_else(|| subject_of(false));
    hub.title = match (entry, &hub.title, &hub.kind, &hub.subject) {
        (Some(e), _, _, _) => Some(e.title.clone()),
        (None, Some(t), _, _) => Some(t.clone()),
        (None, None, Some(k), Some(s)) => Some(format!("{k} {s}")),
        _ => None,
    };
    hub.issuer = match (central, entry.and_then(|e| e.issuer.clone())) {
        (_, Some(i)) => Some(i),
        (false, None) => None,
        (true, None) => catalog.central_issuer_of(&hub.number).map(|body| named_body(body, ev)),
    };
    hub.link = entry.and_then(|e| e.link.clone());
    hub.label = label(hub.kind.as_deref(), &hub.number, hub.date);
}

/// The body a central document's citations name most often among those issuing under its code
/// ("… của Bộ Chính trị" for a number in "/TW"), else the code's own name.
fn named_body(issuer: &crate::data::Issuer, ev: &[Evidence<'_>]) -> String {
    let bodies: Vec<&String> = issuer.bodies.iter().chain([&issuer.name]).collect();
    let keys: Vec<String> = bodies.iter().map(|b| tone_key(b)).collect();
    let mut seen: BTreeMap<&str, Option<usize>> = BTreeMap::new();
    // (times named, first seen) per body
    let mut counts: Vec<(usize, std::cmp::Reverse<usize>)> =
        vec![(0, std::cmp::Reverse(usize::MAX)); bodies.len()];
    for (order, written) in ev.iter().filter_map(|e| e.issuer).enumerate() {
        let body = *seen.entry(written).or_insert_with(|| {
            let w = tone_key(written);
            keys.iter().position(|k| {
                w == *k || w.strip_prefix(k.as_str()).is_some_and(|r| r.starts_with(' '))
            })
        });
        if let Some(b) = body {
            counts[b].0 += 1;
            counts[b].1 = counts[b].1.max(std::cmp::Reverse(order));
        }
    }
    let best = (0..bodies.len()).filter(|&b| counts[b].0 > 0).max_by_key(|&b| counts[b]);
    best.map_or_else(|| issuer.name.clone(), |b| bodies[b].clone())
}

/// Warnings for dates the citations give that the data file contradicts: at the site file's
/// entry, or (for the built-in list, which an editor cannot change) at each citing line.
fn contradictions(hub: &Hub, e: &CentralEntry, ev: &[Evidence<'_>]) -> Vec<Diagnostic> {
    let vi = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    let differing: Vec<&Evidence<'_>> =
        ev.iter().filter(|x| x.date.is_some_and(|d| d != e.date)).collect();
    if differing.is_empty() {
        return Vec::new();
    }
    if e.at.built_in {
        return differing
            .iter()
            .map(|x| {
                let d = x.date.expect("dated");
                Diagnostic::warning(
                    x.source,
                    x.line,
                    0,
                    format!(
                        "ngày {} khác ngày ban hành của {} năm {}: {} (theo danh sách văn bản \
                         trung ương có sẵn trong banhanh)",
                        vi(d),
                        hub.number,
                        hub.year,
                        vi(e.date)
                    ),
                )
                .with_help(format!(
                    "kiểm tra ngày trong văn bản gốc; nếu {} đúng là ngày {}, ghi văn bản vào {} của trang",
                    hub.number,
                    vi(d),
                    central::FILE
                ))
            })
            .collect();
    }
    let Some(cited) =
        most_common(ev.iter().filter_map(|x| x.date), |d| *d).filter(|d| *d != e.date)
    else {
        return Vec::new();
    };
    let with_it: Vec<&&Evidence<'_>> = differing.iter().filter(|x| x.date == Some(cited)).collect();
    let first = with_it[0];
    vec![
        Diagnostic::warning(
            central::FILE,
            e.at.line,
            e.at.column,
            format!(
                "{} năm {}: ngày {} ghi ở đây khác ngày các văn bản trích dẫn ghi, {} ({} lần, ví dụ {}:{})",
                hub.number,
                hub.year,
                vi(e.date),
                vi(cited),
                with_it.len(),
                first.source,
                first.line
            ),
        )
        .with_help(format!(
            "nếu các văn bản trích dẫn đúng, sửa thành date: {}; nếu tệp này đúng, kiểm tra lại các văn bản đó",
            cited.format("%Y-%m-%d")
        )),
    ]
}
