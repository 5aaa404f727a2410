//! The indicator catalog (`data/indicators.yaml`): names, units, allowed comparators and the
//! ways programmes write each indicator, and matching a target line against it.

use super::comparators::{Comparator, Reading};
use super::units::{Unit, UnitEntry, Units};
use super::words::{Hit, Pattern, Word};
use serde::{Deserialize, Serialize};

const INDICATORS_YAML: &str = include_str!("../../data/indicators.yaml");

/// One indicator of `data/indicators.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub group: String,
    pub unit: String,
    #[serde(default)]
    pub also: Vec<String>,
    pub higher_is_better: bool,
    #[serde(default)]
    pub comparators: Vec<String>,
    pub patterns: Vec<String>,
}

#[derive(Deserialize)]
struct File {
    units: Vec<UnitEntry>,
    indicators: Vec<Indicator>,
}

/// An indicator ready for matching.
#[derive(Debug, Clone)]
struct Compiled {
    patterns: Vec<Pattern>,
    unit: Unit,
    also: Vec<String>,
    comparators: Vec<Comparator>,
}

/// The indicator catalog, loaded once per run.
#[derive(Debug, Clone)]
pub struct Indicators {
    pub list: Vec<Indicator>,
    pub units: Units,
    compiled: Vec<Compiled>,
}

/// An indicator whose pattern occurs in a text.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Index into `Indicators::list`.
    pub index: usize,
    pub hit: Hit,
}

impl Indicators {
    /// The embedded `data/indicators.yaml` (checked by the test suite, so it cannot fail here).
    pub fn embedded() -> Indicators {
        Indicators::parse(INDICATORS_YAML).expect("data/indicators.yaml is valid")
    }

