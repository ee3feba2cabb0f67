"""Turn the seed PDF into a scan: pages rendered to images, slightly rotated, with noise,
rebuilt as an image-only PDF (no text layer), as a stamped paper copy put through a scanner.

Why: county submissions arrive as scans; this gives the OCR path a real input whose
figures are known. Usage: python samples/make_scan.py [-o OUT] [--pages N]
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent


def make_scan(src: Path, out: Path, pages: int = 2, dpi: int = 200, seed: int = 7) -> int:
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    pdf = pdfium.PdfDocument(str(src))
    images = []
    for i in range(min(pages, len(pdf))):
        img = pdf[i].render(scale=dpi / 72).to_pil().convert("L")
        img = img.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, expand=False, fillcolor=255)
        px = img.load()
        w, h = img.size
        for _ in range(w * h // 400):  # specks of dust and toner
            px[rng.randrange(w), rng.randrange(h)] = rng.choice((0, 90, 170))
        images.append(img.filter(ImageFilter.GaussianBlur(0.4)).convert("RGB"))
    images[0].save(str(out), save_all=True, append_images=images[1:], resolution=dpi)
    return len(images)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", "--out", type=Path, default=HERE / "yueyang-minsheng-2025-01-scan.pdf")
    ap.add_argument("--pages", type=int, default=2)
    args = ap.parse_args()
    print(make_scan(HERE / "yueyang-minsheng-2025-01.pdf", args.out, args.pages))


if __name__ == "__main__":
    main()
