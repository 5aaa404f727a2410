//! Open data of what the documents promise: every target as `/du-lieu/chi-tieu.{json,csv}` and
//! every task as `/du-lieu/nhiem-vu.{json,csv}`, in the form of `/du-lieu/van-ban.*`.

use super::file::OutputFile;
use super::opendata::{csv_bytes, json_bytes};
use crate::data::Catalog;
use crate::extract::plan::{Amount, format_number};
use crate::extract::{Target, Task};
use crate::model::{Document, Site};
use serde::Serialize;

use crate::urls::{self, TARGETS_CSV, TARGETS_JSON, TASKS_CSV, TASKS_JSON};

/// The document a target or task comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// Page of the document.
    pub url: String,
    pub title: String,
    pub number: Option<String>,
    pub province: String,
    pub province_now: Option<String>,
    pub year: i32,
    /// Content file, relative to the site root.
    pub source: String,
}

/// One target in the open data.
#[derive(Debug, Clone, Serialize)]
pub struct TargetRecord<'a> {
    #[serde(rename = "document")]
    pub from: Source,
    /// The section of the document the target is in.
    pub url: String,
    pub indicator_name: Option<&'a str>,
    #[serde(flatten)]
    pub target: &'a Target,
}

/// One task in the open data.
#[derive(Debug, Clone, Serialize)]
pub struct TaskRecord<'a> {
    #[serde(rename = "document")]
    pub from: Source,
    pub url: String,
    pub lead_name: Option<&'a str>,
    /// The agency that has the task after the 2025 mergers, when another one.
    pub lead_now: Option<&'a str>,
    #[serde(flatten)]
    pub task: &'a Task,
}

#[derive(Serialize)]
struct JsonFile<'a, T: Serialize> {
    title: &'a str,
    url: &'a str,
    count: usize,
    #[serde(flatten)]
    items: T,
}

fn source(site: &Site, catalog: &Catalog, d: &Document) -> Source {
    Source {
        url: urls::absolute(&site.config.base_url, &d.path),
        title: d.meta.title.clone(),
        number: d.meta.number.clone(),
        province: d.meta.province.clone(),
        province_now: catalog.now_part_of(&d.meta.province).map(str::to_string),
        year: d.meta.year,
        source: d.source.clone(),
    }
}

fn section_url(from: &Source, anchor: &str) -> String {
    if anchor.is_empty() { from.url.clone() } else { format!("{}#{anchor}", from.url) }
}

/// Every target of the site, by document (site order) and line.
pub fn target_records<'a>(site: &'a Site, catalog: &'a Catalog) -> Vec<TargetRecord<'a>> {
    site.documents
        .iter()
        .flat_map(|d| {
            let from = source(site, catalog, d);
            d.body.plan.targets.iter().map(move |t| TargetRecord {
                url: section_url(&from, &t.anchor),
                from: from.clone(),
                indicator_name: t
                    .indicator
                    .as_deref()
                    .and_then(|i| catalog.indicators.get(i))
                    .map(|i| i.name.as_str()),
                target: t,
            })
        })
        .collect()
}

/// Every task of the site, by document (site order) and line.
pub fn task_records<'a>(site: &'a Site, catalog: &'a Catalog) -> Vec<TaskRecord<'a>> {
    let agencies = &catalog.agencies;
    site.documents
        .iter()
        .flat_map(|d| {
            let from = source(site, catalog, d);
            d.body.plan.tasks.iter().map(move |t| {
                let id = t.lead_id.as_deref();
                TaskRecord {
                    url: section_url(&from, &t.anchor),
                    from: from.clone(),
                    lead_name: id.and_then(|i| agencies.get(i)).map(|a| a.name.as_str()),
                    lead_now: id.and_then(|i| agencies.successor(i)).map(|(s, _)| s),
                    task: t,
                }
            })
        })
        .collect()
}

/// CSV columns of `chi-tieu.csv`, in order (documented in the README).
pub const TARGET_COLUMNS: [&str; 21] = [
    "url",
    "document",
    "number",
    "province",
    "province_now",
    "year",
    "indicator",
    "indicator_name",
    "comparator",
    "approx",
    "value",
    "value_to",
    "unit",
    "equivalent",
    "group",
    "clause",
    "text",
    "number_in_list",
    "line",
    "source",
    "from_frontmatter",
];

