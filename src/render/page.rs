//! One page to render, as the templates see it.

use super::document::DocumentData;
use super::fixed::{NoData, SearchData};
use super::hubs::HubData;
use super::lists::{HomeData, ListData, TermsData};
use super::views::LinkView;
use serde::Serialize;

/// One page to render: its site path, its template and the template data.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Site path, e.g. `/kien-giang/2021/22-kh-ubnd/` or `/404.html`.
    pub path: String,
    /// Template that renders it.
    pub template: &'static str,
    /// Title of the page (also its last breadcrumb).
    pub title: String,
    /// Links to the pages above it, home first.
    pub breadcrumbs: Vec<LinkView>,
    /// Province whose feed the page links to besides the site's (its province, province-year and
    /// document pages).
    pub province: Option<String>,
    /// The document whose page this is (its body comes from the editor's file).
    pub document: Option<usize>,
    /// What the template shows, as `data`.
    pub data: PageData,
}

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
    Hub(HubData),
    /// `document.html`.
    Document(Box<DocumentData>),
    /// `search.html`.
    Search(SearchData),
    /// Pages whose template needs no data (`404.html`).
    None(NoData),
}
