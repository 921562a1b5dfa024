"""A server database's connection budget (README, "PostgreSQL (county office)"): each app or
command holds at most POOL_SIZE + POOL_OVERFLOW connections, the figure the README's budget
counts with. Creating the engine opens no connection, so no server is needed."""

from __future__ import annotations

from app.db import POOL_OVERFLOW, POOL_SIZE, make_engine


def test_a_server_engine_keeps_to_the_budget() -> None:
    engine = make_engine("postgresql+psycopg://guanai_app@db-host/guanai?sslmode=verify-full")
    assert engine.pool.size() == POOL_SIZE == 2
    assert POOL_OVERFLOW == 3  # the README's budget: 5 connections a computer
    assert engine.url.password is None  # the password comes from pgpass or PGPASSWORD, not the URL
    engine.dispose()
