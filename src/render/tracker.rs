//! The tracker's pages: a central document's tracker (on its hub or own page, ordered by name,
//! and on a page beside it ordered by days), `/theo-doi/` listing every central number followed,
//! each recurring number's matrix across years (`/theo-doi/{number}/`), the home page's line and
//! the lineage on a unit's page. The figures come from [`crate::tracker`]; this module only
//! shapes them for the templates, each page when it is rendered.

use super::data::{Group, PageData};
use super::page::Page;
use super::planned::Planned;
use super::tracker_data::*;
use super::views::Views;
use crate::chart::format_number;
use crate::link::resolve::number_key;
use crate::tracker::series::{Cell, CellState, Series};
use crate::tracker::table::{CentralDoc, Programme, Tracker, tracker};
use crate::urls;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The number the home page reports on: the Government's yearly resolution.
const HOME_NUMBER: &str = "01/NQ-CP";

/// The central documents the tracker follows, and what their pages link to.
#[derive(Default)]
pub struct Tracked {
    /// Each central document with the documents implementing it, by number then year.
    pub central: Vec<(CentralDoc, Vec<usize>)>,
    /// Numbers implemented in two years or more: number key → the latest year's spelling.
    pub recurring: BTreeMap<String, String>,
    /// Provinces (old and new) that have a page on the site.
    pub province_pages: BTreeSet<String>,
}

impl Tracked {
    /// The central documents of the site; `province_pages` names the provinces with a page.
    pub fn new(v: &Views<'_>, province_pages: BTreeSet<String>) -> Tracked {
        let central = crate::tracker::table::central_docs(v.site, v.catalog);
        let mut recurring = BTreeMap::new();
        for w in central.windows(2) {
            if w[0].0.number_key == w[1].0.number_key {
                recurring.insert(w[1].0.number_key.clone(), w[1].0.number.clone());
            }
        }
        Tracked { central, recurring, province_pages }
    }

    /// Path of the matrix of a central document's number, when it recurs.
    pub fn series_path(&self, c: &CentralDoc) -> Option<String> {
        self.recurring.get(&c.number_key).map(|n| urls::series(n))
    }

    /// A province's page, when the site has one.
    fn province_url(&self, v: &Views<'_>, name: &str) -> Option<String> {
        self.province_pages.contains(name).then(|| v.url(&urls::province(name)))
    }

    /// The central documents of one number, oldest first.
    fn of_number(&self, key: &str) -> impl Iterator<Item = &(CentralDoc, Vec<usize>)> {
        self.central.iter().filter(move |(c, _)| c.number_key == key)
    }
}

/// In which order a tracker lists its provinces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Alphabetical (on the central document's page).
    Name,
    /// Fastest first, then those without a programme (on the page beside it).
    Days,
}

/// A central document as the tracker names it.
pub fn central_view(v: &Views<'_>, c: &CentralDoc) -> CentralView {
    CentralView {
        label: c.label.clone(),
        number: c.number.clone(),
        year: c.year,
        date: c.date.map(|d| d.format("%d/%m/%Y").to_string()),
        date_iso: c.date.map(|d| d.format("%Y-%m-%d").to_string()),
        kind: c.kind.clone(),
        issuer: c.issuer.clone(),
        subject: c.subject.clone(),
        url: v.url(&c.path),
        link: c.link.clone(),
    }
}

/// "5/63 tỉnh, thành phố".
fn count_text(v: &Views<'_>, implemented: usize, total: usize) -> String {
    v.ui("tracker_count")
        .replace("{implemented}", &implemented.to_string())
        .replace("{total}", &total.to_string())
}

/// A tracker as its pages show it, its rows in `order`.
pub fn view(v: &Views<'_>, tracked: &Tracked, t: &Tracker, order: Order) -> TrackerView {
    let rows: Vec<&crate::tracker::Row> = match order {
        Order::Name => t.rows.iter().collect(),
        Order::Days => t.rows_by_days().collect(),
    };
    let rows = rows
        .into_iter()
        .map(|r| TrackerRowView {
            province: r.province.clone(),
            url: tracked.province_url(v, &r.province),
            now_part_of: r.now_part_of.clone(),
            programmes: r.programmes.iter().map(|p| programme(v, p, &r.province)).collect(),
            days: r.days,
        })
        .collect();
    let by_name = format!("{}#{}", v.url(&t.central.path), urls::TRACKER_ANCHOR);
    let by_days = v.url(&urls::tracker_by_days(&t.central.path));
    let orders = vec![
        OrderLink { label: v.ui("tracker_by_name"), url: by_name, current: order == Order::Name },
        OrderLink { label: v.ui("tracker_by_days"), url: by_days, current: order == Order::Days },
    ];
    TrackerView {
        central: central_view(v, &t.central),
        count: count_text(v, t.implemented, t.total),
        implemented: t.implemented,
        total: t.total,
        after_merger: t.after_merger,
        median_days: t.median_days.map(format_number),
        order: match order {
            Order::Name => "name",
            Order::Days => "days",
        },
        orders,
        rows,
        series_url: tracked.series_path(&t.central).map(|p| v.url(&p)),
    }
}

