"""The scoring rubric (SPEC section 4): criteria, signals and their points, as data.

Everything else (detectors, the sample web's ground truth, scoring, the dashboard's Method
page) refers to signals by the ids defined here, so this module is the one vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

RUBRIC_VERSION: Final = 1

CRITERIA: Final = (
    "expertise",
    "holistic",
    "safety",
    "cost",
    "reviews",
    "personalization",
)

DEFAULT_WEIGHTS: Final = MappingProxyType(
    {
        "safety": 25.0,
        "expertise": 20.0,
        "holistic": 20.0,
        "cost": 15.0,
        "personalization": 10.0,
        "reviews": 10.0,
    }
)

ROUTES: Final = ("iv", "im", "intranasal", "oral", "sublingual", "esketamine")
INSURANCE_VALUES: Final = ("accepted", "not_accepted", "partial")

RED_FLAG_PENALTY: Final = 25
TESTIMONIALS_ONLY_POINTS: Final = 20


@dataclass(frozen=True)
class Signal:
    """One piece of published good practice that earns points for its criterion."""

    id: str
    criterion: str
    points: int
    label: str
    question: str  # what to ask a clinic whose site does not show this signal


SIGNALS: Final[tuple[Signal, ...]] = (
    # expertise
    Signal(
        "physician_led",
        "expertise",
        30,
        "Physician-led, with a named MD or DO",
        "Which physician (MD or DO) oversees treatment, and are they on site?",
    ),
    Signal(
        "board_certified",
        "expertise",
        25,
        "Board certification in psychiatry, anesthesiology or emergency medicine",
        "Is the supervising physician board-certified, and in which specialty?",
    ),
    Signal(
        "licensed_clinicians",
        "expertise",
        20,
        "Licensed mental-health clinicians (psychologist, LCSW, LPC, LMFT, PMHNP)",
        "Which licensed mental-health clinicians (psychologist, LCSW, LPC, LMFT, PMHNP) work here?",
    ),
    Signal(
        "trauma_training",
        "expertise",
        15,
        "Trauma-focused or ketamine-therapy training (EMDR, CPT, PE, IFS, KAP)",
        "What trauma-focused or ketamine-assisted therapy training do your clinicians have?",
    ),
    Signal(
        "experience",
        "expertise",
        10,
        "Experience: years, patients treated, professional societies",
        "How many years have you offered ketamine treatment, and to how many patients?",
    ),
    # holistic
    Signal(
        "psychotherapy",
        "holistic",
        35,
        "Psychotherapy or ketamine-assisted psychotherapy",
        "Do you offer psychotherapy or ketamine-assisted psychotherapy with the sessions?",
    ),
    Signal(
        "prep_integration",
        "holistic",
        35,
        "Preparation and/or integration sessions",
        "Are there preparation and integration sessions, and are they included in the price?",
    ),
    Signal(
        "care_coordination",
        "holistic",
        15,
        "Coordination with your own therapist or psychiatrist; referral network",
        "Will you coordinate with my own therapist or psychiatrist?",
    ),
    Signal(
        "outcome_tracking",
        "holistic",
        15,
        "Outcome tracking (PHQ-9, GAD-7, PCL-5)",
        "How do you measure whether treatment is working (PHQ-9, GAD-7, PCL-5)?",
    ),
    # safety
    Signal(
        "screening",
        "safety",
        25,
        "Medical and psychiatric screening before treatment",
        "What medical and psychiatric screening happens before the first session?",
    ),
    Signal(
        "contraindications",
        "safety",
        20,
        "Published contraindications",
        "Who should not receive ketamine at your clinic (contraindications)?",
    ),
    Signal(
        "vitals_monitoring",
        "safety",
        25,
        "Vital signs, blood pressure and oxygen monitored during sessions",
        "Are blood pressure, heart rate and oxygen monitored during each session?",
    ),
    Signal(
        "emergency_readiness",
        "safety",
        15,
        "Emergency readiness (ACLS/BLS staff, equipment, plan)",
        "Are staff ACLS/BLS certified, and what is the emergency plan?",
    ),
    Signal(
        "aftercare_rules",
        "safety",
        15,
        "After-care rules: observation period, driver required, fasting",
        "How long am I observed afterwards, and do I need a driver?",
    ),
    # cost
    Signal(
        "session_price",
        "cost",
        40,
        "A concrete per-session price",
        "What does one treatment session cost, all fees included?",
    ),
    Signal(
        "insurance_policy",
        "cost",
        20,
        "Insurance policy stated",
        "Do you accept my insurance, or help with out-of-network claims?",
    ),
    Signal(
        "superbill_hsa",
        "cost",
        15,
        "Superbills or HSA/FSA accepted",
        "Do you provide superbills, and can I pay with an HSA or FSA card?",
    ),
    Signal(
        "financing",
        "cost",
        15,
        "Financing or payment plans",
        "Do you offer payment plans or financing?",
    ),
    Signal(
        "other_fees",
        "cost",
        10,
        "Package, consultation or integration fees stated",
        "What do the consultation, package and integration sessions cost?",
    ),
    # reviews
    Signal(
        "aggregate_rating",
        "reviews",
        0,
        "Aggregate rating and review count",
        "Where can I read independent reviews from your patients?",
    ),
    Signal(
        "testimonials",
        "reviews",
        TESTIMONIALS_ONLY_POINTS,
        "Patient testimonials on the site",
        "Can you share what patients say about their treatment here?",
    ),
    # personalization
    Signal(
        "individualized_plan",
        "personalization",
        30,
        "An individualized treatment plan",
        "Will my treatment plan be individualized, and how?",
    ),
    Signal(
        "titrated_dosing",
        "personalization",
        25,
        "Weight-based or response-titrated dosing",
        "How is my dose chosen and adjusted (weight, response)?",
    ),
    Signal(
        "multiple_routes",
        "personalization",
        25,
        "Two or more routes offered",
        "Which ways of taking ketamine do you offer (IV, IM, nasal, oral)?",
    ),
    Signal(
        "flexible_schedule",
        "personalization",
        20,
        "Flexible schedule or symptom-guided boosters",
        "Is the schedule flexible, and how are booster sessions decided?",
    ),
)

SIGNALS_BY_ID: Final = MappingProxyType({s.id: s for s in SIGNALS})


@dataclass(frozen=True)
class RedFlag:
    """A claim or practice that subtracts points from safety and is always shown."""

    id: str
    label: str


RED_FLAGS: Final[tuple[RedFlag, ...]] = (
    RedFlag("guarantee_claim", "Promises a guaranteed result or a cure"),
    RedFlag("no_screening", "Treatment offered without screening or evaluation"),
    RedFlag("at_home_iv", "IV ketamine administered at home"),
)

RED_FLAGS_BY_ID: Final = MappingProxyType({f.id: f for f in RED_FLAGS})


def signals_for(criterion: str) -> tuple[Signal, ...]:
    """The signals of one criterion, in rubric order."""
    return tuple(s for s in SIGNALS if s.criterion == criterion)
