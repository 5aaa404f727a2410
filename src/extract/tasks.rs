//! Reading tasks: rows of task tables (columns recognised by their headers: nhiệm vụ / nội dung,
//! cơ quan or đơn vị chủ trì, phối hợp, thời gian / thời hạn) and assignment sentences
//! ("Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với … tổ chức …").

use super::agencies::Agencies;
use super::clauses::marker;
use super::collect::{Block, Para, Table};
use super::deadlines;
use super::plan::{Note, NoteKind, Task};
use crate::text::fold;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::LazyLock;

/// Tasks read from the blocks, and the deadline cells that could not be read.
pub fn read(blocks: &[Block], agencies: &Agencies, year: i32) -> (Vec<Task>, Vec<Note>) {
    let mut tasks = Vec::new();
    let mut notes = Vec::new();
    for b in blocks {
        match b {
            Block::Table(t) => table(t, agencies, year, &mut tasks, &mut notes),
            Block::Para(p) => tasks.extend(sentences(p, agencies, year)),
        }
    }
    tasks.sort_by_key(|t| t.line);
    (tasks, notes)
}

#[derive(Clone, Copy, PartialEq)]
enum Col {
    Index,
    Task,
    Lead,
    Partners,
    Deadline,
    Other,
}

fn column(header: &str) -> Col {
    let h = fold(header);
    let has = |w: &str| h.contains(w);
    if matches!(h.trim(), "stt" | "tt" | "so tt" | "so thu tu") {
        Col::Index
    } else if has("thoi gian") || has("thoi han") || has("tien do") || has("thoi diem") {
        Col::Deadline
    } else if has("phoi hop") {
        Col::Partners
    } else if has("don vi tinh") || h.trim() == "dvt" {
        Col::Other
    } else if has("chu tri") || has("co quan") || has("don vi") || has("trach nhiem") {
        Col::Lead
    } else if has("nhiem vu") || has("noi dung") || has("cong viec") || has("de an") {
        Col::Task
    } else {
        Col::Other
    }
}

fn table(t: &Table, agencies: &Agencies, year: i32, tasks: &mut Vec<Task>, notes: &mut Vec<Note>) {
    let cols: Vec<Col> = t.header.iter().map(|h| column(h)).collect();
    let at = |c: Col| cols.iter().position(|k| *k == c);
    let Some(task_col) = at(Col::Task) else { return };
    let (lead, partners, deadline) = (at(Col::Lead), at(Col::Partners), at(Col::Deadline));
    if lead.is_none() && deadline.is_none() {
        return;
    }
    let mut group = None;
    for (cells, line) in &t.rows {
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i)).map(|c| c.trim()).filter(|c| !c.is_empty())
        };
        let Some(text) = cell(Some(task_col)) else { continue };
        let (lead_text, partners_text, deadline_text) =
            (cell(lead), cell(partners), cell(deadline));
        if lead_text.is_none() && partners_text.is_none() && deadline_text.is_none() {
            group = Some(text.to_string());
            continue;
        }
        let due = deadline_text.and_then(|d| deadlines::read(d, year));
        if let (Some(d), None) = (deadline_text, due) {
            notes.push(Note { line: *line, kind: NoteKind::Deadline, text: d.to_string() });
        }
        let lead_text = lead_text.unwrap_or_default();
        tasks.push(Task {
            text: text.to_string(),
            lead: lead_text.to_string(),
            lead_id: lead_id(agencies, lead_text),
            partners: partners_text.map(str::to_string),
            partner_ids: partners_text.map(|p| ids(agencies, p)).unwrap_or_default(),
            deadline: deadline_text.map(str::to_string),
            due,
            number: cell(at(Col::Index)).map(str::to_string),
            group: group.clone(),
            anchor: t.anchor.clone(),
            line: *line,
            source: "table",
        });
    }
}

/// The agency a lead cell names: the whole cell, else the first agency named in it.
fn lead_id(agencies: &Agencies, text: &str) -> Option<String> {
    agencies
        .resolve(text)
        .or_else(|| agencies.find_all(text).into_iter().next())
        .map(|a| a.id.clone())
}

fn ids(agencies: &Agencies, text: &str) -> Vec<String> {
    agencies.find_all(text).into_iter().map(|a| a.id.clone()).collect()
}

