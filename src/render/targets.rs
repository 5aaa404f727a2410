//! The targets family: `/chi-tieu/` (indicators with how many programmes set each) and a page per
//! indicator (provinces × years, one series per comparator and unit, with charts); and the targets
//! of one document or one province as their pages show them.

use super::groups::Groups;
use super::page::{Page, PageData};
use super::plan_data::{
    IndicatorGroup, IndicatorLink, IndicatorsData, ProvincePlan, ProvinceTargetRow, TargetLine,
    TargetValue,
};
use super::planned::Planned;
use super::series;
use super::views::{LinkView, Views};
use crate::chart::format_number;
use crate::extract::Target;
use crate::text::fold;
use crate::urls;
use std::collections::{BTreeMap, BTreeSet};

/// The template of `/chi-tieu/`.
pub const INDEX_TEMPLATE: &str = "indicators.html";
/// The template of an indicator's page.
pub const TEMPLATE: &str = "indicator.html";

/// `/chi-tieu/` and a page per indicator some document sets a target for.
pub fn indicators(v: &Views<'_>, _: &Groups) -> Vec<Planned> {
    let by_indicator = by_indicator(v);
    let mut groups: Vec<IndicatorGroup> = Vec::new();
    let mut planned = Vec::new();
    for ind in &v.catalog.indicators.list {
        let Some(found) = by_indicator.get(ind.id.as_str()) else { continue };
        let docs: BTreeSet<usize> = found.iter().map(|(d, _)| *d).collect();
        let provinces: BTreeSet<&str> =
            docs.iter().map(|&d| v.site.documents[d].meta.province.as_str()).collect();
        let link = IndicatorLink {
            name: ind.name.clone(),
            url: v.url(&urls::indicator(&ind.id)),
            unit: ind.unit.clone(),
            programmes: docs.len(),
            provinces: provinces.len(),
        };
        match groups.iter_mut().find(|g| g.heading == ind.group) {
            Some(g) => g.indicators.push(link),
            None => {
                groups.push(IndicatorGroup { heading: ind.group.clone(), indicators: vec![link] })
            }
        }
        let (id, found) = (ind.id.clone(), found.clone());
        planned.push(Planned::new(urls::indicator(&ind.id), TEMPLATE, move |v| {
            series::page(v, &id, &found)
        }));
    }
    let count = by_indicator.values().map(Vec::len).sum();
    let open_data =
        vec![v.link("JSON".into(), urls::TARGETS_JSON), v.link("CSV".into(), urls::TARGETS_CSV)];
    let page = Page {
        path: urls::INDICATORS.into(),
        template: INDEX_TEMPLATE,
        title: v.ui("indicators_title"),
        breadcrumbs: vec![v.home()],
        province: None,
        document: None,
        data: PageData::Indicators(IndicatorsData { groups, count, open_data }),
    };
    planned.insert(0, Planned::ready(page));
    planned
}

/// (document, target) pairs of every indicator, in site order.
fn by_indicator<'a>(v: &Views<'a>) -> BTreeMap<&'a str, Vec<(usize, usize)>> {
    let mut out: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for (d, doc) in v.site.documents.iter().enumerate() {
        for (t, target) in doc.body.plan.targets.iter().enumerate() {
            if let Some(id) = target.indicator.as_deref() {
                out.entry(id).or_default().push((d, t));
            }
        }
    }
    out
}

/// Target `t` of document `d` as pages show it.
pub fn value(v: &Views<'_>, d: usize, t: &Target) -> TargetValue {
    let doc = &v.site.documents[d];
    let page = v.url(&doc.path);
    let url = if t.anchor.is_empty() { page } else { format!("{page}#{}", t.anchor) };
    let m = &doc.meta;
    let document = match &m.number {
        Some(n) => format!("{} số {n}", m.doc_type),
        None => m.title.clone(),
    };
    TargetValue { value: value_text(t), url, text: t.text.clone(), document }
}

/// "tăng 10–11%", "đạt khoảng 95%", "đạt 76,56 triệu đồng".
pub fn value_text(t: &Target) -> String {
    let a = &t.amount;
    let number = match a.value_to {
        Some(to) => format!("{}–{}", format_number(a.value), format_number(to)),
        None => format_number(a.value),
    };
    let approx = if t.approx { " khoảng" } else { "" };
    let sep = if a.unit.is_empty() || a.unit.starts_with('%') { "" } else { " " };
    format!("{}{approx} {number}{sep}{}", t.comparator.word(), a.unit)
}

/// The "Chỉ tiêu chủ yếu" box of document `d`: its targets in the order of its lines.
pub fn document_box(v: &Views<'_>, d: usize) -> Vec<TargetLine> {
    let targets = &v.site.documents[d].body.plan.targets;
    targets
        .iter()
        .map(|t| TargetLine {
            indicator: t.indicator.as_deref().map(|id| indicator_link(v, id)),
            value: value(v, d, t),
        })
        .collect()
}

/// A link to an indicator's page, named as the catalog names it.
fn indicator_link(v: &Views<'_>, id: &str) -> LinkView {
    let name = v.catalog.indicators.get(id).map_or(id, |i| i.name.as_str());
    v.link(name.to_string(), &urls::indicator(id))
}

/// A province's targets over the years (rows: indicator and comparator in the catalog's order;
/// columns: years) and its calendar; None when it has neither.
pub fn province_plan(v: &Views<'_>, province: &str, docs: &[usize]) -> Option<ProvincePlan> {
    let mut rows: BTreeMap<(usize, &str), BTreeMap<i32, Vec<TargetValue>>> = BTreeMap::new();
    let mut years = BTreeSet::new();
    let mut dated_tasks = 0;
    for &d in docs {
        let doc = &v.site.documents[d];
        dated_tasks += doc.body.plan.tasks.iter().filter(|t| t.due.is_some()).count();
        for t in &doc.body.plan.targets {
            let Some(id) = t.indicator.as_deref() else { continue };
            let order = v.catalog.indicators.list.iter().position(|i| i.id == id);
            let key = (order.unwrap_or(usize::MAX), t.comparator.word());
            years.insert(doc.meta.year);
            rows.entry(key).or_default().entry(doc.meta.year).or_default().push(value(v, d, t));
        }
    }
    if rows.is_empty() && dated_tasks == 0 {
        return None;
    }
    let years: Vec<i32> = years.into_iter().collect();
    let rows = rows
        .into_iter()
        .filter_map(|((order, comparator), mut by_year)| {
            let ind = v.catalog.indicators.list.get(order)?;
            let mut link = indicator_link(v, &ind.id);
            link.note = Some(format!("{comparator}, {}", ind.unit));
            let cells = years.iter().map(|y| by_year.remove(y).unwrap_or_default()).collect();
            Some(ProvinceTargetRow { indicator: link, cells })
        })
        .collect();
    let calendar = (dated_tasks > 0).then(|| v.url(&urls::province_calendar(province)));
    Some(ProvincePlan { years, rows, calendar, dated_tasks })
}

/// Provinces in alphabetical order of their folded names.
pub fn by_name<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = names.into_iter().collect::<BTreeSet<_>>().into_iter().collect();
    v.sort_by_cached_key(|p| (fold(p), p.to_string()));
    v
}
