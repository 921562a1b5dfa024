"""requirements.lock pins the versions CI tested (`./dev` installs with it as constraints):
every dependency of pyproject.toml must be locked, at a version inside its range. A
dependency added without `./dev lock` fails here instead of being installed unpinned."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        found = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if found:
            pins[canonicalize_name(found.group(1))] = found.group(2)
    return pins


def test_every_dependency_is_locked_inside_its_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra in ("test", "postgres"):
        wanted += project["optional-dependencies"][extra]
    pins = locked()
    for spec in wanted:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not in requirements.lock: run ./dev lock"
        assert req.specifier.contains(pins[name], prereleases=True), \
            f"requirements.lock has {req.name}=={pins[name]}, outside {req.specifier}: run ./dev lock"
