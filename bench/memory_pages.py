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
        doc.save(str(path))  # every 9 pages bring their own copy of the fonts, as in a merged PDF
        one = pdfium.PdfDocument.new()
        one.import_pages(src, [i % len(src) for i in range(pages)])
        one.save(str(tmp / f"shared-{pages}.pdf"))  # one document: its pages share their fonts

        def streamed() -> int:
            n, windows = 0, extract_stream(path)
            while (w := next(windows, None)) is not None:
                n += len(w.records)  # bulletin extract writes them out here
                del w                # and lets go of the window before the next is read
            return n

        def whole() -> int:
            return len(extract_file(path).records)
        for name, fn in (("streamed", streamed), ("whole", whole)):
            n, peak = _peak(fn)
            peaks[name, pages] = peak
            print(f"{name:8s} {pages:5d} pages: {n} records, peak {peak / 1e6:.1f} MB")
    for name in ("streamed", "whole"):
        print(f"{name:8s} peak 1000 / 100 pages: {peaks[name, 1000] / peaks[name, 100]:.2f}x")
    cli_rss(tmp)


def cli_rss(tmp: Path) -> None:
    """The whole `bulletin extract` command, PDFium included: the peak resident memory of its
    processes (where the system reports it)."""
    try:
        import resource  # noqa: F401  (Unix only: the probe below uses it)
    except ImportError:  # Windows: no getrusage
        print("CLI peak memory: not measured on this system")
        return
    import subprocess

    rss = {}
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    for kind in ("", "shared-"):
        for pages in (1000, 100):
            cmd = [sys.executable, "-m", "extract", "extract", str(tmp / f"{kind}{pages}.pdf"), "-o", str(tmp / "out.csv")]
            out = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, cwd=ROOT, capture_output=True,
                                 text=True)
            rss[kind, pages] = int(out.stdout.split()[-1])  # the largest of its processes, in kB
        label = "fonts shared by all pages" if kind else "fonts copied every 9 pages"
        print(f"CLI to CSV, {label}: peak resident memory {rss[kind, 100] / 1024:.0f} MB at 100 pages, "
              f"{rss[kind, 1000] / 1024:.0f} MB at 1000 pages: {rss[kind, 1000] / rss[kind, 100]:.2f}x")


if __name__ == "__main__":
    main()