/// CSV columns of `nhiem-vu.csv`, in order (documented in the README).
pub const TASK_COLUMNS: [&str; 22] = [
    "url",
    "document",
    "number",
    "province",
    "province_now",
    "year",
    "task",
    "lead",
    "lead_id",
    "lead_name",
    "lead_now",
    "partners",
    "partner_ids",
    "deadline",
    "due_from",
    "due_to",
    "due_kind",
    "row",
    "group",
    "line",
    "source",
    "kind",
];

fn opt(o: Option<&str>) -> String {
    o.unwrap_or_default().to_string()
}

fn target_row(r: &TargetRecord<'_>) -> Vec<String> {
    let t = r.target;
    let amount = |a: &Amount| format!("{} {}", range(a), a.unit).trim().to_string();
    let mut row = document_cells(&r.url, &r.from);
    row.extend([
        opt(t.indicator.as_deref()),
        opt(r.indicator_name),
        t.comparator.word().to_string(),
        t.approx.to_string(),
        format_number(t.amount.value),
        t.amount.value_to.map(format_number).unwrap_or_default(),
        t.amount.unit.clone(),
        t.equivalent.as_ref().map(amount).unwrap_or_default(),
        opt(t.group.as_deref()),
        t.clause.clone(),
        t.text.clone(),
        t.number.map(|n| n.to_string()).unwrap_or_default(),
        t.line.to_string(),
        r.from.source.clone(),
        t.from_frontmatter.to_string(),
    ]);
    row
}

/// The first cells of a target's or a task's row: where it is, and the document it is in.
fn document_cells(url: &str, from: &Source) -> Vec<String> {
    vec![
        url.to_string(),
        from.url.clone(),
        opt(from.number.as_deref()),
        from.province.clone(),
        opt(from.province_now.as_deref()),
        from.year.to_string(),
    ]
}

fn range(a: &Amount) -> String {
    match a.value_to {
        Some(to) => format!("{}-{}", format_number(a.value), format_number(to)),
        None => format_number(a.value),
    }
}

fn task_row(r: &TaskRecord<'_>) -> Vec<String> {
    let t = r.task;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let kind = t.due.and_then(|d| serde_json::to_value(d.kind).ok());
    let mut row = document_cells(&r.url, &r.from);
    row.extend([
        t.text.clone(),
        t.lead.clone(),
        opt(t.lead_id.as_deref()),
        opt(r.lead_name),
        opt(r.lead_now),
        opt(t.partners.as_deref()),
        t.partner_ids.join("; "),
        opt(t.deadline.as_deref()),
        date(t.due.map(|d| d.from)),
        date(t.due.map(|d| d.to)),
        kind.and_then(|k| k.as_str().map(str::to_string)).unwrap_or_default(),
        opt(t.number.as_deref()),
        opt(t.group.as_deref()),
        t.line.to_string(),
        r.from.source.clone(),
        t.source.to_string(),
    ]);
    row
}

/// The four files.
pub fn files(site: &Site, catalog: &Catalog) -> Vec<OutputFile> {
    let url = urls::absolute(&site.config.base_url, urls::HOME);
    let targets = target_records(site, catalog);
    let tasks = task_records(site, catalog);
    #[derive(Serialize)]
    struct Targets<'a> {
        targets: &'a [TargetRecord<'a>],
    }
    #[derive(Serialize)]
    struct Tasks<'a> {
        tasks: &'a [TaskRecord<'a>],
    }
    let head = |count| (site.config.title.as_str(), url.as_str(), count);
    let (title, url, n) = head(targets.len());
    let targets_json =
        json_bytes(&JsonFile { title, url, count: n, items: Targets { targets: &targets } });
    let (title, url, n) = head(tasks.len());
    let tasks_json = json_bytes(&JsonFile { title, url, count: n, items: Tasks { tasks: &tasks } });
    let file = |path: &str, bytes| OutputFile::site_file(urls::file_for(path), bytes);
    vec![
        file(TARGETS_JSON, targets_json),
        file(TARGETS_CSV, csv_bytes(&TARGET_COLUMNS, targets.iter().map(target_row))),
        file(TASKS_JSON, tasks_json),
        file(TASKS_CSV, csv_bytes(&TASK_COLUMNS, tasks.iter().map(task_row))),
    ]
}
