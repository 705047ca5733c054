"""Alembic environment: migrates the app's store; the app passes its own connection, the alembic CLI uses the env."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from bimtek.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_from_cli() -> None:
    from bimtek.storage.engine import WRITE, database_url, make_engine

    if config.config_file_name:
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    url = database_url()
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(url)
    with engine.execution_options(**{WRITE: True}).begin() as connection:
        run_migrations(connection)
    engine.dispose()


given = config.attributes.get("connection")
if given is not None:
    run_migrations(given)
else:
    run_from_cli()
