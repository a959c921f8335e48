"""« Transmettez ce que vous avez appris »: volunteers join through the bot, mentors keep their entry current.

Through the real bot over HTTP on the sandbox; the same story runs on a real GoToSocial in
tests/test_realserver_volunteering.py.
"""

from __future__ import annotations

import io
import threading

from sqlalchemy import event, select

from bot.people.roster_check import check_roster
from bot.people.roster_edit import writable
from bot.people.roster_files import load_roster
from bot.storage.models.mentoring import Candidacy

LEA = "lea"
ALICE = "alice@ecole.example"
ANSWER = ("sujets : podcasts, écriture\nlangues : fr, en\nformats : mentorat, coaching\nplaces : 2\n"
          "fuseau : Europe/Paris\nbio : Lectrice assidue.")


def say(world, who: str, text: str, language: str = "fr"):
    status = world.post(who, f"@mentorat {text}", visibility="direct", language=language)
    world.tick(2)
    [answer] = world.replies_to(status)
    return answer


def answer(world, who: str, to, text: str):
    status = world.reply(who, to, text)
    world.tick(2)
    [reply] = world.replies_to(status)
    return reply


def to_moderators(world, containing: str, who: str = "anne") -> list:
    return [s for s in world.seen_by(who) if containing in s.text]


def candidacies(world) -> list[Candidacy]:
    with world.bot.store.transaction() as session:
        return list(session.scalars(select(Candidacy).order_by(Candidacy.id)))


def submitted(world, who: str = LEA):
    """Léa's candidacy, asked, answered, read back and confirmed: the moderators have it."""
    ask = say(world, who, "Bonjour ! Je veux devenir mentor·e")
    readback = answer(world, who, ask, ANSWER)
    return answer(world, who, readback, "oui")


def roster_check(world) -> tuple[int, str]:
    out = io.StringIO()
    return check_roster(world.roster_path, world.sandbox.domain, out=out), out.getvalue()


def test_a_volunteer_is_asked_read_back_accepted_written_into_the_roster_and_offered_the_next_request(world):
    before = world.roster_path.read_text()
    ask = say(world, LEA, "Bonjour ! Je veux devenir mentor·e")
    assert ask.visibility == "direct" and [m.acct for m in ask.mentions] == [world.acct(LEA)]
    assert all(word in ask.text for word in ("sujets", "langues", "formats", "places", "fuseau", "bio"))

    readback = answer(world, LEA, ask, ANSWER)
    assert "sujets : podcasts, écriture" in readback.text and "langues : fr, en" in readback.text
    assert "places : 2" in readback.text and "« oui »" in readback.text
    corrected = answer(world, LEA, readback, "places : 1")  # a correction, read back again
    assert "places : 1" in corrected.text and "sujets : podcasts, écriture" in corrected.text
    assert to_moderators(world, "Candidature") == []  # nothing goes out before the "oui"

    done = answer(world, LEA, corrected, "oui")
    assert "n° 1" in done.text
    [notice] = to_moderators(world, "Candidature n° 1")
    assert notice.visibility == "direct" and f"Lea ({world.acct(LEA)})" in notice.text
    assert "podcasts, écriture" in notice.text and "places 1" in notice.text
    assert "« accepter 1 »" in notice.text and "« refuser 1 [raison] »" in notice.text
    assert world.acct(LEA) not in [m.acct for m in notice.mentions]  # named, not notified

    pending = say(world, "anne", "en attente")
    assert "n° 1, Lea" in pending.text

    accepted = say(world, "anne", "accepter 1")
    assert "C'est fait" in accepted.text
    text = world.roster_path.read_text()
    assert text.startswith(before)  # every comment and line of the moderators' file, untouched
    assert '  - handle: "@lea@' in text and "    topics: [podcasts, écriture]" in text
    assert roster_check(world)[0] == 0
    lea = load_roster(world.roster_path, world.sandbox.domain).mentor(world.acct(LEA))
    assert (lea.languages, lea.kinds, lea.capacity, lea.timezone, lea.bio) == (
        ("fr", "en"), ("mentoring", "coaching"), 1, "Europe/Paris", "Lectrice assidue.")
    [welcome] = [s for s in world.seen_by(LEA) if "Bienvenue parmi les mentor·es" in s.text]
    assert welcome.visibility == "direct"

    world.post(ALICE, "Bonjour, je cherche un mentor en podcasts #mentorat", language="fr")
    world.tick()
    assert [s for s in world.offers_to(LEA) if "Accepteriez-vous" in s.text]

    assert "vous êtes déjà mentor·e" in say(world, LEA, "je veux devenir mentor·e").text
    stats = say(world, "anne", "stats")
    assert "1 reçues, 1 acceptées, 0 refusées ; 1 mentor·e venu·e ainsi" in stats.text


