//! Strip plot: one band per group (a year), one mark per item (a province) at its value (days), the
//! group's median marked with a line.

use super::svg::{GRID, MARK, MEDIAN, Scale, Svg, tick_label};
use super::{Cell, Figure, Labels, Mark, Table, Words, format_number, median, summary};
use serde::Serialize;

/// A strip plot's input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StripPlot {
    pub labels: Labels,
    /// Header of the group column of the table: "Năm".
    pub group_head: String,
    /// Header of the item column of the table: "Tỉnh, thành phố".
    pub item_head: String,
    pub groups: Vec<StripGroup>,
}

/// One band of a strip plot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StripGroup {
    pub label: String,
    pub marks: Vec<Mark>,
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 72.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 20.0;
const BAND: f64 = 64.0;
const AXIS: f64 = 48.0;
/// Vertical distance between marks of equal value, stacked around the band's centre.
const STACK: f64 = 7.0;

/// Draws a strip plot and tabulates its figures.
pub fn strip_plot(plot: &StripPlot, words: &Words) -> Figure {
    let height = TOP + BAND * plot.groups.len().max(1) as f64 + AXIS;
    let all = plot.groups.iter().flat_map(|g| g.marks.iter().map(|m| m.value));
    let x = Scale::new(all, LEFT, WIDTH - RIGHT);
    let desc: Vec<String> = plot
        .groups
        .iter()
        .map(|g| format!("{}: {}", g.label, summary(&g.marks, &plot.labels, words)))
        .collect();
    let mut svg = Svg::new(&plot.labels, WIDTH, height, &(desc.join(". ") + "."));
    let axis_y = TOP + BAND * plot.groups.len().max(1) as f64;
    for t in x.ticks() {
        svg.line((x.at(t), TOP), (x.at(t), axis_y), GRID, 1.0);
        svg.text(x.at(t), axis_y + 16.0, "middle", &tick_label(t));
    }
    svg.line((LEFT, axis_y), (WIDTH - RIGHT, axis_y), super::svg::INK, 1.0);
    svg.text((LEFT + WIDTH - RIGHT) / 2.0, axis_y + 38.0, "middle", &plot.labels.value);
    for (g, group) in plot.groups.iter().enumerate() {
        let yc = TOP + BAND * g as f64 + BAND / 2.0;
        svg.text(LEFT - 10.0, yc + 4.0, "end", &group.label);
        for (m, dy) in stacked(&group.marks) {
            let title = format!("{}: {}", m.label, plot.labels.with_unit(m.value));
            svg.circle(x.at(m.value), yc + dy, 5.0, MARK, &title);
        }
        let values: Vec<f64> = group.marks.iter().map(|m| m.value).collect();
        if let Some(med) = median(&values) {
            let mx = x.at(med);
            svg.line((mx, yc - 18.0), (mx, yc + 18.0), MEDIAN, 2.5);
            let label = format!("{} {}", words.median, format_number(med));
            svg.push(&format!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{MEDIAN}\">{}</text>",
                super::svg::num(mx),
                super::svg::num(yc - 22.0),
                quick_xml::escape::escape(label.as_str())
            ));
        }
    }
    Figure { svg: svg.finish(), table: table(plot, words) }
}

/// The marks with finite values, by value then label, each with its vertical offset: marks of
/// equal value alternate above and below the centre.
fn stacked(marks: &[Mark]) -> Vec<(&Mark, f64)> {
    let mut sorted: Vec<&Mark> = marks.iter().filter(|m| m.value.is_finite()).collect();
    sorted.sort_by(|a, b| a.value.total_cmp(&b.value).then_with(|| a.label.cmp(&b.label)));
    let mut out = Vec::with_capacity(sorted.len());
    let mut run = 0usize;
    for (i, m) in sorted.iter().enumerate() {
        run = if i > 0 && sorted[i - 1].value == m.value { run + 1 } else { 0 };
        let step = run.div_ceil(2) as f64 * STACK;
        let dy = if run % 2 == 1 { -step } else { step };
        out.push((*m, dy));
    }
    out
}

fn table(plot: &StripPlot, words: &Words) -> Table {
    let mut rows = Vec::new();
    let mut foot = Vec::new();
    for g in &plot.groups {
        for (m, _) in stacked(&g.marks) {
            rows.push(vec![
                Cell::text(&g.label),
                Cell { text: m.label.clone(), href: m.href.clone() },
                Cell::text(format_number(m.value)),
            ]);
        }
        let values: Vec<f64> = g.marks.iter().map(|m| m.value).collect();
        let med = median(&values).map_or_else(|| words.no_data.clone(), format_number);
        foot.push(vec![Cell::text(&g.label), Cell::text(&words.median), Cell::text(med)]);
    }
    Table {
        caption: plot.labels.title.clone(),
        head: vec![plot.group_head.clone(), plot.item_head.clone(), plot.labels.value.clone()],
        rows,
        foot,
    }
}
