//! Every site path: where each page and file of the site lives, the output file it is written to,
//! and the base path in front of links.
//!
//! Site paths start with `/` and name pages as the site serves them without its base path
//! (`/kien-giang/2021/22-kh-ubnd/`); [`Urls::url`] puts the base path in front for links.

use crate::text::slugify;

/// The home page.
pub const HOME: &str = "/";
/// Index of provinces.
pub const PROVINCES: &str = "/tinh/";
/// Index of plan years.
pub const YEARS: &str = "/nam/";
/// Index of document types.
pub const TYPES: &str = "/loai/";
/// Index of fields (lĩnh vực).
pub const FIELDS: &str = "/linh-vuc/";
/// Index of cited-document hubs.
pub const HUBS: &str = "/van-ban/";
/// Index of the indicators programmes set targets for.
pub const INDICATORS: &str = "/chi-tieu/";
/// Index of the agencies tasks are given to.
pub const AGENCIES: &str = "/co-quan/";
/// Index of the implementation tracker: every central document followed, recurring numbers first.
pub const TRACKERS: &str = "/theo-doi/";
/// The search page.
pub const SEARCH: &str = "/tim-kiem/";
/// Folder of the static search index.
pub const SEARCH_INDEX: &str = "/search/";
/// The page served for missing paths.
pub const NOT_FOUND: &str = "/404.html";
/// The whole site's Atom feed.
pub const SITE_FEED: &str = "/atom.xml";
/// Open data: every document's metadata as JSON.
pub const OPEN_DATA_JSON: &str = "/du-lieu/van-ban.json";
/// Open data: every document's metadata as CSV.
pub const OPEN_DATA_CSV: &str = "/du-lieu/van-ban.csv";
/// Open data: the implementation tracker as JSON.
pub const TRACKER_JSON: &str = "/du-lieu/theo-doi.json";
/// Open data: the implementation tracker as CSV.
pub const TRACKER_CSV: &str = "/du-lieu/theo-doi.csv";
/// Open data: every target read from the documents as JSON.
pub const TARGETS_JSON: &str = "/du-lieu/chi-tieu.json";
/// Open data: every target read from the documents as CSV.
pub const TARGETS_CSV: &str = "/du-lieu/chi-tieu.csv";
/// Open data: every task read from the documents as JSON.
pub const TASKS_JSON: &str = "/du-lieu/nhiem-vu.json";
/// Open data: every task read from the documents as CSV.
pub const TASKS_CSV: &str = "/du-lieu/nhiem-vu.csv";
/// The sitemap.
pub const SITEMAP: &str = "/sitemap.xml";
/// Instructions for crawlers.
pub const ROBOTS: &str = "/robots.txt";

/// Page of a document: `/{province}/{year}/{leaf}/`, the leaf being its number or file stem.
pub fn document(province: &str, year: i32, leaf: &str) -> String {
    format!("/{}/{year}/{}/", slugify(province), slugify(leaf))
}

/// Page of a province (old or new name): `/{province}/`.
pub fn province(name: &str) -> String {
    format!("/{}/", slugify(name))
}

/// A province's documents of one year: `/{province}/{year}/`.
pub fn province_year(name: &str, year: i32) -> String {
    format!("/{}/{year}/", slugify(name))
}

/// A province's Atom feed: `/{province}/atom.xml`.
pub fn province_feed(name: &str) -> String {
    format!("/{}/atom.xml", slugify(name))
}

/// A province's deadlines calendar (iCalendar): `/{province}/lich.ics`.
pub fn province_calendar(name: &str) -> String {
    format!("/{}/lich.ics", slugify(name))
}

/// Page of a plan year: `/nam/{year}/`.
pub fn year(year: i32) -> String {
    format!("{YEARS}{year}/")
}

/// Page of a document type, by the type's slug: `/loai/{slug}/`.
pub fn doc_type(slug: &str) -> String {
    format!("{TYPES}{slug}/")
}

/// Page of a field, by its name: `/linh-vuc/{slug}/`.
pub fn field(name: &str) -> String {
    field_by_slug(&slugify(name))
}

/// Page of a field, by its slug.
pub fn field_by_slug(slug: &str) -> String {
    format!("{FIELDS}{slug}/")
}

/// Hub of a cited document not on the site: `/van-ban/{number}-{year}/`, or under its province
/// for provincial numbers (`/{province}/van-ban/{number}-{year}/`).
pub fn hub(number: &str, year: i32, province: Option<&str>) -> String {
    let leaf = format!("{}-{year}", slugify(number));
    match province {
        Some(p) => format!("/{}{HUBS}{leaf}/", slugify(p)),
        None => format!("{HUBS}{leaf}/"),
    }
}

