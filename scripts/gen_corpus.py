#!/usr/bin/env python3
"""Generates a large site for benchmarks: the repo's real programmes re-attributed to every
province and year (63 provinces x 11 years), with unique numbers and consistent citations.

usage: gen_corpus.py N OUT_DIR [--content DIR]
Writes OUT_DIR/content/<province-slug>/<year>/<n>.md and OUT_DIR/site.yaml.
Standard library only, deterministic for a given N and content.
"""
import argparse, os, re, unicodedata

PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang",
    "Thành phố Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]
YEARS = list(range(2015, 2026))
TYPES = [("Kế hoạch", "KH"), ("Chương trình hành động", "CTr"), ("Quyết định", "QĐ"), ("Chỉ thị", "CT")]
FIELDS = ["Kinh tế", "Đầu tư công", "Chuyển đổi số", "Giáo dục", "Y tế", "Nông nghiệp", "Du lịch"]


def slug(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def sources(content):
    out = []
    for root, _, files in sorted(os.walk(content)):
        for f in sorted(files):
            if f.endswith(".md"):
                text = open(os.path.join(root, f), encoding="utf-8").read()
                head, body = text[4:].split("\n---\n", 1)
                title = re.search(r"^title:\s*(.+)$", head, re.M).group(1).strip().strip('"')
                out.append((title, body))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--content", default=os.path.join(os.path.dirname(__file__), "..", "content"))
    a = ap.parse_args()
    docs = sources(a.content)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "site.yaml"), "w", encoding="utf-8") as f:
        f.write("title: Bộ dữ liệu thử nghiệm\nbase_url: https://example.org/\n")
    for i in range(a.n):
        title, body = docs[i % len(docs)]
        province = PROVINCES[i % len(PROVINCES)]
        year = YEARS[(i // len(PROVINCES)) % len(YEARS)]
        kind, code = TYPES[(i // (len(PROVINCES) * len(YEARS))) % len(TYPES)]
        serial = i // (len(PROVINCES) * len(YEARS) * len(TYPES)) + 1 + (i % 7) * 10
        fields = [FIELDS[i % len(FIELDS)], FIELDS[(i // 3) % len(FIELDS)]]
        fields = sorted(set(fields))
        month, day = 1 + i % 3, 1 + i % 27
        d = os.path.join(a.out, "content", slug(province), str(year))
        os.makedirs(d, exist_ok=True)
        fm = (
            "---\n"
            f'title: "{kind} {title} ({province} {year})"\n'
            f"type: {kind}\n"
            f"province: {province}\n"
            f"issuer: Ủy ban nhân dân tỉnh {province}\n"
            f"number: {serial}/{code}-UBND\n"
            f"issued: {year}-{month:02d}-{day:02d}\n"
            f"year: {year}\n"
            f"fields: [{', '.join(fields)}]\n"
            "implements:\n"
            f"  - number: 01/NQ-CP\n    date: {year}-01-0{1 + year % 8}\n"
            "---\n"
        )
        with open(os.path.join(d, f"{i}.md"), "w", encoding="utf-8") as f:
            f.write(fm + body)


if __name__ == "__main__":
    main()
