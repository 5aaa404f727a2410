//! Splits a file into YAML frontmatter and Markdown body, and parses the YAML.
//!
//! This is the only module that uses `serde_yaml`, so a maintained fork can replace it here.

use crate::diagnostics::Diagnostic;

/// A YAML mapping of frontmatter keys to values.
pub type Mapping = serde_yaml::Mapping;
/// A YAML value.
pub type Value = serde_yaml::Value;

/// A file split at its frontmatter fences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// 1-based line of the first YAML line.
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based line of the first body line.
    pub body_line: usize,
}

/// Decodes raw bytes as UTF-8, reporting the line and column of the first invalid byte.
pub fn decode(path: &str, bytes: &[u8]) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // SIMD check first (most files are valid); the standard one only to say where a bad byte is.
    match simdutf8::basic::from_utf8(bytes)
        .map_err(|_| std::str::from_utf8(bytes).expect_err("invalid for both"))
    {
        Ok(s) => Ok(if s.contains('\r') {
            s.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            s.to_string()
        }),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            Err(Diagnostic::error(path, line, column, "tệp không phải văn bản UTF-8 hợp lệ")
                .with_help("lưu lại tệp với bảng mã UTF-8 (Unicode)"))
        }
    }
}

/// Splits `text` at the `---` fences; the closing fence is found by scanning lines, not by regex.
pub fn split<'a>(path: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, 1, 1, "tệp rỗng").with_help(
            "một văn bản bắt đầu bằng phần thông tin giữa hai dòng ---, rồi đến nội dung",
        ));
    }
    let Some(rest) =
        text.strip_prefix("---\n").or_else(|| (text.trim_end() == "---").then_some(""))
    else {
        let help = "dòng đầu tiên của tệp phải là ---, tiếp theo là title:, type:, province:… \
                    và một dòng --- đóng lại";
        let message = "thiếu phần thông tin (frontmatter) ở đầu tệp";
        return Err(Diagnostic::error(path, 1, 1, message).with_help(help));
    };
    let mut offset = 0;
    for (line, l) in (2..).zip(rest.split_inclusive('\n')) {
        let trimmed = l.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let body = &rest[offset + l.len()..];
            return Ok(Split { yaml: &rest[..offset], yaml_line: 2, body, body_line: line + 1 });
        }
        offset += l.len();
    }
    Err(Diagnostic::error(
        path,
        1,
        1,
        "phần thông tin (frontmatter) mở bằng --- nhưng không có dòng --- đóng lại",
    )
    .with_help("thêm một dòng chỉ có --- sau dòng thông tin cuối cùng"))
}

/// Parses the frontmatter YAML into a mapping; syntax errors carry the file's own line and column.
pub fn parse(path: &str, split: &Split<'_>) -> Result<Mapping, Diagnostic> {
    if split.yaml.trim().is_empty() {
        return Err(Diagnostic::error(
            path,
            split.yaml_line,
            1,
            "phần thông tin (frontmatter) trống",
        )
        .with_help("điền ít nhất title, type, province, issuer, year"));
    }
    match serde_yaml::from_str::<Value>(split.yaml) {
        Ok(Value::Mapping(m)) => Ok(m),
        Ok(_) => Err(Diagnostic::error(
            path,
            split.yaml_line,
            1,
            "phần thông tin phải là các dòng dạng khóa: giá trị",
        )
        .with_help("ví dụ: title: Kế hoạch thực hiện Nghị quyết số 01/NQ-CP")),
        Err(e) => {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            let (message, help) = yaml_vietnamese(&yaml_message(&e.to_string()));
            let d = Diagnostic::error(
                path,
                split.yaml_line + line.saturating_sub(1),
                column.max(1),
                format!("lỗi cú pháp YAML: {message}"),
            );
            Err(match help {
                Some(help) => d.with_help(help),
                None => d,
            })
        }
    }
}

/// The YAML error message without serde_yaml's trailing "at line N column M".
fn yaml_message(full: &str) -> String {
    match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.to_string(),
    }
}

/// A YAML syntax error worded in Vietnamese (`data/yaml-errors.vi.yaml`).
#[derive(Debug, serde::Deserialize)]
struct YamlErrorText {
    #[serde(rename = "match")]
    matches: String,
    message: String,
    help: String,
}

static YAML_ERRORS: std::sync::LazyLock<Vec<YamlErrorText>> = std::sync::LazyLock::new(|| {
    serde_yaml::from_str(include_str!("../../data/yaml-errors.vi.yaml"))
        .expect("data/yaml-errors.vi.yaml is valid")
});

/// The message in Vietnamese with the parser's own words in brackets, and a fix, when known.
fn yaml_vietnamese(message: &str) -> (String, Option<&'static str>) {
    match YAML_ERRORS.iter().find(|e| message.contains(&e.matches)) {
        Some(e) => (format!("{} ({message})", e.message), Some(e.help.as_str())),
        None => (message.to_string(), None),
    }
}

/// Renders a YAML scalar as text for messages.
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_errors_are_worded_in_vietnamese_with_a_fix() {
        let cases = [
            (
                "title: Kế hoạch: năm 2024\n",
                "dấu hai chấm (:) không được đứng ở đây (mapping values are not allowed in this context)",
            ),
            ("title: a\ntitle: b\n", "một khóa được viết hai lần"),
            ("title: \"chưa đóng\n", "phần thông tin kết thúc giữa chừng"),
            ("title: a\n\tyear: 2024\n", "thụt lề bằng phím Tab"),
            ("title: @x\n", "có ký tự không thể mở đầu một giá trị"),
        ];
        for (yaml, want) in cases {
            let text = format!("---\n{yaml}---\n");
            let s = split("a.md", &text).unwrap();
            let e = parse("a.md", &s).unwrap_err();
            assert!(
                e.message.starts_with("lỗi cú pháp YAML: ") && e.message.contains(want),
                "{yaml:?} → {e}"
            );
            assert!(e.help.is_some(), "{yaml:?} → no fix offered: {e}");
        }
    }

    #[test]
    fn splits_on_closing_fence_line() {
        let s = split("a.md", "---\ntitle: x\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn unterminated_is_an_error() {
        let e = split("a.md", "---\ntitle: x\nbody\n").unwrap_err();
        assert!(e.message.contains("không có dòng --- đóng lại"), "{e}");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let e = decode("a.md", b"---\nti\xfftle").unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
    }
}
