//! `sitemap.xml` and `robots.txt`.

/// A sitemap listing every HTML page except 404, sorted by URL.
pub fn sitemap<'a>(base_url: &str, page_paths: impl Iterator<Item = &'a str>) -> String {
    let mut urls: Vec<String> = page_paths
        .filter(|p| p.ends_with('/'))
        .map(|p| crate::urls::absolute(base_url, p))
        .collect();
    urls.sort();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls {
        out.push_str("  <url><loc>");
        out.push_str(&crate::text::escape_html(&u));
        out.push_str("</loc></url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt` allowing everything and pointing at the sitemap.
pub fn robots(base_url: &str) -> String {
    let sitemap = crate::urls::absolute(base_url, crate::urls::SITEMAP);
    format!("User-agent: *\nAllow: /\nSitemap: {sitemap}\n")
}
