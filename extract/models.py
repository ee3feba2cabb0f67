"""The documented contract: records, documents, flags and file errors.

Field names and their order are what other programs rely on; CSV/XLSX column
order comes from the field order here, nowhere else.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

Role = Literal["progress", "target", "other"]


class Box(BaseModel):
    """A rectangle on a PDF page, in PDF points, origin at the top left."""

    model_config = ConfigDict(frozen=True)
    x0: float
    top: float
    x1: float
    bottom: float


class Record(BaseModel):
    """One measured figure, traceable to the characters it came from."""

    source: str = Field(description="file the figure came from")
    page: int = Field(description="1-based page of the number")
    section: str = Field("", description="section path, outermost first, joined by ' > '")
    level: str = Field("", description="top section: 省级十大重点民生实事, a department or a county")
    item: str = Field("", description="item label as printed, half-width: (1), 1., ①")
    project: str = Field("", description="title of the item")
    metric: str = Field("", description="what is counted, e.g. 补充配置电脑")
    place: str = Field("", description="county, district or department the figure is for, when a list or a table row names it: 东岭县")
    value: Optional[Decimal] = Field(None, description="number as written (11.94 for 11.94万人); null for a completion percentage without a quantity")
    unit: Optional[str] = Field(None, description="unit as written, multiplier and approximation included: 万人, 亿多元, %")
    value_std: Optional[Decimal] = Field(None, description="value in the canonical unit (119400 for 11.94万人)")
    unit_std: Optional[str] = Field(None, description="canonical simplified unit: 人, 元, 平方米, %")
    qualifier: str = Field("", description="余 多 近 约 超过 不低于 以上 以内 ..., or a range ~")
    role: Role = Field("other", description="progress: measured against a completion %; target: an annual target; other")
    percent: Optional[Decimal] = Field(None, description="completion percentage tied to this figure")
    target: Optional[Decimal] = Field(None, description="value of the stated target this figure is measured against, in this record's unit")
    start: int = Field(description="offset of the number in the document text (half-open)")
    end: int = Field(description="end of the number and its unit")
    percent_start: Optional[int] = None
    percent_end: Optional[int] = None
    snippet: str = Field("", description="the sentence the figure is in")
    rule: str = Field("", description="id of the rule that matched")
    doc_title: str = ""
    issue_no: Optional[int] = None
    as_of: Optional[date] = None
    extractor: str = Field("text", description="text, pdfplumber, pdfium or ocr")
    box: Optional[Box] = Field(None, description="PDF only: box of the number and unit on the page")
    confidence: Optional[float] = Field(None, description="OCR only: lowest confidence (0-100) of the words of the figure")


class Document(BaseModel):
    """What is known about one input file as a whole."""

    source: str
    title: str = ""
    series: str = Field("", description="title without the issue number")
    issue_no: Optional[int] = None
    issue_date: Optional[date] = None
    as_of: Optional[date] = None
    issuer: str = ""
    pages: int = 0
    encoding: Optional[str] = None
    extractor: str = "text"
    n_records: int = 0
    n_completion: int = 0


class FileError(BaseModel):
    """A file that could not be read: a value in a batch, never an exception."""

    source: str
    code: str = Field(description="English reason code: not_found, empty, corrupt, encrypted, no_text_layer, undecodable, unsupported")
    message: str = Field(description="Chinese reason for people")


class Extraction(BaseModel):
    """The result of extracting one readable file."""

    document: Document
    records: list[Record]
    text: str = Field(repr=False, description="the cleaned document text that offsets index into")
    page_offsets: list[int] = Field(default_factory=lambda: [0], repr=False,
                                    description="offset in the document text where each page starts")
    offset: int = Field(0, description="where `text` starts in the document text: 0, except for the later "
                                       "windows of api.extract_stream")
    _structure: object = PrivateAttr(default=None)  # sections, kept so checks need not segment again

    def page_at(self, offset: int) -> int:
        from bisect import bisect_right

        return max(1, bisect_right(self.page_offsets, offset))


Severity = Literal["error", "warning", "info"]


class TargetRow(BaseModel):
    """One row of a target table: the annual target of one metric of one item."""

    row: int = Field(description="1-based row number in the file, header = row 1")
    level: str = ""
    item: str = ""
    project: str = ""
    metric: str = ""
    unit: str = ""
    annual_target: Decimal
    unit_std: str = ""
    target_std: Decimal = Decimal(0)
    owner: str = ""
    note: str = ""


class Flag(BaseModel):
    """One problem found by `check`: where, what was expected, what was found."""

    code: str = Field(description="stable check code: PERCENT_MISMATCH, SUM_MISMATCH, ...")
    severity: Severity
    message: str = Field(description="Chinese explanation for the editor")
    source: str
    page: Optional[int] = None
    level: str = ""
    item: str = ""
    metric: str = ""
    start: Optional[int] = None
    end: Optional[int] = None
    snippet: str = Field("", description="the quoted sentence")
    expected: str = ""
    found: str = ""
    rule: str = Field("", description="extraction rule behind the figure")
    match: str = Field("", description="how a target row was matched: level+item, level+item+metric, metric")
    match_score: Optional[float] = None
    target_row: Optional[int] = Field(None, description="row of the target table used")
