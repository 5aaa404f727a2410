//! Editable data the build relies on: provinces, document types, issuer codes, UI strings,
//! indicators and agencies.
//!
//! The YAML files live in `data/` and are embedded in the binary.

use crate::text::{fold, slugify, tone_key};
use serde::Deserialize;
use std::collections::BTreeMap;

const PROVINCES_YAML: &str = include_str!("../data/provinces.yaml");
const TYPES_YAML: &str = include_str!("../data/document-types.yaml");
const UI_YAML: &str = include_str!("../data/ui.vi.yaml");

/// A province or centrally-run city as it was named before 1 July 2025.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct OldProvince {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub merged_into: String,
}

/// A province-level unit from 1 July 2025, with the old provinces it took in.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct NewProvince {
    pub name: String,
    pub kind: String,
    pub took_in: Vec<String>,
}

#[derive(Deserialize)]
struct ProvincesFile {
    merged_on: chrono::NaiveDate,
    before_2025: Vec<OldProvince>,
    after_2025: Vec<NewProvince>,
}

/// A document type (`type:` value) or a kind that can only be cited.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct DocType {
    pub name: String,
    pub slug: String,
    pub plural: String,
    #[serde(default)]
    pub codes: Vec<String>,
    #[serde(default)]
    pub cite_words: Vec<String>,
}

/// A national body and the issuer code its numbers carry ("01/NQ-CP": CP, Chính phủ).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct Issuer {
    /// The code as spelt in numbers (canonical spelling).
    pub code: String,
    /// The body's name shown on the site.
    pub name: String,
    /// Other bodies issuing under the same code ("TW": Bộ Chính trị, Ban Bí thư).
    #[serde(default)]
    pub bodies: Vec<String>,
}

#[derive(Deserialize)]
struct Issuers {
    central: Vec<Issuer>,
    #[allow(dead_code)]
    provincial: Vec<String>,
}

#[derive(Deserialize)]
struct TypesFile {
    types: Vec<DocType>,
    cited_only: Vec<DocType>,
    issuers: Issuers,
}

/// Everything from `data/`, loaded once per run and passed to the stages that need it.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The day the 63 provinces became 34 units (1 July 2025).
    pub merged_on: chrono::NaiveDate,
    /// The 63 provinces before that day.
    pub before_2025: Vec<OldProvince>,
    pub after_2025: Vec<NewProvince>,
    pub types: Vec<DocType>,
    pub cited_only: Vec<DocType>,
    /// Central issuer codes, folded (see `text::fold`), in the order of `issuers`.
    central_issuers: Vec<String>,
    /// Every issuer code as `data/document-types.yaml` spells it, central and provincial.
    issuer_spellings: Vec<String>,
    /// The national bodies, from `issuers.central` of `data/document-types.yaml`.
    pub issuers: Vec<Issuer>,
    /// Tone-placement key of every accepted province spelling → canonical name.
    province_keys: BTreeMap<String, String>,
    /// UI strings for templates (from `data/ui.vi.yaml`), by key.
    pub ui: Ui,
    /// Indicators targets are read against (`data/indicators.yaml`).
    pub indicators: crate::extract::indicators::Indicators,
    /// Agencies tasks are given to (`data/agencies.yaml`).
    pub agencies: crate::extract::agencies::Agencies,
}

impl Catalog {
    /// Loads the embedded data files; they are checked by the test suite, so this cannot fail at run time.
    pub fn load() -> Catalog {
        let provinces: ProvincesFile =
            serde_yaml::from_str(PROVINCES_YAML).expect("data/provinces.yaml is valid");
        let types: TypesFile =
            serde_yaml::from_str(TYPES_YAML).expect("data/document-types.yaml is valid");
        let ui: Ui = serde_yaml::from_str(UI_YAML).expect("data/ui.vi.yaml is valid");
        let mut province_keys = BTreeMap::new();
        for p in &provinces.before_2025 {
            province_keys.insert(tone_key(&p.name), p.name.clone());
            for a in &p.aliases {
                province_keys.insert(tone_key(a), p.name.clone());
            }
        }
        for p in &provinces.after_2025 {
            province_keys.entry(tone_key(&p.name)).or_insert_with(|| p.name.clone());
        }
        Catalog {
            merged_on: provinces.merged_on,
            before_2025: provinces.before_2025,
            after_2025: provinces.after_2025,
            types: types.types,
            cited_only: types.cited_only,
            central_issuers: types.issuers.central.iter().map(|c| fold(&c.code)).collect(),
            issuer_spellings: types
                .issuers
                .central
                .iter()
                .map(|c| &c.code)
                .chain(&types.issuers.provincial)
                .cloned()
                .collect(),
            issuers: types.issuers.central,
            province_keys,
            ui,
            indicators: crate::extract::indicators::Indicators::embedded(),
            agencies: crate::extract::agencies::Agencies::embedded(),
        }
    }

