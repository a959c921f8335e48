"""A stored learning contract as the messages show it and as the contract reader revises it."""

from __future__ import annotations

from bot.language import contract as contracts
from bot.storage.models.journeys import Contract


def contract_view(contract: Contract | None) -> dict | None:
    if contract is None:
        return None
    return {"goals": list(contract.goals), "commitment": contract.commitment,
            "review_on": contract.review_on, "revision": contract.revision}


def as_contract(contract: Contract | None) -> contracts.Contract | None:
    if contract is None:
        return None
    return contracts.Contract(goals=tuple(contract.goals), commitment=contract.commitment,
                              every_days=contract.every_days, review_on=contract.review_on)