/// Words that start the task itself after the partners: "… phối hợp với Văn phòng UBND tỉnh và
/// các cơ quan liên quan đôn đốc, theo dõi …".
const VERBS: [&str; 38] = [
    "đôn đốc",
    "tổ chức",
    "triển khai",
    "xây dựng",
    "tham mưu",
    "theo dõi",
    "thực hiện",
    "hướng dẫn",
    "kiểm tra",
    "báo cáo",
    "rà soát",
    "tổng hợp",
    "nghiên cứu",
    "đề xuất",
    "phổ biến",
    "tuyên truyền",
    "ban hành",
    "hoàn thành",
    "hoàn thiện",
    "chỉ đạo",
    "đẩy mạnh",
    "tăng cường",
    "giám sát",
    "quản lý",
    "thẩm định",
    "đánh giá",
    "làm tốt",
    "lãnh đạo",
    "định kỳ",
    "cụ thể hóa",
    "vận động",
    "bảo đảm",
    "đảm bảo",
    "chịu trách nhiệm",
    "khẩn trương",
    "tập trung",
    "sơ kết",
    "tổng kết",
];

static VERB_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(VERBS).expect("verbs")
});

/// Byte offset of the first task verb in `text` (as a whole word).
fn first_verb(text: &str) -> Option<usize> {
    VERB_FINDER.find_iter(text).map(|m| (m.start(), m.end())).find_map(|(s, e)| {
        let before = text[..s].chars().next_back();
        let after = text[e..].chars().next();
        let whole = before.is_none_or(|c| !c.is_alphanumeric())
            && after.is_none_or(|c| !c.is_alphanumeric());
        whole.then_some(s)
    })
}

/// The sentences of a paragraph: split after a full stop followed by a capital letter.
fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, _) in text.match_indices(". ") {
        if text[i + 2..].chars().next().is_some_and(char::is_uppercase) {
            out.push(&text[from..=i]);
            from = i + 2;
        }
    }
    out.push(&text[from..]);
    out
}

/// Assignment sentences of a paragraph: "Giao <agency> chủ trì, phối hợp với <partners> <task>",
/// "<agency> chủ trì …" and "Giao <agency> <task>".
fn sentences(p: &Para, agencies: &Agencies, year: i32) -> Vec<Task> {
    split_sentences(&p.text).into_iter().filter_map(|s| sentence(s, p, agencies, year)).collect()
}

fn sentence(s: &str, p: &Para, agencies: &Agencies, year: i32) -> Option<Task> {
    let s = s[marker(s).1..].trim();
    let (giao, rest) = match s.strip_prefix("Giao ") {
        Some(r) => (true, r.trim_start()),
        None => (false, s),
    };
    let (lead, after) = if let Some(i) = rest.find("chủ trì") {
        let lead = rest[..i].trim().trim_end_matches(',');
        // An agency's name, with its head's title, is never longer than this.
        if lead.split_whitespace().count() > 14 {
            return None;
        }
        let known = agencies.resolve(lead).is_some();
        // Without "Giao", only a known agency leads; after it, any short name does.
        if !(known || (giao && lead.split_whitespace().count() <= 10)) {
            return None;
        }
        (lead, rest[i + "chủ trì".len()..].trim_start_matches([',', ' ']))
    } else if giao {
        // The agency ends where the task's verb starts, or is the longest run of words naming one.
        let by_verb = first_verb(rest)
            .map(|v| rest[..v].trim_end().trim_end_matches(','))
            .filter(|lead| agencies.resolve(lead).is_some())
            .map(|lead| (lead, lead.len()));
        let (lead, n) = by_verb.or_else(|| longest_agency(rest, agencies))?;
        (lead, rest[n..].trim_start_matches([',', ' ']))
    } else {
        return None;
    };
    let (partners, task) = match after.strip_prefix("phối hợp") {
        Some(r) => {
            let r = r.trim_start();
            let r = ["với ", "cùng "].iter().find_map(|w| r.strip_prefix(w)).unwrap_or(r);
            let cut = first_verb(r).unwrap_or(r.len());
            let partners = r[..cut].trim().trim_end_matches(',');
            ((!partners.is_empty()).then_some(partners), &r[cut..])
        }
        None => (None, after),
    };
    let task = task.trim().trim_end_matches("/.").trim_end_matches(['.', ';']).trim();
    if task.is_empty() {
        return None;
    }
    let found = deadlines::find_in(task, year);
    Some(Task {
        text: task.to_string(),
        lead: lead.to_string(),
        lead_id: lead_id(agencies, lead),
        partners: partners.map(str::to_string),
        partner_ids: partners.map(|x| ids(agencies, x)).unwrap_or_default(),
        deadline: found.as_ref().map(|f| task[f.start..f.end].to_string()),
        due: found.map(|f| f.due),
        number: None,
        group: None,
        anchor: p.anchor.clone(),
        line: p.line,
        source: "sentence",
    })
}

