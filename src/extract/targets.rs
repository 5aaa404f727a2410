//! Reading targets from a body: the lines under a "chỉ tiêu" heading, and a run of numbered
//! lines "(1) … (2) …" that reads as targets even where the heading was lost.

use super::clauses::{marker, parens, pieces, trimmed};
use super::collect::{Block, Para};
use super::comparators::{self, Reading};
use super::indicators::{Candidate, Indicators};
use super::plan::{Amount, Note, NoteKind, Target};
use super::quantity::{Quantity, quantities};
use super::units::Unit;
use super::words::{Word, words};

/// Targets read from the blocks, and the lines that could not be read.
pub fn read(blocks: &[Block], ind: &Indicators) -> (Vec<Target>, Vec<Note>) {
    let mut targets = Vec::new();
    let mut notes = Vec::new();
    let paras: Vec<&Para> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(p),
            Block::Table(_) => None,
        })
        .collect();
    let mut group: Option<String> = None;
    let mut last_anchor = None;
    for p in paras.iter().filter(|p| p.zone) {
        if last_anchor != Some(&p.anchor) {
            group = None;
            last_anchor = Some(&p.anchor);
        }
        match read_line(p, group.as_deref(), ind) {
            Line::Label(l) => group = Some(l),
            Line::Skip => {}
            Line::Read(ts, ns) => {
                targets.extend(ts);
                notes.extend(ns);
            }
        }
    }
    for run in runs(&paras) {
        let read: Vec<(Vec<Target>, Vec<Note>)> = run
            .iter()
            .filter_map(|p| match read_line(p, None, ind) {
                Line::Read(ts, ns) => Some((ts, ns)),
                Line::Label(_) | Line::Skip => None,
            })
            .collect();
        let matched =
            read.iter().filter(|(ts, _)| ts.iter().any(|t| t.indicator.is_some())).count();
        if matched * 2 >= run.len() {
            for (ts, ns) in read {
                targets.extend(ts);
                notes.extend(ns);
            }
        }
    }
    targets.sort_by_key(|t| t.line);
    notes.sort_by_key(|n| n.line);
    (targets, notes)
}

/// Runs of at least three consecutive numbered paragraphs "(n)", "(n+1)", … outside targets
/// headings.
fn runs<'a>(paras: &[&'a Para]) -> Vec<Vec<&'a Para>> {
    let mut out: Vec<Vec<&Para>> = Vec::new();
    let mut run: Vec<(&Para, u32)> = Vec::new();
    let flush = |run: &mut Vec<(&'a Para, u32)>, out: &mut Vec<Vec<&'a Para>>| {
        if run.len() >= 3 {
            out.push(run.iter().map(|(p, _)| *p).collect());
        }
        run.clear();
    };
    for p in paras.iter().filter(|p| !p.zone) {
        let Some(n) = numbered(&p.text) else {
            flush(&mut run, &mut out);
            continue;
        };
        let follows = run.last().is_some_and(|(q, m)| p.seq == q.seq + 1 && n == m + 1);
        if !follows {
            flush(&mut run, &mut out);
        }
        run.push((p, n));
    }
    flush(&mut run, &mut out);
    out
}

fn numbered(text: &str) -> Option<u32> {
    text.starts_with('(').then(|| marker(text).0).flatten()
}

/// What one line under a targets heading is.
enum Line {
    /// A group label ("Về kinh tế", "Các chỉ tiêu chủ yếu như sau:").
    Label(String),
    /// An aside in parentheses: "(Chi tiết có biểu kèm theo)".
    Skip,
    Read(Vec<Target>, Vec<Note>),
}

