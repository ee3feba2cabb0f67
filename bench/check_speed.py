"""`bulletin check` against `bulletin extract` on the same ~100-page input, in one process.

Makes the 99-page PDF of the seed (samples/make_pdf.py) and a 100-copy text file,
then times extraction alone and extraction plus every check with the seed's
target table. Prints the ratio (goal: at most 1.2x). Asserts nothing.
Usage: python bench/check_speed.py
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "samples"))


def best_of(n, fn):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    from make_pdf import make_pdf

    from extract import check, extract_file, load_rules, load_targets

    rules = load_rules()
    targets = load_targets(ROOT / "samples" / "yueyang-targets-2025.csv", rules)
    tmp = Path(tempfile.mkdtemp())
    seed = (ROOT / "samples" / "yueyang-minsheng-2025-01.txt").read_text(encoding="utf-8")
    pdf = tmp / "seed-x.pdf"
    pages = make_pdf(seed, pdf, repeat=11)
    txt = tmp / "seed-x.txt"
    txt.write_text("\n\n".join([seed] * 100), encoding="utf-8")
    check(extract_file(ROOT / "samples" / "yueyang-minsheng-2025-01.txt", rules), rules, targets)  # warm jieba
    for name, path, n in (("PDF", pdf, 1), ("text", txt, 3)):
        t_extract = best_of(n, lambda: extract_file(path, rules))
        t_check = best_of(n, lambda: check(extract_file(path, rules), rules, targets))
        flags = len(check(extract_file(path, rules), rules, targets))
        label = f"{pages} pages" if name == "PDF" else f"{txt.stat().st_size / 1e6:.1f} MB"
        print(f"{name} ({label}, {flags} flags): extract {t_extract:.2f} s, extract+check {t_check:.2f} s, "
              f"ratio {t_check / t_extract:.2f}x")


if __name__ == "__main__":
    main()
