//! Targets (chỉ tiêu) and tasks (nhiệm vụ) read from document bodies into data.
//!
//! While the Markdown is rendered, [`collect::Collector`] sets aside the paragraphs and tables a
//! reader may need; [`read`] then turns them into the document's [`Plan`] with the catalogs of
//! `data/indicators.yaml` and `data/agencies.yaml`, and the frontmatter's `targets:` corrections.
//! Lines that could not be read stay in [`Plan::notes`] and become warnings ([`warnings`]).

pub mod agencies;
pub mod clauses;
pub mod collect;
pub mod comparators;
pub mod deadlines;
pub mod frontmatter;
pub mod indicators;
pub mod numbers;
pub mod plan;
pub mod quantity;
pub mod targets;
pub mod tasks;
pub mod units;
pub mod words;

use crate::data::Catalog;
use crate::diagnostics::Diagnostic;
use crate::model::{Body, Document, Meta};
pub use frontmatter::TargetEntry;
pub use plan::{Amount, Due, DueKind, Note, NoteKind, Plan, Target, Task};

/// Reads the blocks the renderer set aside in `body` into its targets and tasks, applying the
/// frontmatter's `targets:` (a `line:` entry replaces what was read on that line).
pub fn read(body: &mut Body, meta: &Meta, catalog: &Catalog) {
    let blocks = std::mem::take(&mut body.plan.blocks);
    let (mut found, mut notes) = targets::read(&blocks, &catalog.indicators);
    let (tasks, task_notes) = tasks::read(&blocks, &catalog.agencies, meta.year);
    for e in &meta.targets {
        if let Some(line) = e.line {
            found.retain(|t| t.line != line);
            notes.retain(|n| n.line != line);
        }
        let Some(v) = &e.value else { continue };
        let block = e.line.and_then(|l| block_at(&blocks, l));
        found.push(Target {
            indicator: Some(v.indicator.clone()),
            amount: v.amount.clone(),
            comparator: v.comparator,
            approx: v.approx,
            equivalent: None,
            clause: v.written.clone(),
            text: block.map_or_else(
                || v.written.clone(),
                |b| b.text[clauses::marker(&b.text).1..].to_string(),
            ),
            number: None,
            group: None,
            anchor: block.map(|b| b.anchor.clone()).unwrap_or_default(),
            line: e.line.unwrap_or(e.at),
            from_frontmatter: true,
        });
    }
    found.sort_by_key(|t| t.line);
    notes.extend(task_notes);
    notes.sort_by_key(|n| n.line);
    body.plan.targets = found;
    body.plan.tasks = tasks;
    body.plan.notes = notes;
}

fn block_at(blocks: &[collect::Block], line: usize) -> Option<&collect::Para> {
    blocks.iter().find_map(|b| match b {
        collect::Block::Para(p) if p.line == line => Some(p),
        _ => None,
    })
}

/// One warning, with its line, for each line of `doc` the readers could not read.
pub fn warnings(doc: &Document, catalog: &Catalog) -> Vec<Diagnostic> {
    doc.body.plan.notes.iter().map(|n| warning(&doc.source, n, catalog)).collect()
}

