"""The Dockerfile and compose.yaml, read as Docker would read them (no Docker engine runs here)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from dockerfile_parse import DockerfileParser

ROOT = Path(__file__).resolve().parent.parent
COMPILERS = ("gcc", "build-essential", "g++", "clang", "make")


def dockerfile() -> list[dict]:
    parser = DockerfileParser(path=str(ROOT / "Dockerfile"))
    return parser.structure


def final_stage(instructions: list[dict]) -> list[dict]:
    starts = [i for i, ins in enumerate(instructions) if ins["instruction"] == "FROM"]
    return instructions[starts[-1]:]


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_the_image_is_built_in_two_stages_and_the_final_one_has_no_compiler():
    instructions = dockerfile()
    stages = [ins["value"] for ins in instructions if ins["instruction"] == "FROM"]
    assert len(stages) == 2 and stages[0].endswith(" AS build")
    final = final_stage(instructions)
    assert any(ins["instruction"] == "COPY" and ins["value"].startswith("--from=build ") for ins in final)
    runs = " ".join(ins["value"] for ins in final if ins["instruction"] == "RUN")
    assert not any(re.search(rf"\b{re.escape(c)}\b", runs) for c in COMPILERS)
    assert "pip install" not in runs  # everything was installed in the build stage


def test_the_image_runs_as_a_non_root_user_with_a_healthcheck_on_healthz():
    final = final_stage(dockerfile())
    users = [ins["value"] for ins in final if ins["instruction"] == "USER"]
    assert users and users[-1] not in ("root", "0")
    runs = " ".join(ins["value"] for ins in final if ins["instruction"] == "RUN")
    assert "useradd --system --uid 10001" in runs and users[-1] == "mentorat"
    health = [ins["value"] for ins in final if ins["instruction"] == "HEALTHCHECK"]
    assert len(health) == 1 and "http://127.0.0.1:9464/healthz" in health[0]
    cmd = [ins["value"] for ins in final if ins["instruction"] == "CMD"][-1]
    assert '"--http", "0.0.0.0:9464"' in cmd  # the port the healthcheck asks


def test_compose_runs_the_bot_beside_postgresql_16_which_it_waits_for():
    services = compose()["services"]
    assert set(services) == {"bot", "db"}
    db = services["db"]
    assert db["image"].startswith("postgres:16")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume, _, target = db["volumes"][0].partition(":")
    assert target == "/var/lib/postgresql/data" and volume in compose()["volumes"]  # a named volume
    bot = services["bot"]
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"
    assert bot["environment"]["MENTORAT_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "@db:5432/" in bot["environment"]["MENTORAT_DATABASE_URL"]


def test_compose_mounts_the_roster_read_only_and_checks_health_on_the_port_it_serves():
    bot = compose()["services"]["bot"]
    roster = [v for v in bot["volumes"] if v.split(":")[1] == bot["environment"]["MENTORAT_ROSTER"]]
    assert roster and roster[0].endswith(":ro")
    command = bot["command"]
    port = command[command.index("--http") + 1].rsplit(":", 1)[1]
    assert f"http://127.0.0.1:{port}/healthz" in " ".join(bot["healthcheck"]["test"])
    assert port in bot["expose"]


def test_secrets_come_from_the_env_file_and_the_readme_names_each_of_them():
    text = (ROOT / "compose.yaml").read_text()
    bot = compose()["services"]["bot"]
    assert bot["env_file"] == ".env"
    assert "MENTORAT_ACCESS_TOKEN" not in bot["environment"]  # never written in the file itself
    assert compose()["services"]["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD")
    variables = set(re.findall(r"\$\{(\w+)", text))
    assert variables == {"POSTGRES_PASSWORD"}
    deploy = (ROOT / "README.md").read_text().split("## Deploy", 1)[1].split("\n## ", 1)[0]
    for name in (*variables, "MENTORAT_INSTANCE_URL", "MENTORAT_ACCESS_TOKEN"):
        assert name in deploy
    assert ".env" in (ROOT / ".gitignore").read_text().split() and ".env" in (ROOT / ".dockerignore").read_text()


def test_the_image_entrypoint_is_the_mentorat_command():
    final = final_stage(dockerfile())
    entrypoint = [ins["value"] for ins in final if ins["instruction"] == "ENTRYPOINT"][-1]
    assert shlex.split(entrypoint.strip("[]").replace(",", " ")) == ["mentorat"]
