"""A status's text as each flavour writes it: its length, language, mentions, hashtags and HTML."""

from __future__ import annotations

from bot.sandbox.records import AccountRecord
from bot.sandbox.text import (
    RENDERERS,
    Token,
    fold_tag,
    grapheme_count,
    mastodon_length,
    render,
)


class StatusText:
    """Writes a new status's text the way the world's flavour does; remembers each hashtag's first spelling."""

    def __init__(self, flavour: str, domain: str, by_acct: dict[str, AccountRecord]):
        self.flavour = flavour
        self.domain = domain
        self._by_acct = by_acct  # the world's accounts by `user@domain`, shared with it
        self._tag_names: dict[str, str] = {}  # folded -> first spelling seen

    def length(self, text: str, spoiler_text: str) -> int:
        """Only Mastodon shortens links and remote mentions when counting; GoToSocial counts code
        points, Akkoma graphemes, of the raw text (whatever characters_reserved_per_url says)."""
        if self.flavour == "mastodon":
            return mastodon_length(text, spoiler_text)
        if self.flavour == "gotosocial":
            return len(text) + len(spoiler_text)
        return grapheme_count(text) + grapheme_count(spoiler_text)

    def language(self, author: AccountRecord, requested: str | None) -> str | None:
        if requested:
            return requested.lower()
        return None if self.flavour == "akkoma" else author.language  # Pleroma leaves it unset

    def resolve(self, acct: str) -> AccountRecord | None:
        username, _, domain = acct.partition("@")
        return self._by_acct.get(f"{username.lower()}@{(domain or self.domain).lower()}")

    def mentions(self, tokens: list[Token]) -> list[AccountRecord]:
        found: list[AccountRecord] = []
        for token in tokens:
            if token.kind == "mention" and (account := self.resolve(token.value)) is not None:
                if account not in found:
                    found.append(account)
        return found

    def tags(self, tokens: list[Token]) -> list[str]:
        names: list[str] = []
        for token in tokens:
            if token.kind != "hashtag":
                continue
            folded = fold_tag(token.value)
            name = self._tag_names.setdefault(folded, token.value)
            if self.flavour != "mastodon":
                name = token.value.lower()
            if name not in names:
                names.append(name)
        return names

    def render(self, tokens: list[Token]) -> str:
        return render(tokens, RENDERERS[self.flavour], self.resolve, self.tag_url)

    def tag_url(self, name: str) -> str:
        if self.flavour == "akkoma":
            return f"https://{self.domain}/tag/{name.lower()}"
        if self.flavour == "gotosocial":
            return f"https://{self.domain}/tags/{name.lower()}"
        return f"https://{self.domain}/tags/{self._tag_names.get(fold_tag(name), name)}"
