"""POST /api/v1/ingest: closed unless the operator set a token, then bearer-token only.

The body is one article as plain text (or HTML), or JSON Lines / a JSON array of article records
(``{"id", "text", "title", "published", "url", "lang"}``), picked by Content-Type (else sniffed).
Each document goes through the same pipeline and the store's idempotent add as ``realpolitik
ingest``: posting the same article twice stores it once.
"""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from ..errors import InputError, RealpolitikError
from ..ingest.encoding import decode_bytes
from ..ingest.files import parse_text, sniff
from ..pipeline import process
from ..settings import Settings
from .errors import ApiError
from .models import ERRORS, ErrorBody, IngestResult

router = APIRouter(prefix="/api/v1")
SOURCE = "<api>"
KINDS = {"text/plain": "text", "text/html": "html", "application/json": "json",
         "application/x-ndjson": "jsonl", "application/jsonl": "jsonl", "application/x-jsonlines": "jsonl"}
AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS, **{s: {"model": ErrorBody} for s in (401, 403, 413, 415)}}


def check_token(request: Request) -> None:
    """403 when ingest is closed (no token set), 401 without the right bearer token."""
    token: str | None = request.app.state.token
    if not token:
        raise ApiError(403, "the API is read-only: the operator has not set an ingest token",
                       code="read_only")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "ingest needs the header 'Authorization: Bearer <token>' with the operator's token",
                       headers={"WWW-Authenticate": "Bearer"})


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The request body, refused (413) past ``max_bytes`` without reading the rest."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise ApiError(413, f"body is over the limit of {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def body_kind(content_type: str, text: str) -> str:
    """The input kind from the Content-Type, sniffed when it says nothing specific."""
    media = content_type.split(";")[0].strip().lower()
    if media in KINDS:
        return KINDS[media]
    if media in ("", "application/octet-stream"):
        return sniff(text)
    raise ApiError(415, f"unsupported Content-Type {media!r}; use one of {', '.join(sorted(KINDS))}")


def ingest_text(request: Request, text: str, kind: str) -> dict[str, Any]:
    """Read, code and store the documents of a body; bad records are reported, the rest go on."""
    settings: Settings = request.app.state.settings
    errors: list[str] = []

    def on_error(error: RealpolitikError) -> None:
        errors.append(str(error))

    try:
        docs = list(parse_text(text, kind, SOURCE, on_error=on_error, max_bytes=settings.max_bytes))
    except InputError as error:
        raise ApiError(400, str(error), code="bad_input") from None
    results = [r for r in (process(doc, settings, on_error=on_error) for doc in docs) if r is not None]
    with request.app.state.store.write() as store:
        added = store.add_many(results)
    return {"added": added, "already_stored": len(results) - added, "documents": [d.id for d, _ in results],
            "errors": errors}


@router.post("/ingest", response_model=IngestResult, responses=AUTH_ERRORS, summary="Ingest articles")
async def ingest(request: Request) -> dict[str, Any]:
    """Store the articles in the body (needs the operator's token; read-only otherwise)."""
    check_token(request)
    data = await read_body(request, request.app.state.settings.max_bytes)
    try:
        text = decode_bytes(data, SOURCE)
    except InputError as error:
        raise ApiError(400, str(error), code="bad_input") from None
    if not text.strip():
        raise ApiError(400, "empty body: send an article as text, or JSON Lines of article records",
                       code="bad_input")
    kind = body_kind(request.headers.get("content-type", ""), text)
    return await run_in_threadpool(ingest_text, request, text, kind)
