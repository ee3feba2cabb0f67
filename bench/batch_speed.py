"""Batch speed: 200 files with 1 worker and with 2, in one process run; prints the speed-up.

Files: copies of the seed PDF (three in four) and of its text. Goal: at least 1.7x on 2 cores.
Usage: python bench/batch_speed.py [--files 200]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=200)
    args = ap.parse_args()
    from extract.batch import BatchOptions, run_batch

    tmp = Path(tempfile.mkdtemp())
    files = []
    for i in range(args.files):
        src = ROOT / "samples" / ("yueyang-minsheng-2025-01.pdf" if i % 4 else "yueyang-minsheng-2025-01.txt")
        dst = tmp / f"{i:04d}{src.suffix}"
        shutil.copy(src, dst)
        files.append(dst)
    times = {}
    for workers in (1, 2):
        t = time.perf_counter()
        n = sum(1 for r in run_batch(files, BatchOptions(workers=workers)) if hasattr(r, "records"))
        times[workers] = time.perf_counter() - t
        print(f"{workers} worker(s): {len(files)} files ({n} read) in {times[workers]:.2f} s, "
              f"{len(files) / times[workers]:.1f} files/s")
    print(f"speed-up with 2 workers: {times[1] / times[2]:.2f}x")


if __name__ == "__main__":
    main()
