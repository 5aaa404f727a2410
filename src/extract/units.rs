//! Units after a number ("tỷ đồng", "% GRDP", "nghìn lao động"), from `data/indicators.yaml`,
//! with the scale words nghìn, triệu, tỷ that convert between them.

use super::words::{Word, keys, words};
use serde::Deserialize;

/// A unit and the spellings programmes use for it, as listed in `data/indicators.yaml`.
#[derive(Debug, Clone, Deserialize)]
pub struct UnitEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A unit as read: a scale and a base unit ("triệu USD" = 10⁶ × USD).
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub scale: f64,
    /// Canonical name of the base unit; None for a bare scale word ("4,2 triệu").
    pub base: Option<String>,
}

impl Unit {
    /// The unit as the catalog writes it: "triệu đồng", "%", "nghìn lao động".
    pub fn name(&self) -> String {
        let scale = SCALES.iter().find(|(_, v)| *v == self.scale).map(|(n, _)| *n);
        match (scale, &self.base) {
            (Some(s), Some(b)) => format!("{s} {b}"),
            (Some(s), None) => s.to_string(),
            (None, Some(b)) => b.clone(),
            (None, None) => String::new(),
        }
    }
}

/// Scale words, canonical spelling first for each value.
const SCALES: [(&str, f64); 5] =
    [("nghìn tỷ", 1e12), ("nghìn", 1e3), ("ngàn", 1e3), ("triệu", 1e6), ("tỷ", 1e9)];

/// Every unit spelling, longest first, by word keys.
#[derive(Debug, Clone, Default)]
pub struct Units {
    spellings: Vec<(Vec<String>, String)>,
    scales: Vec<(Vec<String>, f64)>,
}

impl Units {
    /// Indexes the unit entries of the catalog.
    pub fn new(entries: &[UnitEntry]) -> Units {
        let mut spellings: Vec<(Vec<String>, String)> = entries
            .iter()
            .flat_map(|e| {
                std::iter::once(&e.name).chain(&e.aliases).map(|s| (keys(s), e.name.clone()))
            })
            .filter(|(k, _)| !k.is_empty())
            .collect();
        spellings.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        let mut scales: Vec<(Vec<String>, f64)> =
            SCALES.iter().map(|(n, v)| (keys(n), *v)).collect();
        scales.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        Units { spellings, scales }
    }

    /// The unit written at word `from` of `words`, and the number of words it takes.
    pub fn read(&self, words: &[Word], from: usize) -> Option<(Unit, usize)> {
        let rest = words.get(from..)?;
        let (scale, n) = self
            .scales
            .iter()
            .find(|(k, _)| starts_with(rest, k))
            .map_or((1.0, 0), |(k, v)| (*v, k.len()));
        let base = self.spellings.iter().find(|(k, _)| starts_with(&rest[n..], k));
        match base {
            Some((k, name)) => Some((Unit { scale, base: Some(name.clone()) }, n + k.len())),
            None if n > 0 => Some((Unit { scale, base: None }, n)),
            None => None,
        }
    }

    /// A whole text read as one unit ("tỷ đồng"); None when it is not exactly a unit.
    pub fn parse(&self, text: &str) -> Option<Unit> {
        let w = words(text);
        self.read(&w, 0).filter(|(_, n)| *n == w.len()).map(|(u, _)| u)
    }

    /// Whether `name` is a known base unit.
    pub fn is_base(&self, name: &str) -> bool {
        self.spellings.iter().any(|(_, n)| n == name)
    }
}

fn starts_with(words: &[Word], keys: &[String]) -> bool {
    words.len() >= keys.len() && keys.iter().zip(words).all(|(k, w)| *k == w.key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units() -> Units {
        let entries: Vec<UnitEntry> = serde_yaml::from_str(
            "- {name: '%'}\n- {name: '% GRDP'}\n- {name: đồng}\n- {name: USD}\n\
             - {name: lao động}\n- {name: bác sĩ, aliases: [bác sỹ]}\n- {name: hợp tác xã}\n\
             - {name: xã}",
        )
        .unwrap();
        Units::new(&entries)
    }

    #[test]
    fn units_with_scales() {
        let u = units();
        let w = words("27.026 tỷ đồng, trong đó");
        let (unit, n) = u.read(&w, 2).unwrap();
        assert_eq!((unit.name().as_str(), n), ("tỷ đồng", 2));
        let w = words("24,09% GRDP theo giá");
        assert_eq!(u.read(&w, 2).unwrap().0.name(), "% GRDP");
        let w = words("16-17 nghìn lao động");
        assert_eq!(u.read(&w, 2).unwrap().0, Unit { scale: 1e3, base: Some("lao động".into()) });
        let w = words("07 hợp tác xã thành lập mới");
        assert_eq!(
            u.read(&w, 1).unwrap(),
            (Unit { scale: 1.0, base: Some("hợp tác xã".into()) }, 3)
        );
        assert_eq!(u.parse("bác sỹ").unwrap().name(), "bác sĩ");
        assert_eq!(u.parse("nghìn tỷ đồng").unwrap().scale, 1e12);
        assert!(u.parse("tỷ đồng vốn").is_none());
        assert!(u.read(&words("đạt chuẩn"), 0).is_none());
    }
}
