"""Pages without a usable text layer, read with Tesseract's chi_sim model.

Each character keeps the box and confidence of the word it was read in; the
spaces Tesseract puts between Chinese characters are removed by normalization
like any other extraction artifact.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Optional

from ..errors import ReadError

DPI = 300
LANG = "chi_sim"
INSTALL = ("请安装 Tesseract 及简体中文模型: Debian/Ubuntu 用 apt-get install tesseract-ocr tesseract-ocr-chi-sim; "
           "Windows 安装 Tesseract (含 chi_sim) 并加入 PATH; 然后 pip install pytesseract")


@lru_cache(maxsize=1)
def _tesseract():
    try:
        import pytesseract
    except ImportError:
        raise ReadError("ocr_unavailable", "扫描件需要 OCR, 但没有安装 pytesseract。" + INSTALL) from None
    try:
        langs = pytesseract.get_languages(config="")
    except Exception:  # TesseractNotFoundError and friends
        raise ReadError("ocr_unavailable", "扫描件需要 OCR, 但没有找到 Tesseract 程序。" + INSTALL) from None
    if LANG not in langs:
        raise ReadError("ocr_unavailable", f"扫描件需要 OCR, 但 Tesseract 没有 {LANG} 模型。" + INSTALL)
    return pytesseract


def ocr_page(page) -> tuple[str, list[Optional[tuple[float, float, float, float]]], list[Optional[float]]]:
    """A PDFium page -> (text, box of each char in PDF points, confidence of each char).

    Lines of one Tesseract paragraph are joined (they wrap mid-sentence);
    paragraphs are separated by a blank line."""
    tess = _tesseract()
    # Tesseract's own threads fight our worker processes (3x slower on 2 cores): one each.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    image = page.render(scale=DPI / 72).to_pil()
    data = tess.image_to_data(image, lang=LANG, output_type=tess.Output.DICT)
    scale = 72 / DPI
    out: list[str] = []
    boxes: list[Optional[tuple[float, float, float, float]]] = []
    conf: list[Optional[float]] = []
    last_par = last_line = None
    for i, word in enumerate(data["text"]):
        word = word.strip()
        if not word:
            continue
        par = (data["block_num"][i], data["par_num"][i])
        line = par + (data["line_num"][i],)
        if last_par is not None and par != last_par:
            out.append("\n\n")
            boxes += [None, None]
            conf += [None, None]
        elif last_line is not None and line != last_line and out and out[-1][-1:].isascii() and word[:1].isascii():
            out.append(" ")
            boxes.append(None)
            conf.append(None)
        elif out and line == last_line:
            out.append(" ")
            boxes.append(None)
            conf.append(None)
        last_par, last_line = par, line
        x, y, w, h = (data[k][i] for k in ("left", "top", "width", "height"))
        box = (x * scale, y * scale, (x + w) * scale, (y + h) * scale)
        c = float(data["conf"][i])
        out.append(word)
        boxes += [box] * len(word)
        conf += [c] * len(word)
    return "".join(out), boxes, conf
