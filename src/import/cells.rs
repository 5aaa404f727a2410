//! Header cells a portal put on one line, separated by `|` ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI
//! CHỦ NGHĨA VIỆT NAM |", "Số: 881/QĐ-UBND | Đà Nẵng, ngày 25 tháng 02 năm 2019 |",
//! "| TM. ỦY BAN NHÂN DÂN |"), put one cell per line with `|` lines between them, the layout the
//! rest of the importer reads. Other lines with `|` are left as they are.

use super::header_lines::cell_kind;
use super::lines::SourceLine;
use crate::data::Catalog;

/// The lines with header cells on one line split into a line per cell.
pub fn split(lines: Vec<SourceLine>, catalog: &Catalog) -> Vec<SourceLine> {
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        let t = l.text.as_str();
        let cells: Vec<&str> =
            t.trim_matches('|').split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
        let several = cells.len() >= 2 || (t.starts_with('|') && cells.len() == 1);
        if !several || !cells.iter().any(|c| cell_kind(c, catalog).is_some()) {
            out.push(l);
            continue;
        }
        let line = |text: &str| SourceLine { no: l.no, text: text.to_string() };
        if t.starts_with('|') {
            out.push(line("|"));
        }
        for c in cells {
            out.push(line(c));
            out.push(line("|"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<String> {
        let lines = src
            .lines()
            .enumerate()
            .map(|(i, t)| SourceLine { no: i + 1, text: t.to_string() })
            .collect();
        split(lines, &Catalog::load()).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn header_cells_get_a_line_each() {
        assert_eq!(
            texts("Số: 881/QĐ-UBND | Đà Nẵng, ngày 25 tháng 02 năm 2019 |"),
            vec!["Số: 881/QĐ-UBND", "|", "Đà Nẵng, ngày 25 tháng 02 năm 2019", "|"]
        );
        assert_eq!(texts("| TM. ỦY BAN NHÂN DÂN |"), vec!["|", "TM. ỦY BAN NHÂN DÂN", "|"]);
        assert_eq!(texts("ỦY BAN NHÂN DÂN |"), vec!["ỦY BAN NHÂN DÂN |"]);
        assert_eq!(texts("1 | Kế hoạch A | Sở Nội vụ |"), vec!["1 | Kế hoạch A | Sở Nội vụ |"]);
    }
}
