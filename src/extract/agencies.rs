//! The agency catalog (`data/agencies.yaml`): provincial agencies, their abbreviations
//! ("Sở KH&ĐT" = Sở Kế hoạch và Đầu tư) and the 2025 mergers of departments.

use crate::text::fold;
use aho_corasick::{AhoCorasick, MatchKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

const AGENCIES_YAML: &str = include_str!("../../data/agencies.yaml");

/// One agency of `data/agencies.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Agency {
    pub id: String,
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// A merger: `into` takes over the tasks of `from`, from `date`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Merge {
    pub into: String,
    pub from: Vec<String>,
    pub note: Option<String>,
}

/// One reorganisation: the mergers that took effect on one day.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Reorganisation {
    pub date: NaiveDate,
    pub note: Option<String>,
    pub merges: Vec<Merge>,
}

#[derive(Deserialize)]
struct File {
    agencies: Vec<Agency>,
    reorganisations: Vec<Reorganisation>,
}

/// The agency catalog with its lookups.
#[derive(Debug, Clone)]
pub struct Agencies {
    pub list: Vec<Agency>,
    pub reorganisations: Vec<Reorganisation>,
    /// Key of every spelling → index into `list`.
    keys: HashMap<String, usize>,
    /// Finds spellings inside a longer text (keys, leftmost-longest).
    finder: AhoCorasick,
    finder_ids: Vec<usize>,
}

/// Words before an agency's name that name its head, not the agency: "Giám đốc Sở …".
const TITLES: [&str; 8] = [
    "giám đốc",
    "thủ trưởng",
    "chủ tịch",
    "chánh văn phòng",
    "chánh thanh tra",
    "trưởng ban",
    "chỉ huy trưởng",
    "giao",
];

impl Agencies {
    /// The embedded `data/agencies.yaml` (checked by the test suite, so it cannot fail here).
    pub fn embedded() -> Agencies {
        Agencies::parse(AGENCIES_YAML).expect("data/agencies.yaml is valid")
    }

    /// Parses and checks an agencies file; the error names the first problem.
    pub fn parse(yaml: &str) -> Result<Agencies, String> {
        let file: File = serde_yaml::from_str(yaml).map_err(|e| e.to_string())?;
        let mut keys = HashMap::new();
        for (i, a) in file.agencies.iter().enumerate() {
            for spelling in std::iter::once(&a.name).chain(&a.aliases) {
                let k = key(spelling);
                if let Some(j) = keys.insert(k, i)
                    && j != i
                {
                    return Err(format!(
                        "{spelling:?} names both {} and {}",
                        file.agencies[j].id, a.id
                    ));
                }
            }
        }
        for r in &file.reorganisations {
            for m in &r.merges {
                for id in std::iter::once(&m.into).chain(&m.from) {
                    if !file.agencies.iter().any(|a| a.id == *id) {
                        return Err(format!("reorganisation of {}: unknown agency {id}", r.date));
                    }
                }
            }
        }
        let (patterns, finder_ids): (Vec<String>, Vec<usize>) =
            keys.iter().map(|(k, i)| (k.clone(), *i)).unzip();
        let finder = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        Ok(Agencies {
            list: file.agencies,
            reorganisations: file.reorganisations,
            keys,
            finder,
            finder_ids,
        })
    }

    /// The agency with this id.
    pub fn get(&self, id: &str) -> Option<&Agency> {
        self.list.iter().find(|a| a.id == id)
    }

    /// The agency a whole text names ("Sở KH&ĐT", "Giám đốc Sở Kế hoạch và Đầu tư", "Sở Tài
    /// chính tỉnh Kiên Giang").
    pub fn resolve(&self, text: &str) -> Option<&Agency> {
        let text = strip_title(text);
        let folded = fold(text);
        // "… tỉnh" and "… tỉnh Kiên Giang" name the province's own agency.
        let before_province = folded.rfind(" tinh").map(|i| &folded[..i]);
        [Some(folded.as_str()), before_province]
            .into_iter()
            .flatten()
            .find_map(|t| self.keys.get(&key(t)))
            .map(|&i| &self.list[i])
    }

    /// Every agency named inside a longer text, in order of appearance, without repeats.
    pub fn find_all(&self, text: &str) -> Vec<&Agency> {
        let k = key(text);
        let mut out: Vec<&Agency> = Vec::new();
        for m in self.finder.find_iter(&k) {
            let a = &self.list[self.finder_ids[m.pattern().as_usize()]];
            if !out.iter().any(|b| b.id == a.id) {
                out.push(a);
            }
        }
        out
    }

    /// The agency that has `id`'s tasks after every merger in the catalog (itself when never
    /// merged), with the date it took them over.
    pub fn successor<'a>(&'a self, id: &'a str) -> Option<(&'a str, NaiveDate)> {
        let mut current = id;
        let mut since = None;
        for r in &self.reorganisations {
            if let Some(m) = r.merges.iter().find(|m| m.from.iter().any(|f| f == current)) {
                current = &m.into;
                since = Some(r.date);
            }
        }
        since.map(|d| (current, d))
    }
}

