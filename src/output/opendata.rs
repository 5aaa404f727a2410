//! Open data: every document's metadata and URL as `/du-lieu/van-ban.json` and `/du-lieu/van-ban.csv`.

use super::file::OutputFile;
use crate::data::Catalog;
use crate::model::Site;
use crate::urls;
use serde::Serialize;

/// One document in the open data files.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub url: String,
    pub title: String,
    #[serde(rename = "type")]
    pub doc_type: String,
    pub number: Option<String>,
    pub province: String,
    /// Province it belongs to since 1 July 2025, when it was merged.
    pub province_now: Option<String>,
    pub issuer: String,
    pub signer: Option<String>,
    /// `YYYY-MM-DD`.
    pub issued: Option<String>,
    pub effective: Option<String>,
    pub year: i32,
    pub fields: Vec<String>,
    pub summary: Option<String>,
    pub implements: Vec<Implemented>,
    /// Content file it was built from, relative to the site root.
    pub source: String,
}

/// A document implemented by a record, with the page the site has for it.
#[derive(Debug, Clone, Serialize)]
pub struct Implemented {
    /// Its số hiệu.
    pub number: String,
    /// Its date, `YYYY-MM-DD`, when the document gives one.
    pub date: Option<String>,
    /// Its title, when the document gives one.
    pub title: Option<String>,
    /// Its page or hub on the site; None when it is not known to the site.
    pub url: Option<String>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    title: &'a str,
    url: &'a str,
    count: usize,
    documents: &'a [Record],
}

/// CSV columns, in order (documented in the README).
pub const CSV_COLUMNS: [&str; 15] = [
    "url",
    "title",
    "type",
    "number",
    "province",
    "province_now",
    "issuer",
    "signer",
    "issued",
    "effective",
    "year",
    "fields",
    "summary",
    "implements",
    "source",
];

/// The records of every published document, in site order (by path).
pub fn records(site: &Site, catalog: &Catalog) -> Vec<Record> {
    let base = &site.config.base_url;
    let iso = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    site.documents
        .iter()
        .zip(&site.links)
        .map(|(d, links)| {
            let m = &d.meta;
            Record {
                url: urls::absolute(base, &d.path),
                title: m.title.clone(),
                doc_type: m.doc_type.clone(),
                number: m.number.clone(),
                province: m.province.clone(),
                province_now: catalog.now_part_of(&m.province).map(str::to_string),
                issuer: m.issuer.clone(),
                signer: m.signer.clone(),
                issued: m.issued.map(iso),
                effective: m.effective.map(iso),
                year: m.year,
                fields: m.fields.clone(),
                summary: m.summary.clone(),
                implements: m
                    .implements
                    .iter()
                    .zip(&links.implements)
                    .map(|(r, t)| Implemented {
                        number: r.number.clone(),
                        date: r.date.map(iso),
                        title: r.title.clone(),
                        url: t.as_ref().map(|t| urls::absolute(base, site.target_path(t))),
                    })
                    .collect(),
                source: d.source.clone(),
            }
        })
        .collect()
}

/// Both open data files.
pub fn files(site: &Site, catalog: &Catalog) -> Vec<OutputFile> {
    let records = records(site, catalog);
    vec![
        OutputFile::site_file(urls::file_for(urls::OPEN_DATA_JSON), json(site, &records)),
        OutputFile::site_file(urls::file_for(urls::OPEN_DATA_CSV), csv(&records)),
    ]
}

fn json(site: &Site, records: &[Record]) -> Vec<u8> {
    let base = &site.config.base_url;
    let file = JsonFile {
        title: &site.config.title,
        url: &urls::absolute(base, urls::HOME),
        count: records.len(),
        documents: records,
    };
    json_bytes(&file)
}

fn csv(records: &[Record]) -> Vec<u8> {
    let rows = records.iter().map(|r| {
        let implements: Vec<String> = r
            .implements
            .iter()
            .map(|i| match &i.date {
                Some(date) => format!("{} ({date})", i.number),
                None => i.number.clone(),
            })
            .collect();
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        vec![
            r.url.clone(),
            r.title.clone(),
            r.doc_type.clone(),
            opt(&r.number),
            r.province.clone(),
            opt(&r.province_now),
            r.issuer.clone(),
            opt(&r.signer),
            opt(&r.issued),
            opt(&r.effective),
            r.year.to_string(),
            r.fields.join("; "),
            opt(&r.summary),
            implements.join("; "),
            r.source.clone(),
        ]
    });
    csv_bytes(&CSV_COLUMNS, rows)
}

/// CSV with a UTF-8 byte order mark (so spreadsheet software reads Vietnamese correctly), RFC 4180
/// quoting and CRLF rows: the form of every open data CSV.
pub fn csv_bytes(columns: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w =
            csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        w.write_record(columns).expect("writing to memory");
        for row in rows {
            w.write_record(row).expect("writing to memory");
        }
        w.flush().expect("writing to memory");
    }
    out
}

/// Pretty JSON with a final newline: the form of every open data JSON file.
pub fn json_bytes(value: &impl Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("records serialise");
    bytes.push(b'\n');
    bytes
}
