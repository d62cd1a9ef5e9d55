"""Table tests for the rules of `directory.extract`: every signal, red flag and fact, with
paraphrases, negations and distractors written for these tests (no third-party page text).

They pin what the hand-written rules find (`rules_only=True`); the learned detectors that add
what the rules miss are measured on labelled pages instead (tests/test_learn.py,
test_extract_realpages.py, test_end_to_end.py)."""

from __future__ import annotations

import html
import json
import time

import lxml.etree
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directory.extract import extract_page, extraction_json
from directory.rubric import CRITERIA, RED_FLAGS, SIGNALS
from directory.types import PageExtraction

URL = "https://clinic.test/page"


def page(*paragraphs: str, title: str = "Ketamine clinic", head: str = "") -> str:
    """A small clinic page: each argument one paragraph ("- " items become a list)."""
    body: list[str] = []
    items: list[str] = []
    for p in paragraphs:
        if p.startswith("- "):
            items.append(f"<li>{html.escape(p[2:])}</li>")
            continue
        if items:
            body.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if p.startswith("# "):
            body.append(f"<h2>{html.escape(p[2:])}</h2>")
        else:
            body.append(f"<p>{html.escape(p)}</p>")
    if items:
        body.append("<ul>" + "".join(items) + "</ul>")
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"{head}</head><body><main>{''.join(body)}</main></body></html>"
    )


def run(*paragraphs: str, **kw: str) -> PageExtraction:
    return extract_page(URL, page(*paragraphs, **kw), rules_only=True)


def signals(*paragraphs: str) -> set[str]:
    return {e.signal for e in run(*paragraphs).evidence}


def flags(*paragraphs: str) -> set[str]:
    return {f.flag for f in run(*paragraphs).red_flags}


def squash(text: str) -> str:
    return "".join(text.split())


def visible_text(doc: str) -> str:
    """What a reader sees: the document's text without scripts, styles and hidden elements."""
    try:
        root = lxml.html.document_fromstring(doc)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if (
            el.tag in ("script", "style", "noscript", "template", "head")
            or el.get("hidden") is not None
        ):
            el.drop_tree()
    return str(root.text_content())


# --------------------------------------------------------------------------------------
# signals: (signal, sentence that shows it) and (signal, sentence that must not)

