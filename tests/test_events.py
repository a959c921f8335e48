"""Real server payloads (tests/fixtures, see SOURCES.md) parsed into the bot's typed values."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.platform.events import (
    account_from_dict,
    html_to_text,
    notification_from_dict,
    status_from_dict,
)
from bot.sandbox import FLAVOURS, Sandbox

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


# -- HTML to text -------------------------------------------------------------------------------


def test_a_local_h_card_mention_becomes_the_handle_and_the_acct_gets_the_instance_domain():
    [payload] = load("mastodon-4.6-dev_notifications_mention.json")
    notification = notification_from_dict(payload, "localhost:3000")
    assert (notification.id, notification.type) == ("20", "mention")
    assert notification.account.acct == "admin@localhost:3000"
    assert notification.created_at == datetime(2026, 8, 1, 13, 51, 39, 668000, tzinfo=timezone.utc)
    status = notification.status
    assert status.text == "@mastodonpy_test hello!"
    assert [m.acct for m in status.mentions] == ["mastodonpy_test@localhost:3000"]
    assert status.mentions_acct("mastodonpy_test@localhost:3000")
    assert (status.visibility, status.language) == ("public", "en")


def test_remote_mentions_keep_their_domain_and_local_ones_get_the_viewing_server():
    payload = load("mastodon.social_notifications_mentions.json")[1]
    status = notification_from_dict(payload, "mastodon.social").status
    assert [m.acct for m in status.mentions] == ["halcy@mastodon.social", "halcy@glitch.social",
                                                 "halcy@hachyderm.io"]
    assert status.text.startswith("@halcy@mastodon.social @halcy@glitch.social @halcy@hachyderm.io ")
    assert status.visibility == "direct"
    assert status.account.acct == "latencyobs@icosahedron.website"


def test_a_mention_whose_post_was_deleted_has_no_status():
    payload = load("mastodon.social_notifications_mentions.json")[0]
    notification = notification_from_dict(payload, "mastodon.social")
    assert notification.type == "mention" and notification.status is None
    assert notification.account.acct == "latencyobs@icosahedron.website"


def test_a_link_split_in_invisible_spans_reads_as_the_whole_link():
    status = status_from_dict(load("mastodon-4.6-dev_status_link_card.json"), "localhost:3000")
    assert status.text == "http://example.org/"
    assert status.has_card


def test_a_long_link_with_an_ellipsis_reads_in_full_after_a_line_break():
    status = status_from_dict(load("mastodon.social_status_fr_hashtag_link.json"), "mastodon.social")
    assert status.text == ("Vraiment extra cette petite série. #conseilpodcast \n"
                           "https://www.blast-info.fr/podcasts/les-sons-qui-font-lhistoire-O0FeP00qS-OfzzIItvshHw")
    assert status.tags == ("conseilpodcast",)
    assert status.language == "fr"


def test_line_breaks_accents_and_entities_of_a_french_post():
    status = status_from_dict(load("fosstodon.org_status_fr_plain.json"), "fosstodon.org")
    lines = status.text.split("\n")
    assert len(lines) == 3
    assert "de l'épisode 5 de Nodame Cantabile, de 25'40 à 32'30" in lines[0]
    assert lines[2] == "Et après je recommence en alternant."
    assert status.account.acct == "carabosse@piaille.fr"  # handles are lower-cased
    assert status.language == "fr"


def test_paragraphs_become_blank_lines_and_tags_are_lower_cased_whatever_the_server_kept():
    status = status_from_dict(load("mastodon.social_status_de_reply_mention_hashtags.json"), "mastodon.social")
    paragraphs = status.text.split("\n\n")
    assert [p.strip() for p in paragraphs][0] == "@markusreuter"
    assert paragraphs[2] == "#ichbinhanna #justsaying"
    assert status.tags == ("ichbinhanna", "justsaying")  # tags[] says "IchbinHanna"
    assert [m.acct for m in status.mentions] == ["markusreuter@23.social"]
    assert status.language == "de"


def test_html_to_text_handles_entities_breaks_and_plain_text():
    assert html_to_text("<p>I&#39;m &amp; you&#39;re</p><p>a<br>b<br/>c<br />d</p>") == "I'm & you're\n\na\nb\nc\nd"
    assert html_to_text("  just text  ") == "just text"
    assert html_to_text(None) == ""


def test_a_deleted_status_answer_has_its_source_text_instead_of_content():
    status = status_from_dict(load("mastodon-4.6-dev_status_delete_response.json"), "localhost:3000")
    assert status.text == "@mastodonpy_test hello!"
    assert status.account.acct == "admin@localhost:3000"


def test_a_direct_message_keeps_its_visibility():
    status = status_from_dict(load("mastodon-4.6-dev_status_post_direct_mention.json"), "localhost:3000")
    assert status.visibility == "direct"
    assert [m.acct for m in status.mentions] == ["mastodonpy_test_2@localhost:3000"]


# -- accounts -----------------------------------------------------------------------------------


def test_an_account_note_and_fields_as_text():
    account = account_from_dict(load("mastodon.social_verify_credentials.json"), "mastodon.social")
    assert account.acct == "halcy@mastodon.social" and account.handle == "@halcy@mastodon.social"
    assert account.note.startswith("https://halcy.de/ ~ Local account.\n\nNow also and possibly primarily @halcy")
    assert account.fields == (("i have a field now", ":sidekiq:"),)
    assert account.name == "autumnal halcy"
    assert not account.profile_has_tag("nobot")


# -- other servers ------------------------------------------------------------------------------


def test_gotosocial_ulid_ids_rel_attributes_and_mixed_case_accounts():
    status = status_from_dict(load("gotosocial_status_mention_modelled.json"), "gts.example")
    assert status.id == "01J9Z3Q4W8XK2M5N7P0R1S3T5V"
    assert status.text == ("Bonjour @mentorat et @Bob !\n"
                           "Je cherche quelqu'un pour parler #CommunautesDePratique #Mentorat")
    assert [m.acct for m in status.mentions] == ["mentorat@gts.example", "bob@other.example"]
    assert status.tags == ("communautesdepratique", "mentorat")
    assert status.account.acct == "camille@gts.example"
    assert status.link == "https://gts.example/@camille/statuses/01J9Z3Q4W8XK2M5N7P0R1S3T5V"


def test_pleroma_content_without_paragraphs_and_without_language():
    status = status_from_dict(load("pleroma_status_language_null_modelled.json"), "social.example")
    assert status.text == "@mentorat I'm looking for a mentor in #NetworkedLearning\nThanks & regards"
    assert status.language is None
    assert status.mentions_acct("mentorat@social.example")
    assert status.tags == ("networkedlearning",)
    assert status.account.note == "Developer & learner"


def test_an_akkoma_quote_and_its_br_tags():
    status = status_from_dict(load("akkoma_status_quote.json"), "miraiverse.xyz")
    assert status.quote_id == "Al2KABLN3tuRoeE0A4"
    assert status.text == "from @technicat\n\nhttps://universeodon.com/@technicat/112973737736509814"
    assert [m.acct for m in status.mentions] == ["technicat@universeodon.com"]
    assert status.account.acct == "technicat@miraiverse.xyz"
    assert status.link == "https://miraiverse.xyz/notice/Al30Y6dIQNzsEKhR5s"


def test_a_boost_is_recognised():
    status = status_from_dict(load("mastodon_reblog_modelled.json"), "localhost:3000")
    assert status.is_boost
    assert status.account.acct == "admin@localhost:3000"


def test_three_letter_language_codes_are_kept():
    payload = load("fosstodon.org_status_fr_plain.json") | {"language": "kab"}
    assert status_from_dict(payload, "fosstodon.org").language == "kab"


# -- the sandbox speaks the same shapes ---------------------------------------------------------


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_sandbox_statuses_parse_like_the_real_ones(flavour):
    sandbox = Sandbox(flavour)  # never started: post_as needs no HTTP
    sandbox.add_account("mentorat", bot=True)
    sandbox.add_account("alice", domain="ecole.example")
    payload = sandbox.post_as("alice@ecole.example", "Bonjour @mentorat !\nJe cherche #Mentorat l'été",
                              visibility="direct", language="fr")
    status = status_from_dict(payload, sandbox.domain)
    assert status.text == "Bonjour @mentorat !\nJe cherche #Mentorat l'été"
    assert [m.acct for m in status.mentions] == ["mentorat@sandbox.example"]
    assert status.tags == ("mentorat",)
    assert (status.visibility, status.language) == ("direct", "fr")
    assert status.account.acct == "alice@ecole.example"


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_quote_is_recognised_on_every_server(flavour):
    sandbox = Sandbox(flavour)
    sandbox.add_account("bob")
    quoted = sandbox.post_as("bob", "Citation")
    payload = sandbox.post_as("bob", "Je cite", quote_id=quoted["id"])
    expected = None if flavour == "gotosocial" else quoted["id"]  # GoToSocial has no quote posts
    assert status_from_dict(payload, sandbox.domain).quote_id == expected


def test_a_gotosocial_system_note_is_not_part_of_what_the_person_wrote():
    html = ('<p>Je cherche un mentor</p><div class="gts-system-message gts-attachments">'
            '<p>Note from sandbox.example: 1 attachment was not downloaded.</p></div>')
    assert html_to_text(html) == "Je cherche un mentor"