    /// Canonical province name for a spelling (tone placement and case ignored), if known.
    pub fn province(&self, name: &str) -> Option<&str> {
        self.province_keys.get(&tone_key(name.trim())).map(String::as_str)
    }

    /// Every canonical province name, pre- and post-2025 (sorted, deduplicated).
    pub fn province_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.province_keys.values().map(String::as_str).collect();
        names.sort();
        names.dedup();
        names
    }

    /// The closest known province names to a misspelt one.
    pub fn suggest_province(&self, name: &str) -> Option<&str> {
        closest(name, self.province_names())
    }

    /// The post-2025 unit an old province is now part of, when that differs from itself.
    pub fn now_part_of(&self, name: &str) -> Option<&str> {
        self.before_2025
            .iter()
            .find(|p| p.name == name && p.merged_into != name)
            .map(|p| p.merged_into.as_str())
    }

    /// The unit a document should be filed under when its province no longer existed on its
    /// date: issued on or after the merger, or with no date and a later plan year.
    pub fn merged_away(
        &self,
        province: &str,
        issued: Option<chrono::NaiveDate>,
        year: i32,
    ) -> Option<&str> {
        let after = match issued {
            Some(d) => d >= self.merged_on,
            None => year > chrono::Datelike::year(&self.merged_on),
        };
        self.now_part_of(province).filter(|_| after)
    }

    /// The warning for a document filed under a province that no longer existed on its date
    /// (`issued`, else its plan `year`).
    pub fn merged_away_warning(
        &self,
        province: &str,
        unit: &str,
        issued: Option<chrono::NaiveDate>,
        year: i32,
    ) -> Advice {
        let on = self.merged_on.format("%d/%m/%Y");
        let when = match issued {
            Some(d) => format!("văn bản ban hành ngày {}", d.format("%d/%m/%Y")),
            None => format!("văn bản của năm {year}"),
        };
        Advice {
            message: format!("{province} đã thuộc {unit} từ ngày {on}, trước khi có {when}"),
            help: format!(
                "ghi province: {unit} (văn bản ban hành trước ngày {on} vẫn ghi {province})"
            ),
        }
    }

    /// The old provinces a post-2025 unit took in (other than itself).
    pub fn took_in(&self, name: &str) -> Vec<&str> {
        self.after_2025
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.took_in.iter().map(String::as_str).filter(|n| *n != name).collect())
            .unwrap_or_default()
    }

    /// The document type named `name` (tone placement and case ignored).
    pub fn doc_type(&self, name: &str) -> Option<&DocType> {
        // Validated documents carry the catalog's own spelling: found without building keys.
        if let Some(t) = self.types.iter().find(|t| t.name == name) {
            return Some(t);
        }
        let key = tone_key(name.trim());
        self.types.iter().find(|t| tone_key(&t.name) == key)
    }

    /// The closest valid type name to a misspelt one.
    pub fn suggest_type(&self, name: &str) -> Option<&str> {
        closest(name, self.types.iter().map(|t| t.name.as_str()).collect())
    }

    /// Whether a number's issuer part names a national body (CP, TTg, TW…), so its number is unique nation-wide.
    pub fn is_central_number(&self, number: &str) -> bool {
        self.central_issuer_of(number).is_some()
    }

    /// The national body of a central issuer code ("CP", "ttg", "QH15"), if it is one.
    pub fn issuer(&self, code: &str) -> Option<&Issuer> {
        // "QH15" is the Quốc hội of the 15th term: the term number is not part of the issuer
        let key = fold(code.trim().trim_end_matches(|c: char| c.is_ascii_digit()));
        self.central_issuers.iter().position(|k| *k == key).map(|i| &self.issuers[i])
    }

    /// The name of the national body of a central issuer code: "CP" → "Chính phủ".
    pub fn issuer_name(&self, code: &str) -> Option<&str> {
        self.issuer(code).map(|i| i.name.as_str())
    }

    /// The national body a number's issuer part names: "01/NQ-CP" → Chính phủ; None when provincial.
    pub fn central_issuer_of(&self, number: &str) -> Option<&Issuer> {
        issuer_codes(number).into_iter().find_map(|code| self.issuer(code)).or_else(|| {
            // A Công văn has no type code: its first part is the issuer ("892/BKHĐT-TH").
            let (head, tail) = number.trim().split_once('/')?;
            let first = tail.rsplit('/').next()?.split('-').next()?;
            (!head.contains('-')).then(|| self.issuer(first)).flatten()
        })
    }

    /// The spelling `data/document-types.yaml` gives an issuer code, matched ignoring case and
    /// diacritics: "TTG" → "TTg", "HDND" → "HĐND".
    pub fn issuer_code(&self, code: &str) -> Option<&str> {
        let key = fold(code);
        self.issuer_spellings.iter().find(|c| fold(c) == key).map(String::as_str)
    }

    /// Every word that introduces a citation ("Nghị quyết", "Kế hoạch"…), longest first.
    pub fn cite_words(&self) -> Vec<&str> {
        let mut words: Vec<&str> = self
            .types
            .iter()
            .chain(&self.cited_only)
            .flat_map(|t| t.cite_words.iter().map(String::as_str))
            .collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        words.dedup();
        words
    }
}

