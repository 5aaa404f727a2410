//! Tables the scrape flattened into cells separated by lines holding only `|`
//! ("STT\n|\nNhiệm vụ\n|\n…"), read back into rows and written as Markdown tables.

use super::lines::SourceLine;

/// A table read back from `|`-separated cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// 1-based source line of the first cell.
    pub line: usize,
}

/// Longest cell (in lines) accepted; a longer run of text is prose after the table.
const MAX_CELL_LINES: usize = 12;

fn is_separator(s: &str) -> bool {
    s == "|"
}

fn opens_table(s: &str) -> bool {
    matches!(s.to_lowercase().as_str(), "stt" | "tt" | "số tt" | "số thứ tự")
}

/// Reads a table starting at `lines[start]` (a "STT" cell followed by a `|` line); returns it and
/// how many lines it used, or None when the lines there are not such a table.
pub fn read(lines: &[SourceLine], start: usize) -> Option<(Table, usize)> {
    let first = lines.get(start)?;
    if !opens_table(&first.text) || !lines.get(start + 1).is_some_and(|l| is_separator(&l.text)) {
        return None;
    }
    let mut cells: Vec<String> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut i = start;
    while i < lines.len() {
        let t = lines[i].text.as_str();
        if is_separator(t) {
            cells.push(cur.join(" "));
            cur.clear();
        } else if t.is_empty() {
            if !cur.is_empty() {
                break;
            }
        } else {
            if cur.len() == MAX_CELL_LINES {
                i -= cur.len();
                cur.clear();
                break;
            }
            cur.push(t);
        }
        i += 1;
    }
    if !cur.is_empty() {
        cells.push(cur.join(" "));
    }
    let width = cells.iter().position(|c| c == "1")?;
    if width < 2 {
        return None;
    }
    let header: Vec<String> = cells[..width].to_vec();
    let rows: Vec<Vec<String>> = cells[width..]
        .chunks(width)
        .map(|chunk| {
            let mut row = chunk.to_vec();
            row.resize(width, String::new());
            row
        })
        .collect();
    Some((Table { header, rows, line: first.no }, i - start))
}

/// The table as a Markdown (GFM) table.
pub fn to_markdown(t: &Table) -> String {
    let row = |cells: &[String]| {
        let inner: Vec<String> = cells.iter().map(|c| escape_cell(c)).collect();
        format!("| {} |\n", inner.join(" | "))
    };
    let mut out = row(&t.header);
    out.push_str(&format!("|{}\n", "---|".repeat(t.header.len())));
    for r in &t.rows {
        out.push_str(&row(r));
    }
    out
}

fn escape_cell(c: &str) -> String {
    c.replace('\\', "\\\\").replace('|', "\\|").replace('<', "\\<")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<SourceLine> {
        text.lines()
            .enumerate()
            .map(|(i, t)| SourceLine { no: i + 1, text: t.to_string() })
            .collect()
    }

    #[test]
    fn reads_cells_split_over_lines() {
        let src = lines(
            "STT\n|\nNhiệm vụ\n|\nĐơn\nvị chủ trì\n|\n1\n|\nKế hoạch A\n|\nSở\nKH&ĐT\n|\n2\n|\nKế \
            hoạch B | C\n|\nSở Nội\nvụ",
        );
        let (t, used) = read(&src, 0).unwrap();
        assert_eq!(used, src.len());
        assert_eq!(t.header, vec!["STT", "Nhiệm vụ", "Đơn vị chủ trì"]);
        assert_eq!(
            t.rows,
            vec![vec!["1", "Kế hoạch A", "Sở KH&ĐT"], vec!["2", "Kế hoạch B | C", "Sở Nội vụ"]]
        );
        let md = to_markdown(&t);
        assert!(
            md.starts_with("| STT | Nhiệm vụ | Đơn vị chủ trì |\n|---|---|---|\n| 1 |"),
            "{md}"
        );
        assert!(md.contains("Kế hoạch B \\| C"));
    }

    #[test]
    fn not_a_table_without_numbered_rows() {
        assert!(read(&lines("STT\n|\nA\n|\nB"), 0).is_none());
        assert!(read(&lines("Nội dung\n|\nA"), 0).is_none());
    }
}
