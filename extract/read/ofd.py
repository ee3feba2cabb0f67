"""OFD (GB/T 33190, the national fixed-layout format): pages are XML in a zip, so text
and positions are read directly, then laid out like a PDF page's lines."""
from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from typing import Optional
from xml.etree import ElementTree

from ..errors import ReadError
from .textmap import BoxTuple, RawText

MM = 72 / 25.4  # OFD measures in millimetres; boxes are given in PDF points like a PDF's
MAX_XML = 50_000_000


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml(z: zipfile.ZipFile, name: str) -> ElementTree.Element:
    try:
        info = z.getinfo(name)
    except KeyError:
        raise ReadError("corrupt", f"OFD 文件缺少 {name}") from None
    if info.file_size > MAX_XML:
        raise ReadError("too_large", f"OFD 中的 {name} 过大")
    data = z.read(info)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # entity expansion bombs
        raise ReadError("corrupt", "OFD 含有不允许的 XML 实体声明")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as e:
        raise ReadError("corrupt", f"OFD 中的 XML 无法解析 ({e})") from None


def _deltas(spec: Optional[str], n: int, size: float) -> list[float]:
    """DeltaX "g 5 3.5 2" = five gaps of 3.5 then 2; missing gaps are one font size."""
    out: list[float] = []
    if spec:
        parts = spec.split()
        i = 0
        while i < len(parts):
            if parts[i] == "g" and i + 2 < len(parts):
                out += [float(parts[i + 2])] * int(parts[i + 1])
                i += 3
            else:
                out.append(float(parts[i]))
                i += 1
    return (out + [size] * n)[: max(n - 1, 0)]


def _page_chars(root: ElementTree.Element) -> list[dict]:
    chars = []
    for obj in root.iter():
        if _local(obj.tag) != "TextObject":
            continue
        bx, by, *_ = (float(v) for v in (obj.get("Boundary") or "0 0 0 0").split())
        size = float(obj.get("Size") or 3.5)
        for code in obj:
            if _local(code.tag) != "TextCode" or not code.text:
                continue
            text = code.text
            x = bx + float(code.get("X") or 0)
            y = by + float(code.get("Y") or 0)
            steps = _deltas(code.get("DeltaX"), len(text), size)
            for k, c in enumerate(text):
                cx = x + sum(steps[:k])
                chars.append(dict(text=c, x0=cx * MM, x1=(cx + size) * MM, top=(y - size) * MM, bottom=y * MM,
                                  size=size * MM))
    return chars


def _lines(chars: list[dict]) -> list[dict]:
    """Characters into lines by baseline, left to right; a wide gap is a table cell border."""
    chars.sort(key=lambda c: (round(c["bottom"], 0), c["x0"]))
    lines: list[list[dict]] = []
    for c in chars:
        if lines and abs(lines[-1][-1]["bottom"] - c["bottom"]) <= 0.3 * c["size"]:
            lines[-1].append(c)
        else:
            lines.append([c])
    out = []
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        marked = [line[0]]
        for prev, c in zip(line, line[1:]):
            if c["x0"] - prev["x1"] >= 0.6 * c["size"]:
                marked.append(dict(text="|", x0=prev["x1"], x1=c["x0"], top=c["top"], bottom=c["bottom"],
                                   size=c["size"], inserted=True))
            marked.append(c)
        out.append(dict(x0=line[0]["x0"], x1=line[-1]["x1"], top=line[0]["top"], chars=marked))
    return out


def read_ofd(path: Path, max_pages: int = 5000) -> RawText:
    from .pdf import page_text as _page_text

    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise ReadError("corrupt", "OFD 文件损坏或不是 OFD (不是 zip 包)") from None
    with z:
        root = _xml(z, "OFD.xml")
        doc_root = next((e.text for e in root.iter() if _local(e.tag) == "DocRoot" and e.text), None)
        if not doc_root:
            raise ReadError("corrupt", "OFD.xml 中没有 DocRoot")
        doc_path = PurePosixPath(doc_root.strip().lstrip("/"))
        doc = _xml(z, str(doc_path))
        pages = [e.get("BaseLoc") for e in doc.iter() if _local(e.tag) == "Page" and e.get("BaseLoc")]
        if not pages:
            raise ReadError("corrupt", "OFD 没有页面")
        if len(pages) > max_pages:
            raise ReadError("too_many_pages", f"OFD 共 {len(pages)} 页,超过上限 {max_pages} 页")
        parts: list[str] = []
        boxes: list[Optional[BoxTuple]] = []
        for i, loc in enumerate(pages):
            if i:
                parts.append("\f")
                boxes.append(None)
            name = loc.lstrip("/") if loc.startswith("/") else str(doc_path.parent / loc)
            try:
                text, pboxes = _page_text(_lines(_page_chars(_xml(z, name))))
            except (ValueError, TypeError, IndexError):
                raise ReadError("corrupt", f"OFD 页面 {name} 的内容格式有误") from None
            parts.append(text)
            boxes.extend(pboxes)
    text = "".join(parts)
    if not text.replace("\f", "").strip():
        raise ReadError("no_text_layer", "OFD 中没有文字 (可能是扫描件)")
    return RawText(text=text, source=str(path), pages=len(pages), extractor="ofd", boxes=boxes)
