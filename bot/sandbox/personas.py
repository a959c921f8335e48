"""The demo's cast: the bot, people asking, mentors (one with #nobot), a moderator, a bystander."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.sandbox.server import Sandbox

DEMO_ROSTER = Path(__file__).resolve().parent / "demo_roster.yaml"

# name -> add_account() arguments; the roster in demo_roster.yaml lists the same mentors.
PERSONAS: dict[str, dict[str, Any]] = {
    "mentorat": dict(display_name="Mentorat", bot=True, language="fr",
                     note="Je mets en relation les personnes qui cherchent un mentor avec des mentors bénévoles. "
                          "Écrivez #mentorat ou mentionnez-moi. / I match people looking for a mentor with "
                          "volunteer mentors. Post #mentorat or mention me.",
                     fields=[("Aide / Help", "@mentorat aide"), ("Code", "https://example.org/mentorat")]),
    "alice": dict(domain="ecole.example", display_name="Alice Martin", language="fr",
                  note="Enseignante, curieuse des communautés de pratique."),
    "dmitri": dict(display_name="Dmitri", language="en", note="Developer, new to the fediverse."),
    "bob": dict(display_name="Bob", language="fr", note="Facilitateur de communautés de pratique. Mentor.",
                fields=[("Langues / Languages", "fr, en")]),
    "chloe": dict(display_name="Chloé", language="fr", note="Facilitatrice, storytelling. Mentore."),
    "taruna": dict(domain="learning.example", display_name="Taruna", language="en",
                   note="Learning designer. Networked learning, communities of practice."),
    "moussa": dict(display_name="Moussa", language="fr", note="Coach d'équipes. Culture du feedback."),
    "samir": dict(display_name="Samir", language="fr",
                  note="Jeune développeur, passionné de culture du feedback et de récits d'équipe."),
    "nora": dict(display_name="Nora", language="fr",
                 note="Chercheuse en apprentissage en réseau. Pas de bots, merci. #nobot"),
    "anne": dict(display_name="Anne (modération)", language="fr", note="Modératrice de Mentorat."),
    "lea": dict(display_name="Léa", language="fr", note="J'écris sur l'apprentissage et le mentorat inversé."),
}


def populate_demo(sandbox: Sandbox) -> dict[str, dict[str, Any]]:
    """Create every persona; returns name -> account payload. Tokens: `sandbox.token_for(name)`."""
    return {name: sandbox.add_account(name, **options) for name, options in PERSONAS.items()}