/// The matching key of a spelling: folded, with "&", "-", ",", ".", spaces and the word "và" left
/// out ("Sở KH&ĐT" and "Sở KH - ĐT" → "sokhdt").
pub fn key(text: &str) -> String {
    let folded = fold(text);
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && *w != "va").collect()
}

fn strip_title(text: &str) -> &str {
    let mut t = text.trim();
    loop {
        let title =
            TITLES.iter().find(|p| t.get(..p.len()).is_some_and(|h| h.to_lowercase() == **p));
        match title {
            Some(p) => t = t[p.len()..].trim_start(),
            None => return t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_parses_and_is_nfc() {
        use unicode_normalization::UnicodeNormalization;
        assert_eq!(AGENCIES_YAML.nfc().collect::<String>(), AGENCIES_YAML);
        let a = Agencies::parse(AGENCIES_YAML).unwrap();
        assert!(a.list.iter().all(|x| crate::text::slugify(&x.id) == x.id));
        assert!(a.list.len() >= 25);
    }

    #[test]
    fn abbreviations_resolve() {
        let a = Agencies::embedded();
        let id = |t: &str| a.resolve(t).map(|x| x.id.as_str());
        assert_eq!(id("Sở KH&ĐT"), Some("so-ke-hoach-va-dau-tu"));
        assert_eq!(id("Sở KH-ĐT"), Some("so-ke-hoach-va-dau-tu"));
        assert_eq!(id("Giám đốc Sở Kế hoạch và Đầu tư"), Some("so-ke-hoach-va-dau-tu"));
        assert_eq!(id("Sở Kế hoạch và Đầu tư tỉnh"), Some("so-ke-hoach-va-dau-tu"));
        assert_eq!(id("Sở TN&MT"), Some("so-tai-nguyen-va-moi-truong"));
        assert_eq!(id("Sở GD&ĐT"), Some("so-giao-duc-va-dao-tao"));
        assert_eq!(id("Sở LĐTB&XH"), Some("so-lao-dong-thuong-binh-va-xa-hoi"));
        assert_eq!(id("Sở LĐ-TB&XH"), Some("so-lao-dong-thuong-binh-va-xa-hoi"));
        assert_eq!(id("Sở VH-TT&DL"), Some("so-van-hoa-the-thao-va-du-lich"));
        assert_eq!(id("Sở Thông tin Truyền thông"), Some("so-thong-tin-va-truyen-thong"));
        assert_eq!(id("Trung tâm XTĐT, TM&DL"), Some("trung-tam-xuc-tien"));
        assert_eq!(id("UBND cấp huyện"), Some("ubnd-cap-huyen"));
        assert_eq!(id("Công an tỉnh"), Some("cong-an-tinh"));
        assert_eq!(id("Ban Thường vụ Tỉnh uỷ"), Some("ban-thuong-vu-tinh-uy"));
        assert_eq!(id("các sở, ngành"), None);
    }

    #[test]
    fn agencies_inside_a_sentence() {
        let a = Agencies::embedded();
        let found = a.find_all(
            "Thủ trưởng các sở, ngành tỉnh, các đơn vị có liên quan và Chủ tịch Ủy ban nhân dân \
             các huyện, thị xã, thành phố và Văn phòng UBND tỉnh",
        );
        let ids: Vec<&str> = found.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, vec!["ubnd-cap-huyen", "van-phong-ubnd-tinh"]);
    }

    #[test]
    fn the_2025_mergers() {
        let a = Agencies::embedded();
        let date = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        assert_eq!(a.successor("so-ke-hoach-va-dau-tu"), Some(("so-tai-chinh", date)));
        assert_eq!(
            a.successor("so-tai-nguyen-va-moi-truong"),
            Some(("so-nong-nghiep-va-moi-truong", date))
        );
        assert_eq!(
            a.successor("so-thong-tin-va-truyen-thong"),
            Some(("so-khoa-hoc-va-cong-nghe", date))
        );
        assert_eq!(a.successor("so-giao-thong-van-tai"), Some(("so-xay-dung", date)));
        assert_eq!(a.successor("so-lao-dong-thuong-binh-va-xa-hoi"), Some(("so-noi-vu", date)));
        assert_eq!(a.successor("so-y-te"), None);
        let bad = "agencies: [{id: a, name: A, kind: sở}]\nreorganisations:\n  \
                   - {date: 2025-03-01, merges: [{into: a, from: [b]}]}";
        assert!(Agencies::parse(bad).unwrap_err().contains("unknown agency b"));
        let clash = "agencies: [{id: a, name: Sở A, kind: sở}, \
                     {id: b, name: B, kind: sở, aliases: [Sở A]}]\nreorganisations: []";
        assert!(Agencies::parse(clash).unwrap_err().contains("names both"));
    }
}