POSITIVE = [
    # expertise
    ("physician_led", "Our medical director, Jane Roe, MD, oversees every infusion."),
    ("physician_led", "Treatment is overseen by Samuel Ortiz, D.O., an emergency physician."),
    ("physician_led", "Every infusion at our clinic is supervised by a psychiatrist."),
    ("physician_led", "Our team of anesthesiologists has given thousands of infusions."),
    ("physician_led", "You will first meet with our psychiatrist to talk about your history."),
    ("board_certified", "Dr. Lee is board-certified in anesthesiology."),
    ("board_certified", "All of our physicians are board certified in emergency medicine."),
    ("licensed_clinicians", "Maria Gomez, LCSW, leads our integration groups."),
    ("licensed_clinicians", "Tom Beck, PMHNP-BC, manages prescriptions for our patients."),
    ("licensed_clinicians", "Sessions are guided by a licensed clinical social worker."),
    ("licensed_clinicians", "Our nurse practitioners follow up with you after each infusion."),
    ("trauma_training", "She is certified in EMDR and trained in Internal Family Systems."),
    ("trauma_training", "Our therapists completed training in ketamine-assisted psychotherapy."),
    ("experience", "Our medical director has more than 20 years of experience in emergency care."),
    ("experience", "We have been providing ketamine infusions for over eight years."),
    ("experience", "Our team has performed more than 5,000 infusions."),
    ("experience", "Dr. Reyes is a member of the American Society of Ketamine Physicians."),
    ("experience", "We have offered ketamine infusions since 2016."),
    # holistic
    ("psychotherapy", "We offer ketamine-assisted psychotherapy for depression and trauma."),
    ("psychotherapy", "Each infusion can be paired with talk therapy with one of our counselors."),
    ("psychotherapy", "Our therapists provide psychotherapy alongside your ketamine sessions."),
    ("prep_integration", "You will attend a preparation session before your first dose."),
    ("prep_integration", "Integration sessions help you make sense of the experience."),
    ("prep_integration", "Afterwards we help you integrate your insights into daily life."),
    ("psychotherapy", "Counseling services are available on site for every patient."),
    ("care_coordination", "With your permission, we coordinate care with your therapist."),
    ("care_coordination", "We can refer you to our network of local psychotherapists."),
    ("care_coordination", "We keep your psychiatrist informed after every session."),
    ("care_coordination", "We require a diagnosis from a licensed mental health professional."),
    ("outcome_tracking", "We track your progress with the PHQ-9 before each infusion."),
    ("outcome_tracking", "You will complete the GAD-7 and PCL-5 at every visit."),
    # safety
    ("screening", "Every patient completes a medical and psychiatric screening before treatment."),
    ("screening", "During your intake we review your medical history and current medications."),
    (
        "screening",
        "A physician evaluates whether ketamine is safe for you before the first infusion.",
    ),
    ("screening", "Patients must meet the following eligibility criteria:"),
    (
        "contraindications",
        "Ketamine is not appropriate for people with uncontrolled high blood pressure or psychosis.",
    ),
    ("contraindications", "Contraindications include pregnancy and active mania."),
    ("contraindications", "Patients with schizophrenia are not candidates for this treatment."),
    (
        "contraindications",
        "Ketamine may not be right for you if you are pregnant or have uncontrolled blood pressure.",
    ),
    (
        "vitals_monitoring",
        "A nurse checks your blood pressure and oxygen level throughout the infusion.",
    ),
    ("vitals_monitoring", "Your heart rhythm is watched on an EKG monitor during the session."),
    ("vitals_monitoring", "A nurse stays in the room for the entire session."),
    ("vitals_monitoring", "You are monitored continuously while you receive the medication."),
    ("emergency_readiness", "All of our nurses hold ACLS certification."),
    ("emergency_readiness", "Our suite is equipped with a crash cart and emergency medications."),
    ("aftercare_rules", "Please bring a driver, because you cannot drive for the rest of the day."),
    ("aftercare_rules", "Do not eat anything for six hours before your appointment."),
    ("aftercare_rules", "You will stay with us for 30 minutes of observation after the infusion."),
    ("aftercare_rules", "A friend or family member must drive you home after treatment."),
    ("aftercare_rules", "You rest in our recovery room until a nurse clears you to go home."),
    # cost
    ("session_price", "Each infusion is $450."),
    ("session_price", "IV ketamine: $500 per session"),
    ("session_price", "Infusions start at $399."),
    ("session_price", "Introductory infusion: $299"),
    ("insurance_policy", "We accept most major insurance plans."),
    ("insurance_policy", "We do not accept insurance."),
    ("insurance_policy", "We are out of network, but we provide superbills for reimbursement."),
    ("superbill_hsa", "We can provide a superbill for out-of-network reimbursement."),
    ("superbill_hsa", "HSA and FSA cards are accepted."),
    ("financing", "We offer financing through CareCredit."),
    ("financing", "Payment plans are available for a full series."),
    ("financing", "Flexible financing lets you spread the cost over several months."),
    ("other_fees", "The initial consultation is $250."),
    ("other_fees", "Integration sessions are $150 each."),
    ("other_fees", "A series of six infusions is $2,700."),
    # reviews
    (
        "testimonials",
        'One patient told us, "I feel like myself again for the first time in years."',
    ),
    (
        "testimonials",
        "Over 80% of our patients report a meaningful improvement after six infusions.",
    ),
    ("aggregate_rating", "Rated 4.9 out of 5 from 212 Google reviews."),
    ("aggregate_rating", "★★★★★ 4.9 stars · 64 Google reviews"),
    # personalization
    ("individualized_plan", "Every patient receives an individualized treatment plan."),
    ("individualized_plan", "We create a personalized dosing protocol for each patient."),
    ("titrated_dosing", "Doses are weight-based and adjusted to your response."),
    ("titrated_dosing", "We titrate the dose at each visit based on how you responded."),
    (
        "titrated_dosing",
        "Your provider may increase or decrease the dose depending on your tolerance.",
    ),
    ("flexible_schedule", "How often you need boosters varies from patient to patient."),
    ("flexible_schedule", "The number of maintenance infusions is determined case by case."),
    (
        "flexible_schedule",
        "Some patients return monthly while others need a booster only twice a year.",
    ),
    (
        "flexible_schedule",
        "Booster infusions are scheduled when symptoms return, not on a fixed calendar.",
    ),
    ("titrated_dosing", "The amount of ketamine is worked out from your body weight."),
    (
        "titrated_dosing",
        "Visits move to every other week, set by your doctor based on how you respond.",
    ),
    (
        "individualized_plan",
        "Your nurse practitioner will suggest a route based on your health history.",
    ),
    (
        "flexible_schedule",
        "Clients usually book three to six sessions, depending on their progress.",
    ),
    (
        "multiple_routes",
        "We offer both IV infusions and IM injections, and you can choose the option that suits you.",
    ),
]