fn warning(path: &str, n: &Note, catalog: &Catalog) -> Diagnostic {
    let shown = shorten(&n.text, 90);
    let fix = format!(
        "hoặc ghi chỉ tiêu vào frontmatter:\n    targets:\n      - line: {}\n        \
         indicator: …\n        value: \"…\"\n  (ghi skip: true thay cho indicator và value \
         nếu dòng này không phải chỉ tiêu)",
        n.line
    );
    let (message, help) = match &n.kind {
        NoteKind::NoValue => (
            format!("không đọc được chỉ tiêu: dòng không có giá trị nào (\"{shown}\")"),
            format!("viết giá trị với đơn vị, ví dụ \"Tỷ lệ hộ nghèo giảm 0,4%\", {fix}"),
        ),
        NoteKind::NoIndicator => (
            format!("chỉ tiêu không khớp với chỉ tiêu nào trong data/indicators.yaml: \"{shown}\""),
            format!(
                "thêm cách viết này vào `patterns` của chỉ tiêu đúng trong \
                 data/indicators.yaml, {fix}"
            ),
        ),
        NoteKind::Mismatch { indicator, unit, comparator } => {
            let ind = catalog.indicators.get(indicator);
            let name = ind.map_or(indicator.as_str(), |i| i.name.as_str());
            let expected = ind.map_or("", |i| i.unit.as_str());
            let allowed = ind
                .filter(|i| !i.comparators.is_empty())
                .map(|i| format!("; chỉ nhận: {}", i.comparators.join(", ")))
                .unwrap_or_default();
            (
                format!(
                    "giá trị \"{} … {unit}\" không hợp với chỉ tiêu \"{name}\" (đơn vị \
                     {expected}{allowed}): \"{shown}\"",
                    comparator.word(),
                ),
                format!(
                    "kiểm tra đơn vị và từ so sánh; nếu đây là một chỉ tiêu khác, thêm nó vào \
                     data/indicators.yaml, {fix}"
                ),
            )
        }
        NoteKind::Deadline => (
            format!("không đọc được thời hạn \"{shown}\""),
            "viết thời hạn như \"Tháng 01\", \"Quý I\", \"6 tháng đầu năm\", \
             \"Trước ngày 20/12/2024\" hoặc \"Thường xuyên\""
                .to_string(),
        ),
    };
    Diagnostic::warning(path, n.line, 1, message).with_help(help)
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of target lines, task sentences and deadlines, to make arbitrary ones from.
    const PIECES: [&str; 32] = [
        "(1) ",
        "(12)",
        "- ",
        "a) ",
        "Tỷ lệ hộ nghèo",
        "giảm",
        "còn",
        "khoảng",
        "trên",
        "> ",
        "đạt",
        "tăng",
        "8,0",
        "9.266",
        "10-11",
        "từ 3 - 4",
        "%",
        "% GRDP",
        "tỷ đồng",
        "USD",
        "bác sĩ trên 1 vạn dân",
        "trở lên",
        "(tương đương",
        ")",
        "; ",
        ", trong đó ",
        " và ",
        ". Giao Sở KH&ĐT chủ trì, phối hợp với ",
        "trước ngày 30/02/2024",
        "Quý IV",
        "Tháng 13",
        "đ",
    ];

    fn line() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES.to_vec()), 0..14)
            .prop_map(|p| p.join(" "))
    }

    proptest! {
        #[test]
        fn the_readers_never_panic(lines in prop::collection::vec(line(), 1..6), raw in ".{0,80}") {
            static CATALOG: std::sync::LazyLock<Catalog> = std::sync::LazyLock::new(Catalog::load);
            let catalog = &*CATALOG;
            let mut blocks: Vec<collect::Block> = lines
                .iter()
                .chain(std::iter::once(&raw))
                .enumerate()
                .map(|(i, text)| {
                    collect::Block::Para(collect::Para {
                        text: text.clone(),
                        line: i + 1,
                        anchor: String::new(),
                        zone: i % 2 == 0,
                        seq: i as u32,
                    })
                })
                .collect();
            blocks.push(collect::Block::Table(collect::Table {
                header: vec!["Nhiệm vụ".into(), "Cơ quan chủ trì".into(), "Thời hạn".into()],
                rows: lines.iter().map(|l| (vec![l.clone(), l.clone(), l.clone()], 9)).collect(),
                anchor: String::new(),
                zone: false,
            }));
            let (targets, _) = targets::read(&blocks, &catalog.indicators);
            let (_tasks, _) = tasks::read(&blocks, &catalog.agencies, 2024);
            for t in targets {
                prop_assert!(t.amount.value.is_finite());
            }
            let _ = deadlines::find_in(&raw, 2024);
        }
    }
}
