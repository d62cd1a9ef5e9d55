import pytest

from directory.merge import merge_facts, merge_insurance
from directory.types import Facts


@pytest.mark.parametrize(
    ("values", "merged"),
    [
        ([None, None], None),
        (["accepted", None], "accepted"),
        (["not_accepted", "not_accepted"], "not_accepted"),
        (["accepted", "not_accepted"], "partial"),
        (["not_accepted", "partial"], "partial"),
    ],
)
def test_merge_insurance(values, merged):
    assert merge_insurance(values) == merged


def test_merge_facts_over_pages():
    merged = merge_facts(
        [
            Facts(routes=["iv"], price_min_usd=450, price_max_usd=450, financing=False),
            Facts(
                routes=["im", "iv"], price_min_usd=400, price_max_usd=600, financing=True, ptsd=True
            ),
            Facts(name="Calm Clinic", rating=4.5, review_count=10),
            Facts(name="Calm Clinic", rating=4.7, review_count=80, rating_source="jsonld"),
        ]
    )
    assert merged.routes == ["iv", "im"]
    assert (merged.price_min_usd, merged.price_max_usd) == (400, 600)
    assert merged.financing is True and merged.ptsd is True and merged.telehealth is None
    assert (merged.rating, merged.review_count, merged.rating_source) == (4.7, 80, "jsonld")
    assert merged.name == "Calm Clinic"


def test_unstated_stays_unknown():
    merged = merge_facts([Facts(), Facts()])
    assert merged.financing is None and merged.insurance is None and merged.price_min_usd is None