NEGATIVE = [
    ("physician_led", "Dr. Smith will see you soon."),
    ("physician_led", "Our physician will review your chart."),
    ("physician_led", "You do not need a referral from your psychiatrist."),
    ("physician_led", "Ketamine was historically used by anesthesiologists in field hospitals."),
    ("physician_led", '"It changes everything," says Alan Grey, MD, a researcher at a university.'),
    ("board_certified", "When choosing a clinic, look for a board-certified physician."),
    ("board_certified", "Our clinic is a REMS-certified treatment center."),
    ("licensed_clinicians", "Our licensed professionals are here to help."),
    ("licensed_clinicians", "A certified nurse guide will call you before your session."),
    ("trauma_training", "Our trained KAP clinicians will guide you."),
    ("experience", "Ketamine has been used safely in operating rooms for over 50 years."),
    ("psychotherapy", "Most of our patients tried medication and psychotherapy without relief."),
    ("psychotherapy", "Some insurers may require documentation of a course of psychotherapy."),
    ("prep_integration", "Integrative medicine guides everything we do."),
    ("prep_integration", "Integrated Wellness Partners is located downtown."),
    ("care_coordination", "Talk to your primary care doctor or therapist about ketamine."),
    ("care_coordination", "We will work closely with your provider."),
    ("care_coordination", "You do not need a referral from your therapist."),
    ("outcome_tracking", "The PHQ-9 is a common depression questionnaire."),
    ("screening", "Safety is our top priority."),
    ("screening", "We do not require a referral."),
    ("contraindications", "Ketamine is not for everyone."),
    ("contraindications", "Side effects may include a short rise in blood pressure."),
    ("vitals_monitoring", "Ketamine may briefly raise your heart rate."),
    ("vitals_monitoring", "The price includes monitoring."),
    ("vitals_monitoring", "Emergency physicians are experts in monitoring vital signs."),
    ("emergency_readiness", "If you are in crisis, go to the nearest emergency room."),
    ("aftercare_rules", "Ketamine does not depress your respiratory drive."),
    ("aftercare_rules", "Most people feel back to normal within a few hours."),
    ("session_price", "The initial consultation costs $250."),
    ("session_price", "A series of six infusions is $2,700."),
    ("session_price", "Membership is $199 per month."),
    ("session_price", "Nationally, infusions typically cost between $400 and $800."),
    ("session_price", "A $100 deposit is required to book."),
    ("insurance_policy", "Most insurance plans do not cover ketamine for depression."),
    ("insurance_policy", "Check with your insurer about your coverage."),
    ("insurance_policy", "Clinics must carry liability insurance."),
    ("superbill_hsa", "We do not provide superbills."),
    ("financing", "We do not offer payment plans."),
    ("financing", "Ask your provider whether financing options are available."),
    ("other_fees", "Late cancellations incur a $75 fee."),
    ("other_fees", "Your first consultation is free."),
    ("testimonials", "Studies show that 70% of patients respond to ketamine."),
    ("testimonials", '"Ketamine is a game changer," says Dr. Paul Brown, a researcher.'),
    ("testimonials", 'Patients often describe a "floating" feeling during the infusion.'),
    ("aggregate_rating", "Read our reviews on Google."),
    ("individualized_plan", "Our care is tailored to support your wellness journey."),
    ("individualized_plan", "Cost depends on a treatment plan tailored to your needs."),
    ("titrated_dosing", "Ketamine is given at a low dose."),
    ("titrated_dosing", "Do not change your medication dose without talking to us."),
    ("flexible_schedule", "We offer evening and weekend appointments."),
    ("flexible_schedule", "Boosters are available as needed."),
    ("prep_integration", "Integration Therapist"),
    ("physician_led", "Visit us at 1200 Main Street, Silver Spring, MD 20910."),
    ("session_price", "Integration therapy (per session) $175"),
    ("session_price", "Members pay $129 a month for ongoing support."),
    ("multiple_routes", "Ketamine can be given IV, IM or as a nasal spray."),
    ("multiple_routes", "We offer IV infusions and Spravato."),
    ("individualized_plan", "Enjoy custom wellness plans designed around you."),
    ("individualized_plan", "Every care plan is tailored to your wellness journey."),
    (
        "individualized_plan",
        "We can help you choose a payment plan based on your budget and needs.",
    ),
]


