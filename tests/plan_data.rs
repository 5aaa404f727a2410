//! Targets and tasks of the real programmes, as a person reading them finds them, in the open
//! data (`/du-lieu/chi-tieu.json`, `/du-lieu/nhiem-vu.json`) and the provinces' calendars
//! (`/{province}/lich.ics`, read back with Python's `icalendar`), built by the real binary.

mod common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The repository's content built once into a temporary folder.
fn repo_site() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build_ok(&repo(), &["--output", out.to_str().unwrap()]);
        (dir, out)
    });
    out
}

fn json(out: &Path, file: &str) -> Value {
    serde_json::from_slice(&std::fs::read(out.join(file)).unwrap()).unwrap()
}

/// 1-based line of the only line of `content/{file}` containing `needle`.
fn line_of(file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(repo().join("content").join(file)).unwrap();
    let lines: Vec<usize> =
        (1..).zip(text.lines()).filter(|(_, l)| l.contains(needle)).map(|(n, _)| n).collect();
    assert_eq!(lines.len(), 1, "{needle:?} in {file}: {lines:?}");
    lines[0]
}

/// What a reader expects of one target: a phrase of its line, the indicator, comparator, value
/// (or range), unit and whether the value is approximate.
type Expected = (&'static str, &'static str, &'static str, f64, Option<f64>, &'static str, bool);

