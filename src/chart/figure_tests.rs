//! The charts parsed back as XML: marks where their figures say, accessible names, escaping.

use super::*;
use roxmltree::{Document, Node};

fn words() -> Words {
    Words::default()
}

fn attr(n: Node<'_, '_>, name: &str) -> f64 {
    n.attribute(name).unwrap_or_else(|| panic!("{name} on {n:?}")).parse().unwrap()
}

/// The title text of a mark.
fn title_of<'a>(n: Node<'a, '_>) -> &'a str {
    n.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()).unwrap_or_default()
}

/// Value → pixel from the tick labels (centred under a horizontal axis, right-aligned beside a
/// vertical one, where they sit 4 px below their tick): the scale the marks must follow.
fn axis(doc: &Document<'_>, vertical: bool) -> impl Fn(f64) -> f64 {
    let mut ticks: Vec<(f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter(|n| n.attribute("text-anchor") == Some(if vertical { "end" } else { "middle" }))
        .filter_map(|n| {
            let v: f64 = n.text()?.replace('.', "").replace(',', ".").parse().ok()?;
            let at = if vertical { attr(n, "y") - 4.0 } else { attr(n, "x") };
            Some((v, at))
        })
        .collect();
    ticks.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (v0, p0) = ticks[0];
    let (v1, p1) = *ticks.last().unwrap();
    assert!(ticks.len() >= 3 && v1 > v0, "ticks {ticks:?}");
    move |v| p0 + (v - v0) / (v1 - v0) * (p1 - p0)
}

fn strip() -> StripPlot {
    StripPlot {
        labels: Labels::new("t", "Số ngày <đến> & chương trình", "Số ngày", "ngày"),
        group_head: "Năm".into(),
        item_head: "Tỉnh".into(),
        groups: vec![
            StripGroup {
                label: "2024".into(),
                marks: vec![
                    Mark::new("Vĩnh Long", 14.0),
                    Mark::new("Kiên Giang", 30.0),
                    Mark::new("An Giang", 20.0),
                    Mark::new("Hà Nội", 7.0),
                    Mark::new("Vĩnh Phúc", 10.0),
                ],
            },
            StripGroup {
                label: "2025".into(),
                marks: vec![
                    Mark::new("Hòa Bình", 30.0),
                    Mark::new("Kiên Giang <b>", 20.0),
                    Mark::new("Vĩnh Phúc", 20.0),
                    Mark::new("Cần Thơ", 45.0),
                ],
            },
        ],
    }
}

#[test]
fn strip_marks_sit_at_their_values_and_medians_are_marked() {
    let plot = strip();
    let fig = strip_plot(&plot, &words());
    let doc = Document::parse(&fig.svg).unwrap();
    let x = axis(&doc, false);
    let circles: Vec<Node<'_, '_>> =
        doc.descendants().filter(|n| n.has_tag_name("circle")).collect();
    assert_eq!(circles.len(), 9);
    for (g, group) in plot.groups.iter().enumerate() {
        for m in &group.marks {
            let title = format!("{}: {} ngày", m.label, format_number(m.value));
            let c = circles.iter().find(|c| title_of(**c) == title).expect(&title);
            assert!((attr(*c, "cx") - x(m.value)).abs() < 0.11, "{title}");
            let cy = attr(*c, "cy");
            let band = (20.0 + 64.0 * g as f64, 20.0 + 64.0 * (g + 1) as f64);
            assert!(cy > band.0 && cy < band.1, "{title} at {cy} outside its band {band:?}");
        }
    }
    // Equal values (2025: 20 and 20) are stacked, not drawn on top of each other.
    let at_20: Vec<f64> = circles
        .iter()
        .filter(|c| title_of(**c).ends_with(": 20 ngày") && attr(**c, "cy") > 84.0)
        .map(|c| attr(*c, "cy"))
        .collect();
    assert_eq!(at_20.len(), 2);
    assert_ne!(at_20[0], at_20[1]);
    let medians: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("line") && n.attribute("stroke") == Some(svg::MEDIAN))
        .map(|n| attr(n, "x1"))
        .collect();
    assert_eq!(medians.len(), 2);
    assert!((medians[0] - x(14.0)).abs() < 0.11 && (medians[1] - x(25.0)).abs() < 0.11);
    assert!(fig.svg.contains("Trung vị 25<"), "the median's label, Vietnamese number");
}

