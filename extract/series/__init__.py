"""Stage 6, series: across documents.

In come Extractions of many issues or of county submissions; out come a SQLite history
(`history`), the checks of an issue against its predecessor (`across`), and county
roll-ups checked against the city's figures (`rollup`).
"""
