"""A review page an editor can work from: one self-contained HTML file.

Everything that comes from a document is escaped; the page loads nothing from
the network. Figures are highlighted in the cleaned text (completion figures,
targets and other quantities in distinct styles), flags are marked in the text
and listed beside it, and a progress table and chart compare each item with the
time schedule (序时进度).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Optional

from ..messages import SEVERITY_LABEL
from ..models import Extraction, FileError, Flag, Record
from .write import to_dict


@dataclass
class Reviewed:
    """One document of the report: its extraction and its flags."""

    extraction: Extraction
    flags: list[Flag]


def schedule_of(x: Extraction, as_of: Optional[date]) -> Optional[Decimal]:
    from ..checks.percent import schedule_pct

    when = as_of or x.document.as_of
    return schedule_pct(when) if when else None


def progress_rows(x: Extraction, as_of: Optional[date], margin: Decimal = Decimal(10)) -> list[dict]:
    """Per item: figure, target, completion %, schedule %, status."""
    sched = schedule_of(x, as_of)
    rows = []
    for r in x.records:
        if r.percent is None:
            continue
        if r.percent > 100:
            status = "超额"
        elif sched is not None and r.percent < sched - margin:
            status = "落后"
        else:
            status = "正常"
        rows.append(dict(level=r.level, item=r.item, metric=r.metric or r.project,
                         value=f"{r.value}{r.unit}" if r.value is not None else "",
                         target=f"{r.target}{r.unit}" if r.target is not None else "",
                         percent=float(r.percent), schedule=float(round(sched, 2)) if sched is not None else None,
                         status=status, page=r.page, start=r.start))
    return rows


_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#222;background:#f6f6f4}
header{background:#24476b;color:#fff;padding:12px 20px}h1{font-size:20px;margin:0}
.summary{display:flex;gap:14px;flex-wrap:wrap;padding:12px 20px}.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 14px}
.card b{font-size:20px;display:block}.doc{background:#fff;margin:14px 20px;border:1px solid #ddd;border-radius:6px;padding:12px}
.cols{display:flex;gap:16px;align-items:flex-start}.text{flex:3;white-space:pre-wrap;line-height:1.9;font-size:15px;max-height:640px;overflow:auto;border:1px solid #eee;padding:10px}
.side{flex:2;max-height:640px;overflow:auto}.fig{border-radius:3px;cursor:pointer;padding:0 1px}
.fig-progress{background:#cfe8ff;border-bottom:2px solid #2a7ad2}.fig-target{background:#e7dcff;border-bottom:2px dashed #7048c6}
.fig-other{background:#eef1e6}.flag-error{outline:2px solid #d33}.flag-warning{outline:2px solid #e09b00}.flag-info{outline:1px dotted #4a8}
.active{box-shadow:0 0 0 3px #ff0;animation:blink 1s 2}@keyframes blink{50%{background:#ff8}}
ul.flags{list-style:none;padding:0;margin:0}ul.flags li{border-left:4px solid #999;padding:4px 8px;margin:6px 0;background:#fafafa}
li.sev-error{border-color:#d33}li.sev-warning{border-color:#e09b00}li.sev-info{border-color:#4a8}
li a{color:#124;text-decoration:none;cursor:pointer}.ef{color:#555;font-size:13px}
table{border-collapse:collapse;width:100%;font-size:13px;margin-top:10px}th,td{border:1px solid #ddd;padding:4px 6px}
th{background:#eef;cursor:pointer}td.落后{color:#c60;font-weight:bold}td.超额{color:#2a7}
#detail{position:fixed;right:16px;bottom:16px;background:#fff;border:1px solid #888;border-radius:6px;padding:10px;
max-width:360px;font-size:13px;display:none;box-shadow:0 2px 8px #0003}#detail table{margin:0}
.failed td{color:#a00}
"""

