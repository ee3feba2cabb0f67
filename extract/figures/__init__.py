"""Stage 4, figures: cleaned text and its structure -> Records.

In come the TextMap and Structure of one window; out come Records, one per measured
figure: value and unit as written and canonical, the completion percentage that belongs
to it, its target, what it counts and where it sits. Prose goes through quantity and
completion rules (`match`, `records`), tables through `tables`; units are canonicalised
by `units`.
"""
