//! The Vietnamese analyzer on real sentences of the seeds: which terms a sentence yields.

use banhanh::search::analyzer::{TermKind, analyze};

fn seed_line(needle: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        if let Some(line) = text.lines().find(|l| l.contains(needle)) {
            return line.to_string();
        }
    }
    panic!("no seed line contains {needle}");
}

fn of_kind(text: &str, kind: TermKind) -> Vec<String> {
    analyze(text).into_iter().filter(|t| t.kind == kind).map(|t| t.text).collect()
}

#[test]
fn a_citation_sentence_of_seed_000() {
    let line = seed_line("Căn cứ Nghị quyết số 01/NQ-CP ngày 05 tháng 01 năm 2024");
    let start = line.find("Căn cứ").unwrap();
    let sentence = &line[start..start + "Căn cứ Nghị quyết số 01/NQ-CP ngày 05 tháng 01".len()];
    assert_eq!(
        of_kind(sentence, TermKind::Folded),
        ["can", "cu", "nghi", "quyet", "so", "01", "nq", "cp", "ngay", "05", "thang", "01"]
    );
    assert_eq!(
        of_kind(sentence, TermKind::Exact),
        ["căn", "cứ", "nghị", "quyết", "số", "ngày", "tháng"]
    );
    assert_eq!(
        of_kind(sentence, TermKind::Bigram),
        [
            "can cu",
            "cu nghi",
            "nghi quyet",
            "quyet so",
            "so 01",
            "01 nq",
            "nq cp",
            "cp ngay",
            "ngay 05",
            "05 thang",
            "thang 01"
        ]
    );
    assert_eq!(of_kind(sentence, TermKind::Number), ["01/nq-cp"]);
    // The whole number sits at the position of its first part ("01" is the 6th word).
    let number = analyze(sentence).into_iter().find(|t| t.kind == TermKind::Number).unwrap();
    assert_eq!(number.position, 5);
    assert_eq!(&sentence[number.from..number.to], "01/NQ-CP");
}

#[test]
fn public_investment_is_a_unit_and_folds() {
    let line = seed_line("giải ngân vốn đầu tư công ngay từ đầu năm 2024");
    let bigrams = of_kind(&line, TermKind::Bigram);
    assert!(
        bigrams.contains(&"dau tu".to_string()) && bigrams.contains(&"tu cong".to_string()),
        "{bigrams:?}"
    );
    let exact = of_kind(&line, TermKind::Exact);
    assert!(
        exact.contains(&"đầu".to_string())
            && exact.contains(&"tư".to_string())
            && exact.contains(&"công".to_string())
    );
    // A query typed without diacritics yields the same folded terms.
    assert_eq!(of_kind("dau tu cong", TermKind::Bigram), ["dau tu", "tu cong"]);
    assert!(of_kind("dau tu cong", TermKind::Exact).is_empty());
}

#[test]
fn party_and_provincial_numbers_are_whole_terms_and_parts() {
    let line = seed_line("64-KL/TW");
    assert!(of_kind(&line, TermKind::Number).contains(&"64-kl/tw".to_string()), "{line}");
    let hdnd = seed_line("138/NQ-HĐND");
    let numbers = of_kind(&hdnd, TermKind::Number);
    assert!(numbers.contains(&"138/nq-hdnd".to_string()), "{numbers:?}");
    // Typed with spaces, a number gives the bigrams its parts give in the text.
    let parts = of_kind("01 nq cp", TermKind::Bigram);
    let written = of_kind("số 01/NQ-CP", TermKind::Bigram);
    assert!(parts.iter().all(|b| written.contains(b)), "{parts:?} {written:?}");
    // Dates and year ranges are not document numbers.
    assert!(of_kind("ngày 05/01/2024, giai đoạn 2021-2025", TermKind::Number).is_empty());
}

#[test]
fn dj_folds_to_d_and_case_and_nfd_do_not_matter() {
    assert_eq!(of_kind("ĐƯỜNG đường", TermKind::Folded), ["duong", "duong"]);
    assert_eq!(of_kind("ĐƯỜNG", TermKind::Exact), ["đường"]);
    let nfd = "chuye\u{302}\u{309}n đo\u{302}\u{309}i so\u{302}\u{301}";
    assert_eq!(analyze(nfd), analyze("chuyển đổi số"));
}
