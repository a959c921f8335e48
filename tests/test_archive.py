"""The archive: one readable page per conversation, public and unlisted replies only, written safely and stably."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from bot.features.conversations.archive import ArchiveEntry, page_name, write_archive
from bot.language.weaving import Conversation, Reply, weave

OPENED = datetime(2027, 1, 12, 17, 0, tzinfo=timezone.utc)  # 18:00 in Paris
HOST = {"handle": "@anne@communaute.example", "name": "Anne-Marie"}
# A CommonMark renderer that lets raw HTML through: the worst place a Markdown page can be shown.
MARKDOWN = MarkdownIt("commonmark")


def conversation(conversation_id: str = "reverse-mentoring-1", language: str = "fr", questions=None,
                 title: str = "Le mentorat inversé", **kwargs) -> Conversation:
    return Conversation(
        id=conversation_id, title=title, hashtag="mentoratouvert", language=language,
        questions=questions or ("Qu'avez-vous appris d'une personne plus jeune ?", "Où est-ce difficile ?"),
        host=kwargs.pop("host", HOST), url=kwargs.pop("url", "https://communaute.example/@mentorat/100"), **kwargs)


def reply(n: int, text: str, question: int | None = 1, *, who: str = "bea", name: str = "Béa",
          visibility: str = "public", quotable: bool = True, url: str | None = None) -> Reply:
    return Reply(id=str(n), url=url or f"https://ecole.example/@{who}/{n}", author_acct=f"{who}@ecole.example",
                 author_name=name, text=text, question=question, visibility=visibility,
                 created_at=OPENED + timedelta(minutes=n), quotable=quotable)


def entry(replies=(), digest=(), *, opened=OPENED, closed: datetime | None = OPENED + timedelta(hours=2),
          fmt: str = "live", **kwargs) -> ArchiveEntry:
    return ArchiveEntry(conversation=conversation(**kwargs), replies=list(replies), digest=list(digest),
                        opened_at=opened, closed_at=closed, format=fmt)


def page(tmp_path: Path, archived: ArchiveEntry, fmt: str = "md") -> str:
    paths = write_archive([archived], tmp_path / "archive", fmt)
    return paths[0].read_text(encoding="utf-8")


def section(text: str, start: str, end: str) -> str:
    """The part of `text` from `start` up to `end` (or the end)."""
    begin = text.index(start)
    stop = text.find(end, begin + len(start))
    return text[begin:stop if stop != -1 else None]


# --- hostile text ------------------------------------------------------------------------------

HOSTILE = reply(1, "A1 <script>alert('pwned')</script> et [clic](javascript:alert(1)) **gras**",
                name="<img src=x onerror=alert(1)>", url="javascript:alert(2)")


def test_html_page_shows_hostile_text_as_text_never_as_markup(tmp_path):
    html = page(tmp_path, entry([HOSTILE], title="<b>Titre</b>"), "html")
    assert "<script" not in html.lower() and "<img" not in html and "<b>Titre" not in html
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;b&gt;Titre&lt;/b&gt;" in html
    assert 'href="javascript' not in html  # a link only ever goes to http(s)


def test_markdown_page_shows_hostile_text_as_text_even_where_raw_html_is_allowed(tmp_path):
    markdown = page(tmp_path, entry([HOSTILE], title="<b>Titre</b>"), "md")
    rendered = MARKDOWN.render(markdown)
    assert "<script" not in rendered.lower() and "<img" not in rendered and "<b>" not in rendered
    assert "&lt;script&gt;alert('pwned')&lt;/script&gt;" in rendered
    assert "[clic](javascript:alert(1)) **gras**" in rendered  # the words as written, not a link nor bold
    assert "javascript" not in "".join(part.split('"')[0] for part in rendered.split('href="')[1:])


# --- what appears ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_only_public_and_unlisted_replies_of_people_who_may_be_quoted_appear(tmp_path, fmt):
    replies = [
        reply(1, "A1 PUBLICWORD", who="pub", name="Publique"),
        reply(2, "A1 UNLISTEDWORD", who="unl", name="Nonlistee", visibility="unlisted"),
        reply(3, "A1 PRIVATEWORD", who="priv", name="Privee", visibility="private"),
        reply(4, "A1 DIRECTWORD", who="dm", name="Directe", visibility="direct"),
        reply(5, "A1 OPTEDOUTWORD", who="nobot", name="Refus", quotable=False),
    ]
    text = page(tmp_path, entry(replies), fmt)
    assert "PUBLICWORD" in text and "UNLISTEDWORD" in text and "Publique" in text and "Nonlistee" in text
    for hidden in ("PRIVATEWORD", "DIRECTWORD", "OPTEDOUTWORD", "Privee", "Directe", "Refus", "priv@", "dm@", "nobot@"):
        assert hidden not in text
    assert "2 réponses" in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_replies_sit_in_order_under_the_question_they_answer(tmp_path, fmt):
    replies = [  # given out of order: the page follows time
        reply(7, "A1 TROISIEME", who="cam", name="Camille"),
        reply(2, "A1 PREMIERE", who="bea", name="Béa"),
        reply(4, "A2 DEUXIEME", question=2, who="dan", name="Dan"),
        reply(9, "Merci pour ce fil SANSNUMERO", question=None, who="eve", name="Ève"),
    ]
    text = page(tmp_path, entry(replies), fmt)
    q1 = section(text, "Q1 — ", "Q2 — ")
    q2 = section(text, "Q2 — ", "Autres réponses")
    others = section(text, "Autres réponses", "Seules les réponses")
    assert q1.index("PREMIERE") < q1.index("TROISIEME") and "DEUXIEME" not in q1 and "SANSNUMERO" not in q1
    assert "DEUXIEME" in q2 and "PREMIERE" not in q2
    assert "SANSNUMERO" in others
    # each with its author, handle, time (in the community's zone) and link
    assert "Béa" in q1 and "bea@ecole.example" in q1 and "12 janv. 2027, 18:02" in q1
    assert "https://ecole.example/@bea/2" in q1
    # the A1 tag and the leading mention are not part of what people said
    assert "A1 PREMIERE" not in text


def test_with_one_question_every_reply_answers_it(tmp_path):
    text = page(tmp_path, entry([reply(1, "Sans étiquette", question=None)], questions=("Une seule ?",)))
    assert "Sans étiquette" in section(text, "## Q1 — Une seule\u202f?", "## ")
    assert "Autres réponses" not in text


def test_a_question_without_public_reply_says_so(tmp_path):
    text = page(tmp_path, entry([reply(1, "A1 oui")]))
    assert "Pas de réponse publique." in section(text, "Q2 — ", "## ")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_french_page_has_its_facts_and_digest_in_french(tmp_path, fmt):
    digest = ["Tissage de la conversation « Le mentorat inversé ».\n2 personnes ont pris part à l'échange. (1/2)",
              "La conversation continue : répondez dans ce fil. (2/2)"]
    text = page(tmp_path, entry([reply(1, "A1 oui")], digest), fmt)
    for expected in ("Le mentorat inversé", "#mentoratouvert", "Langue\u202f:", "français",
                     "Ouverture\u202f:", "mardi 12 janvier 2027 à 18:00 (UTC+1)", "Clôture\u202f:", "20:00",
                     "Animation\u202f:", "Anne-Marie (anne@communaute.example)", "en direct",
                     "Qu&#39;avez-vous appris" if fmt == "html" else "Qu'avez-vous appris",
                     "Synthèse", "Tissage de la conversation", "2 personnes ont pris part",
                     "https://communaute.example/@mentorat/100"):
        assert expected in text, expected
    assert "(1/2)" not in text and "(2/2)" not in text  # one section, not a thread of posts
    assert " :" not in text.replace("Qu'avez", "")  # French puts a narrow no-break space before a colon
    assert text.index("Q2 — ") < text.index("Synthèse")  # the digest comes last
    if fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and '<html lang="fr">' in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_english_page_is_worded_in_english(tmp_path, fmt):
    text = page(tmp_path, entry([reply(1, "A1 yes")], ["Weaving of the conversation."], language="en",
                                 title="Reverse mentoring", closed=None, fmt="slow", host=None), fmt)
    for expected in ("Reverse mentoring", "Hashtag:", "Language:", "English", "Opened:",
                     "Tuesday, 12 January 2027 at 18:00 (UTC+1)", "not yet, the conversation is open",
                     "at your own pace", "1 reply", "Digest", "Weaving of the conversation.", "All conversations"):
        assert expected in text, expected
    for french in ("Ouverture", "Synthèse", "Animation", "Host:"):
        assert french not in text


def test_no_digest_no_digest_section(tmp_path):
    text = page(tmp_path, entry([reply(1, "A1 oui")], digest=[], closed=None))
    assert "Synthèse" not in text and "pas encore, la conversation est ouverte" in text


def test_markdown_page_reads_as_written_once_rendered(tmp_path):
    text = reply(1, "A1 Pour moi : *écouter* d'abord, voir https://ecole.example/notes_2027.\n\n"
                    "# pas un titre\n- pas une liste\n\n2027. Une année & demie #mentorat")
    rendered = MARKDOWN.render(page(tmp_path, entry([text])))
    assert "<p>Pour moi : *écouter* d'abord, voir " \
           '<a href="https://ecole.example/notes_2027">https://ecole.example/notes_2027</a>.</p>' in rendered
    assert "<p># pas un titre - pas une liste</p>" in rendered  # its own paragraph
    assert "<p>2027. Une année &amp; demie</p>" in rendered  # not a list; the trailing hashtag dropped
    assert '<a href="https://ecole.example/@bea/1">voir sur ecole.example</a>' in rendered  # says where it goes


# --- files -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, lang, heading", [("md", "fr", "Archive des conversations ouvertes"),
                                                 ("html", "en", "Archive of open conversations")])
def test_index_lists_every_conversation_newest_first(tmp_path, fmt, lang, heading):
    entries = [entry(conversation_id=f"conv-{n}", title=f"Conversation {n}", opened=OPENED + timedelta(days=n),
                     language="fr" if n % 2 else "en") for n in range(3)]
    out = tmp_path / "archive"
    paths = write_archive(entries, out, fmt, language=lang)
    pages, index = paths[:-1], paths[-1]
    assert index == out / f"index.{fmt}"
    assert [p.name for p in pages] == [f"2027-01-{12 + n}-conv-{n}.{fmt}" for n in range(3)]
    listing = index.read_text(encoding="utf-8")
    assert heading in listing
    positions = [listing.index(p.name) for p in reversed(pages)]
    assert positions == sorted(positions), "newest first"
    assert all(f"Conversation {n}" in listing for n in range(3))
    assert f"index.{fmt}" in pages[0].read_text(encoding="utf-8")  # each page links back


def test_rewriting_the_same_entries_leaves_the_same_files(tmp_path):
    out = tmp_path / "archive"
    entries = [entry([reply(1, "A1 oui"), reply(2, "A2 non", question=2)], ["Tissage."]),
               entry(conversation_id="autre", opened=OPENED + timedelta(days=1))]
    first = write_archive(entries, out, "html")
    contents = {p: p.read_bytes() for p in first}
    stamps = {p: p.stat().st_mtime_ns for p in first}
    second = write_archive(entries, out, "html")
    assert second == first
    assert {p: p.read_bytes() for p in second} == contents
    assert {p: p.stat().st_mtime_ns for p in second} == stamps  # unchanged pages are not touched
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in first)  # no temporary files left


def test_a_page_is_replaced_whole_so_a_reader_never_sees_half_of_it(tmp_path):
    out = tmp_path / "archive"
    path = write_archive([entry([reply(1, "A1 AVANT")])], out)[0]
    with path.open(encoding="utf-8") as reader:  # someone is reading the old page…
        write_archive([entry([reply(1, "A1 AVANT"), reply(2, "A1 APRES")])], out)
        old = reader.read()
    assert "AVANT" in old and "APRES" not in old and old.endswith("\n")  # …and gets all of it
    assert "APRES" in path.read_text(encoding="utf-8")
    assert os.stat(path).st_mode & 0o444 == 0o444  # readable by the web server


def test_file_names_are_stable_and_distinct():
    assert page_name(entry()) == "2027-01-12-reverse-mentoring-1.md"
    assert page_name(entry(), "html") == "2027-01-12-reverse-mentoring-1.html"
    # the day is the community's: 23:30 UTC on the 12th is already the 13th in Paris
    assert page_name(entry(opened=datetime(2027, 1, 12, 23, 30, tzinfo=timezone.utc))).startswith("2027-01-13-")
    assert page_name(entry(conversation_id="42")) == "2027-01-12-mentoratouvert-42.md"
    odd, other = page_name(entry(conversation_id="Café Été")), page_name(entry(conversation_id="cafe-ete"))
    assert odd.startswith("2027-01-12-cafe-ete-") and other == "2027-01-12-cafe-ete.md" and odd != other
    assert "/" not in page_name(entry(conversation_id="../../etc/passwd"))


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="pdf"):
        write_archive([entry()], tmp_path, "pdf")


# --- the page as a person reads it -------------------------------------------------------------


def woven_entry(**kwargs) -> ArchiveEntry:
    """A conversation closed with the digest the bot really posts: a thread of parts, with mentions at the end."""
    replies = [reply(1, "A1 Une stagiaire m'a appris à animer avec des cartes mentales, vraiment : "
                        "https://ecole.example/notes/un-tres-long-titre-de-billet-qui-ne-finit-pas-2027",
                     who="chloe", name="Chloé"),
               reply(2, "A1 A younger colleague taught me to prototype in public.", who="taruna", name="Taruna")]
    replies[1] = Reply(**{**replies[1].__dict__, "language": "en", "visibility": "unlisted"})
    archived = entry(replies, **kwargs)
    digest = weave(archived.conversation, replies, limit=300, lang="fr",
                   mention_allowed=["chloe@ecole.example", "anne@communaute.example"])
    assert len(digest) > 1 and digest[0].endswith(f"(1/{len(digest)})")  # posted as a thread
    return ArchiveEntry(**{**archived.__dict__, "digest": digest})


def test_the_digest_is_a_section_of_the_page_not_a_thread_of_posts(tmp_path):
    html = page(tmp_path, woven_entry(), "html")
    digest = section(html, '<section class="digest"', "</section>")
    assert "(1/" not in digest and "@chloe@" not in digest  # no thread marks, no line of mentions
    assert "<h3>Q1 — Qu&#39;avez-vous appris d&#39;une personne plus jeune\u202f?</h3>" in digest
    # an excerpt links from its author's name, to their reply
    assert '— <a href="https://ecole.example/@chloe/1" title="https://ecole.example/@chloe/1" ' \
           'rel="nofollow ugc">Chloé</a></li>' in digest
    assert ">https://" not in html  # no address shown as a link's text, to widen a phone's page
    # the question nobody answered is said once, in the page's words
    assert html.count("Où est-ce difficile") == 1 and "à vous" not in html
    assert "Pas de réponse publique." in section(html, "Q2 — ", "</section>")


def test_replies_say_their_language_time_zone_and_where_their_link_goes(tmp_path):
    html = page(tmp_path, woven_entry(), "html")
    assert '<blockquote lang="en">\n<p>A younger colleague' in html
    assert '<blockquote lang="fr">\n<p>Une stagiaire' in html
    assert "12 janv. 2027, 18:01 (UTC+1)" in html
    assert 'title="https://ecole.example/@taruna/2" rel="nofollow ugc">voir sur ecole.example</a>' in html
    # a long address in a reply reads as where it goes, cut short; the whole of it is the link and its title
    assert '<a href="https://ecole.example/notes/un-tres-long-titre-de-billet-qui-ne-finit-pas-2027" ' \
           'title="https://ecole.example/notes/un-tres-long-titre-de-billet-qui-ne-finit-pas-2027" ' \
           'rel="nofollow ugc">ecole.example/notes/un-tres-long-titre-…</a>' in html
    assert "vraiment\u202f:" not in html and "vraiment :" in html  # people's words stay as they wrote them


def test_the_markdown_digest_links_from_names_too(tmp_path):
    rendered = MARKDOWN.render(page(tmp_path, woven_entry(), "md"))
    digest = rendered[rendered.index("<h2>Synthèse</h2>"):]
    assert '— <a href="https://ecole.example/@chloe/1">Chloé</a></li>' in digest
    assert '<a href="https://communaute.example/@mentorat/100">voir sur communaute.example</a>' in digest
    assert "(1/" not in digest and "@chloe@" not in digest and ">https://" not in digest
