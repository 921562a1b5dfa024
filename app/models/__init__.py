"""The SQLAlchemy models of the whole domain (DOMAIN.md). Import from here:
`from app.models import Recipient`.

The models (and SQLAlchemy) load on the first name asked of this package, not when the
package itself is imported: `app.models.codes` holds plain enums the desktop app needs to
draw its first window, and importing SQLAlchemy and thirty mapped classes would cost it most
of a second (tests/test_startup_imports.py guards this). Any name loads all the models at
once, so Base.metadata is always complete.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.models.registry import *  # noqa: F403


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    # import_module, not `from app.models import registry`: that would ask this very
    # __getattr__ for "registry" first.
    registry = import_module("app.models.registry")
    try:
        value = getattr(registry, name)
    except AttributeError:
        raise AttributeError(f"module 'app.models' has no attribute {name!r}") from None
    globals()[name] = value
    return value
