"""Insurance policy, financing, superbills and HSA/FSA, as the provider states them.

Insurance is read as a set of statements, each one of three kinds:

- accepts: the provider bills, is in network, verifies or obtains authorization, works with
  your insurance, or says its service is covered;
- refuses: the same negated ("we do not accept insurance"), non-participating, cash only,
  "insurance does not pay for ketamine infusions";
- helps: superbills, out-of-network claims, reimbursement paperwork, insurance offsetting
  part of the cost.

`partial` = helps, or accepts and refuses together (Spravato covered, IV not);
`accepted` = accepts only; `not_accepted` = refuses only. General remarks about how insurers
treat ketamine ("most plans don't cover it", "some insurers may") are not the provider's
policy and are skipped unless they answer the page's own "Is it covered by insurance?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from directory.extract.patterns import (
    FIRST_PERSON,
    GENERIC_PROVIDER,
    HEDGE,
    Hit,
    clause_start,
    negated,
    rx,
    words,
)
from directory.extract.text import PageText, Sentence

_PAYERS = (
    r"insurance|insurers?|health plans?|(?:your|their) (?:health |insurance )?plans?|medicare|"
    r"insurance (?:plans?|companies|carriers)|medicaid|tricare|aetna|cigna|va community care|"
    r"community care network|veterans affairs|"
    r"united ?health\w*|humana|blue cross|bcbs|anthem|kaiser|optum|carriers?|payers?|networks?"
)
_PROVIDER_SIDE = (
    r"we|we['’]re|we are|our (?:clinic|office|practice|team|providers?|staff|center|centre|"
    r"billing \w+|care team|patient \w+|care coordinators?)|the (?:clinic|practice|office)"
)
_ACCEPTS = rx(
    rf"\b(?:{_PROVIDER_SIDE})\b[^.;]{{0,50}}?\b(?:accept|take|bill|work with|participate|"
    rf"contract with|verify|obtain|handle|submit|file|process|are in[- ]network|are contracted|"
    rf"are credentialed|are paneled|are participating|are (?:an )?in[- ]network)\w*\b"
    rf"[^.;]{{0,50}}?\b(?:{_PAYERS})\b"
    r"|\bin[- ]network (?:with|for|provider)\b|\baccepts? (?:most |all |many |major |some )*"
    r"(?:major |commercial |private )*(?:insurance|health plans)\b"
    rf"|\b(?:{_PAYERS}) (?:is |are )?(?:also |now |gladly )?accepted\b"
    r"|\b(?:obtain|secure|get|handle|submit|request)\w* (?:the |your |an? )?(?:insurance |prior )?"
    r"(?:pre-?)?authori[sz]ation"
    r"|\bwork(?:s|ing)? with (?:your|the patient['’]s|all major|most major|most) (?:insurance|"
    r"insurers?|health plans?)"
    r"|\b(?:we|our (?:clinic|office|team))\b[^.;]{0,30}\bbill (?:your )?(?:insurance|insurers?)"
    rf"|\b(?:is|are|gets?) billed (?:directly )?to (?:your |the patient['’]s |their )?(?:{_PAYERS})\b"
    r"|\b(?:approved|authori[sz]ed|contracted|participating) (?:va )?community (?:care )?provider\b"
)
_COVERED = rx(
    rf"\b(?:{_PAYERS})\b[^.;]{{0,40}}?\b(?:to cover|covers?|pays? for|will pay|reimburses?)\b"
    rf"|\bcovered by (?:most |many |your |major |all |some )*(?:{_PAYERS}|plans?)\b"
    r"|\b(?:is|are) (?:a )?covered (?:benefit|service)\b"
)
_REFUSES = rx(
    r"\bnon-?participating\b|\bout[- ]of[- ]network (?:provider|practice|clinic|only)\b|"
    r"\bnot (?:in[- ]network|contracted|participating|an in[- ]network)\b|"
    r"\b(?:cash|self)[- ]pay(?:ing)? (?:only|practice|clinic|basis)\b|\bcash[- ]only\b|"
    r"\b(?:is|are) (?:strictly |entirely |all |always )?(?:private|self|cash)[- ]pay\b|"
    r"\b(?:we are|we['’]re|is|are) (?:an )?out[- ]of[- ]network\b|"
    r"\b(?:is|are) (?:paid|payable) (?:out[- ]of[- ]pocket|in cash|directly by (?:you|the patient))\b|"
    r"\bprivate[- ]pay (?:only|practice|clinic)\b|\bdo(?:es)? not (?:participate|contract)\b|"
    rf"\b(?:{_PAYERS})\b[^.;]{{0,25}}?\b(?:does not|doesn['’]t|will not|won['’]t|do not|don['’]t|"
    r"is not|isn['’]t|are not|aren['’]t)\b[^.;]{0,20}?\b(?:pay|cover|accepted|billed|reimburse)\w*"
    r"|\bnot (?:typically |usually |currently |yet |generally )?covered\b"
    r"|\brefuse\w* to (?:pay|cover)\b|\bno insurance\b"
)
# "Evergreen does not bill insurance": the provider by name (general advice is skipped)
_REFUSES_BY_NAME = rx(
    r"\b(?:does not|doesn['’]t|do not|don['’]t) (?:currently )?(?:bill|accept|take|file with|submit "
    rf"to|work with) (?:any )?(?:{_PAYERS})\b"
)
_HELPS = rx(
    r"\bsuper[- ]?bills?\b|\bout[- ]of[- ]network (?:benefits|reimbursement|claims?|coverage|"
    r"paperwork|documentation|care)\b"
    r"|\breimburs\w*\b[^.]{0,60}?\b(?:assist|help|provide|submit|documentation|paperwork|receipts?|"
    r"claims?|superbill)\w*|\b(?:assist|help|provide|submit|documentation|paperwork)\w*\b"
    r"[^.]{0,60}?\breimburs\w*"
    r"|\bprovide\w* (?:you with )?(?:an? |the |all )?(?:documentation|paperwork|itemi[sz]ed "
    r"(?:receipts?|statements?|bills?)|information|receipts?)\b[^.;]{0,80}?\b(?:insurance|"
    r"reimburs\w*|claims?)"
    r"|\boffset\b[^.;]{0,40}\bcost"
    r"|\bhelp\w* (?:you )?(?:to )?(?:file|submit)\w* (?:your |a |the |any )?(?:own )?"
    r"(?:claims?|paperwork|forms?)"
    r"|\b(?:receive|get|seek|obtain|request|apply for|file for)\w* (?:partial |some |full )?"
    r"reimbursement"
)
_GENERAL_INSURANCE = rx(
    r"\b(?:most|many|some|few|certain|other|all) (?:[\w-]+ )?(?:plans|insurers|insurance "
    r"(?:companies|plans|providers|carriers)|health plans|carriers|payers)\b|"
    r"\binsurance companies (?:often|typically|usually|generally|may|tend)\b|"
    r"\b(?:liability|malpractice|life|car|auto|home) insurance\b"
)
# patients filing claims by themselves: what some people do, not the provider's help
_SELF_FILED = rx(
    r"\bon (?:their|your|his|her) own\b|\b(?:some|many|most|other|a few|few) (?:patients|people|"
    r"clients)\b"
)
# "Ask what documentation they need for reimbursement": a tip for calling one's insurer
_ASK_YOUR_INSURER = rx(
    r"^\W*(?:ask|check|call|find out|confirm|contact)\b(?! (?:us|our|for|the front desk)\b)"
    r"|\bask (?:your|whether|what|if|about|them)\b"
)
# what is usual across providers, not what this one takes
_AS_A_RULE = rx(r"\b(?:often|typically|usually|generally|in (?:many|most|some) cases)\b")
_INSURANCE_QUESTION = rx(r"\b(?:insurance|covered|coverage|insurer)\b")
_ESKETAMINE = rx(r"\b(?:spravato|esketamine)\b")
_MIXED = rx(r"\bboth\b|\bbut\b|\bwhile\b|\bwhereas\b|\bhowever\b|\bnot\b|\bonly\b")
_INSURANCE_TRIGGERS = words(
    "insurance insurer insurers network medicare medicaid tricare aetna cigna plan plans "
    "covered cover covers coverage authorization authorisation preauthorization bill superbill "
    "superbills reimbursement reimburse reimbursed pay pays participating contract cash offset "
    "payers carrier carriers"
)

_FINANCING_BRANDS = rx(
    r"\bcare ?credit\b|\badvance ?care\b|\bpatientfi\b|\bsunbit\b|\bprosper healthcare\b|"
    r"\bunited medical credit\b|\bcherry\b(?= (?:financing|payment|pay\b))|\bklarna\b|"
    r"\b(?<=with )(?:cherry|affirm)\b|"
    r"\bafterpay\b|\blending ?club\b|\bgreensky\b|\balphaeon\b|\bscratchpay\b|"
    r"\bproceed finance\b|\bhealth advantage\b|\baffirm\b(?= (?:financing|payment|pay\b|lets|allows))"
)
_FINANCING_TERMS = rx(
    r"\bfinanc(?:ing|e options?|e plans?|ed)\b|\bpayment plans?\b|\binstal?lment(?:s| plans?)?\b|"
    r"\bmonthly payments?\b|\bpay over time\b|\bspread (?:the|your) (?:cost|payments?)\b|"
    r"\bflexible payment(?:s| options)?\b|\bno[- ]interest\b|\bbuy now,? pay later\b|"
    r"\bsplit (?:your|the) (?:[\w-]+ ){0,3}?(?:into|across|over) (?:[\w-]+ ){0,3}?(?:payments|instal\w+)"
)
_FINANCING_OFFERED = rx(
    r"\b(?:we|our|us)\b|\b(?:available|offered|offer|provides?|accepted|apply|qualify|approved|"
    r"through|partner\w*|arranged|arrange|lets you|allows you|you can|in-house|interest[- ]free|"
    r"at checkout)\b|^(?:pay|split|spread)\b"
)
_FINANCING_ADVICE = rx(
    r"\b(?:ask|discuss|check|talk|inquire)\b[^.]{0,60}\b(?:your|the|a) (?:[\w-]+ ){0,3}?"
    r"(?:provider|clinic|doctor)|\b(?:many|some|most|other) (?:clinics|providers)\b|"
    r"\bclinics (?:may|often|typically|usually)\b|\bconsider\b|\byou (?:can|could|may|might) "
    r"(?:ask|look|explore)\b|\blook for\b"
)
_FINANCING_TRIGGERS = words(
    "carecredit care credit advance advancecare patientfi sunbit prosper united cherry klarna "
    "afterpay lending lendingclub greensky alphaeon scratchpay proceed health affirm financing "
    "finance financed payment plan plans installment installments instalment monthly payments "
    "pay spread flexible interest split later"
)
_HSA = rx(
    r"\bhsa\b|\bfsa\b|\bhra\b|\bhealth (?:care )?savings accounts?\b|\bhealthcare savings "
    r"accounts?\b|\bflexible spending(?: accounts?)?\b|\bhealth reimbursement accounts?\b"
)
_SUPERBILL = rx(r"\bsuper[- ]?bills?\b")
_BENEFIT_TRIGGERS = words(
    "hsa fsa hra savings spending superbill superbills super bill bills reimbursement"
)


# a discount for buying sessions together ("save 10% on a series of six") is a stated fee policy
_PACKAGE_DISCOUNT = rx(
    r"\b(?:discount\w*|save|savings|reduced (?:rate|price))\b[^.]{0,60}?\b(?:series|packages?|"
    r"bundles?|prepa(?:y|id)|multiple (?:infusions|sessions|treatments))\b"
    r"|\b(?:series|packages?|bundles?)\b[^.]{0,40}?\b(?:discount\w*|savings|reduced (?:rate|price))"
)
_PACKAGE_TRIGGERS = words("discount discounted save savings reduced")


@dataclass
class CostFindings:
    """Insurance, financing and superbill/HSA facts, each with the sentence that says it."""

    insurance: str | None = None
    insurance_hit: Hit | None = None
    financing: bool | None = None
    financing_hit: Hit | None = None
    superbill: bool | None = None
    hsa_fsa: bool | None = None
    benefit_hit: Hit | None = None
    package_discount_hit: Hit | None = None


def find_cost(page: PageText, article: bool = False) -> CostFindings:
    """What the provider says about paying; `article`: a blog post or explainer, where a
    sentence about what is usual ("HSA funds can often be used") is advice, not a policy."""
    out = CostFindings()
    _insurance(page, out, article)
    _financing(page, out)
    _benefits(page, out, article)
    for s in page.candidates(_PACKAGE_TRIGGERS):
        m = _PACKAGE_DISCOUNT.search(s.lower)
        if m is not None and not s.is_question and not GENERIC_PROVIDER.search(s.lower):
            out.package_discount_hit = Hit(s, m.start(), m.end())
            break
    return out


def _providers_voice(page: PageText, s: Sentence) -> bool:
    """The provider speaks: first person, or the answer to its own insurance question."""
    if FIRST_PERSON.search(s.lower):
        return True
    q = page.question_for(s) or s.block.question
    return bool(q and _INSURANCE_QUESTION.search(q.lower()))


def _insurance(page: PageText, out: CostFindings, article: bool) -> None:
    if not page.has_any(_INSURANCE_TRIGGERS):
        return
    accepts: list[Hit] = []
    bills = False  # an accepts statement about billing/network, not just "may be covered"
    refuses: list[Hit] = []
    helps: list[Hit] = []
    mixed: list[Hit] = []
    for s in page.candidates(_INSURANCE_TRIGGERS):
        if s.is_question:
            continue
        lower = s.lower
        general = bool(_GENERAL_INSURANCE.search(lower))
        voice = _providers_voice(page, s)
        # "most insurers do not cover it" says what insurers refuse, not what the provider
        # does; but as the answer to the provider's own coverage question (not in an article)
        # it is its policy (realpages/README.md, insurance conventions)
        refuse_voice = voice and not (general and article and not FIRST_PERSON.search(lower))
        refused = False
        for m in _REFUSES.finditer(lower):
            if refuse_voice or not (_general_clause(lower, m) or _hedged(lower, m)):
                refuses.append(Hit(s, m.start(), m.end()))
                refused = True
                break
        else:
            by_name = _REFUSES_BY_NAME.search(lower)
            if by_name is not None and not (
                general or GENERIC_PROVIDER.search(lower) or _hedged(lower, by_name)
            ):
                refuses.append(Hit(s, by_name.start(), by_name.end()))
                refused = True
        # "Spravato is covered by many plans; other ketamine treatments are self-pay"
        cover = (
            _COVERED.search(lower) if refused and not _general_clause(lower, refuses[-1]) else None
        )
        if cover is not None and not negated(lower, cover.start(), cover.end()):
            mixed.append(Hit(s, cover.start(), cover.end()))  # "may cover X, but Y is self-pay"
        for m in _ACCEPTS.finditer(lower):
            refused_here = negated(lower, m.start(), m.end())
            (refuses if refused_here else accepts).append(Hit(s, m.start(), m.end()))
            bills = bills or not refused_here
            break
        else:
            for m in _COVERED.finditer(lower):
                if negated(lower, m.start(), m.end()):
                    continue  # "does not cover" is caught by _REFUSES with its own voice test
                if voice or not (general or _hedged(lower, m)):
                    hit = Hit(s, m.start(), m.end())
                    accepts.append(hit)
                    if _ESKETAMINE.search(lower) and _MIXED.search(lower):
                        mixed.append(hit)  # "Spravato is covered, so we offer both"
                break
        for m in _HELPS.finditer(lower):
            self_filed = (
                _SELF_FILED.search(lower) or _ASK_YOUR_INSURER.search(lower)
            ) and not FIRST_PERSON.search(lower)
            if not _negated_term(lower, m) and (voice or not general) and not self_filed:
                helps.append(Hit(s, m.start(), m.end()))
                break
    # billing some plans while offering superbills for the rest is still "accepted"
    if mixed or (accepts and refuses) or (helps and not bills):
        out.insurance = "partial"
    elif accepts:
        out.insurance = "accepted"
    elif refuses:
        out.insurance = "not_accepted"
    else:
        return
    # quote the statement that decides the value, preferring the provider's own voice
    pool = {
        "partial": mixed + refuses + helps + accepts,
        "accepted": accepts,
        "not_accepted": refuses,
    }[out.insurance]
    pool.sort(key=lambda h: (not FIRST_PERSON.search(h.sentence.lower), h.sentence.index))
    out.insurance_hit = pool[0]


def _general_clause(lower: str, m: re.Match[str] | Hit) -> bool:
    """Whether "most plans", "many insurers" stand in the clause of the statement (up to the
    next ";")."""
    start = m.start() if isinstance(m, re.Match) else m.start
    end = lower.find(";", start)
    return (
        _GENERAL_INSURANCE.search(lower, clause_start(lower, start), len(lower) if end < 0 else end)
        is not None
    )


def _hedged(lower: str, m: re.Match[str]) -> bool:
    """A may/often/typically in the statement's own clause."""
    return HEDGE.search(lower, clause_start(lower, m.start()), m.end()) is not None


