"""PDFs → text in reading order and the metadata of the PDF's info dictionary, with pdfminer.six.

Why pdfminer.six: its layout analysis groups characters into lines and lines into text boxes and orders the
boxes as a reader would (columns read down, then across), which is what a statement or a think-tank brief in
two columns needs; pypdf gives the content stream's order, which can interleave columns. It is pure Python
and maintained.

Each text box is a paragraph: its lines are joined with a space (a word hyphenated at the end of a line is
joined whole), so the sentence splitter, which ends a sentence at a line break, sees whole sentences, as it
does in a text file with one paragraph a line. A box that is only a page number is dropped. A PDF with no
text at all is a scan (pages of pictures) and is refused, saying so: this program does no OCR.
"""

from __future__ import annotations

import io
import re
from typing import Any

from loaders.dates import parse_date
from loaders.documents import DocumentError

ORIGIN = "PDF info"
_SPACES = re.compile(r"[ \t\u00a0]+")
_HYPHENATED = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.IGNORECASE)


def _paragraph(box_text: str) -> str:
    text = _HYPHENATED.sub("", box_text.strip())
    return _SPACES.sub(" ", " ".join(line.strip() for line in text.split("\n") if line.strip()))


def _info(document: Any) -> dict[str, Any]:
    """Title, author and creation date from the info dictionary (decoded as PDF text strings)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    def text(value: Any) -> str | None:
        value = resolve1(value)
        if isinstance(value, bytes):
            value = decode_text(value)
        return value.strip() if isinstance(value, str) and value.strip() else None

    meta: dict[str, Any] = {}
    for info in getattr(document, "info", None) or []:
        if not isinstance(info, dict):
            continue
        for key, field in (("Title", "title"), ("Author", "author")):
            value = text(info.get(key))
            if value and field not in meta:
                meta[field] = value
        created = text(info.get("CreationDate"))
        if created and "date" not in meta:
            date = parse_date(created)
            if date:
                meta["date"] = date
    return meta


def read_pdf(data: bytes, *, where: str) -> tuple[str, dict[str, Any]]:
    """The PDF's text (paragraphs separated by blank lines) and its info metadata."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psexceptions import PSException

    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise DocumentError(f"{where}: not a PDF file (it does not start with %PDF-)")
    paragraphs: list[str] = []
    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser)
        meta = _info(document)
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, device)
        for page in PDFPage.create_pages(document):
            interpreter.process_page(page)
            for element in device.get_result():
                if isinstance(element, LTTextContainer):
                    paragraph = _paragraph(element.get_text())
                    if paragraph and not _PAGE_NUMBER.match(paragraph):
                        paragraphs.append(paragraph)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise DocumentError(f"{where}: the PDF is encrypted; save a copy without a password first") from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise DocumentError(f"{where}: cannot read the PDF ({type(exc).__name__}: "
                            f"{' '.join(str(exc).split())[:200]})") from None
    if not paragraphs:
        raise DocumentError(f"{where}: the PDF has no text layer (a scanned document?); run it through OCR "
                            "first, this program reads only text")
    return "\n\n".join(paragraphs) + "\n", meta
