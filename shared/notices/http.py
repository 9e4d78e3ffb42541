"""A written decision's PDF as an HTTP answer (R-NOTICE-1): byte for byte as stored, as a download."""

from __future__ import annotations

import uuid

from fastapi import Response

# For the route's ``responses``: what the OpenAPI document says of the 200.
PDF_RESPONSES: dict[int | str, dict] = {
    200: {"content": {"application/pdf": {}}, "description": "the PDF as issued (its SHA-256 is in the list)"}
}


def pdf_download(pdf: bytes, name: str, notice_id: uuid.UUID) -> Response:
    """``name``: the file name's stem before the notice's ID (``decision-notice``)."""
    return Response(
        pdf, media_type="application/pdf", headers={"Content-Disposition": f'attachment; filename="{name}-{notice_id}.pdf"'}
    )