def test_in_english_free_text_is_read_back_and_a_refusal_is_kind_and_gives_the_reason(world):
    ask = say(world, LEA, "Hello! I'd like to become a mentor", language="en")
    assert "topics" in ask.text and "time zone" in ask.text
    readback = answer(world, LEA, ask, "I can mentor two people on podcasting and community building, "
                                       "in English, based in London.")
    assert "topics: podcasting, community building" in readback.text
    assert "languages: en" in readback.text and "places: 2" in readback.text
    assert "time zone: Europe/London" in readback.text and '"yes"' in readback.text
    answer(world, LEA, readback, "yes")
    assert to_moderators(world, "Candidature n° 1")  # the community's language

    declined = say(world, "anne", "decline 1 we need more French speakers this term", language="en")
    assert "declined" in declined.text and "with your reason" in declined.text
    [told] = [s for s in world.seen_by(LEA) if "cannot accept it for now" in s.text]
    assert '"we need more French speakers this term"' in told.text
    assert load_roster(world.roster_path, world.sandbox.domain).mentor(world.acct(LEA)) is None
    assert [(c.state, c.reason) for c in candidacies(world)] == [("declined", "we need more French speakers this term")]
    again = say(world, "anne", "accepter 1")
    assert "n'attend plus de décision" in again.text and "déjà refusée" in again.text


def test_oui_to_the_pass_it_on_invitation_starts_a_candidacy(world):
    world.post(ALICE, "Bonjour ! Je cherche un mentor pour lancer une communauté de pratique #mentorat",
                         language="fr")
    world.tick()
    [offer] = [s for s in world.offers_to("bob") if "Accepteriez-vous" in s.text]
    world.reply("bob", offer, "Oui, avec plaisir !")
    world.tick(2)
    intro = [s for s in world.seen_by(ALICE) if "faire connaissance" in s.text][-1]
    world.reply(ALICE, intro, "Objectif atteint ! Merci pour tout")
    world.tick(2)
    closing = [s for s in world.seen_by(ALICE) if "Qu'ai-je appris" in s.text][-1]
    world.reply(ALICE, closing, "appris: à animer\nnote: 5")
    world.tick(2)
    thanks = [s for s in world.seen_by(ALICE) if "Transmettez ce que vous avez appris" in s.text][-1]
    assert "Répondez « oui »" in thanks.text

    ask = answer(world, ALICE, thanks, "oui")
    assert "quelle belle envie de transmettre" in ask.text
    assert [(c.acct, c.state) for c in candidacies(world)] == [(ALICE, "asking")]


def test_a_blocked_or_stopped_account_is_refused_quietly(world):
    spam = world.post("spam@bad.example", "@mentorat I'd like to become a mentor", visibility="direct",
                      language="en")
    say(world, LEA, "stop")
    quiet = world.post(LEA, "@mentorat je veux devenir mentor·e", visibility="direct", language="fr")
    world.tick(2)
    assert world.replies_to(spam) == [] and world.replies_to(quiet) == []
    assert candidacies(world) == [] and to_moderators(world, "Candidature") == []


def test_a_lookalike_moderator_cannot_accept(world):
    world.sandbox.add_account("anne", domain="other.example", display_name="Anne")
    submitted(world)
    before = world.roster_path.read_text()
    refused = say(world, "anne@other.example", "accepter 1")
    assert "réservée à l'équipe de modération" in refused.text
    assert world.roster_path.read_text() == before
    assert [c.state for c in candidacies(world)] == ["submitted"]


