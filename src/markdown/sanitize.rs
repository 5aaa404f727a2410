//! Cleaning HTML that editors write in bodies: comments dropped, an allow-list, no nested links.

/// `html` without its comments; `in_comment` carries an unfinished comment over to the next piece.
pub fn strip_comments(html: &str, in_comment: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = html;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(i) => {
                    rest = &rest[i + 3..];
                    *in_comment = false;
                }
                None => return out,
            }
        } else {
            match rest.find("<!--") {
                Some(i) => {
                    out.push_str(&rest[..i]);
                    rest = &rest[i + 4..];
                    *in_comment = true;
                }
                None => {
                    out.push_str(rest);
                    return out;
                }
            }
        }
    }
}

/// Cleans HTML written by editors with an allow-list: no script, event handler, `javascript:` URL or iframe.
pub fn sanitize(html: &str) -> String {
    let clean = ammonia::Builder::default()
        .link_rel(None)
        .add_generic_attributes(["id", "class"])
        .add_tag_attributes("div", ["role", "aria-label", "tabindex"])
        .add_tag_attributes("th", ["scope", "style"])
        .add_tag_attributes("td", ["style"])
        .add_tags(["section", "figure", "figcaption"])
        .clean(html)
        .to_string();
    unnest_anchors(&drop_images_without_source(&clean))
}

/// Drops `<img>` elements left without a `src` (the sanitiser removed a `data:` or `javascript:`
/// address): an image that shows nothing is not worth a broken element (a warning says so).
fn drop_images_without_source(html: &str) -> String {
    static IMG: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"<img\b[^>]*>").expect("valid"));
    if !html.contains("<img") {
        return html.to_string();
    }
    IMG.replace_all(
        html,
        |c: &regex::Captures<'_>| {
            if c[0].contains(" src=\"") { c[0].to_string() } else { String::new() }
        },
    )
    .into_owned()
}

/// Drops `<a>` tags nested inside another `<a>` (their text stays). HTML parsing keeps such nesting
/// when a table sits between an unclosed raw `<a>` and a Markdown link; a link in a link is invalid.
fn unnest_anchors(html: &str) -> String {
    if html.matches("<a ").count() + html.matches("<a>").count() < 2 {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut stack: Vec<bool> = Vec::new(); // per open <a>: was it dropped?
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        if tag.starts_with("<a ") || tag == "<a>" {
            let nested = stack.iter().any(|dropped| !dropped);
            stack.push(nested);
            if !nested {
                out.push_str(tag);
            }
        } else if tag == "</a>" {
            if !stack.pop().unwrap_or(false) {
                out.push_str(tag);
            }
        } else {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