fn check_targets(file: &str, province: &str, expected: &[Expected], lines: usize) {
    let data = json(repo_site(), "du-lieu/chi-tieu.json");
    let targets: Vec<&Value> = data["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["document"]["source"] == format!("content/{file}"))
        .collect();
    assert!(targets.iter().all(|t| t["document"]["province"] == province));
    for (needle, indicator, comparator, value, value_to, unit, approx) in expected {
        let line = line_of(file, needle);
        let found: Vec<&&Value> =
            targets.iter().filter(|t| t["line"] == line && t["indicator"] == *indicator).collect();
        assert_eq!(found.len(), 1, "{indicator} on line {line} ({needle}): {targets:#?}");
        let t = found[0];
        let what = format!("{indicator} on line {line}: {t:#}");
        assert_eq!(t["comparator"], *comparator, "{what}");
        assert_eq!(t["value"].as_f64(), Some(*value), "{what}");
        assert_eq!(t["value_to"].as_f64(), *value_to, "{what}");
        assert_eq!(t["unit"], *unit, "{what}");
        assert_eq!(t["approx"], *approx, "{what}");
        // The text as written, without its list marker "(3)".
        let phrase = needle.split_once(") ").map_or(*needle, |(_, p)| p);
        assert!(t["text"].as_str().unwrap().contains(phrase), "{what}");
    }
    assert_eq!(targets.len(), expected.len(), "every target is expected: {targets:#?}");
    let mut read: Vec<u64> = targets.iter().map(|t| t["line"].as_u64().unwrap()).collect();
    read.dedup();
    assert_eq!(read.len(), lines, "target lines read");
}

#[test]
fn dong_thap_2024_has_16_targets() {
    let file = "002-dong-thap-chuong-trinh-hanh-dong-tinh-uy-2024.md";
    let expected: &[Expected] = &[
        ("GRDP năm 2024 tăng 8,0%", "tang-truong-grdp", "tăng", 8.0, None, "%", false),
        (
            "GRDP/người đạt 76,56",
            "grdp-binh-quan-dau-nguoi",
            "đạt",
            76.56,
            None,
            "triệu đồng",
            false,
        ),
        ("(3) Thu ngân sách", "thu-ngan-sach", "đạt", 9266.0, None, "tỷ đồng", false),
        ("(4) Huy động vốn", "von-dau-tu-ty-le-grdp", "đạt", 24.09, None, "% GRDP", false),
        ("(5) Tỷ lệ đô thị hoá", "ty-le-do-thi-hoa", "đạt", 39.65, None, "%", false),
        ("(6) Tỷ lệ lao động nông nghiệp", "lao-dong-nong-nghiep", "đạt", 41.8, None, "%", false),
        ("(7) Tỷ lệ lao động qua đào tạo", "lao-dong-qua-dao-tao", "đạt", 77.2, None, "%", false),
        ("(7) Tỷ lệ lao động qua đào tạo", "lao-dong-dao-tao-nghe", "đạt", 55.6, None, "%", false),
        ("(8) Giảm 0,4%", "giam-ty-le-ho-ngheo", "giảm", 0.4, None, "%", false),
        ("(9) Tỷ lệ dân cư tham gia", "bao-hiem-y-te", "đạt", 93.89, None, "%", false),
        ("(10) Có thêm 10 xã", "xa-nong-thon-moi-nang-cao", "tăng", 10.0, None, "xã", false),
        ("(10) Có thêm 10 xã", "xa-nong-thon-moi-kieu-mau", "tăng", 3.0, None, "xã", false),
        ("(10) Có thêm 10 xã", "huyen-nong-thon-moi", "tăng", 3.0, None, "huyện", false),
        ("(11) Phấn đấu có 07", "hop-tac-xa-moi", "đạt", 7.0, None, "hợp tác xã", false),
        ("(12) Có 96,2%", "nuoc-sach-nong-thon", "đạt", 96.2, None, "%", false),
        ("(13) Có 96% chất thải", "chat-thai-nguy-hai", "đạt", 96.0, None, "%", false),
        ("(14) Có 90% tổ chức đảng", "to-chuc-dang-hoan-thanh-tot", "đạt", 90.0, None, "%", false),
        ("(15) Tỷ lệ kết nạp", "ket-nap-dang-vien", "đạt", 3.0, Some(4.0), "%", false),
        ("(15) Tỷ lệ kết nạp", "so-dang-vien-ket-nap", "ít nhất", 1900.0, None, "đảng viên", false),
        ("(16) Có 93,5%", "doan-the-kha-tro-len", "đạt", 93.5, None, "%", false),
    ];
    check_targets(file, "Đồng Tháp", expected, 16);
    // The equivalents in parentheses, the groups and the section.
    let data = json(repo_site(), "du-lieu/chi-tieu.json");
    let on = |needle: &str| {
        let line = line_of(file, needle);
        data["targets"].as_array().unwrap().iter().find(|t| t["line"] == line).unwrap().clone()
    };
    let per_head = on("GRDP/người đạt 76,56");
    assert_eq!(
        per_head["equivalent"],
        serde_json::json!({"value": 3203, "value_to": null, "unit": "USD"})
    );
    assert_eq!(on("(5) Tỷ lệ đô thị hoá")["equivalent"]["value"], 28.85);
    assert_eq!(per_head["group"], "Về kinh tế");
    assert_eq!(on("(9) Tỷ lệ dân cư tham gia")["group"], "Về xã hội");
    assert_eq!(on("(13) Có 96% chất thải")["group"], "Về môi trường");
    assert_eq!(on("(16) Có 93,5%")["group"], "Về xây dựng Đảng, đoàn thể");
    assert_eq!(on("(3) Thu ngân sách")["number_in_list"], 3);
    let url = on("(3) Thu ngân sách")["url"].as_str().unwrap().to_string();
    assert!(url.ends_with("/#2-cac-chi-tieu-chu-yeu"), "{url}");
    let page = page(repo_site(), url.split('#').next().unwrap().trim_start_matches('/'));
    assert!(page.contains("id=\"2-cac-chi-tieu-chu-yeu\""), "the anchor exists on the page");
}

#[test]
fn vinh_phuc_2025_has_15_targets_without_their_heading() {
    // The heading of part III was lost in the scrape: the numbered run is read as targets.
    let file = "001-vinh-phuc-chuong-trinh-hanh-dong-01-ctr-ubnd-2025.md";
    let expected: &[Expected] = &[
        ("(1) Phấn đấu Tổng sản phẩm", "tang-truong-grdp", "tăng", 10.0, Some(11.0), "%", false),
        (
            "(2) Huy động vốn đầu tư",
            "von-dau-tu-ty-le-grdp",
            "đạt",
            30.0,
            Some(35.0),
            "% GRDP",
            true,
        ),
        ("(3) Tổng thu ngân sách", "thu-ngan-sach", "đạt", 27026.0, None, "tỷ đồng", false),
        ("(3) Tổng thu ngân sách", "thu-noi-dia", "đạt", 22026.0, None, "tỷ đồng", false),
        ("(4) Thu hút đầu tư", "thu-hut-fdi", "đạt", 600.0, None, "triệu USD", false),
        ("(4) Thu hút đầu tư", "thu-hut-ddi", "đạt", 3000.0, None, "tỷ đồng", false),
        ("(5) Tỷ lệ dân số đô thị", "ty-le-do-thi-hoa", "đạt", 50.0, None, "%", false),
        ("(6) Tỷ lệ trường đạt chuẩn", "truong-dat-chuan", "đạt", 87.5, None, "%", false),
        ("(7) Tỷ lệ hộ nghèo", "ty-le-ho-ngheo", "còn", 0.3, None, "%", true),
        ("(8) Tạo việc làm", "viec-lam-moi", "đạt", 16000.0, Some(17000.0), "lao động", false),
        ("(9) Tỷ lệ lao động qua đào tạo", "lao-dong-qua-dao-tao", "đạt", 82.0, None, "%", false),
        ("(9) Tỷ lệ lao động qua đào tạo", "lao-dong-co-bang-cap", "đạt", 40.0, None, "%", false),
        ("(10) Số bác sỹ", "bac-si-van-dan", "đạt", 16.3, None, "bác sĩ/vạn dân", false),
        ("(10) Số bác sỹ", "giuong-benh-van-dan", "đạt", 52.0, None, "giường/vạn dân", false),
        ("(11) Tỷ lệ tham gia bảo hiểm y tế", "bao-hiem-y-te", "trên", 95.0, None, "%", false),
        ("(12) Tỷ lệ hộ ở khu vực nông thôn", "nuoc-sach-nong-thon", "đạt", 84.0, None, "%", false),
        ("(13) Tỷ lệ dân số đô thị loại IV", "nuoc-sach-do-thi", "đạt", 96.0, None, "%", false),
        ("(14) Tỷ lệ thu gom", "chat-thai-ran-do-thi", "đạt", 98.0, None, "%", false),
        ("(14) Tỷ lệ thu gom", "chat-thai-ran-nong-thon", "đạt", 80.0, None, "%", false),
        ("(15) Tỷ lệ che phủ rừng", "che-phu-rung", "đạt", 25.0, None, "%", false),
    ];
    check_targets(file, "Vĩnh Phúc", expected, 15);
}

#[test]
fn the_other_programmes_have_no_targets_lines_and_check_has_no_warnings() {
    let data = json(repo_site(), "du-lieu/chi-tieu.json");
    for t in data["targets"].as_array().unwrap() {
        let src = t["document"]["source"].as_str().unwrap();
        assert!(src.contains("dong-thap") || src.contains("vinh-phuc"), "{t:#}");
    }
    assert_eq!(data["count"], 40);
    let out = banhanh(&["check", "--root", repo().to_str().unwrap()]);
    // Other warnings (headings that skip a level…) are not the readers' business.
    let err = stderr(&out);
    let plan_warnings: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("cảnh báo") && (l.contains("chỉ tiêu") || l.contains("thời hạn")))
        .collect();
    assert!(plan_warnings.is_empty(), "{err}");
    assert!(err.contains("cảnh báo"), "the check ran and reported its other warnings");
}