def _financing(page: PageText, out: CostFindings) -> None:
    if not page.has_any(_FINANCING_TRIGGERS):
        return
    declined: Hit | None = None
    for s in page.candidates(_FINANCING_TRIGGERS):
        if s.is_question:
            continue
        lower = s.lower
        if GENERIC_PROVIDER.search(lower):
            continue  # "some clinics accept CareCredit" is advice, not this clinic's offer
        for m in _FINANCING_BRANDS.finditer(lower):
            if negated(lower, m.start(), m.end()):
                declined = declined or Hit(s, m.start(), m.end())
                continue
            out.financing, out.financing_hit = True, Hit(s, m.start(), m.end())
            return
        for m in _FINANCING_TERMS.finditer(lower):
            if _negated_term(lower, m):
                declined = declined or Hit(s, m.start(), m.end())
                continue
            if _FINANCING_ADVICE.search(lower) or not _FINANCING_OFFERED.search(lower):
                continue
            out.financing, out.financing_hit = True, Hit(s, m.start(), m.end())
            return
    if declined is not None:
        out.financing = False


_NOT_AVAILABLE_AFTER = rx(
    r"^[^.;]{0,25}\b(?:not|n['’]t|cannot|unable to)\b[^.;]{0,15}\b(?:available|offered|accepted|"
    r"possible|provided|given|issued|processed|used|applied)"
)


