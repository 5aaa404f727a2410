//! Writing SVG: the accessible root element, escaped text, linear scales with round ticks.

use super::{Labels, format_number};
use quick_xml::escape::escape;
use std::fmt::Write;

/// Colours with at least 4.5:1 contrast on white.
pub const INK: &str = "#1f1f1f";
pub const MARK: &str = "#1d4e89";
pub const MEDIAN: &str = "#a4161a";
pub const GRID: &str = "#d0d0d0";
/// Line colours, one per series in turn (dark enough for text of the same colour).
pub const PALETTE: [&str; 6] = ["#1d4e89", "#a4161a", "#2b6a2f", "#6a3d9a", "#8a4b08", "#3d3d3d"];
pub const FONT: &str = "font-family=\"sans-serif\"";

/// An SVG document being written.
pub struct Svg {
    pub out: String,
}

impl Svg {
    /// Opens the root element with its accessible name and description.
    pub fn new(labels: &Labels, width: f64, height: f64, desc: &str) -> Svg {
        let id = safe_id(&labels.id);
        let mut out = String::with_capacity(4096);
        write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" \
             height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" {FONT} \
             font-size=\"12\" fill=\"{INK}\">",
            w = num(width),
            h = num(height),
        )
        .expect("writing to a string");
        write!(out, "<title id=\"{id}-title\">{}</title>", escape(labels.title.as_str()))
            .expect("writing to a string");
        write!(out, "<desc id=\"{id}-desc\">{}</desc>", escape(desc)).expect("writing to a string");
        Svg { out }
    }

    /// Appends raw markup (built by the other helpers).
    pub fn push(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// A text element; `anchor` is `start`, `middle` or `end`.
    pub fn text(&mut self, x: f64, y: f64, anchor: &str, text: &str) {
        write!(
            self.out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            num(x),
            num(y),
            escape(text)
        )
        .expect("writing to a string");
    }

    /// A line.
    pub fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), stroke: &str, width: f64) {
        write!(
            self.out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{stroke}\" stroke-width=\"{}\"/>",
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            num(width)
        )
        .expect("writing to a string");
    }

    /// A circle with a tooltip title.
    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, fill: &str, title: &str) {
        write!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" stroke=\"#ffffff\" \
             stroke-width=\"1\"><title>{}</title></circle>",
            num(cx),
            num(cy),
            num(r),
            escape(title)
        )
        .expect("writing to a string");
    }

    /// Closes the root element and returns the document.
    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

/// A coordinate with one decimal, without a trailing ".0" (deterministic across platforms).
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    if r.fract() == 0.0 { format!("{r:.0}") } else { format!("{r:.1}") }
}

/// `id` with only ASCII letters, digits and `-`, starting with a letter.
fn safe_id(id: &str) -> String {
    let cleaned: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect();
    format!("chart-{cleaned}")
}

/// A linear map from values to pixels over a domain with round ends.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
    pub from: f64,
    pub to: f64,
}

impl Scale {
    /// A scale whose domain holds 0 and every value, rounded out to a tick step of 1, 2 or 5 × 10ⁿ.
    pub fn new(values: impl Iterator<Item = f64>, from: f64, to: f64) -> Scale {
        let (mut lo, mut hi) = (0.0f64, 0.0f64);
        for v in values.filter(|v| v.is_finite()) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if hi - lo < 1e-9 {
            hi = lo + 1.0;
        }
        let raw = (hi - lo) / 5.0;
        let mag = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(raw);
        Scale { lo: (lo / step).floor() * step, hi: (hi / step).ceil() * step, step, from, to }
    }

    /// The pixel position of a value.
    pub fn at(&self, v: f64) -> f64 {
        self.from + (v - self.lo) / (self.hi - self.lo) * (self.to - self.from)
    }

    /// The tick values, from `lo` to `hi`.
    pub fn ticks(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step).round() as usize;
        (0..=n).map(|i| self.lo + i as f64 * self.step).collect()
    }
}

/// Tick label of a value.
pub fn tick_label(v: f64) -> String {
    format_number(if v.abs() < 1e-9 { 0.0 } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_round_out_to_steps_of_one_two_or_five() {
        let s = Scale::new([3.0, 47.0].into_iter(), 0.0, 100.0);
        assert_eq!((s.lo, s.hi, s.step), (0.0, 50.0, 10.0));
        assert_eq!(s.at(25.0), 50.0);
        assert_eq!(s.ticks(), [0.0, 10.0, 20.0, 30.0, 40.0, 50.0]);
        let s = Scale::new([-7.0, 12.0].into_iter(), 0.0, 1.0);
        assert_eq!((s.lo, s.hi, s.step), (-10.0, 15.0, 5.0));
        let s = Scale::new(std::iter::empty(), 0.0, 1.0);
        assert_eq!((s.lo, s.hi), (0.0, 1.0));
    }

    #[test]
    fn coordinates_have_one_decimal() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(-0.01), "0");
    }
}