_JS = """
document.addEventListener('click',function(e){
  var a=e.target.closest('a[data-goto]');
  if(a){e.preventDefault();var el=document.getElementById(a.dataset.goto);
    if(el){document.querySelectorAll('.active').forEach(function(x){x.classList.remove('active')});
      el.classList.add('active');el.scrollIntoView({block:'center'});}return;}
  var f=e.target.closest('.fig');var d=document.getElementById('detail');
  if(f){var r=JSON.parse(f.dataset.rec);var rows='';
    for(var k in r){var tr=document.createElement('tr');var th=document.createElement('th');th.textContent=k;
      var td=document.createElement('td');td.textContent=r[k]===null?'':r[k];tr.appendChild(th);tr.appendChild(td);rows+=tr.outerHTML;}
    d.innerHTML='<table>'+rows+'</table>';d.style.display='block';return;}
  if(d&&!e.target.closest('#detail')){d.style.display='none';}
  var th=e.target.closest('th[data-col]');
  if(th){var t=th.closest('table');var i=+th.dataset.col;var asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';
    var rows=Array.prototype.slice.call(t.tBodies[0].rows);
    rows.sort(function(x,y){var a=x.cells[i].dataset.v||x.cells[i].textContent,b=y.cells[i].dataset.v||y.cells[i].textContent;
      var na=parseFloat(a),nb=parseFloat(b);var c=(!isNaN(na)&&!isNaN(nb))?na-nb:a.localeCompare(b,'zh');return asc?c:-c;});
    rows.forEach(function(r){t.tBodies[0].appendChild(r)});}
});
"""

_FIELDS = ("item", "project", "metric", "value", "unit", "value_std", "unit_std", "percent", "target", "role",
           "qualifier", "page", "rule", "confidence")


def _rec_json(r: Record) -> str:
    d = to_dict(r)
    return json.dumps({k: d[k] for k in _FIELDS}, ensure_ascii=False)


def _marked_text(doc_no: int, x: Extraction, flags: list[Flag]) -> str:
    """The cleaned text with figures and flags as spans; overlapping spans are split into segments."""
    text = x.text
    bounds = {0, len(text)}
    spans = []
    for i, r in enumerate(x.records):
        s, e = r.start, max(r.end, r.percent_end or r.end) if r.value is None else r.end
        spans.append(("r", i, s, e))
        if r.percent_start is not None and r.value is not None:
            spans.append(("p", i, r.percent_start, r.percent_end))
    for j, f in enumerate(flags):
        if f.start is not None and f.end is not None and f.end > f.start:
            spans.append(("f", j, f.start, f.end))
        elif f.start is not None:
            spans.append(("f", j, f.start, min(len(text), f.start + 1)))
    for _k, _i, s, e in spans:
        bounds.update((max(0, s), min(len(text), e)))
    cuts = sorted(bounds)
    out = []
    first_flag_seg: set[int] = set()
    for a, b in zip(cuts, cuts[1:]):
        seg = escape(text[a:b])
        cover = [(k, i) for k, i, s, e in spans if s <= a and b <= e]
        if not cover:
            out.append(seg)
            continue
        classes, attrs = [], []
        rec = next((i for k, i in cover if k in ("r", "p")), None)
        if rec is not None:
            r = x.records[rec]
            classes += ["fig", f"fig-{r.role}"]
            attrs.append(f'data-rec="{escape(_rec_json(r), quote=True)}"')
            tip = f"{r.item} {r.metric}: {r.value or ''}{r.unit or ''}" + (f" 完成 {r.percent}%" if r.percent is not None else "") + f" (第{r.page}页)"
            attrs.append(f'title="{escape(tip, quote=True)}"')
        for k, i in cover:
            if k == "f":
                classes.append(f"flag-{flags[i].severity}")
                if i not in first_flag_seg:
                    first_flag_seg.add(i)
                    attrs.append(f'id="f{doc_no}-{i}"')
        out.append(f'<span class="{" ".join(dict.fromkeys(classes))}" {" ".join(attrs)}>{seg}</span>')
    return "".join(out)