fn read_line(p: &Para, group: Option<&str>, ind: &Indicators) -> Line {
    let (number, at) = marker(&p.text);
    let body = p.text[at..].trim_matches(|c: char| c == '*' || c.is_whitespace());
    if body.starts_with('(') && body.ends_with(')') && number.is_none() {
        return Line::Skip;
    }
    let w = words(body);
    let qs = quantities(body, &w, &ind.units);
    let asides = parens(body);
    let in_aside = |q: &Quantity| asides.iter().any(|(s, e)| (*s..*e).contains(&q.start));
    let main: Vec<&Quantity> = qs.iter().filter(|q| !in_aside(q)).collect();
    let note = |kind| Note { line: p.line, kind, text: p.text.clone() };
    if main.is_empty() {
        let no_digit = !body.chars().any(|c| c.is_ascii_digit());
        let group = body.starts_with("Về ") || (w.len() <= 6 && !body.ends_with(':'));
        return if no_digit && group {
            Line::Label(body.trim_end_matches(':').to_string())
        } else if no_digit && body.ends_with(':') {
            // "Các chỉ tiêu chủ yếu như sau:" introduces the list.
            Line::Skip
        } else {
            Line::Read(Vec::new(), vec![note(NoteKind::NoValue)])
        };
    }
    let line = LineCtx { body, words: &w, quantities: &qs, asides: &asides, ind };
    let base = Target {
        indicator: None,
        amount: Amount { value: 0.0, value_to: None, unit: String::new() },
        comparator: comparators::Comparator::Dat,
        approx: false,
        equivalent: None,
        clause: String::new(),
        text: body.to_string(),
        number,
        group: group.map(str::to_string),
        anchor: p.anchor.clone(),
        line: p.line,
        from_frontmatter: false,
    };
    let mut targets = Vec::new();
    let mut notes = Vec::new();
    let mut prev: Option<(usize, usize, Reading)> = None;
    for (start, end) in clauses(body, &main) {
        let q = main.iter().find(|q| q.start >= start && q.start < end).copied();
        let Some(q) = q else { continue };
        let (t, kind, reading) = line.target(&base, (start, end), q, prev);
        prev = Some((start, end, reading));
        if let Some(k) = kind {
            notes.push(note(k));
        }
        targets.push(t);
    }
    targets.extend(line.aside_targets(&base));
    Line::Read(targets, notes)
}

/// The clauses of a line: pieces joined so that each holds a value outside parentheses
/// (pieces without one go with the next, and the last ones with the one before).
fn clauses(body: &str, main: &[&Quantity]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut pending: Option<usize> = None;
    for (s, e) in pieces(body) {
        let has_value = main.iter().any(|q| q.start >= s && q.start < e);
        let start = pending.take().unwrap_or(s);
        if has_value {
            out.push((start, e));
        } else {
            pending = Some(start);
        }
    }
    if pending.is_some()
        && let Some(last) = out.last_mut()
    {
        last.1 = trimmed(body, last.0, body.len()).1;
    }
    out
}

/// One line being read.
struct LineCtx<'a> {
    body: &'a str,
    words: &'a [Word],
    quantities: &'a [Quantity],
    asides: &'a [(usize, usize)],
    ind: &'a Indicators,
}

