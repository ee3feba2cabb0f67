#!/usr/bin/env python3
"""Write progress tables flattened to text, made from invented data, with their gold records.

Why: tables arrive as text flattened from web pages, Word and PDFs, in many shapes
(samples/tables/SHAPES.md). A table reader is tested on them against labels computed from
the data that made each table, never from reading the text back. Standard library only; it
never imports or reads the table reader.

Usage:
  python samples/tables/make_flat_tables.py --seed N --out DIR [--count K] [--plant-errors]
  python samples/tables/make_flat_tables.py --coverage 1-20 [--count K]

Each file NAME.txt (one table with its title, caption, notes and signature) gets
NAME.gold.jsonl (one record per figure, in text order) and, with --plant-errors,
NAME.errors.jsonl (each planted wrong ratio or total; the gold keeps what is printed).
"""
from __future__ import annotations

import argparse
import datetime
import json
import random
import sys
import unicodedata
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SHAPES = ["cell_lines", "cell_lines_blank", "cell_lines_pipe", "pipes", "tabs", "spaces", "mixed"]
KINDS = ["county", "multi", "long", "items", "months"]
MIXES = ["per_line", "per_boundary", "lines_then_rows"]

# name, unit, (low, high, step) of an annual target, decimals a done figure may have
INDICATORS = [
    {"name": "城镇新增就业", "unit": "人", "range": (800, 9000, 50), "dec": (0,)},
    {"name": "农村危房改造", "unit": "户", "range": (40, 600, 1), "dec": (0,)},
    {"name": "新建公办幼儿园", "unit": "所", "range": (3, 12, 1), "dec": (0,)},
    {"name": "高标准农田建设", "unit": "亩", "range": (2000, 30000, 100), "dec": (0,)},
    {"name": "新增养老床位", "unit": "张", "range": (100, 900, 10), "dec": (0,)},
    {"name": "老旧小区改造", "unit": "个", "range": (5, 60, 1), "dec": (0,)},
    {"name": "农村公路提质改造", "unit": "公里", "range": (20, 300, 1), "dec": (0, 1)},
    {"name": "新增公办学位", "unit": "个", "range": (500, 5000, 50), "dec": (0,)},
    {"name": "发放创业担保贷款", "unit": "万元", "range": (1000, 20000, 100), "dec": (0, 1, 2)},
]
INVEST = {"name": "完成投资", "unit": "万元", "range": (5000, 90000, 100), "dec": (0, 1, 2), "invest": True}
# rows whose target is written as text: 不低于60元
TEXT_TARGETS = [
    {"name": "城乡居民基础养老金月最低标准", "unit": "元", "range": (60, 150, 5), "dec": (0,), "qual": "不低于"},
    {"name": "新开发城镇公益性岗位", "unit": "个", "range": (20, 200, 10), "dec": (0,), "qual": "不少于"},
]
OWNERS = {"城镇新增就业": "县人社局", "农村危房改造": "县住建局", "新建公办幼儿园": "县教育局", "高标准农田建设": "县农业农村局",
          "新增养老床位": "县民政局", "老旧小区改造": "县住建局", "农村公路提质改造": "县交通运输局", "新增公办学位": "县教育局",
          "发放创业担保贷款": "县人社局", "城乡居民基础养老金月最低标准": "县人社局", "新开发城镇公益性岗位": "县人社局"}

LABEL_CITY = ["区县", "县市区", "地区", "单位名称"]
LABEL_TOWN = ["乡镇(街道)", "单位名称", "地区"]
LABEL_ITEM = ["指标", "项目", "民生实事项目", "项目名称"]
TARGET = ["目标任务", "年度目标", "全年任务", "计划数"]
DONE = ["累计完成", "完成数", "实际完成"]
RATIO = ["完成比例", "完成率", "占比", "进度"]
INV_T = ["年计划投资", "计划投资", "全年计划投资"]
INV_D = ["累计完成投资", "实际完成投资", "完成投资"]
INV_R = ["年计划投资完成率", "计划投资完成率", "投资完成率"]
GROUP = ["完成情况", "进展情况"]
MONTH_GROUP = ["月度完成情况", "分月完成情况"]
TOTAL_CITY = ["合计", "总计", "全市"]
TOTAL_TOWN = ["合计", "总计", "全县"]

FIRST = "东西南北青白金云柳梅桂松红黄翠丰永长新平"
SECOND = "岭河塘山溪湾坪桥峰川源林泉港屿田陂岗"
# a few pairs that are real places somewhere; invented names avoid them
REAL = {"北川", "东河", "西峰", "南川", "北塘", "东港", "西岗", "南溪", "北林", "东源", "西林", "青川", "云溪", "清河", "松山", "金川", "白山", "东山", "南山", "青山", "西湖", "长岭", "平山", "新田", "永川", "桂林",
        "红河", "黄山", "丰源", "长坪", "新河", "平川", "东川", "黄岗", "金山", "梅河", "柳河", "长山", "白河", "金田"}
PLACE_ENDS = ("县", "区", "市", "镇", "乡", "旗", "街道")
TEXT_CELLS = ["达到目标", "已完成", "-", "/", "待定"]

ONE = Decimal(1)


# ---------------------------------------------------------------- numbers

def q(x: Decimal, dec: int) -> Decimal:
    return x.quantize(ONE.scaleb(-dec), rounding=ROUND_HALF_UP)


def fmt(x: Decimal, dec: int) -> str:
    return format(q(x, dec), "f")


def as_json_number(s: str):
    """The printed digits as a JSON number: '5200' -> 5200, '77.50' -> 77.5."""
    return float(s) if "." in s else int(s)


def dec_number(x: Decimal):
    x = x.normalize()
    return int(x) if x == x.to_integral_value() else float(format(x, "f"))


