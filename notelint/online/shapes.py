"""The documented shape of each provider's answer, checked before anything is read from it.

An answer of another shape (``{"result": {}}`` from DBLP, ``"hits": []``, a list where an object
belongs, a proxy's page) is not "no such paper": it is a provider failure, reported as a warning
and never cached, so that a later good answer gives the right result. Only the containers are
checked here; the fields of each record are read leniently by the provider's parser, because the
real APIs leave them out freely.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from notelint.online.http import ProviderError


class _Shape(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True, populate_by_name=True)


class DblpHits(_Shape):
    total: str | int = Field(alias="@total")
    # One hit is an object rather than a list; no hit at all leaves the key out.
    hit: list[dict[str, Any]] | dict[str, Any] | None = None


class DblpResult(_Shape):
    hits: DblpHits


class DblpAnswer(_Shape):
    result: DblpResult


class CrossrefMessage(_Shape):
    items: list[dict[str, Any]]


class CrossrefAnswer(_Shape):
    message: CrossrefMessage


class OpenReviewAnswer(_Shape):
    notes: list[dict[str, Any]]


class SemanticScholarMatch(_Shape):
    data: list[dict[str, Any]]


class SemanticScholarError(_Shape):
    error: str


SEMANTIC_SCHOLAR_BATCH: TypeAdapter[list[dict[str, Any] | None]] = TypeAdapter(
    list[dict[str, Any] | None], config=ConfigDict(strict=True)
)

ShapeT = TypeVar("ShapeT", bound=BaseModel)
T = TypeVar("T")


def checked(shape: type[ShapeT], data: Any, provider: str) -> ShapeT:
    """``data`` as ``shape``, or a :class:`ProviderError` saying where it differs."""
    return _validated(shape.model_validate, data, provider)


def checked_batch(data: Any, provider: str) -> list[dict[str, Any] | None]:
    return _validated(SEMANTIC_SCHOLAR_BATCH.validate_python, data, provider)


def _validated(validate: Callable[[Any], T], data: Any, provider: str) -> T:
    try:
        return validate(data)
    except ValidationError as exc:
        raise ProviderError(provider, f"unexpected response shape ({_where(exc)})") from None


def _where(exc: ValidationError) -> str:
    first = exc.errors()[0]
    location = ".".join(str(part) for part in first["loc"]) or "top level"
    return f"{location}: {first['msg'].lower()}"