/// What to tell an editor about a name (unknown, or no longer right on the document's date), and a fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    /// What is wrong ("không có tỉnh, thành phố nào tên …").
    pub message: String,
    /// The closest known name, or where the valid names are.
    pub help: String,
}

impl Catalog {
    /// The canonical name of a province spelling, or what to tell the editor (with the closest name).
    pub fn resolve_province(&self, name: &str) -> Result<&str, Advice> {
        self.province(name).ok_or_else(|| Advice {
            message: format!("không có tỉnh, thành phố nào tên \"{name}\""),
            help: self.suggest_province(name).map_or_else(
                || {
                    "dùng tên tỉnh, thành phố như trong data/provinces.yaml, ví dụ: Vĩnh Long"
                        .into()
                },
                |s| format!("có phải là \"{s}\"?"),
            ),
        })
    }

    /// The document type a name means, or what to tell the editor (with the closest type).
    pub fn resolve_type(&self, name: &str) -> Result<&DocType, Advice> {
        self.doc_type(name).ok_or_else(|| Advice {
            message: format!("loại văn bản không hợp lệ: \"{name}\""),
            help: self.suggest_type(name).map_or_else(
                || {
                    let names: Vec<&str> = self.types.iter().map(|t| t.name.as_str()).collect();
                    format!("các loại hợp lệ: {}", names.join(", "))
                },
                |s| format!("có phải là \"{s}\"?"),
            ),
        })
    }
}

/// The issuer codes of a number: "22/KH-UBND" → ["UBND"], "64-KL/TW" → ["TW"],
/// "226/TTr-SKHĐT-TH" → ["SKHĐT", "TH"].
pub fn issuer_codes(number: &str) -> Vec<&str> {
    let number = number.trim();
    if let Some((head, tail)) = number.split_once('/') {
        if head.contains('-') {
            // Party form: serial-TYPE/ISSUER
            return tail.split(['-', '/']).filter(|s| !s.is_empty()).collect();
        }
        // State form: serial[/year]/TYPE-ISSUER[-SUB]
        let last = tail.rsplit('/').next().unwrap_or(tail);
        if !last.contains('-') && tail.contains('/') {
            // serial/year/ISSUER without a type code: "74/2022/QH15"
            return vec![last];
        }
        return last.split('-').skip(1).filter(|s| !s.is_empty()).collect();
    }
    Vec::new()
}

fn closest<'a>(name: &str, candidates: Vec<&'a str>) -> Option<&'a str> {
    let target = fold(name);
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_levenshtein(&fold(c), &target), c))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// Slug of a province name for URLs.
pub fn province_slug(name: &str) -> String {
    slugify(name)
}

