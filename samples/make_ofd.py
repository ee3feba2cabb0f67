"""Write the county progress table sample as an OFD file (GB/T 33190 layout: XML pages in a zip).

Why: offices exchange OFD documents; this writes a small real one (a title, a paragraph
that wraps across lines, a table laid out in columns, a closing sentence) so the OFD
reader is tested on a file with known figures. Usage: python samples/make_ofd.py
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
SIZE = 4.94  # mm, 14 pt
LEFT, WIDTH = 25.0, 160.0


def _text(i: int, x: float, y: float, text: str, size: float = SIZE) -> str:
    w = size * len(text)
    return (f'<ofd:TextObject ID="{i}" Boundary="{x:.2f} {y:.2f} {w:.2f} {size * 1.2:.2f}" Font="1" Size="{size}">'
            f'<ofd:TextCode X="0" Y="{size:.2f}" DeltaX="g {max(len(text) - 1, 0)} {size}">{escape(text)}</ofd:TextCode>'
            f'</ofd:TextObject>')


def _wrap(text: str, first_indent: int = 2) -> list[tuple[float, str]]:
    per_line = int(WIDTH // SIZE)
    lines, pos, first = [], 0, True
    while pos < len(text):
        n = per_line - (first_indent if first else 0)
        lines.append(((first_indent if first else 0) * SIZE, text[pos:pos + n]))
        pos += n
        first = False
    return lines


def make_ofd(out: Path) -> None:
    objs, y, i = [], 30.0, 1
    title = "岳阳市城镇新增就业进度表(截至2025年3月25日)"
    objs.append(_text(i, LEFT + (WIDTH - len(title) * 6.35) / 2, y, title, 6.35))
    y += 14
    for para in ["全市城镇新增就业工作稳步推进,各县市区完成情况如下,其中平江县进度偏慢,需加快推进。单位:人"]:
        for dx, line in _wrap(para):
            i += 1
            objs.append(_text(i, LEFT + dx, y, line))
            y += 9
    y += 4
    cols = [LEFT + 5, LEFT + 22, LEFT + 45, LEFT + 95, LEFT + 122]
    rows = [("序号", "县市区", "城镇新增就业目标", "完成数", "完成比例(%)"), ("1", "岳阳县", "5200", "1300", "25"),
            ("2", "华容县", "4800", "1056", "22"), ("3", "湘阴县", "5000", "1450", "29"),
            ("4", "平江县", "6000", "1140", "19"), ("5", "汨罗市", "5500", "1485", "27")]
    for row in rows:
        for x, cell in zip(cols, row):
            i += 1
            objs.append(_text(i, x, y, cell, 4.23))
        y += 8
    y += 6
    for dx, line in _wrap("其他工作:全市开展职业技能培训3154人,完成全年任务的17.52%。"):
        i += 1
        objs.append(_text(i, LEFT + dx, y, line))
        y += 9
    content = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content><ofd:Layer ID="0">'
               + "".join(objs) + "</ofd:Layer></ofd:Content></ofd:Page>")
    document = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}><ofd:CommonData>'
                '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>'
                '<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>')
    ofd = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0" DocType="OFD"><ofd:DocBody>'
           '<ofd:DocInfo><ofd:DocID>bulletin-sample</ofd:DocID></ofd:DocInfo>'
           '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("OFD.xml", ofd), ("Doc_0/Document.xml", document),
                           ("Doc_0/Pages/Page_0/Content.xml", content)):
            info = zipfile.ZipInfo(name, date_time=(2025, 3, 26, 0, 0, 0))
            z.writestr(info, data)


if __name__ == "__main__":
    make_ofd(HERE / "county-employment-table.ofd")