/// The longest run of words at the start of `text` that names an agency, and its byte length.
fn longest_agency<'t>(text: &'t str, agencies: &Agencies) -> Option<(&'t str, usize)> {
    let ends: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| *c == ' ' || *c == ',')
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .take(14)
        .collect();
    ends.into_iter()
        .rev()
        .map(|e| &text[..e])
        .find(|t| agencies.resolve(t).is_some())
        .map(|t| (t, t.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Para {
        Para { text: text.into(), line: 7, anchor: "to-chuc".into(), zone: false, seq: 1 }
    }

    #[test]
    fn headers_name_the_columns() {
        assert!(column("Nhiệm vụ") == Col::Task);
        assert!(column("Nội dung công việc") == Col::Task);
        assert!(column("Đơn vị chủ trì thực hiện") == Col::Lead);
        assert!(column("Cơ quan chủ trì") == Col::Lead);
        assert!(column("Cơ quan phối hợp") == Col::Partners);
        assert!(column("Thời gian trình") == Col::Deadline);
        assert!(column("Thời hạn hoàn thành") == Col::Deadline);
        assert!(column("Đơn vị tính") == Col::Other);
        assert!(column("STT") == Col::Index);
    }

    #[test]
    fn assignment_sentences() {
        let a = Agencies::embedded();
        let p = para(
            "2. Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Văn phòng UBND tỉnh và các cơ quan \
             liên quan đôn đốc, theo dõi, kiểm tra và tổng hợp, báo cáo tình hình thực hiện Kế \
             hoạch này; kịp thời báo cáo UBND tỉnh những vấn đề phát sinh./.",
        );
        let t = &sentences(&p, &a, 2021)[0];
        assert_eq!(t.lead_id.as_deref(), Some("so-ke-hoach-va-dau-tu"));
        assert_eq!(t.partners.as_deref(), Some("Văn phòng UBND tỉnh và các cơ quan liên quan"));
        assert_eq!(t.partner_ids, vec!["van-phong-ubnd-tinh"]);
        assert!(t.text.starts_with("đôn đốc, theo dõi"), "{}", t.text);
        assert!(t.text.ends_with("phát sinh"), "{}", t.text);
        let p = para(
            "Điều 2. Giao Giám đốc Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các sở triển khai \
             thực hiện Chương trình.",
        );
        let t = &sentences(&p, &a, 2024)[0];
        assert_eq!(
            (t.lead.as_str(), t.text.as_str()),
            ("Giám đốc Sở Kế hoạch và Đầu tư", "triển khai thực hiện Chương trình")
        );
        let p = para("2. Giao Sở Kế hoạch và Đầu tư định kỳ báo cáo kết quả thực hiện.");
        let t = &sentences(&p, &a, 2025)[0];
        assert_eq!(
            (t.lead.as_str(), t.deadline.as_deref()),
            ("Sở Kế hoạch và Đầu tư", Some("định kỳ"))
        );
        let p = para(
            "Các sở gửi báo cáo trước ngày 15/11/2024. Giao Công an tỉnh chủ trì bảo đảm an ninh \
             trước ngày 20/12/2024.",
        );
        let t = &sentences(&p, &a, 2024)[0];
        assert_eq!(t.lead_id.as_deref(), Some("cong-an-tinh"));
        assert_eq!(t.due.unwrap().to.to_string(), "2024-12-19");
        // Not an assignment: who leads is not an agency.
        let p = para(
            "b) Xây dựng kế hoạch, phân công đơn vị trực thuộc chủ trì, gửi Sở Kế hoạch và Đầu tư.",
        );
        assert!(sentences(&p, &a, 2024).is_empty());
    }
}
