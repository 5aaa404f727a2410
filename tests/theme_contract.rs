//! The theme contract (README "Theme contract"): every variable it documents reaches the templates
//! a site theme overrides, on every page of every template.

mod common;
use common::*;

/// Fields of a document in a list.
const DOC: &[&str] = &[
    "title",
    "url",
    "number",
    "doc_type",
    "type_url",
    "province",
    "province_url",
    "year",
    "province_year_url",
    "year_url",
    "issued",
    "issued_iso",
    "summary",
];
/// Fields of a target as pages show it.
const VALUE: &[&str] = &["value", "url", "text", "document"];
/// Fields of a task on an agency's page.
const TASK: &[&str] =
    &["text", "url", "document", "year", "role", "lead", "partners", "deadline", "due", "due_iso"];
/// Fields of a link.
const LINK: &[&str] = &["label", "url", "count", "note"];
/// Fields of a central document as the tracker names it.
const CENTRAL: &[&str] =
    &["label", "number", "year", "date", "date_iso", "kind", "issuer", "subject", "url", "link"];
/// Fields of a programme in a tracker.
const PROGRAMME: &[&str] =
    &["title", "url", "doc_type", "number", "issued", "issued_iso", "days", "filed_under"];
/// Fields of a tracked year.
const YEAR: &[&str] = &["year", "central", "url", "count", "median_days"];
/// Where links to a central document's tracker point (the README's theme contract).
const TRACKER_ANCHOR: &str = "<p id=\"trang-theo-doi\">tracker</p>";

/// Tera that writes `MISSING:<name>` for each of `fields` of `var` that is not defined.
fn probe(var: &str, fields: &[&str]) -> String {
    fields
        .iter()
        .map(|f| format!("{{% if {var}.{f} is not defined %}}MISSING:{var}.{f} {{% endif %}}"))
        .collect()
}

/// Probes every item of the list `var` for `fields`.
fn each(var: &str, fields: &[&str]) -> String {
    format!("{{% for x in {var} %}}{}{{% endfor %}}", probe("x", fields))
}

/// A template checking the variables every page gets, then `body`.
fn template(name: &str, body: &str) -> String {
    let common = [
        probe("site", &["title", "description", "base_url"]),
        "{% if base is not defined %}MISSING:base {% endif %}".into(),
        probe("ui", &["nav_provinces", "search_label", "home"]),
        probe("page", &["title", "path", "breadcrumbs", "canonical", "feeds"]),
        each("page.breadcrumbs", LINK),
        each("page.feeds", &["path", "title"]),
    ]
    .concat();
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><title>x</title><p>{common}{body}CONTRACT:{name}</p></html>"
    )
}

/// Probes a tracker (`data.tracker` of hub, document and tracker pages) when there is one.
fn tracker(var: &str) -> String {
    let body = [
        probe(
            var,
            &[
                "central",
                "count",
                "implemented",
                "total",
                "after_merger",
                "median_days",
                "order",
                "orders",
                "rows",
                "series_url",
            ],
        ),
        probe(&format!("{var}.central"), CENTRAL),
        each(&format!("{var}.orders"), &["label", "url", "current"]),
        each(&format!("{var}.rows"), &["province", "url", "now_part_of", "programmes", "days"]),
        format!("{{% for r in {var}.rows %}}{}{{% endfor %}}", each("r.programmes", PROGRAMME)),
    ]
    .concat();
    format!("{{% if {var} %}}{body}{{% endif %}}")
}

/// The tracker's own templates, with what their `data` must hold.
fn tracker_templates() -> Vec<(&'static str, String)> {
    let series = [
        probe("data", &["number", "kind", "issuer", "years", "groups", "chart"]),
        each("data.years", YEAR),
        each("data.groups", &["unit", "rows"]),
        format!(
            "{{% for g in data.groups %}}{}{{% for r in g.rows %}}{}{{% endfor %}}{{% endfor %}}",
            each("g.rows", &["province", "url", "is_unit", "note", "cells"]),
            each("r.cells", &["state", "programmes", "days", "text"]),
        ),
        probe("data.chart", &["svg", "table"]),
        probe("data.chart.table", &["caption", "head", "rows", "foot"]),
    ]
    .concat();
    vec![
        ("tracker.html", [probe("data", &["tracker"]), tracker("data.tracker")].concat()),
        (
            "tracker-index.html",
            [
                probe("data", &["numbers"]),
                each("data.numbers", &["number", "kind", "issuer", "series_url", "years"]),
                format!("{{% for n in data.numbers %}}{}{{% endfor %}}", each("n.years", YEAR)),
            ]
            .concat(),
        ),
        ("series.html", series),
    ]
}

/// What `list.html` (province, year, type, field pages) must get.
fn list_template() -> String {
    [
        probe(
            "data",
            &["groups", "count", "merger_note", "took_in", "lineage", "lineage_count", "plan"],
        ),
        format!(
            "{{% if data.plan %}}{}{}{{% endif %}}",
            probe("data.plan", &["years", "rows", "calendar", "dated_tasks"]),
            each("data.plan.rows", &["indicator", "cells"]),
        ),
        each("data.lineage", &["province", "heading", "url", "groups", "count"]),
        each("data.groups", &["heading", "url", "docs"]),
        format!("{{% for g in data.groups %}}{}{{% endfor %}}", each("g.docs", DOC)),
        format!(
            "{{% if data.merger_note %}}{}{{% endif %}}",
            probe("data.merger_note", &["text", "name", "url"])
        ),
        format!(
            "{{% if data.took_in %}}{}{{% endif %}}",
            probe("data.took_in", &["text", "names"])
        ),
    ]
    .concat()
}

