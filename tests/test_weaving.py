"""The weaving digest: who is quoted, who is counted, open questions, thread size and mentions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import regex

from bot.language.messages import Messages, count_length
from bot.language.weaving import Conversation, Reply, can_quote, weave

PROMPTS = Path(__file__).resolve().parent.parent / "prompts"
MENTION = regex.compile(r"(?<![=/\w])@[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*(?:@[\w.-]+)?", regex.IGNORECASE)
URL = regex.compile(r"https?://\S+")
START = datetime(2027, 1, 12, 17, 0, tzinfo=timezone.utc)
HOST = {"handle": "@anne@communaute.example", "name": "Anne"}

CONVERSATION = Conversation(
    id="c1", title="Le mentorat inversé", hashtag="mentoratouvert", language="fr",
    questions=("Qu'avez-vous appris récemment de quelqu'un de plus jeune ?",
               "Dans quel domaine aimeriez-vous être mentoré·e ?"),
    host=HOST, url="https://communaute.example/@mentorat/100",
)

_ids = iter(range(1000, 100000))


def reply(author: str, text: str, question: int | None = 1, *, visibility: str = "public",
          quotable: bool = True, minutes: int = 0, in_reply_to: str | None = None, name: str | None = None) -> Reply:
    rid = str(next(_ids))
    return Reply(id=rid, url=f"https://{author.split('@')[1]}/@{author.split('@')[0]}/{rid}",
                 author_acct=author, author_name=name or author.split("@")[0].capitalize(),
                 text=text, question=question, visibility=visibility, created_at=START + timedelta(minutes=minutes),
                 quotable=quotable, in_reply_to_id=in_reply_to)


def mentions(posts: list[str]) -> list[str]:
    return [m for post in posts for m in MENTION.findall(URL.sub(" ", post))]


def text_of(posts: list[str]) -> str:
    return "\n".join(posts)


# --- who is quoted -----------------------------------------------------------------------------


def test_quotes_public_and_unlisted_replies_with_links_back():
    public = reply("bea@ex.example", "@mentorat A1 Ma stagiaire m'a appris les carnets partagés #mentoratouvert")
    unlisted = reply("carl@ex.example", "A1: à écouter avant de répondre", visibility="unlisted", minutes=1)
    posts = weave(CONVERSATION, [public, unlisted], limit=500, lang="fr")
    text = text_of(posts)
    assert "« Ma stagiaire m'a appris les carnets partagés » — Bea " + public.url in text
    assert "« à écouter avant de répondre » — Carl " + unlisted.url in text


@pytest.mark.parametrize("visibility", ["private", "direct"])
def test_a_private_or_direct_reply_is_never_quoted_even_if_marked_quotable(visibility):
    secret = reply("dan@ex.example", "A1 mon secret de famille", visibility=visibility)
    open_one = reply("bea@ex.example", "A1 les carnets partagés", minutes=1)
    assert not can_quote(secret)
    text = text_of(weave(CONVERSATION, [secret, open_one], limit=500, lang="fr"))
    assert "secret" not in text and secret.url not in text
    assert "2 personnes ont pris part" in text, "its author still took part"
    assert "… et 1 autre réponse dans le fil." in text


def test_an_author_who_opted_out_is_counted_but_never_quoted():
    nobot = reply("eve@ex.example", "A1 je préfère ne pas être citée", quotable=False)
    nobot_question = reply("eve@ex.example", "A2 Et si on parlait d'argent ?", 2, quotable=False, minutes=1)
    posts = weave(CONVERSATION, [nobot, nobot_question], limit=500, lang="fr")
    text = text_of(posts)
    assert "citée" not in text and "argent" not in text and "Eve" not in text
    assert "1 personne a pris part à l'échange, avec 2 réponses" in text
    assert "Questions restées ouvertes" not in text


def test_participants_are_counted_once_whatever_the_case_of_their_address():
    replies = [
        reply("bea@ex.example", "A1 un", minutes=0),
        reply("Bea@Ex.example", "A2 deux", 2, minutes=1),
        reply("carl@ex.example", "A1 trois", minutes=2),
        reply("dan@ex.example", "hors sujet mais merci", None, minutes=3),
    ]
    text = text_of(weave(CONVERSATION, replies, limit=500, lang="fr"))
    assert "3 personnes ont pris part à l'échange, avec 4 réponses" in text


def test_one_excerpt_per_person_per_question_at_most_three():
    replies = [reply(f"p{i}@ex.example", f"A1 idée numéro {i}", minutes=i) for i in range(5)]
    replies.append(reply("p0@ex.example", "A1 encore moi", minutes=9))
    text = text_of(weave(CONVERSATION, replies, limit=500, lang="fr"))
    assert [f"idée numéro {i}" in text for i in range(5)] == [True, True, True, False, False]
    assert "encore moi" not in text
    assert "… et 3 autres réponses dans le fil." in text


def test_long_replies_are_trimmed_to_short_excerpts():
    long = reply("bea@ex.example", "A1 " + "apprendre ensemble " * 40)
    posts = weave(CONVERSATION, [long], limit=500, lang="fr")
    line = next(line for line in text_of(posts).splitlines() if line.startswith("•"))
    assert "…" in line and count_length(line) < 250


def test_a_question_nobody_answered_says_so():
    text = text_of(weave(CONVERSATION, [reply("bea@ex.example", "A1 oui")], limit=500, lang="fr"))
    q2 = text.split("Q2 —", 1)[1]
    assert "Pas encore de réponse" in q2


def test_with_a_single_question_untagged_replies_answer_it():
    single = Conversation("c2", "Une question", "mentoratouvert", "fr", ("Qu'est-ce que le mentorat ?",), None)
    text = text_of(weave(single, [reply("bea@ex.example", "Une relation qui va et vient", None)], limit=500, lang="fr"))
    assert "« Une relation qui va et vient »" in text


# --- open questions ----------------------------------------------------------------------------


def test_questions_raised_and_left_unanswered_are_listed():
    asked = reply("bea@ex.example", "A1 J'ai appris beaucoup. Comment faire quand on n'ose pas demander ?")
    answered = reply("carl@ex.example", "A2 Faut-il un contrat écrit ?", 2, minutes=1)
    answer = reply("dan@ex.example", "Non, un accord oral suffit", None, minutes=2, in_reply_to=answered.id)
    self_reply = reply("eve@ex.example", "A1 Et les stages, ça compte ?", minutes=3)
    own_follow_up = reply("eve@ex.example", "je précise : les stages courts", None, minutes=4, in_reply_to=self_reply.id)
    text = text_of(weave(CONVERSATION, [asked, answered, answer, self_reply, own_follow_up], limit=500, lang="fr"))
    open_part = text.split("Questions restées ouvertes :", 1)[1]
    assert "« Comment faire quand on n'ose pas demander ? » — Bea " + asked.url in open_part
    assert "« Et les stages, ça compte ? » — Eve" in open_part, "answering oneself does not close a question"
    assert "contrat écrit" not in open_part


def test_no_open_questions_section_when_none():
    text = text_of(weave(CONVERSATION, [reply("bea@ex.example", "A1 tout est clair.")], limit=500, lang="fr"))
    assert "Questions restées ouvertes" not in text


# --- size --------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [500, 300])
def test_a_long_digest_becomes_a_numbered_thread_of_posts_within_the_limit(limit):
    replies = [reply(f"p{i}@ex{i}.example", f"A{i % 2 + 1} " + "Ce que j'ai appris de mes stagiaires : " * 5, i % 2 + 1,
                     minutes=i) for i in range(12)]
    replies += [reply(f"q{i}@ex.example", f"Une vraie question numéro {i} ?", None, minutes=20 + i) for i in range(3)]
    posts = weave(CONVERSATION, replies, limit=limit, lang="fr")
    assert len(posts) > 2
    assert all(count_length(post) <= limit for post in posts)
    assert [post.rsplit(" ", 1)[1] for post in posts] == [f"({i}/{len(posts)})" for i in range(1, len(posts) + 1)]
    assert "Q1 —" in text_of(posts) and "Q2 —" in text_of(posts) and "Questions restées ouvertes" in text_of(posts)


def test_a_short_digest_is_a_single_post():
    posts = weave(CONVERSATION, [reply("bea@ex.example", "A1 oui")], limit=500, lang="fr")
    assert len(posts) == 1 and not posts[0].endswith("/1)")


# --- mentions ----------------------------------------------------------------------------------


def test_nobody_is_mentioned_by_default_even_when_replies_mention_people():
    replies = [
        reply("bea@ex.example", "A1 merci à @victim@elsewhere.example et @carl pour l'idée", name="Bea @troll@x.example"),
        reply("carl@ex.example", "A2 @bea@ex.example tu as raison ?", 2, minutes=1),
    ]
    posts = weave(CONVERSATION, replies, limit=500, lang="fr")
    assert mentions(posts) == []
    assert "victim@elsewhere.example" in text_of(posts), "named, not notified"
    assert "Anne (anne@communaute.example)" in text_of(posts), "the facilitator is thanked by name"


def test_only_allowed_people_are_mentioned():
    replies = [reply("bea@ex.example", "A1 oui"), reply("carl@ex.example", "A1 non", minutes=1)]
    posts = weave(CONVERSATION, replies, limit=500, lang="fr",
                  mention_allowed=["@Anne@communaute.example", "carl@ex.example", "stranger@ex.example"])
    assert sorted(mentions(posts)) == ["@anne@communaute.example", "@carl@ex.example"]
    assert "\n\n@anne@communaute.example @carl@ex.example" in posts[-1], "host first, on their own line, at the end"


# --- languages and templates -------------------------------------------------------------------


def test_english_digest_through_a_given_messages_instance():
    messages = Messages(PROMPTS, languages=("fr", "en"))
    posts = weave(CONVERSATION, [reply("bea@ex.example", "A1 listening first"),
                                 reply("carl@ex.example", "A1 shh", visibility="private", minutes=1)],
                  limit=500, lang="en", messages=messages)
    text = text_of(posts)
    assert text.startswith('Weaving of the conversation "Le mentorat inversé".')
    assert "2 people took part, with 2 replies." in text
    assert '"listening first" — Bea' in text and "shh" not in text
    assert "Thanks to Anne (anne@communaute.example) for facilitating." in text


def test_nobody_answered():
    text = text_of(weave(CONVERSATION, [], limit=500, lang="fr"))
    assert "Personne n'a répondu cette fois-ci" in text and "Pas encore de réponse" in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_digest_template_lists_its_context_first(lang):
    assert (PROMPTS / lang / "digest.txt.j2").read_text(encoding="utf-8").startswith("{#")
