"""One JSON error shape for every error the web app returns.

    {"error": {"code": "not_found", "message": "no document 'abc'", "detail": null}}

``code`` is a stable machine-readable word, ``message`` one human sentence, ``detail`` extra data
(for validation errors: the list of bad parameters). The HTTP status says the class of error.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import StoreError

log = logging.getLogger(__name__)

STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type",
                422: "invalid_parameter", 503: "unavailable"}


class ApiError(Exception):
    """An error with an HTTP status, a code word, a message and optional detail."""

    def __init__(self, status: int, message: str, *, code: str | None = None, detail: Any = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.detail = status, message, detail
        self.code = code or STATUS_CODES.get(status, "error")
        self.headers = headers


def error_body(code: str, message: str, detail: Any = None) -> dict[str, Any]:
    """The one error shape."""
    return {"error": {"code": code, "message": message, "detail": detail}}


def error_response(status: int, code: str, message: str, detail: Any = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """A JSONResponse in the error shape."""
    return JSONResponse(error_body(code, message, detail), status_code=status, headers=headers)


def _validation_detail(error: RequestValidationError) -> list[dict[str, Any]]:
    """Each bad parameter as {"in", "name", "message", "input"} (JSON-safe)."""
    out = []
    for item in error.errors():
        loc = [str(part) for part in item.get("loc", ())]
        value = item.get("input")
        out.append({"in": loc[0] if loc else "", "name": ".".join(loc[1:]), "message": item.get("msg", ""),
                    "input": value if isinstance(value, (str, int, float, bool, type(None))) else str(value)})
    return out


async def _on_api_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return error_response(error.status, error.code, error.message, error.detail, error.headers)


async def _on_validation(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    detail = _validation_detail(error)
    names = ", ".join(sorted({d["name"] or d["in"] for d in detail}))
    return error_response(422, "invalid_parameter", f"invalid parameter: {names}", detail)


async def _on_http(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    code = STATUS_CODES.get(error.status_code, "error")
    message = error.detail if isinstance(error.detail, str) else code.replace("_", " ")
    if error.status_code == 404 and message == "Not Found":
        message = f"no such path: {request.url.path}"
    return error_response(error.status_code, code, message, None, getattr(error, "headers", None))


async def _on_store(request: Request, error: Exception) -> JSONResponse:
    return error_response(503, "store_unavailable", str(error), None, {"Retry-After": "1"})


async def _on_unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error on %s", request.url.path)
    return error_response(500, "internal_error", "internal error; see the server log", None)


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through the one shape."""
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(StoreError, _on_store)
    app.add_exception_handler(Exception, _on_unexpected)