/// A programme as trackers list it; `row` is the province of the row it is in.
fn programme(v: &Views<'_>, p: &Programme, row: &str) -> ProgrammeView {
    ProgrammeView {
        title: p.title.clone(),
        url: v.url(&p.path),
        doc_type: p.doc_type.clone(),
        number: p.number.clone(),
        issued: p.issued.map(|d| d.format("%d/%m/%Y").to_string()),
        issued_iso: p.issued.map(|d| d.format("%Y-%m-%d").to_string()),
        days: p.days,
        filed_under: (p.province != row).then(|| p.province.clone()),
    }
}

/// The tracker of a central document, ordered by name, for its own page.
pub fn on_page(
    v: &Views<'_>,
    tracked: &Tracked,
    central: Option<(CentralDoc, &[usize])>,
) -> Option<TrackerView> {
    let (doc, by) = central?;
    Some(view(v, tracked, &tracker(v.site, v.catalog, doc, by), Order::Name))
}

/// The tracker's own pages: `/theo-doi/`, each central document's tracker by days, and each
/// recurring number's matrix.
pub fn trackers(_: &Views<'_>, g: &super::groups::Groups) -> Vec<Planned> {
    let tracked = Arc::clone(&g.tracked);
    let mut planned = vec![index(Arc::clone(&tracked))];
    for (i, (c, _)) in tracked.central.iter().enumerate() {
        let t = Arc::clone(&tracked);
        planned.push(Planned::new(urls::tracker_by_days(&c.path), "tracker.html", move |v| {
            by_days_page(v, &t, i)
        }));
    }
    for (key, number) in &tracked.recurring {
        let (t, key) = (Arc::clone(&tracked), key.clone());
        planned.push(Planned::new(urls::series(number), "series.html", move |v| {
            series_page(v, &t, &key)
        }));
    }
    planned
}

/// The trackers of one number's central documents, oldest first.
fn trackers_of(v: &Views<'_>, tracked: &Tracked, key: &str) -> Vec<Tracker> {
    tracked.of_number(key).map(|(c, by)| tracker(v.site, v.catalog, c.clone(), by)).collect()
}

/// `/theo-doi/`: every number followed (recurring ones first), with each year's figures.
fn index(tracked: Arc<Tracked>) -> Planned {
    Planned::new(urls::TRACKERS.into(), "tracker-index.html", move |v| {
        let mut keys: Vec<&String> = Vec::new();
        for (c, _) in &tracked.central {
            if keys.last() != Some(&&c.number_key) {
                keys.push(&c.number_key);
            }
        }
        keys.sort_by_key(|k| !tracked.recurring.contains_key(*k));
        let numbers = keys
            .into_iter()
            .map(|key| {
                let years = tracked_years(v, &trackers_of(v, &tracked, key));
                let latest = &years[years.len() - 1].central;
                TrackedNumber {
                    number: latest.number.clone(),
                    kind: latest.kind.clone(),
                    issuer: latest.issuer.clone(),
                    series_url: tracked.recurring.get(key).map(|n| v.url(&urls::series(n))),
                    years,
                }
            })
            .collect();
        Page {
            path: urls::TRACKERS.into(),
            template: "tracker-index.html",
            title: v.ui("tracker_title"),
            breadcrumbs: vec![v.home()],
            province: None,
            document: None,
            data: PageData::TrackerIndex(TrackerIndexData { numbers }),
        }
    })
}

/// Each tracker's year, central document, link and figures.
fn tracked_years(v: &Views<'_>, trackers: &[Tracker]) -> Vec<TrackedYear> {
    trackers
        .iter()
        .map(|t| TrackedYear {
            year: t.central.year,
            central: central_view(v, &t.central),
            url: format!("{}#{}", v.url(&t.central.path), urls::TRACKER_ANCHOR),
            count: count_text(v, t.implemented, t.total),
            median_days: t.median_days.map(format_number),
        })
        .collect()
}

/// The tracker of the `i`th central document, ordered by days.
fn by_days_page(v: &Views<'_>, tracked: &Tracked, i: usize) -> Page {
    let (c, by) = &tracked.central[i];
    let t = tracker(v.site, v.catalog, c.clone(), by);
    let title = v.ui("tracker_by_days_title").replace("{label}", &c.label);
    Page {
        path: urls::tracker_by_days(&c.path),
        template: "tracker.html",
        title,
        breadcrumbs: vec![
            v.home(),
            v.link(v.ui("tracker_title"), urls::TRACKERS),
            v.link(c.label.clone(), &c.path),
        ],
        province: None,
        document: None,
        data: PageData::Tracker(Box::new(TrackerData {
            tracker: view(v, tracked, &t, Order::Days),
        })),
    }
}