def two_moderators_accept(world):
    """Léa's candidacy is waiting; Anne and Bob, both moderators, write « accepter 1 »."""
    world.roster_path.write_text(world.roster_path.read_text().replace('moderators: ["@anne"]',
                                                                       'moderators: ["@anne", "@bob"]'))
    world.tick()
    submitted(world)
    first = world.post("anne", "@mentorat accepter 1", visibility="direct", language="fr")
    second = world.post("bob", "@mentorat accepter 1", visibility="direct", language="fr")
    return first, second


def one_entry(world, first, second) -> None:
    mentors = [m.handle for m in load_roster(world.roster_path, world.sandbox.domain).mentors]
    assert mentors.count(world.acct(LEA)) == 1
    assert world.roster_path.read_text().count("@lea@") == 1
    assert [c.state for c in candidacies(world)] == ["accepted"]
    answers = [s.text for s in (*world.replies_to(first), *world.replies_to(second))]
    assert sum("C'est fait" in a for a in answers) == 1
    assert sum("n'attend plus de décision" in a and "déjà acceptée" in a for a in answers) == 1
    assert len([s for s in world.seen_by(LEA) if "Bienvenue" in s.text]) == 1


def test_two_moderators_accepting_at_the_same_moment_make_one_entry(world):
    first, second = two_moderators_accept(world)
    world.tick(2)  # both read in the same round
    one_entry(world, first, second)


def race_two_acceptances(world) -> list[str]:
    """Both acceptances read the candidacy as waiting before either commits (where the database lets them)."""
    first, second = two_moderators_accept(world)
    bot, source = world.bot, world.bot.inbox.sources[0]
    second_read_it, first_committed = threading.Event(), threading.Event()

    def after_candidacy_read(conn, cursor, statement, *args):
        if threading.current_thread() is not main and "FROM candidacies" in statement:
            second_read_it.set()
            first_committed.wait(timeout=10)

    main = threading.current_thread()
    outcomes: list[str] = []
    event.listen(bot.store.engine, "after_cursor_execute", after_candidacy_read)
    try:
        with bot.store.transaction() as session:
            bot.inbox._claim(session, source, first)
            thread = threading.Thread(target=lambda: outcomes.append(bot.inbox._handle_once(source, second.id, second)))
            thread.start()
            assert second_read_it.wait(timeout=10)
        first_committed.set()
        thread.join(timeout=30)
    finally:
        event.remove(bot.store.engine, "after_cursor_execute", after_candidacy_read)
    world.tick(2)
    one_entry(world, first, second)
    return outcomes


def test_a_broken_roster_on_disk_is_not_written_and_the_moderators_are_told_why(world):
    submitted(world)
    broken = world.roster_path.read_text().replace("    capacity: 3\n", "    capacity: beaucoup\n")
    world.roster_path.write_text(broken)
    refused = say(world, "anne", "accepter 1")
    assert "Je n'ai rien écrit" in refused.text
    assert f"{world.roster_path}:" in refused.text and '"capacity" of mentor nora' in refused.text
    assert world.roster_path.read_text() == broken
    assert [c.state for c in candidacies(world)] == ["submitted"]
    assert not [s for s in world.seen_by(LEA) if "Bienvenue" in s.text]

    world.roster_path.write_text(broken.replace("capacity: beaucoup", "capacity: 3"))  # fixed
    assert "C'est fait" in say(world, "anne", "accepter 1").text
    assert roster_check(world)[0] == 0


def test_a_roster_the_bot_cannot_write_gives_the_moderators_the_entry_to_paste(world):
    world.bot.volunteering.location = lambda: "https://config.example/roster.yaml"  # a roster read from a URL
    before = world.roster_path.read_text()
    submitted(world)
    reply = say(world, "anne", "accepter 1")
    assert "je ne peux pas écrire le roster (https://config.example/roster.yaml)" in reply.text
    line = next(line for line in reply.text.splitlines() if line.startswith("- {handle:"))
    assert f'handle: "{world.acct(LEA)}"' in line and "topics: [podcasts, écriture]" in line
    assert world.roster_path.read_text() == before
    [told] = [s for s in world.seen_by(LEA) if "en route" in s.text]
    assert told.visibility == "direct"
    # The line pasted under mentors: is a valid entry.
    world.roster_path.write_text(before + "  " + line + "\n")
    assert roster_check(world)[0] == 0


