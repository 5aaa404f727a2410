//! Finds where a frontmatter key or list entry sits in the file, so semantic errors get a line and column.

/// Positions of keys in a frontmatter block.
pub struct Locator<'a> {
    lines: Vec<&'a str>,
    /// File line of the first YAML line.
    first_line: usize,
}

/// A 1-based line and column in the source file.
pub type Pos = (usize, usize);

impl<'a> Locator<'a> {
    /// Indexes the YAML text that starts at file line `first_line`.
    pub fn new(yaml: &'a str, first_line: usize) -> Self {
        Locator { lines: yaml.lines().collect(), first_line }
    }

    /// Position of the value of top-level `key` (or of the key when the value is on the next lines).
    pub fn key(&self, key: &str) -> Pos {
        self.find_key(0, self.lines.len(), key, true).unwrap_or((self.first_line, 1))
    }

    /// Position of the start of the key `key` itself (for unknown-key errors).
    pub fn key_name(&self, key: &str) -> Pos {
        self.find_key(0, self.lines.len(), key, false).unwrap_or((self.first_line, 1))
    }

    /// Position of `field` in item `index` of the top-level list `list` (or of the item).
    pub fn item(&self, list: &str, index: usize, field: Option<&str>) -> Pos {
        let Some(start) = self.lines.iter().position(|l| top_key(l) == Some(list)) else {
            return self.key(list);
        };
        let end = (start + 1..self.lines.len())
            .find(|&i| top_key(self.lines[i]).is_some())
            .unwrap_or(self.lines.len());
        let items: Vec<usize> =
            (start + 1..end).filter(|&i| self.lines[i].trim_start().starts_with('-')).collect();
        let Some(&item_start) = items.get(index) else {
            return self.key(list);
        };
        let item_end = items.get(index + 1).copied().unwrap_or(end);
        let item_pos =
            (self.first_line + item_start, self.lines[item_start].find('-').unwrap_or(0) + 1);
        match field {
            None => item_pos,
            Some(f) => self.find_key(item_start, item_end, f, true).unwrap_or(item_pos),
        }
    }

    fn find_key(&self, from: usize, to: usize, key: &str, value: bool) -> Option<Pos> {
        for i in from..to {
            let line = self.lines[i];
            let body = line.trim_start_matches([' ', '-']);
            let indent = line.len() - body.len();
            if from == 0 && to == self.lines.len() && indent > 0 {
                continue;
            }
            if let Some(rest) = body.strip_prefix(key)
                && let Some(after) = rest.trim_start().strip_prefix(':')
            {
                if !value {
                    return Some((self.first_line + i, char_col(line, indent)));
                }
                let val_off = line.len() - after.trim_start().len();
                if after.trim().is_empty() {
                    return Some((self.first_line + i, char_col(line, indent)));
                }
                return Some((self.first_line + i, char_col(line, val_off)));
            }
        }
        None
    }
}

fn top_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '-', '#']) {
        return None;
    }
    line.split_once(':').map(|(k, _)| k.trim())
}

fn char_col(line: &str, byte: usize) -> usize {
    line[..byte.min(line.len())].chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_items() {
        let yaml = "title: A\nprovince: Vinh Longg\nimplements:\n  - number: 01/NQ-CP\n    date: 2024-02-30\n";
        let loc = Locator::new(yaml, 2);
        assert_eq!(loc.key("province"), (3, 11));
        assert_eq!(loc.item("implements", 0, Some("date")), (6, 11));
        assert_eq!(loc.item("implements", 0, Some("number")), (5, 13));
    }
}
