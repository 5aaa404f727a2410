//! Each province's deadlines calendar, `/{province}/lich.ics` (iCalendar, RFC 5545): one all-day
//! or ranged event per task with a deadline, with a UID that stays the same from build to build.

use super::file::OutputFile;
use crate::data::Catalog;
use crate::extract::{DueKind, Task};
use crate::model::{Document, Site};
use crate::urls;
use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike, Property};
use std::collections::BTreeMap;

/// One calendar per province with at least one dated task.
pub fn files(site: &Site, catalog: &Catalog) -> Vec<OutputFile> {
    let mut by_province: BTreeMap<&str, Vec<(&Document, &Task)>> = BTreeMap::new();
    for d in &site.documents {
        for t in d.body.plan.tasks.iter().filter(|t| t.due.is_some()) {
            by_province.entry(d.meta.province.as_str()).or_default().push((d, t));
        }
    }
    let host = url::Url::parse(&site.config.base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "banhanh.invalid".into());
    by_province
        .into_iter()
        .map(|(province, tasks)| {
            let bytes = calendar(site, catalog, province, &tasks, &host).to_string().into_bytes();
            OutputFile::site_file(urls::file_for(&urls::province_calendar(province)), bytes)
        })
        .collect()
}

fn calendar(
    site: &Site,
    catalog: &Catalog,
    province: &str,
    tasks: &[(&Document, &Task)],
    host: &str,
) -> Calendar {
    let name = format!("Thời hạn nhiệm vụ — {province}");
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("PRODID", "-//banhanh//Lich nhiem vu//VI"));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    cal.name(&name);
    cal.description(&format!(
        "Nhiệm vụ có thời hạn trong các văn bản của {province} trên {}",
        site.config.title
    ));
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (d, t) in tasks {
        let base = uid_base(d, t);
        let n = seen.entry(base.clone()).or_default();
        *n += 1;
        let uid = if *n == 1 { format!("{base}@{host}") } else { format!("{base}-{n}@{host}") };
        cal.push(event(site, catalog, d, t, &uid));
    }
    cal.done()
}

/// The document's path and a checksum of the task's words: the same task keeps its UID when
/// other tasks are added, removed or moved.
fn uid_base(d: &Document, t: &Task) -> String {
    let mut h = crc32fast::Hasher::new();
    h.update(t.text.as_bytes());
    h.update(b"\n");
    h.update(t.lead.as_bytes());
    let doc = d.path.trim_matches('/').replace('/', "-");
    format!("nhiem-vu-{doc}-{:08x}", h.finalize())
}

fn event(site: &Site, catalog: &Catalog, d: &Document, t: &Task, uid: &str) -> icalendar::Event {
    let due = t.due.expect("only dated tasks");
    let (start, end) = match due.kind {
        DueKind::By => (due.to, due.to),
        DueKind::Within | DueKind::Ongoing => (due.from, due.to),
    };
    let page = urls::absolute(&site.config.base_url, &d.path);
    let url = if t.anchor.is_empty() { page } else { format!("{page}#{}", t.anchor) };
    let mut e = icalendar::Event::new();
    e.uid(uid)
        .timestamp(stamp(d))
        .starts(start)
        .ends(end.succ_opt().unwrap_or(end))
        .summary(&summary(t))
        .description(&format!("{}\n{url}", description(catalog, d, t)))
        .append_property(Property::new("TRANSP", "TRANSPARENT"));
    // URL must be a full address; without an absolute base URL the link is only in the text.
    if url.starts_with("http://") || url.starts_with("https://") {
        e.url(&url);
    }
    e.done()
}

/// When the task was last revised: the document's date (deterministic, unlike the build time).
fn stamp(d: &Document) -> chrono::DateTime<Utc> {
    let date = d
        .meta
        .issued
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(d.meta.year, 1, 1).unwrap_or(NaiveDate::MIN));
    Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).unwrap_or_default())
}

fn summary(t: &Task) -> String {
    let text: String = t.text.chars().take(100).collect();
    let text = if text.len() < t.text.len() { format!("{}…", text.trim_end()) } else { text };
    if t.lead.is_empty() { text } else { format!("{}: {text}", t.lead) }
}

fn description(catalog: &Catalog, d: &Document, t: &Task) -> String {
    let mut lines = vec![t.text.clone()];
    let agencies = &catalog.agencies;
    if !t.lead.is_empty() {
        let full = t.lead_id.as_deref().and_then(|i| agencies.get(i)).map(|a| a.name.as_str());
        lines.push(match full {
            Some(f) if f != t.lead => format!("Chủ trì: {} ({f})", t.lead),
            _ => format!("Chủ trì: {}", t.lead),
        });
        if let Some((now, since)) = t.lead_id.as_deref().and_then(|i| agencies.successor(i)) {
            let now = agencies.get(now).map_or(now, |a| a.name.as_str());
            lines.push(format!("Từ {} nhiệm vụ này thuộc {now}.", since.format("%d/%m/%Y")));
        }
    }
    if let Some(p) = &t.partners {
        lines.push(format!("Phối hợp: {p}"));
    }
    if let Some(deadline) = &t.deadline {
        lines.push(format!("Thời hạn: {deadline}"));
    }
    let number = d.meta.number.as_deref().map(|n| format!(" số {n}")).unwrap_or_default();
    let issued = d.meta.issued.map_or_else(
        || format!(" năm {}", d.meta.year),
        |i| format!(" ngày {:02}/{:02}/{}", i.day(), i.month(), i.year()),
    );
    lines.push(format!("{}{number}{issued}: {}", d.meta.doc_type, d.meta.title));
    lines.join("\n")
}
