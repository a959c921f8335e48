"""The journey after the introduction, as the people in it live it: through the real bot over HTTP."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import selectinload

from bot.platform.events import Status
from bot.storage.models.journeys import Answer, Contract, Journey, Relationship, Step

REQUEST = "Bonjour ! Je cherche un mentor pour lancer une communauté de pratique dans mon école #mentorat"
COACHING = "Je cherche un coaching court pour préparer ma première conférence sur les communautés de pratique #mentorat"


def introduce(world, text: str = REQUEST, mentor: str = "bob") -> Status:
    request = world.post("alice@ecole.example", text, language="fr")
    world.tick()
    world.reply(mentor, offers(world, mentor)[0], "Oui, avec plaisir !")
    world.tick(2)
    return request


def offers(world, who: str) -> list[Status]:
    return [s for s in world.offers_to(who) if "Accepteriez-vous" in s.text]


def storytellers(world) -> None:
    """Bob also offers storytelling: three mentors share the topic."""
    world.roster_path.write_text(world.roster_path.read_text().replace(
        "topics: [communautés de pratique, facilitation]", "topics: [communautés de pratique, facilitation, storytelling]"))
    world.bot.reload_roster()


def latest(world, who: str, containing: str) -> Status:
    found = [s for s in world.seen_by(who) if containing in s.text]
    assert found, f"nothing with {containing!r} reached {who}"
    return found[-1]


def journeys(world) -> list[Journey]:
    with world.bot.store.transaction() as session:
        return list(session.scalars(select(Journey).options(selectinload(Journey.seats)).order_by(Journey.id)))


def test_the_introduction_is_a_direct_message_in_the_request_thread_and_starts_an_active_journey(world):
    request = introduce(world)

    intro = [s for s in world.replies_to(request) if s.mentions_acct(world.acct("bob"))]
    assert len(intro) == 1 and intro[0].visibility == "direct"
    assert "faire connaissance" in intro[0].text
    [journey] = journeys(world)
    assert (journey.state, journey.phase, journey.mentee) == ("active", "acquaintance", "alice@ecole.example")


def test_fit_check_after_a_week_then_contract_then_check_in(world):
    introduce(world)
    world.clock.advance(days=6, hours=23)
    world.tick()
    assert not [s for s in world.seen_by("alice@ecole.example") if "Ça se passe bien" in s.text]

    world.clock.advance(hours=2)
    world.tick(2)
    fit = latest(world, "alice@ecole.example", "Ça se passe bien")
    assert fit.mentions_acct(world.acct("bob")) and fit.visibility == "direct"

    world.reply("alice@ecole.example", fit, "Oui, très bien merci !")
    world.tick(2)
    proposal = latest(world, "bob", "contrat d'apprentissage")
    world.reply("alice@ecole.example", proposal,
                "Super idée.\n- **Objectif** : lancer la communauté avant l'été\n"
                "Objectif 2: animer trois rencontres\nRythme : toutes les deux semaines\nbilan le : 15/06")
    world.tick(2)
    confirmation = latest(world, "alice@ecole.example", "Votre contrat")
    assert "lancer la communauté avant l'été" in confirmation.text and "animer trois rencontres" in confirmation.text
    assert "toutes les deux semaines" in confirmation.text

    world.post("bob", f"@{world.bot.me.acct} contrat", visibility="direct")
    world.tick(2)
    assert "animer trois rencontres" in latest(world, "bob", "Votre contrat").text

    world.clock.advance(days=14, hours=1)
    world.tick(2)
    checkin = latest(world, "alice@ecole.example", "point de nouvelles")
    assert checkin.mentions_acct(world.acct("bob"))
    assert "lancer la communauté avant l'été" in checkin.text  # progress is reviewed against the contract


def test_coaching_checks_in_weekly_on_the_goal(world):
    introduce(world, COACHING)
    [journey] = journeys(world)
    assert journey.kind == "coaching"
    assert (journey.horizon_at - journey.started_at).days == 28
    world.clock.advance(days=7, hours=1)
    world.tick(2)
    fit = latest(world, "alice@ecole.example", "Ça se passe bien")
    world.reply("alice@ecole.example", fit, "oui")
    world.tick(2)
    proposal = latest(world, "alice@ecole.example", "contrat d'apprentissage")
    world.reply("bob", proposal, "objectif: tenir 20 minutes sans notes\nrythme: chaque semaine\nbilan dans 3 semaines")
    world.tick(2)
    world.clock.advance(days=7, hours=1)
    world.tick(2)
    checkin = latest(world, "alice@ecole.example", "Point de la semaine")
    assert "tenir 20 minutes sans notes" in checkin.text


def test_not_really_offers_a_new_match_kindly_and_rematches_with_someone_else(world):
    world.post("alice@ecole.example", "Je cherche un mentor en storytelling #mentorat", language="fr")
    world.tick()
    first, other = ("chloe", "taruna@learning.example") if offers(world, "chloe") else (
        "taruna@learning.example", "chloe")
    world.reply(first, offers(world, first)[0], "oui")
    world.tick(2)
    world.clock.advance(days=7, hours=1)
    world.tick(2)
    fit = latest(world, "alice@ecole.example", "Ça se passe bien")

    world.reply("alice@ecole.example", fit, "Pas vraiment, on n'arrive pas à se caler")
    world.tick(2)
    offer_again = latest(world, "alice@ecole.example", "quelqu'un d'autre sur le même sujet")
    assert not offer_again.mentions_acct(world.acct(first))  # asked privately, without blame

    world.reply("alice@ecole.example", offer_again, "oui")
    world.tick(2)
    assert "faute de personne" in latest(world, first, "poursuivre avec quelqu'un d'autre").text
    assert len(offers(world, other)) == 1  # the other mentor on the topic; the first is not asked again
    assert len(offers(world, first)) == 1
    first = journeys(world)[0]
    assert (first.state, first.end_reason) == ("completed", "refit")


def test_a_circle_request_replaces_a_decline_and_introduces_everyone(world):
    storytellers(world)
    request = world.post("alice@ecole.example", "Je cherche deux mentors en storytelling #mentorat", language="fr")
    world.tick()
    asked = [who for who in ("bob", "chloe", "taruna@learning.example") if offers(world, who)]
    assert len(asked) == 2
    declining, accepting = asked

    world.reply(declining, offers(world, declining)[0], "Non merci, pas le temps")
    world.tick()
    world.reply(accepting, offers(world, accepting)[0], "oui")
    world.tick(2)
    [journey] = journeys(world)
    assert journey.state == "active"  # active from the first acceptance
    [replacement] = [who for who in ("bob", "chloe", "taruna@learning.example") if who not in asked]
    assert len(offers(world, replacement)) == 1

    world.reply(replacement, offers(world, replacement)[0], "oui !")
    world.tick(2)
    joining = [s for s in world.replies_to(request) if "rejoint le cercle" in s.text]
    assert len(joining) == 1
    for who in ("alice@ecole.example", accepting, replacement):
        assert joining[0].mentions_acct(world.acct(who))
    assert not joining[0].mentions_acct(world.acct(declining))
    assert len(journeys(world)) == 1 and len(journeys(world)[0].mentors) == 2


def test_an_unanswered_check_in_gets_one_reminder_and_silence_is_flagged_to_moderators(world):
    introduce(world)
    for _ in range(5):
        world.clock.advance(days=3)
        world.tick(2)
    reminders = [s for s in world.seen_by("alice@ecole.example") if "Petit rappel, sans pression" in s.text]
    assert len(reminders) == 1  # the fit check, reminded once
    world.clock.advance(days=7)
    world.tick(2)
    world.clock.advance(days=1)
    world.tick(2)
    stalled = [s for s in world.seen_by("anne") if "sans réponse depuis" in s.text]
    assert len(stalled) == 1
    assert "Alice" in stalled[0].text and stalled[0].visibility == "direct"


def test_ending_early_with_goal_reached_closes_with_a_retrospective_for_each_side(world):
    introduce(world)
    intro = latest(world, "alice@ecole.example", "faire connaissance")
    world.reply("alice@ecole.example", intro, "Objectif atteint ! Merci pour tout")
    world.tick(2)
    assert "Objectif atteint, bravo" in latest(world, "bob", "bravo").text
    for who in ("alice@ecole.example", "bob"):
        closing = [s for s in world.seen_by(who) if "Qu'ai-je appris" in s.text]
        assert len(closing) == 1 and [m.acct for m in closing[0].mentions] == [world.acct(who)]
    closing = latest(world, "alice@ecole.example", "Qu'ai-je appris")
    world.reply("alice@ecole.example", closing, "appris: à animer\nnote: 5\ncommentaire: merci Bob")
    world.tick(2)
    thanks = latest(world, "alice@ecole.example", "Transmettez ce que vous avez appris")
    assert "mentor·e à votre tour" in thanks.text
    [journey] = journeys(world)
    assert (journey.state, journey.end_reason) == ("completed", "goal-reached")
    with world.bot.store.transaction() as session:
        [answer] = session.scalars(select(Answer).where(Answer.kind == "retrospective"))
        assert (answer.score, answer.author) == (5, "alice@ecole.example")
        seat = session.scalar(select(Relationship))
        assert seat.state == "completed"


def test_extend_moves_the_horizon_and_an_unanswered_horizon_lapses_into_expired(world):
    introduce(world, COACHING)
    intro = latest(world, "alice@ecole.example", "faire connaissance")
    world.reply("alice@ecole.example", intro, "prolonger de 2 semaines")
    world.tick(2)
    [journey] = journeys(world)
    assert (journey.horizon_at - journey.started_at).days == 42
    assert "prolongé" in latest(world, "bob", "prolongé").text

    world.clock.advance(days=42, hours=1)
    world.tick(2)
    assert latest(world, "alice@ecole.example", "terme prévu")
    world.clock.advance(days=7, hours=1)
    world.tick(2)
    [journey] = journeys(world)
    assert (journey.state, journey.end_reason) == ("expired", "lapsed")
    assert latest(world, "bob", "Qu'ai-je appris")


def test_a_paused_journey_sends_nothing_and_resumes_with_its_steps_pushed_back(world):
    introduce(world)
    intro = latest(world, "alice@ecole.example", "faire connaissance")
    world.reply("alice@ecole.example", intro, "pause")
    world.tick(2)
    assert "en pause" in latest(world, "bob", "en pause").text
    world.clock.advance(days=10)
    world.tick(2)
    assert not [s for s in world.seen_by("alice@ecole.example") if "Ça se passe bien" in s.text]

    world.reply("alice@ecole.example", intro, "reprendre")
    world.tick(2)
    assert journeys(world)[0].state == "active"
    world.clock.advance(days=6, hours=23)
    world.tick(2)
    assert not [s for s in world.seen_by("alice@ecole.example") if "Ça se passe bien" in s.text]
    world.clock.advance(hours=2)
    world.tick(2)
    assert latest(world, "alice@ecole.example", "Ça se passe bien")


def test_due_steps_survive_a_restart_and_are_never_sent_twice(world):
    introduce(world)
    world.clock.advance(days=8)
    world.bot.run_due()  # due, queued, not sent yet: the bot stops here
    world.restart()
    world.tick(3)
    world.restart()
    world.tick(2)
    fits = [s for s in world.seen_by("alice@ecole.example") if "Ça se passe bien" in s.text]
    assert len(fits) == 1
    with world.bot.store.transaction() as session:
        assert session.scalar(select(Step).where(Step.kind == "fit")).state == "sent"


def test_a_mentor_leaving_a_circle_leaves_the_others_in_it(world):
    world.post("alice@ecole.example", "Je cherche deux mentors en storytelling #mentorat", language="fr")
    world.tick()
    for who in ("chloe", "taruna@learning.example"):
        world.reply(who, offers(world, who)[0], "oui")
    world.tick(3)
    intro = latest(world, "taruna@learning.example", "rejoint le cercle")
    world.reply("taruna@learning.example", intro, "terminer")
    world.tick(2)
    [journey] = journeys(world)
    assert journey.state == "active" and journey.mentors == [world.acct("chloe")]
    assert "quitte le cercle" in latest(world, "alice@ecole.example", "quitte le cercle").text


def two_offers_beyond_capacity(world) -> list[Status]:
    """Chloé, the only storyteller, got two offers at capacity 2; the roster then lowers it to 1."""
    world.post("alice@ecole.example", "Je cherche un mentor en storytelling #mentorat", language="fr")
    world.post("dmitri@uni.example", "Je cherche une mentore en storytelling #mentorat", language="fr")
    world.roster_path.write_text(world.roster_path.read_text().replace("capacity: 1", "capacity: 2").replace(
        "topics: [storytelling, learning in networks]", "topics: [learning in networks]"))
    world.tick()
    world.roster_path.write_text(world.roster_path.read_text().replace(
        "kinds: [mentoring, reverse]\n    capacity: 2", "kinds: [mentoring, reverse]\n    capacity: 1"))
    both = offers(world, "chloe")
    assert len(both) == 2
    return both


def test_two_acceptances_at_the_same_moment_never_exceed_capacity(world):
    """Both yeses race: one is handled and not yet committed when the other starts."""
    chloe = world.acct("chloe")
    both = two_offers_beyond_capacity(world)
    first = world.reply("chloe", both[0], "oui")
    second = world.reply("chloe", both[1], "oui")
    world.bot.reload_roster()

    # One acceptance is being handled and not yet committed when the other starts.
    bot = world.bot
    began = threading.Event()
    outcomes: list[str] = []

    def other() -> None:
        outcomes.append(bot.inbox._handle_once(source, second.id, second))

    source = bot.inbox.sources[0]
    with bot.store.transaction() as session:
        bot.inbox._claim(session, source, first)
        # The other one has read the database (its snapshot is taken) before this one commits.
        event.listen(bot.store.engine, "after_cursor_execute", lambda *args: began.set(), once=True)
        thread = threading.Thread(target=other)
        thread.start()
        began.wait(timeout=5)
    thread.join(timeout=30)
    world.tick(2)

    with bot.store.transaction() as session:
        seats = session.scalars(select(Relationship).where(Relationship.mentor == chloe,
                                                           Relationship.state == "active")).all()
        assert len(seats) == 1
    assert outcomes == ["accept-refused"]
    assert latest(world, "chloe", "autant de personnes que votre capacité")  # told politely, kindly


def test_contract_revision_changes_only_the_lines_given(world):
    introduce(world)
    intro = latest(world, "alice@ecole.example", "faire connaissance")
    world.reply("alice@ecole.example", intro, "objectif: lancer la communauté\nrythme: chaque semaine\nbilan le: 30/06")
    world.tick(2)
    world.post("alice@ecole.example", f"@{world.bot.me.acct} rythme : une fois par mois", visibility="direct")
    world.tick(2)
    with world.bot.store.transaction() as session:
        contract = session.scalar(select(Contract))
        assert contract.goals == ["lancer la communauté"]
        assert contract.commitment == "une fois par mois" and contract.every_days == 30
        assert contract.revision == 2


def test_a_mentee_who_says_stop_cancels_the_journey_and_the_mentor_is_told_once(world):
    introduce(world)
    world.post("alice@ecole.example", f"@{world.bot.me.acct} stop", visibility="direct")
    world.tick(2)
    [journey] = journeys(world)
    assert (journey.state, journey.end_reason) == ("cancelled", "stopped")
    told = [s for s in world.seen_by("bob") if "a quitté le programme" in s.text]
    assert len(told) == 1 and not told[0].mentions_acct("alice@ecole.example")
    world.clock.advance(days=30)
    world.tick(3)
    assert not [s for s in world.seen_by("alice@ecole.example") if "Ça se passe bien" in s.text]


def test_commands_on_a_finished_journey_get_a_kind_answer_and_change_nothing(world):
    introduce(world)
    intro = latest(world, "alice@ecole.example", "faire connaissance")
    world.reply("alice@ecole.example", intro, "terminer")
    world.tick(2)
    world.reply("bob", intro, "prolonger")
    world.tick(2)
    assert latest(world, "bob", "déjà terminé")
    [journey] = journeys(world)
    assert (journey.state, journey.end_reason) == ("completed", "ended-early")


def test_a_retrospective_that_starts_like_a_command_is_read_as_a_retrospective(world):
    introduce(world)
    intro = latest(world, "alice@ecole.example", "faire connaissance")
    world.reply("alice@ecole.example", intro, "terminer")
    world.tick(2)
    closing = latest(world, "bob", "Qu'ai-je appris")
    world.reply("bob", closing, "Objectif atteint ! J'ai appris à écouter. Note : 4/5")
    world.tick(2)
    with world.bot.store.transaction() as session:
        [answer] = session.scalars(select(Answer).where(Answer.kind == "retrospective"))
        assert (answer.author, answer.score) == (world.acct("bob"), 4)
    assert latest(world, "bob", "Transmettez")


@pytest.mark.http  # people vote through the API
def test_where_the_server_has_polls_feedback_is_also_a_click_counted_once(world):
    introduce(world)
    world.clock.advance(days=7, hours=1)
    world.tick(2)
    fit = latest(world, "alice@ecole.example", "Ça se passe bien")
    assert world.sandbox.client(world.acct("bob")).status(fit.id)["poll"]["options"][1]["title"] == "Pas vraiment"
    world.sandbox.client("alice@ecole.example").vote(fit.id, 0)
    world.sandbox.client(world.acct("bob")).vote(fit.id, 0)

    intro = latest(world, "alice@ecole.example", "faire connaissance")
    world.reply("alice@ecole.example", intro, "terminer")
    world.tick(2)
    closing = latest(world, "bob", "Qu'ai-je appris")
    world.sandbox.client(world.acct("bob")).vote(closing.id, 3)
    world.clock.advance(days=3, hours=1)
    world.tick(2)
    world.restart()
    world.tick(2)

    with world.bot.store.transaction() as session:
        votes = session.execute(select(Answer.kind, Answer.author, Answer.score)
                                .where(Answer.details["source"].as_string() == "poll")).all()
    assert sorted(votes) == [("fit", "", 1), ("fit", "", 1), ("rating", world.acct("bob"), 4)]


def test_the_journey_moves_to_the_public_thread_only_when_everyone_agrees(world):
    request = introduce(world)
    intro = latest(world, "alice@ecole.example", "faire connaissance")
    assert "en public" in intro.text
    world.reply("alice@ecole.example", intro, "en public")
    world.tick(2)
    waiting = latest(world, "bob", "aimerait poursuivre dans le fil public")
    assert waiting.visibility == "direct" and "Bob" in waiting.text

    world.clock.advance(days=7, hours=1)
    world.tick(2)
    assert latest(world, "alice@ecole.example", "Ça se passe bien").visibility == "direct"  # not everyone agreed

    world.reply("bob", intro, "en public")
    world.tick(2)
    world.clock.advance(days=7)
    world.tick(2)
    proposal = latest(world, "alice@ecole.example", "contrat d'apprentissage")
    assert proposal.visibility == "unlisted" and proposal.in_reply_to_id == request.id

    world.reply("bob", proposal, "en privé")
    world.tick(2)
    assert "je reviens aux messages privés" in latest(world, "alice@ecole.example", "messages privés").text
    world.clock.advance(days=15)
    world.tick(2)
    assert latest(world, "alice@ecole.example", "point de nouvelles").visibility == "direct"


def test_a_private_request_stays_private(world):
    request = world.post("alice@ecole.example", f"@{world.bot.me.acct} Je cherche un mentor pour lancer une "
                         "communauté de pratique", visibility="direct", language="fr")
    world.tick()
    world.reply("bob", offers(world, "bob")[0], "oui")
    world.tick(2)
    intro = latest(world, "alice@ecole.example", "faire connaissance")
    assert "en public" not in intro.text and intro.in_reply_to_id == request.id
    world.reply("alice@ecole.example", intro, "en public")
    world.tick(2)
    assert latest(world, "alice@ecole.example", "demande de départ était privée").visibility == "direct"


def test_asking_for_help_shows_the_moderators_this_relationships_answers(world):
    introduce(world)
    world.clock.advance(days=7, hours=1)
    world.tick(2)
    fit = latest(world, "alice@ecole.example", "Ça se passe bien")
    world.reply("bob", fit, "pas vraiment")
    world.tick(2)
    assert not [s for s in world.seen_by("anne") if "Bob" in s.text]  # one answer alone is not shown

    world.reply("alice@ecole.example", fit, "J'ai besoin d'aide : Bob ne répond plus à mes messages")
    world.tick(2)
    alert = latest(world, "anne", "demande de l'aide")
    assert "Bob ne répond plus" in alert.text and "pas vraiment (Bob)" in alert.text
    assert alert.visibility == "direct"
    assert latest(world, "alice@ecole.example", "transmis à la modération")


def test_a_mentor_blocked_in_the_roster_is_ignored_when_he_proposes_a_contract(world):
    request = introduce(world)
    intro = [s for s in world.replies_to(request) if s.mentions_acct(world.acct("bob"))][0]
    world.roster_path.write_text(world.roster_path.read_text().replace(
        'blocked: ["bad.example"]', 'blocked: ["bad.example", "@bob"]'))
    world.bot.reload_roster()
    seen_before = len(world.seen_by("bob"))

    world.reply("bob", intro, "contrat :\nObjectif : lancer la communauté avant l'été\nRythme : toutes les deux semaines")
    world.tick(2)

    assert len(world.seen_by("bob")) == seen_before  # not a word back to him
    assert not [s for s in world.seen_by("alice@ecole.example") if "contrat" in s.text.lower()]
    with world.bot.store.transaction() as session:
        assert session.scalars(select(Contract)).first() is None
