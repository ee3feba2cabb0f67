"""Load, validate and compile the rule files in `rules/`.

Rules are data: the engine knows no city and no document. A bad rule file
fails on load with `file:rule_id: message`, before any document is read.
"""
from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Optional

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import RuleError

RULE_FILES = ("numbers", "units", "measure_words", "quantity", "completion", "exclusions", "structure", "normalize", "typos", "checks", "tables")


def builtin_rules_dir() -> Path:
    """The shipped rules: `rules/` beside the package in a checkout, `extract/rules` when installed."""
    here = Path(__file__).resolve().parent
    for cand in (here.parent / "rules", here / "rules"):
        if (cand / "units.toml").is_file():
            return cand
    try:
        from importlib.resources import files

        cand = Path(str(files("extract.rules")))
        if (cand / "units.toml").is_file():
            return cand
    except (ModuleNotFoundError, TypeError):
        pass
    raise RuleError("rules", "", "找不到内置规则目录 (built-in rules not found)")


# -- file schemas ------------------------------------------------------------

class Expect(BaseModel):
    """What an example expects of one record; a field left out is not checked, an unknown one is an error."""

    model_config = ConfigDict(extra="forbid")
    value: Optional[Decimal] = None
    unit: Optional[str] = None
    value_std: Optional[Decimal] = None
    unit_std: Optional[str] = None
    percent: Optional[Decimal] = None
    target: Optional[Decimal] = None
    qualifier: Optional[str] = None
    role: Optional[str] = None
    metric: Optional[str] = None
    place: Optional[str] = None


class Example(BaseModel):
    text: str
    expect: list[Expect]


class UnitDef(BaseModel):
    surface: str
    std: str
    factor: Decimal = Decimal(1)
    not_before: str = ""


class MeasureWord(BaseModel):
    """One word of the broad measure-word vocabulary (measure_words.toml)."""

    model_config = ConfigDict(extra="forbid")
    surface: str = Field(min_length=1)
    std: str = ""
    kind: str
    not_before: str = ""
    source: Literal["jieba-q", "cc-cedict", "added"]
    arabic_only: bool = True


class UnitGroup(BaseModel):
    id: str
    kind: str
    units: list[UnitDef]
    examples: list[Example] = Field(min_length=1)
    counter_examples: list[str] = []


class CompletionRule(BaseModel):
    id: str
    pattern: str
    attach: Literal["sentence", "clause", "before_target", "respectively", "none"]
    measures: Literal["any", "money", "named"] = "any"
    examples: list[Example] = Field(min_length=1)
    counter_examples: list[str] = []


class QuantityRule(BaseModel):
    id: str
    examples: list[Example] = Field(min_length=1)
    counter_examples: list[str] = []


class TargetRule(BaseModel):
    id: str
    pattern: str
    not_after: str = ""
    examples: list[Example] = Field(min_length=1)
    counter_examples: list[str] = []


class Exclusion(BaseModel):
    id: str
    before: Optional[str] = None
    around: Optional[str] = None
    counter_examples: list[str] = Field(min_length=1)


class Rewrite(BaseModel):
    id: str
    pattern: str
    replace: str
    examples: list[dict[str, str]] = Field(min_length=1)
    counter_examples: list[str] = []


class Typo(BaseModel):
    id: str
    wrong: str
    right: str
    examples: list[str] = Field(min_length=1)
    counter_examples: list[str] = []


class MarkerKind(BaseModel):
    kind: str
    pattern: str
    label: str


# -- compiled rule set -------------------------------------------------------

class Unit(BaseModel):
    surface: str
    std: str
    factor: Decimal
    kind: str
    group: str


