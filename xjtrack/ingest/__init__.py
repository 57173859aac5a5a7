"""Archiving a new document: its text extracted and cleaned, refused when it cannot be read.

`xjtrack add-source` reads a plain-text, HTML or PDF file, keeps only the document's own text
(no site navigation, page numbers or running headers), refuses text that is garbled, and then
writes the text under sources/, a row in sources/MANIFEST.md and an entry in targets.yaml, all
three or none.
"""
