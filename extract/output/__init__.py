"""Stage 7, output: records and flags -> CSV, JSONL, XLSX and the HTML review.

In come Records, Documents and Flags; out go files for people and programs, with column
order fixed in one place (`write`), text escaped in HTML, and cells Excel would run as
formulas neutralised.
"""
