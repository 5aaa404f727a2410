//! Series across years: a central number that recurs year after year (01/NQ-CP, 02/NQ-CP…) and is
//! implemented on the site in at least two years, as a matrix of today's 34 units (each followed by
//! the provinces it took in) by year, with the median days to publish per year.

use super::table::{CentralDoc, Programme, Tracker};
use crate::chart::{self, Figure, Labels, Mark, StripGroup, StripPlot, Words};
use crate::data::{Catalog, province_slug, ui_str};
use crate::text::{fold, slugify};
use serde::Serialize;

/// One recurring central number and its matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// As the latest year's document writes it: "01/NQ-CP".
    pub number: String,
    pub number_key: String,
    /// URL segment: "01-nq-cp".
    pub slug: String,
    /// The columns, oldest first.
    pub years: Vec<SeriesYear>,
    /// Today's 34 units, in alphabetical order.
    pub groups: Vec<Group>,
}

/// One column of a series: one year's central document and its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesYear {
    pub year: i32,
    pub central: CentralDoc,
    /// Whether it applies to the 34 units (else to the 63 provinces).
    pub after_merger: bool,
    pub implemented: usize,
    pub total: usize,
    pub median_days: Option<f64>,
}

/// One of today's units with its rows: itself, then each province it took in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub unit: String,
    pub slug: String,
    pub rows: Vec<SeriesRow>,
}

/// One province's row of a series: a cell per year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesRow {
    pub province: String,
    pub slug: String,
    /// The unit itself (else a province it took in).
    pub is_unit: bool,
    pub cells: Vec<Cell>,
}

/// What a row shows for a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellState {
    /// It has programmes on the site.
    Programmes,
    /// It was a province then, and none of its programmes is on this site.
    None,
    /// It was not a province on that year's document's date (Kiên Giang in 2026, Huế in 2024).
    NotAProvince,
}

/// One cell of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub state: CellState,
    pub programmes: Vec<Programme>,
    pub days: Option<i64>,
}

/// The series among the trackers (see [`super::trackers`]), in order of number.
pub fn series(trackers: &[Tracker], catalog: &Catalog) -> Vec<Series> {
    let mut out = Vec::new();
    let mut rest = trackers;
    while let Some(first) = rest.first() {
        let n =
            rest.iter().take_while(|t| t.central.number_key == first.central.number_key).count();
        let (same, tail) = rest.split_at(n);
        rest = tail;
        if same.len() >= 2 {
            out.push(one(same, catalog));
        }
    }
    out
}

fn one(years: &[Tracker], catalog: &Catalog) -> Series {
    let latest = &years[years.len() - 1].central;
    let mut units: Vec<&crate::data::NewProvince> = catalog.after_2025.iter().collect();
    units.sort_by_cached_key(|u| (fold(&u.name), u.name.clone()));
    let groups = units
        .into_iter()
        .map(|u| {
            let mut names = vec![u.name.clone()];
            names.extend(u.took_in.iter().filter(|n| **n != u.name).cloned());
            let rows = names
                .into_iter()
                .enumerate()
                .map(|(i, name)| SeriesRow {
                    slug: province_slug(&name),
                    is_unit: i == 0,
                    cells: years.iter().map(|t| cell(t, &name)).collect(),
                    province: name,
                })
                .collect();
            Group { unit: u.name.clone(), slug: province_slug(&u.name), rows }
        })
        .collect();
    Series {
        number: latest.number.clone(),
        number_key: latest.number_key.clone(),
        slug: slugify(&latest.number),
        years: years
            .iter()
            .map(|t| SeriesYear {
                year: t.central.year,
                central: t.central.clone(),
                after_merger: t.after_merger,
                implemented: t.implemented,
                total: t.total,
                median_days: t.median_days,
            })
            .collect(),
        groups,
    }
}

fn cell(t: &Tracker, province: &str) -> Cell {
    match t.row(province) {
        None => Cell { state: CellState::NotAProvince, programmes: Vec::new(), days: None },
        Some(r) if r.programmes.is_empty() => {
            Cell { state: CellState::None, programmes: Vec::new(), days: None }
        }
        Some(r) => {
            Cell { state: CellState::Programmes, programmes: r.programmes.clone(), days: r.days }
        }
    }
}

impl Series {
    /// The strip plot of the series: per year, one mark per province at its days to publish.
    pub fn strip_plot(&self, ui: &crate::data::Ui) -> StripPlot {
        let groups = self
            .years
            .iter()
            .enumerate()
            .map(|(y, col)| {
                let mut marks: Vec<Mark> = Vec::new();
                for row in self.groups.iter().flat_map(|g| &g.rows) {
                    let c = &row.cells[y];
                    if let Some(days) = c.days {
                        let href = c
                            .programmes
                            .iter()
                            .find(|p| p.days == Some(days))
                            .map(|p| p.path.clone());
                        marks.push(Mark { label: row.province.clone(), value: days as f64, href });
                    }
                }
                StripGroup { label: col.year.to_string(), marks }
            })
            .collect();
        let title = ui_str(ui, "tracker_chart_title").replace("{number}", &self.number);
        StripPlot {
            labels: Labels::new(
                &format!("theo-doi-{}", self.slug),
                &title,
                &ui_str(ui, "tracker_days"),
                &ui_str(ui, "tracker_days_unit"),
            ),
            group_head: ui_str(ui, "tracker_year"),
            item_head: ui_str(ui, "tracker_province"),
            groups,
        }
    }

    /// The strip plot drawn, with its table.
    pub fn chart(&self, ui: &crate::data::Ui) -> Figure {
        let mut words = Words::from_ui(ui);
        words.count = ui_str(ui, "tracker_provinces_counted");
        chart::strip_plot(&self.strip_plot(ui), &words)
    }
}
