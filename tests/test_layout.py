"""The folders are the architecture: features talk through the interfaces the composition root hands them."""

from __future__ import annotations

import ast
from pathlib import Path

FEATURES = Path(__file__).resolve().parent.parent / "bot" / "features"


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_feature_imports_another():
    features = sorted(p.name for p in FEATURES.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    assert {"mentoring", "journeys", "moderation", "privacy", "conversations"} <= set(features)
    crossings = []
    for feature in features:
        for path in (FEATURES / feature).rglob("*.py"):
            for module in imported_modules(path):
                parts = module.split(".")
                if parts[:2] == ["bot", "features"] and len(parts) > 2 and parts[2] not in (feature, "ports"):
                    crossings.append(f"{path.relative_to(FEATURES)} imports {module}")
    assert crossings == []
