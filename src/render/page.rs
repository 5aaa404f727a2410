//! One page to render, as the templates see it.

use super::views::LinkView;
use serde_json::Value;

/// One page to render: its site path, its template and the template data.
#[derive(Debug, Clone)]
pub struct Page {
    /// Site path, e.g. `/kien-giang/2021/22-kh-ubnd/` or `/404.html`.
    pub path: String,
    pub template: &'static str,
    pub title: String,
    pub breadcrumbs: Vec<LinkView>,
    pub data: Value,
}