@pytest.mark.parametrize(("signal", "sentence"), POSITIVE)
def test_signal_found(signal: str, sentence: str) -> None:
    pe = run(sentence)
    found = {e.signal: e for e in pe.evidence}
    assert signal in found, f"{signal} not found in: {sentence}"
    assert squash(found[signal].quote) in squash(sentence) or found[signal].quote.startswith(
        "Rated"
    )


@pytest.mark.parametrize(("signal", "sentence"), NEGATIVE)
def test_signal_not_found(signal: str, sentence: str) -> None:
    assert signal not in signals(sentence), f"{signal} wrongly found in: {sentence}"


def test_every_signal_and_flag_has_table_cases() -> None:
    covered = {s for s, _ in POSITIVE}
    assert {s.id for s in SIGNALS} <= covered
    assert {s.id for s in SIGNALS} <= {s for s, _ in NEGATIVE}
    assert {f.id for f in RED_FLAGS} <= {f for f, _ in FLAG_POSITIVE}


def test_signal_appears_once_per_page() -> None:
    pe = run("We accept insurance.", "We are in-network with most plans.", "We accept Aetna.")
    ids = [e.signal for e in pe.evidence]
    assert len(ids) == len(set(ids))


def test_testimonial_in_blockquote_and_section() -> None:
    doc = page("# What our patients say").replace(
        "</main>",
        "<blockquote>“After my third infusion I could finally sleep.” — J., veteran"
        "</blockquote></main>",
    )
    assert "testimonials" in {e.signal for e in extract_page(URL, doc).evidence}


# --------------------------------------------------------------------------------------
# red flags

FLAG_POSITIVE = [
    ("guarantee_claim", "We guarantee results or your money back."),
    ("guarantee_claim", "Ketamine cures depression in a single visit."),
    ("guarantee_claim", "Our program has a 100% success rate."),
    ("no_screening", "No medical evaluation needed: book your infusion today."),
    ("no_screening", "Get your first infusion without a consultation."),
    ("at_home_iv", "Enjoy IV ketamine infusions in the comfort of your own home."),
    ("at_home_iv", "Our mobile ketamine infusion service comes to you."),
]
FLAG_NEGATIVE = [
    ("guarantee_claim", "Treatment results vary and are not guaranteed."),
    ("guarantee_claim", "Ketamine is not a cure, but it can bring relief."),
    ("guarantee_claim", "Ketamine may help lift symptoms of depression."),
    ("no_screening", "We never treat anyone without a medical evaluation."),
    ("no_screening", "No referral needed: you can contact us directly."),
    ("no_screening", "Your first consultation is free."),
    ("at_home_iv", "Unlike at-home lozenges, our IV infusions happen in the clinic."),
    ("at_home_iv", "Our at-home oral ketamine program is supervised by video."),
]


@pytest.mark.parametrize(("flag", "sentence"), FLAG_POSITIVE)
def test_red_flag_found(flag: str, sentence: str) -> None:
    assert flag in flags(sentence)


@pytest.mark.parametrize(("flag", "sentence"), FLAG_NEGATIVE)
def test_red_flag_not_found(flag: str, sentence: str) -> None:
    assert flag not in flags(sentence)


def test_red_flag_lowers_safety_score() -> None:
    data = extraction_json(
        run("A nurse checks your blood pressure during the infusion.", "We guarantee results.")
    )
    assert data["red_flags"][0]["flag"] == "guarantee_claim"
    assert data["criteria"]["safety"]["score"] == 0  # 25 points minus the 25-point penalty


# --------------------------------------------------------------------------------------
# routes

