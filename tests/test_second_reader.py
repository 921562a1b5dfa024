"""The overview's second reader (app/oversight/second_reader.py): a read made on another
connection while the caller counts, used only when it saw the caller's data."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, create_engine, func, select
from sqlalchemy.orm import Session

from app.care.context import actor_for
from app.care.recipients import add_recipient
from app.models import Base, Recipient
from app.oversight.second_reader import SecondReader, data_stamp, shareable_engine
from tests.helpers import LEFT_BEHIND, make_id

D = dt.date


def _count(s: Session) -> int:
    return int(s.scalar(select(func.count()).select_from(Recipient)) or 0)


def _add(s: Session, seq: int) -> None:
    add_recipient(s, actor_for(s), **LEFT_BEHIND, name="读者", id_number=make_id(D(1950, 1, 1), seq=seq),
                  categories=["left_behind_elder"], surveyed_on=D(2026, 1, 1))


def test_it_reads_on_another_connection_what_the_caller_would(village: Engine) -> None:
    with Session(village) as s, s.begin():
        _add(s, 1)
    threads: list[object] = []

    def read(s: Session) -> int:
        threads.append(s.connection().connection.dbapi_connection)
        return _count(s)

    with Session(village) as s:
        second = SecondReader(s, read)
        assert second.beside
        assert second.result() == 1
        assert threads[0] is not s.connection().connection.dbapi_connection  # another connection
        s.rollback()


def test_the_callers_uncommitted_writes_are_read_in_its_own_session(village: Engine) -> None:
    """Another connection cannot see them: its answer is thrown away, the caller reads again."""
    with Session(village) as s:
        _add(s, 2)
        s.flush()
        seen: list[int] = []

        def read(r: Session) -> int:
            seen.append(_count(r))
            return seen[-1]

        second = SecondReader(s, read)
        assert second.result() == 1
        assert seen == [0, 1]  # the second reader's 0 (committed data only), then the caller's 1
        s.rollback()


def test_a_write_committed_meanwhile_is_read_again(village: Engine) -> None:
    with Session(village) as s:
        second = SecondReader(s, _count)
        assert second.future is not None
        assert second.future.result()[1] == 0  # read before the write below
        with Session(village) as w, w.begin():
            _add(w, 3)
        assert second.result() == 1
        s.rollback()


def test_no_second_reader_where_one_connection_is_all_there_is() -> None:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        assert shareable_engine(s) is None
        second = SecondReader(s, _count)
        assert not second.beside
        assert second.result() == 0
        assert data_stamp(s) == 0
    with Session(engine) as s:
        assert not SecondReader(s, _count, enabled=False).beside


def test_a_caller_that_fails_waits_for_the_second_reader(village: Engine) -> None:
    """No thread nor connection outlives the call: leaving by an error waits for the read."""
    import time

    import pytest

    finished: list[int] = []

    def read(s: Session) -> int:
        time.sleep(0.2)
        finished.append(_count(s))
        return finished[-1]

    with Session(village) as s:
        with pytest.raises(RuntimeError), SecondReader(s, read) as second:
            assert second.beside
            raise RuntimeError("the four ones failed")
        assert finished == [0] and second.future is None
