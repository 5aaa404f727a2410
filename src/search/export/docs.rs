//! What the static index knows of each document: fieldnorm ids and facets (`docs.bin`), titles
//! and paths (`heads.json`, small sites only), and titles, paths and sections by groups (`h/`).
//!
//! `docs.bin`: for each text field, one byte per document (its fieldnorm id); then per document
//! three little-endian u16: province (index into the manifest's `provinces`), type (into
//! `types`), year.

use super::terms::DocMap;
use crate::model::{Document, Site};
use crate::search::index::SearchIndex;
use serde::Serialize;
use std::collections::HashMap;

/// Documents per `h/` group file.
pub const GROUP: usize = 8;
/// Largest gzip size of `heads.json` that is written (about 1500 documents' worth): past it,
/// fetching every title would cost more than the request it saves.
const HEADS_GZIP_BYTES: usize = 32 << 10;

/// The site's documents in export order (site-path order).
pub fn in_order<'a>(site: &'a Site, paths: &[String]) -> Vec<&'a Document> {
    let by_path: HashMap<&str, &Document> =
        site.documents.iter().map(|d| (d.path.as_str(), d)).collect();
    paths.iter().filter_map(|p| by_path.get(p.as_str()).copied()).collect()
}

/// Sorted distinct values (folded first, so the browser lists them in Vietnamese order).
pub fn vocab<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut v: Vec<String> = names.map(str::to_string).collect();
    v.sort_by_cached_key(|n| (crate::text::fold(n), n.clone()));
    v.dedup();
    v
}

/// The bytes of `docs.bin`.
pub fn docs_bin(
    index: &SearchIndex,
    map: &DocMap,
    docs: &[&Document],
    provinces: &[String],
    types: &[String],
) -> tantivy::Result<Vec<u8>> {
    let n = map.n;
    let mut out = vec![0u8; n * index.fields.text.len()];
    let searcher = index.searcher();
    for (fi, field) in index.fields.text.iter().enumerate() {
        for (si, seg) in searcher.segment_readers().iter().enumerate() {
            let norms = seg.get_fieldnorms_reader(*field)?;
            for doc in seg.doc_ids_alive() {
                let i = map.number[si][doc as usize];
                if i != u32::MAX {
                    out[fi * n + i as usize] = norms.fieldnorm_id(doc);
                }
            }
        }
    }
    let pos = |v: &[String], s: &str| v.iter().position(|x| x == s).unwrap_or(0) as u16;
    for d in docs {
        out.extend_from_slice(&pos(provinces, &d.meta.province).to_le_bytes());
        out.extend_from_slice(&pos(types, &d.meta.doc_type).to_le_bytes());
        out.extend_from_slice(&(d.meta.year.clamp(0, i32::from(u16::MAX)) as u16).to_le_bytes());
    }
    Ok(out)
}

/// Every document's path, title and number, by column.
#[derive(Debug, Default, Serialize)]
pub struct Heads<'a> {
    pub u: Vec<&'a str>,
    pub t: Vec<&'a str>,
    pub n: Vec<Option<&'a str>>,
}

/// `heads.json` for documents' (path, title, number) when its gzip size is at most
/// [`HEADS_GZIP_BYTES`].
pub fn heads_json(docs: &[(&str, &str, Option<&str>)]) -> Option<Vec<u8>> {
    use std::io::Write;
    let heads = Heads {
        u: docs.iter().map(|d| d.0).collect(),
        t: docs.iter().map(|d| d.1).collect(),
        n: docs.iter().map(|d| d.2).collect(),
    };
    let json = serde_json::to_vec(&heads).ok()?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // A piece at a time, stopping once the compressed size is past the bound (large sites).
    for piece in json.chunks(64 << 10) {
        gz.write_all(piece).ok()?;
        if gz.get_ref().len() > HEADS_GZIP_BYTES {
            return None;
        }
    }
    (gz.finish().ok()?.len() <= HEADS_GZIP_BYTES).then_some(json)
}

/// A document in an `h/` group: path, title, number, sections (anchor, heading).
type GroupEntry<'a> = (&'a str, &'a str, Option<&'a str>, Vec<(&'a str, &'a str)>);

/// The `h/` group files' contents, in order.
pub fn groups(docs: &[&Document]) -> Vec<Vec<u8>> {
    docs.chunks(GROUP)
        .map(|chunk| {
            let entries: Vec<GroupEntry<'_>> = chunk
                .iter()
                .map(|d| {
                    let sections = d
                        .body
                        .sections
                        .iter()
                        .map(|s| (s.anchor.as_str(), s.heading.as_str()))
                        .collect();
                    (d.path.as_str(), d.meta.title.as_str(), d.meta.number.as_deref(), sections)
                })
                .collect();
            serde_json::to_vec(&entries).unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_written_only_while_small() {
        let docs = |n: usize| -> Vec<(String, String, String)> {
            // Distinct, little-repeating titles, as a large real site has.
            (0..n)
                .map(|i| {
                    let x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                    let path = format!("/tinh-{}/{}/{}-kh-ubnd/", i % 63, 2020 + i % 6, i);
                    (path, format!("Kế hoạch {i} về {x:x}"), format!("{i}/KH-UBND"))
                })
                .collect()
        };
        fn refs(v: &[(String, String, String)]) -> Vec<(&str, &str, Option<&str>)> {
            v.iter().map(|d| (d.0.as_str(), d.1.as_str(), Some(d.2.as_str()))).collect()
        }
        let small = docs(100);
        let json: serde_json::Value =
            serde_json::from_slice(&heads_json(&refs(&small)).unwrap()).unwrap();
        assert_eq!(
            (json["t"][7].as_str(), json["n"][7].as_str()),
            (Some(small[7].1.as_str()), Some("7/KH-UBND"))
        );
        assert!(heads_json(&refs(&docs(20_000))).is_none());
    }
}
