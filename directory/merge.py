"""Merging what several pages (and directory listings) say about one clinic. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from directory.rubric import ROUTES
from directory.types import Facts


def _any_bool(values: Iterable[bool | None]) -> bool | None:
    """True if any page says yes; False if some page says no and none says yes; else None."""
    seen = [v for v in values if v is not None]
    if any(seen):
        return True
    return False if seen else None


def merge_insurance(values: Iterable[str | None]) -> str | None:
    """Partial wins; 'accepted' on one page and 'not accepted' on another is also partial."""
    seen = {v for v in values if v}
    if not seen:
        return None
    if "partial" in seen or {"accepted", "not_accepted"} <= seen:
        return "partial"
    return seen.pop()


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _union(lists: Iterable[Sequence[str]]) -> list[str]:
    out: list[str] = []
    for items in lists:
        for item in items:
            if item not in out:
                out.append(item)
    return out


def merge_facts(pages: Sequence[Facts]) -> Facts:
    """One clinic's facts from the facts of each of its pages."""
    mins = [f.price_min_usd for f in pages if f.price_min_usd is not None]
    maxs = [f.price_max_usd for f in pages if f.price_max_usd is not None]
    rated = [f for f in pages if f.rating is not None]
    best_rating = max(rated, key=lambda f: f.review_count or 0) if rated else None
    routes = {r for f in pages for r in f.routes}
    address_source = next((f for f in pages if f.street and f.zip), None) or next(
        (f for f in pages if f.zip), None
    )
    return Facts(
        name=_most_common(f.name for f in pages),
        phone=_most_common(f.phone for f in pages),
        email=_most_common(f.email for f in pages),
        street=address_source.street if address_source else None,
        city=address_source.city if address_source else None,
        state=address_source.state if address_source else None,
        zip=address_source.zip if address_source else None,
        routes=[r for r in ROUTES if r in routes],
        price_min_usd=min(mins) if mins else (min(maxs) if maxs else None),
        price_max_usd=max(maxs) if maxs else (max(mins) if mins else None),
        insurance=merge_insurance(f.insurance for f in pages),
        financing=_any_bool(f.financing for f in pages),
        superbill=_any_bool(f.superbill for f in pages),
        hsa_fsa=_any_bool(f.hsa_fsa for f in pages),
        ptsd=_any_bool(f.ptsd for f in pages),
        conditions=_union(f.conditions for f in pages),
        telehealth=_any_bool(f.telehealth for f in pages),
        veterans=_any_bool(f.veterans for f in pages),
        rating=best_rating.rating if best_rating else None,
        review_count=best_rating.review_count if best_rating else None,
        rating_source=best_rating.rating_source if best_rating else None,
        clinicians=_union(f.clinicians for f in pages),
    )