_NO_INTEREST = re.compile(r"\bno(?=[- ]interest\b)")


def _negated_term(lower: str, m: re.Match[str]) -> bool:
    """'no payment plans', 'we do not offer financing', 'payment plans are not available';
    not 'no-interest payment plans'."""
    if m.group().startswith("no"):
        return False
    lower = _NO_INTEREST.sub("zz", lower)
    return negated(lower, m.start(), m.end()) or bool(_NOT_AVAILABLE_AFTER.search(lower[m.end() :]))


_YES = rx(
    r"^(?:yes\b|absolutely\b|of course\b)|\b(?:we|our [\w ]{1,20}?) (?:can|will|do|are happy to|gladly)\b"
    r"|\b(?:provide|prepare|issue|accept|available)\b"
)
_NO = rx(r"^(?:no\b|unfortunately\b|sorry\b)")


def _benefits(page: PageText, out: CostFindings, article: bool) -> None:
    if not page.has_any(_BENEFIT_TRIGGERS):
        return
    for s in page.sentences:  # FAQ answers: "Need a superbill?" "Our front desk can prepare one."
        q = page.question_for(s)
        if q is None or s.is_question:
            continue
        for pat, attr in ((_SUPERBILL, "superbill"), (_HSA, "hsa_fsa")):
            if getattr(out, attr) is None and pat.search(q.lower()) and not pat.search(s.lower):
                no = _NO.search(s.lower) or negated(s.lower, len(s.lower))
                if no or _YES.search(s.lower):
                    setattr(out, attr, not no)
                    if not no and out.benefit_hit is None:
                        out.benefit_hit = Hit(s, 0, len(s.text))
    for s in page.candidates(_BENEFIT_TRIGGERS):
        if s.is_question:
            continue
        lower = s.lower
        if not FIRST_PERSON.search(lower) and (
            _ASK_YOUR_INSURER.search(lower) or (article and _AS_A_RULE.search(lower))
        ):
            continue  # "Ask about your HSA or FSA", "HSA funds can often be used": general tips
        for pat, attr in ((_SUPERBILL, "superbill"), (_HSA, "hsa_fsa")):
            m = pat.search(lower)
            if m is None or getattr(out, attr) is not None:
                continue
            ok = not _negated_term(lower, m)
            setattr(out, attr, ok)
            if ok and out.benefit_hit is None:
                out.benefit_hit = Hit(s, m.start(), m.end())
