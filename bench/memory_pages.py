"""Peak memory of extracting a 100-page and a 1,000-page PDF, in one process.

Python allocations are traced with tracemalloc (PDFium's own are freed page by
page). Two ways are measured:

- streamed: `extract_stream`, each window's records handed on and dropped, as
  `bulletin extract` does. The goal is memory that stays flat: 1,000 pages
  cost no more than 100 (a ratio near 1x).
- whole: `extract_file`, which keeps every record and the whole text, as
  `check` and `report` need; it grows with the document.

Usage: python bench/memory_pages.py
"""
from __future__ import annotations

import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _peak(fn) -> tuple[int, int]:
    tracemalloc.start()
    n = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return n, peak


def main() -> None:
    import pypdfium2 as pdfium

    from extract import extract_file, load_rules
    from extract.api import extract_stream

    load_rules()
    extract_file(ROOT / "samples" / "yueyang-minsheng-2025-01.pdf")  # caches filled once, outside the traces
    tmp = Path(tempfile.mkdtemp())
    src = pdfium.PdfDocument(str(ROOT / "samples" / "yueyang-minsheng-2025-01.pdf"))
    peaks: dict[tuple[str, int], int] = {}
    for pages in (100, 1000):
        doc = pdfium.PdfDocument.new()
        while len(doc) < pages:
            doc.import_pages(src, list(range(min(len(src), pages - len(doc)))))
        path = tmp / f"{pages}.pdf"
        doc.save(str(path))

        def streamed() -> int:
            return sum(len(w.records) for w in extract_stream(path))

        def whole() -> int:
            return len(extract_file(path).records)
        for name, fn in (("streamed", streamed), ("whole", whole)):
            n, peak = _peak(fn)
            peaks[name, pages] = peak
            print(f"{name:8s} {pages:5d} pages: {n} records, peak {peak / 1e6:.1f} MB")
    for name in ("streamed", "whole"):
        print(f"{name:8s} peak 1000 / 100 pages: {peaks[name, 1000] / peaks[name, 100]:.2f}x")


if __name__ == "__main__":
    main()
