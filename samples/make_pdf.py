"""Typeset the seed bulletin text into a real PDF (the "synthetic-layout twin").

Why: the only seed document we have, ``yueyang-minsheng-2025-01.txt``, is the
plain-text output of an earlier PDF extraction.  Tests and benchmarks of
``extract/`` need an actual PDF with real typesetting -- justified CJK lines
that wrap mid-sentence, paragraphs that cross page breaks, a "- N -" page
footer -- so that the PDF reading / de-layout code is exercised on known text.

Before typesetting we undo only the artifacts of that earlier extraction
(spaces inside CJK text, "- " bullet prefixes, paragraphs split at old page
breaks).  Textual defects of the original document ("27.82。" without "%",
"己完成", "2025年3。周27日", "(10)" inside item (9)) are deliberately kept.

Usage:  python samples/make_pdf.py [--repeat N] [-o OUT]
Output is byte-for-byte deterministic (reportlab ``invariant=1``).
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus import paragraph as rl_paragraph

HERE = Path(__file__).resolve().parent
SRC = HERE / "yueyang-minsheng-2025-01.txt"
DEFAULT_OUT = HERE / "yueyang-minsheng-2025-01.pdf"
FONT, FONT_FILE = "WQYZenHei", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
SIZE = 16  # 三号, the official-document body size (~27 characters per line)

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # ideographs only
# ideographs plus CJK punctuation (、。《》【】〔〕 ...) and fullwidth forms
CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
SPACE_RE = re.compile(rf"(?<=[{CJK}])[ \t]+(?=[{CJK}\d])|(?<=\d)[ \t]+(?=[{CJK}])")
BULLET_RE = re.compile(r"^\s*-\s+")
ITEM_RE = re.compile(r"^(\(\d+\)|\d+\.|\([一二三四五六七八九十]+\)|【)")
DATE_RE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def clean_paragraphs(text: str) -> list[str]:
    """Undo the extraction artifacts; return one string per paragraph."""
    paras: list[str] = []
    for line in text.splitlines():
        line = SPACE_RE.sub("", BULLET_RE.sub("", line)).strip()
        if not line:
            continue
        prev = paras[-1] if paras else ""
        # Re-join a paragraph that the old extraction split at a page break.
        if len(prev) >= 30 and re.search(rf"[{HAN}、]$", prev) and not ITEM_RE.match(line):
            paras[-1] = prev + line
        else:
            paras.append(line)
    return paras


def _styles() -> dict[str, ParagraphStyle]:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    body = ParagraphStyle("body", fontName=FONT, fontSize=SIZE, leading=SIZE * 1.75,
                          alignment=TA_JUSTIFY, wordWrap="CJK", firstLineIndent=2 * SIZE)
    title = ParagraphStyle("title", body, fontSize=22, leading=36, alignment=TA_CENTER,
                           firstLineIndent=0, spaceAfter=6)
    center = ParagraphStyle("center", body, alignment=TA_CENTER, firstLineIndent=0,
                            spaceAfter=SIZE)
    return {"body": body, "title": title, "center": center}


_rl_justify = rl_paragraph._justifyDrawParaLine


def _cjk_justify(tx, offset, extraspace, words, last=0):
    """reportlab 'justifies' by widening spaces only, so CJK lines stay ragged;
    spread the slack over the character gaps (PDF Tc) instead."""
    n = len(" ".join(words)) - 1
    if tx.direction != "CJK" or last or n < 1 or abs(extraspace) < 1e-6:
        return _rl_justify(tx, offset, extraspace, words, last)
    tx.setCharSpace(extraspace / n)
    _rl_justify(tx, offset, 0, words, last)
    tx.setCharSpace(0)
    return offset


def _footer(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 12)
    canvas.drawCentredString(A4[0] / 2, 1.3 * cm, f"- {doc.page} -")
    canvas.restoreState()


def make_pdf(text: str, out_path, repeat: int = 1) -> int:
    """Typeset ``text`` (repeated ``repeat`` times) into ``out_path``; return page count."""
    st, paras = _styles(), clean_paragraphs(text)
    story = []
    for n in range(repeat):  # fresh flowables per copy: platypus mutates them
        story += [PageBreak()] if n else []
        for i, para in enumerate(paras):
            style = st["title"] if i < 2 else st["center"] if DATE_RE.match(para) else st["body"]
            story.append(Paragraph(escape(para), style))
            if i == 1:
                story.append(Spacer(1, SIZE))
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=2.5 * cm,
                            rightMargin=2.5 * cm, topMargin=2.5 * cm, bottomMargin=2.5 * cm,
                            title="岳阳市民生补短提质攻坚工作专报", invariant=1)
    rl_paragraph._justifyDrawParaLine = _cjk_justify  # only while we build
    try:
        doc.build(story, onFirstPage=_footer, onLaterPages=_footer)
    finally:
        rl_paragraph._justifyDrawParaLine = _rl_justify
    return doc.page


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1, help="concatenate the bulletin N times")
    ap.add_argument("-o", "--out", default=str(DEFAULT_OUT), help="output PDF path")
    args = ap.parse_args(argv)
    pages = make_pdf(SRC.read_text(encoding="utf-8"), args.out, args.repeat)
    print(f"{args.out}: {pages} pages")


if __name__ == "__main__":
    main()
