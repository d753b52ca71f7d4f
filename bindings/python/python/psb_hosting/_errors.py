"""The SDK's errors as a class hierarchy under :class:`PsbError` (converted from the native error)."""

from __future__ import annotations

import builtins
import re
import typing

from ._native import psb_uniffi as _ffi
from ._native.psb_model import ValidationIssue

__all__ = [
    "BadRequestError",
    "ConflictError",
    "ConnectionError",
    "DecodeError",
    "ForbiddenError",
    "InvalidArgumentError",
    "NotFoundError",
    "OutcomeUnknownError",
    "PsbError",
    "RateLimitedError",
    "ServerError",
    "TimeoutError",
    "UnauthorizedError",
    "ValidationError",
    "ValidationIssue",
]


class PsbError(Exception):
    """Any error from the SDK. ``kind`` names it (``"NotFound"``); ``status`` is the HTTP status
    when the server answered; ``detail`` is the server's message; ``validation`` lists FastAPI's
    field errors (422); ``retry_after`` is the server's ``Retry-After`` in seconds (429, 503)."""

    kind: typing.ClassVar[str] = "Unknown"

    def __init__(
        self,
        description: str,
        *,
        status: int | None = None,
        detail: str = "",
        validation: typing.Sequence[ValidationIssue] = (),
        retry_after: float | None = None,
        operation: str | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.detail = detail
        self.validation: list[ValidationIssue] = list(validation)
        self.retry_after = retry_after
        self.operation = operation

    @property
    def message(self) -> str:
        """The server's message (an alias of ``detail``)."""
        return self.detail

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r}, status={self.status!r})"


class BadRequestError(PsbError):
    """400, or another 4xx without a class of its own: the server refused the request (for
    example, the balance is too low)."""

    kind = "BadRequest"


class UnauthorizedError(PsbError):
    """401: the token is missing or wrong."""

    kind = "Unauthorized"


class ForbiddenError(PsbError):
    """403: the token may not do this."""

    kind = "Forbidden"


class NotFoundError(PsbError):
    """404: no such object, or it belongs to another account."""

    kind = "NotFound"


class ConflictError(PsbError):
    """409: the object's state does not allow this."""

    kind = "Conflict"


class ValidationError(PsbError):
    """422: the input is invalid; ``validation`` has the field errors."""

    kind = "Validation"


class RateLimitedError(PsbError):
    """429: too many requests; ``retry_after`` says when to come back."""

    kind = "RateLimited"


class ServerError(PsbError):
    """5xx (a proxy's HTML error page included), or another unexpected status."""

    kind = "Server"


class TimeoutError(PsbError, builtins.TimeoutError):
    """The request or the connection timed out (also the builtin ``TimeoutError``, so
    ``except TimeoutError`` catches it whichever one is in scope)."""

    kind = "Timeout"


class ConnectionError(PsbError, builtins.ConnectionError):
    """The connection failed or broke (also the builtin ``ConnectionError``, an ``OSError``)."""

    kind = "Connection"


class DecodeError(PsbError):
    """The response does not fit the model."""

    kind = "Decode"


class InvalidArgumentError(PsbError, ValueError):
    """Refused before sending: an argument is out of range."""

    kind = "InvalidArgument"


class OutcomeUnknownError(PsbError):
    """A write whose answer was lost (a timeout, a broken connection) and whose effect the
    server's own state could not settle: it may or may not have been done. The message says
    what was checked; look before repeating the call."""

    kind = "OutcomeUnknown"


def _by_kind() -> dict[str, type[PsbError]]:
    # The native kind's member name (BAD_REQUEST) for each class's kind (BadRequest).
    return {re.sub(r"(?<!^)(?=[A-Z])", "_", cls.kind).upper(): cls for cls in PsbError.__subclasses__()}


_BY_KIND = _by_kind()


def convert(e: typing.Any) -> PsbError:
    """The native error (one record, ``psb_uniffi.PsbError.Failed``) as the class of its kind."""
    cls = _BY_KIND.get(e.kind.name, PsbError)
    return cls(
        e.description,
        status=e.status,
        detail=e.detail,
        validation=e.validation,
        retry_after=None if e.retry_after_ms is None else e.retry_after_ms / 1000,
        operation=e.operation,
    )


NativeError = _ffi.PsbError