def test_writable_means_a_local_file_the_bot_may_replace(tmp_path):
    roster = tmp_path / "roster.yaml"
    roster.write_text("mentors: []\n")
    assert writable(roster)
    assert not writable("https://config.example/roster.yaml")
    assert not writable(tmp_path / "missing.yaml")
    assert not writable(tmp_path)


def test_a_mentor_sees_and_changes_their_own_entry_through_the_moderators(world):
    profile = say(world, "chloe", "mon profil")
    assert "sujets : storytelling, apprentissage en réseau" in profile.text and "places : 1" in profile.text
    change = say(world, "chloe", "mes places : 3\nmes sujets : storytelling, podcasts")
    assert "n° 1" in change.text and "attend l'accord" in change.text
    [notice] = to_moderators(world, "Changement de fiche n° 1")
    assert "places 3" in notice.text and "aujourd'hui : sujets storytelling, apprentissage en réseau" in notice.text
    shown = say(world, "chloe", "my profile", language="en")
    assert "places: 1" in shown.text and "A change is waiting for the moderators" in shown.text

    assert "C'est fait" in say(world, "anne", "accepter 1").text
    chloe = load_roster(world.roster_path, world.sandbox.domain).mentor(world.acct("chloe"))
    assert (chloe.capacity, chloe.topics, chloe.name) == (3, ("storytelling", "podcasts"), "Chloé")
    assert roster_check(world)[0] == 0
    assert [s for s in world.seen_by("chloe") if "votre fiche est à jour" in s.text]
    assert "pas dans la liste des mentor·es" in say(world, "lea", "mes places : 2").text


def test_with_self_service_a_mentors_change_applies_at_once(world):
    world.bot.volunteering.self_service = True
    done = say(world, "chloe", "my time zone: America/Montreal", language="en")
    assert "your entry is up to date" in done.text
    assert load_roster(world.roster_path, world.sandbox.domain).mentor(world.acct("chloe")).timezone == \
        "America/Montreal"
    assert to_moderators(world, "Changement de fiche") == []
    unclear = say(world, "chloe", "my time zone: Mars/Olympus", language="en")
    assert '"Mars/Olympus"' in unclear.text


def test_the_report_and_the_weekly_digest_count_candidacies_and_mentors_who_joined(world):
    from bot.features.moderation.figures import Candidacies
    from bot.features.moderation.report import render
    from bot.features.moderation.report_figures import compute

    submitted(world)
    submitted(world, "dmitri@uni.example")
    say(world, "anne", "accepter 1")
    say(world, "anne", "refuser 2")
    world.post(ALICE, "Je cherche un mentor en podcasts #mentorat", language="fr")  # a report has requests
    world.tick()
    roster = load_roster(world.roster_path, world.sandbox.domain)
    with world.bot.store.transaction() as session:
        report = compute(session, roster=roster)
        digest = world.bot.moderation.digest_context(session, None, world.clock())
    assert report.candidacies == Candidacies(received=2, accepted=1, declined=1, joined=1)
    page = render(report, lang="fr", generated_at=world.clock())
    assert "<b>2</b>Candidatures de mentor·es reçues<small>acceptées 1, refusées 1\u202f; 1 mentor·es venu·es ainsi" in page
    text = world.bot.messages.render("mod_digest", "en", **digest)
    assert "Candidacies to mentor: 2 received, 1 accepted, 1 declined; 1 mentor joined this way in all" in text


def test_non_to_the_read_back_withdraws_the_candidacy_and_nothing_reaches_the_moderators(world):
    ask = say(world, LEA, "je propose de mentorer")
    readback = answer(world, LEA, ask, "sujets : podcasts\nlangues : fr")
    withdrawn = answer(world, LEA, readback, "non merci")
    assert "je n'envoie rien" in withdrawn.text
    assert [c.state for c in candidacies(world)] == ["withdrawn"] and to_moderators(world, "Candidature") == []
    assert "quelle belle envie" in say(world, LEA, "je veux devenir mentor·e").text  # and may start again


def test_a_volunteer_who_said_stop_meanwhile_is_not_written_to_when_accepted(world):
    submitted(world)
    say(world, LEA, "stop")
    heard = len(world.seen_by(LEA))
    assert "C'est fait" in say(world, "anne", "accepter 1").text
    assert len(world.seen_by(LEA)) == heard
