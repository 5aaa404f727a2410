//! What each template receives as `data`: one typed view per template, documented for theme
//! authors (the README's "Theme contract" lists them too).

use super::plan_data::{
    AgenciesData, AgencyData, IndicatorData, IndicatorsData, ProvincePlan, TargetLine,
};
pub use super::tracker_data::{
    CentralView, HomeTracker, LineageMember, SeriesData, TrackerData, TrackerIndexData, TrackerView,
};
use super::views::{DocSummary, LinkView};
use serde::Serialize;

/// The `data` of a page, one shape per template (see the README's "Theme contract").
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum PageData {
    /// `index.html`, the home page.
    Home(HomeData),
    /// `list.html`: province, province-year, year, type and field pages.
    List(ListData),
    /// `terms.html`: the indexes of provinces, years, types, fields and hubs.
    Terms(TermsData),
    /// `hub.html`: a cited document that is not on the site.
    Hub(Box<HubData>),
    /// `document.html`.
    Document(Box<DocumentData>),
    /// `search.html`.
    Search(SearchData),
    /// `indicators.html`: `/chi-tieu/`.
    Indicators(IndicatorsData),
    /// `indicator.html`: an indicator's targets by province and year.
    Indicator(Box<IndicatorData>),
    /// `agencies.html`: `/co-quan/`.
    Agencies(AgenciesData),
    /// `agency.html`: an agency's tasks.
    Agency(Box<AgencyData>),
    /// `tracker.html`: a central document's tracker ordered by days.
    Tracker(Box<TrackerData>),
    /// `tracker-index.html`: every central number the tracker follows.
    TrackerIndex(TrackerIndexData),
    /// `series.html`: a recurring central number's matrix across years.
    Series(Box<SeriesData>),
    /// Pages whose template needs no data (`404.html`).
    None(NoData),
}

/// Data of `index.html` (the home page).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HomeData {
    /// The newest documents.
    pub latest: Vec<DocSummary>,
    /// Every province with documents, with counts.
    pub provinces: Vec<LinkView>,
    /// Every plan year with documents, newest first.
    pub years: Vec<LinkView>,
    /// Every document type with documents.
    pub types: Vec<LinkView>,
    /// Every field with documents.
    pub fields: Vec<LinkView>,
    /// "Năm 2026: 4/34 tỉnh, thành phố đã có chương trình thực hiện Nghị quyết 01/NQ-CP trên
    /// trang", when the site follows 01/NQ-CP.
    pub tracker: Option<HomeTracker>,
}

/// Data of `terms.html` (an index page).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermsData {
    /// The pages indexed, with counts.
    pub terms: Vec<LinkView>,
}

/// Data of `list.html` (documents in groups).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListData {
    /// The documents, in groups (by year or by province).
    pub groups: Vec<Group>,
    /// How many documents the page lists.
    pub count: usize,
    /// On an old province's page: the unit it is now part of.
    pub merger_note: Option<Note>,
    /// On a new unit's page: the old provinces it took in.
    pub took_in: Option<TookIn>,
    /// On a province's page: its targets over the years and its deadlines calendar.
    pub plan: Option<ProvincePlan>,
    /// On a new unit's page: the documents of the provinces it took in (those with any).
    pub lineage: Vec<LineageMember>,
    /// How many documents `lineage` lists.
    pub lineage_count: usize,
}

/// A group of documents on a list page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// Heading of the group (none when the page has one group).
    pub heading: Option<String>,
    /// Page the heading links to.
    pub url: Option<String>,
    /// The documents, newest first.
    pub docs: Vec<DocSummary>,
}

/// "Nay thuộc An Giang": the unit an old province is part of since 1 July 2025.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    /// The words before the name.
    pub text: String,
    /// The unit's name.
    pub name: String,
    /// The unit's page.
    pub url: String,
}

/// The old provinces a unit took in on 1 July 2025.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TookIn {
    /// The words before the names.
    pub text: String,
    /// The old provinces' names.
    pub names: Vec<String>,
}

