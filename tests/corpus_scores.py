"""Score bulletin's records on the shared corpus: pooled combined F1 per group, genre and document.

    python tests/corpus_scores.py [--ids 201,202] [--markdown] [--show ID]

Groups follow the issues: *prose* is every document of kind prose except 202, 207 and 210
(prose with a table after it), *tables* is every table document plus those three, and
*held-out* is 231–245 (the issue on unseen bulletins keeps them aside until the mechanisms
are done). Reads `../shared/corpus` and `../shared/tools/score.py`; prints nothing else.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
PROSE_WITH_TABLE = {"202", "207", "210"}
HELD_OUT = {f"{n}" for n in range(231, 246)}


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus_ids() -> list[str]:
    return sorted(p.name[:3] for p in (CORPUS / "gold").glob("*.jsonl"))


def meta(doc_id: str) -> dict:
    path = CORPUS / "docs" / f"{doc_id}.meta.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def group(doc_id: str) -> str:
    if doc_id in HELD_OUT:
        return "held-out"
    if meta(doc_id).get("kind") == "table" or doc_id in PROSE_WITH_TABLE:
        return "tables"
    return "prose"


def gold(doc_id: str) -> list[dict]:
    text = (CORPUS / "gold" / f"{doc_id}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def predicted(doc_id: str, rules=None) -> list[dict]:
    from extract import extract_file
    from extract.output.write import to_dict

    return [to_dict(r) for r in extract_file(CORPUS / "docs" / f"{doc_id}.txt", rules).records]


def combined(score, pairs) -> tuple[float, float, float]:
    """Pooled (quantity F1, completion F1, combined F1) over (pred, gold) pairs."""
    pred, gold_rows = [], []
    for p, g in pairs:
        pred += p
        gold_rows += g
    pq, pc = score.keys(pred)
    gq, gc = score.keys(gold_rows)
    fq, fc = score.prf(pq, gq)[2], score.prf(pc, gc)[2]
    return fq, fc, (fq + fc) / 2


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ids", help="comma-separated document ids (default: all)")
    ap.add_argument("--show", help="print missed and spurious keys of this document")
    ap.add_argument("--dev", action="store_true", help="leave the held-out documents (231-245) out")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    score = load_scorer()
    ids = args.ids.split(",") if args.ids else corpus_ids()
    if args.dev:
        ids = [i for i in ids if i not in HELD_OUT]
    runs = {i: (predicted(i), gold(i)) for i in ids}
    if args.show:
        p, g = runs[args.show]
        pq, pc = score.keys(p)
        gq, gc = score.keys(g)
        for name, a, b in (("quantities", pq, gq), ("completion", pc, gc)):
            for k, n in sorted((b - a).items(), key=str):
                print(f"{name} missed   {k} x{n}")
            for k, n in sorted((a - b).items(), key=str):
                print(f"{name} spurious {k} x{n}")
        return 0
    by_group, by_genre = defaultdict(list), defaultdict(list)
    for i in ids:
        by_group[group(i)].append(i)
        by_genre[(group(i), meta(i).get("genre") or "-")].append(i)
    print("| group | documents | quantity F1 | completion F1 | combined F1 |")
    print("|---|---:|---:|---:|---:|")
    for g in ("prose", "tables", "held-out"):
        if by_group[g]:
            fq, fc, f = combined(score, [runs[i] for i in by_group[g]])
            print(f"| {g} | {len(by_group[g])} | {fq:.4f} | {fc:.4f} | {f:.4f} |")
    all_prose = [i for i in ids if i not in PROSE_WITH_TABLE and meta(i).get("kind") == "prose"]
    if all_prose:
        fq, fc, f = combined(score, [runs[i] for i in all_prose])
        print(f"| prose incl. held-out (the test's floor) | {len(all_prose)} | {fq:.4f} | {fc:.4f} | {f:.4f} |")
    print("\n| group | genre | documents | combined F1 |")
    print("|---|---|---:|---:|")
    for (g, genre), docs in sorted(by_genre.items()):
        print(f"| {g} | {genre} | {len(docs)} | {combined(score, [runs[i] for i in docs])[2]:.4f} |")
    print("\n| id | group | genre | script | gold | predicted | quantity F1 | completion F1 | combined F1 |")
    print("|---|---|---|---|---:|---:|---:|---:|---:|")
    for i in ids:
        fq, fc, f = combined(score, [runs[i]])
        m = meta(i)
        print(f"| {i} | {group(i)} | {m.get('genre') or '-'} | {m.get('script') or '-'} | {len(runs[i][1])} "
              f"| {len(runs[i][0])} | {fq:.4f} | {fc:.4f} | {f:.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