ROUTES = [
    (["We offer IV ketamine infusions for depression."], ["iv"]),
    (["Our clinic provides intramuscular (IM) ketamine injections."], ["im"]),
    (["Ketamine can be administered IV, IM or intranasally."], []),
    (["Spravato nasal spray is administered in our office."], ["esketamine"]),
    (["We prescribe ketamine lozenges for sessions at home."], ["sublingual"]),
    (["We prescribe oral ketamine troches for maintenance."], ["oral"]),
    (["Unlike IV infusions, our program uses sublingual tablets."], ["sublingual"]),
    (["Ketamine injections are a safe and effective option."], []),
    (["# What to expect during your infusion", "Relax in a recliner."], ["iv"]),
    (["We offer IV infusions and Spravato treatment."], ["esketamine", "iv"]),
    (["You will take an oral antidepressant alongside treatment."], []),
    (["Studies of intravenous ketamine show rapid relief."], []),
    (["Spravato is an FDA-approved nasal spray, but it is not offered at our clinic."], []),
    (["We do not offer IV infusions; we prescribe ketamine lozenges."], ["sublingual"]),
    (
        ["Our clinic provides IV infusions, intranasal ketamine and Spravato."],
        ["esketamine", "intranasal", "iv"],
    ),
    (["We offer Spravato. Spravato is an intranasal spray given in our office."], ["esketamine"]),
    # a page that sets routes side by side: only the clinic's own voice offers one
    (
        [
            "# Infusion, intramuscular shot or nasal spray: which works best?",
            "# Intramuscular (IM)",
            "A shot in the shoulder works within minutes.",
            "# What we do",
            "Brightwater Clinic specializes in IV infusions.",
        ],
        ["iv"],
    ),
    # a refusal for some patients is an offer to the rest
    (["We don't give ketamine infusions to anyone with untreated heart disease."], ["iv"]),
    # the antidepressant is the oral drug, not ketamine
    (["Spravato is taken with a daily antidepressant swallowed by mouth."], ["esketamine"]),
    # Spravato's nasal spray does not make a three-route education list
    (
        ["Harbor Point Hospital offers IV infusions and Spravato (esketamine) nasal spray."],
        ["esketamine", "iv"],
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), ROUTES)
def test_routes(paragraphs: list[str], expected: list[str]) -> None:
    assert sorted(run(*paragraphs).facts.routes) == expected


def test_two_routes_with_a_choice_give_multiple_routes() -> None:
    pe = run("We offer IV infusions or IM injections, depending on your preference.")
    assert sorted(pe.facts.routes) == ["im", "iv"]
    assert "multiple_routes" in {e.signal for e in pe.evidence}


# --------------------------------------------------------------------------------------
# prices

PRICES = [
    (["Each infusion is $450."], (450, 450)),
    (["Ketamine infusion — $475 per session"], (475, 475)),
    (["IV ketamine infusions range from $400-$650 at our clinic."], (400, 650)),
    (["Our infusions start at $399."], (399, 399)),
    (["Introductory infusion: $299", "Standard infusion: $450"], (299, 450)),
    (["Intramuscular injection sessions are $350/session."], (350, 350)),
    (["Initial consultation: $250", "Each infusion: $500"], (500, 500)),
    (["Initial consultation: $250"], (None, None)),
    (["A package of six infusions costs $2,700."], (None, None)),
    (["Our monthly membership is $199/month."], (None, None)),
    (["Across the country, infusions typically cost $400 to $800."], (None, None)),
    (["Missed appointments are charged a $100 fee."], (None, None)),
    # a prepaid bundle and the amount it saves are not session prices
    (
        ["Single infusion: $500", "Five prepaid ketamine infusions: $2,300 (you save $200)"],
        (500, 500),
    ),
    (["A full series of five depression infusions costs $2,200."], (None, None)),
    # an hourly therapy rate next to the dosing-session price
    (["A KAP dosing session is $300. Integration work is billed at $150 per hour."], (300, 300)),
    # the heading says what a bare "per session" amount pays for
    (["# Integration sessions", "$120 per 45-minute session."], (None, None)),
    (["# Medicine sessions", "$320 per 45-minute session."], (320, 320)),
    # group discount prices for service members and member prices are still session prices
    (
        ["Standard rate: $480 per infusion", "Service members and nurses: $430 per infusion"],
        (430, 480),
    ),
    (["Infusion (45 min): $410", "Member price: $360 per infusion"], (360, 410)),
    # market ranges under a market heading or hedged with "usually" are not this clinic's
    (
        ["# Going rates around the nation", "- Depression infusions: usually $350 to $700 each"],
        (None, None),
    ),
    # the clinic's own figure on a page that also quotes market prices
    (
        [
            "Nationally an infusion averages between $450 and $750.",
            "# What we charge",
            "At Pinecrest, a depression infusion is $395.",
        ],
        (395, 395),
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), PRICES)
def test_prices(paragraphs: list[str], expected: tuple[float | None, float | None]) -> None:
    facts = run(*paragraphs).facts
    assert (facts.price_min_usd, facts.price_max_usd) == expected


def test_price_table() -> None:
    table = (
        "<table><tr><th>Service</th><th>Fee</th></tr>"
        "<tr><td>Psychiatric evaluation</td><td>$300</td></tr>"
        "<tr><td>Ketamine infusion (single session)</td><td>$425</td></tr>"
        "<tr><td>Six-infusion series</td><td>$2,400</td></tr></table>"
    )
    doc = page("# Fees").replace("</main>", table + "</main>")
    pe = extract_page(URL, doc)
    assert (pe.facts.price_min_usd, pe.facts.price_max_usd) == (425, 425)
    assert {"session_price", "other_fees"} <= {e.signal for e in pe.evidence}


