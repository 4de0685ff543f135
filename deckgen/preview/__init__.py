"""Previews of a built deck: PDF and PNG pages via LibreOffice and poppler, and a contact sheet."""

from deckgen.preview.render import PreviewResult, convert_to_pdf, pdf_page_count, pdf_to_pngs, preview_deck
from deckgen.preview.sheet import make_contact_sheet
from deckgen.preview.tools import find_soffice

__all__ = [
    "PreviewResult",
    "convert_to_pdf",
    "find_soffice",
    "make_contact_sheet",
    "pdf_page_count",
    "pdf_to_pngs",
    "preview_deck",
]
