"""Stage 2, read: a file -> RawText, its characters with an offset map back to pages and boxes.

In comes a path (text in any common Chinese encoding, PDF on PDFium or pdfplumber, scanned
pages through OCR, .docx/.xlsx, OFD, and .doc/.wps/.xls/.et through LibreOffice); out
come RawText pieces, page by page, whose every character knows its page and, for PDFs,
its box. `files.read_chunks` picks the reader; nothing here interprets the text.
"""
