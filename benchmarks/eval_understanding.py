"""Score `mentorat match` on the labelled corpus: requests, kinds, languages, circles, rankings, for dev and held-out.

Runs the real CLI in a subprocess, as moderators do, on Mastodon statuses built from each labelled post, then
compares what it printed with the labels. The held-out half is only scored: its texts are never printed.

    .venv/bin/python benchmarks/eval_understanding.py [--roster R] [--only dev|heldout] [--quiet]
    .venv/bin/python benchmarks/eval_understanding.py --corpus benchmarks/corpus/blind/posts.jsonl \
        --roster benchmarks/corpus/blind/roster.yaml     # any labelled file, with its own roster
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
ROOT = HERE.parent
BOT = "mentorat@entraide.example"
SERVER = "entraide.example"
TARGETS = {"recall": 98, "precision": 96, "kind": 96, "language": 99, "circle": 98, "hit@1": 95, "hit@3": 98,
           "nobody fits": 100}
_HASHTAG = re.compile(r"(?<![\w&])#(\w+)")
_BOT_MENTION = re.compile(r"@mentorat(?:@entraide\.example)?(?![\w.@])")


# --- statuses from posts ---------------------------------------------------------------------------

def _content(text: str) -> str:
    """The post as a Mastodon server renders it: escaped, hashtags and the bot's mention as links, <br> lines."""
    escaped = html.escape(text, quote=False)
    escaped = _HASHTAG.sub(lambda m: f'<a href="https://{SERVER}/tags/{m[1]}" class="mention hashtag" '
                                     f'rel="tag">#<span>{m[1]}</span></a>', escaped)
    escaped = _BOT_MENTION.sub(f'<span class="h-card"><a href="https://{SERVER}/@mentorat" class="u-url mention">'
                               f'@<span>mentorat</span></a></span>', escaped)
    return "<p>" + escaped.replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p>"


def status_of(post: dict, number: int) -> dict:
    user = f"voix{number}"
    mentions = [{"id": "1", "username": "mentorat", "acct": BOT, "url": f"https://{SERVER}/@mentorat"}] \
        if post.get("mentions_bot") else []
    return {
        "id": str(100000 + number), "created_at": "2026-12-01T09:00:00.000Z",
        "uri": f"https://voix.example/users/{user}/statuses/{number}",
        "url": f"https://voix.example/@{user}/{number}",
        "visibility": post.get("visibility") or "public", "language": post.get("declared_language"),
        "content": _content(post["text"]), "spoiler_text": "", "reblog": None, "card": None,
        "in_reply_to_id": None, "in_reply_to_account_id": None,
        "account": {"id": str(5000 + number), "username": user, "acct": f"{user}@voix.example",
                    "display_name": user.title(), "bot": False, "url": f"https://voix.example/@{user}"},
        "mentions": mentions,
        "tags": [{"name": t.lower(), "url": f"https://{SERVER}/tags/{t}"}
                 for t in dict.fromkeys(_HASHTAG.findall(post["text"]))],
    }