/// (row, lead as written, lead id, deadline as written, first day, last day)
type Row = (u32, &'static str, &'static str, &'static str, &'static str, &'static str);

#[test]
fn kien_giang_2021_has_36_tasks_with_lead_and_deadline() {
    const KHDT: &str = "so-ke-hoach-va-dau-tu";
    let (q1, q2, q3, q4) = (
        ("2021-01-01", "2021-03-31"),
        ("2021-04-01", "2021-06-30"),
        ("2021-07-01", "2021-09-30"),
        ("2021-10-01", "2021-12-31"),
    );
    let row =
        |n, lead, id, written: &'static str, (from, to): (&'static str, &'static str)| -> Row {
            (n, lead, id, written, from, to)
        };
    let expected: Vec<Row> = vec![
        row(1, "Sở KH&ĐT", KHDT, "Tháng 01", ("2021-01-01", "2021-01-31")),
        row(2, "Sở KH&ĐT", KHDT, "Quý I", q1),
        row(3, "Sở KH&ĐT", KHDT, "Tháng 12", ("2021-12-01", "2021-12-31")),
        row(4, "Sở KH&ĐT", KHDT, "Quý I", q1),
        row(5, "Sở KH&ĐT", KHDT, "Quý I", q1),
        row(6, "Sở KH&ĐT", KHDT, "Quý II", q2),
        row(7, "Sở KH&ĐT", KHDT, "Quý III", q3),
        row(8, "Sở KH&ĐT", KHDT, "Quý I", q1),
        row(9, "Sở KH&ĐT", KHDT, "Quý III", q3),
        row(10, "Sở KH&ĐT", KHDT, "Quý II", q2),
        row(11, "Sở KH&ĐT", KHDT, "Quý IV", q4),
        row(12, "Sở KH&ĐT", KHDT, "Quý IV", q4),
        row(13, "Sở KH&ĐT", KHDT, "Quý III", q3),
        row(14, "Trung tâm XTĐT, TM&DL", "trung-tam-xuc-tien", "Quý IV", q4),
        row(15, "Sở NN&PTNT", "so-nong-nghiep-va-phat-trien-nong-thon", "Quý II", q2),
        row(16, "Sở NN&PTNT", "so-nong-nghiep-va-phat-trien-nong-thon", "Quý III", q3),
        row(17, "Sở Công Thương", "so-cong-thuong", "Quý IV", q4),
        row(18, "Sở Công Thương", "so-cong-thuong", "Quý IV", q4),
        row(19, "Sở Công Thương", "so-cong-thuong", "Quý IV", q4),
        row(20, "Sở Xây dựng", "so-xay-dung", "Quý II", q2),
        row(21, "Sở Tài chính", "so-tai-chinh", "Quý I", q1),
        row(22, "Sở TN&MT", "so-tai-nguyen-va-moi-truong", "Quý II", q2),
        row(23, "Sở TN&MT", "so-tai-nguyen-va-moi-truong", "Quý III", q3),
        row(24, "Sở TN&MT", "so-tai-nguyen-va-moi-truong", "Quý IV", q4),
        row(25, "Sở KH&CN", "so-khoa-hoc-va-cong-nghe", "Quý II", q2),
        row(26, "Sở KH&CN", "so-khoa-hoc-va-cong-nghe", "Quý III", q3),
        row(27, "Sở TT&TT", "so-thong-tin-va-truyen-thong", "Quý III", q3),
        row(28, "Sở LĐTB&XH", "so-lao-dong-thuong-binh-va-xa-hoi", "Quý II", q2),
        row(29, "Sở VH&TT", "so-van-hoa-va-the-thao", "Quý II", q2),
        row(30, "Sở VH&TT", "so-van-hoa-va-the-thao", "Quý II", q2),
        row(31, "Sở Du lịch", "so-du-lich", "Quý II", q2),
        row(32, "Sở GD&ĐT", "so-giao-duc-va-dao-tao", "Quý I", q1),
        row(33, "Sở GD&ĐT", "so-giao-duc-va-dao-tao", "Quý I", q1),
        row(34, "Sở Nội vụ", "so-noi-vu", "Quý II", q2),
        row(35, "Sở Nội vụ", "so-noi-vu", "Quý III", q3),
        row(36, "Sở Ngoại vụ", "so-ngoai-vu", "Quý IV", q4),
    ];
    let file = "003-kien-giang-ke-hoach-22-kh-ubnd-2021.md";
    let data = json(repo_site(), "du-lieu/nhiem-vu.json");
    let rows: Vec<&Value> = data["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["document"]["source"] == format!("content/{file}") && t["kind"] == "table")
        .collect();
    assert_eq!(rows.len(), 36);
    for ((n, lead, id, written, from, to), t) in expected.iter().zip(&rows) {
        let what = format!("row {n}: {t:#}");
        assert_eq!(t["row"], n.to_string(), "{what}");
        assert_eq!(t["line"], line_of(file, &format!("| {n} |")), "{what}");
        assert_eq!(t["lead"], *lead, "{what}");
        assert_eq!(t["lead_id"], *id, "{what}");
        assert_eq!(t["deadline"], *written, "{what}");
        assert_eq!(t["due"]["from"], *from, "{what}");
        assert_eq!(t["due"]["to"], *to, "{what}");
        assert_eq!(t["due"]["kind"], "within", "{what}");
    }
    // The 2025 mergers: who has these tasks now.
    let now = |n: usize| rows[n - 1]["lead_now"].clone();
    assert_eq!(now(1), "so-tai-chinh");
    assert_eq!(now(15), "so-nong-nghiep-va-moi-truong");
    assert_eq!(now(22), "so-nong-nghiep-va-moi-truong");
    assert_eq!(now(27), "so-khoa-hoc-va-cong-nghe");
    assert_eq!(now(28), "so-noi-vu");
    assert_eq!(now(21), Value::Null, "Sở Tài chính was not merged");
    assert!(rows[0]["task"].as_str().unwrap().starts_with("Kế hoạch triển khai thực hiện"));
}

#[test]
fn assignment_sentences_of_the_programmes() {
    let data = json(repo_site(), "du-lieu/nhiem-vu.json");
    let sentences: Vec<(String, String, Value)> = data["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == "sentence")
        .map(|t| {
            let src = t["document"]["source"].as_str().unwrap()[8..11].to_string();
            (src, t["lead_id"].as_str().unwrap_or_default().to_string(), t["deadline"].clone())
        })
        .collect();
    let s = |src: &str, id: &str, deadline: Value| (src.to_string(), id.to_string(), deadline);
    assert_eq!(
        sentences,
        vec![
            // Vĩnh Long: "Điều 2. Giao Giám đốc Sở Kế hoạch và Đầu tư chủ trì, phối hợp …",
            // "Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Văn phòng …", "3. Sở Thông tin …".
            s("000", "so-ke-hoach-va-dau-tu", Value::Null),
            s("000", "so-ke-hoach-va-dau-tu", Value::Null),
            s("000", "so-thong-tin-va-truyen-thong", Value::Null),
            // Vĩnh Phúc: "2. Giao Sở Kế hoạch và Đầu tư định kỳ báo cáo …", "3. Sở Thông tin
            // Truyền thông chủ trì …".
            s("001", "so-ke-hoach-va-dau-tu", "định kỳ".into()),
            s("001", "so-thong-tin-va-truyen-thong", Value::Null),
            // Đồng Tháp: "5. Giao Ban Thường vụ Tỉnh uỷ lãnh đạo, chỉ đạo …".
            s("002", "ban-thuong-vu-tinh-uy", Value::Null),
            // Kiên Giang: "2. Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Văn phòng UBND tỉnh …".
            s("003", "so-ke-hoach-va-dau-tu", Value::Null),
        ]
    );
    let vl = data["tasks"].as_array().unwrap().iter().find(|t| t["kind"] == "sentence").unwrap();
    assert_eq!(vl["task"], "triển khai thực hiện Chương trình");
    assert_eq!(vl["partner_ids"], serde_json::json!(["ubnd-cap-huyen"]));
    assert_eq!(data["count"], 43);
}

#[test]
fn open_data_files_follow_the_van_ban_conventions() {
    let out = repo_site();
    for (file, json_file, columns, items) in [
        ("du-lieu/chi-tieu.csv", "du-lieu/chi-tieu.json", 21, "targets"),
        ("du-lieu/nhiem-vu.csv", "du-lieu/nhiem-vu.json", 22, "tasks"),
    ] {
        let bytes = std::fs::read(out.join(file)).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{file}: byte order mark");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\r'), "{file}: CRLF");
        let mut rd = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(rd.headers().unwrap().len(), columns, "{file}");
        let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
        let data = json(out, json_file);
        assert_eq!(rows.len(), data[items].as_array().unwrap().len(), "{file}");
        assert_eq!(data["count"].as_u64(), Some(rows.len() as u64));
        assert_eq!(data["url"], "/");
    }
    // A cell with commas and quotes survives RFC 4180 quoting.
    let text = std::fs::read_to_string(out.join("du-lieu/nhiem-vu.csv")).unwrap();
    let mut rd = csv::Reader::from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    let headers = rd.headers().unwrap().clone();
    let lead = headers.iter().position(|h| h == "lead").unwrap();
    let leads: Vec<String> = rd.records().map(|r| r.unwrap()[lead].to_string()).collect();
    assert!(leads.contains(&"Trung tâm XTĐT, TM&DL".to_string()), "{leads:?}");
}

/// Parses an .ics file with Python's `icalendar`; prints each event's fields as JSON.
fn icalendar(path: &Path) -> Value {
    let script = r#"
import json, sys
try:
    import icalendar
except ImportError:
    sys.exit("icalendar is not installed: pip install icalendar (scripts/test.sh does it)")
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
print(json.dumps({
    "version": str(cal.get("VERSION")), "name": str(cal.get("X-WR-CALNAME")),
    "events": [{"uid": str(e["UID"]), "summary": str(e["SUMMARY"]),
                "description": str(e["DESCRIPTION"]), "url": str(e.get("URL", "")),
                "start": e.decoded("DTSTART").isoformat(), "end": e.decoded("DTEND").isoformat(),
                "stamp": e.decoded("DTSTAMP").isoformat()} for e in cal.walk("VEVENT")],
}, ensure_ascii=False))
"#;
    python_json(script, path, "icalendar")
}

#[test]
fn province_calendars_parse_with_python_icalendar() {
    let out = repo_site();
    let kg = icalendar(&out.join("kien-giang/lich.ics"));
    assert_eq!(kg["version"], "2.0");
    assert_eq!(kg["name"], "Thời hạn nhiệm vụ — Kiên Giang");
    let events = kg["events"].as_array().unwrap();
    assert_eq!(events.len(), 36, "one event per task with a deadline");
    let mut uids: Vec<&str> = events.iter().map(|e| e["uid"].as_str().unwrap()).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), 36, "UIDs are unique");
    let first = &events[0];
    assert!(first["summary"].as_str().unwrap().starts_with("Sở KH&ĐT: Kế hoạch triển khai"));
    // "Tháng 01" of the 2021 plan: an all-day event over January (DTEND is exclusive).
    assert_eq!(
        (first["start"].as_str(), first["end"].as_str()),
        (Some("2021-01-01"), Some("2021-02-01"))
    );
    let description = first["description"].as_str().unwrap();
    assert!(description.contains("Chủ trì: Sở KH&ĐT (Sở Kế hoạch và Đầu tư)"), "{description}");
    assert!(
        description.contains("Từ 01/03/2025 nhiệm vụ này thuộc Sở Tài chính."),
        "{description}"
    );
    assert!(description.contains("Thời hạn: Tháng 01"), "{description}");
    assert!(first["stamp"].as_str().unwrap().starts_with("2021-02-01T00:00:00"), "the plan's date");
    assert_eq!(first["url"], "", "no URL property without an absolute base URL");
    let vp = icalendar(&out.join("vinh-phuc/lich.ics"));
    assert_eq!(vp["events"].as_array().unwrap().len(), 1, "\"định kỳ báo cáo\": the whole year");
    assert_eq!(vp["events"][0]["start"], "2025-01-01");
    assert_eq!(vp["events"][0]["end"], "2026-01-01");
    assert!(!out.join("dong-thap/lich.ics").exists(), "no dated task, no calendar");
}

