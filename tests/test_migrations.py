"""The migrations and the models describe the same schema, and an older database upgrades in place."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from bot.storage.models.base import Base
from bot.storage.store import MIGRATIONS, Store


def test_migrated_database_matches_the_models(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/db.sqlite3")
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    store.close()
    assert differences == []


def test_a_database_from_the_first_release_keeps_its_rows_when_upgraded(tmp_path):
    url = f"sqlite:///{tmp_path}/old.sqlite3"
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(text(
            "INSERT INTO requests (id, status_id, requester, requester_name, text, url, visibility, language, kind,"
            " topics, circle_size, state, created_at, updated_at) VALUES (1, '42', 'alice@ecole.example', 'Alice',"
            " 'help', '', 'public', 'fr', 'mentoring', '[]', 1, 'open', '2026-01-01 10:00:00', '2026-01-01 10:00:00')"))
    engine.dispose()

    store = Store(url)  # upgrades to the latest schema
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT requester, excluded FROM requests")).one() == (
            "alice@ecole.example", "[]")
        assert "journeys" in inspect(connection).get_table_names()
    store.close()


def test_a_first_migration_cut_short_leaves_nothing_half_made_and_the_next_start_completes_it(tmp_path, monkeypatch):
    # A process killed while it first creates the schema: the tables made so far must not outlive it, or
    # every later start stops on "table … already exists". The cut is an error raised partway through.
    from alembic.operations import Operations

    made = []
    create_table = Operations.create_table

    def create_then_die(self, name, *columns, **kw):
        made.append(name)
        if len(made) == 4:
            raise KeyboardInterrupt("killed")
        return create_table(self, name, *columns, **kw)

    monkeypatch.setattr(Operations, "create_table", create_then_die)
    url = f"sqlite:///{tmp_path}/db.sqlite3"
    try:
        Store(url)
    except KeyboardInterrupt:
        pass
    assert len(made) == 4
    engine = create_engine(url)
    assert inspect(engine).get_table_names() == []
    engine.dispose()

    monkeypatch.setattr(Operations, "create_table", create_table)
    store = Store(url)
    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    store.close()
