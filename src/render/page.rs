//! One page to render, as the templates see it.

pub use super::data::PageData;
use super::views::LinkView;

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