def dwidth(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


# ---------------------------------------------------------------- model

class Col:
    """A column: its role, its header texts from the top tier down, and what it measures."""

    def __init__(self, role: str, path: list[str], key: str | None = None, month: int | None = None,
                 extra: str = ""):
        self.role, self.path, self.key, self.month, self.extra = role, path, key, month, extra


class Entry:
    """One indicator of one row: its target, done, months, 当月 and printed ratio."""

    def __init__(self, ind: dict, t_unit: str, d_unit: str, conv: Decimal = ONE):
        self.ind, self.t_unit, self.d_unit, self.conv = ind, t_unit, d_unit, conv
        self.t: Decimal | None = None
        self.t_text = "待定"
        self.t_qual = ""
        self.t_dec = 0
        self.d: Decimal | None = None
        self.d_text = "-"
        self.d_dec = 0
        self.months: list[Decimal] = []
        self.cur: Decimal | None = None
        self.r_text: str | None = None
        self.r_override: str | None = None


class Row:
    def __init__(self, label: str, seq: str = "", is_total: bool = False):
        self.label, self.seq, self.is_total = label, seq, is_total
        self.carried = False           # label (and 序号) merged down from the row above
        self.entries: dict[str, Entry] = {}
        self.ind: dict | None = None   # the row's indicator (long form, item tables)
        self.owner = ""
        self.remark = ""

    @property
    def place(self) -> str:
        if self.is_total or not self.label.endswith(PLACE_ENDS):
            return ""
        return self.label


class Cell:
    def __init__(self, text: str, fig: dict | None = None, merged: bool = False):
        self.text, self.fig, self.merged = text, fig, merged


# ---------------------------------------------------------------- invented data

class World:
    """Names for one table: places that do not repeat, an issuer, dates."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        self.year = rng.choice([2025, 2025, 2025, 2024])
        self.month = rng.choice([3, 4, 5, 6, 6, 7, 8, 9, 9, 10, 11, 12])
        last = (datetime.date(self.year + (self.month == 12), self.month % 12 + 1, 1) - datetime.timedelta(days=1)).day
        self.day = rng.choice([last, last, 25, 28])
        self.sign_date = datetime.date(self.year, self.month, self.day) + datetime.timedelta(days=rng.randint(3, 12))

    def stem(self) -> str:
        while True:
            s = self.rng.choice(FIRST) + self.rng.choice(SECOND)
            if s not in self.used and s not in REAL:
                self.used.add(s)
                return s

    def county(self) -> str:
        return self.stem() + self.rng.choices(["县", "区", "市", "旗"], [60, 25, 10, 5])[0]

    def town(self) -> str:
        return self.stem() + self.rng.choices(["镇", "乡", "街道"], [50, 30, 20])[0]

    def period(self) -> str:
        return f"{self.year}年1-{self.month}月"

    def as_of(self, with_year: bool = True) -> str:
        return (f"{self.year}年" if with_year else "") + f"{self.month}月{self.day}日"


class Table:
    """Everything one file needs: columns, rows, surroundings, options and the features used."""

    def __init__(self, rng: random.Random, kind: str, shape: str, plant: bool):
        self.rng, self.kind, self.shape, self.plant = rng, kind, shape, plant
        self.w = World(rng)
        self.features: set[str] = {f"kind:{kind}", f"shape:{shape}"}
        self.cols: list[Col] = []
        self.rows: list[Row] = []
        self.errors: list[dict] = []
        self.paren = rng.choice(["()", "()"])
        self.pct_dec = rng.choice([0, 0, 1, 1, 2])
        self.pct_sign = rng.random() < 0.5
        self.cell_units = False      # units written in the figure cells: 5200人
        self.ind_bracket = False     # indicator names with their unit: 城镇新增就业(人)
        self.caption_unit: str | None = None
        self.title_ind: str | None = None  # the indicator the title must name
        self.level = "city"
        self.issuer = ""
        self.hdr = {}                # header words used, for the notes
        self.mix = ""                # the kind of mixture, for shape 'mixed'

    # -- small helpers
    def br(self, s: str) -> str:
        return f"{self.paren[0]}{s}{self.paren[1]}"

    def ratio_header(self, word: str) -> str:
        if not self.pct_sign or self.rng.random() < 0.4:
            if self.rng.random() < 0.75:
                self.features.add("bracket:header")
                return word + self.br("%")
        return word

    def feat_syn(self, group: str, word: str) -> str:
        self.features.add(f"syn:{group}:{word}")
        return word


# ---------------------------------------------------------------- figures of a row

def draw_entry(t: Table, ind: dict, *, conv_units: bool = False, text_target: bool = False) -> Entry:
    rng = t.rng
    lo, hi, step = ind["range"]
    if conv_units:   # target in 亿元, done in 万元
        e = Entry(ind, "亿元", "万元", Decimal(10000))
        e.t = Decimal(rng.randrange(lo, hi, 100)) / 10000
        e.t = q(e.t, 2)
        e.t_dec = 2
    else:
        e = Entry(ind, ind["unit"], ind["unit"])
        e.t = Decimal(rng.randrange(lo, hi + 1, step))
    e.d_dec = rng.choice(ind["dec"])
    base = e.t * e.conv
    if text_target:
        e.t_qual = ind["qual"]
        e.d = base + rng.choice([0, 5, 10, 15]) * (1 if ind["unit"] == "元" else 2)
        e.d_dec = 0
        e.r_text = rng.choice(["达到目标", "已完成", "/"])
        return e
    r = Decimal(str(round(rng.uniform(0.3, 1.12), 4)))
    if rng.random() < 0.1:
        r = ONE
    e.d = q(base * r, e.d_dec)
    if e.d_dec == 0 and base < 20:
        e.d = Decimal(rng.randint(0, int(base)))
    return e


def split_months(t: Table, e: Entry, months: int) -> None:
    rng = t.rng
    while True:
        ws = [rng.uniform(0.4, 1.6) for _ in range(months)]
        parts = [q(e.d * Decimal(str(w / sum(ws))), e.d_dec) for w in ws[:-1]]
        last = e.d - sum(parts, Decimal(0))
        if last >= 0:
            e.months = parts + [last]
            return


def sum_entries(t: Table, parts: list[Entry], ind: dict) -> Entry:
    first = parts[0]
    e = Entry(ind, first.t_unit, first.d_unit, first.conv)
    e.t_dec, e.d_dec = first.t_dec, max(p.d_dec for p in parts)
    e.t = sum((p.t for p in parts), Decimal(0))
    e.d = sum((p.d for p in parts), Decimal(0))
    if first.months:
        e.months = [sum((p.months[i] for p in parts), Decimal(0)) for i in range(len(first.months))]
    if first.cur is not None:
        e.cur = sum((p.cur for p in parts), Decimal(0))
    return e


def ratio_text(t: Table, e: Entry) -> tuple[str, str | None]:
    """The printed ratio cell and, when it is a figure, its digits."""
    if e.r_text:
        return e.r_text, None
    if e.t is None or e.d is None:
        return "-", None
    digits = e.r_override or fmt(Decimal(fmt(e.d, e.d_dec)) / (Decimal(fmt(e.t, e.t_dec)) * e.conv) * 100, t.pct_dec)
    return digits + ("%" if t.pct_sign else ""), digits


def correct_ratio(t: Table, e: Entry) -> str:
    return fmt(e.d / (e.t * e.conv) * 100, t.pct_dec)


# ---------------------------------------------------------------- kinds of table

def n_rows(t: Table, lo: int, hi: int) -> int:
    return t.rng.randint(max(lo, 4) if t.plant else lo, hi)


def place_rows(t: Table, n: int) -> list[Row]:
    names = [t.w.county() if t.level == "city" else t.w.town() for _ in range(n)]
    return [Row(name, str(i + 1)) for i, name in enumerate(names)]


def set_level(t: Table) -> None:
    t.level = t.rng.choice(["city", "city", "county"])
    t.issuer = t.w.stem() + ("市" if t.level == "city" else "县")
    t.features.add(f"level:{t.level}")


def label_col(t: Table) -> Col:
    words = LABEL_CITY if t.level == "city" else LABEL_TOWN
    w = t.feat_syn("label", t.rng.choice(words))
    return Col("label", [w.replace("(", t.paren[0]).replace(")", t.paren[1])])


def total_row(t: Table, top_ok: bool = True) -> tuple[Row, bool] | None:
    labels = TOTAL_CITY if t.level == "city" else TOTAL_TOWN
    label = t.rng.choice(labels)
    t.features.add(f"total:{label}")
    top = top_ok and label in ("全市", "全县") and t.rng.random() < 0.5
    return Row(label, "", is_total=True), top


def data_words(t: Table, invest: bool, force_cumulative: bool = False) -> tuple[str, str, str]:
    rng = t.rng
    if invest:
        tw, dw, rw = rng.choice(INV_T), rng.choice(INV_D), rng.choice(INV_R)
        if force_cumulative:
            dw = "累计完成投资"
        if "计划" in rw:
            t.features.add("ratio_names_plan")
        return t.feat_syn("target", tw), t.feat_syn("done", dw), t.feat_syn("ratio", rw)
    tw, dw, rw = rng.choice(TARGET), rng.choice(DONE), rng.choice(RATIO)
    if force_cumulative:
        dw = "累计完成"
    return t.feat_syn("target", tw), t.feat_syn("done", dw), t.feat_syn("ratio", rw)


def order_tdr(t: Table, grouped: bool) -> list[str]:
    """Order of the target, done and ratio columns; grouped keeps done and ratio side by side."""
    if grouped:
        order = t.rng.choices([["T", "D", "R"], ["T", "R", "D"], ["D", "R", "T"]], [70, 10, 20])[0]
    else:
        order = t.rng.choices([["T", "D", "R"], ["D", "T", "R"], ["T", "R", "D"]], [65, 20, 15])[0]
    t.features.add("order:" + "".join(order))
    return order


def kind_county(t: Table) -> None:
    """One indicator, one row a place: 序号 | 县市区 | 目标任务 | 完成数 | 完成比例."""
    rng = t.rng
    set_level(t)
    ind = rng.choice(INDICATORS + [INVEST] * 4)
    invest = ind.get("invest", False)
    conv = invest and rng.random() < 0.5
    cur = rng.random() < (0.5 if invest else 0.25)
    tiers = rng.choice([1, 1, 2, 2, 3])
    tw, dw, rw = data_words(t, invest, force_cumulative=cur)
    if cur:
        cw = rng.choice(["当月完成", "本月完成", f"{t.w.month}月完成"]) + ("投资" if invest else "")
        t.features.add("current")
    # where the unit is written
    u = ind["unit"]
    if conv:
        place_u = "header"
        t.features.add("units:target_yi_done_wan")
    else:
        choices = ["caption", "header", "cells"] + (["tier_ind"] * 2 if tiers >= 2 else [])
        place_u = rng.choice(choices)
    t.features.add(f"unit_at:{place_u}")
    tu = "亿元" if conv else u
    th = tw + (t.br(tu) if place_u == "header" else "")
    dh = dw + (t.br(u) if place_u == "header" else "")
    ch = cw + (t.br(u) if place_u == "header" else "") if cur else ""
    if place_u == "header":
        t.features.add("bracket:header")
    if place_u == "caption":
        t.caption_unit = u
    t.cell_units = place_u == "cells"
    ind_hdr = ind["name"] + (t.br(u) if place_u == "tier_ind" else "")
    ind_in_header = tiers == 3 or (tiers == 2 and rng.random() < 0.5)
    if place_u == "tier_ind":
        ind_in_header = True
        t.features.add("bracket:indicator")
    if tiers == 1 and rng.random() < 0.25 and not invest:
        th = ind["name"] + "目标" + (t.br(u) if place_u == "header" else "")
        ind_in_header = True
    if not ind_in_header or rng.random() < 0.4:
        t.title_ind = ind["name"]
    rh = t.ratio_header(rw)
    t.hdr = {"T": tw, "D": dw, "R": rw}

    order = order_tdr(t, grouped=tiers >= 2)
    leaf = {"T": Col("target", [th], "i"), "D": Col("done", [dh], "i"), "R": Col("ratio", [rh], "i")}
    data_cols = [leaf[k] for k in order]
    if cur:
        data_cols.insert(data_cols.index(leaf["D"]), Col("current", [ch], "i", extra=cw))
    if tiers == 2 and not ind_in_header:
        g = rng.choice(GROUP)
        for c in data_cols:
            if c.role != "target":
                c.path = [g] + c.path
    elif tiers == 2:
        for c in data_cols:
            c.path = [ind_hdr] + c.path
    elif tiers == 3:
        g = rng.choice(GROUP)
        for c in data_cols:
            c.path = [ind_hdr] + ([g] if c.role != "target" else []) + c.path
    t.cols = ([Col("seq", ["序号"])] if rng.random() < 0.65 else []) + [label_col(t)] + data_cols
    if rng.random() < 0.3:
        t.cols.append(Col("remark", ["备注"]))

    n = n_rows(t, 3, 6)
    rows = place_rows(t, n)
    for r in rows:
        e = draw_entry(t, ind, conv_units=conv)
        if cur:
            e.cur = q(e.d * Decimal(str(round(rng.uniform(0.05, 0.2), 3))), e.d_dec)
        r.entries["i"] = e
        r.remark = remark_for(t, e)
    t.rows = rows
    add_total(t, rows, ["i"], {"i": ind})


def remark_for(t: Table, e: Entry) -> str:
    if e.d is not None and e.t is not None and e.d >= e.t * e.conv and t.rng.random() < 0.6:
        return "已完成"
    return t.rng.choice(["", "", "-"])


def add_total(t: Table, rows: list[Row], keys: list[str], inds: dict[str, dict]) -> None:
    if t.rng.random() >= 0.55 and not (t.plant and t.rng.random() < 0.5):
        return
    tot, top = total_row(t)
    for k in keys:
        tot.entries[k] = sum_entries(t, [r.entries[k] for r in rows], inds[k])
    t.rows = [tot] + rows if top else rows + [tot]
    t.features.add("total:top" if top else "total:bottom")


def kind_multi(t: Table) -> None:
    """Two indicators side by side, each over its target, done and ratio."""
    rng = t.rng
    set_level(t)
    inds = rng.sample(INDICATORS, 2)
    while inds[0]["unit"] == inds[1]["unit"] and rng.random() < 0.7:
        inds = rng.sample(INDICATORS, 2)
    tiers = rng.choice([2, 3])
    tw, dw, rw = data_words(t, False)
    t.hdr = {"T": tw, "D": dw, "R": rw}
    place_u = rng.choice(["tier_ind", "tier_ind", "header", "cells"])
    t.features.add(f"unit_at:{place_u}")
    if place_u == "tier_ind":
        t.features.add("bracket:indicator")
    if place_u == "header":
        t.features.add("bracket:header")
    t.cell_units = place_u == "cells"
    order = order_tdr(t, grouped=tiers == 3)
    g = rng.choice(GROUP)
    rh = t.ratio_header(rw)
    cols = []
    for k, ind in zip("ab", inds):
        u = ind["unit"]
        top = ind["name"] + (t.br(u) if place_u == "tier_ind" else "")
        leaf = {"T": Col("target", [tw + (t.br(u) if place_u == "header" else "")], k),
                "D": Col("done", [dw + (t.br(u) if place_u == "header" else "")], k),
                "R": Col("ratio", [rh], k)}
        for key in order:
            c = leaf[key]
            c.path = [top] + ([g] if tiers == 3 and key != "T" else []) + c.path
            cols.append(c)
    t.cols = ([Col("seq", ["序号"])] if rng.random() < 0.6 else []) + [label_col(t)] + cols
    rows = place_rows(t, n_rows(t, 3, 5))
    for r in rows:
        for k, ind in zip("ab", inds):
            r.entries[k] = draw_entry(t, ind)
    t.rows = rows
    add_total(t, rows, ["a", "b"], dict(zip("ab", inds)))


def indicator_data_columns(t: Table, unit_places: list[str]) -> tuple[list[Col], str]:
    """Target, done and ratio columns of a table with an indicator per row, in a drawn order and
    header tier, and where the rows' units are written (drawn from `unit_places`)."""
    rng = t.rng
    tiers = rng.choice([1, 1, 2])
    tw, dw, rw = data_words(t, False)
    t.hdr = {"T": tw, "D": dw, "R": rw}
    place_u = rng.choice(unit_places)
    t.features.add(f"unit_at:{place_u}")
    t.ind_bracket = place_u == "ind_bracket"
    if t.ind_bracket:
        t.features.add("bracket:indicator")
    t.cell_units = place_u == "cells"
    order = order_tdr(t, grouped=tiers == 2)
    g = rng.choice(GROUP)
    leaf = {"T": Col("target", [tw], "x"), "D": Col("done", [dw], "x"), "R": Col("ratio", [t.ratio_header(rw)], "x")}
    data_cols = [leaf[k] for k in order]
    if tiers == 2:
        for c in data_cols:
            if c.role != "target":
                c.path = [g] + c.path
    return data_cols, place_u


def kind_long(t: Table) -> None:
    """Long form: a place merged over its indicator rows, a unit column or units in the names."""
    rng = t.rng
    set_level(t)
    inds = rng.sample(INDICATORS, 2)
    data_cols, place_u = indicator_data_columns(t, ["unitcol", "unitcol", "ind_bracket", "cells"])
    ind_col = Col("indicator", [t.feat_syn("item_label", rng.choice(LABEL_ITEM))])
    cols = ([Col("seq", ["序号"])] if rng.random() < 0.6 else []) + [label_col(t), ind_col]
    if place_u == "unitcol":
        t.features.add("unit_col")
        unit_col = Col("unitcol", ["单位"])
        if rng.random() < 0.7:
            cols.append(unit_col)
            cols += data_cols
        else:
            cols += data_cols + [unit_col]
    else:
        cols += data_cols
    if rng.random() < 0.35:
        cols.append(Col("remark", ["备注"]))
    t.cols = cols
    n_places = rng.randint(2, 3) if not t.plant else 3
    places = place_rows(t, n_places)
    t.features.add("merged_label")
    with_total = rng.random() < 0.4 and n_places * 2 + 2 <= 8
    rows, groups = [], []
    for p in places:
        group = []
        for j, ind in enumerate(inds):
            r = Row(p.label, p.seq if j == 0 else "")
            r.carried = j > 0
            r.ind = ind
            e = draw_entry(t, ind)
            if not with_total:
                x = rng.random()
                if x < 0.08:
                    e.d, e.r_text = None, None
                elif x < 0.2 and e.d >= e.t:
                    e.r_text = rng.choice(["达到目标", "已完成"])
            r.entries["x"] = e
            r.remark = remark_for(t, e)
            group.append(r)
        groups.append(group)
        rows += group
    if with_total:
        label = rng.choice(["全市", "合计"] if t.level == "city" else ["全县", "合计"])
        t.features.add(f"total:{label}")
        tot_rows = []
        for j, ind in enumerate(inds):
            r = Row(label, "", is_total=True)
            r.carried = j > 0
            r.ind = ind
            r.entries["x"] = sum_entries(t, [g[j].entries["x"] for g in groups], ind)
            tot_rows.append(r)
        top = rng.random() < 0.5
        rows = tot_rows + rows if top else rows + tot_rows
        t.features.add("total:top" if top else "total:bottom")
    t.rows = rows


def kind_items(t: Table) -> None:
    """One row an indicator (no places): text targets, 待定, '-', a unit column, 牵头单位."""
    rng = t.rng
    t.level = "county"
    t.issuer = t.w.stem() + "县"
    t.features.add("level:items")
    data_cols, place_u = indicator_data_columns(t, ["unitcol", "ind_bracket", "ind_bracket", "cells"])
    cols = ([Col("seq", ["序号"])] if rng.random() < 0.7 else [])
    cols.append(Col("indicator", [t.feat_syn("item_label", rng.choice(LABEL_ITEM))]))
    if place_u == "unitcol":
        t.features.add("unit_col")
        cols.append(Col("unitcol", ["单位"]))
    owner = rng.random() < 0.4
    if owner:
        cols.append(Col("owner", [rng.choice(["牵头单位", "责任单位"])]))
    cols += data_cols
    if rng.random() < 0.4:
        cols.append(Col("remark", ["备注"]))
    t.cols = cols
    n = n_rows(t, 3, 6)
    pool = rng.sample(INDICATORS, n)
    text_row = rng.randrange(n) if rng.random() < 0.6 else -1
    rows = []
    for i, ind in enumerate(pool):
        if i == text_row:
            ind = rng.choice(TEXT_TARGETS)
        r = Row(ind["name"], str(i + 1))
        r.ind = ind
        r.owner = OWNERS.get(ind["name"], "县发改局")
        e = draw_entry(t, ind, text_target=i == text_row)
        if i == text_row:
            t.features.add(f"text_target:{ind['qual']}")
        elif rng.random() < 0.15 and not any(x.entries["x"].t is None for x in rows):
            e.t = None          # 待定, once a table at most
        elif rng.random() < 0.12 and not any(x.entries["x"].d is None for x in rows):
            e.d = None          # '-', once a table at most
        elif e.d >= e.t and rng.random() < 0.4:
            e.r_text = rng.choice(["达到目标", "已完成"])
        r.entries["x"] = e
        rows.append(r)
    if t.plant:   # keep two rows whose ratio can be planted wrong
        plain = [r for r in rows if r.entries["x"].t is not None and r.entries["x"].d is not None
                 and not r.entries["x"].t_qual and not r.entries["x"].r_text]
        for r in rows:
            if len(plain) >= 2:
                break
            if r not in plain and not r.entries["x"].t_qual:
                r.entries["x"] = draw_entry(t, r.ind)
                plain.append(r)
    for r in rows:
        r.remark = remark_for(t, r.entries["x"])
    t.rows = rows


def kind_months(t: Table) -> None:
    """Month columns 1月…M月 (role other), the cumulative done and its ratio."""
    rng = t.rng
    set_level(t)
    t.w.month = rng.choices([3, 4, 5, 6, 12], [25, 25, 20, 20, 10])[0]
    last = (datetime.date(t.w.year + (t.w.month == 12), t.w.month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    t.w.day = last
    t.w.sign_date = datetime.date(t.w.year, t.w.month, last) + datetime.timedelta(days=rng.randint(3, 12))
    m = t.w.month
    ind = rng.choice([i for i in INDICATORS if i["range"][0] >= 40])
    tiers = rng.choice([1, 2])
    t.features.add("months")
    tw = t.feat_syn("target", rng.choice(TARGET + ["全年目标"]))
    dw = t.feat_syn("done", rng.choice(["累计完成", f"1-{m}月累计"]))
    rw = t.feat_syn("ratio", rng.choice(RATIO))
    t.hdr = {"T": tw, "D": dw, "R": rw}
    place_u = rng.choice(["caption", "cells"] + (["group"] if tiers == 2 else []))
    t.features.add(f"unit_at:{place_u}")
    if place_u == "caption":
        t.caption_unit = ind["unit"]
    t.cell_units = place_u == "cells"
    g = rng.choice(MONTH_GROUP) + (t.br(ind["unit"]) if place_u == "group" else "")
    if place_u == "group":
        t.features.add("bracket:header")
        tw += t.br(ind["unit"])
        dw += t.br(ind["unit"])
    t.title_ind = ind["name"]
    months = [Col("month", ([g] if tiers == 2 else []) + [f"{k}月"], "i", month=k) for k in range(1, m + 1)]
    T, D, R = Col("target", [tw], "i"), Col("done", [dw], "i"), Col("ratio", [t.ratio_header(rw)], "i")
    if rng.random() < 0.7:
        data = [T] + months + [D, R]
        t.features.add("order:T-months-D-R")
    else:
        data = months + [D, T, R]
        t.features.add("order:months-D-T-R")
    t.cols = ([Col("seq", ["序号"])] if rng.random() < 0.5 else []) + [label_col(t)] + data
    rows = place_rows(t, n_rows(t, 3, 5))
    for r in rows:
        e = draw_entry(t, ind)
        e.d_dec = 0
        e.d = q(e.d, 0)
        split_months(t, e, m)
        r.entries["i"] = e
    t.rows = rows
    add_total(t, rows, ["i"], {"i": ind})


KIND_FUNCS = {"county": kind_county, "multi": kind_multi, "long": kind_long, "items": kind_items, "months": kind_months}


# ---------------------------------------------------------------- planted errors

def plant_errors(t: Table) -> None:
    rng = t.rng
    n = len(t.rows)
    most = (n - 1) // 3          # fewer than a third of the rows
    if most < 1:
        return
    want = rng.randint(1, most)
    cands = []
    for i, r in enumerate(t.rows):
        for k, e in r.entries.items():
            if e.t is None or e.d is None or e.r_text:
                continue
            cands.append((i, k, "total" if r.is_total else "ratio"))
    rng.shuffle(cands)
    # at most one total error per table, and one error per row
    done_rows: set[int] = set()
    totals = 0
    for i, k, kind in cands:
        if len(done_rows) >= want:
            break
        if i in done_rows or (kind == "total" and totals):
            continue
        r, e = t.rows[i], t.rows[i].entries[k]
        if kind == "ratio":
            right = correct_ratio(t, e)
            x = Decimal(right)
            for _ in range(20):
                if rng.random() < 0.4 and len(right.replace(".", "")) >= 2:
                    digits = list(right.replace(".", ""))
                    j = rng.randrange(len(digits) - 1)
                    digits[j], digits[j + 1] = digits[j + 1], digits[j]
                    s = "".join(digits)
                    s = s[:len(s) - t.pct_dec] + ("." + s[len(s) - t.pct_dec:] if t.pct_dec else "")
                    wrong = fmt(Decimal(s), t.pct_dec)
                else:
                    wrong = fmt(x + rng.choice([-1, 1]) * rng.randint(3, 15), t.pct_dec)
                if Decimal(wrong) > 0 and abs(Decimal(wrong) - x) >= 2:
                    break
            else:
                continue
            e.r_override = wrong
            t.errors.append({"row": r.label, "metric": e.ind["name"], "kind": "ratio", "column": "ratio",
                             "printed": as_json_number(wrong), "correct": as_json_number(right)})
        else:
            col = rng.choice(["done", "target"])
            val, dec = (e.d, e.d_dec) if col == "done" else (e.t, e.t_dec)
            s = fmt(val, dec)
            intpart = s.split(".")[0]
            if len(intpart) < 2:
                continue
            j = rng.randrange(1, len(intpart))
            new_digit = rng.choice([d for d in "0123456789" if d != intpart[j]])
            wrong_s = intpart[:j] + new_digit + intpart[j + 1:] + s[len(intpart):]
            wrong = Decimal(wrong_s)
            if col == "done":
                e.d = wrong
            else:
                e.t = wrong
            totals += 1
            t.errors.append({"row": r.label, "metric": e.ind["name"], "kind": "total", "column": col,
                             "printed": as_json_number(wrong_s), "correct": as_json_number(s)})
        done_rows.add(i)
    t.features.add("planted_errors")


# ---------------------------------------------------------------- cells

def figure(t: Table, r: Row, e: Entry, numstr: str, unit: str, role: str, metric: str, *,
           prefix: str = "", suffix: str = "", percent=None, target=None, qualifier: str = "") -> Cell:
    gold = {"value": as_json_number(numstr), "unit": unit, "role": role, "percent": percent, "target": target,
            "place": r.place if not r.is_total else "", "metric": metric, "qualifier": qualifier}
    return Cell(prefix + numstr + suffix, {"gold": gold, "off": len(prefix), "num": numstr})


def materialize(t: Table) -> list[list[Cell]]:
    plain_lines = t.shape == "cell_lines" or t.shape == "cell_lines_blank"
    out = []
    for r in t.rows:
        cells = []
        for c in t.cols:
            if c.role == "seq":
                # a total row's label spans 序号 too; a carried row's 序号 is merged from above
                cells.append(Cell("", merged=True) if r.carried or r.is_total else Cell(r.seq))
                if r.seq:
                    t.features.add("seq")
            elif c.role == "label":
                cells.append(Cell("", merged=True) if r.carried else Cell(r.label))
                if r.place:
                    t.features.add("place:" + next(e for e in PLACE_ENDS if r.place.endswith(e)))
            elif c.role == "indicator":
                ind = r.ind
                cells.append(Cell(ind["name"] + (t.br(ind["unit"]) if t.ind_bracket else "")))
            elif c.role == "unitcol":
                cells.append(Cell(r.ind["unit"]))
            elif c.role == "owner":
                cells.append(Cell(r.owner))
            elif c.role == "remark":
                text = r.remark or ("-" if plain_lines else "")
                cells.append(Cell(text))
                if text:
                    t.features.add(f"text:{text}")
                t.features.add("remark_col")
            else:
                cells.append(figure_cell(t, r, c))
        out.append(cells)
    return out


def figure_cell(t: Table, r: Row, c: Col) -> Cell:
    e = r.entries[c.key]
    name = e.ind["name"]
    cu = t.cell_units
    if c.role == "target":
        if e.t is None:
            t.features.add("text:待定")
            return Cell(e.t_text)
        s = fmt(e.t, e.t_dec)
        if e.t_qual:
            return figure(t, r, e, s, e.t_unit, "target", name, prefix=e.t_qual, suffix=e.t_unit, qualifier=e.t_qual)
        return figure(t, r, e, s, e.t_unit, "target", name, suffix=e.t_unit if cu else "")
    if c.role == "done":
        if e.d is None:
            t.features.add("text:-")
            return Cell(e.d_text)
        _, digits = ratio_text(t, e)
        target = dec_number(e.t * e.conv) if e.t is not None else None
        return figure(t, r, e, fmt(e.d, e.d_dec), e.d_unit, "progress", name, suffix=e.d_unit if cu else "",
                      percent=as_json_number(digits) if digits else None, target=target)
    if c.role == "ratio":
        text, digits = ratio_text(t, e)
        if digits is None:
            t.features.add(f"text:{text}")
        else:
            t.features.add("ratio:%" if t.pct_sign else "ratio:no%")
            t.features.add(f"ratio:dec{t.pct_dec}")
        return Cell(text)
    if c.role == "month":
        return figure(t, r, e, fmt(e.months[c.month - 1], e.d_dec), e.d_unit, "other", f"{name} {c.month}月",
                      suffix=e.d_unit if cu else "")
    if c.role == "current":
        return figure(t, r, e, fmt(e.cur, e.d_dec), e.d_unit, "other", f"{name} {c.extra}",
                      suffix=e.d_unit if cu else "")
    raise ValueError(c.role)


# ---------------------------------------------------------------- header grid

def header_grid(cols: list[Col]) -> list[list[tuple]]:
    """grid[tier][col] = ('origin', text, span) | ('colspan', text) | ('rowspan', text)."""
    tiers = max(len(c.path) for c in cols)
    n = len(cols)
    grid = [[None] * n for _ in range(tiers)]
    for t in range(tiers):
        c = 0
        while c < n:
            p = cols[c].path
            if len(p) > t:
                key = tuple(p[:t + 1])
                span = 1
                if t < len(p) - 1:
                    while c + span < n and len(cols[c + span].path) > t + 1 and tuple(cols[c + span].path[:t + 1]) == key:
                        span += 1
                grid[t][c] = ("origin", p[t], span)
                for k in range(1, span):
                    grid[t][c + k] = ("colspan", p[t])
                c += span
            else:
                grid[t][c] = ("rowspan", p[-1])
                c += 1
    return grid


def header_lines(grid, style: str) -> list[list[Cell]]:
    lines = []
    for row in grid:
        if style == "once":
            lines.append([Cell(g[1]) for g in row if g[0] == "origin"])
        elif style == "pad":
            lines.append([Cell(g[1] if g[0] == "origin" else "") for g in row])
        else:  # repeat
            lines.append([Cell(g[1]) for g in row])
    return lines


# ---------------------------------------------------------------- writing

class Out:
    """Text being written, and where each figure's digits land in it."""

    def __init__(self):
        self.parts: list[str] = []
        self.pos = 0
        self.spans: list[tuple[dict, int]] = []

    def write(self, s: str, fig: dict | None = None) -> None:
        if fig is not None:
            self.spans.append((fig, self.pos + fig["off"]))
        self.parts.append(s)
        self.pos += len(s)

    def line(self, s: str = "") -> None:
        self.write(s + "\n")

    def text(self) -> str:
        return "".join(self.parts)


def write_joined(out: Out, cells: list[Cell], sep, lead: str = "", trail: str = "") -> None:
    out.write(lead)
    for i, cell in enumerate(cells):
        if i:
            out.write(sep() if callable(sep) else sep)
        out.write(cell.text, cell.fig)
    out.write(trail + "\n")


def render_table(t: Table, out: Out, body: list[list[Cell]]) -> None:
    rng = t.rng
    grid = header_grid(t.cols)
    shape = t.shape
    nonempty = lambda cells: [c for c in cells if c.text]
    keep = lambda cells: [c for c in cells if not c.merged]
    carried = any(r.carried for r in t.rows)

    def styled(style: str, merged: str) -> None:
        if len(grid) > 1:
            t.features.add(f"header_style:{style}")
        if carried:
            t.features.add(f"merged:{merged}")
    if shape in ("cell_lines", "cell_lines_blank", "cell_lines_pipe"):
        blank = shape == "cell_lines_blank"
        pipe = shape == "cell_lines_pipe"
        lines = header_lines(grid, "once") + [keep(r) for r in body]
        first = True
        for cells in lines:
            for cell in cells:
                if blank and not first:
                    out.line()
                first = False
                if pipe:
                    out.write(cell.text, cell.fig)
                    out.line(" |" if cell.text else "|")
                else:
                    assert cell.text, "no empty cell in one-cell-a-line shapes"
                    out.write(cell.text, cell.fig)
                    out.line()
        styled("once", "omitted")
        if pipe and any(not c.text for r in body for c in keep(r)):
            t.features.add("cell_lines_pipe:empty_cell")
        return
    if shape == "pipes":
        lead = rng.random() < 0.6
        trail = rng.random() < 0.6
        spaced = rng.random() < 0.7
        sepline = rng.random() < 0.35
        style = rng.choice(["once", "pad", "repeat"]) if len(grid) > 1 else "pad"
        mdrule = lead and trail and style != "once" and rng.random() < 0.3
        t.features.update({f"pipes:lead={lead}", f"pipes:trail={trail}", f"pipes:sepline={sepline}",
                           f"pipes:spaced={spaced}"})
        styled(style, "empty")
        if mdrule:
            t.features.add("pipes:mdrule")
        sep = " | " if spaced else "|"
        ld = ("| " if spaced else "|") if lead else ""
        tr = (" |" if spaced else "|") if trail else ""
        lines = header_lines(grid, style)
        for i, cells in enumerate(lines + body):
            if i and sepline:
                out.line("|")
            write_joined(out, cells, sep, ld, tr)
            if mdrule and i == len(lines) - 1:
                out.line("|" + "|".join(["---"] * len(t.cols)) + "|")
        return
    if shape == "tabs":
        style = rng.choice(["pad", "repeat"])
        styled(style, "empty")
        for cells in header_lines(grid, style) + body:
            write_joined(out, cells, "\t")
        return
    if shape == "spaces":
        render_aligned(t, out, grid, body)
        return
    # mixtures
    mix = t.mix
    t.features.add(f"mixed:{mix}")
    if mix == "per_line":
        kinds_seen = set()
        for i, cells in enumerate(header_lines(grid, "once") + body):
            k = rng.choice(["pipes", "tabs", "spaces"])
            if i == 0:
                k = rng.choice(["pipes", "tabs"])
            kinds_seen.add(k)
            if k == "pipes":
                write_joined(out, cells, " | ", "| ", " |")
            elif k == "tabs":
                write_joined(out, cells, "\t")
            else:
                write_joined(out, nonempty(cells), lambda: " " * rng.randint(2, 4))
        t.features.update(f"mixed_line:{k}" for k in kinds_seen)
        styled("once", "omitted" if "spaces" in kinds_seen else "empty")
    elif mix == "per_boundary":
        for cells in header_lines(grid, "once") + body:
            write_joined(out, nonempty(cells), lambda: rng.choice(["\t", "  ", "   ", "    "]))
        styled("once", "omitted")
    else:  # lines_then_rows
        pipe = rng.random() < 0.5
        for cells in header_lines(grid, "once"):
            for cell in cells:
                out.line(cell.text + (" |" if pipe else ""))
        body_sep = rng.choice(["pipes", "tabs"])
        t.features.add(f"mixed_body:{body_sep}")
        styled("once", "empty")
        for cells in body:
            if body_sep == "pipes":
                write_joined(out, cells, " | ")
            else:
                write_joined(out, cells, "\t")


def render_aligned(t: Table, out: Out, grid, body: list[list[Cell]]) -> None:
    rng = t.rng
    n = len(t.cols)
    gap = rng.randint(2, 4)
    right = rng.random() < 0.6
    t.features.add(f"spaces:numbers_{'right' if right else 'left'}")
    w = [0] * n
    for r in body:
        for c, cell in enumerate(r):
            w[c] = max(w[c], dwidth(cell.text))
    for row in grid:
        for c, g in enumerate(row):
            if g[0] == "origin" and g[2] == 1:
                w[c] = max(w[c], dwidth(g[1]))
    for row in grid:
        for c, g in enumerate(row):
            if g[0] == "origin" and g[2] > 1:
                span = g[2]
                have = sum(w[c:c + span]) + gap * (span - 1)
                if have < dwidth(g[1]):
                    w[c + span - 1] += dwidth(g[1]) - have
    x = [sum(w[:c]) + gap * c for c in range(n)]

    def emit(placed: list[tuple[int, Cell]]) -> None:
        cur = 0
        for start, cell in placed:
            if not cell.text:
                continue
            assert cur == 0 or start - cur >= 2
            out.write(" " * (start - cur))
            out.write(cell.text, cell.fig)
            cur = start + dwidth(cell.text)
        out.write("\n")

    for row in grid:
        placed = []
        for c, g in enumerate(row):
            if g[0] != "origin":
                continue
            span = g[2]
            width = sum(w[c:c + span]) + gap * (span - 1)
            tw = dwidth(g[1])
            placed.append((x[c] + (width - tw) // 2 if span > 1 else x[c], Cell(g[1])))
        emit(placed)
    for r in body:
        placed = []
        for c, cell in enumerate(r):
            numeric = cell.text[:1].isdigit()
            start = x[c] + (w[c] - dwidth(cell.text) if (numeric and right) else 0)
            placed.append((start, cell))
        emit(placed)
    if any(r.carried for r in t.rows):
        t.features.add("merged:blank")
    if len(grid) > 1:
        t.features.add("header_style:aligned")


# ---------------------------------------------------------------- surroundings

def title_line(t: Table) -> str:
    rng, w = t.rng, t.w
    ind = t.title_ind
    region = "各县市区" if t.level == "city" else "各乡镇(街道)"
    if t.kind == "items":
        options = [f"{t.issuer}{w.year}年重点民生实事项目进展情况统计表", f"{w.period()}{t.issuer}民生实事进度表"]
    elif ind:
        options = [f"{w.period()}{region}{ind}进度表", f"{w.year}年{ind}完成情况表(截至{w.as_of(False)})",
                   f"{t.issuer}{w.period()}{ind}工作进度表"]
        if t.kind == "months":
            options.append(f"{w.period()}{region}{ind}分月完成情况表")
    else:
        options = [f"{w.period()}{region}民生实事进度表", f"{t.issuer}{w.year}年重点民生实事进展情况统计表",
                   f"{w.period()}{region}重点工作推进情况表"]
    return rng.choice(options)


def caption_lines(t: Table) -> list[str]:
    rng, w = t.rng, t.w
    colon = rng.choice([":", ":"])
    office = rng.choice(["民生办", "民生实事工作领导小组办公室", "发改局" if t.kind == "county" else "统计局"])
    parts = []
    if rng.random() < 0.75:
        parts.append(f"填报单位{colon}{t.issuer}{office}")
        t.features.add("caption:填报单位")
    if rng.random() < 0.7:
        parts.append(f"{rng.choice(['截至', '截止到', '截至'])}{w.as_of()}")
        t.features.add("caption:截至")
    unit = f"单位{colon}{t.caption_unit}" if t.caption_unit else None
    if unit:
        t.features.add("caption:单位")
    joiner = lambda: rng.choice(["  ", "   ", "    ", "　", "　　"])
    if not parts:
        return [unit] if unit else []
    t.features.add("caption")
    if unit and rng.random() < 0.35:
        t.features.add("caption:unit_own_line")
        line = parts[0]
        for p in parts[1:]:
            line += joiner() + p
        return [line, " " * rng.randint(0, 30) + unit]
    if unit:
        parts.append(unit)
    line = parts[0]
    for p in parts[1:]:
        line += joiner() + p
    if rng.random() < 0.15:
        t.features.add("caption:tabs")
        line = "\t".join(parts)
    return [line]


def note_lines(t: Table) -> list[str]:
    rng, w = t.rng, t.w
    lines = []
    if rng.random() < 0.55:
        h = t.hdr
        items = []
        if h and rng.random() < 0.6:
            items.append(f"{h['R']}={h['D']}÷{h['T']}×100%")
            t.features.add("note:formula")
        items.append(rng.choice([f"数据由各{'县市区' if t.level == 'city' else '乡镇(街道)'}报送,截至{w.as_of(False)}",
                                 "“-”表示暂无数据,“/”表示不适用", f"本表数据由{t.issuer}民生办汇总,以正式统计数据为准"]))
        if len(items) > 1:
            lines.append("注:" + ";".join(f"{i + 1}.{s}" for i, s in enumerate(items)) + "。")
        else:
            lines.append("注:" + items[0] + "。")
        t.features.add("note:注")
    if rng.random() < 0.3:
        who = next((r.label for r in t.rows if r.place), t.issuer)
        lines.append("备注:" + rng.choice([f"{who}数据待核实。", "完成比例按四舍五入计算。", "各项数据均为快报数。"]))
        t.features.add("note:备注")
    return lines


def signature_lines(t: Table) -> list[str]:
    rng = t.rng
    who = rng.choice([f"{t.issuer}人民政府办公室", f"{t.issuer}民生办", f"{t.issuer}民生实事工作领导小组办公室"])
    d = t.w.sign_date
    pad = " " * rng.choice([0, 0, 16, 24])
    t.features.add("signature")
    return [pad + who, pad + f"{d.year}年{d.month}月{d.day}日"]


# ---------------------------------------------------------------- one file

def make_table(seed: int, index: int, plant: bool = False) -> tuple[str, str, list[dict], list[dict], set[str], int]:
    """The name, text, gold records, planted errors, features and body row count of file `index` of `seed`."""
    shapes = SHAPES[:]
    random.Random(f"flat-tables:{seed}:shapes").shuffle(shapes)
    kinds = KINDS[:]
    random.Random(f"flat-tables:{seed}:kinds").shuffle(kinds)
    shape = shapes[index % len(shapes)]
    kind = kinds[(index + index // len(kinds)) % len(kinds)]
    rng = random.Random(f"flat-tables:{seed}:{index}")
    t = Table(rng, kind, shape, plant)
    t.mix = MIXES[(seed + index) % len(MIXES)] if shape == "mixed" else ""
    KIND_FUNCS[kind](t)
    if plant:
        plant_errors(t)
    body = materialize(t)

    out = Out()
    blank = shape == "cell_lines_blank"
    title = t.title_ind is not None or rng.random() < 0.85
    if title:
        out.line(title_line(t))
        t.features.add("title")
        if blank or rng.random() < 0.6:
            out.line()
    caps = caption_lines(t)
    for c in caps:
        out.line(c)
    if caps and (blank or rng.random() < 0.5):
        out.line()
    render_table(t, out, body)
    notes = note_lines(t)
    if notes:
        out.line()
        for i, s in enumerate(notes):
            if i and blank:
                out.line()
            out.line(s)
    if rng.random() < 0.6:
        out.line()
        for s in signature_lines(t):
            out.line(s)
    text = out.text()

    # the gold in text order, checked against where the writer put each figure
    gold = [fig["gold"] for fig, _ in out.spans]
    positions = [pos for _, pos in out.spans]
    assert positions == sorted(positions), "figures out of text order"
    for fig, pos in out.spans:
        assert text[pos:pos + len(fig["num"])] == fig["num"], (fig, pos)
    expected = [c.fig["gold"] for r in body for c in r if c.fig is not None]
    assert gold == expected, "a figure cell was not written, or written out of order"
    name = f"s{seed}-{index + 1:02d}-{shape}-{kind}"
    t.features.add(f"tiers:{len(header_grid(t.cols))}")
    return name, text, gold, t.errors, t.features, len(t.rows)


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


# ---------------------------------------------------------------- coverage

REQUIRED = [
    ("shape", "one cell a line", ["shape:cell_lines"]),
    ("shape", "one cell a line, blank lines between cells", ["shape:cell_lines_blank"]),
    ("shape", "one cell a line, each ending in ' |'", ["shape:cell_lines_pipe"]),
    ("shape", "pipes, one row a line", ["shape:pipes"]),
    ("shape", "pipes: a line holding only '|' between rows", ["pipes:sepline=True"]),
    ("shape", "pipes: no line between rows", ["pipes:sepline=False"]),
    ("shape", "pipes: trailing pipe", ["pipes:trail=True"]),
    ("shape", "pipes: no trailing pipe", ["pipes:trail=False"]),
    ("shape", "tabs between cells", ["shape:tabs"]),
    ("shape", "columns aligned by runs of spaces", ["shape:spaces"]),
    ("shape", "mixture: separator per line", ["mixed:per_line"]),
    ("shape", "mixture: separator per boundary", ["mixed:per_boundary"]),
    ("shape", "mixture: header one cell a line, body rows", ["mixed:lines_then_rows"]),
    ("around", "title line", ["title"]),
    ("around", "caption row (填报单位 … 截至 … 单位:)", ["caption"]),
    ("around", "caption 填报单位", ["caption:填报单位"]),
    ("around", "caption 截至 date", ["caption:截至"]),
    ("around", "caption 单位:", ["caption:单位"]),
    ("around", "caption 单位: on a line of its own", ["caption:unit_own_line"]),
    ("around", "caption parts set apart by tabs", ["caption:tabs"]),
    ("around", "header in one tier", ["tiers:1"]),
    ("around", "header in two tiers", ["tiers:2"]),
    ("around", "header in three tiers", ["tiers:3"]),
    ("around", "序号 column", ["seq"]),
    ("around", "merged label carried down", ["merged_label"]),
    ("around", "merged label left out (one cell a line, unaligned spaces)", ["merged:omitted"]),
    ("around", "merged label as an empty cell (pipes, tabs)", ["merged:empty"]),
    ("around", "merged label as blank space (aligned spaces)", ["merged:blank"]),
    ("around", "tiered header: a spanning cell once", ["header_style:once"]),
    ("around", "tiered header: a spanning cell then empty cells", ["header_style:pad"]),
    ("around", "tiered header: a spanning cell repeated", ["header_style:repeat"]),
    ("around", "unit column (单位)", ["unit_col"]),
    ("around", "unit in brackets in a header", ["bracket:header"]),
    ("around", "unit in brackets in an indicator name", ["bracket:indicator"]),
    ("around", "notes 注:", ["note:注"]),
    ("around", "note with a formula ×100%", ["note:formula"]),
    ("around", "备注 line", ["note:备注"]),
    ("around", "备注 column", ["remark_col"]),
    ("around", "signature", ["signature"]),
    ("cells", "target as text 不低于", ["text_target:不低于"]),
    ("cells", "target as text 不少于", ["text_target:不少于"]),
    ("cells", "text cell 达到目标", ["text:达到目标"]),
    ("cells", "text cell -", ["text:-"]),
    ("cells", "text cell /", ["text:/"]),
    ("cells", "text cell 待定", ["text:待定"]),
    ("cells", "text cell 已完成", ["text:已完成"]),
    ("cells", "month columns", ["months"]),
    ("roles", "当月完成 beside 累计完成", ["current"]),
    ("roles", "ratio header naming a plan (计划投资完成率)", ["ratio_names_plan"]),
    ("roles", "target 亿元, done 万元", ["units:target_yi_done_wan"]),
    ("roles", "ratio printed with %", ["ratio:%"]),
    ("roles", "ratio printed without %", ["ratio:no%"]),
    ("roles", "ratio whole percent", ["ratio:dec0"]),
    ("roles", "ratio one decimal", ["ratio:dec1"]),
    ("roles", "ratio two decimals", ["ratio:dec2"]),
    ("roles", "total 合计", ["total:合计"]),
    ("roles", "total 全市", ["total:全市"]),
    ("roles", "total 总计", ["total:总计"]),
    ("roles", "total 全县 (a county's towns)", ["total:全县"]),
    ("roles", "total row at the top", ["total:top"]),
    ("roles", "total row at the bottom", ["total:bottom"]),
    ("roles", "column order target, done, ratio", ["order:TDR"]),
    ("roles", "column order done, target, ratio", ["order:DTR"]),
    ("roles", "column order target, ratio, done", ["order:TRD"]),
    ("roles", "column order done, ratio, target", ["order:DRT"]),
    ("roles", "column order months, done, target, ratio", ["order:months-D-T-R"]),
] + [("place", f"row label ending in {e}", [f"place:{e}"]) for e in PLACE_ENDS] + [
    ("synonym", f"{g} {w}", [f"syn:{g}:{w}"]) for g, ws in
     (("label", LABEL_CITY), ("target", TARGET), ("done", DONE), ("ratio", RATIO)) for w in ws]


def coverage(seeds: range, count: int) -> int:
    seen: Counter = Counter()
    for seed in seeds:
        for i in range(count):
            feats = make_table(seed, i)[4]
            seen.update(feats)
    missing = 0
    print(f"{'group':8} {'feature':48} files (seeds {seeds.start}-{seeds.stop - 1}, {count} a seed)")
    for group, label, keys in REQUIRED:
        n = sum(seen[k] for k in keys)
        missing += n == 0
        print(f"{group:8} {label:48} {n}{'   MISSING' if n == 0 else ''}")
    return missing


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--count", type=int, default=8)
    ap.add_argument("--plant-errors", action="store_true")
    ap.add_argument("--coverage", metavar="A-B", help="print which shapes and features seeds A..B use; write nothing")
    a = ap.parse_args()
    if a.coverage:
        lo, _, hi = a.coverage.partition("-")
        sys.exit(1 if coverage(range(int(lo), int(hi or lo) + 1), a.count) else 0)
    if a.seed is None or a.out is None:
        ap.error("--seed and --out are required (or --coverage A-B)")
    a.out.mkdir(parents=True, exist_ok=True)
    for i in range(a.count):
        name, text, gold, errors, *_ = make_table(a.seed, i, a.plant_errors)
        (a.out / f"{name}.txt").write_text(text, encoding="utf-8")
        write_jsonl(a.out / f"{name}.gold.jsonl", gold)
        if a.plant_errors:
            write_jsonl(a.out / f"{name}.errors.jsonl", errors)


if __name__ == "__main__":
    main()
