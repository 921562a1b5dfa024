"""Store.batch, the door for a service that manages its own transactions (a roster import, a
bundle's import or export): it runs on the database worker and refuses the UI thread, bumps
the store's generation once when it succeeds and not when it fails, and a failed batch
leaves the database as it was. The roster import dialog reaches the import only through it,
so the import runs off the UI thread and a deferred store is opened by the worker."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

import app.db
import app.reports.roster_import as roster_import
from app.care.errors import ServiceError
from app.care.write_turn import StaleRead
from app.models import AuditEntry, Recipient
from app.reports.roster_import import run_import
from app.ui.background import Background
from app.ui.kit import Context, Hub
from app.ui.roster_import_dialog import RosterImportDialog
from app.ui.store import Store
from tests.test_sheets_import import messy_roster

WAIT = 20_000


def _people(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(Recipient)) or 0)


def _audit_rows(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def _on_worker(qtbot: Any, background: Background, job: Any) -> tuple[bool, Any]:
    """Run `job` on the worker as a page would; (succeeded, result or error)."""
    got: list[tuple[bool, Any]] = []
    background.run(job, on_done=lambda r: got.append((True, r)), on_error=lambda e: got.append((False, e)))
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT)
    return got[0]


def test_a_batch_runs_on_the_worker_and_bumps_the_generation_once(qtbot: Any, village: Engine,
                                                                   background: Background, tmp_path: Path) -> None:
    store = Store(village)
    threads: list[str] = []

    def counted(engine: Engine, path: Path, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return run_import(engine, path, **kwargs)

    before = store.generation
    ok, report = _on_worker(qtbot, background, lambda: store.batch(counted, messy_roster(tmp_path / "r.xlsx")))
    assert ok and report.committed and _people(village) == 5
    assert threads == ["guanai-db"]  # the worker's thread, not the UI's
    assert store.generation == before + 1


def test_a_batch_refuses_the_ui_thread(village: Engine, tmp_path: Path) -> None:
    store = Store(village)
    with pytest.raises(RuntimeError, match="worker"):
        store.batch(run_import, messy_roster(tmp_path / "r.xlsx"))
    with pytest.raises(RuntimeError, match="worker"):
        store.preview(run_import, tmp_path / "r.xlsx", dry_run=True)
    assert _people(village) == 0 and store.generation == 0


def test_a_failed_batch_changes_nothing_and_keeps_the_generation(qtbot: Any, village: Engine,
                                                                 background: Background, tmp_path: Path) -> None:
    store = Store(village)
    audit = _audit_rows(village)
    # a confirmed import without its document number, and a file that is no roster: refused
    ok, error = _on_worker(qtbot, background, lambda: store.batch(
        run_import, messy_roster(tmp_path / "r.xlsx"), confirmed_by="  "))
    assert not ok and isinstance(error, ServiceError) and "文号" in error.zh
    bad = tmp_path / "not-a-roster.xlsx"
    book = Workbook()
    book.active.append(["这不是花名册"])
    book.save(bad)
    ok, error = _on_worker(qtbot, background, lambda: store.batch(run_import, bad))
    assert not ok and isinstance(error, ServiceError)
    assert store.generation == 0 and _people(village) == 0 and _audit_rows(village) == audit


def test_a_batch_that_met_another_writer_runs_again_once_and_counts_once(qtbot: Any, village: Engine,
                                                                        background: Background,
                                                                        tmp_path: Path) -> None:
    """Like Store.write (app.db.retrying): the first run met another clerk's write and was
    rolled back; the second ran through. One generation for one batch."""
    store = Store(village)
    runs: list[int] = []
    path = messy_roster(tmp_path / "r.xlsx")

    def met_a_writer_first(engine: Engine) -> Any:
        runs.append(1)
        if len(runs) == 1:
            raise StaleRead("changed under the read")
        return run_import(engine, path)

    ok, report = _on_worker(qtbot, background, lambda: store.batch(met_a_writer_first))
    assert ok and report.committed and len(runs) == 2 and _people(village) == 5
    assert store.generation == 1


def test_the_roster_import_dialog_opens_and_imports_on_the_worker(qtbot: Any, village: Engine,
                                                                 background: Background, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A deferred store (as the app makes at start) is opened by the worker when the dialog
    previews, never on the UI thread; the preview and the import run there too, and only the
    import makes the store's answers stale."""
    target = str(tmp_path / "test.sqlite3")  # the `engine` fixture's (a server database under test-pg)
    village.dispose()
    office = _office(target)
    opened: list[str] = []
    imports: list[tuple[str, bool]] = []
    real_open, real_import = app.db.open_database, roster_import.run_import

    def watched_open(*args: Any, **kwargs: Any) -> Any:
        opened.append(threading.current_thread().name)
        return real_open(*args, **kwargs)

    def watched_import(engine: Engine, path: Path, **kwargs: Any) -> Any:
        imports.append((threading.current_thread().name, kwargs["dry_run"]))
        return real_import(engine, path, **kwargs)

    monkeypatch.setattr(app.db, "open_database", watched_open)
    monkeypatch.setattr(roster_import, "run_import", watched_import)
    store = Store.deferred(target)
    ctx = Context(store, background, office, Hub())
    dialog = RosterImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(messy_roster(tmp_path / "r.xlsx"))
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT)
    assert opened == ["guanai-db"] and store.generation == 0  # a preview writes nothing
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.committed, timeout=WAIT)
    assert imports == [("guanai-db", True), ("guanai-db", False)]
    assert store.generation == 1 and _people(store.engine) == 5
    store.close()


def _office(target: str) -> Any:
    from app.care.offices import office_view
    from app.db import open_database

    engine = open_database(target, migrate=False)
    try:
        with Session(engine) as s:
            from app.care.context import this_office_code

            return office_view(s, this_office_code(s) or "", with_fingerprint=False)
    finally:
        engine.dispose()
