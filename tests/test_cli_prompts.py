"""`mentorat prompts list|preview|check`: the reflection prompts from the command line, without instance nor token."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.app.cli import main
from bot.language.messages import count_length
from bot.language.prompt_views import SAMPLE_HOST, sample_context
from bot.language.reflections import PromptLibrary

REFLECTIONS = Path(__file__).resolve().parent.parent / "prompts" / "reflections"
SHIPPED = PromptLibrary(REFLECTIONS)


@pytest.fixture(autouse=True)
def no_instance(monkeypatch):
    """Nothing about an instance, a token or settings in the environment: these commands need none."""
    for name in ("MENTORAT_CONFIG", "MENTORAT_PROMPTS_DIR", "MENTORAT_INSTANCE_URL", "MENTORAT_ACCESS_TOKEN",
                 "MENTORAT_ROSTER", "MENTORAT_TIMEZONE"):
        monkeypatch.delenv(name, raising=False)


def prompts_folder(tmp_path: Path, ids: list[str]) -> tuple[Path, Path]:
    """A prompts_dir with the shared wording and some shipped prompts, and a settings file naming it."""
    reflections = tmp_path / "prompts" / "reflections"
    for lang in ("fr", "en"):
        (reflections / lang).mkdir(parents=True)
        for source in (REFLECTIONS / lang).glob("_*.txt.j2"):
            shutil.copy(source, reflections / lang / source.name)
        for prompt_id in ids:
            shutil.copy(REFLECTIONS / lang / f"{prompt_id}.md.j2", reflections / lang / f"{prompt_id}.md.j2")
    config = tmp_path / "mentorat.toml"
    config.write_text(f'[sending]\nprompts_dir = "{(tmp_path / "prompts").as_posix()}"\n', encoding="utf-8")
    return reflections, config


def test_list_prints_one_prompt_per_line_id_first(capsys):
    assert main(["prompts", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == SHIPPED.ids()
    line = next(line for line in lines if line.startswith("reverse-mentoring "))
    assert line.split()[1] == "fr,en" and line.endswith("Le mentorat inversé")


def test_preview_shows_every_post_as_posted_with_its_length(capsys):
    assert main(["prompts", "preview", "reverse-mentoring", "--lang", "en"]) == 0
    shown = capsys.readouterr().out
    prompt = SHIPPED.get("reverse-mentoring", "en")
    posts = SHIPPED.posts(prompt, **sample_context("live", SAMPLE_HOST))
    assert [label for label, _ in posts] == ["opening", "Q1", "Q2", "Q3", "closing"]
    for label, text in posts:
        assert f"── {label} [{count_length(text)}/500]\n{text}\n" in shown + "\n"
    assert shown.index("── opening") < shown.index("── Q1") < shown.index("── Q3") < shown.index("── closing")
    assert "Reverse mentoring" in shown and "Le mentorat inversé" not in shown


def test_preview_counts_a_link_as_the_instance_does(tmp_path, capsys):
    reflections, config = prompts_folder(tmp_path, [])
    link = "https://communaute.example/" + "tres-long-chemin/" * 10
    (reflections / "fr" / "demo.md.j2").write_text(
        "---\nid: demo\ntitle: Démo\nlanguage: fr\nquestions: [\"Une question ?\"]\nhashtags: []\n"
        f"formats: [slow]\n---\nLire {link} avant de répondre.\n", encoding="utf-8")
    assert main(["prompts", "preview", "demo", "--config", str(config)]) == 0
    shown = capsys.readouterr().out
    opening = shown.split("── opening ")[1].split("\n── ")[0]
    length = int(opening[1:opening.index("/")])
    text = opening.split("\n", 1)[1].strip()
    assert link in text and length == count_length(text) < len(text)  # a URL counts 23, as on Mastodon


def test_preview_against_a_smaller_limit_flags_the_posts_that_do_not_fit(capsys):
    assert main(["prompts", "preview", "reverse-mentoring", "--lang", "fr", "--format", "slow", "--limit", "200"]) == 1
    shown = capsys.readouterr().out
    assert "/200] too long" in shown and "(fr, slow)" in shown


def test_preview_of_an_unknown_prompt_suggests_the_close_one(capsys):
    assert main(["prompts", "preview", "reverse-mentorin"]) == 1
    assert "no reflection prompt 'reverse-mentorin'; did you mean 'reverse-mentoring'?" in capsys.readouterr().out


def test_check_passes_on_the_shipped_prompts(capsys):
    assert main(["prompts", "check"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == f"{2 * len(SHIPPED.ids())} prompt file(s) checked: every post fits in 500 characters"


def test_check_uses_the_configured_prompts_dir_and_names_the_broken_file_and_line(tmp_path, capsys):
    reflections, config = prompts_folder(tmp_path, ["pass-it-on"])
    broken = reflections / "en" / "pass-it-on.md.j2"
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines.append("See you at {{ starts_at|datetime }} with {{ hots|person }}.")
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["prompts", "check", "--config", str(config)]) == 1
    out = capsys.readouterr().out
    assert f"{broken}:{len(lines)}: template: 'hots' is undefined" in out
    assert out.splitlines()[-1] == "2 prompt file(s) checked: 1 problem(s)"
    # the prompts shipped with the bot are not the ones checked
    assert "reverse-mentoring" not in out


def test_check_names_a_broken_front_matter_and_list_refuses_it(tmp_path, capsys):
    reflections, config = prompts_folder(tmp_path, ["pass-it-on"])
    broken = reflections / "fr" / "demo.md.j2"
    broken.write_text("---\nid: demo\ntitle: Démo\nlanguage: fr\nquestions: [\"Q ?\"\nformats: [live]\n---\nBonjour\n",
                      encoding="utf-8")
    assert main(["prompts", "check", "--config", str(config)]) == 1
    out = capsys.readouterr().out
    assert f"{broken}:" in out and "front matter is not valid YAML" in out
    assert main(["prompts", "list", "--config", str(config)]) == 1
    assert "demo.md.j2" in capsys.readouterr().out


def test_check_flags_a_post_over_the_limit(tmp_path, capsys):
    reflections, config = prompts_folder(tmp_path, ["pass-it-on"])
    assert main(["prompts", "check", "--config", str(config), "--limit", "150"]) == 1
    out = capsys.readouterr().out
    assert f"{reflections / 'fr' / 'pass-it-on.md.j2'}: opening (live, with a host) is" in out
    assert "over 150" in out


def test_a_missing_prompts_dir_is_named(tmp_path, capsys):
    config = tmp_path / "mentorat.toml"
    config.write_text(f'[sending]\nprompts_dir = "{(tmp_path / "nowhere").as_posix()}"\n', encoding="utf-8")
    assert main(["prompts", "check", "--config", str(config)]) == 1
    assert f"{tmp_path / 'nowhere' / 'reflections'}: no such folder" in capsys.readouterr().out


def test_a_broken_settings_file_is_a_configuration_error(tmp_path, capsys):
    config = tmp_path / "mentorat.toml"
    config.write_text("[sending]\nprompt_dir = 'x'\n", encoding="utf-8")
    assert main(["prompts", "list", "--config", str(config)]) == 2
    assert 'did you mean "prompts_dir"' in capsys.readouterr().err

