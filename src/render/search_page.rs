//! The search page `/tim-kiem/`: the browser client's frame, and browsing links for readers without JavaScript.

use super::page::Page;
use super::views::{LinkView, Views};
use crate::data::ui_str;
use serde_json::json;

/// Site path of the search page.
pub const PATH: &str = "/tim-kiem/";

/// The search page, offering `provinces` and `years` to browse when JavaScript is off.
pub fn page(v: &Views<'_>, home: LinkView, provinces: &[LinkView], years: &[LinkView]) -> Page {
    Page {
        path: PATH.into(),
        template: "search.html",
        title: ui_str(&v.catalog.ui, "search_title"),
        breadcrumbs: vec![home],
        data: json!({"provinces": provinces, "years": years, "index": v.url("/search/")}),
    }
}

/// Tells the search page which index the build wrote (its id and dictionary shard count), so the
/// client fetches a query's dictionary shards at once instead of after `index.json`.
pub fn add_index(page: &mut Page, index: &crate::search::export::Written) {
    if page.path == PATH {
        page.data["index_id"] = json!(index.id);
        page.data["index_dict"] = json!(index.dict);
        page.data["index_heads"] = json!(index.heads);
    }
}