def _chart(rows: list[dict], sched: Optional[float]) -> str:
    """Inline SVG: completion % by item against the time-schedule line; lagging bars in orange."""
    rows = [r for r in rows if r["percent"] is not None][:60]
    if not rows:
        return ""
    bar, gap, left, top = 14, 6, 230, 20
    width, scale = 640, 3.2  # 100% = 320 px
    height = top + len(rows) * (bar + gap) + 20
    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="完成百分比与序时进度">']
    for i, r in enumerate(rows):
        y = top + i * (bar + gap)
        w = min(r["percent"], 125) * scale
        color = {"落后": "#e08a00", "超额": "#2a9d6a"}.get(r["status"], "#2a7ad2")
        label = escape(f'{r["item"]} {r["metric"]}'[:18])
        parts.append(f'<text x="{left - 6}" y="{y + bar - 3}" font-size="11" text-anchor="end">{label}</text>'
                     f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{color}"><title>'
                     f'{escape(r["metric"])}: {r["percent"]}%</title></rect>'
                     f'<text x="{left + w + 4:.1f}" y="{y + bar - 3}" font-size="11">{r["percent"]}%</text>')
    if sched is not None:
        x = left + sched * scale
        parts.append(f'<line x1="{x:.1f}" y1="{top - 8}" x2="{x:.1f}" y2="{height - 12}" stroke="#c00" '
                     f'stroke-dasharray="4 3"/><text x="{x + 3:.1f}" y="{top - 10}" font-size="11" fill="#c00">'
                     f'序时进度 {sched:.2f}%</text>')
    parts.append("</svg>")
    return "".join(parts)


def _progress_table(doc_no: int, rows: list[dict]) -> str:
    if not rows:
        return ""
    head = ["层级", "序号", "指标", "完成数", "目标", "完成%", "序时进度%", "状态"]
    th = "".join(f'<th data-col="{i}">{h}</th>' for i, h in enumerate(head))
    body = []
    for r in rows:
        cells = [r["level"], r["item"], r["metric"], r["value"], r["target"], r["percent"],
                 "" if r["schedule"] is None else r["schedule"], r["status"]]
        tds = "".join(f'<td class="{escape(str(c))}">{escape(str(c))}</td>' if i == 7 else f"<td>{escape(str(c))}</td>"
                      for i, c in enumerate(cells))
        body.append(f"<tr>{tds}</tr>")
    return f'<table class="progress" id="progress-{doc_no}"><thead><tr>{th}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _history_chart(series: list[dict]) -> str:
    """A small line chart of one figure's completion % across issues."""
    pts = [(r["issue_no"] or i + 1, float(r["percent"])) for i, r in enumerate(series) if r["percent"] is not None]
    if len(pts) < 2:
        return ""
    w, h, pad = 220, 60, 6
    xs = [p[0] for p in pts]
    lo, hi = min(xs), max(xs)
    top = max(100.0, max(p[1] for p in pts))
    coords = " ".join(f"{pad + (x - lo) / ((hi - lo) or 1) * (w - 2 * pad):.1f},{h - pad - y / top * (h - 2 * pad):.1f}"
                      for x, y in pts)
    title = escape(" → ".join(f"第{x}期 {y:g}%" for x, y in pts))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" class="hist"><title>{title}</title>'
            f'<polyline fill="none" stroke="#2a7ad2" stroke-width="2" points="{coords}"/></svg>')


