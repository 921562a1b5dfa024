"""Alembic environment: batch mode so SQLite tables can be altered, and the application's
metadata as the target for autogenerate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import TypeDecorator, create_engine

from app.models import Base

config = context.config
target_metadata = Base.metadata


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Render the app's TypeDecorators as their plain SQL type, so revisions never import
    application code that may change after they were written."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


def _configure(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=_render_item,
        # One transaction for the whole upgrade, never one per migration: on PostgreSQL a
        # failure anywhere leaves the database at the revision it started from (a SQLite
        # file is upgraded as a copy instead, app/sqlite_upgrade.py).
        transaction_per_migration=False,
        # app.db.upgrade(on_step=...): told each migration applied (a seam for tests).
        on_version_apply=config.attributes.get("on_version_apply"),
    )


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