#[test]
fn warnings_name_the_line_and_frontmatter_targets_correct_it() {
    let site = fixture_site("plan");
    let out = banhanh(&["check", "--root", site.path().to_str().unwrap()]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let f = "content/ke-hoach-2024.md";
    assert!(
        err.contains(&format!(
            "cảnh báo: {f}:31:1: chỉ tiêu không khớp với chỉ tiêu nào trong data/indicators.yaml: \
         \"(5) Số máy bay không người lái đạt 40 chiếc.\"\n  gợi ý: thêm cách viết này vào \
         `patterns`"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "cảnh báo: {f}:33:1: giá trị \"giảm … hộ\" không hợp với chỉ tiêu \"Mức giảm tỷ lệ hộ \
         nghèo (điểm phần trăm)\" (đơn vị %; chỉ nhận: giảm)"
        )),
        "units are never mixed silently: {err}"
    );
    assert!(
        err.contains(&format!(
            "cảnh báo: {f}:44:1: không đọc được thời hạn \"Sau khi có hướng dẫn\""
        )),
        "{err}"
    );
    assert!(err.contains("      - line: 31\n"), "the fix names the line: {err}");
    assert_eq!(
        err.matches("cảnh báo:").count(),
        3,
        "lines 29 and 35 are handled in the frontmatter: {err}"
    );

    let public = site.path().join("public");
    build_ok(site.path(), &[]);
    let data = json(&public, "du-lieu/chi-tieu.json");
    let at = |line: u64| {
        data["targets"].as_array().unwrap().iter().find(|t| t["line"] == line).cloned().unwrap()
    };
    let fixed = at(29);
    assert_eq!(
        (&fixed["indicator"], &fixed["comparator"], &fixed["value"]),
        (&"xa-nong-thon-moi".into(), &"tăng".into(), &5.into())
    );
    assert_eq!(fixed["from_frontmatter"], true);
    assert_eq!(fixed["text"], "Xây dựng nông thôn mới đạt kết quả tốt.");
    let added = at(13);
    assert_eq!(
        (&added["indicator"], &added["value"], &added["unit"]),
        (&"kim-ngach-xuat-khau".into(), &1500.into(), &"triệu USD".into())
    );
    assert_eq!(at(27)["comparator"], "trên", "\"> 95%\"");
    assert_eq!(at(25)["comparator"], "còn", "\"giảm còn 1,2%\" is a level");
    assert!(at(31)["indicator"].is_null(), "read but unmatched lines stay in the data");
    assert!(data["targets"].as_array().unwrap().iter().all(|t| t["line"] != 35), "skipped");
}

#[test]
fn calendar_text_is_escaped_and_uids_stay_when_tasks_are_added() {
    let site = fixture_site("plan");
    build_ok(site.path(), &[]);
    let ics = site.path().join("public/hau-giang/lich.ics");
    let raw = std::fs::read_to_string(&ics).unwrap();
    assert!(raw.contains("\r\n") && !raw.replace("\r\n", "").contains('\n'), "CRLF lines");
    assert!(raw.lines().all(|l| l.len() <= 75), "folded at 75 octets");
    assert!(!raw.contains("<script"));
    let cal = icalendar(&ics);
    let events = cal["events"].as_array().unwrap();
    assert_eq!(events.len(), 4, "the task without a readable deadline has no event");
    // RFC 5545 escaping round-trips: ";", ",", "\" and quotes.
    assert_eq!(events[0]["summary"], "Sở KH&ĐT: Báo cáo; tổng kết, đánh giá \\ \"quý\" alert(1)");
    assert_eq!(
        (events[0]["start"].as_str(), events[0]["end"].as_str()),
        (Some("2024-12-19"), Some("2024-12-20")),
        "due the day before 20/12"
    );
    assert!(
        events[0]["description"]
            .as_str()
            .unwrap()
            .contains("\nPhối hợp: Sở Tài chính, Cục Thuế tỉnh\n")
    );
    assert_eq!(
        events[0]["url"],
        "https://example.org/ct/hau-giang/2024/15-kh-ubnd/#iii-to-chuc-thuc-hien"
    );
    assert_eq!(
        (events[2]["start"].as_str(), events[2]["end"].as_str()),
        (Some("2024-01-01"), Some("2025-01-01")),
        "Thường xuyên"
    );
    let uids = |cal: &Value| -> Vec<String> {
        cal["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["uid"].as_str().unwrap().to_string())
            .collect()
    };
    let before = uids(&cal);
    assert!(before[0].ends_with("@example.org"), "{before:?}");
    // The same build again: the same bytes.
    build_ok(site.path(), &[]);
    assert_eq!(std::fs::read_to_string(&ics).unwrap(), raw);
    // A new first row: the other tasks keep their UIDs.
    let md = site.path().join("content/ke-hoach-2024.md");
    let text = std::fs::read_to_string(&md)
        .unwrap()
        .replace("| 1 | Báo cáo;", "| 0 | Việc mới thêm | Sở Y tế | | Quý III |\n| 1 | Báo cáo;");
    std::fs::write(&md, text).unwrap();
    build_ok(site.path(), &[]);
    let after = uids(&icalendar(&ics));
    assert_eq!(after.len(), 5);
    assert!(before.iter().all(|u| after.contains(u)), "{before:?} → {after:?}");
}

#[test]
fn a_bad_targets_key_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/a.md"),
        "---\ntitle: Kế hoạch\ntype: Kế hoạch\nprovince: Vĩnh Long\nissuer: UBND tỉnh Vĩnh Long\n\
         year: 2024\ntargets:\n  - indicator: tang-truong-grd\n    value: \"tăng 8%\"\n\
         \x20 - indicator: ty-le-ho-ngheo\n    value: \"nhiều\"\n\
         \x20 - indicator: thu-ngan-sach\n    value: \"đạt 3 USD\"\n\
         \x20 - indicator: ty-le-ho-ngheo\n    value: \"tăng 1%\"\n\
         \x20 - line: 40\n    skip: true\n    indicatr: x\n---\n\nNội dung.\n",
    )
    .unwrap();
    let out = banhanh(&["check", "--root", dir.path().to_str().unwrap()]);
    let err = stderr(&out);
    assert!(!out.status.success());
    for expected in [
        "lỗi: content/a.md:8:16: không có chỉ tiêu nào mã \"tang-truong-grd\"\n  \
         gợi ý: có phải là \"tang-truong-grdp\"?",
        "lỗi: content/a.md:11:12: không đọc được giá trị \"nhiều\"",
        "lỗi: content/a.md:13:12: đơn vị \"USD\" không phải đơn vị của chỉ tiêu \"Thu ngân sách \
         nhà nước trên địa bàn\" (tỷ đồng)",
        "lỗi: content/a.md:15:12: chỉ tiêu \"Tỷ lệ hộ nghèo\" không nhận \"tăng\"",
        "lỗi: content/a.md:18:15: khóa không hợp lệ `indicatr` trong targets\n  \
         gợi ý: có phải là `indicator`?",
    ] {
        assert!(err.contains(expected), "{expected}\n---\n{err}");
    }
}