/// Page of an indicator, by its id in `data/indicators.yaml`: `/chi-tieu/{id}/`.
pub fn indicator(id: &str) -> String {
    format!("{INDICATORS}{}/", slugify(id))
}

/// Page of an agency, by its id in `data/agencies.yaml`: `/co-quan/{id}/`.
pub fn agency(id: &str) -> String {
    format!("{AGENCIES}{}/", slugify(id))
}

/// A recurring central number across years (the tracker's matrix): `/theo-doi/{number-slug}/`.
pub fn series(number: &str) -> String {
    format!("{TRACKERS}{}/", slugify(number))
}

/// A central document's tracker ordered by days, beside its page (hub or document):
/// `{page}theo-so-ngay/` (`/van-ban/01-nq-cp-2024/theo-so-ngay/`).
pub fn tracker_by_days(page: &str) -> String {
    format!("{page}theo-so-ngay/")
}

/// Anchor of the tracker on a central document's page.
pub const TRACKER_ANCHOR: &str = "trang-theo-doi";

/// Output file of a site path: `/a/b/` → `a/b/index.html`, `/404.html` → `404.html`.
pub fn file_for(path: &str) -> String {
    let p = path.trim_start_matches('/');
    if p.is_empty() || p.ends_with('/') { format!("{p}index.html") } else { p.to_string() }
}

/// Site path of an output file (the inverse of [`file_for`]): `a/b/index.html` → `/a/b/`.
pub fn path_for(file: &str) -> String {
    match file.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
        _ => format!("/{file}"),
    }
}

/// Links to site paths under the site's base path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    /// The base path without its last `/` (`""` for a site at the root, `/ct` under `/ct/`).
    base: String,
}

impl Urls {
    /// Links for a site served under `base_path` (starting and ending with `/`).
    pub fn new(base_path: &str) -> Self {
        Urls { base: base_path.trim_end_matches('/').to_string() }
    }

    /// A site path with the base path in front (`/kien-giang/` → `/ct/kien-giang/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The base path without its last `/`, as templates get it (`{{ base }}/static/…`).
    pub fn base(&self) -> &str {
        &self.base
    }
}

/// An absolute URL for a site path when the base URL is a full address, else the path under the
/// base path (`https://example.org/ct/` + `/a/` → `https://example.org/ct/a/`).
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{}{path}", base_url.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_every_page_family() {
        assert_eq!(document("Kiên Giang", 2021, "22/KH-UBND"), "/kien-giang/2021/22-kh-ubnd/");
        assert_eq!(province("Đồng Tháp"), "/dong-thap/");
        assert_eq!(province_year("Vĩnh Long", 2024), "/vinh-long/2024/");
        assert_eq!(province_feed("Vĩnh Long"), "/vinh-long/atom.xml");
        assert_eq!(province_calendar("Kiên Giang"), "/kien-giang/lich.ics");
        assert_eq!(year(2025), "/nam/2025/");
        assert_eq!(indicator("tang-truong-grdp"), "/chi-tieu/tang-truong-grdp/");
        assert_eq!(agency("so-tai-chinh"), "/co-quan/so-tai-chinh/");
        assert_eq!(doc_type("ke-hoach"), "/loai/ke-hoach/");
        assert_eq!(field("Kinh tế"), "/linh-vuc/kinh-te/");
        assert_eq!(hub("01/NQ-CP", 2024, None), "/van-ban/01-nq-cp-2024/");
        assert_eq!(
            hub("138/NQ-HĐND", 2023, Some("Vĩnh Long")),
            "/vinh-long/van-ban/138-nq-hdnd-2023/"
        );
        assert_eq!(series("01/NQ-CP"), "/theo-doi/01-nq-cp/");
        assert_eq!(
            tracker_by_days("/van-ban/01-nq-cp-2024/"),
            "/van-ban/01-nq-cp-2024/theo-so-ngay/"
        );
    }

    #[test]
    fn files_and_paths_are_inverse() {
        for (path, file) in [
            ("/", "index.html"),
            ("/vinh-long/2024/17-ct-ubnd/", "vinh-long/2024/17-ct-ubnd/index.html"),
            ("/404.html", "404.html"),
            ("/static/style.css", "static/style.css"),
        ] {
            assert_eq!(file_for(path), file);
            assert_eq!(path_for(file), path);
        }
    }

    #[test]
    fn links_carry_the_base_path() {
        assert_eq!(Urls::new("/").url("/a/"), "/a/");
        assert_eq!(Urls::new("/ct/").url("/a/"), "/ct/a/");
        assert_eq!(Urls::new("/ct/").base(), "/ct");
        assert_eq!(absolute("https://example.org/ct/", "/a/"), "https://example.org/ct/a/");
    }
}
