//! What the tracker's templates receive (part of the theme contract, with `data.rs`): a central
//! document's tracker, the index of tracked numbers, a number's matrix across years, the home
//! page's line and the lineage on a unit's page.

use super::data::Group;
use crate::chart::Figure;
use crate::tracker::series::CellState;
use serde::Serialize;

/// A central document as the tracker names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CentralView {
    /// "Nghị quyết số 01/NQ-CP ngày 05/01/2024".
    pub label: String,
    /// Số hiệu: "01/NQ-CP".
    pub number: String,
    /// Year of its date (or of its number).
    pub year: i32,
    /// Date as `dd/mm/yyyy`, when known.
    pub date: Option<String>,
    /// Date as `yyyy-mm-dd` (for `<time datetime>`).
    pub date_iso: Option<String>,
    /// Kind: "Nghị quyết".
    pub kind: Option<String>,
    /// Issuing body: "Chính phủ".
    pub issuer: Option<String>,
    /// Subject with its "về": "về nhiệm vụ, giải pháp chủ yếu …".
    pub subject: Option<String>,
    /// Its page on the site (hub, or the document's own page).
    pub url: String,
    /// Official text, from `data/central-documents.yaml`.
    pub link: Option<String>,
}

/// The tracker of one central document: every province of its date and its programmes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackerView {
    /// The central document.
    pub central: CentralView,
    /// "5/63 tỉnh, thành phố".
    pub count: String,
    /// Provinces with a programme on the site.
    pub implemented: usize,
    /// Provinces on the central document's date (63 before 1 July 2025, 34 after).
    pub total: usize,
    /// Whether the rows are the 34 units of after the merger.
    pub after_merger: bool,
    /// Median days from the central document to the provinces' first programme ("14", "12,5");
    /// none when no programme has a date.
    pub median_days: Option<String>,
    /// How the rows are ordered: `name` or `days`.
    pub order: &'static str,
    /// The two orderings, each a page: `{label, url, current}`.
    pub orders: Vec<OrderLink>,
    /// One row per province, in `order`.
    pub rows: Vec<TrackerRowView>,
    /// The number's matrix across years, when it recurs.
    pub series_url: Option<String>,
}

/// One ordering of a tracker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderLink {
    /// "theo tên", "theo số ngày".
    pub label: String,
    /// The page (and anchor) showing the tracker in that order.
    pub url: String,
    /// Whether this page shows it.
    pub current: bool,
}

/// A province in a tracker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackerRowView {
    /// Its name on the central document's date.
    pub province: String,
    /// Its page, when the site has one.
    pub url: Option<String>,
    /// The unit it has been part of since 1 July 2025, when another one.
    pub now_part_of: Option<String>,
    /// Its programmes on the site, earliest first; empty: none on this site.
    pub programmes: Vec<ProgrammeView>,
    /// Days to its first dated programme.
    pub days: Option<i64>,
}

/// A programme implementing a central document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeView {
    /// Full official title.
    pub title: String,
    /// Its page.
    pub url: String,
    /// Document type ("Kế hoạch").
    pub doc_type: String,
    /// Số hiệu, when it has one.
    pub number: Option<String>,
    /// Issue date as `dd/mm/yyyy`.
    pub issued: Option<String>,
    /// Issue date as `yyyy-mm-dd`.
    pub issued_iso: Option<String>,
    /// Days after the central document.
    pub days: Option<i64>,
    /// The province it is filed under, when not the row's (an old province's, counted for its unit).
    pub filed_under: Option<String>,
}

/// Data of `tracker.html`: a central document's tracker ordered by days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackerData {
    /// The tracker.
    pub tracker: TrackerView,
}

/// Data of `tracker-index.html` (`/theo-doi/`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackerIndexData {
    /// Every central number followed, recurring ones first, each with its years.
    pub numbers: Vec<TrackedNumber>,
}

/// A central number the tracker follows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackedNumber {
    /// "01/NQ-CP".
    pub number: String,
    /// Kind of its latest document ("Nghị quyết").
    pub kind: Option<String>,
    /// Issuing body of its latest document ("Chính phủ").
    pub issuer: Option<String>,
    /// Its matrix across years, when it recurs.
    pub series_url: Option<String>,
    /// One entry per year, oldest first.
    pub years: Vec<TrackedYear>,
}

/// One year's central document of a number, with its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackedYear {
    /// Year of the central document.
    pub year: i32,
    /// The central document.
    pub central: CentralView,
    /// Its tracker (on its page).
    pub url: String,
    /// "5/63 tỉnh, thành phố".
    pub count: String,
    /// Median days ("14"), none when no programme has a date.
    pub median_days: Option<String>,
}

/// Data of `series.html` (`/theo-doi/{number}/`): a number's matrix across years and its chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesData {
    /// "01/NQ-CP".
    pub number: String,
    /// Kind of its latest document.
    pub kind: Option<String>,
    /// Issuing body of its latest document.
    pub issuer: Option<String>,
    /// The columns, oldest first.
    pub years: Vec<TrackedYear>,
    /// Today's 34 units, each with its own row and one per province it took in.
    pub groups: Vec<SeriesGroupView>,
    /// The chart of days per year: `svg` (print with `| safe`) and `table` (`caption`, `head`,
    /// `rows` and `foot` of cells `{text, href}`).
    pub chart: Figure,
}

/// One of today's units in a matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesGroupView {
    /// The unit's name.
    pub unit: String,
    /// The unit's row, then one per province it took in.
    pub rows: Vec<SeriesRowView>,
}

/// One province's row of a matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesRowView {
    /// Its name.
    pub province: String,
    /// Its page, when the site has one.
    pub url: Option<String>,
    /// The unit's own row (else a province it took in).
    pub is_unit: bool,
    /// "nay thuộc An Giang" on a province's row.
    pub note: Option<String>,
    /// One cell per year.
    pub cells: Vec<SeriesCellView>,
}

/// One cell of a matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesCellView {
    /// `programmes`, `none` (none on this site) or `not_a_province` (not a province that year).
    pub state: CellState,
    /// The programmes, earliest first.
    pub programmes: Vec<ProgrammeView>,
    /// Days to the first dated one.
    pub days: Option<i64>,
    /// What the cell says without programmes ("chưa có trên trang này").
    pub text: Option<String>,
}

/// The home page's line about the yearly resolution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HomeTracker {
    /// "Năm 2026: 4/34 tỉnh, thành phố đã có chương trình thực hiện Nghị quyết 01/NQ-CP trên trang".
    pub text: String,
    /// That year's tracker.
    pub url: String,
    /// The number's matrix across years, when it recurs.
    pub series_url: Option<String>,
}

/// A province a unit took in, with its documents, on the unit's page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineageMember {
    /// The old province.
    pub province: String,
    /// "Kiên Giang — nay thuộc An Giang".
    pub heading: String,
    /// Its own page (which keeps its address).
    pub url: String,
    /// Its documents by year, newest first.
    pub groups: Vec<Group>,
    /// How many documents.
    pub count: usize,
}
