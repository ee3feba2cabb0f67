"""Write a candidate golden file for a sample, for a person to check figure by figure.

Regenerating a golden is a reviewed step: this writes `<name>.candidate.jsonl`;
a person compares it with the document and renames it over the golden file.
Usage: python tests/golden/make_candidate.py samples/yueyang-minsheng-2025-01.txt
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from extract import extract_file  # noqa: E402
from extract.output.write import to_dict  # noqa: E402

FIELDS = ["text", "value", "unit", "value_std", "unit_std", "qualifier", "role", "percent", "target",
          "level", "item", "metric", "rule"]

for arg in sys.argv[1:]:
    x = extract_file(arg)
    out = Path(__file__).parent / (Path(arg).stem + ".candidate.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        for r in x.records:
            d = to_dict(r)
            d["text"] = x.text[r.start:r.end]
            f.write(json.dumps({k: d[k] for k in FIELDS}, ensure_ascii=False) + "\n")
    print(out, len(x.records))