class RuleSet:
    """Everything the pipeline needs, compiled once per rules directory set."""

    def __init__(self, data: dict[str, dict[str, Any]], sources: dict[str, str]):
        self.sources = sources
        num = data["numbers"]
        self.fragments: dict[str, str] = dict(num["fragments"])
        self.cn_digits: dict[str, int] = num["chinese"]["digits"]
        self.cn_powers: dict[str, int] = num["chinese"]["powers"]
        self.cn_sections: dict[str, int] = num["chinese"]["sections"]
        self.cn_article: set[str] = set(num["chinese"].get("article", []))
        self.multipliers: dict[str, Decimal] = {k: Decimal(str(v)) for k, v in num["multipliers"].items()}
        self.number_examples = num.get("examples", [])
        self.number_counter_examples = num.get("counter_examples", [])
        self.fragments["NUM"] = f"(?:{self.fragments['ARABIC']}|{self.fragments['CHINESE']})"

        self.unit_groups = [self._model(UnitGroup, g, "units") for g in data["units"].get("group", [])]
        self.units: dict[str, Unit] = {}
        for g in self.unit_groups:
            for u in g.units:
                self.units[u.surface] = Unit(surface=u.surface, std=u.std, factor=u.factor, kind=g.kind, group=g.id)
        self.unit_not_before = {u.surface: u.not_before for g in self.unit_groups for u in g.units}
        # The broad vocabulary decides what else is a unit; units.toml's entries win where both have one.
        mw = data.get("measure_words", {})
        self.measure_words = [self._model(MeasureWord, w, "measure_words") for w in mw.get("word", [])]
        self.measure_examples = [self._model(Example, e, "measure_words") for e in mw.get("examples", [])]
        self.measure_counter_examples: list[str] = list(mw.get("counter_examples", []))
        self.arabic_only_units: set[str] = set()
        for w in self.measure_words:
            if w.surface in self.units:
                continue
            self.units[w.surface] = Unit(surface=w.surface, std=w.std or w.surface, factor=Decimal(1), kind=w.kind,
                                         group="measure_words")
            self.unit_not_before[w.surface] = w.not_before
            if w.arabic_only:
                self.arabic_only_units.add(w.surface)

        q = data["quantity"]
        self.qual_before: list[str] = sorted(q["qualifiers"]["before"], key=len, reverse=True)
        self.qual_after: list[str] = sorted(q["qualifiers"]["after"], key=len, reverse=True)
        self.approx: list[str] = q["qualifiers"]["approx"]
        self.qual_not: list[str] = q["qualifiers"].get("not_before", [])
        self.range_joiners: list[str] = q["ranges"]["joiners"]
        self.range_qualifier: str = q["ranges"]["qualifier"]
        self.list_joiners: list[str] = q.get("lists", {}).get("joiners", [])
        self.quantity_rules = [self._model(QuantityRule, r, "quantity") for r in q.get("rule", [])]
        self.target_rules = [self._model(TargetRule, r, "quantity") for r in q.get("target", [])]

        comp = data["completion"]
        self.vocabulary: dict[str, list[str]] = {k: list(v) for k, v in comp.get("vocabulary", {}).items()}
        for k, words in self.vocabulary.items():
            self.fragments[k] = "(?:" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
        for k, v in comp.get("fragments", {}).items():
            self.fragments[k] = v
        self.completion_context: dict[str, str] = dict(comp.get("context", {}))
        self.rate_actions: dict[str, list[str]] = {k: list(v) for k, v in comp.get("rate_actions", {}).items()}
        # Every rate word a completion phrase may name (完成率, 拨付率 …), for what a percentage measures.
        self.rate_words: list[str] = self.vocabulary.get("RATE_DONE", []) + self.vocabulary.get("RATE_BUDGET", [])
        self.completion_rules = [self._model(CompletionRule, r, "completion") for r in comp.get("rule", [])]
        self.exclusions = [self._model(Exclusion, r, "exclusions") for r in data["exclusions"].get("exclusion", [])]
        self.structure = data["structure"]
        self.fragments["ORG"] = self.structure["markers"]["org_suffix"]
        self.normalize = data["normalize"]
        self.rewrites = [self._model(Rewrite, r, "normalize") for r in self.normalize.get("rewrite", [])]
        self.typos = [self._model(Typo, t, "typos") for t in data["typos"].get("typo", [])]
        self.checks = data["checks"]
        self.tables = data["tables"]
        self.marker_kinds = [self._model(MarkerKind, m, "structure") for m in self.structure["markers"]["kinds"]]
        self._compile()

    def _model(self, cls: type[BaseModel], raw: dict[str, Any], file: str) -> Any:
        try:
            return cls.model_validate(raw)
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise RuleError(self.sources.get(file, file), str(raw.get("id", raw.get("kind", "?"))),
                            f"{where}: {first['msg']}") from None

    def expand(self, pattern: str) -> str:
        """Replace {FRAGMENT} names, repeatedly, so fragments can use fragments."""
        for _ in range(5):
            new = regex.sub(r"\{([A-Z_]+)\}", lambda m: self.fragments.get(m.group(1), m.group(0)), pattern)
            if new == pattern:
                break
            pattern = new
        return pattern

    def compile(self, pattern: str, file: str, rule_id: str, flags: int = 0) -> "regex.Pattern":
        try:
            return regex.compile(self.expand(pattern), flags | regex.V0)
        except regex.error as e:
            raise RuleError(self.sources.get(file, file), rule_id, f"bad pattern: {e}") from None

    def _compile(self) -> None:
        self.re_number = self.compile(r"(?<![\d.A-Za-z])(?:{ARABIC}|{CHINESE})", "numbers", "fragments.NUM")
        # Unit matcher anchored right after a number: multiplier, approximation, unit.
        mult = "|".join(regex.escape(m) for m in sorted(self.multipliers, key=len, reverse=True))
        approx = "|".join(regex.escape(a) for a in self.approx)
        alts = []
        for surface in sorted(self.units, key=len, reverse=True):
            nb = self.unit_not_before.get(surface, "")
            guard = f"(?!{nb})" if nb else ""
            # A Latin unit must not run into more Latin letters (4G, HPV).
            if regex.match(r"[A-Za-z]", surface[-1]):
                guard += "(?![A-Za-z])"
            alts.append(regex.escape(surface) + guard)
        self.re_unit = regex.compile(
            rf"[ \t]*+(?P<approx0>{approx})?(?P<mult>{mult})?(?P<approx>{approx})?[ \t]*+(?P<unit>{'|'.join(alts)})(?P<approx2>{approx})?")
        self.re_qual_after = regex.compile("(?:" + "|".join(regex.escape(q) for q in self.qual_after) + ")")
        self.re_qual_before = regex.compile("(?:" + "|".join(regex.escape(q) for q in self.qual_before) + r")[ \t]*+$")
        joiners = "|".join(regex.escape(j) for j in self.range_joiners)
        self.re_range_joiner = regex.compile(rf"[ \t]*+(?:{joiners})[ \t]*+")
        lj = "|".join(regex.escape(j) for j in self.list_joiners) or "(?!)"
        self.re_list_joiner = regex.compile(rf"[ \t]*+(?:{lj})[ \t]*+")
        units = "|".join(regex.escape(u) for u in sorted(self.units, key=len, reverse=True))
        self.fragments["UNIT"] = f"(?:{mult})?(?:{approx})?(?:{units})(?:{approx})?"
        self.target_patterns = [(r, self.compile(r.pattern, "quantity", r.id),
                                 self.compile(r.not_after, "quantity", r.id) if r.not_after else None)
                                for r in self.target_rules]
        self.completion_patterns = [(r, self.compile(r.pattern, "completion", r.id)) for r in self.completion_rules]
        ctx = self.completion_context
        self.re_requirement = self.compile(ctx.get("requirement", "(?!)"), "completion", "context.requirement")
        self.re_share_bucket = self.compile(ctx.get("share_bucket", "(?!)"), "completion", "context.share_bucket")
        self.re_not_done = self.compile(ctx.get("not_done", "(?!)"), "completion", "context.not_done")
        self.re_part_of = self.compile(ctx.get("part_of", "(?!)"), "completion", "context.part_of")
        self.re_benchmark = self.compile(ctx.get("benchmark", "(?!)"), "completion", "context.benchmark")
        self.re_comparison = self.compile(ctx.get("comparison", "(?!)"), "completion", "context.comparison")
        self.re_money_words = self.compile("{MONEY_WORDS}" if "MONEY_WORDS" in self.vocabulary else "(?!)",
                                           "completion", "vocabulary.MONEY_WORDS")
        self.exclusion_patterns = []
        for ex in self.exclusions:
            before = self.compile(ex.before, "exclusions", ex.id) if ex.before else None
            around = self.compile(ex.around, "exclusions", ex.id) if ex.around else None
            self.exclusion_patterns.append((ex.id, before, around))
        st = self.structure
        self.re_sentence_end = regex.compile(st["sentences"]["end"])
        self.re_clause_end = regex.compile(st["sentences"]["clause_end"])
        self.ratio_words = st["metric"]["ratio_words"]
        self.metric_lead = sorted(st["metric"]["lead"], key=len, reverse=True)
        self.metric_trail = sorted(st["metric"]["trail"], key=len, reverse=True)
        self.metric_verbs = sorted(st["metric"].get("verbs", []), key=len, reverse=True)
        self.metric_after_stop = st["metric"].get("after_stop", [])
        # Two or more names of offices or places, then 分别: "甲县、乙区和丙市分别".
        self.re_place_list = self.compile(
            r"(?P<names>\p{Han}{1,10}?{ORG}(?:[、和及与]\p{Han}{1,10}?{ORG})++)(?=分别)", "structure", "markers.org_suffix")
        self.re_named_tail = self.compile(r"(?P<name>\p{Han}{1,12}?{ORG})\(?$", "structure", "markers.org_suffix")
        self.re_own_subject = self.compile(st["metric"].get("own_subject", "(?!)"), "structure", "metric.own_subject")
        self.re_metric_stop = self.compile(st["metric"]["stop"], "structure", "metric.stop")
        self.same_metric_joiners = set(st["metric"]["same_metric_joiners"])
        kinds = "|".join(f"(?:{k.pattern})" for k in self.marker_kinds)
        self.re_item_start = self.compile(st["markers"]["bullet"] + f"(?:{kinds})", "structure", "markers")
        self.re_subject = self.compile(r"^[\p{Han}\w/\"“”]{2,24}?" + st["metric"]["subject_suffix"].rstrip("$"),
                                       "structure", "metric.subject_suffix")
        self.re_subject_suffix = self.compile(st["metric"]["subject_suffix"], "structure", "metric.subject_suffix")
        self.typo_patterns = [(t, self.compile(t.wrong, "typos", t.id)) for t in self.typos]
        self.re_garbled_date = self.compile(self.checks["dates"]["garbled"], "checks", "dates.garbled")
        self.re_rewrites = [(rw, self.compile(rw.pattern, "normalize", rw.id)) for rw in self.rewrites]


