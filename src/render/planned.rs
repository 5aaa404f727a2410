//! A planned page: its path and template now, its data when it is rendered.

use super::page::Page;
use super::views::Views;

/// Makes a page's data when it is rendered.
type Make = Box<dyn Fn(&Views<'_>) -> Page + Send + Sync>;

/// A page known by its path and template; its data is made when it is rendered.
pub struct Planned {
    /// Site path of the page.
    pub path: String,
    /// Template that renders it.
    pub template: &'static str,
    make: Make,
}

impl Planned {
    /// A page whose data `make` builds when asked for.
    pub fn new(
        path: String,
        template: &'static str,
        make: impl Fn(&Views<'_>) -> Page + Send + Sync + 'static,
    ) -> Planned {
        Planned { path, template, make: Box::new(make) }
    }

    /// A page whose data is already made.
    pub fn ready(page: Page) -> Planned {
        let (path, template) = (page.path.clone(), page.template);
        Planned::new(path, template, move |_| page.clone())
    }

    /// The page with its data.
    pub fn page(&self, v: &Views<'_>) -> Page {
        (self.make)(v)
    }
}
