"""Results as the native layer hands them to Python: rows (``bindings/uniffi/src/rows.rs``), one
``json.loads`` and uniffi's own record classes filled from them. uniffi's generated lifting
reads a buffer a field at a time in Python (~38 ms for 1,003 orders); this takes ~9, and the
records of a list are built on first use (``_lazy_class``), so that the list itself is ready in
~3.

A row is a record's fields in the order of its constructor, with uniffi's values: vocabularies
by English name, amounts as decimal text, timestamps as Unix milliseconds, a union as
``[variant index, "PayloadRecord", payload]``. How each field is converted is read once per
record class from the annotations uniffi writes on its constructor, and compiled into one
function per class; nothing here is written per record, so a record the spec adds (or a field
psb-model gains) needs no change here. An annotation this module cannot convert raises
``TypeError`` the first time its record is built, which every test that reads one would show.
"""

from __future__ import annotations

import datetime
import decimal
import inspect
import json
import typing

from ._native import psb_model
from ._open_enum import OpenEnum
from ._secret import Secret

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


class _Builders(dict[str, typing.Any]):
    """A union payload's builder by its record's name, compiled on first use."""

    def __missing__(self, name: str) -> typing.Any:
        build = _NS[_builder(name, getattr(psb_model, name))]
        self[name] = build
        return build


# The compiled functions and what their code refers to (converters, classes, builders).
_NS: dict[str, typing.Any] = {
    "_new": object.__new__,
    "_EPOCH": _EPOCH,
    "_td": datetime.timedelta,
    "_Decimal": decimal.Decimal,
    "_B": _Builders(),
}
_LIFTS: dict[typing.Any, typing.Callable[[typing.Any], typing.Any]] = {}

T = typing.TypeVar("T")


def lift(result: type[T], data: bytes) -> T:
    """The result ``data`` (rows) as ``result`` (a record class, or ``list[Order]``)."""
    f = _LIFTS.get(result)
    if f is None:
        annotation = str(result) if _generic(str(result)) else result.__name__
        f = _LIFTS[result] = _compile("_r", _expr(annotation, "_r", 0))
    value: T = f(json.loads(data))
    return value


def _compile(arg: str, body: str) -> typing.Callable[[typing.Any], typing.Any]:
    """A function of ``arg`` running ``body`` (an expression, or statements ending in a return)."""
    if "\n" not in body:
        body = f"return {body}"
    code = f"def _f({arg}):\n    {body}\n"
    scope: dict[str, typing.Any] = {}
    exec(compile(code, "<psb_hosting rows>", "exec"), _NS, scope)
    f: typing.Callable[[typing.Any], typing.Any] = scope["_f"]
    return f


