#!/usr/bin/env python3
"""Generates a test site of N Vietnamese documents for search tests and benchmarks.

Bodies are made of paragraphs of the real seeds (tests/fixtures/seeds/) and of the bodies in
content/, shuffled deterministically, with headings every few paragraphs; each document is
attributed to one of the 63 provinces (data/provinces.yaml, before_2025) and a year 2020-2025,
gets a unique number such as 22/KH-UBND, and a title about a typical topic. Same arguments,
same output.

    python3 scripts/gen_corpus.py OUT_DIR [--docs 1000] [--size 55000] [--seed 1] [--evil]

--evil adds one document whose title and body contain HTML/script (for escaping tests).
"""
import argparse
import random
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TYPES = [  # (type, code in the number)
    ("Kế hoạch", "KH"),
    ("Chương trình hành động", "CTr"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
]
TOPICS = [
    "chuyển đổi số", "đầu tư công", "cải cách hành chính", "phát triển kinh tế - xã hội",
    "xây dựng nông thôn mới", "giảm nghèo bền vững", "phòng, chống thiên tai", "phát triển đường giao thông",
    "thu hút đầu tư", "an sinh xã hội", "giáo dục và đào tạo", "y tế cơ sở", "bảo vệ môi trường",
    "phát triển du lịch", "khoa học và công nghệ", "thi đua khen thưởng",
]
HEADINGS = [
    "I. MỤC ĐÍCH, YÊU CẦU", "II. MỤC TIÊU", "III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU", "1. Về kinh tế",
    "2. Về văn hóa - xã hội", "3. Về quốc phòng, an ninh", "4. Về cải cách hành chính",
    "5. Về chuyển đổi số", "6. Về đầu tư công", "IV. TỔ CHỨC THỰC HIỆN", "Phụ lục",
]
FIELDS = ["Kinh tế", "Đầu tư công", "Chuyển đổi số", "Cải cách hành chính", "Văn hóa - xã hội"]


def provinces():
    names, section = [], None
    for line in (ROOT / "data/provinces.yaml").read_text(encoding="utf-8").splitlines():
        if re.match(r"^[a-z_0-9]+:", line):
            section = line.split(":")[0]
        m = re.match(r"^  - name: (.+)$", line)
        if m and section == "before_2025":
            names.append(m.group(1).strip().strip('"'))
    return names


def paragraphs():
    out = []
    for f in sorted((ROOT / "tests/fixtures/seeds").glob("*.txt")):
        for p in re.split(r"\n\s*\n|\n", f.read_text(encoding="utf-8")):
            p = " ".join(p.split())
            if len(p) > 40:
                out.append(p)
    for f in sorted((ROOT / "content").glob("**/*.md")):
        text = f.read_text(encoding="utf-8")
        body = text.split("\n---", 2)[-1] if text.startswith("---") else text
        body = re.sub(r"<!--.*?-->", " ", body, flags=re.S)
        body = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body)
        for p in re.split(r"\n\s*\n", body):
            p = " ".join(p.split())
            if len(p) > 40 and not p.startswith("#"):
                out.append(p)
    # Markdown must not read them as headings, lists of links or HTML.
    return [unicodedata.normalize("NFC", p).replace("<", "&lt;").lstrip("#>*-+|") for p in out]


def fold(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--size", type=int, default=55000, help="approximate bytes of body per document")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--evil", action="store_true")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    # Metadata (type, number, topic, date) has its own generator, so it does not depend on --size.
    meta = random.Random(a.seed * 7919)
    provs, paras = provinces(), paragraphs()
    out = Path(a.out)
    (out / "content").mkdir(parents=True, exist_ok=True)
    (out / "site.yaml").write_text("title: Kho văn bản thử nghiệm\nbase_url: /\n", encoding="utf-8")
    serials = {}
    # A quarter of a document's paragraphs are about its topic, so documents differ like real ones do.
    folded = [fold(p) for p in paras]
    on_topic = {t: [p for p, f in zip(paras, folded) if fold(t.split(",")[0].split(" - ")[0]) in f] or paras for t in TOPICS}
    for i in range(a.docs):
        prov = provs[i % len(provs)]
        year = 2020 + (i // len(provs)) % 6
        kind, code = TYPES[meta.randrange(len(TYPES))]
        serials[(prov, year)] = serials.get((prov, year), meta.randrange(1, 40)) + meta.randrange(1, 9)
        number = f"{serials[(prov, year)]}/{code}-UBND"
        topic = TOPICS[meta.randrange(len(TOPICS))]
        month, day = meta.randrange(1, 13), meta.randrange(1, 29)
        title = f"{kind} thực hiện Nghị quyết số 01/NQ-CP của Chính phủ về {topic} năm {year} trên địa bàn tỉnh {prov}"
        body, size, n = [], 0, 0
        while size < a.size:
            if n % 6 == 0:
                h = HEADINGS[(n // 6) % len(HEADINGS)]
                body.append(f"## {h}")
            pool = on_topic[topic] if rnd.random() < 0.25 else paras
            p = pool[rnd.randrange(len(pool))]
            body.append(p)
            size += len(p.encode("utf-8"))
            n += 1
        fm = [
            "---",
            f"title: {yaml_str(title)}",
            f"type: {kind}",
            f"province: {prov}",
            f"issuer: Ủy ban nhân dân tỉnh {prov}",
            f"number: {number}",
            f"issued: {year}-{month:02d}-{day:02d}",
            f"year: {year}",
            f"fields: [{yaml_str(FIELDS[i % len(FIELDS)])}]",
            "---",
        ]
        text = "\n".join(fm) + "\n\n" + "\n\n".join(body) + "\n"
        (out / "content" / f"{i:05d}.md").write_text(text, encoding="utf-8")
    if a.evil:
        fm = [
            "---",
            f"title: {yaml_str('<script>alert(1)</script> Kế hoạch <b>thử</b> chống chèn mã')}",
            "type: Kế hoạch", "province: Hà Nội", "issuer: Ủy ban nhân dân thành phố Hà Nội",
            "number: 999/KH-UBND", "issued: 2024-03-03", "year: 2024", "---",
        ]
        body = "## Mục thử <img src=https://example.org/x.png onerror=alert(2)>\n\nNội dung thử chống chèn mã &lt;script&gt;alert(3)&lt;/script&gt; kế hoạch thử.\n"
        (out / "content" / "evil.md").write_text("\n".join(fm) + "\n\n" + body, encoding="utf-8")


if __name__ == "__main__":
    main()
