//! An indicator's page: its targets as series (one per comparator and unit, never mixed), each a
//! table of provinces × years with a bar chart of the latest year and a line chart over the years.

use super::page::{Page, PageData};
use super::plan_data::{ChartView, IndicatorData, SeriesRow, SeriesView, TargetValue};
use super::targets::{by_name, value};
use super::views::Views;
use crate::chart::{BarChart, Labels, Line, LineChart, Mark, Words, bar_chart, line_chart};
use crate::extract::Target;
use crate::text::slugify;
use crate::urls;
use std::collections::{BTreeMap, BTreeSet};

/// The targets of one series: (province, year) → (document, target) in site order.
type Cells<'a> = BTreeMap<(&'a str, i32), Vec<(usize, &'a Target)>>;

/// The page of indicator `id`, from its (document, target) pairs.
pub fn page(v: &Views<'_>, id: &str, found: &[(usize, usize)]) -> Page {
    let ind = v.catalog.indicators.get(id).expect("planned for a catalog indicator");
    let mut by_series: BTreeMap<(&str, &str), Cells<'_>> = BTreeMap::new();
    for &(d, t) in found {
        let doc = &v.site.documents[d];
        let target = &doc.body.plan.targets[t];
        let key = (target.comparator.word(), target.amount.unit.as_str());
        let cell = by_series.entry(key).or_default();
        cell.entry((doc.meta.province.as_str(), doc.meta.year)).or_default().push((d, target));
    }
    let mut series: Vec<(usize, SeriesView)> = by_series
        .iter()
        .map(|((comparator, unit), cells)| {
            let n = cells.values().map(Vec::len).sum();
            (n, series_view(v, &ind.name, comparator, unit, cells))
        })
        .collect();
    series.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let data = IndicatorData {
        name: ind.name.clone(),
        group: ind.group.clone(),
        unit: ind.unit.clone(),
        higher_is_better: ind.higher_is_better,
        series: series.into_iter().map(|(_, s)| s).collect(),
    };
    Page {
        path: urls::indicator(id),
        template: super::targets::TEMPLATE,
        title: ind.name.clone(),
        breadcrumbs: vec![v.home(), v.link(v.ui("indicators_title"), urls::INDICATORS)],
        province: None,
        document: None,
        data: PageData::Indicator(Box::new(data)),
    }
}

/// One series: its table and charts.
fn series_view(
    v: &Views<'_>,
    name: &str,
    comparator: &str,
    unit: &str,
    cells: &Cells<'_>,
) -> SeriesView {
    let years: Vec<i32> =
        cells.keys().map(|(_, y)| *y).collect::<BTreeSet<_>>().into_iter().collect();
    let provinces = by_name(cells.keys().map(|(p, _)| *p));
    let rows: Vec<SeriesRow> = provinces
        .iter()
        .map(|p| SeriesRow {
            province: p.to_string(),
            province_url: v.url(&urls::province(p)),
            cells: years.iter().map(|y| cell_values(v, cells.get(&(*p, *y)))).collect(),
        })
        .collect();
    let id = slugify(&format!("{comparator} {}", unit.replace('%', " phan tram ")));
    let heading = format!("{} ({unit})", capitalised(comparator));
    let words = Words::from_ui(&v.catalog.ui);
    let point =
        |p: &str, y: i32| cells.get(&(p, y)).and_then(|ts| ts.first()).map(|(_, t)| middle(t));
    // Bars compare provinces in one year: the year most provinces set a target for, the latest
    // of those.
    let count = |y: i32| provinces.iter().filter(|p| cells.contains_key(&(**p, y))).count();
    let latest = *years.iter().max_by_key(|y| (count(**y), **y)).expect("a series has a target");
    let bars = BarChart {
        labels: Labels::new(
            &format!("{id}-cot"),
            &format!(
                "{name}: {comparator} ({unit}), {} {latest}",
                v.ui("year_heading").to_lowercase()
            ),
            &heading,
            unit,
        ),
        item_head: v.ui("tracker_province"),
        bars: provinces
            .iter()
            .filter_map(|p| {
                point(p, latest).map(|value| Mark { label: p.to_string(), value, href: None })
            })
            .collect(),
    };
    let bars = bar_chart(&bars, &words);
    let lines = (years.len() > 1).then(|| {
        let chart = LineChart {
            labels: Labels::new(
                &format!("{id}-duong"),
                &format!("{name}: {comparator} ({unit}), {}", v.ui("indicator_over_years")),
                &heading,
                unit,
            ),
            series_head: v.ui("tracker_province"),
            categories: years.iter().map(i32::to_string).collect(),
            lines: provinces
                .iter()
                .map(|p| Line {
                    label: p.to_string(),
                    values: years.iter().map(|y| point(p, *y)).collect(),
                    href: None,
                })
                .collect(),
        };
        let figure = line_chart(&chart, &words);
        ChartView { svg: figure.svg, caption: chart.labels.title }
    });
    let has_range = cells.values().flatten().any(|(_, t)| t.amount.value_to.is_some());
    SeriesView {
        id,
        heading,
        comparator: comparator.to_string(),
        unit: unit.to_string(),
        years,
        rows,
        bars: Some(ChartView { svg: bars.svg, caption: bars.table.caption }),
        lines,
        note: has_range.then(|| v.ui("indicator_range_note")),
    }
}

/// The values of one cell, in site order.
fn cell_values(v: &Views<'_>, targets: Option<&Vec<(usize, &Target)>>) -> Vec<TargetValue> {
    targets.map_or_else(Vec::new, |ts| ts.iter().map(|(d, t)| value(v, *d, t)).collect())
}

/// The value a chart draws: the middle of a range.
fn middle(t: &Target) -> f64 {
    match t.amount.value_to {
        Some(to) => (t.amount.value + to) / 2.0,
        None => t.amount.value,
    }
}

/// "Tăng" from "tăng".
fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
