"""Extraction speed against pdfplumber's bare text extraction, in one process.

Makes a ~100-page PDF from the seed bulletin (samples/make_pdf.py, needs
reportlab and Debian's fonts-wqy-zenhei), then times:
  baseline  pdfplumber: page.extract_text() for every page
  ours      extract_file() of the same PDF (reading, cleaning, structure, records)
  cli       `python -m extract extract FILE` in a fresh process, start-up included
and a ~1 MB text file. Prints pages/s, MB/s and ratios; asserts nothing.
Usage: python bench/extract_speed.py [--copies 11]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "samples"))


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=11, help="copies of the seed (11 copies = 99 pages)")
    args = ap.parse_args()
    from make_pdf import make_pdf

    tmp = Path(tempfile.mkdtemp())
    pdf = tmp / "seed-x.pdf"
    seed = (ROOT / "samples" / "yueyang-minsheng-2025-01.txt").read_text(encoding="utf-8")
    pages = make_pdf(seed, pdf, repeat=args.copies)

    import pdfplumber

    def baseline():
        with pdfplumber.open(str(pdf)) as doc:
            return sum(len(p.extract_text() or "") for p in doc.pages)

    from extract import extract_file, load_rules

    load_rules()  # compiled once per process; the CLI row below includes it

    base = min(timed(baseline)[0] for _ in range(2))  # best of runs, so machine noise shows less
    ours_t, x = min((timed(lambda: extract_file(pdf)) for _ in range(3)), key=lambda t: t[0])
    cli_t, _ = timed(lambda: subprocess.run([sys.executable, "-m", "extract", "extract", str(pdf), "-o",
                                             str(tmp / "r.jsonl")], check=True, capture_output=True, cwd=ROOT))
    print(f"PDF: {pages} pages, {len(x.records)} records")
    print(f"  pdfplumber extract_text   {pages / base:8.1f} pages/s  ({base:.2f} s)")
    print(f"  extract_file (library)    {pages / ours_t:8.1f} pages/s  ({ours_t:.2f} s)  time ratio {ours_t / base:.2f}x, speed-up {base / ours_t:.1f}x")
    print(f"  bulletin extract (CLI)    {pages / cli_t:8.1f} pages/s  ({cli_t:.2f} s)  time ratio {cli_t / base:.2f}x, speed-up {base / cli_t:.1f}x  (start-up included)")

    txt = tmp / "seed-x.txt"
    body = (seed + "\n\n") * max(1, int(1_000_000 / len(seed.encode("utf-8"))))
    txt.write_text(body, encoding="utf-8")
    mb = txt.stat().st_size / 1e6
    t_txt, xt = timed(lambda: extract_file(txt))
    print(f"Text: {mb:.2f} MB, {len(xt.records)} records: {mb / t_txt:.2f} MB/s ({t_txt:.2f} s)")


if __name__ == "__main__":
    main()