def _split(args: str) -> list[str]:
    """The top-level arguments of ``K, V`` (``dict[str, list[int]]`` has two)."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(args):
        depth += c == "["
        depth -= c == "]"
        if c == "," and depth == 0:
            parts.append(args[start:i].strip())
            start = i + 1
    return [*parts, args[start:].strip()]


def _generic(a: str) -> tuple[str, list[str]] | None:
    if a.endswith("]") and "[" in a:
        head, _, args = a[:-1].partition("[")
        return head.rsplit(".", 1)[-1].lower(), _split(args)
    return None


def _expr(a: str, src: str, depth: int) -> str:
    """A Python expression converting the row value ``src`` to the annotation ``a``."""
    a = a.strip()
    if a.endswith(" | None"):
        a = f"typing.Optional[{a[: -len(' | None')]}]"
    generic = _generic(a)
    if generic is not None:
        kind, args = generic
        x = f"_x{depth}"
        if kind == "optional":
            inner = _expr(args[0], src, depth + 1)
            return src if inner == src else f"(None if {src} is None else {inner})"
        if kind == "list":
            lazy = _lazy_maker(args[0])
            inner = f"{lazy}({x})" if lazy else _expr(args[0], x, depth + 1)
            # serde leaves an empty list out of a record; its row holds null.
            return f"({src} or [])" if inner == x else f"[{inner} for {x} in {src} or ()]"
        if kind == "dict":
            inner = _expr(args[1], x, depth + 1)
            return (
                f"({src} or {{}})"
                if inner == x
                else f"{{_k: {inner} for _k, {x} in ({src} or {{}}).items()}}"
            )
        raise TypeError(f"rows: no conversion for {a}")
    if a in ("int", "str", "bool", "float"):
        return src
    name = a.rsplit(".", 1)[-1]
    target = getattr(psb_model, name, None)
    if target is datetime.datetime:  # psb_model.Timestamp, lifted as uniffi.toml does
        return f"_EPOCH + _td(0, 0, 0, {src})"  # (days, seconds, microseconds, milliseconds)
    if target is decimal.Decimal:  # psb_model.Money
        return f"_Decimal({src})"
    if isinstance(target, type) and issubclass(target, OpenEnum):
        # A known value is one look-up; `_lift` keeps an unknown one.
        _NS[name], _NS[f"_m_{name}"] = target, target._value2member_map_
        return f"(_m_{name}.get({src}) or {name}._lift({src}))"
    if isinstance(target, type) and issubclass(target, Secret):
        _NS[name] = target
        return f"{name}({src})"
    if isinstance(target, type):
        return f"{_builder(name, target)}({src})"
    raise TypeError(f"rows: no conversion for {a}")


def _builder(name: str, cls: type) -> str:
    """The name of the function that builds ``cls`` from its row (compiled on first need)."""
    fn = f"_b_{name}"
    if fn in _NS:
        return fn
    variants = [v for v in vars(cls).values() if isinstance(v, type) and issubclass(v, cls)]
    if variants:
        # A union (uniffi's complex enum): [variant index, "PayloadRecord", payload], built as
        # uniffi's variant constructor does (the payload in `_values`).
        _NS[f"_v_{name}"] = variants
        _NS[fn] = _compile(
            "_r", f"_o = _new(_v_{name}[_r[0]])\n    _o._values = (_B[_r[1]](_r[2]),)\n    return _o"
        )
        return fn
    params = list(inspect.signature(cls).parameters.values())
    if not params or any(p.kind is not inspect.Parameter.KEYWORD_ONLY for p in params):
        raise TypeError(f"rows: {name} is not a record")
    _NS[fn] = None  # a record that holds itself refers to the name before it is compiled
    _NS[f"_c_{name}"] = cls
    # The row unpacked into locals (a row of another length raises ValueError).
    names = [f"_{i}" for i in range(len(params))]
    fields = ", ".join(f"{p.name!r}: {_expr(str(p.annotation), n, 0)}" for p, n in zip(params, names))
    unpack = ", ".join(names) + ("," if len(names) == 1 else "")
    _NS[f"_d_{name}"] = _compile("_r", f"{unpack} = _r\n    return {{{fields}}}")
    _NS[fn] = _compile(
        "_r", f"{unpack} = _r\n    _o = _new(_c_{name})\n    _o.__dict__ = {{{fields}}}\n    return _o"
    )
    return fn


def _lazy_maker(a: str) -> str | None:
    """For a list of records, the function making an item that is built on first use (see
    ``_lazy_class``); None for a list of anything else."""
    name = a.strip().rsplit(".", 1)[-1]
    cls = getattr(psb_model, name, None)
    if not isinstance(cls, type) or _generic(a.strip()) is not None:
        return None
    if any(isinstance(v, type) and issubclass(v, cls) for v in vars(cls).values()):
        return None  # a union
    if issubclass(cls, (OpenEnum, Secret, datetime.datetime, decimal.Decimal)):
        return None
    fn = f"_lz_{name}"
    if fn not in _NS:
        _builder(name, cls)
        _NS[f"_L_{name}"] = _lazy_class(cls, _NS[f"_d_{name}"])
        _NS[fn] = _compile("_r", f"_o = _new(_L_{name})\n    _setattr(_o, '_row', _r)\n    return _o")
    return fn


def _lazy_class(cls: type, fields_of: typing.Callable[[typing.Any], dict[str, typing.Any]]) -> type:
    """A subclass of the record class ``cls`` whose instances keep their row and build their
    fields the first time anything of them is read or written; then each becomes a plain
    ``cls``. A list of 1,003 orders is ready in a third of the time that way, and reading every
    field of each costs what building them at once would. Until then ``type(item)`` is this
    class (named like ``cls``); ``isinstance``, ``==``, ``repr``, ``match``, ``copy`` and
    ``pickle`` all see a ``cls``."""

    def materialize(self: typing.Any) -> None:
        # The whole dict, then the class: a reader in between sees either a lazy item (and
        # builds it too) or a complete record (another thread's work, whose class it sets).
        row = _getattr(self, "__dict__").get("_row", _MISSING)
        if row is not _MISSING:
            _setattr(self, "__dict__", fields_of(row))
        _setattr(self, "__class__", cls)

    # __getattribute__ rather than __getattr__: a first read raises no AttributeError on the way.
    def __getattribute__(self: typing.Any, name: str) -> typing.Any:
        materialize(self)
        return _getattr(self, name)

    def __setattr__(self: typing.Any, name: str, value: typing.Any) -> None:
        materialize(self)
        setattr(self, name, value)

    def __delattr__(self: typing.Any, name: str) -> None:
        materialize(self)
        delattr(self, name)

    def __reduce_ex__(self: typing.Any, protocol: typing.SupportsIndex) -> typing.Any:
        materialize(self)
        return self.__reduce_ex__(protocol)

    def __dir__(self: typing.Any) -> typing.Iterable[str]:
        materialize(self)
        return dir(self)

    namespace = {
        "__slots__": (),  # the layout of `cls`, so that an item can become one
        "__getattribute__": __getattribute__,
        "__setattr__": __setattr__,
        "__delattr__": __delattr__,
        "__reduce_ex__": __reduce_ex__,
        "__dir__": __dir__,
        "__module__": cls.__module__,
        "__qualname__": cls.__qualname__,
        "__doc__": cls.__doc__,
    }
    return type(cls.__name__, (cls,), namespace)


_MISSING = object()
_setattr = object.__setattr__
_getattr = object.__getattribute__
_NS["_setattr"] = _setattr
