//! `banhanh import` on the header layouts issue #17 lists that the real portal fixtures do not
//! all show (a blank draft, OCR damage in a Party header, codes in a title written in capitals, a
//! year inside a number), built from the issue's own examples and run through the real binary;
//! then `banhanh check` on the draft, which must fail only on its TODOs.

mod import_support;

use import_support::{check_draft, frontmatter, get, implements};
use std::path::Path;

fn import_text(dir: &Path, text: &str) -> String {
    import_support::import_text(dir, "scraped.txt", text)
}

fn only_todos_fail(draft: &str) {
    let (ok, stderr) = check_draft(draft);
    assert!(!ok, "a draft with TODOs must not pass check");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("lỗi:")).collect();
    assert!(!errors.is_empty() && errors.iter().all(|l| l.contains("TODO")), "{stderr}");
}

#[test]
fn a_blank_draft_gets_no_number_no_date_and_no_guess() {
    let dir = tempfile::tempdir().unwrap();
    let draft = import_text(
        dir.path(),
        "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         Độc lập - Tự do - Hạnh phúc\n|\nSố: /CT-UBND\n|\nBắc Ninh, ngày tháng năm 2022\n|\n\
         DỰ THẢO\nCHỈ THỊ\nVỀ VIỆC TĂNG CƯỜNG CÔNG TÁC PHÒNG, CHỐNG THIÊN TAI NĂM 2022\n\
         (Ban hành kèm theo Chỉ thị số 12/CT-UBND ngày 05/01/2021 của UBND tỉnh)\n\
         Năm 2022, tình hình thiên tai dự báo diễn biến phức tạp.",
    );
    let m = frontmatter(&draft);
    assert!(get(&m, "number").starts_with("TODO: văn bản để trống số hiệu"), "{draft}");
    assert!(get(&m, "number").contains("Số: /CT-UBND"));
    assert!(get(&m, "issued").starts_with("TODO: ngày ban hành để trống"), "{draft}");
    assert!(!draft.contains("number: 12/CT-UBND"), "no guess from the attached-to line");
    assert_eq!(get(&m, "type"), "Chỉ thị");
    assert_eq!(
        get(&m, "title"),
        "Chỉ thị về việc tăng cường công tác phòng, chống thiên tai năm 2022",
        "the draft's mark is not part of the type line"
    );
    assert_eq!(get(&m, "province"), "Bắc Ninh");
    assert_eq!(get(&m, "issuer"), "Ủy ban nhân dân tỉnh Bắc Ninh");
    only_todos_fail(&draft);
}

#[test]
fn a_party_header_with_ocr_damage_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let draft = import_text(
        dir.path(),
        "ĐẢNG BỘ TỈNH LẠNG SƠN\nTỈNH ỦY LẠNG SƠN\n*\n|\nĐẢNG CỘNG SẢN VIỆT NAM\n|\n\
         Số 15-KL/TƯ\n|\nLạng Sơn, ngày 10 tháng 3 năm 2023\n|\nK ÉT LUẬN\n\
         CỦA BAN THƯỜNG VỤ TỈNH ỦY VỀ TÌNH HÌNH KINH TẾ - XÃ HỘI QUÝ I NĂM 2023\n\
         Thực hiện Kết luận số 64-KL/TW ngày 28/10/2023 của Ban Chấp hành Trung ương, Ban \
         Thường vụ Tỉnh ủy kết luận như sau:",
    );
    let m = frontmatter(&draft);
    assert_eq!(get(&m, "number"), "15-KL/TU", "KL/TƯ is the OCR of KL/TU");
    assert_eq!(get(&m, "type"), "Kết luận");
    assert_eq!(get(&m, "issued"), "2023-03-10");
    assert_eq!(get(&m, "province"), "Lạng Sơn");
    assert_eq!(get(&m, "issuer"), "Tỉnh ủy Lạng Sơn");
    assert_eq!(
        get(&m, "title"),
        "Kết luận của Ban Thường vụ Tỉnh ủy về tình hình kinh tế - xã hội quý I năm 2023"
    );
    assert_eq!(implements(&m), vec![("64-KL/TW".to_string(), "2023-10-28".to_string())]);
}

#[test]
fn codes_in_a_title_in_capitals_take_their_spelling_and_years_inside_numbers_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let draft = import_text(
        dir.path(),
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n\
         Số: 97/KH-UBND | Bắc Giang, ngày 15 tháng 3 năm 2023 |\nKẾ HOẠCH\n\
         THỰC HIỆN QUYẾT ĐỊNH SỐ 687/QĐ-TTG NGÀY 07 THÁNG 6 NĂM 2022 CỦA THỦ TƯỚNG CHÍNH PHỦ\n\
         Thực hiện Nghị quyết số 19-2018/NQ-CP ngày 15/5/2018 của Chính phủ, UBND tỉnh ban \
         hành Kế hoạch như sau:",
    );
    let m = frontmatter(&draft);
    assert_eq!(
        get(&m, "title"),
        "Kế hoạch thực hiện Quyết định số 687/QĐ-TTg ngày 07 tháng 6 năm 2022 của Thủ tướng \
         Chính phủ"
    );
    assert_eq!(
        implements(&m),
        vec![
            ("687/QĐ-TTg".to_string(), "2022-06-07".to_string()),
            ("19/2018/NQ-CP".to_string(), "2018-05-15".to_string())
        ]
    );
    assert!(draft.contains("Nghị quyết số 19-2018/NQ-CP"), "the body keeps the number as printed");
    assert_eq!(get(&m, "year"), "2023", "a date's year in the title is not the plan's year");
}

#[test]
fn the_ho_chi_minh_city_issuer_is_not_doubled() {
    let dir = tempfile::tempdir().unwrap();
    let draft = import_text(
        dir.path(),
        "ỦY\nBAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\n|\nSố:\n200/QĐ-UBND\n|\nThành\n\
         phố Hồ Chí Minh, ngày 18\ntháng 01\nnăm 2023\n|\nQUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH KẾ HOẠCH\n\
         ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH\nCăn cứ Luật Tổ chức chính quyền địa phương;",
    );
    let m = frontmatter(&draft);
    assert_eq!(get(&m, "number"), "200/QĐ-UBND");
    assert_eq!(get(&m, "issued"), "2023-01-18");
    assert_eq!(get(&m, "province"), "Thành phố Hồ Chí Minh");
    assert_eq!(get(&m, "issuer"), "Ủy ban nhân dân Thành phố Hồ Chí Minh");
    assert!(!draft.contains("thành phố Thành phố"));
}
