"""Score bulletin's records on generated table samples, per shape (the tables issue's measure).

    python tests/table_scores.py [--seed 101] [--count 40]

Tables are written by samples/tables/make_flat_tables.py into a temporary folder, with gold
records computed from the generating data; they are scored with ../shared/tools/score.py.
"""
from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corpus_scores import load_scorer  # noqa: E402


def score_generated(seed: int, count: int, plant: bool = False) -> dict[str, tuple[list, list]]:
    """shape -> (predicted rows, gold rows) over `count` generated tables."""
    from extract import extract_file
    from extract.output.write import to_dict

    out = Path(tempfile.mkdtemp(prefix="bulletin-tables-"))
    cmd = [sys.executable, str(ROOT / "samples" / "tables" / "make_flat_tables.py"), "--seed", str(seed),
           "--out", str(out), "--count", str(count)] + (["--plant-errors"] if plant else [])
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    by_shape: dict[str, tuple[list, list]] = collections.defaultdict(lambda: ([], []))
    for gold_path in sorted(out.glob("*.gold.jsonl")):
        txt = gold_path.with_name(gold_path.name.replace(".gold.jsonl", ".txt"))
        shape = txt.stem.split("-")[2]
        by_shape[shape][0].extend(to_dict(r) for r in extract_file(txt).records)
        by_shape[shape][1].extend(json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()
                                  if line.strip())
    return by_shape


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=101)
    ap.add_argument("--count", type=int, default=40)
    args = ap.parse_args(argv)
    score = load_scorer()
    runs = score_generated(args.seed, args.count)
    print("| shape | figures | quantity F1 | completion F1 | combined F1 |")
    print("|---|---:|---:|---:|---:|")
    pooled_p, pooled_g = [], []
    for shape, (p, g) in sorted(runs.items()):
        pq, pc = score.keys(p)
        gq, gc = score.keys(g)
        fq, fc = score.prf(pq, gq)[2], score.prf(pc, gc)[2]
        pooled_p += p
        pooled_g += g
        print(f"| {shape} | {len(g)} | {fq:.4f} | {fc:.4f} | {(fq + fc) / 2:.4f} |")
    pq, pc = score.keys(pooled_p)
    gq, gc = score.keys(pooled_g)
    fq, fc = score.prf(pq, gq)[2], score.prf(pc, gc)[2]
    print(f"| pooled | {len(pooled_g)} | {fq:.4f} | {fc:.4f} | {(fq + fc) / 2:.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
