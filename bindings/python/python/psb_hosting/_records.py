"""Records as Python shows them. uniffi generates each record's keyword constructor, ``__str__``
and ``__eq__``; this module gives every record and every variant of the native module, at
import, a ``repr`` that lists each field (a server password or the token shows as ``***``: each
is a :class:`~psb_hosting.Secret`) and ``__match_args__`` for ``match`` statements. Nothing here is
written per record: a record the spec adds reads the same way."""

from __future__ import annotations

import enum
import inspect
import types
import typing


def _record_repr(self: typing.Any) -> str:
    fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in type(self).__match_args__)
    return f"{type(self).__qualname__}({fields})"


def _variant_repr(self: typing.Any) -> str:
    return f"{type(self).__qualname__}({', '.join(repr(v) for v in self._values)})"


def _params(cls: typing.Any) -> list[inspect.Parameter]:
    """A generated class's constructor parameters, ``self`` left out."""
    return list(inspect.signature(cls.__init__).parameters.values())[1:]


def _is_record(cls: typing.Any) -> bool:
    """A uniffi record: a plain class with a keyword-only constructor and its own ``__eq__``."""
    if issubclass(cls, (enum.Enum, BaseException)) or "__eq__" not in vars(cls):
        return False
    return all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in _params(cls))


def _give(cls: typing.Any, show: typing.Callable[[typing.Any], str], match_args: bool) -> None:
    if match_args:
        # setattr: mypy refuses `cls.__match_args__ = ...` even on Any.
        setattr(cls, "__match_args__", tuple(p.name for p in _params(cls)))  # noqa: B010
    cls.__repr__ = show


def install(module: types.ModuleType) -> None:
    """Gives the records and variants of the native ``module`` their ``repr`` and match args."""
    for name, obj in vars(module).items():
        if name.startswith("_") or not isinstance(obj, type) or obj.__module__ != module.__name__:
            continue
        if _is_record(obj):
            _give(obj, _record_repr, match_args=True)
            continue
        # A complex enum: each variant is a nested class deriving from it, tuple-like
        # (its values in `_values`) or with named fields.
        for variant in vars(obj).values():
            if not (isinstance(variant, type) and issubclass(variant, obj)):
                continue
            params = _params(variant)
            if any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in params):
                _give(variant, _variant_repr, match_args=False)
            elif all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params):
                _give(variant, _record_repr, match_args=True)
