"""The README's examples run against the sandbox, and `mypy --strict` accepts them as a user's
program."""

from __future__ import annotations

import importlib.util
import os
import pathlib
import re
import subprocess
import sys

import pytest
from conftest import TOKEN, Sandbox

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"


def examples() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(), re.S)


def test_the_quickstart_runs(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PSB_API_TOKEN", TOKEN)
    monkeypatch.setenv("PSB_API_URL", sandbox.url)
    blocks = examples()
    assert len(blocks) == 2
    for block in blocks:
        exec(compile(block, str(README), "exec"), {"__name__": "__main__"})
    out = capsys.readouterr().out
    assert "user: balance" in out and "404" in out


@pytest.mark.skipif(
    importlib.util.find_spec("mypy") is None and not os.environ.get("PSB_REQUIRE_MYPY"),
    reason="mypy not installed",
)
def test_mypy_strict_accepts_a_users_program(tmp_path: pathlib.Path) -> None:
    program = tmp_path / "user_program.py"
    program.write_text(
        "\n\n".join(examples()) + "\n" + (pathlib.Path(__file__).parent / "typing_example.py").read_text()
    )
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(program)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.skipif(
    importlib.util.find_spec("mypy") is None and not os.environ.get("PSB_REQUIRE_MYPY"),
    reason="mypy not installed",
)
def test_mypy_strict_accepts_the_pythonic_layer(tmp_path: pathlib.Path) -> None:
    """The installed package's own modules (the generated ones under _native are uniffi's)."""
    import psb_hosting

    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\nstrict = True\n\n[mypy-psb_hosting._native.*]\nignore_errors = True\n")
    package_parent = pathlib.Path(psb_hosting.__file__).resolve().parents[1]
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(config), "--no-incremental", "-p", "psb_hosting"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": ""},
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert package_parent.exists()