/// The matrix of the number `key` across years, with its chart.
fn series_page(v: &Views<'_>, tracked: &Tracked, key: &str) -> Page {
    let trackers = trackers_of(v, tracked, key);
    let series = crate::tracker::series(&trackers, v.catalog).pop().expect("a recurring number");
    let years = tracked_years(v, &trackers);
    let latest = &trackers[trackers.len() - 1].central;
    let named = match &latest.kind {
        Some(k) => format!("{k} {}", series.number),
        None => series.number.clone(),
    };
    let mut chart = series.chart(&v.catalog.ui);
    for cell in chart.table.rows.iter_mut().chain(&mut chart.table.foot).flatten() {
        cell.href = cell.href.as_deref().map(|h| v.url(h));
    }
    let data = SeriesData {
        number: series.number.clone(),
        kind: latest.kind.clone(),
        issuer: latest.issuer.clone(),
        years,
        groups: matrix(v, tracked, &series),
        chart,
    };
    Page {
        path: urls::series(&series.number),
        template: "series.html",
        title: v.ui("tracker_series_title").replace("{number}", &named),
        breadcrumbs: vec![v.home(), v.link(v.ui("tracker_title"), urls::TRACKERS)],
        province: None,
        document: None,
        data: PageData::Series(Box::new(data)),
    }
}

/// The rows of a matrix: each unit, then the provinces it took in.
fn matrix(v: &Views<'_>, tracked: &Tracked, series: &Series) -> Vec<SeriesGroupView> {
    let (none, gone) = (v.ui("tracker_not_on_site"), v.ui("tracker_not_a_province"));
    let now_part_of = v.ui("tracker_now_part_of");
    let cell = |c: &Cell, row: &str| SeriesCellView {
        state: c.state,
        programmes: c.programmes.iter().map(|p| programme(v, p, row)).collect(),
        days: c.days,
        text: match c.state {
            CellState::Programmes => None,
            CellState::None => Some(none.clone()),
            CellState::NotAProvince => Some(gone.clone()),
        },
    };
    series
        .groups
        .iter()
        .map(|g| SeriesGroupView {
            unit: g.unit.clone(),
            rows: g
                .rows
                .iter()
                .map(|r| SeriesRowView {
                    province: r.province.clone(),
                    url: tracked.province_url(v, &r.province),
                    is_unit: r.is_unit,
                    note: (!r.is_unit).then(|| format!("{now_part_of} {}", g.unit)),
                    cells: r.cells.iter().map(|c| cell(c, &r.province)).collect(),
                })
                .collect(),
        })
        .collect()
}

/// The home page's line: the latest year's count of programmes for 01/NQ-CP.
pub fn home_line(v: &Views<'_>, tracked: &Tracked) -> Option<HomeTracker> {
    let key = number_key(HOME_NUMBER);
    let (c, by) = tracked.of_number(&key).last()?;
    let t = tracker(v.site, v.catalog, c.clone(), by);
    let kind = c.kind.as_deref().unwrap_or_default();
    let text = v
        .ui("home_tracker")
        .replace("{year}", &c.year.to_string())
        .replace("{count}", &t.count())
        .replace("{number}", format!("{kind} {}", c.number).trim());
    Some(HomeTracker {
        text,
        url: format!("{}#{}", v.url(&c.path), urls::TRACKER_ANCHOR),
        series_url: tracked.series_path(c).map(|p| v.url(&p)),
    })
}

/// The documents of the provinces `unit` took in, by province then year (those with any), and
/// how many there are.
pub fn lineage(v: &Views<'_>, unit: &str) -> (Vec<LineageMember>, usize) {
    let Some(l) = crate::tracker::lineage::lineage_of(v.site, v.catalog, unit) else {
        return (Vec::new(), 0);
    };
    let now_part_of = v.ui("tracker_now_part_of");
    let members: Vec<LineageMember> = l
        .members
        .iter()
        .filter(|m| !m.years.is_empty())
        .map(|m| {
            let groups: Vec<Group> = m
                .years
                .iter()
                .map(|y| {
                    let docs: Vec<usize> = y.documents.iter().map(|d| d.document).collect();
                    Group {
                        heading: Some(format!("{} {}", v.ui("year_heading"), y.year)),
                        url: Some(v.url(&urls::province_year(&m.province, y.year))),
                        docs: v.summaries(&docs),
                    }
                })
                .collect();
            LineageMember {
                heading: format!("{} — {now_part_of} {unit}", m.province),
                url: v.url(&urls::province(&m.province)),
                count: groups.iter().map(|g| g.docs.len()).sum(),
                province: m.province.clone(),
                groups,
            }
        })
        .collect();
    let count = members.iter().map(|m| m.count).sum();
    (members, count)
}
