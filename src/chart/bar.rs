//! Bar chart: one horizontal bar per item (a province), its value written at its end.

use super::svg::{GRID, INK, MARK, Scale, Svg, num, tick_label};
use super::{Cell, Figure, Labels, Mark, Table, Words, format_number, summary};
use quick_xml::escape::escape;
use serde::Serialize;

/// A bar chart's input; bars are drawn in the order given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BarChart {
    pub labels: Labels,
    /// Header of the item column of the table: "Tỉnh, thành phố".
    pub item_head: String,
    pub bars: Vec<Mark>,
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 168.0;
const RIGHT: f64 = 56.0;
const TOP: f64 = 12.0;
const ROW: f64 = 22.0;
const BAR: f64 = 14.0;
const AXIS: f64 = 48.0;

/// Draws a bar chart and tabulates its figures.
pub fn bar_chart(chart: &BarChart, words: &Words) -> Figure {
    let bars: Vec<&Mark> = chart.bars.iter().filter(|m| m.value.is_finite()).collect();
    let height = TOP + ROW * bars.len().max(1) as f64 + AXIS;
    let x = Scale::new(bars.iter().map(|m| m.value), LEFT, WIDTH - RIGHT);
    let desc = summary(&chart.bars, &chart.labels, words) + ".";
    let mut svg = Svg::new(&chart.labels, WIDTH, height, &desc);
    let axis_y = TOP + ROW * bars.len().max(1) as f64;
    for t in x.ticks() {
        svg.line((x.at(t), TOP), (x.at(t), axis_y), GRID, 1.0);
        svg.text(x.at(t), axis_y + 16.0, "middle", &tick_label(t));
    }
    svg.text((LEFT + WIDTH - RIGHT) / 2.0, axis_y + 38.0, "middle", &chart.labels.value);
    let zero = x.at(0.0);
    for (i, m) in bars.iter().enumerate() {
        let y = TOP + ROW * i as f64 + (ROW - BAR) / 2.0;
        let (x0, x1) = if m.value < 0.0 { (x.at(m.value), zero) } else { (zero, x.at(m.value)) };
        svg.text(LEFT - 8.0, y + BAR - 3.0, "end", &m.label);
        svg.push(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{MARK}\"><title>{}</title></rect>",
            num(x0),
            num(y),
            num(x1 - x0),
            num(BAR),
            escape(format!("{}: {}", m.label, chart.labels.with_unit(m.value)).as_str())
        ));
        let (vx, anchor) = if m.value < 0.0 { (x0 - 4.0, "end") } else { (x1 + 4.0, "start") };
        svg.text(vx, y + BAR - 3.0, anchor, &format_number(m.value));
    }
    svg.line((zero, TOP), (zero, axis_y), INK, 1.0);
    let rows = chart
        .bars
        .iter()
        .map(|m| {
            vec![
                Cell { text: m.label.clone(), href: m.href.clone() },
                Cell::text(if m.value.is_finite() {
                    format_number(m.value)
                } else {
                    words.no_data.clone()
                }),
            ]
        })
        .collect();
    let table = Table {
        caption: chart.labels.title.clone(),
        head: vec![chart.item_head.clone(), chart.labels.value.clone()],
        rows,
        foot: Vec::new(),
    };
    Figure { svg: svg.finish(), table }
}