    /// Parses and checks an indicators file; the error names the first problem.
    pub fn parse(yaml: &str) -> Result<Indicators, String> {
        let file: File = serde_yaml::from_str(yaml).map_err(|e| e.to_string())?;
        let units = Units::new(&file.units);
        let mut compiled = Vec::new();
        for ind in &file.indicators {
            let unit = units
                .parse(&ind.unit)
                .filter(|u| u.base.is_some())
                .ok_or_else(|| format!("{}: unknown unit {:?}", ind.id, ind.unit))?;
            let also = ind
                .also
                .iter()
                .map(|a| {
                    units
                        .parse(a)
                        .and_then(|u| u.base)
                        .ok_or_else(|| format!("{}: unknown unit {a:?}", ind.id))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let comparators = ind
                .comparators
                .iter()
                .map(|c| {
                    Comparator::from_word(c)
                        .ok_or_else(|| format!("{}: unknown comparator {c:?}", ind.id))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let patterns: Vec<Pattern> =
                ind.patterns.iter().filter_map(|p| Pattern::new(p)).collect();
            if patterns.is_empty() || patterns.len() != ind.patterns.len() {
                return Err(format!("{}: empty pattern", ind.id));
            }
            compiled.push(Compiled { patterns, unit, also, comparators });
        }
        Ok(Indicators { list: file.indicators, units, compiled })
    }

    /// The indicator with this id.
    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.list.iter().find(|i| i.id == id)
    }

    fn index(&self, id: &str) -> Option<usize> {
        self.list.iter().position(|i| i.id == id)
    }

    /// The closest id to a misspelt one.
    pub fn suggest(&self, id: &str) -> Option<&str> {
        self.list
            .iter()
            .map(|i| (strsim::normalized_levenshtein(&i.id, id), i.id.as_str()))
            .filter(|(s, _)| *s >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, id)| id)
    }

    /// Every indicator with a pattern in `words`, each with its best hit (most words, then the
    /// widest span).
    pub fn candidates(&self, words: &[Word]) -> Vec<Candidate> {
        self.compiled
            .iter()
            .enumerate()
            .filter_map(|(index, c)| {
                let hit = c
                    .patterns
                    .iter()
                    .filter_map(|p| p.find(words))
                    .max_by_key(|h| (h.size, h.span()))?;
                Some(Candidate { index, hit })
            })
            .collect()
    }

    /// The factor that turns a value written in `unit` into the indicator's unit (None when the
    /// units differ: "USD" for a value in "triệu đồng").
    pub fn factor(&self, index: usize, unit: Option<&Unit>) -> Option<f64> {
        let c = &self.compiled[index];
        let Some(u) = unit else { return Some(1.0) };
        match &u.base {
            None => Some(u.scale / c.unit.scale),
            Some(b) if *b == *c.unit.base.as_ref()? => Some(u.scale / c.unit.scale),
            Some(b) if c.also.contains(b) => Some(u.scale),
            Some(_) => None,
        }
    }

    /// Whether the indicator takes a value read with these comparator words: a change (tăng,
    /// giảm) must be one of its comparators, else the comparator itself.
    pub fn allows(&self, index: usize, reading: &Reading) -> bool {
        let allowed = &self.compiled[index].comparators;
        allowed.is_empty() || allowed.contains(&reading.change.unwrap_or(reading.comparator))
    }

    /// The indicator's unit as written in the catalog.
    pub fn unit_name(&self, index: usize) -> &str {
        &self.list[index].unit
    }

    /// The id of the indicator at `index`.
    pub fn id(&self, index: usize) -> &str {
        &self.list[index].id
    }

    /// The unit `text` names for indicator `id`, and the factor into the indicator's unit.
    pub fn unit_for(&self, id: &str, text: &str) -> Option<f64> {
        let index = self.index(id)?;
        self.factor(index, Some(&self.units.parse(text)?))
    }
}

#[cfg(test)]
mod tests {
    use super::super::words::words;
    use super::*;

    #[test]
    fn the_catalog_parses_and_is_nfc() {
        use unicode_normalization::UnicodeNormalization;
        assert_eq!(INDICATORS_YAML.nfc().collect::<String>(), INDICATORS_YAML);
        let c = Indicators::parse(INDICATORS_YAML).unwrap();
        let mut ids: Vec<&str> = c.list.iter().map(|i| i.id.as_str()).collect();
        assert!(ids.iter().all(|id| crate::text::slugify(id) == *id), "ids are slugs");
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "ids are unique");
        assert!(c.list.len() >= 20);
    }

    #[test]
    fn bad_catalogs_are_refused() {
        let head = "units: [{name: '%'}]\nindicators:\n  - {id: a, name: A, group: G, ";
        let bad_unit = format!("{head}unit: km, higher_is_better: true, patterns: [x]}}");
        assert!(Indicators::parse(&bad_unit).unwrap_err().contains("unknown unit"));
        let bad_cmp = format!(
            "{head}unit: '%', higher_is_better: true, comparators: [nhiều], patterns: [x]}}"
        );
        assert!(Indicators::parse(&bad_cmp).unwrap_err().contains("unknown comparator"));
        let empty = format!("{head}unit: '%', higher_is_better: true, patterns: [' … ']}}");
        assert!(Indicators::parse(&empty).unwrap_err().contains("empty pattern"));
    }

    #[test]
    fn the_longest_pattern_and_the_unit_decide() {
        let c = Indicators::embedded();
        let w = words("Tỷ lệ lao động qua đào tạo nghề đạt 55,6%");
        let best = c.candidates(&w).into_iter().max_by_key(|k| (k.hit.size, k.hit.span())).unwrap();
        assert_eq!(c.id(best.index), "lao-dong-dao-tao-nghe");
        let usd = c.units.parse("USD").unwrap();
        let per_head = c.list.iter().position(|i| i.id == "grdp-binh-quan-dau-nguoi").unwrap();
        assert_eq!(c.factor(per_head, Some(&usd)), None);
        assert_eq!(c.unit_for("viec-lam-moi", "nghìn lao động"), Some(1000.0));
        assert_eq!(c.unit_for("bac-si-van-dan", "bác sỹ"), Some(1.0));
        assert_eq!(c.suggest("tang-truong-grd"), Some("tang-truong-grdp"));
    }
}