# --------------------------------------------------------------------------------------
# insurance, financing, superbills, PTSD

INSURANCE = [
    (["We accept most major insurance plans."], "accepted"),
    (["We are in-network with Aetna and Cigna."], "accepted"),
    (["Our care team verifies your benefits and obtains prior authorization."], "accepted"),
    (["We do not accept insurance."], "not_accepted"),
    (["Our practice is cash-pay only."], "not_accepted"),
    (["We are out of network, but we provide superbills for reimbursement."], "partial"),
    (["Spravato is covered by insurance, but IV ketamine is not."], "partial"),
    (["We accept insurance for office visits only; infusions are paid out of pocket."], "partial"),
    (["We bill Aetna and Cigna directly; for other plans we provide a superbill."], "accepted"),
    (["Most insurance plans do not cover ketamine for depression."], None),
    (["Check with your insurer about your coverage."], None),
    ([], None),
    # a remark about insurers answering the page's own coverage question is its policy
    # (realpages/README.md: "worded generally ... not_accepted unless a reimbursement route")
    (
        ["Is this covered by my health plan?", "Many insurance carriers won't pay for it yet."],
        "not_accepted",
    ),
    # patients chasing claims themselves is not the provider's help
    (["Some people send in claims on their own to seek reimbursement."], None),
]


@pytest.mark.parametrize(("paragraphs", "expected"), INSURANCE)
def test_insurance(paragraphs: list[str], expected: str | None) -> None:
    pe = run(*paragraphs)
    assert pe.facts.insurance == expected
    assert ("insurance_policy" in {e.signal for e in pe.evidence}) == (expected is not None)


def test_insurance_faq_answer_is_the_clinics_policy() -> None:
    pe = run(
        "Is ketamine covered by insurance?",
        "Spravato is covered by most plans. IV infusions are not covered.",
    )
    assert pe.facts.insurance == "partial"


FINANCING = [
    (["We offer financing through CareCredit."], True),
    (["Payment plans are available for a full series."], True),
    (["Ask us about monthly payment plans."], True),
    (["We do not offer payment plans."], False),
    (["Sorry, no financing is available."], False),
    (["Ask your provider whether financing options are available."], None),
    (["Payment is due at the time of service."], None),
]


@pytest.mark.parametrize(("paragraphs", "expected"), FINANCING)
def test_financing(paragraphs: list[str], expected: bool | None) -> None:
    pe = run(*paragraphs)
    assert pe.facts.financing is expected
    assert ("financing" in {e.signal for e in pe.evidence}) == (expected is True)


def test_superbill_and_hsa_facts() -> None:
    facts = run("We provide superbills on request.", "HSA and FSA cards are welcome.").facts
    assert facts.superbill is True and facts.hsa_fsa is True
    facts = run("We do not provide superbills.", "HSA cards cannot be used here.").facts
    assert facts.superbill is False and facts.hsa_fsa is False
    facts = run("Can I get a superbill? Our billing team will prepare one after each visit.").facts
    assert facts.superbill is True
    facts = run("Do you take HSA cards?", "Unfortunately, no.").facts
    assert facts.hsa_fsa is False


PTSD = [
    (["Ketamine can help people living with PTSD."], True),
    (["We treat depression, anxiety and post-traumatic stress disorder."], True),
    (["Our psychiatrists are trained in the evaluation and treatment of PTSD."], False),
    (["We screen for PTSD using the PCL-5 checklist."], False),
    (["We treat depression and anxiety."], None),
    (["Ketamine may ease PTSD.", "Our program does not currently treat PTSD."], False),
]


@pytest.mark.parametrize(("paragraphs", "expected"), PTSD)
def test_ptsd(paragraphs: list[str], expected: bool | None) -> None:
    assert run(*paragraphs).facts.ptsd is expected


def test_addresses_are_not_clinicians() -> None:
    facts = run("Jane Roe, MD", "Lexington Park, MD 20653").facts
    assert facts.clinicians == ["Jane Roe, MD"]


