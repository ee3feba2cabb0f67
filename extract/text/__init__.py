"""Stage 3, text: RawText -> cleaned text with its header and sections.

In comes a reader's RawText; out come a TextMap (text with extraction artifacts removed:
spaces inside words, lines broken mid-sentence, running heads, page numbers, every
character still mapped to its origin) and a Structure (title, issue, dates, issuer, and
the numbered sections each offset sits in). Defects of the document itself (a missing
% sign, 己 for 已) are kept for the checks to find.
"""
