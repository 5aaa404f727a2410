//! The tracker as open data: `/du-lieu/theo-doi.json` and `/du-lieu/theo-doi.csv`, one row per
//! central document × province, with the same conventions as `van-ban.*` (UTF-8 with a BOM for the
//! CSV, RFC 4180 quoting, CRLF rows).

use super::table::{Tracker, Via};
use crate::data::Catalog;
use crate::model::Site;
use crate::output::file::OutputFile;
use serde::Serialize;

/// Site path of the JSON file.
pub const JSON_PATH: &str = crate::urls::TRACKER_JSON;
/// Site path of the CSV file.
pub const CSV_PATH: &str = crate::urls::TRACKER_CSV;

/// CSV columns, in order (documented in the README).
pub const CSV_COLUMNS: [&str; 10] = [
    "central_number",
    "central_year",
    "central_date",
    "central_url",
    "province",
    "province_now",
    "programme_url",
    "programme_number",
    "programme_issued",
    "days",
];

#[derive(Serialize)]
struct JsonFile<'a> {
    title: &'a str,
    url: String,
    count: usize,
    central_documents: Vec<JsonCentral<'a>>,
}

#[derive(Serialize)]
struct JsonCentral<'a> {
    number: &'a str,
    year: i32,
    date: Option<String>,
    kind: Option<&'a str>,
    issuer: Option<&'a str>,
    subject: Option<&'a str>,
    url: String,
    link: Option<&'a str>,
    provinces_total: usize,
    implemented: usize,
    median_days: Option<f64>,
    provinces: Vec<JsonProvince<'a>>,
}

#[derive(Serialize)]
struct JsonProvince<'a> {
    province: &'a str,
    province_now: Option<&'a str>,
    days: Option<i64>,
    programmes: Vec<JsonProgramme<'a>>,
}

#[derive(Serialize)]
struct JsonProgramme<'a> {
    url: String,
    number: Option<&'a str>,
    #[serde(rename = "type")]
    doc_type: &'a str,
    title: &'a str,
    issued: Option<String>,
    days: Option<i64>,
    via: Via,
}

/// Both files, for the trackers of the site (see [`super::trackers`]).
pub fn files(site: &Site, catalog: &Catalog) -> Vec<OutputFile> {
    let trackers = super::trackers(site, catalog);
    let base = site.config.base_url.trim_end_matches('/');
    vec![
        OutputFile::site_file(
            crate::urls::file_for(JSON_PATH),
            json(&site.config.title, base, &trackers),
        ),
        OutputFile::site_file(crate::urls::file_for(CSV_PATH), csv(base, &trackers)),
    ]
}

fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn json(title: &str, base: &str, trackers: &[Tracker]) -> Vec<u8> {
    let central_documents = trackers
        .iter()
        .map(|t| JsonCentral {
            number: &t.central.number,
            year: t.central.year,
            date: t.central.date.map(iso),
            kind: t.central.kind.as_deref(),
            issuer: t.central.issuer.as_deref(),
            subject: t.central.subject.as_deref(),
            url: format!("{base}{}", t.central.path),
            link: t.central.link.as_deref(),
            provinces_total: t.total,
            implemented: t.implemented,
            median_days: t.median_days,
            provinces: t
                .rows
                .iter()
                .map(|r| JsonProvince {
                    province: &r.province,
                    province_now: r.now_part_of.as_deref(),
                    days: r.days,
                    programmes: r
                        .programmes
                        .iter()
                        .map(|p| JsonProgramme {
                            url: format!("{base}{}", p.path),
                            number: p.number.as_deref(),
                            doc_type: &p.doc_type,
                            title: &p.title,
                            issued: p.issued.map(iso),
                            days: p.days,
                            via: p.via,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let file =
        JsonFile { title, url: format!("{base}/"), count: trackers.len(), central_documents };
    let mut bytes = serde_json::to_vec_pretty(&file).expect("trackers serialise");
    bytes.push(b'\n');
    bytes
}

/// CSV with a UTF-8 byte order mark and CRLF rows; a province's programmes joined with `; `.
fn csv(base: &str, trackers: &[Tracker]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w =
            csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        w.write_record(CSV_COLUMNS).expect("writing to memory");
        for t in trackers {
            let c = &t.central;
            for r in &t.rows {
                let join = |f: &dyn Fn(&super::Programme) -> String| {
                    r.programmes.iter().map(f).collect::<Vec<_>>().join("; ")
                };
                w.write_record([
                    c.number.clone(),
                    c.year.to_string(),
                    c.date.map(iso).unwrap_or_default(),
                    format!("{base}{}", c.path),
                    r.province.clone(),
                    r.now_part_of.clone().unwrap_or_default(),
                    join(&|p| format!("{base}{}", p.path)),
                    join(&|p| p.number.clone().unwrap_or_default()),
                    join(&|p| p.issued.map(iso).unwrap_or_default()),
                    r.days.map(|d| d.to_string()).unwrap_or_default(),
                ])
                .expect("writing to memory");
            }
        }
        w.flush().expect("writing to memory");
    }
    out
}
