//! Ids of an index's distinct terms, handed out to the threads analysing documents, so adding a
//! document's postings indexes an array instead of hashing and comparing every term again.

use rustc_hash::FxHashMap;
use std::sync::RwLock;

/// Term text → id, shared by the analysing threads (mostly read: a site's vocabulary is soon known).
#[derive(Default)]
pub(crate) struct TermIds {
    map: RwLock<FxHashMap<Box<str>, u32>>,
}

impl TermIds {
    /// Ids of `terms`, in order; terms not seen before get the next ids.
    pub(crate) fn ids<'a>(&self, terms: impl Iterator<Item = &'a str>) -> Vec<u32> {
        let mut ids = Vec::with_capacity(terms.size_hint().0);
        let mut new: Vec<(usize, &str)> = Vec::new();
        {
            let map = self.map.read().unwrap_or_else(|e| e.into_inner());
            for (i, term) in terms.enumerate() {
                match map.get(term) {
                    Some(&id) => ids.push(id),
                    None => {
                        ids.push(u32::MAX);
                        new.push((i, term));
                    }
                }
            }
        }
        if !new.is_empty() {
            let mut map = self.map.write().unwrap_or_else(|e| e.into_inner());
            for (i, term) in new {
                let next = map.len() as u32;
                ids[i] = *map.entry(term.into()).or_insert(next);
            }
        }
        ids
    }

    /// Every term, at its id.
    pub(crate) fn into_terms(self) -> Vec<Box<str>> {
        let map = self.map.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut terms: Vec<Box<str>> = vec![Box::from(""); map.len()];
        for (term, id) in map {
            terms[id as usize] = term;
        }
        terms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_terms_get_equal_ids_across_threads() {
        let ids = TermIds::default();
        let words: Vec<String> = (0..2000).map(|i| format!("t{}", i % 700)).collect();
        let got: Vec<Vec<u32>> = std::thread::scope(|s| {
            let handles: Vec<_> =
                (0..4).map(|_| s.spawn(|| ids.ids(words.iter().map(String::as_str)))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(got.windows(2).all(|w| w[0] == w[1]));
        let terms = ids.into_terms();
        assert_eq!(terms.len(), 700);
        for (w, id) in words.iter().zip(&got[0]) {
            assert_eq!(&*terms[*id as usize], w.as_str());
        }
    }
}
