//! Line chart: one line per series over categories (years), each line named at its end; a missing
//! value breaks the line.

use super::svg::{GRID, INK, PALETTE, Scale, Svg, num, tick_label};
use super::{Cell, Figure, Labels, Table, Words, format_number};
use quick_xml::escape::escape;
use serde::Serialize;

/// A line chart's input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineChart {
    pub labels: Labels,
    /// Header of the series column of the table: "Tỉnh, thành phố".
    pub series_head: String,
    /// The categories along the horizontal axis, in order: "2021", "2022"…
    pub categories: Vec<String>,
    pub lines: Vec<Line>,
}

/// One series: a value (or none) per category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub label: String,
    pub values: Vec<Option<f64>>,
    /// Page the series' row of the table links to.
    pub href: Option<String>,
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 152.0;
const TOP: f64 = 32.0;
const PLOT: f64 = 240.0;
const BOTTOM: f64 = 32.0;
/// Least vertical distance between two lines' names.
const LABEL_GAP: f64 = 14.0;

/// Draws a line chart and tabulates its figures.
pub fn line_chart(chart: &LineChart, words: &Words) -> Figure {
    let n = chart.categories.len().max(1);
    let values = chart.lines.iter().flat_map(|l| l.values.iter().flatten().copied());
    let y = Scale::new(values, TOP + PLOT, TOP);
    let band = (WIDTH - LEFT - RIGHT) / n as f64;
    let x = |i: usize| LEFT + band * (i as f64 + 0.5);
    let mut svg = Svg::new(&chart.labels, WIDTH, TOP + PLOT + BOTTOM, &desc(chart, words));
    for t in y.ticks() {
        svg.line((LEFT, y.at(t)), (WIDTH - RIGHT, y.at(t)), GRID, 1.0);
        svg.text(LEFT - 6.0, y.at(t) + 4.0, "end", &tick_label(t));
    }
    svg.text(LEFT, TOP - 14.0, "start", &chart.labels.value);
    svg.line((LEFT, TOP + PLOT), (WIDTH - RIGHT, TOP + PLOT), INK, 1.0);
    for (i, c) in chart.categories.iter().enumerate() {
        svg.text(x(i), TOP + PLOT + 18.0, "middle", c);
    }
    let mut ends: Vec<(f64, usize)> = Vec::new();
    for (s, line) in chart.lines.iter().enumerate() {
        let colour = PALETTE[s % PALETTE.len()];
        let points: Vec<(usize, f64)> = line
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i, v)))
            .collect();
        for run in points.chunk_by(|a, b| b.0 == a.0 + 1) {
            if run.len() > 1 {
                let pts: Vec<String> =
                    run.iter().map(|(i, v)| format!("{},{}", num(x(*i)), num(y.at(*v)))).collect();
                svg.push(&format!(
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
                    pts.join(" ")
                ));
            }
        }
        for (i, v) in &points {
            let title =
                format!("{}, {}: {}", line.label, chart.categories[*i], chart.labels.with_unit(*v));
            svg.circle(x(*i), y.at(*v), 4.0, colour, &title);
        }
        if let Some((_, v)) = points.last() {
            ends.push((y.at(*v), s));
        }
    }
    for (ly, s) in spread(ends) {
        let colour = PALETTE[s % PALETTE.len()];
        svg.push(&format!(
            "<text x=\"{}\" y=\"{}\" fill=\"{colour}\">{}</text>",
            num(WIDTH - RIGHT + 8.0),
            num(ly + 4.0),
            escape(chart.lines[s].label.as_str())
        ));
    }
    Figure { svg: svg.finish(), table: table(chart, words) }
}

/// The lines' name positions, top to bottom, moved apart to at least [`LABEL_GAP`].
fn spread(mut ends: Vec<(f64, usize)>) -> Vec<(f64, usize)> {
    ends.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for i in 1..ends.len() {
        if ends[i].0 < ends[i - 1].0 + LABEL_GAP {
            ends[i].0 = ends[i - 1].0 + LABEL_GAP;
        }
    }
    ends
}

/// "Vĩnh Long: 2021 14 ngày, 2022 không có số liệu, …" per line.
fn desc(chart: &LineChart, words: &Words) -> String {
    let lines: Vec<String> = chart
        .lines
        .iter()
        .map(|l| {
            let vals: Vec<String> = chart
                .categories
                .iter()
                .enumerate()
                .map(|(i, c)| match l.values.get(i).copied().flatten().filter(|v| v.is_finite()) {
                    Some(v) => format!("{c} {}", chart.labels.with_unit(v)),
                    None => format!("{c} {}", words.no_data),
                })
                .collect();
            format!("{}: {}", l.label, vals.join(", "))
        })
        .collect();
    lines.join(". ") + "."
}

fn table(chart: &LineChart, words: &Words) -> Table {
    let mut head = vec![chart.series_head.clone()];
    head.extend(chart.categories.iter().cloned());
    let rows = chart
        .lines
        .iter()
        .map(|l| {
            let mut row = vec![Cell { text: l.label.clone(), href: l.href.clone() }];
            row.extend((0..chart.categories.len()).map(|i| {
                Cell::text(
                    l.values
                        .get(i)
                        .copied()
                        .flatten()
                        .filter(|v| v.is_finite())
                        .map_or_else(|| words.no_data.clone(), format_number),
                )
            }));
            row
        })
        .collect();
    Table { caption: chart.labels.title.clone(), head, rows, foot: Vec::new() }
}
