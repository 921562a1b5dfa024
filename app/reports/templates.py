"""The agreement texts: one TOML file per kind in app/reports/templates/, which a county
overrides by putting its own copy under `<data dir>/templates/<kind>.toml` (see the README
in that folder). Placeholders are `{name}`; a missing value prints as a blank line."""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.care.errors import ServiceError
from app.config import data_dir

SHIPPED = Path(__file__).resolve().parent / "templates"
COUNTY_DIR = "templates"  # under the data directory
BLANK = "__________"  # a line to fill in by hand


@dataclass(frozen=True)
class Signature:
    role: str
    seal: bool
    each: str | None = None  # "supporter": one line per supporter, {supporter} their name


@dataclass(frozen=True)
class TemplateSection:
    heading: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Template:
    kind: str
    path: Path
    title: str
    roles: dict[str, str]
    preamble: str
    sections: tuple[TemplateSection, ...]
    closing: tuple[str, ...]
    signatures: tuple[Signature, ...]

    def role(self, key: str, default: str) -> str:
        return self.roles.get(key, default)


def template_path(kind: str) -> Path:
    """The county's copy when there is one, else the shipped text."""
    own = data_dir() / COUNTY_DIR / f"{kind}.toml"
    return own if own.is_file() else SHIPPED / f"{kind}.toml"


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(f"{where} should be text or a list of texts")


_cache: dict[tuple[Path, float], Template] = {}


def load_template(kind: str) -> Template:
    path = template_path(kind)
    try:
        key = (path, path.stat().st_mtime)
        if key in _cache:
            return _cache[key]
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        _check_keys(data)
        t = Template(
            kind=kind, path=path, title=str(data["title"]),
            roles={str(k): str(v) for k, v in data.get("roles", {}).items()},
            preamble=str(data.get("preamble", "")).strip(),
            sections=tuple(TemplateSection(str(s["heading"]), _strings(s.get("items", []), "items"))
                           for s in data.get("sections", [])),
            closing=_strings(data.get("closing", []), "closing"),
            signatures=tuple(Signature(str(s["role"]), bool(s.get("seal", False)), _each(s.get("each")))
                             for s in data.get("signatures", [])))
        for text in _all_texts(t):
            check_placeholders(text)
    except FileNotFoundError:
        raise ServiceError(f"找不到协议文本模板 {path}。", f"No agreement template {path}.") from None
    except (tomllib.TOMLDecodeError, KeyError, ValueError, TypeError) as error:
        raise ServiceError(f"协议文本模板 {path} 有误，请按原样式修改：{error}",
                           f"The agreement template {path} is malformed: {error}") from None
    _cache[key] = t
    return t


TOP_KEYS = {"title", "preamble", "closing", "roles", "sections", "signatures"}


def _check_keys(data: dict[str, Any]) -> None:
    """A key in the wrong place (TOML puts a key written after [[sections]] into the last
    section) would silently drop text from the page: name it instead."""
    unknown = set(data) - TOP_KEYS
    for s in data.get("sections", []):
        unknown |= set(s) - {"heading", "items"}
    for s in data.get("signatures", []):
        unknown |= set(s) - {"role", "seal", "each"}
    if unknown:
        raise ValueError(f"不认识的项 {'、'.join(sorted(unknown))}（title、preamble、closing 须写在"
                         f" [roles]、[[sections]]、[[signatures]] 之前）")


EACH = ("supporter",)


def _each(value: Any) -> str | None:
    if value is None:
        return None
    if value not in EACH:
        raise ValueError(f"each = {value!r} 应为 {'、'.join(EACH)}")
    return str(value)


def _all_texts(t: Template) -> list[str]:
    return [t.title, t.preamble, *t.closing, *(s.heading for s in t.sections),
            *(i for s in t.sections for i in s.items), *(s.role for s in t.signatures)]


def check_placeholders(text: str) -> None:
    for _literal, field, spec, conv in string.Formatter().parse(text):
        if field is not None and (not field.isidentifier() or spec or conv):
            raise ValueError(f"占位符 {{{field}}} 应只含字母和下划线")


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return BLANK


def fill(text: str, values: dict[str, str | None]) -> str:
    """The text with its placeholders filled; an unknown or empty one as a blank line."""
    return text.format_map(_Values({k: v for k, v in values.items() if v}))
