"""Read by mypy, never run: `./dev test` type-checks this file with app/. The Store's doors
check a service's own arguments (ParamSpec) and give back its result's type, and
FormDialog.add_row gives back the widget's own type. Each wrong call below must stay an
error: were the checking lost (an `Any` in a signature), its `type: ignore` would become
unused, which mypy reports (warn_unused_ignores in pyproject.toml)."""

from __future__ import annotations

from typing import Any, assert_type

from PySide6.QtWidgets import QComboBox, QLineEdit

from app.care.recipients import RecipientSummary, edit_recipient, list_recipients
from app.ui.kit import FormDialog
from app.ui.store import Store


def store_doors(store: Store) -> None:
    assert_type(store.read(list_recipients, limit=3), list[RecipientSummary])
    assert_type(store.write(edit_recipient, "r1", name="张三"), dict[str, list[Any]])
    store.read(list_recipients, limit="3")  # type: ignore[call-overload]
    store.write(edit_recipient, 3)  # type: ignore[call-overload]
    store.write(edit_recipient)  # type: ignore[call-overload]


def form_rows(dialog: FormDialog) -> None:
    assert_type(dialog.add_row("name", "姓名", QLineEdit()), QLineEdit)
    assert_type(dialog.add_row(None, "类别", QComboBox()), QComboBox)
