"""Response models for the OpenAPI schema: the page envelope and the error shape."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Page(BaseModel):
    """One page of a list: the rows, how many match in all, and the link to the next page."""

    items: list[dict[str, Any]]
    total: int = Field(description="Rows matching the filters, over all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page; null on the last one.")


class ErrorDetail(BaseModel):
    """What went wrong."""

    code: str = Field(description="Stable code word: invalid_parameter, not_found, unauthorized …")
    message: str
    detail: Any = None


class ErrorBody(BaseModel):
    """The one error shape of every error response."""

    error: ErrorDetail


class IngestResult(BaseModel):
    """What an ingest request stored."""

    added: int
    already_stored: int
    documents: list[str] = Field(description="Ids of the documents read, stored now or before.")
    errors: list[str] = Field(description="One message per input that could not be read or coded.")


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 404, 422, 503)
}
