//! HTTP routes: the site's files from memory (never from disk), the reload event stream, 404 page.

use super::inject::{self, EVENTS_PATH};
use super::state::{Event, ServeState};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{self, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::broadcast::error::RecvError;

/// Served for every path while no build has succeeded yet (the overlay says why).
const NO_SITE_YET: &str = "<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\">\
                           <title>Chưa dựng được trang</title><body></body></html>";

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// An output file, by its path in the output folder.
    File(String),
    /// A folder asked for without its trailing slash: redirect here.
    Redirect(String),
    NotFound,
    /// `..`, `.`, backslashes, NUL or bad percent-encoding: refused.
    BadRequest,
}

/// Maps a request path to an output file; nothing outside the built site can be named.
pub fn lookup(path: &str, exists: impl Fn(&str) -> bool) -> Lookup {
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return Lookup::BadRequest;
    };
    if decoded.contains(['\\', '\0']) {
        return Lookup::BadRequest;
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return Lookup::BadRequest;
    }
    let joined = segments.join("/");
    if decoded.ends_with('/') || segments.is_empty() {
        let file = if joined.is_empty() {
            "index.html".to_string()
        } else {
            format!("{joined}/index.html")
        };
        return if exists(&file) { Lookup::File(file) } else { Lookup::NotFound };
    }
    if exists(&joined) {
        return Lookup::File(joined);
    }
    if exists(&format!("{joined}/index.html")) {
        return Lookup::Redirect(format!("/{joined}/"));
    }
    Lookup::NotFound
}

/// The server's routes.
pub fn router(state: Arc<ServeState>) -> Router {
    Router::new().route(EVENTS_PATH, get(events)).fallback(file).with_state(state)
}

async fn events(
    State(state): State<Arc<ServeState>>,
) -> Sse<impl Stream<Item = Result<sse::Event, Infallible>>> {
    let rx = state.subscribe();
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(ev) => return Some((Ok(to_sse(&ev)), rx)),
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn to_sse(ev: &Event) -> sse::Event {
    let name = match ev {
        Event::Reload { .. } => "reload",
        Event::BuildError { .. } => "build-error",
    };
    sse::Event::default().event(name).data(serde_json::to_string(ev).unwrap_or_default())
}

async fn file(State(state): State<Arc<ServeState>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "chỉ hỗ trợ GET\n").into_response();
    }
    let snap = state.snapshot();
    let error = snap.error.as_deref();
    match lookup(uri.path(), |p| snap.files.contains_key(p)) {
        Lookup::File(path) => body(StatusCode::OK, &path, &snap.files[&path], error),
        Lookup::Redirect(to) => {
            (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response()
        }
        Lookup::BadRequest => (StatusCode::BAD_REQUEST, "đường dẫn không hợp lệ\n").into_response(),
        Lookup::NotFound => match snap.files.get("404.html") {
            Some(page) => body(StatusCode::NOT_FOUND, "404.html", page, error),
            None => body(StatusCode::NOT_FOUND, "404.html", NO_SITE_YET.as_bytes(), error),
        },
    }
}

fn body(status: StatusCode, path: &str, bytes: &[u8], error: Option<&str>) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let content_type = if mime.type_() == "text" || path.ends_with(".xml") {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    };
    let bytes = if path.ends_with(".html") { inject::inject(bytes, error) } else { bytes.to_vec() };
    let mut res = (status, bytes).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(p: &str) -> bool {
        ["index.html", "vinh-long/index.html", "static/style.css", "404.html"].contains(&p)
    }

    #[test]
    fn maps_pages_and_files() {
        assert_eq!(lookup("/", site), Lookup::File("index.html".into()));
        assert_eq!(lookup("/vinh-long/", site), Lookup::File("vinh-long/index.html".into()));
        assert_eq!(lookup("/vinh-long", site), Lookup::Redirect("/vinh-long/".into()));
        assert_eq!(lookup("/static/style.css", site), Lookup::File("static/style.css".into()));
        assert_eq!(lookup("/v%C4%A9nh/", site), Lookup::NotFound);
        assert_eq!(lookup("/nowhere/", site), Lookup::NotFound);
    }

    #[test]
    fn refuses_traversal() {
        for p in [
            "/../etc/passwd",
            "/static/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/.%2e/x",
            "/a/./b",
            "/..%5c..%5cwindows",
            "/%00",
            "/%ff",
        ] {
            assert_eq!(lookup(p, site), Lookup::BadRequest, "{p}");
        }
        assert_eq!(lookup("//etc/passwd", site), Lookup::NotFound);
        assert_eq!(lookup("/etc/passwd", site), Lookup::NotFound);
    }
}
