"""The behaviour of the API's vocabularies (the enums themselves are generated into
``_vocabularies.py`` from the operation table).

A vocabulary is a ``str``-valued :class:`enum.Enum` whose values are the English names every SDK
reads and writes. What the server sends and this version does not know yet still decodes: it
becomes a member-like value of the same class with its raw text (``is_unknown`` is true), so
decoding never raises. What a caller passes in is checked instead: a misspelt name raises
:class:`~psb_hosting.InvalidArgumentError` before anything is sent.

This module imports nothing of the native library: the native module imports it to lift and
lower these values.
"""

from __future__ import annotations

import enum
import typing

if typing.TYPE_CHECKING:
    from typing_extensions import Self

# The server's spelling of each known value, per vocabulary.
_WIRE: dict[type, dict[str, str]] = {}

E = typing.TypeVar("E", bound="type[OpenEnum]")


def spelled(wire: dict[str, str]) -> typing.Callable[[E], E]:
    """Records how the server spells each value of the decorated vocabulary (by English name)."""

    def register(cls: E) -> E:
        _WIRE[cls] = wire
        return cls

    return register


class OpenEnum(str, enum.Enum):
    """A vocabulary of the API: compare with members (``order.status is OrderStatus.ISSUED``) or
    with the English name (``order.status == "Issued"``)."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    def __repr__(self) -> str:
        if self.is_unknown:
            return f"<{type(self).__name__} (unknown): {self.value!r}>"
        return f"<{type(self).__name__}.{self.name}: {self.value!r}>"

    def __reduce_ex__(self, protocol: object) -> typing.Any:
        return (type(self)._lift, (str(self.value),))

    @property
    def wire(self) -> str:
        """The value as the server spells it."""
        return _WIRE.get(type(self), {}).get(self.value, str(self.value))

    @property
    def is_unknown(self) -> bool:
        """True for a value this version of the SDK does not know (kept with its raw text)."""
        return self._value_ not in type(self)._value2member_map_

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        # The English name in any case, or the server's spelling.
        if isinstance(value, str):
            wire = _WIRE.get(cls, {})
            for member in cls:
                if member.value.lower() == value.lower() or wire.get(member.value) == value:
                    return member
        return None

    @classmethod
    def _lift(cls, raw: str) -> Self:
        """What the native layer hands back: a member, or an unknown value kept as it came."""
        member = cls._value2member_map_.get(raw)
        if member is not None:  # the common case, without enum's call machinery
            return typing.cast("Self", member)
        try:
            return cls(raw)
        except ValueError:
            unknown = str.__new__(cls, raw)
            unknown._name_ = "UNKNOWN"
            unknown._value_ = raw
            return unknown

    @classmethod
    def _lower(cls, value: object, argument: str | None = None) -> str:
        """What the native layer is given: a member's English name (an unknown value's raw
        text), or an :class:`~psb_hosting.InvalidArgumentError` for anything else."""
        if isinstance(value, cls):
            return str(value.value)
        if isinstance(value, str):
            try:
                return str(cls(value).value)
            except ValueError:
                pass
        from ._support import _invalid

        known = ", ".join(str(m.value) for m in cls)
        what = f"{argument}: " if argument else ""
        raise _invalid(f"{what}{value!r} is not a {cls.__name__} (one of {known})")

    @classmethod
    def _arg(cls, value: object, argument: str) -> Self:
        """An argument as a member, refused with its name when it is not one."""
        return cls._lift(cls._lower(value, argument))
