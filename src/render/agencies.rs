//! The agencies family: `/co-quan/` (agencies with how many tasks each) and a page per agency
//! listing its tasks across documents and provinces with their deadlines.

use super::groups::Groups;
use super::page::{Page, PageData};
use super::plan_data::{AgenciesData, AgencyData, AgencyProvince, TaskView};
use super::planned::Planned;
use super::targets::by_name;
use super::views::{LinkView, Views};
use crate::extract::{DueKind, Task};
use crate::text::fold;
use crate::urls;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The template of `/co-quan/`.
pub const INDEX_TEMPLATE: &str = "agencies.html";
/// The template of an agency's page.
pub const TEMPLATE: &str = "agency.html";

/// A task of an agency: (document, task, whether it leads it).
type Assigned = (usize, usize, bool);

/// `/co-quan/` and a page per agency with tasks.
pub fn agencies(v: &Views<'_>, _: &Groups) -> Vec<Planned> {
    let by_agency = by_agency(v);
    let agencies = &v.catalog.agencies;
    let mut links: Vec<LinkView> = by_agency
        .iter()
        .filter_map(|(id, tasks)| {
            let a = agencies.get(id)?;
            let note = agencies.successor(id).map(|(now, since)| {
                let now = agencies.get(now).map_or(now, |n| n.name.as_str());
                let since = since.format("%d/%m/%Y");
                format!("{} {since}, {} {now}", v.ui("agency_now"), v.ui("agency_now_tail"))
            });
            let url = v.url(&urls::agency(id));
            Some(LinkView { label: a.name.clone(), url, count: Some(tasks.len()), note })
        })
        .collect();
    links.sort_by_cached_key(|l| (fold(&l.label), l.label.clone()));
    let count = v.site.documents.iter().flat_map(|d| &d.body.plan.tasks);
    let count = count.filter(|t| t.lead_id.is_some()).count();
    let open_data =
        vec![v.link("JSON".into(), urls::TASKS_JSON), v.link("CSV".into(), urls::TASKS_CSV)];
    let index = Page {
        path: urls::AGENCIES.into(),
        template: INDEX_TEMPLATE,
        title: v.ui("agencies_title"),
        breadcrumbs: vec![v.home()],
        province: None,
        document: None,
        data: PageData::Agencies(AgenciesData { agencies: links, count, open_data }),
    };
    let mut planned = vec![Planned::ready(index)];
    let with_page: Arc<BTreeSet<String>> =
        Arc::new(by_agency.keys().filter(|id| agencies.get(id).is_some()).cloned().collect());
    for (id, tasks) in by_agency {
        if !with_page.contains(&id) {
            continue;
        }
        let with_page = Arc::clone(&with_page);
        planned.push(Planned::new(urls::agency(&id), TEMPLATE, move |v| {
            page(v, &id, &tasks, &with_page)
        }));
    }
    planned
}

/// Every agency's tasks, led or supported, in site order.
fn by_agency(v: &Views<'_>) -> BTreeMap<String, Vec<Assigned>> {
    let mut out: BTreeMap<String, Vec<Assigned>> = BTreeMap::new();
    for (d, doc) in v.site.documents.iter().enumerate() {
        for (t, task) in doc.body.plan.tasks.iter().enumerate() {
            if let Some(id) = &task.lead_id {
                out.entry(id.clone()).or_default().push((d, t, true));
            }
            for p in task.partner_ids.iter().filter(|p| task.lead_id.as_ref() != Some(*p)) {
                out.entry(p.clone()).or_default().push((d, t, false));
            }
        }
    }
    out
}

/// The page of agency `id`.
fn page(v: &Views<'_>, id: &str, tasks: &[Assigned], with_page: &BTreeSet<String>) -> Page {
    let agencies = &v.catalog.agencies;
    // Agencies without tasks have no page: named without a link.
    let link = |name: &str, id: &str| match with_page.contains(id) {
        true => v.link(name.to_string(), &urls::agency(id)),
        false => LinkView { label: name.to_string(), url: String::new(), count: None, note: None },
    };
    let a = agencies.get(id).expect("planned for a catalog agency");
    let now = agencies.successor(id).map(|(now, since)| {
        let name = agencies.get(now).map_or(now, |n| n.name.as_str());
        let mut link = link(name, now);
        link.note = Some(since.format("%d/%m/%Y").to_string());
        link
    });
    let took_in = agencies
        .reorganisations
        .iter()
        .flat_map(|r| &r.merges)
        .filter(|m| m.into == id)
        .flat_map(|m| &m.from)
        .filter_map(|f| agencies.get(f))
        .map(|f| link(&f.name, &f.id))
        .collect();
    let mut by_province: BTreeMap<&str, Vec<&Assigned>> = BTreeMap::new();
    for a in tasks {
        by_province.entry(v.site.documents[a.0].meta.province.as_str()).or_default().push(a);
    }
    let provinces = by_name(by_province.keys().copied())
        .into_iter()
        .map(|p| {
            let mut list = by_province[p].clone();
            list.sort_by_key(|(d, t, _)| {
                (std::cmp::Reverse(v.site.documents[*d].meta.year), *d, *t)
            });
            let dated =
                list.iter().any(|(d, t, _)| v.site.documents[*d].body.plan.tasks[*t].due.is_some());
            AgencyProvince {
                province: p.to_string(),
                province_url: v.url(&urls::province(p)),
                calendar: dated.then(|| v.url(&urls::province_calendar(p))),
                tasks: list.iter().map(|&&(d, t, lead)| task_view(v, d, t, lead)).collect(),
            }
        })
        .collect();
    let data = AgencyData {
        name: a.name.clone(),
        aliases: a.aliases.clone(),
        now,
        took_in,
        count: tasks.len(),
        provinces,
    };
    Page {
        path: urls::agency(id),
        template: TEMPLATE,
        title: a.name.clone(),
        breadcrumbs: vec![v.home(), v.link(v.ui("agencies_title"), urls::AGENCIES)],
        province: None,
        document: None,
        data: PageData::Agency(Box::new(data)),
    }
}

/// Task `t` of document `d` as an agency's page shows it.
fn task_view(v: &Views<'_>, d: usize, t: usize, lead: bool) -> TaskView {
    let doc = &v.site.documents[d];
    let task: &Task = &doc.body.plan.tasks[t];
    let page = v.url(&doc.path);
    let url = if task.anchor.is_empty() { page } else { format!("{page}#{}", task.anchor) };
    let m = &doc.meta;
    let document = match &m.number {
        Some(n) => format!("{} số {n}", m.doc_type),
        None => m.title.clone(),
    };
    let day = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    let due = task.due.map(|due| match due.kind {
        DueKind::By => format!("{} {}", v.ui("task_due_by"), day(due.to)),
        DueKind::Within | DueKind::Ongoing => format!("{} – {}", day(due.from), day(due.to)),
    });
    TaskView {
        text: task.text.clone(),
        url,
        document,
        year: m.year,
        role: v.ui(if lead { "task_lead" } else { "task_partner" }),
        lead: task.lead.clone(),
        partners: task.partners.clone(),
        deadline: task.deadline.clone(),
        due,
        due_iso: task.due.map(|d| d.to.format("%Y-%m-%d").to_string()),
    }
}
