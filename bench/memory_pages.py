"""Peak memory of extracting a 100-page and a 1,000-page PDF, in one process.

Python allocations are traced with tracemalloc (PDFium's own are freed page by
page). Prints the peaks and their ratio; the goal is memory that stays flat per
page, i.e. records and text only. Usage: python bench/memory_pages.py
"""
from __future__ import annotations

import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    import pypdfium2 as pdfium

    from extract import extract_file, load_rules

    load_rules()
    tmp = Path(tempfile.mkdtemp())
    src = pdfium.PdfDocument(str(ROOT / "samples" / "yueyang-minsheng-2025-01.pdf"))
    peaks = {}
    for pages in (100, 1000):
        doc = pdfium.PdfDocument.new()
        while len(doc) < pages:
            doc.import_pages(src, list(range(min(len(src), pages - len(doc)))))
        path = tmp / f"{pages}.pdf"
        doc.save(str(path))
        tracemalloc.start()
        x = extract_file(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peaks[pages] = peak
        print(f"{pages:5d} pages: {len(x.records)} records, peak {peak / 1e6:.1f} MB, "
              f"{peak / pages / 1e3:.1f} kB per page")
        del x
    print(f"peak 1000 / 100 pages: {peaks[1000] / peaks[100]:.1f}x (10x means memory grows with the document, "
          f"as records and text do)")


if __name__ == "__main__":
    main()