#[test]
fn charts_are_accessible_escaped_and_deterministic() {
    let plot = strip();
    let fig = strip_plot(&plot, &words());
    let doc = Document::parse(&fig.svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    let ids: Vec<&str> = root.attribute("aria-labelledby").unwrap().split(' ').collect();
    let by_id = |id: &str| doc.descendants().find(|n| n.attribute("id") == Some(id)).unwrap();
    assert!(by_id(ids[0]).has_tag_name("title"));
    assert_eq!(by_id(ids[0]).text(), Some("Số ngày <đến> & chương trình"));
    let desc = by_id(ids[1]).text().unwrap();
    let expected = "2024: 5 mục; Trung vị 14 ngày; ít nhất 7 ngày (Hà Nội); nhiều nhất 30 ngày \
                    (Kiên Giang)";
    assert!(desc.contains(expected), "{desc}");
    assert!(desc.contains("2025: 4 mục; Trung vị 25 ngày"), "{desc}");
    assert!(!fig.svg.contains("<b>") && !fig.svg.contains("<đến>"));
    assert!(doc.descendants().any(|n| title_of(n) == "Kiên Giang <b>: 20 ngày"));
    for tag in ["script", "style", "a", "foreignObject"] {
        assert!(!doc.descendants().any(|n| n.has_tag_name(tag)), "no <{tag}>");
    }
    // Text is readable without CSS: colours and fonts are attributes.
    assert_eq!(root.attribute("font-family"), Some("sans-serif"));
    assert_eq!(strip_plot(&plot, &words()).svg, fig.svg);
    assert_eq!(fig.table.head, ["Năm", "Tỉnh", "Số ngày"]);
    assert_eq!(
        fig.table.rows[0].iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        ["2024", "Hà Nội", "7"]
    );
    assert_eq!(
        fig.table.foot[1].iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        ["2025", "Trung vị", "25"]
    );
}

#[test]
fn bars_are_as_long_as_their_values() {
    let chart = BarChart {
        labels: Labels::new("b", "Số chỉ tiêu", "Số chỉ tiêu", ""),
        item_head: "Tỉnh".into(),
        bars: vec![
            Mark::new("A", 1250.0),
            Mark::new("B", 2500.0),
            Mark::new("C", -500.0),
            Mark::new("D", 0.5),
        ],
    };
    let fig = bar_chart(&chart, &words());
    let doc = Document::parse(&fig.svg).unwrap();
    let x = axis(&doc, false);
    let rects: Vec<Node<'_, '_>> = doc.descendants().filter(|n| n.has_tag_name("rect")).collect();
    assert_eq!(rects.len(), 4);
    for (r, m) in rects.iter().zip(&chart.bars) {
        assert!(title_of(*r).starts_with(&format!("{}: ", m.label)));
        let (left, right) = (attr(*r, "x"), attr(*r, "x") + attr(*r, "width"));
        let (lo, hi) = if m.value < 0.0 { (m.value, 0.0) } else { (0.0, m.value) };
        assert!(
            (left - x(lo)).abs() < 0.2 && (right - x(hi)).abs() < 0.2,
            "{}: {left}..{right}",
            m.label
        );
    }
    // Bars are drawn in the order given, top to bottom.
    let ys: Vec<f64> = rects.iter().map(|r| attr(*r, "y")).collect();
    assert!(ys.windows(2).all(|w| w[0] < w[1]));
    assert!(
        fig.svg.contains(">1.250<") && fig.svg.contains(">2.500<") && fig.svg.contains(">0,5<")
    );
    assert_eq!(fig.table.rows[3][1].text, "0,5");
}

#[test]
fn lines_pass_through_their_values_and_break_where_one_is_missing() {
    let chart = LineChart {
        labels: Labels::new("l", "Trung vị số ngày", "Số ngày", "ngày"),
        series_head: "Số hiệu".into(),
        categories: vec!["2021".into(), "2022".into(), "2023".into(), "2024".into()],
        lines: vec![
            Line {
                label: "01/NQ-CP".into(),
                values: vec![Some(31.0), Some(12.5), Some(20.0), Some(14.0)],
                href: None,
            },
            Line {
                label: "02/NQ-CP".into(),
                values: vec![Some(40.0), None, Some(18.0), Some(16.0)],
                href: None,
            },
        ],
    };
    let fig = line_chart(&chart, &words());
    let doc = Document::parse(&fig.svg).unwrap();
    let y = axis(&doc, true);
    let circles: Vec<Node<'_, '_>> =
        doc.descendants().filter(|n| n.has_tag_name("circle")).collect();
    assert_eq!(circles.len(), 7);
    let mut xs_by_year: std::collections::BTreeMap<String, f64> = Default::default();
    for line in &chart.lines {
        for (i, v) in line.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let title =
                format!("{}, {}: {} ngày", line.label, chart.categories[i], format_number(*v));
            let c = circles.iter().find(|c| title_of(**c) == title).expect(&title);
            assert!((attr(*c, "cy") - y(*v)).abs() < 0.11, "{title}");
            let cx = attr(*c, "cx");
            assert_eq!(*xs_by_year.entry(chart.categories[i].clone()).or_insert(cx), cx);
        }
    }
    let xs: Vec<f64> = xs_by_year.values().copied().collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "years left to right");
    // 01/NQ-CP: one polyline; 02/NQ-CP: broken at 2022, one polyline for 2023–2024.
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("polyline")).count(), 2);
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap().text().unwrap();
    assert!(
        desc.contains("01/NQ-CP: 2021 31 ngày, 2022 12,5 ngày, 2023 20 ngày, 2024 14 ngày"),
        "{desc}"
    );
    assert!(desc.contains("02/NQ-CP: 2021 40 ngày, 2022 không có số liệu"), "{desc}");
    assert_eq!(fig.table.head, ["Số hiệu", "2021", "2022", "2023", "2024"]);
    assert_eq!(fig.table.rows[1][2].text, "không có số liệu");
}
