"""Previews of a built deck: PDF and PNG pages via LibreOffice and poppler, and a contact sheet."""

from deckgen.preview.render import (
    PreviewResult,
    convert_to_pdf,
    find_soffice,
    make_contact_sheet,
    pdf_page_count,
    pdf_to_pngs,
    preview_deck,
)

__all__ = [
    "PreviewResult",
    "convert_to_pdf",
    "find_soffice",
    "make_contact_sheet",
    "pdf_page_count",
    "pdf_to_pngs",
    "preview_deck",
]