/// Data of `hub.html`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HubData {
    /// The cited document.
    pub hub: HubView,
    /// Documents of the site that implement or cite it, newest first.
    pub docs: Vec<DocSummary>,
    /// For a central document the site's documents implement: every province and its programmes.
    pub tracker: Option<TrackerView>,
}

/// A cited document as its hub shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HubView {
    /// Số hiệu as first cited.
    pub number: String,
    /// Year of its date (or of its number).
    pub year: i32,
    /// Title, when an `implements` entry gave one.
    pub title: Option<String>,
    /// Who issued it, as the page says it: the issuing body ("Chính phủ") when known, else
    /// "Văn bản của cơ quan trung ương", or "Văn bản của {province}" for provincial numbers.
    pub scope: String,
    /// Date as `dd/mm/yyyy`, when a citation or the central data file gave it.
    pub date: Option<String>,
    /// Kind from the number's type code or the citations ("Nghị quyết").
    pub kind: Option<String>,
    /// Issuing body, for a central document: the data file's, else named from the number's code.
    pub issuer: Option<String>,
    /// Subject with its "về": the data file's title, else the most common form in citations.
    pub subject: Option<String>,
    /// Official link to the text, from `data/central-documents.yaml`.
    pub link: Option<String>,
}

/// Data of `document.html`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentData {
    /// The document as lists show it (title, number, type, province, dates, links).
    pub doc: DocSummary,
    /// Issuing body.
    pub issuer: String,
    /// Who signed it.
    pub signer: Option<String>,
    /// Date it takes effect, `dd/mm/yyyy`.
    pub effective: Option<String>,
    /// Its fields (lĩnh vực), linking to their pages.
    pub fields: Vec<LinkView>,
    /// The unit its province has been part of since 1 July 2025, when merged.
    pub now_part_of: Option<String>,
    /// Table of contents: the body's headings.
    pub toc: Vec<TocEntry>,
    /// The body as sanitised HTML, citations linked (print with `| safe`).
    pub body: String,
    /// The documents it implements (`implements:`), linking to their pages or hubs.
    pub implements: Vec<LinkView>,
    /// Other documents its body cites.
    pub cites: Vec<LinkView>,
    /// Documents of the site that implement or cite it.
    pub cited_by: Vec<DocSummary>,
    /// Its province's documents of other years, a few per year.
    pub other_years: Vec<OtherYear>,
    /// Its targets ("Chỉ tiêu chủ yếu"), in the order of its lines.
    pub targets: Vec<TargetLine>,
    /// schema.org `Legislation` JSON-LD, safe inside `<script>` (print with `| safe`).
    pub jsonld: String,
    /// When documents of the site implement this one (a central document): its tracker.
    pub tracker: Option<TrackerView>,
}

/// A heading of the body in the table of contents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TocEntry {
    /// 2 to 6 (the page title is the only h1).
    pub level: u8,
    /// Text of the heading.
    pub text: String,
    /// Its `id` in the body.
    pub anchor: String,
}

/// The same province's documents of another year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherYear {
    /// The plan year.
    pub year: i32,
    /// Address of the province's page for that year.
    pub url: String,
    /// How many documents the province has that year.
    pub count: usize,
    /// How many of them are not shown here.
    pub more: usize,
    /// The newest few.
    pub docs: Vec<DocSummary>,
}

/// Data of `search.html`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchData {
    /// Provinces to browse when JavaScript is off.
    pub provinces: Vec<LinkView>,
    /// Years to browse when JavaScript is off.
    pub years: Vec<LinkView>,
    /// Address of the static search index's folder.
    pub index: String,
    /// Id of the index the build wrote, so the client can fetch a query's files at once.
    pub index_id: Option<String>,
    /// Number of dictionary shards of that index.
    pub index_dict: Option<u32>,
}

/// Data of templates that need none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoData {}