impl LineCtx<'_> {
    /// Word indices `[first, end)` of a byte span.
    fn word_span(&self, (start, end): (usize, usize)) -> (usize, usize) {
        let first = self.words.iter().position(|w| w.start >= start).unwrap_or(self.words.len());
        let last = self.words.iter().position(|w| w.start >= end).unwrap_or(self.words.len());
        (first, last.max(first))
    }

    /// The target of one clause with value `q`; `prev` is the clause before it, whose indicator
    /// words a clause without any of its own takes ("… khu vực đô thị đạt 98% và khu vực nông
    /// thôn đạt 80%").
    fn target(
        &self,
        base: &Target,
        span: (usize, usize),
        q: &Quantity,
        prev: Option<(usize, usize, Reading)>,
    ) -> (Target, Option<NoteKind>, Reading) {
        let (first, end) = self.word_span(span);
        let own = self.ind.candidates(&self.words[first..end]);
        let (from, candidates, bonus_from) = match (own.is_empty(), prev) {
            (true, Some((ps, _, _))) => {
                let (pf, _) = self.word_span((ps, span.1));
                (pf, self.ind.candidates(&self.words[pf..end]), first - pf)
            }
            _ => (first, own, 0),
        };
        let taken = |i: usize| {
            candidates.iter().any(|c| c.hit.covered.iter().any(|k| from + k == i))
                || self.in_aside(i)
        };
        let mut reading = comparators::before(self.words, first, q.first_word, &taken);
        if !reading.written
            && let Some((_, _, r)) = prev
        {
            reading = r;
        }
        if let Some(b) = q.bound {
            reading.comparator = b;
        }
        let mut t = base.clone();
        t.clause = self.body[span.0..span.1].to_string();
        t.comparator = reading.comparator;
        t.approx = reading.approx;
        t.equivalent = self.equivalent(span);
        let chosen = best(self.ind, &candidates, bonus_from, q.unit.as_ref(), &reading);
        let kind = match chosen {
            Ok((index, factor)) => {
                t.indicator = Some(self.ind.id(index).to_string());
                t.amount = amount(q, factor, self.ind.unit_name(index));
                None
            }
            Err(mismatch) => {
                t.amount = amount(q, 1.0, &q.unit.as_ref().map(Unit::name).unwrap_or_default());
                Some(match mismatch {
                    Some(index) => NoteKind::Mismatch {
                        indicator: self.ind.id(index).to_string(),
                        unit: t.amount.unit.clone(),
                        comparator: reading.comparator,
                    },
                    None => NoteKind::NoIndicator,
                })
            }
        };
        (t, kind, reading)
    }

    fn in_aside(&self, word: usize) -> bool {
        let at = self.words[word].start;
        self.asides.iter().any(|(s, e)| (*s..*e).contains(&at))
    }

    /// "(tương đương 3.203 USD)" inside the clause: the same value in another unit.
    fn equivalent(&self, span: (usize, usize)) -> Option<Amount> {
        let (s, e) = self.asides.iter().find(|(s, e)| *s >= span.0 && *e <= span.1 + 1)?;
        let inner = self.body[s + 1..*e].trim_start();
        if !crate::text::fold(inner).starts_with("tuong duong") {
            return None;
        }
        let q = self.quantities.iter().find(|q| q.start > *s && q.start < *e)?;
        Some(amount(q, 1.0, &q.unit.as_ref().map(Unit::name).unwrap_or_default()))
    }

    /// Targets written in parentheses that match an indicator on their own: "(kết nạp từ 1.900
    /// đảng viên trở lên)". Other asides are explanations, not targets.
    fn aside_targets(&self, base: &Target) -> Vec<Target> {
        let mut out = Vec::new();
        for &(s, e) in self.asides {
            let inner = self.body[s + 1..e].trim_end_matches(')');
            if crate::text::fold(inner).trim_start().starts_with("tuong duong") {
                continue;
            }
            let Some(q) = self.quantities.iter().find(|q| q.start > s && q.start < e) else {
                continue;
            };
            let (first, end) = self.word_span((s, e));
            let candidates = self.ind.candidates(&self.words[first..end]);
            let taken =
                |i: usize| candidates.iter().any(|c| c.hit.covered.iter().any(|k| first + k == i));
            let mut reading = comparators::before(self.words, first, q.first_word, &taken);
            if let Some(b) = q.bound {
                reading.comparator = b;
            }
            if let Ok((index, factor)) = best(self.ind, &candidates, 0, q.unit.as_ref(), &reading) {
                let mut t = base.clone();
                t.indicator = Some(self.ind.id(index).to_string());
                t.amount = amount(q, factor, self.ind.unit_name(index));
                t.comparator = reading.comparator;
                t.approx = reading.approx;
                t.clause = inner.trim().to_string();
                out.push(t);
            }
        }
        out
    }
}

/// The best candidate whose unit and comparators fit: most pattern words (those in the clause
/// itself count double when the words come partly from the clause before), then the widest
/// match. Err(Some(i)) when only indicator `i` matched the words but not the unit or comparator.
fn best(
    ind: &Indicators,
    candidates: &[Candidate],
    bonus_from: usize,
    unit: Option<&Unit>,
    reading: &Reading,
) -> Result<(usize, f64), Option<usize>> {
    let score = |c: &Candidate| {
        let bonus = c.hit.covered.iter().filter(|k| **k >= bonus_from).count();
        (c.hit.size + if bonus_from > 0 { bonus } else { 0 }, c.hit.span())
    };
    let fitting = candidates
        .iter()
        .filter(|c| ind.allows(c.index, reading))
        .filter_map(|c| ind.factor(c.index, unit).map(|f| (c, f)))
        .max_by(|(a, _), (b, _)| score(a).cmp(&score(b)).then(b.index.cmp(&a.index)));
    match fitting {
        Some((c, f)) => Ok((c.index, f)),
        None => Err(candidates.iter().max_by_key(|c| score(c)).map(|c| c.index)),
    }
}

fn amount(q: &Quantity, factor: f64, unit: &str) -> Amount {
    let round = |v: f64| (v * factor * 1e6).round() / 1e6;
    Amount { value: round(q.value), value_to: q.value_to.map(round), unit: unit.to_string() }
}