def _history_section(x: Extraction, history) -> str:
    from ..series.history import trajectory

    doc = x.document
    rows = []
    seen = set()
    for r in x.records:
        if r.percent is None or r.value is None or (r.item, r.metric) in seen:
            continue
        seen.add((r.item, r.metric))
        series = [t for t in trajectory(history, item=r.item, series=doc.series or doc.title)
                  if t["metric"] == r.metric and t["level"] == r.level]
        if len(series) < 2:
            continue
        values = " → ".join(f"{t['value']}{t['unit']}" for t in series)
        rows.append(f"<tr><td>{escape(r.item)}</td><td>{escape(r.metric)}</td><td>{escape(values)}</td>"
                    f"<td>{_history_chart(series)}</td></tr>")
    if not rows:
        return ""
    return ('<h3>历次变化</h3><table class="history"><thead><tr><th>序号</th><th>指标</th><th>各期数值</th>'
            f'<th>完成百分比</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def render_html(docs: list[Reviewed], failed: list[FileError], as_of: Optional[date] = None,
                title: str = "数据核对报告", history=None) -> str:
    counts = {s: sum(1 for d in docs for f in d.flags if f.severity == s) for s in ("error", "warning", "info")}
    n_fig = sum(len(d.extraction.records) for d in docs)
    cards = [("文件", len(docs) + len(failed)), ("数据", n_fig), ("错误", counts["error"]), ("警告", counts["warning"]),
             ("提示", counts["info"]), ("读取失败", len(failed))]
    html = [f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
            f'script-src \'unsafe-inline\'; img-src data:">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
            f"<header><h1>{escape(title)}</h1></header>",
            '<section class="summary">' + "".join(f'<div class="card"><b>{v}</b>{k}</div>' for k, v in cards) + "</section>"]
    if failed:
        html.append('<section class="doc"><h2>读取失败的文件</h2><table class="failed"><tr><th>文件</th><th>原因</th></tr>'
                    + "".join(f"<tr><td>{escape(f.source)}</td><td>{escape(f.message)} [{escape(f.code)}]</td></tr>"
                              for f in failed) + "</table></section>")
    for n, d in enumerate(docs):
        x, doc = d.extraction, d.extraction.document
        rows = progress_rows(x, as_of)
        sched = schedule_of(x, as_of)
        pdf_link = ""
        if Path(doc.source).suffix.lower() == ".pdf":
            uri = Path(doc.source).resolve().as_uri()
            pdf_link = f' · <a href="{escape(uri, quote=True)}" target="_blank">打开原 PDF</a>'
        flags = []
        for j, f in enumerate(d.flags):
            page = ""
            if f.page and pdf_link:
                uri = Path(doc.source).resolve().as_uri() + f"#page={f.page}"
                page = f' <a href="{escape(uri, quote=True)}" target="_blank">第{f.page}页</a>'
            elif f.page:
                page = f" 第{f.page}页"
            flags.append(f'<li class="sev-{f.severity}"><a data-goto="f{n}-{j}" href="#">[{SEVERITY_LABEL[f.severity]}] '
                         f'{escape(f.code)} {escape(f.item)}</a>{page}<br>{escape(f.message)}<br>'
                         f'<span class="ef">应为: {escape(f.expected)} · 实为: {escape(f.found)}</span></li>')
        html.append(
            f'<section class="doc" id="doc-{n}"><h2>{escape(doc.title or Path(doc.source).name)}</h2>'
            f'<div class="meta">{escape(doc.source)} · 第{doc.issue_no or "-"}期 · 截至 {doc.as_of or "-"} · '
            f'{doc.pages} 页 · {len(x.records)} 条数据 · {escape(doc.extractor)}{pdf_link}</div>'
            f'<div class="cols"><div class="text">{_marked_text(n, x, d.flags)}</div>'
            f'<div class="side"><h3>问题 ({len(d.flags)})</h3><ul class="flags">{"".join(flags) or "<li>未发现问题</li>"}</ul></div></div>'
            f'<h3>各项进度</h3>{_chart(rows, float(sched) if sched is not None else None)}{_progress_table(n, rows)}'
            f'{_history_section(x, history) if history is not None else ""}</section>')
    html.append(f'<div id="detail"></div><script>{_JS}</script></body></html>')
    return "".join(html)
