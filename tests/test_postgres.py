"""The same bot on PostgreSQL: schema from the migrations, and the journeys where concurrency matters."""

from __future__ import annotations

import threading

import pytest
import test_journey
import test_volunteering
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from postgres import postgres  # noqa: F401  (the fixture)
from sqlalchemy import event, func, select
from world import OfflineSandbox, World

from bot.sandbox import Sandbox
from bot.storage.models.base import Base
from bot.storage.models.journeys import Relationship
from bot.storage.store import Store


def _needs_http(request) -> bool:
    """A scenario marked `http` (people vote through the API) keeps its world over HTTP."""
    scenario = getattr(getattr(request.node, "callspec", None), "params", {}).get("scenario")
    return any(mark.name == "http" for mark in getattr(scenario, "pytestmark", []))


@pytest.fixture
def pg_world(request, postgres, tmp_path):
    with (Sandbox if _needs_http(request) else OfflineSandbox)() as sandbox:
        world = World(sandbox, tmp_path, database_url=postgres.database())
        try:
            yield world
        finally:
            world.bot.close()


def test_migrated_postgres_database_matches_the_models(postgres):
    store = Store(postgres.database())
    with store.engine.connect() as connection:
        assert store.engine.dialect.name == "postgresql"
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    store.close()


@pytest.mark.parametrize("scenario", [
    test_journey.test_two_acceptances_at_the_same_moment_never_exceed_capacity,
    test_journey.test_fit_check_after_a_week_then_contract_then_check_in,
    test_journey.test_a_circle_request_replaces_a_decline_and_introduces_everyone,
    test_journey.test_due_steps_survive_a_restart_and_are_never_sent_twice,
    test_journey.test_where_the_server_has_polls_feedback_is_also_a_click_counted_once,
], ids=lambda f: f.__name__.removeprefix("test_"))
def test_journeys_on_postgres(pg_world, scenario):
    assert pg_world.bot.store.engine.dialect.name == "postgresql"
    scenario(pg_world)


def test_two_acceptances_that_both_see_a_free_seat_still_take_only_one(pg_world):
    """Both yeses read the free seat before either commits; the seat index lets only one through."""
    world = pg_world
    first_offer, second_offer = test_journey.two_offers_beyond_capacity(world)
    # Chloé wrote before (a "oui" to no offer in particular): her record exists and is not rewritten,
    # so nothing but the seat itself is shared by the two acceptances.
    world.post("chloe", f"@{world.bot.me.acct} oui", visibility="direct")
    world.tick()
    first = world.reply("chloe", first_offer, "oui")
    second = world.reply("chloe", second_offer, "oui")
    world.bot.reload_roster()
    bot, source = world.bot, world.bot.inbox.sources[0]

    second_saw_a_free_seat, first_committed = threading.Event(), threading.Event()

    def after_seat_lookup(conn, cursor, statement, *args):
        if threading.current_thread() is not main and "relationships.seat" in statement:
            second_saw_a_free_seat.set()
            first_committed.wait(timeout=10)

    main = threading.current_thread()
    outcomes: list[str] = []
    event.listen(bot.store.engine, "after_cursor_execute", after_seat_lookup)
    try:
        with bot.store.transaction() as session:
            bot.inbox._claim(session, source, first)
            thread = threading.Thread(target=lambda: outcomes.append(bot.inbox._handle_once(source, second.id, second)))
            thread.start()
            assert second_saw_a_free_seat.wait(timeout=10)
        first_committed.set()
        thread.join(timeout=30)
    finally:
        event.remove(bot.store.engine, "after_cursor_execute", after_seat_lookup)

    assert outcomes == ["accept-refused"]  # read again after the conflict: no seat left
    with bot.store.transaction() as session:
        assert session.scalar(select(func.count(Relationship.id)).where(
            Relationship.mentor == world.acct("chloe"), Relationship.state == "active")) == 1


def test_two_moderators_who_both_read_a_waiting_candidacy_make_one_roster_entry(pg_world):
    """Both see the candidacy waiting before either commits; the conditional update lets one through."""
    assert test_volunteering.race_two_acceptances(pg_world) == ["mod-accept-already"]