def test_other_text_facts() -> None:
    facts = run(
        "Meet our team: Jane Roe, MD, and Sam Lee, PMHNP-BC.",
        "We offer telehealth follow-ups.",
        "Veterans receive a discount on every infusion.",
        "We treat depression, anxiety, OCD and chronic pain.",
    ).facts
    assert facts.clinicians == ["Jane Roe, MD", "Sam Lee, PMHNP-BC"]
    assert facts.telehealth is True and facts.veterans is True
    assert {"depression", "anxiety", "ocd", "chronic_pain"} <= set(facts.conditions)


# --------------------------------------------------------------------------------------
# structured data

CLINIC_LD = {
    "@context": "https://schema.org",
    "@type": "MedicalClinic",
    "name": "Bright Path Ketamine",
    "telephone": "(303) 555-0142",
    "email": "hello@brightpath.test",
    "address": {
        "@type": "PostalAddress",
        "streetAddress": "1200 Main St., Ste. 100",
        "addressLocality": "Denver",
        "addressRegion": "CO",
        "postalCode": "80202",
    },
    "aggregateRating": {"@type": "AggregateRating", "ratingValue": "4.8", "reviewCount": "132"},
}


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_jsonld_clinic() -> None:
    pe = run("Welcome.", head=ld(CLINIC_LD))
    f = pe.facts
    assert (f.name, f.phone, f.email) == (
        "Bright Path Ketamine",
        "+13035550142",
        "hello@brightpath.test",
    )
    assert (f.street, f.city, f.state, f.zip) == (
        "1200 Main St., Ste. 100",
        "Denver",
        "CO",
        "80202",
    )
    assert (f.rating, f.review_count, f.rating_source) == (4.8, 132, "jsonld")
    assert "aggregate_rating" in {e.signal for e in pe.evidence}
    # Bayesian average: (10 * 4.3 + 132 * 4.8) / 142 = 4.765 -> (4.765 - 1) / 4 = 94%
    assert extraction_json(pe)["criteria"]["reviews"]["score"] == 94


def test_jsonld_graph_list_and_broken_script() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "site"},
            {
                "@type": ["MedicalBusiness", "LocalBusiness"],
                "name": "Graph Clinic",
                "aggregateRating": {"ratingValue": 9, "bestRating": 10, "ratingCount": "1,204"},
            },
        ],
    }
    head = '<script type="application/ld+json">{"@type": "Thing", broken</script>' + ld([graph])
    f = run("Hello.", head=head).facts
    assert f.name == "Graph Clinic"
    assert f.review_count == 1204 and f.rating == pytest.approx(4.56, abs=0.01)


def test_jsonld_bad_types_are_ignored() -> None:
    head = (
        ld(
            {
                "@type": "MedicalClinic",
                "name": ["Listed Name"],
                "telephone": 12,
                "aggregateRating": {"ratingValue": "n/a", "reviewCount": None},
                "address": ["Somewhere"],
            }
        )
        + ld("just a string")
        + ld(42)
    )
    f = run("Hello.", head=head).facts
    assert f.name == "Listed Name" and f.rating is None and f.phone is None


def test_microdata_clinic() -> None:
    body = (
        '<div itemscope itemtype="https://schema.org/MedicalClinic">'
        '<span itemprop="name">Micro Clinic</span>'
        '<span itemprop="telephone">303-555-0199</span>'
        '<div itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating">'
        '<span itemprop="ratingValue">4.6</span> from <span itemprop="reviewCount">58</span>'
        " reviews</div></div>"
    )
    pe = extract_page(URL, page("Hi.").replace("</main>", body + "</main>"))
    f = pe.facts
    assert (f.name, f.phone, f.rating, f.review_count, f.rating_source) == (
        "Micro Clinic",
        "+13035550199",
        4.6,
        58,
        "microdata",
    )


def test_text_rating() -> None:
    f = run("Our patients rate us 4.7 out of 5 (86 reviews).").facts
    assert (f.rating, f.review_count, f.rating_source) == (4.7, 86, "page")


# --------------------------------------------------------------------------------------
# quotes, JSON shape, hostile input


def test_quotes_are_substrings_of_visible_text_and_short() -> None:
    long_sentence = (
        "Before your first infusion "
        + "and after a long and careful conversation " * 8
        + "we review your medical history and every medication you take with you in detail."
    )
    doc = page(
        long_sentence,
        "We accept most insurance plans; we also offer CareCredit.",
        "- A nurse checks your blood pressure every five minutes during the infusion.",
    )
    pe = extract_page(URL, doc)
    visible = squash(visible_text(doc))
    assert pe.evidence
    for e in pe.evidence:
        assert len(e.quote) <= 200
        assert squash(e.quote) in visible


