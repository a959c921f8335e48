"""Reflection prompts: the shipped library, front-matter errors, rendering, the prompt tools, A1 answers."""

from __future__ import annotations

import io
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
import regex

from bot.language.messages import count_length
from bot.language.prompt_views import check_prompts, list_prompts, preview_prompt
from bot.language.reflections import (
    PromptError,
    PromptLibrary,
    UnknownPrompt,
    recognise_answer,
)

REFLECTIONS = Path(__file__).resolve().parent.parent / "prompts" / "reflections"
LIMIT = 500
MENTION = regex.compile(r"(?<![=/\w])@[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*", regex.IGNORECASE)
URL = regex.compile(r"https?://\S+")
HOST = {"handle": "@anne.marie@communaute.example", "name": "Anne-Marie"}
START = datetime(2027, 1, 12, 17, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def library() -> PromptLibrary:
    return PromptLibrary(REFLECTIONS)


def context(fmt: str = "live", host=HOST) -> dict:
    return {"hashtag": "mentoratouvert", "host": host, "starts_at": START, "format": fmt}


def shipped_ids() -> list[str]:
    return sorted(p.name.removesuffix(".md.j2") for p in (REFLECTIONS / "fr").glob("*.md.j2"))


# --- the shipped prompts -----------------------------------------------------------------------


def test_at_least_ten_prompts_each_in_french_and_english(library):
    assert len(library.ids()) >= 10
    for prompt_id in library.ids():
        assert library.languages(prompt_id) == ["fr", "en"]
        french, english = library.get(prompt_id, "fr"), library.get(prompt_id, "en")
        assert (french.language, english.language) == ("fr", "en")
        assert 2 <= len(french.questions) <= 4
        assert len(french.questions) == len(english.questions), "A2 must mean the same question in both"
        assert french.title != english.title


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("prompt_id", shipped_ids())
def test_every_post_of_every_prompt_fits_in_500_characters(library, prompt_id, lang):
    prompt = library.get(prompt_id, lang)
    for fmt in prompt.formats:
        for host in (HOST, None):
            posts = library.posts(prompt, **context(fmt, host))
            assert [label for label, _ in posts] == ["opening"] + [f"Q{n}" for n in range(1, len(prompt.questions) + 1)] + ["closing"]
            for label, text in posts:
                assert count_length(text) <= LIMIT, f"{prompt_id} {lang} {fmt} {label}"
                assert "{{" not in text and "None" not in text and "\n\n\n" not in text
                assert MENTION.findall(URL.sub(" ", text)) == [], "a post never notifies anyone"
                assert text.endswith("#mentoratouvert " + " ".join("#" + t for t in prompt.hashtags))


def test_check_passes_on_the_shipped_library(library):
    out = io.StringIO()
    assert check_prompts(library, LIMIT, out) == 0
    assert f"{2 * len(library.ids())} prompt file(s) checked: every post fits in 500 characters" in out.getvalue()


def test_question_post_says_how_to_answer(library):
    fr = library.get("reverse-mentoring", "fr")
    text = library.render_question(fr, 2, **context())
    assert text.startswith(f"Q2 — {fr.questions[1]}")
    assert "A2" in text and "R2" in text
    en = library.render_question(library.get("reverse-mentoring", "en"), 1, **context("slow"))
    assert en.startswith("Q1 — What did you learn recently from someone younger than you?")
    assert "Start your answer with A1" in en
    with pytest.raises(ValueError):
        library.render_question(fr, 4, **context())


def test_opening_names_the_host_without_notifying_and_explains_the_format(library):
    prompt = library.get("my-network-mentors-me", "fr")
    live = library.render_opening(prompt, **context("live"))
    assert "Anne-Marie (anne.marie@communaute.example)" in live
    assert "Reid Hoffman" in live and "Q1 à Q3" in live and "A1, A2" in live
    slow = library.render_opening(prompt, **context("slow", host=None))
    assert "Anne-Marie" not in slow and "à votre rythme" in slow


def test_hashtags_are_not_repeated(library):
    prompt = library.get("what-mentoring-means", "fr")
    text = library.render_question(prompt, 1, **{**context(), "hashtag": "Mentorat"})
    assert text.endswith("\n\n#Mentorat") and text.lower().count("#mentorat") == 1
    more = library.render_closing(prompt, **{**context(), "hashtags": ["edchat", "#MentoratOuvert"]})
    assert more.endswith("\n\n#mentoratouvert #edchat #mentorat")


def test_missing_language_falls_back_to_the_other(tmp_path):
    folder = library_copy(tmp_path, ["reverse-mentoring"])
    (folder / "en" / "reverse-mentoring.md.j2").unlink()
    lib = PromptLibrary(folder)
    assert lib.languages("reverse-mentoring") == ["fr"]
    assert lib.get("reverse-mentoring", "en").language == "fr"
    out = io.StringIO()
    assert check_prompts(lib, LIMIT, out) == 0
    assert "reverse-mentoring has no en version" in out.getvalue()


def test_unknown_prompt_suggests_a_close_id(library):
    with pytest.raises(UnknownPrompt, match="reverse-mentoring"):
        library.get("reverse-mentorin", "fr")


# --- broken files ------------------------------------------------------------------------------


def library_copy(tmp_path: Path, ids: list[str]) -> Path:
    """A library with the shared wording and some of the shipped prompts."""
    folder = tmp_path / "reflections"
    for lang in ("fr", "en"):
        (folder / lang).mkdir(parents=True)
        for source in (REFLECTIONS / lang).glob("_*.txt.j2"):
            shutil.copy(source, folder / lang / source.name)
        for prompt_id in ids:
            shutil.copy(REFLECTIONS / lang / f"{prompt_id}.md.j2", folder / lang / f"{prompt_id}.md.j2")
    return folder


GOOD = """---
id: demo
title: Démo
language: fr
questions:
  - "Une question ?"
hashtags: [mentorat]
formats: [live]
---
Bonjour {{ hashtag }}.
"""


@pytest.mark.parametrize("text, problem", [
    ("Bonjour\n", "must start with a front matter"),
    ("---\nid: demo\n", "not closed"),
    (GOOD.replace("formats: [live]", "formats: [live"), "not valid YAML"),
    (GOOD.replace("title: Démo\n", ""), "missing field: title"),
    (GOOD.replace("hashtags:", "hashtag:"), "unknown field 'hashtag' (did you mean 'hashtags'?)"),
    (GOOD.replace("id: demo", "id: other"), "id 'other' differs from the file name"),
    (GOOD.replace("language: fr", "language: en"), "language 'en': expected 'fr'"),
    (GOOD.replace("formats: [live]", "formats: [weekly]"), "formats: expected one or more of live, slow"),
    (GOOD.replace('  - "Une question ?"', "  - 3"), "questions: expected a list of texts"),
    (GOOD.replace("[mentorat]", "[\"men torat\"]"), "hashtag 'men torat'"),
    (GOOD.replace("Bonjour {{ hashtag }}.", "Bonjour {{ hashtag }."), "template:"),
    (GOOD.replace("Bonjour {{ hashtag }}.", ""), "opening post"),
])
def test_front_matter_errors_name_the_file_and_the_problem(tmp_path, text, problem):
    folder = library_copy(tmp_path, [])
    path = folder / "fr" / "demo.md.j2"
    path.write_text(text, encoding="utf-8")
    lib = PromptLibrary(folder)
    with pytest.raises(PromptError) as error:
        lib.all()
    assert str(path) in str(error.value) and problem in str(error.value)
    out = io.StringIO()
    assert check_prompts(lib, LIMIT, out) == 1
    assert str(path) in out.getvalue()


def test_template_error_points_at_the_line_of_the_file(tmp_path):
    folder = library_copy(tmp_path, [])
    path = folder / "fr" / "demo.md.j2"
    path.write_text(GOOD.replace("Bonjour {{ hashtag }}.", "Ligne un.\n{% if format %}sans fin"), encoding="utf-8")
    with pytest.raises(PromptError) as error:
        PromptLibrary(folder).all()
    assert error.value.line == 11 and f"{path}:11:" in str(error.value)


def test_an_undefined_variable_is_an_error_not_blank_text(tmp_path):
    folder = library_copy(tmp_path, [])
    path = folder / "fr" / "demo.md.j2"
    path.write_text(GOOD.replace("{{ hashtag }}", "{{ hashtagg }}"), encoding="utf-8")
    lib = PromptLibrary(folder)
    with pytest.raises(PromptError, match="hashtagg"):
        lib.render_opening(lib.get("demo", "fr"), **context())
    out = io.StringIO()
    assert check_prompts(lib, LIMIT, out) == 1
    assert "hashtagg" in out.getvalue() and str(path) in out.getvalue()


def test_broken_files_do_not_hide_each_other_nor_stop_the_good_prompts(tmp_path):
    folder = library_copy(tmp_path, ["pass-it-on"])
    (folder / "fr" / "demo.md.j2").write_text("oops", encoding="utf-8")
    (folder / "en" / "demo.md.j2").write_text(GOOD.replace("language: fr", "language: en").replace("id: demo", "id: Demo"),
                                              encoding="utf-8")
    lib = PromptLibrary(folder)
    assert [p.id for p in lib.loaded()] == ["pass-it-on", "pass-it-on"]
    good = lib.loaded()[0]
    assert "Yoda" in lib.render_opening(good, **context())
    with pytest.raises(PromptError) as error:
        lib.ids()
    assert "fr/demo.md.j2" in str(error.value) and "en/demo.md.j2" in str(error.value)
    out = io.StringIO()
    assert check_prompts(lib, LIMIT, out) == 1
    report = out.getvalue().splitlines()
    assert report[-1] == "2 prompt file(s) checked: 2 problem(s)"
    assert sum("demo.md.j2" in line for line in report) == 2


def test_image_alt_and_single_format_are_read(tmp_path):
    folder = library_copy(tmp_path, [])
    (folder / "fr" / "demo.md.j2").write_text(GOOD.replace("formats:", "image_alt: Deux personnes discutent.\nformats:"),
                                              encoding="utf-8")
    prompt = PromptLibrary(folder).get("demo", "fr")
    assert prompt.image_alt == "Deux personnes discutent."
    assert prompt.formats == ("live",) and prompt.questions == ("Une question ?",)


# --- the prompt tools --------------------------------------------------------------------------


def test_list_prints_id_then_languages_then_title(library):
    out = io.StringIO()
    assert list_prompts(library, out) == 0
    lines = out.getvalue().splitlines()
    assert len(lines) == len(library.ids())
    line = next(line for line in lines if line.startswith("reverse-mentoring "))
    assert line.split()[:2] == ["reverse-mentoring", "fr,en"] and line.endswith("Le mentorat inversé")


def test_preview_shows_each_post_as_posted_with_its_length(library):
    out = io.StringIO()
    assert preview_prompt(library, "peer-feedback-culture", "en", LIMIT, out, host=None) == 0
    shown = out.getvalue()
    prompt = library.get("peer-feedback-culture", "en")
    for label, text in library.posts(prompt, **{**context("live", None), "hashtag": "mentoratouvert"}):
        assert f"── {label} [{count_length(text)}/500]\n{text}" in shown
    assert "── Q4" in shown and "── closing" in shown


def test_preview_flags_a_post_that_is_too_long(tmp_path):
    folder = library_copy(tmp_path, [])
    long_question = "Pourquoi " + "vraiment " * 60 + "?"
    (folder / "fr" / "demo.md.j2").write_text(GOOD.replace("Une question ?", long_question), encoding="utf-8")
    lib = PromptLibrary(folder)
    out = io.StringIO()
    assert preview_prompt(lib, "demo", "fr", LIMIT, out) == 1
    assert "too long" in out.getvalue()
    out = io.StringIO()
    assert check_prompts(lib, LIMIT, out) == 1
    assert "demo.md.j2: Q1 (live, with a host) is" in out.getvalue()


def test_preview_of_an_unknown_prompt_says_so(library):
    out = io.StringIO()
    assert preview_prompt(library, "nope", "fr", LIMIT, out) == 1
    assert "no reflection prompt 'nope'" in out.getvalue()


# --- answers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("A1 Pour moi le mentorat, c'est l'écoute", 1),
    ("A1: listening", 1),
    ("a2 - une question de confiance", 2),
    ("R1 Pour moi…", 1),
    ("r3. Merci !", 3),
    ("@mentorat@communaute.example A2 trust", 2),
    ("@mentorat @anne@communaute.example, A3 — oui", 3),
    ("A3", 3),
    ("A4 there are only three", None),
    ("A0 nothing", None),
    ("A10 not the first", None),
    ("Ah oui, très juste", None),
    ("A1B is not an answer tag", None),
    ("I agree with A1 above", None),
    ("@mentorat merci !", None),
    ("", None),
])
def test_recognise_answer(text, expected):
    assert recognise_answer(text, 3) == expected


def test_recognise_answer_with_many_questions():
    assert recognise_answer("A12 oui", 12) == 12