def run_cli(posts: list[dict], roster: Path) -> tuple[list[dict], float]:
    """One `mentorat match` over all posts; its JSON lines, and the wall time including start-up."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for number, post in enumerate(posts):
            f.write(json.dumps(status_of(post, number), ensure_ascii=False) + "\n")
        path = f.name
    mentorat = Path(sys.executable).with_name("mentorat")
    started = time.perf_counter()
    done = subprocess.run([str(mentorat), "match", "--roster", str(roster), "--status", path, "--top", "3",
                           "--bot", BOT], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    Path(path).unlink()
    if done.returncode != 0:
        sys.exit(f"mentorat match failed ({done.returncode}): {done.stderr}")
    results = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    if len(results) != len(posts):
        sys.exit(f"mentorat match printed {len(results)} lines for {len(posts)} statuses")
    return results, elapsed


# --- acceptable mentors, from the labels and the roster alone -------------------------------------

def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if c.isalnum() and not unicodedata.combining(c))


@dataclass(frozen=True)
class Volunteer:
    handle: str  # "@user@domain", as `mentorat match` prints it
    languages: frozenset[str]
    kinds: frozenset[str]
    topics: frozenset[str]  # canonical keys, through the roster's topics and synonyms
    usable: bool  # takes people at all and is not paused today


def volunteers(roster_path: Path) -> list[Volunteer]:
    sys.path.insert(0, str(ROOT))
    from bot.people.roster_files import load_roster

    roster = load_roster(str(roster_path))
    canonical = {}
    for topic, synonyms in roster.topics.items():
        for name in (topic, *synonyms):
            canonical.setdefault(_key(name), _key(topic))
    today = date.today()
    return [Volunteer("@" + m.handle, frozenset(l.split("-")[0].lower() for l in m.languages),
                      frozenset(k.lower() for k in m.kinds),
                      frozenset(canonical.get(_key(t), _key(t)) for t in m.topics),
                      m.capacity > 0 and not m.is_paused(today) and not roster.is_blocked(m.handle))
            for m in roster.mentors]


def breaks_a_rule(v: Volunteer, post: dict) -> bool:
    return not v.usable or post["language"] not in v.languages or post["kind"] not in v.kinds


def acceptable(v: Volunteer, post: dict) -> bool:
    return not breaks_a_rule(v, post) and bool(v.topics & {_key(t) for t in post["topics"]})


# --- scoring ---------------------------------------------------------------------------------------

@dataclass
class Share:
    good: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.good += ok
        self.total += 1

    def percent(self) -> float:
        return 100.0 * self.good / self.total if self.total else 100.0

    def __str__(self) -> str:
        return f"{self.percent():5.1f} % ({self.good}/{self.total})"


def score(posts: list[dict], results: list[dict], people: list[Volunteer]) -> tuple[dict, int, list[tuple]]:
    by_handle = {v.handle: v for v in people}
    figures = {name: Share() for name in TARGETS}
    violations = 0
    errors: list[tuple[str, dict, str]] = []  # (what, post, detail)
    for post, result in zip(posts, results):
        got = result["request"]
        proposals = [p["handle"] for p in result["proposals"]]
        if not post["is_request"]:
            figures["precision"].add(not got["is_request"])
            if got["is_request"]:
                errors.append(("non-request read as a request", post, got["intent"]))
            figures["language"].add(got["language"] == post["language"])
            if got["language"] != post["language"]:
                errors.append(("language", post, f"{post['language']} -> {got['language']}"))
            continue
        figures["recall"].add(got["is_request"])
        if not got["is_request"]:
            errors.append(("request missed", post, got["intent"]))
        else:
            for name, ok, detail in (
                ("kind", got["kind"] == post["kind"], f"{post['kind']} -> {got['kind']}"),
                ("language", got["language"] == post["language"], f"{post['language']} -> {got['language']}"),
                ("circle", (got["circle_size"] > 1) == bool(post["circle"]),
                 f"{post['circle']} -> size {got['circle_size']}"),
            ):
                figures[name].add(ok)
                if not ok:
                    errors.append((name, post, detail))
            sent = [by_handle[h] for h in proposals[:max(got["circle_size"], 1)] if h in by_handle]
            violations += sum(breaks_a_rule(v, post) for v in sent)
            for v in sent:
                if breaks_a_rule(v, post):
                    errors.append(("hard rule broken", post, f"{v.handle} for {post['kind']}/{post['language']}"))
        fits = [v for v in people if acceptable(v, post)]
        if fits:
            ranked = [by_handle.get(h) for h in proposals] if got["is_request"] else []
            ok1 = bool(ranked) and ranked[0] is not None and acceptable(ranked[0], post)
            ok3 = any(v is not None and acceptable(v, post) for v in ranked[:3])
            figures["hit@1"].add(ok1)
            figures["hit@3"].add(ok3)
            if not ok3:
                errors.append(("no acceptable mentor in the first three", post,
                               f"topics {post['topics']} read {got['topics']}, proposed {proposals}"))
            elif not ok1:
                errors.append(("acceptable mentor not first", post,
                               f"topics {post['topics']} read {got['topics']}, proposed {proposals}"))
        elif post["topics"] and got["is_request"]:
            wanted = {_key(t) for t in post["topics"]}
            off = [h for h in proposals if h in by_handle and not by_handle[h].topics & wanted]
            figures["nobody fits"].add(not off)
            if off:
                errors.append(("nobody fits, yet offered", post, f"topics {post['topics']} read {got['topics']}, "
                                                                f"proposed {off}"))
    return figures, violations, errors


def report(name: str, posts: list[dict], results: list[dict], elapsed: float, people: list[Volunteer],
           show_texts: bool, quiet: bool) -> None:
    figures, violations, errors = score(posts, results, people)
    print(f"\n== {name}: {len(posts)} posts ({sum(p['is_request'] for p in posts)} requests), "
          f"mentorat match ran in {elapsed:.2f} s including start-up")
    labels = {"recall": "requests recognised (recall)", "precision": "non-requests left alone (precision)",
              "kind": "kind", "language": "language", "circle": "several mentors asked for (circle)",
              "hit@1": "an acceptable mentor ranked first (hit@1)", "hit@3": "an acceptable mentor in the first three",
              "nobody fits": "nobody fits -> nobody off-topic offered"}
    for key, label in labels.items():
        share = figures[key]
        mark = "ok" if share.percent() >= TARGETS[key] else f"below {TARGETS[key]} %"
        print(f"  {label:<46} {share}   {mark}")
    print(f"  {'proposals breaking a hard rule':<46} {violations}   {'ok' if violations == 0 else 'above 0'}")
    kinds = Counter(what for what, _, _ in errors)
    if kinds:
        print("  confusions: " + ", ".join(f"{what}: {n}" for what, n in kinds.most_common()))
    tags = Counter(tag for _, post, _ in errors for tag in post.get("phenomena") or ())
    if tags:
        print("  phenomena among them: " + ", ".join(f"{t} ({n})" for t, n in tags.most_common(12)))
    if quiet:
        return
    for what, post, detail in errors:
        text = " ".join(post["text"].split())[:160] if show_texts else "(held-out text not shown)"
        print(f"    [{what}] {post['id']} {detail} :: {text}")


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roster", default=str(CORPUS / "roster.yaml"))
    parser.add_argument("--only", choices=("dev", "heldout"))
    parser.add_argument("--quiet", action="store_true", help="figures only, no confusion list")
    parser.add_argument("--corpus", help="score this labelled JSONL file (texts shown) instead of the two halves")
    args = parser.parse_args()
    people = volunteers(Path(args.roster))
    if args.corpus:
        posts = load(Path(args.corpus))
        results, elapsed = run_cli(posts, Path(args.roster))
        report(Path(args.corpus).name, posts, results, elapsed, people, show_texts=True, quiet=args.quiet)
        return 0
    for half in ("dev", "heldout"):
        if args.only and half != args.only:
            continue
        path = CORPUS / f"{half}.jsonl"
        if not path.exists():
            print(f"\n== {half}: {path} not there yet (benchmarks/split_corpus.py makes it)")
            continue
        posts = load(path)
        results, elapsed = run_cli(posts, Path(args.roster))
        report(half, posts, results, elapsed, people, show_texts=half == "dev", quiet=args.quiet)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from bot.language.intent import lean; lean('x')"], check=True, cwd=ROOT)
    print(f"\nintent model: loads and scores in {time.perf_counter() - started:.2f} s (a fresh process)")
    sample = load(CORPUS / "dev.jsonl")[:200] if (CORPUS / "dev.jsonl").exists() else []
    if len(sample) == 200:
        _, elapsed = run_cli(sample, Path(args.roster))
        print(f"\nmentorat match on 200 statuses: {elapsed:.2f} s including start-up (must stay under 5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
