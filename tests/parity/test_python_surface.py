"""Python's surface against the operation table (spec/surface.json): the installed package has
every resource, method, argument, handle, option, error kind and vocabulary of the table, in
both clients, each method with a docstring. Run by pytest in `cargo xtask test`'s python step."""

from __future__ import annotations

import enum
import inspect
import json
import pathlib
import re
import typing

import pytest

import psb_hosting

TABLE: dict[str, typing.Any] = json.loads(
    (pathlib.Path(__file__).resolve().parents[2] / "spec" / "surface.json").read_text(encoding="utf-8")
)


def expected_arguments(method: dict[str, typing.Any]) -> list[tuple[str, bool]]:
    """(name, optional) per argument; a query record's fields are keyword arguments."""
    out: list[tuple[str, bool]] = []
    for p in method["params"]:
        for q in p.get("fields") or [p]:
            optional = q["type"].endswith("?") or q["type"] == "uploads" or "fields" in p
            out.append((q["name"], optional))
    return out


def problems_of(cls: type, owner: str, method: dict[str, typing.Any], is_async: bool) -> list[str]:
    name = method["name"]
    fn = getattr(cls, name, None)
    if fn is None or not callable(fn):
        return [f"{cls.__name__}.{name} is missing ({owner})"]
    found = []
    params = [p for n, p in inspect.signature(fn).parameters.items() if n != "self"]
    names = [p.name for p in params]
    wanted = expected_arguments(method)
    if names != [n for n, _ in wanted]:
        found.append(f"{cls.__name__}.{name}{tuple(names)}: the table says {tuple(n for n, _ in wanted)}")
    for p, (_, optional) in zip(params, wanted):
        if optional and p.default is inspect.Parameter.empty:
            found.append(f"{cls.__name__}.{name}: {p.name} is optional in the table but has no default")
    if not inspect.getdoc(fn):
        found.append(f"{cls.__name__}.{name} has no docstring")
    if is_async and method["kind"] != "iter" and not inspect.iscoroutinefunction(fn):
        found.append(f"{cls.__name__}.{name} is not a coroutine function")
    return found


@pytest.mark.parametrize("client_class", [psb_hosting.Client, psb_hosting.AsyncClient])
def test_every_method_of_the_table_is_there(client_class: type) -> None:
    is_async = client_class is psb_hosting.AsyncClient
    client = client_class(token="parity", base_url="http://127.0.0.1:9")
    problems: list[str] = []
    for resource in TABLE["resources"]:
        obj = getattr(client, resource["name"], None)
        if obj is None:
            problems.append(f"{client_class.__name__}.{resource['name']} is missing")
            continue
        if not inspect.getdoc(type(obj)):
            problems.append(f"{type(obj).__name__} has no docstring")
        for method in resource["methods"]:
            problems += problems_of(type(obj), resource["name"], method, is_async)
    for handle in TABLE["handles"]:
        cls = getattr(psb_hosting, ("Async" if is_async else "") + handle["name"], None)
        if cls is None:
            problems.append(f"psb_hosting has no {handle['name']} handle")
            continue
        for field in handle["fields"]:
            if not isinstance(getattr(cls, field["name"], None), property):
                problems.append(f"{cls.__name__}.{field['name']} is not a property")
        for method in handle["methods"]:
            problems += problems_of(cls, handle["name"], method, is_async)
    options = inspect.signature(client_class.__init__).parameters
    for option in TABLE["options"]:
        if option["name"] not in options or options[option["name"]].kind is inspect.Parameter.POSITIONAL_ONLY:
            problems.append(f"{client_class.__name__}({option['name']}=...) is not a keyword option")
    assert not problems, "\n".join(problems)


def test_every_error_kind_and_vocabulary_is_there() -> None:
    problems = [
        f"psb_hosting.{e['kind']}Error is missing"
        for e in TABLE["errors"]
        if not issubclass(getattr(psb_hosting, f"{e['kind']}Error", type), psb_hosting.PsbError)
    ]
    for v in TABLE["vocabularies"]:
        cls = getattr(psb_hosting, v["name"], None)
        if not (isinstance(cls, type) and issubclass(cls, enum.Enum) and issubclass(cls, str)):
            problems.append(f"psb_hosting.{v['name']} is not a str-valued enum")
            continue
        if not inspect.getdoc(cls):
            problems.append(f"psb_hosting.{v['name']} has no docstring")
        for value in v["values"]:
            member = cls.__members__.get(upper_snake(value["name"]))
            if member is None or member.value != value["name"] or member.wire != value["wire"]:
                problems.append(
                    f"{v['name']}.{upper_snake(value['name'])} is not {value['name']!r} ({value['wire']})"
                )
        extra = set(cls.__members__) - {upper_snake(x["name"]) for x in v["values"]}
        if extra:
            problems.append(f"{v['name']} has members the table lacks: {sorted(extra)}")
    assert not problems, "\n".join(problems)


def upper_snake(name: str) -> str:
    """A vocabulary value's member name: ``HighCpuPsbVps`` is ``HIGH_CPU_PSB_VPS`` (PEP 8)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()
