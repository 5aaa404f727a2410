//! The words that say how a value is meant: đạt, tăng, giảm, còn, trên, dưới, ít nhất, tối đa,
//! and "khoảng" (about), read from the words before a number and "trở lên" after it.

use super::words::Word;
use crate::text::tone_key;
use serde::{Serialize, Serializer};
use std::sync::LazyLock;

/// How a target's value is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Comparator {
    /// "đạt 82%": reach this level (also "chiếm", "có", "là", or no word at all).
    Dat,
    /// "tăng 8,0%", "có thêm 10 xã": grow by this much.
    Tang,
    /// "giảm 0,4%": fall by this much.
    Giam,
    /// "còn khoảng 0,3%", "giảm xuống còn": fall to this level.
    Con,
    /// "trên 95%", "> 95%": more than.
    Tren,
    /// "dưới 1%": less than.
    Duoi,
    /// "ít nhất", "từ 1.900 đảng viên trở lên": at least.
    ItNhat,
    /// "tối đa", "không quá": at most.
    ToiDa,
}

const ALL: [Comparator; 8] = [
    Comparator::Dat,
    Comparator::Tang,
    Comparator::Giam,
    Comparator::Con,
    Comparator::Tren,
    Comparator::Duoi,
    Comparator::ItNhat,
    Comparator::ToiDa,
];

impl Comparator {
    /// The Vietnamese word for it, as open data and `data/indicators.yaml` write it.
    pub fn word(self) -> &'static str {
        match self {
            Comparator::Dat => "đạt",
            Comparator::Tang => "tăng",
            Comparator::Giam => "giảm",
            Comparator::Con => "còn",
            Comparator::Tren => "trên",
            Comparator::Duoi => "dưới",
            Comparator::ItNhat => "ít nhất",
            Comparator::ToiDa => "tối đa",
        }
    }

    /// The comparator named by `word` (case and tone placement ignored).
    pub fn from_word(word: &str) -> Option<Comparator> {
        let key = tone_key(word.trim());
        ALL.into_iter().find(|c| tone_key(c.word()) == key)
    }

    /// Every comparator word, for error messages.
    pub fn words() -> String {
        ALL.map(Comparator::word).join(", ")
    }
}

impl Serialize for Comparator {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.word())
    }
}

/// What the words around a number say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub comparator: Comparator,
    /// Tăng or Giảm when the phrase speaks of a change ("tăng trên 10%"): keeps series apart.
    pub change: Option<Comparator>,
    /// "khoảng", "gần", "xấp xỉ": the value is approximate.
    pub approx: bool,
    /// Whether any comparator word was written (else the comparator is the default, đạt).
    pub written: bool,
}

