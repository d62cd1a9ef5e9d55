"""Small helpers shared by the generators."""

from __future__ import annotations

import random
import re


def chance(rng: random.Random, p: float) -> bool:
    """True with probability ``p``."""
    return rng.random() < p


def slug(text: str) -> str:
    """``Hope & Healing, LLC`` -> ``hope-and-healing-llc``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", "and")).strip("-")