/// What `document.html` must get.
fn document_template() -> String {
    [
        probe(
            "data",
            &[
                "doc",
                "issuer",
                "signer",
                "effective",
                "fields",
                "now_part_of",
                "toc",
                "body",
                "implements",
                "cites",
                "cited_by",
                "other_years",
                "targets",
                "jsonld",
                "tracker",
            ],
        ),
        tracker("data.tracker"),
        TRACKER_ANCHOR.into(),
        probe("data.doc", DOC),
        each("data.fields", LINK),
        each("data.toc", &["level", "text", "anchor"]),
        each("data.implements", LINK),
        each("data.cites", LINK),
        each("data.cited_by", DOC),
        each("data.other_years", &["year", "url", "count", "more", "docs"]),
        each("data.targets", &["indicator", "value"]),
        format!("{{% for t in data.targets %}}{}{{% endfor %}}", probe("t.value", VALUE)),
    ]
    .concat()
}

/// Every default template, with what its `data` must hold.
fn templates() -> Vec<(&'static str, String)> {
    let (list, document) = (list_template(), document_template());
    vec![
        (
            "index.html",
            [
                probe("data", &["latest", "provinces", "years", "types", "fields", "tracker"]),
                "{% if data.tracker %}".into(),
                probe("data.tracker", &["text", "url", "series_url"]),
                "{% endif %}".into(),
                each("data.latest", DOC),
                each("data.provinces", LINK),
            ]
            .concat(),
        ),
        ("terms.html", [probe("data", &["terms"]), each("data.terms", LINK)].concat()),
        ("list.html", list),
        (
            "hub.html",
            [
                probe("data", &["hub", "docs", "tracker"]),
                probe(
                    "data.hub",
                    &[
                        "number", "year", "title", "scope", "date", "kind", "issuer", "subject",
                        "link",
                    ],
                ),
                each("data.docs", DOC),
                tracker("data.tracker"),
                TRACKER_ANCHOR.into(),
            ]
            .concat(),
        ),
        ("document.html", document),
        (
            "search.html",
            [
                probe("data", &["provinces", "years", "index", "index_id", "index_dict"]),
                each("data.years", LINK),
            ]
            .concat(),
        ),
        ("404.html", String::new()),
    ]
    .into_iter()
    .chain(tracker_templates())
    .chain(plan_templates())
    .collect()
}

/// The templates of targets and tasks pages, with what their `data` must hold.
fn plan_templates() -> Vec<(&'static str, String)> {
    vec![
        (
            "indicators.html",
            [
                probe("data", &["groups", "count", "open_data"]),
                each("data.groups", &["heading", "indicators"]),
                format!(
                    "{{% for g in data.groups %}}{}{{% endfor %}}",
                    each("g.indicators", &["name", "url", "unit", "programmes", "provinces"])
                ),
                each("data.open_data", LINK),
            ]
            .concat(),
        ),
        (
            "indicator.html",
            [
                probe("data", &["name", "group", "unit", "higher_is_better", "series"]),
                each(
                    "data.series",
                    &["id", "heading", "comparator", "unit", "years", "rows", "bars", "lines", "note"],
                ),
                format!(
                    "{{% for s in data.series %}}{}{}{{% for r in s.rows %}}{{% for c in r.cells %}}{}\
                     {{% endfor %}}{{% endfor %}}{{% endfor %}}",
                    each("s.rows", &["province", "province_url", "cells"]),
                    probe("s.bars", &["svg", "caption"]),
                    each("c", VALUE),
                ),
            ]
            .concat(),
        ),
        (
            "agencies.html",
            [probe("data", &["agencies", "count", "open_data"]), each("data.agencies", LINK)]
                .concat(),
        ),
        (
            "agency.html",
            [
                probe("data", &["name", "aliases", "now", "took_in", "count", "provinces"]),
                each("data.provinces", &["province", "province_url", "calendar", "tasks"]),
                format!("{{% for p in data.provinces %}}{}{{% endfor %}}", each("p.tasks", TASK)),
            ]
            .concat(),
        ),
    ]
}

#[test]
fn every_documented_variable_reaches_an_overriding_theme() {
    let site = fixture_site("browser");
    std::fs::write(site.path().join("site.yaml"), "title: Thử\ntheme: rieng\n").unwrap();
    let dir = site.path().join("themes/rieng/templates");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, body) in templates() {
        std::fs::write(dir.join(name), template(name, &body)).unwrap();
    }
    build_ok(site.path(), &[]);
    let out = site.path().join("public");
    let mut seen = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        assert!(!html.contains("MISSING:"), "{}: {html}", entry.path().display());
        let name = html.split("CONTRACT:").nth(1).and_then(|r| r.split('<').next()).unwrap();
        seen.insert(name.to_string());
    }
    let all: std::collections::BTreeSet<String> =
        templates().into_iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(seen, all, "every template renders at least one page of the fixture site");
}

#[test]
fn a_missing_variable_would_be_caught() {
    let site = fixture_site("browser");
    std::fs::write(site.path().join("site.yaml"), "title: Thử\ntheme: rieng\n").unwrap();
    let dir = site.path().join("themes/rieng/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("terms.html"), template("terms.html", &probe("data", &["khong_co"])))
        .unwrap();
    build_ok(site.path(), &[]);
    let html = page(&site.path().join("public"), "/tinh/");
    assert!(html.contains("MISSING:data.khong_co"), "{html}");
}
