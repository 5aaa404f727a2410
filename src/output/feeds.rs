//! Atom feeds: `/atom.xml` for the whole site and `/{province}/atom.xml` per province, newest first.
//!
//! Feeds carry no build time: ids are permalinks and every date comes from the documents, so two
//! builds of the same content give the same bytes.

use super::file::OutputFile;
use crate::data::Catalog;
use crate::model::{Document, Site, newest_first};
use crate::urls;
use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::{FixedOffset, NaiveDate, TimeZone};
use std::collections::BTreeMap;

/// Most entries a feed holds (the newest ones).
pub const MAX_ENTRIES: usize = 100;

/// A feed the pages link to with `<link rel="alternate">`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FeedLink {
    /// Path of the feed (`/atom.xml`, `/kien-giang/atom.xml`; with the base path in `page_feeds`).
    pub path: String,
    pub title: String,
}

/// The site-wide feed's link.
pub fn site_feed(site: &Site) -> FeedLink {
    FeedLink { path: urls::SITE_FEED.into(), title: site.config.title.clone() }
}

/// The feed of a province, by its canonical name.
pub fn province_feed(site: &Site, province: &str) -> FeedLink {
    let title = format!("{province} — {}", site.config.title);
    FeedLink { path: urls::province_feed(province), title }
}

/// The feeds a page links to: the site's, and its province's on the pages of a province (its
/// page, its year pages and its documents' pages), with the base path in front.
pub fn page_feeds(site: &Site, catalog: &Catalog, province: Option<&str>) -> Vec<FeedLink> {
    let urls = urls::Urls::new(&site.config.base_path);
    let mut feeds =
        vec![FeedLink { path: urls.url(urls::SITE_FEED), title: site.config.title.clone() }];
    if let Some(p) = province {
        let title = catalog.ui_str("feed_province");
        feeds.push(FeedLink { path: urls.url(&urls::province_feed(p)), title });
    }
    feeds
}

/// Every feed file of the site: the whole site's and one per province with documents.
pub fn feeds(site: &Site) -> Vec<OutputFile> {
    let all: Vec<&Document> = site.documents.iter().collect();
    let mut files = vec![feed_file(site, &site_feed(site), "/", all)];
    let mut by_province: BTreeMap<&str, Vec<&Document>> = BTreeMap::new();
    for d in &site.documents {
        by_province.entry(d.meta.province.as_str()).or_default().push(d);
    }
    for (p, docs) in by_province {
        files.push(feed_file(site, &province_feed(site, p), &urls::province(p), docs));
    }
    files
}

/// Date used as `updated` of a document: issued, else effective, else 1 January of its plan year.
pub fn document_date(d: &Document) -> NaiveDate {
    d.meta
        .issued
        .or(d.meta.effective)
        .or_else(|| NaiveDate::from_ymd_opt(d.meta.year, 1, 1))
        .unwrap_or_default()
}

/// Midnight of a date in Vietnam's time zone (UTC+7).
fn vn_midnight(date: NaiveDate) -> FixedDateTime {
    let tz = FixedOffset::east_opt(7 * 3600).expect("valid offset");
    tz.from_local_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight exists"))
        .single()
        .expect("fixed offsets are unambiguous")
}

fn feed_file(site: &Site, feed: &FeedLink, page: &str, mut docs: Vec<&Document>) -> OutputFile {
    docs.sort_by(|a, b| newest_first(a, b));
    docs.truncate(MAX_ENTRIES);
    let abs = |path: &str| urls::absolute(&site.config.base_url, path);
    let entries: Vec<Entry> = docs.iter().map(|d| entry(d, &abs(&d.path))).collect();
    let updated = docs.iter().map(|d| document_date(d)).max().unwrap_or_default();
    let out = Feed {
        id: abs(&feed.path),
        title: Text::plain(feed.title.clone()),
        subtitle: Some(Text::plain(site.config.description.clone())),
        updated: vn_midnight(updated),
        authors: vec![Person { name: site.config.title.clone(), ..Default::default() }],
        links: vec![
            Link {
                href: abs(&feed.path),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            Link {
                href: abs(page),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
        ],
        lang: Some("vi".into()),
        entries,
        ..Default::default()
    };
    let mut xml = out.to_string();
    xml.push('\n');
    OutputFile::site_file(urls::file_for(&feed.path), xml.into_bytes())
}

fn entry(d: &Document, url: &str) -> Entry {
    let m = &d.meta;
    let summary = match (&m.number, &m.summary) {
        (_, Some(s)) => s.clone(),
        (Some(n), None) => format!("{} số {n} — {}", m.doc_type, m.issuer),
        (None, None) => format!("{} — {}", m.doc_type, m.issuer),
    };
    let mut categories = vec![Category { term: m.doc_type.clone(), ..Default::default() }];
    categories.extend(m.fields.iter().map(|f| Category { term: f.clone(), ..Default::default() }));
    Entry {
        id: url.to_string(),
        title: Text::plain(m.title.clone()),
        updated: vn_midnight(document_date(d)),
        published: m.issued.map(vn_midnight),
        authors: vec![Person { name: m.issuer.clone(), ..Default::default() }],
        links: vec![Link {
            href: url.to_string(),
            rel: "alternate".into(),
            mime_type: Some("text/html".into()),
            ..Default::default()
        }],
        summary: Some(Text::plain(summary)),
        categories,
        ..Default::default()
    }
}