impl Default for Reading {
    fn default() -> Self {
        Reading { comparator: Comparator::Dat, change: None, approx: false, written: false }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    /// The verb of the target: đạt, tăng, giảm, còn…
    Core(Comparator),
    /// A bound written just before the number: trên, dưới, ít nhất…
    Bound(Comparator),
    Approx,
    /// Words that may stand between the verb and the number: "từ", "ở mức", "phấn đấu"…
    Filler,
}

static PHRASES: LazyLock<Vec<(Vec<String>, Role)>> = LazyLock::new(|| {
    use Comparator::*;
    use Role::*;
    let table: &[(&str, Role)] = &[
        ("giảm xuống còn", Core(Con)),
        ("xuống còn", Core(Con)),
        ("giảm còn", Core(Con)),
        ("còn", Core(Con)),
        ("tăng thêm", Core(Tang)),
        ("có thêm", Core(Tang)),
        ("thêm", Core(Tang)),
        ("tăng", Core(Tang)),
        ("giảm thêm", Core(Giam)),
        ("giảm", Core(Giam)),
        ("đạt mức", Core(Dat)),
        ("ước đạt", Core(Dat)),
        ("đạt", Core(Dat)),
        ("chiếm", Core(Dat)),
        ("là", Core(Dat)),
        ("có", Core(Dat)),
        ("bằng", Core(Dat)),
        ("duy trì", Core(Dat)),
        ("ổn định", Core(Dat)),
        ("giữ vững", Core(Dat)),
        ("lên", Core(Dat)),
        ("trên dưới", Approx),
        ("khoảng", Approx),
        ("xấp xỉ", Approx),
        ("gần", Approx),
        ("ít nhất", Bound(ItNhat)),
        ("tối thiểu", Bound(ItNhat)),
        ("không dưới", Bound(ItNhat)),
        ("không thấp hơn", Bound(ItNhat)),
        ("cao hơn", Bound(Tren)),
        ("trên", Bound(Tren)),
        ("hơn", Bound(Tren)),
        ("vượt", Bound(Tren)),
        ("không vượt quá", Bound(ToiDa)),
        ("không quá", Bound(ToiDa)),
        ("tối đa", Bound(ToiDa)),
        ("thấp hơn", Bound(Duoi)),
        ("dưới", Bound(Duoi)),
        ("ở mức", Filler),
        ("mức", Filler),
        ("từ", Filler),
        ("được", Filler),
        ("phấn đấu", Filler),
        ("bình quân", Filler),
    ];
    let mut phrases: Vec<(Vec<String>, Role)> =
        table.iter().map(|(p, r)| (p.split_whitespace().map(tone_key).collect(), *r)).collect();
    phrases.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
    phrases
});

/// The phrase ending just before word `end` (words `from..end`), skipping words in `taken`.
fn phrase_before(
    words: &[Word],
    from: usize,
    end: usize,
    taken: &dyn Fn(usize) -> bool,
) -> Option<(usize, Role)> {
    PHRASES.iter().find_map(|(keys, role)| {
        let start = end.checked_sub(keys.len()).filter(|s| *s >= from)?;
        let fits = (start..end).all(|i| !taken(i) && words[i].key == keys[i - start]);
        fits.then_some((keys.len(), *role))
    })
}

/// Reads the comparator from the words `from..number` before a number. A bound counts only right
/// before the number ("đạt trên 95%"), so "thu ngân sách trên địa bàn đạt …" is "đạt"; the verb
/// may stand further back ("đạt quy chuẩn 84%"). Words in `taken` (an indicator's own words, such
/// as "việc làm tăng thêm") are not comparators.
pub fn before(
    words: &[Word],
    from: usize,
    number: usize,
    taken: &dyn Fn(usize) -> bool,
) -> Reading {
    let mut r = Reading::default();
    let mut bound = None;
    let mut adjacent = true;
    let mut i = number;
    while i > from {
        match phrase_before(words, from, i, taken) {
            Some((n, Role::Approx)) => {
                r.approx = true;
                r.written = true;
                i -= n;
            }
            Some((n, Role::Filler)) => i -= n,
            Some((n, Role::Bound(b))) if adjacent && bound.is_none() => {
                bound = Some(b);
                i -= n;
            }
            Some((_, Role::Core(c))) if adjacent || bound.is_none() => {
                r.comparator = c;
                r.written = true;
                if matches!(c, Comparator::Tang | Comparator::Giam) {
                    r.change = Some(c);
                }
                break;
            }
            _ if bound.is_some() => break,
            _ => {
                adjacent = false;
                i -= 1;
            }
        }
    }
    if let Some(b) = bound {
        r.comparator = b;
        r.written = true;
    }
    r
}

/// "trở lên" (at least) or "trở xuống" (at most) at word `at`, with the words it takes.
pub fn after(words: &[Word], at: usize) -> Option<(Comparator, usize)> {
    let key = |i: usize| words.get(at + i).map(|w| w.key.as_str());
    if key(0)? != tone_key("trở") {
        return None;
    }
    let next = key(1)?;
    if next == tone_key("lên") {
        Some((Comparator::ItNhat, 2))
    } else if next == tone_key("xuống") {
        Some((Comparator::ToiDa, 2))
    } else {
        None
    }
}

/// A symbol written right before a number: "> 95%", "≥", "<", "≤".
pub fn symbol(before: &str) -> Option<Comparator> {
    let t = before.trim_end();
    if t.ends_with(">=") || t.ends_with('≥') {
        Some(Comparator::ItNhat)
    } else if t.ends_with("<=") || t.ends_with('≤') {
        Some(Comparator::ToiDa)
    } else if t.ends_with('>') {
        Some(Comparator::Tren)
    } else if t.ends_with('<') {
        Some(Comparator::Duoi)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::words::words;
    use super::*;
    use Comparator::*;

    fn read(text: &str) -> Reading {
        let w = words(text);
        // The first number that is not a year.
        let number = w
            .iter()
            .position(|w| w.key.starts_with(|c: char| c.is_ascii_digit()) && w.key.len() != 4);
        before(&w, 0, number.unwrap(), &|_| false)
    }

    #[test]
    fn comparator_words() {
        assert_eq!(read("Tốc độ tăng trưởng GRDP năm 2024 tăng 8,0%").comparator, Tang);
        assert_eq!(read("Thu ngân sách trên địa bàn đạt 9.266").comparator, Dat);
        let r = read("Tỷ lệ tham gia bảo hiểm y tế đạt trên 95%");
        assert_eq!((r.comparator, r.change), (Tren, None));
        let r = read("Tỷ lệ hộ nghèo còn khoảng 0,3%");
        assert_eq!((r.comparator, r.approx), (Con, true));
        let r = read("vốn đầu tư toàn xã hội chiếm khoảng 30-35%");
        assert_eq!((r.comparator, r.approx), (Dat, true));
        assert_eq!(read("Giảm 0,4% tỷ lệ hộ nghèo").comparator, Giam);
        assert_eq!(read("Có thêm 10 xã").comparator, Tang);
        assert_eq!(read("đạt từ 3 - 4%").comparator, Dat);
        assert_eq!(read("nước sạch đạt quy chuẩn 84%").comparator, Dat);
        let r = read("tăng trên 10%");
        assert_eq!((r.comparator, r.change), (Tren, Some(Tang)));
        assert_eq!(read("giảm xuống còn 2%").comparator, Con);
        assert_eq!(read("không quá 3%").comparator, ToiDa);
        assert_eq!(read("ít nhất 600 doanh nghiệp").comparator, ItNhat);
        // A bound far from the number is not the comparator.
        let r = read("Tỷ lệ hộ nghèo trên địa bàn tỉnh 1,5%");
        assert_eq!((r.comparator, r.written), (Dat, false));
        // An indicator's own words are not comparators.
        let w = words("Tạo việc làm tăng thêm từ 16-17 nghìn lao động");
        let r = before(&w, 0, 6, &|i| (1..=4).contains(&i));
        assert!(!r.written, "{r:?}");
    }

    #[test]
    fn suffixes_and_symbols() {
        let w = words("1.900 đảng viên trở lên");
        assert_eq!(after(&w, 4), Some((ItNhat, 2)));
        assert_eq!(after(&w, 3), None);
        assert_eq!(symbol("bảo hiểm y tế > "), Some(Tren));
        assert_eq!(symbol("≥"), Some(ItNhat));
        assert_eq!(symbol("đạt"), None);
        assert_eq!(Comparator::from_word("Ít Nhất"), Some(ItNhat));
        assert_eq!(Comparator::from_word("khoảng"), None);
    }
}