def test_extraction_json_shape() -> None:
    data = extraction_json(run("Each infusion is $450.", "We do not accept insurance."))
    assert list(data) == ["url", "facts", "criteria", "red_flags"]
    assert list(data["facts"])[:6] == [
        "routes",
        "price_min_usd",
        "price_max_usd",
        "insurance",
        "financing",
        "ptsd",
    ]
    assert list(data["criteria"]) == list(CRITERIA)
    assert data["criteria"]["cost"]["score"] == 60
    assert data["criteria"]["expertise"] == {"score": 0, "evidence": []}
    assert data["facts"]["insurance"] == "not_accepted"
    json.dumps(data)  # serializable


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"\x00\x01\x02\x03" * 500,
        bytes(range(256)) * 20,
        b"%PDF-1.7 binary",
        b"<html><body><p>unclosed <b>tags <div><table><tr><td>x",
        "<p>Just a str, no html element</p>",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>Each infusion is $400.</p></body></html>",
        b"\xff\xfe<\x00p\x00>\x00",
        "<p>" + "<div>" * 5000 + "deep" + "</div>" * 5000 + "</p>",
        b"<html><head><meta charset='utf-8'></head><body><p>Caf\xe9 cr\xe8me: each infusion is $450.</p>",
    ],
)
def test_garbage_never_raises(body: bytes | str) -> None:
    pe = extract_page(URL, body)
    assert isinstance(pe, PageExtraction)
    extraction_json(pe)


def test_wrong_declared_charset_still_reads() -> None:
    body = "<html><body><p>Each infusion is $450 — café.</p></body></html>".encode("cp1252")
    pe = extract_page(URL, body, encoding="utf-8")
    assert pe.facts.price_min_usd == 450
    pe = extract_page(URL, body, encoding="no-such-charset")
    assert pe.facts.price_min_usd == 450


def test_bad_arguments_never_raise() -> None:
    assert extract_page(URL, None).evidence == []  # type: ignore[arg-type]
    assert extract_page(None, b"<p>x</p>").url == ""  # type: ignore[arg-type]


def test_huge_page_is_bounded() -> None:
    body = page(
        *(["We review your medical history before treatment. Each infusion is $450."] * 40000)
    )
    start = time.perf_counter()
    pe = extract_page(URL, body)
    assert time.perf_counter() - start < 10
    assert pe.facts.price_min_usd == 450


def test_scripts_and_hidden_text_are_not_read() -> None:
    doc = page("Hello.").replace(
        "</main>",
        "<script>var t = 'We accept insurance';</script><div style='display:none'>"
        "We guarantee results.</div><noscript>Each infusion is $10.</noscript></main>",
    )
    pe = extract_page(URL, doc)
    assert pe.evidence == [] and pe.red_flags == []


# --------------------------------------------------------------------------------------
# property: any input is survived, and quotes always come from the page

_FRAGMENTS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<li>",
        "<div>",
        "<br>",
        "<td>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "We ",
        "accept ",
        "insurance",
        " $450 ",
        "per infusion",
        ". ",
        "“",
        "”",
        "not ",
        "our psychiatrist",
        " monitors your blood pressure",
        " IV ",
        "Spravato",
        "\x00",
        "é",
        "PTSD",
        "Jane Roe, MD",
        "?",
        ":",
        "\n",
        "&amp;",
        "&#0;",
        "<p hidden>",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=60), st.binary(max_size=64))
def test_random_pages_never_raise(parts: list[str], noise: bytes) -> None:
    doc = "".join(parts)
    for body in (doc, doc.encode("utf-8", "replace") + noise):
        pe = extract_page(URL, body)
        extraction_json(pe)
    visible = squash(visible_text(doc.replace("\x00", "")))
    for e in extract_page(URL, doc).evidence:
        assert len(e.quote) <= 200
        assert squash(e.quote) in visible


def test_structured_offer_is_a_weak_session_price() -> None:
    offer = {
        "@type": "Service",
        "name": "Ketamine infusion",
        "offers": {"@type": "Offer", "price": "475", "priceCurrency": "USD"},
    }
    facts = run("Book today.", head=ld(offer)).facts
    assert (facts.price_min_usd, facts.price_max_usd) == (475, 475)
    facts = run("Each infusion is $450.", head=ld(offer)).facts  # the page's own words win
    assert facts.price_min_usd == 450


def test_extract_package_imports_no_scrapy_or_streamlit() -> None:
    import subprocess
    import sys

    code = (
        "import sys, directory.extract; "
        "bad = [m for m in ('scrapy', 'streamlit') if m in sys.modules]; "
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