# -- loading -----------------------------------------------------------------

def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """User rules add to the built-in ones: lists append, tables merge."""
    out = dict(base)
    for k, v in extra.items():
        if k in out and isinstance(out[k], list) and isinstance(v, list):
            out[k] = out[k] + v
        elif k in out and isinstance(out[k], dict) and isinstance(v, dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise RuleError(str(path), "", f"TOML 语法错误 (bad TOML): {e}") from None
    except OSError as e:
        raise RuleError(str(path), "", f"无法读取 (cannot read): {e.strerror}") from None


@lru_cache(maxsize=8)
def load_rules(extra_dirs: tuple[str, ...] = ()) -> RuleSet:
    """The built-in rules, plus the rule files of `extra_dirs` added on top."""
    base = builtin_rules_dir()
    data: dict[str, dict[str, Any]] = {}
    sources: dict[str, str] = {}
    for name in RULE_FILES:
        path = base / f"{name}.toml"
        data[name] = _read_toml(path)
        sources[name] = str(path)
    for d in extra_dirs:
        dpath = Path(d)
        if not dpath.is_dir():
            raise RuleError(d, "", "规则目录不存在 (rules directory not found)")
        for path in sorted(dpath.glob("*.toml")):
            if path.stem not in RULE_FILES:
                raise RuleError(str(path), "", f"未知规则文件 (unknown rule file; expected one of {', '.join(RULE_FILES)})")
            data[path.stem] = _merge(data[path.stem], _read_toml(path))
            sources[path.stem] = str(path)
    return RuleSet(data, sources)
