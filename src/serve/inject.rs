//! What `serve` adds to HTML pages (never `build`): the live-reload script and the error overlay.

/// Path of the server-sent events stream the reload script listens to.
pub const EVENTS_PATH: &str = "/__banhanh/events";

const OVERLAY_TITLE: &str = "Lỗi trong nội dung — đang hiển thị bản dựng tốt gần nhất. \
                             Sửa tệp và lưu lại, trang sẽ tự cập nhật.";
const OVERLAY_STYLE: &str = concat!(
    "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;",
    "padding:1rem 1.25rem;background:#fff4f4;color:#5c0000;border-top:4px solid #b00020;",
    "font:15px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.2)"
);
const MESSAGE_STYLE: &str =
    "white-space:pre-wrap;font:14px/1.45 ui-monospace,monospace;margin:.5rem 0 0";

/// The reload script, with `STYLE`, `TITLE` and `EVENTS` standing for their values.
const RELOAD_JS: &str = include_str!("reload.js");

/// The overlay showing `message`, as HTML (the message is escaped).
pub fn overlay(message: &str) -> String {
    let message = crate::text::escape_html(message);
    format!(
        "<div id=\"banhanh-loi\" role=\"alert\" style=\"{OVERLAY_STYLE}\"><strong>{OVERLAY_TITLE}\
         </strong><pre style=\"{MESSAGE_STYLE}\">{message}</pre></div>"
    )
}

/// The reload script: reloads when this page changed, shows or hides the overlay.
///
/// `location.reload()` keeps the scroll position (the browser restores it), checked by
/// `tests/browser/serve.test.mjs`.
pub fn script() -> String {
    let js = RELOAD_JS
        .replace("STYLE", &js_string(OVERLAY_STYLE))
        .replace("TITLE", &js_string(OVERLAY_TITLE))
        .replace("EVENTS", &js_string(EVENTS_PATH));
    format!("<script id=\"banhanh-tai-lai\">{js}</script>")
}

/// `html` with the overlay (when `error` is set) and the reload script inserted before `</body>`.
pub fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let mut snippet = String::new();
    if let Some(e) = error {
        snippet.push_str(&overlay(e));
    }
    snippet.push_str(&script());
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w.eq_ignore_ascii_case(needle))
}

fn js_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default().replace("</", "<\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>", None)).unwrap();
        assert!(out.starts_with("<html><body><p>x</p><script id=\"banhanh-tai-lai\">"), "{out}");
        assert!(out.ends_with("</script></body></html>"));
        assert!(!out.contains("banhanh-loi\" role"));
    }

    #[test]
    fn overlay_escapes_the_message() {
        let out =
            String::from_utf8(inject(b"<body></body>", Some("lỗi: content/a.md:3:11: <b>x</b>")))
                .unwrap();
        assert!(out.contains("lỗi: content/a.md:3:11: &lt;b&gt;x&lt;/b&gt;"));
        assert!(!out.contains("<b>x</b>"));
    }

    #[test]
    fn page_without_body_end_gets_script_appended() {
        let out = String::from_utf8(inject(b"plain", None)).unwrap();
        assert!(out.starts_with("plain<script"));
    }
}