impl Catalog {
    /// The kind name for a number's type code: "01/NQ-CP" → "Nghị quyết", "64-KL/TW" → "Kết luận".
    pub fn kind_for_number(&self, number: &str) -> Option<&str> {
        let code = type_code(number)?;
        let key = fold(code);
        self.types
            .iter()
            .chain(&self.cited_only)
            .find(|t| t.codes.iter().any(|c| fold(c) == key))
            .map(|t| t.cite_words.first().map_or(t.name.as_str(), String::as_str))
    }
}

/// The type code of a number: "22/KH-UBND" → "KH", "64-KL/TW" → "KL", "94/2022/NĐ-CP" → "NĐ".
pub fn type_code(number: &str) -> Option<&str> {
    let (head, tail) = number.trim().split_once('/')?;
    if let Some((_, code)) = head.split_once('-') {
        return Some(code);
    }
    let last = tail.rsplit('/').next()?;
    last.split('-').next().filter(|c| !c.is_empty() && !c.chars().all(|ch| ch.is_ascii_digit()))
}

/// The UI strings of `data/ui.vi.yaml`, by key.
pub type Ui = BTreeMap<String, String>;

/// A UI string from `data/ui.vi.yaml` (the key itself when missing, so a gap is visible).
pub fn ui_str(ui: &Ui, key: &str) -> String {
    ui.get(key).map_or(key, String::as_str).to_string()
}

impl Catalog {
    /// A UI string from `data/ui.vi.yaml` (the key itself when missing, so a gap is visible).
    pub fn ui_str(&self, key: &str) -> String {
        ui_str(&self.ui, key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_codes_of_both_forms() {
        assert_eq!(issuer_codes("22/KH-UBND"), vec!["UBND"]);
        assert_eq!(issuer_codes("64-KL/TW"), vec!["TW"]);
        assert_eq!(issuer_codes("94/2022/NĐ-CP"), vec!["CP"]);
        assert_eq!(issuer_codes("226/TTr-SKHĐT-TH"), vec!["SKHĐT", "TH"]);
        assert_eq!(issuer_codes("74/2022/QH15"), vec!["QH15"]);
    }

    #[test]
    fn central_codes_name_their_bodies() {
        let c = Catalog::load();
        assert_eq!(c.issuer_name("CP"), Some("Chính phủ"));
        assert_eq!(c.issuer_name("ttg"), Some("Thủ tướng Chính phủ"));
        assert_eq!(c.issuer_name("QH15"), Some("Quốc hội"));
        assert_eq!(c.issuer_name("UBND"), None);
        assert_eq!(c.central_issuer_of("64-KL/TW").map(|i| i.code.as_str()), Some("TW"));
        assert_eq!(
            c.central_issuer_of("892/BKHĐT-TH").map(|i| i.name.as_str()),
            Some("Bộ Kế hoạch và Đầu tư")
        );
        assert!(c.central_issuer_of("22/KH-UBND").is_none());
        // Every code of domain.md's list has a name, and codes keep their spelling.
        for code in [
            "CP", "TTg", "QH", "UBTVQH", "TW", "VPCP", "NHNN", "BKHĐT", "BTC", "BNV", "BYT",
            "BGDĐT", "BCT", "BNNPTNT", "BTNMT", "BXD", "BGTVT", "BTTTT", "BKHCN", "BLĐTBXH",
            "BVHTTDL", "BTP", "BQP", "BCA",
        ] {
            assert_eq!(c.issuer(code).map(|i| i.code.as_str()), Some(code));
        }
        for i in &c.issuers {
            assert_eq!(crate::text::nfc(&i.name), i.name);
        }
    }

    #[test]
    fn a_term_numbered_issuer_is_central() {
        let c = Catalog::load();
        assert!(c.is_central_number("74/2022/QH15"));
        assert!(c.is_central_number("01/NQ-CP"));
        assert!(!c.is_central_number("138/NQ-HĐND"));
    }

    #[test]
    fn issuer_codes_have_one_spelling() {
        let c = Catalog::load();
        assert_eq!(c.issuer_code("TTG"), Some("TTg"));
        assert_eq!(c.issuer_code("hdnd"), Some("HĐND"));
        assert_eq!(c.issuer_code("TU"), Some("TU"));
        assert_eq!(c.issuer_code("SKHĐT"), None);
    }
}
