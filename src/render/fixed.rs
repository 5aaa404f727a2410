//! Pages every site has whatever its documents: the search page and the 404 page.

use super::data::{NoData, SearchData};
use super::groups::Groups;
use super::page::{Page, PageData};
use super::planned::Planned;
use super::views::Views;
use crate::urls;

/// The search page, offering provinces and years to browse when JavaScript is off.
pub fn search(v: &Views<'_>, g: &Groups) -> Vec<Planned> {
    let data = SearchData {
        provinces: g.province_links.clone(),
        years: g.year_links.clone(),
        index: v.url(urls::SEARCH_INDEX),
        index_id: None,
        index_dict: None,
        index_heads: None,
    };
    let page = Page {
        path: urls::SEARCH.into(),
        template: "search.html",
        title: v.ui("search_title"),
        breadcrumbs: vec![v.home()],
        province: None,
        document: None,
        data: PageData::Search(data),
    };
    vec![Planned::ready(page)]
}

/// Tells the search page which index the build wrote (its id and dictionary shard count).
pub fn add_index(page: &mut Page, index: &crate::search::export::Written) {
    if let PageData::Search(data) = &mut page.data {
        data.index_id = Some(index.id.clone());
        data.index_dict = Some(index.dict);
        data.index_heads = Some(index.heads);
    }
}

/// The page served for missing paths.
pub fn not_found(v: &Views<'_>, _: &Groups) -> Vec<Planned> {
    let page = Page {
        path: urls::NOT_FOUND.into(),
        template: "404.html",
        title: v.ui("not_found_title"),
        breadcrumbs: vec![],
        province: None,
        document: None,
        data: PageData::None(NoData {}),
    };
    vec![Planned::ready(page)]
}
