"""Phrasings written for the sample web: signals, facts, red flags, hard negatives and filler.

Templates use ``str.format`` fields filled per clinic (see ``sampleweb.site.Vocabulary``):
``{noun}``/``{nouns}`` (infusion, injection, session...), ``{doctor_full}`` ("Jane Roe, MD"),
``{doctor}`` ("Dr. Roe"), ``{therapist}`` ("Sam Lee, LCSW"), ``{therapist_role}``,
``{specialty}``, ``{specialist}``, ``{board}``, ``{since}``, ``{years}``, ``{patients}``,
``{name}``, ``{city}``, ``{state_name}``.

A leading ``[req]`` marks a template usable only when the clinic has ``req`` (a signal id, or
``ptsd``, ``iv``, ``esketamine``, ``telehealth``); see ``requirement``.
"""

from __future__ import annotations

from typing import Final

# fmt: off
SIGNAL_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "physician_led": (
        "Every treatment is overseen by our medical director, {doctor_full}.",
        "{doctor_full} personally supervises each {noun} at our clinic.",
        "Our program is physician-led: {doctor_full} reviews every patient's care.",
        "{doctor_full}, a practicing physician, leads our clinical team and is on site during treatments.",
        "Medical oversight is provided by {doctor_full}, who founded the practice.",
        "All of our protocols are written and supervised by {doctor_full}.",
        "You will meet {doctor_full}, our medical director, before your first {noun}.",
        "Led by {doctor_full}, the clinic keeps a physician in charge of every session.",
        "{doctor_full} sees every new patient and is on site whenever treatment is given.",
    ),
    "board_certified": (
        "{doctor} is board-certified in {specialty}.",
        "{doctor} holds board certification in {specialty}.",
        "Our medical director is a board certified {specialist}.",
        "{doctor} is certified by the {board}.",
        "Board-certified {specialist} {doctor} heads our medical team.",
        "{doctor} completed residency in {specialty} and is a diplomate of the {board}.",
        "A double board-certified physician, {doctor} practices {specialty} and addiction medicine.",
    ),
    "licensed_clinicians": (
        "Our therapy team includes {therapist}, a {therapist_role}.",
        "{therapist} is a {therapist_role} on our team.",
        "Sessions are supported by licensed mental health professionals, including {therapist}.",
        "We work alongside {therapist}, our in-house {therapist_role}.",
        "A {therapist_role}, {therapist}, is part of our care team.",
        "Meet {therapist}, our {therapist_role}.",
        "Our clinicians include licensed therapists such as {therapist}.",
        "Integration sessions are led by {therapist}.",
        "Your intake is with {therapist}, who stays your point of contact throughout.",
    ),
    "trauma_training": (
        "Our clinicians are trained in EMDR and Cognitive Processing Therapy (CPT).",
        "[psychotherapy]Several team members have completed formal ketamine-assisted psychotherapy (KAP) training.",
        "Our providers are trained in trauma-focused approaches such as Prolonged Exposure (PE) and Internal Family Systems (IFS).",
        "Every therapist on staff holds EMDR certification.",
        "The team has specialized training in trauma-informed care, including EMDR and IFS.",
        "Our staff completed a certificate program in ketamine-assisted therapy at a nationally recognized training institute.",
        "Clinicians here are trained in Cognitive Processing Therapy, a leading approach for trauma.",
        "We hold certificates in psychedelic-assisted therapy and trauma-focused CBT.",
    ),
    "experience": (
        "We have provided ketamine treatment since {since}.",
        "Our team has administered more than {patients} ketamine treatments.",
        "With over {years} years of experience, we have helped more than {patients} patients.",
        "Our founder has been treating patients with ketamine for {years} years.",
        "We are members of the American Society of Ketamine Physicians, Psychotherapists & Practitioners (ASKP3).",
        "Founded in {since}, the clinic has completed over {patients} sessions.",
        "Our medical team brings more than {years} years of combined anesthesia and psychiatry experience.",
        "Since opening in {since}, we have cared for thousands of patients from across {state_name}.",
    ),
    "psychotherapy": (
        "We offer ketamine-assisted psychotherapy (KAP) alongside medical treatment.",
        "Talk therapy sessions are available with every treatment series.",
        "Ketamine-assisted psychotherapy combines a low-dose ketamine session with guided therapy.",
        "Patients may add psychotherapy sessions with one of our therapists.",
        "Our KAP program pairs each dosing session with a therapist-guided session.",
        "We provide one-on-one psychotherapy in addition to ketamine treatment.",
        "Counseling and therapy services are offered on site.",
        "Psychotherapy is a core part of our program, not an add-on.",
    ),
    "prep_integration": (
        "Each series begins with a preparation session and ends with integration sessions.",
        "We include integration sessions to help you make sense of your experience.",
        "Before your first {noun}, a preparation visit helps you set intentions.",
        "Integration therapy is included after every {noun}.",
        "Our integration circle meets weekly to help patients process what came up in their sessions.",
        "Preparation and integration sessions are part of every treatment series.",
        "After treatment, integration coaching helps you carry new insights into daily life.",
        "You will have a dedicated preparation call with a guide before starting.",
    ),
    "care_coordination": (
        "With your permission, we coordinate care with your existing therapist or psychiatrist.",
        "We keep your therapist informed about your progress, with your consent.",
        "We work closely with your psychiatrist and send updates after each series.",
        "Our team collaborates with your current mental health providers.",
        "If you do not have a therapist, we can refer you to one in our network.",
        "We partner with a referral network of local therapists and psychiatrists.",
        "Referring therapists receive a written summary after every treatment course.",
        "We communicate regularly with your psychotherapist so your care stays connected.",
        "If you agree, we share a short summary with your therapist after each {noun}.",
    ),
    "outcome_tracking": (
        "We track your progress with standardized measures such as the PHQ-9 and GAD-7.",
        "Patients complete a PHQ-9 questionnaire before each {noun} so we can measure change.",
        "[ptsd]For trauma symptoms we use the PCL-5 to monitor progress over time.",
        "PHQ-9 symptom scores are recorded at every visit and reviewed with you.",
        "We measure outcomes using validated questionnaires (PHQ-9, GAD-7).",
        "The GAD-7 and PHQ-9 are repeated throughout treatment to track results.",
        "Your care team reviews your PHQ-9 and GAD-7 scores after every session.",
        "We follow each patient's response with validated scales such as the PHQ-9.",
    ),
    "screening": (
        "Every patient completes a medical and psychiatric evaluation before treatment.",
        "Before your first {noun}, a provider reviews your medical history, medications and mental health.",
        "A comprehensive intake assessment is required for all new patients.",
        "We screen each patient carefully to make sure ketamine is a safe option.",
        "Treatment begins with a thorough psychiatric screening and physical health review.",
        "Your first visit includes a mental health assessment and a review of your current medications.",
        "All candidates undergo a pre-treatment evaluation by our medical team.",
        "We require a screening visit to confirm that ketamine is appropriate for you.",
        "A psychiatric consultation comes first, before any {noun} is scheduled.",
        "Step 1: an intake visit, where a clinician goes over your health history, medications and mental health with you.",
        "First comes a medical intake: we review your records, medications and blood pressure before anything is booked.",
    ),
    "contraindications": (
        "Ketamine is not appropriate for people with uncontrolled high blood pressure, active psychosis or pregnancy.",
        "We cannot treat patients with a history of psychosis or schizophrenia.",
        "Ketamine may not be right for you if you are pregnant, have uncontrolled hypertension or a history of substance misuse.",
        "Contraindications include active mania, untreated heart disease and certain seizure disorders.",
        "People with a history of ketamine misuse are not candidates for treatment.",
        "Patients who are pregnant or breastfeeding should not receive ketamine.",
        "Certain conditions, such as uncontrolled blood pressure or a recent heart attack, rule out treatment.",
        "Ketamine is not recommended for anyone with active psychotic symptoms.",
        "We don't offer ketamine to people who have untreated high blood pressure, active psychosis or a recent stroke.",
        "Treatment is open to adults with no history of psychosis or mania.",
    ),
    "vitals_monitoring": (
        "Your blood pressure, heart rate and oxygen levels are monitored throughout each {noun}.",
        "A nurse checks your vital signs continuously during treatment.",
        "We use continuous pulse oximetry and blood pressure monitoring in every session.",
        "Vital signs are recorded before, during and after each {noun}.",
        "You are connected to a monitor that tracks heart rhythm and oxygen saturation.",
        "Heart rate, blood pressure and oxygen saturation are watched by our staff the entire time.",
        "Each session includes cardiac monitoring and regular blood pressure checks.",
        "Our team monitors your vitals from start to finish.",
        "Telemetry heart monitoring runs for the whole {noun}.",
        "A nurse takes and logs your blood pressure every fifteen minutes.",
        "Step 3: while the medicine runs, a nurse checks your blood pressure and oxygen every few minutes.",
    ),
    "emergency_readiness": (
        "All clinical staff hold current ACLS and BLS certification.",
        "Our treatment rooms are equipped with emergency medications and a defibrillator.",
        "We maintain a written emergency plan and train our team on it regularly.",
        "Our nurses are certified in Advanced Cardiac Life Support (ACLS).",
        "Emergency equipment, including oxygen and an AED, is on hand at all times.",
        "Every provider is trained in Basic Life Support and emergency airway management.",
        "We run regular emergency drills, and resuscitation equipment is kept in every suite.",
        "An ACLS-certified clinician is present whenever treatment is given.",
    ),
    "aftercare_rules": (
        "You must have a driver take you home after every {noun}.",
        "Please do not eat for four hours before your appointment.",
        "We observe you for at least 30 minutes after treatment before you leave.",
        "Do not drive or operate machinery until the following day.",
        "Plan to rest for the remainder of the day and arrange a ride home.",
        "Avoid solid food for 4 to 6 hours before your {noun}; clear liquids are fine up to 2 hours before.",
        "After your {noun} you will recover in our lounge until a nurse clears you to go home.",
        "Rideshare is not permitted unless a companion accompanies you home.",
    ),
    "individualized_plan": (
        "Your provider builds an individualized treatment plan after your first visit.",
        "Each patient receives a treatment plan tailored to their history and goals.",
        "No two plans are alike: we adapt your plan to your symptoms and goals.",
        "We design a personalized treatment protocol for every patient.",
        "Your treatment plan is customized and revisited as you progress.",
        "Care plans are created individually, based on your diagnosis and response.",
        "Together we set goals and build a plan of care that fits your needs.",
        "We create an individualized care plan for every patient we see.",
        "Plans are built for each patient after the intake, never copied from a template.",
        "The plan is worked out with you at your consultation and changes as you do.",
        "We customize each course of treatment to the person in front of us.",
    ),
    "titrated_dosing": (
        "Doses are calculated from your body weight and adjusted based on your response.",
        "We start with a conservative dose and titrate it to your response.",
        "Your dose is weight-based and fine-tuned at each visit.",
        "We adjust the dose from session to session depending on how you respond.",
        "Dosing starts at 0.5 mg/kg and is titrated as needed.",
        "Every dose is tailored to your weight and tolerance.",
        "Your provider adjusts the dose gradually to find the level that works for you.",
        "Ketamine is dosed per kilogram of body weight, then titrated.",
        "We start low and raise the dose only as tolerated.",
        "Your second and third doses are adjusted to how you responded to the first.",
        "{doctor} sets each dose from your weight and history, then adjusts it to how you felt the time before.",
        "If a session feels too strong, the next one is given more slowly or at a lower dose.",
    ),
    "flexible_schedule": (
        "How many {nouns} you need is decided case by case.",
        "After the initial series, booster {nouns} are scheduled based on your symptoms.",
        "We offer maintenance boosters when symptoms return, not on a fixed calendar.",
        "The frequency of maintenance treatments varies from person to person.",
        "Booster timing is individualized to how your symptoms respond.",
        "The number of booster {nouns} depends on your individual response.",
        "Maintenance treatments are spaced according to how you feel.",
        "Follow-up {nouns} are scheduled according to your symptoms rather than a fixed plan.",
        "Your treatment schedule is adjusted to your response, not fixed in advance.",
        "How often you come back is settled with you, depending on how long the relief lasts.",
    ),
}

# Where each freely drawn signal may be written (page kinds, first is most likely).
SIGNAL_PAGES: Final[dict[str, tuple[str, ...]]] = {
    "physician_led": ("team", "home", "team"),
    "board_certified": ("team",),
    "licensed_clinicians": ("team",),
    "trauma_training": ("team", "services"),
    "experience": ("team", "home"),
    "psychotherapy": ("services", "home"),
    "prep_integration": ("services", "faq"),
    "care_coordination": ("services", "faq"),
    "outcome_tracking": ("services", "faq"),
    "screening": ("faq", "home", "services"),
    "contraindications": ("faq",),
    "vitals_monitoring": ("faq", "services", "home"),
    "emergency_readiness": ("faq", "team"),
    "aftercare_rules": ("faq",),
    "individualized_plan": ("home", "services"),
    "titrated_dosing": ("services", "faq"),
    "flexible_schedule": ("services", "contact", "faq"),
}

# FAQ questions a signal's sentence may answer (FAQ pages render question + answer).
FAQ_QUESTIONS: Final[dict[str, tuple[str, ...]]] = {
    "screening": ("Do I need an evaluation first?", "How do I know if ketamine is right for me?"),
    "contraindications": ("Who should not receive ketamine?", "Is ketamine safe for everyone?"),
    "vitals_monitoring": ("What happens during a session?", "Will someone be with me during treatment?"),
    "emergency_readiness": ("What if something goes wrong?", "Is your staff trained for emergencies?"),
    "aftercare_rules": ("Can I drive home afterwards?", "How should I prepare for my appointment?"),
    "prep_integration": ("Is there support between sessions?", "What is integration?"),
    "care_coordination": ("Can I keep seeing my own therapist?", "Do you work with other providers?"),
    "outcome_tracking": ("How do you know if it is working?", "Do you measure results?"),
    "titrated_dosing": ("How is my dose decided?", "Is the dose the same for everyone?"),
    "flexible_schedule": ("What if my symptoms come back?", "Can I schedule around work?"),
    "insurance": ("Do you take insurance?", "Will my insurance cover treatment?"),
    "financing": ("Do you offer payment plans?", "Is financing available?"),
    "superbill": ("Can I get reimbursed by my insurer?", "Do you provide superbills?"),
    "hsa_fsa": ("Can I use my HSA or FSA?", "Which payment methods do you accept?"),
    "routes": ("How is ketamine given?", "What treatment options do you offer?"),
    "ptsd": ("What conditions do you treat?", "Can ketamine help with PTSD?"),
    "telehealth": ("Do you offer virtual visits?", "Can I be seen remotely?"),
    "veterans": ("Do you work with veterans?", "Are there any discounts?"),
    "education": ("How is ketamine given?", "What forms of ketamine exist?"),
    "referral": ("Do I need a referral?", "How do I get started?"),
    "at_home": ("Do you offer treatment at home?", "Where does treatment take place?"),
    "results": ("Will ketamine work for me?", "Are results guaranteed?"),
    "fees": ("How much does treatment cost?", "What does a consultation cost?"),
}

# ---- facts ---------------------------------------------------------------------------------

# Route names as written on pages; the sentence below lists the clinic's routes, all of them.
ROUTE_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "iv": ("IV infusions", "intravenous (IV) infusions", "IV ketamine infusions"),
    "im": ("intramuscular (IM) injections", "IM injections", "intramuscular ketamine injections"),
    "intranasal": ("compounded intranasal ketamine", "intranasal ketamine spray"),
    "oral": ("oral ketamine capsules", "oral ketamine solution"),
    "sublingual": ("sublingual ketamine lozenges (troches)", "sublingual ketamine tablets", "dissolvable ketamine tablets"),
    "esketamine": ("Spravato (esketamine) nasal spray", "FDA-approved Spravato® (esketamine)"),
}
ROUTE_NOUNS: Final[dict[str, tuple[str, str]]] = {
    "iv": ("infusion", "infusions"),
    "im": ("injection", "injections"),
    "intranasal": ("session", "sessions"),
    "oral": ("session", "sessions"),
    "sublingual": ("session", "sessions"),
    "esketamine": ("treatment", "treatments"),
}
ROUTES_MULTI: Final = (
    "Depending on your needs, we can administer ketamine as {routes}.",
    "Patients can choose between {routes}.",
    "We offer more than one way to receive ketamine: {routes}.",
    "You and your provider decide together which option suits you best: {routes}.",
    "We offer a choice of {routes}, selected for each patient.",
    "Depending on your history and preferences, treatment is given as {routes}.",
    "Treatment options include {routes}; we help you choose the one that is right for you.",
)
ROUTES_SINGLE: Final = (
    "We offer {routes}.",
    "Every treatment here is delivered as {routes}.",
    "Our clinic provides {routes}.",
    "We specialize in {routes}.",
    "All of our ketamine treatments are {routes}.",
    "Ketamine is given here exclusively as {routes}.",
)

INSURANCE_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "accepted": (
        "We are in network with {insurers}.",
        "[esketamine]We bill your insurance for Spravato treatment.",
        "Most major insurance plans are accepted, including {insurers}.",
        "Insurance accepted: {insurers}.",
        "We accept insurance from {insurers}, and our staff will verify your benefits.",
        "Good news: we are an in-network provider for {insurers}.",
        "Our office bills {insurers} directly for covered services.",
        "[esketamine]Spravato treatment is billed directly to your health plan.",
    ),
    "not_accepted": (
        "We do not accept insurance.",
        "Ketamine {nouns} are self-pay; we are not in network with any insurer.",
        "All services are private pay.",
        "We are a cash-pay practice and do not bill insurance.",
        "Insurance is not accepted at this time.",
        "We don't take insurance; payment is due at the time of service.",
        "Our clinic does not participate in any insurance networks.",
    ),
    "partial": (
        "We are an out-of-network provider; you may be able to seek reimbursement from your insurer.",
        "Insurance may cover your psychiatric evaluation, but ketamine {nouns} are self-pay.",
        "We accept insurance for office visits only; ketamine treatment itself is paid out of pocket.",
        "[esketamine]Spravato is covered by many insurance plans; other ketamine treatments are self-pay.",
        "Some plans reimburse part of our fees as out-of-network care.",
        "We are out of network with all insurers, though some patients receive partial reimbursement.",
    ),
}
# The provider's own answer to a coverage question, worded generally: its policy only in its
# FAQ (realpages/README.md, insurance conventions), so these are drawn for FAQ answers alone.
INSURANCE_FAQ_ANSWERS: Final[dict[str, tuple[str, ...]]] = {
    "not_accepted": (
        "Most insurance companies do not cover ketamine {nouns} at this time.",
        "Insurers generally do not pay for ketamine used for depression, because that use is off-label.",
    ),
    "partial": (
        "Most insurers do not cover ketamine, but we give you a superbill to submit for out-of-network reimbursement.",
    ),
}
FINANCING_TRUE: Final = (
    "Financing is available through {vendor}.",
    "We offer interest-free payment plans.",
    "Monthly payment plans are available through {vendor}.",
    "Ask us about financing options with {vendor}.",
    "Flexible financing lets you spread the cost over several months.",
    "We partner with {vendor} so you can pay over time.",
    "Payment plans can be arranged for any treatment series.",
    "Split the cost of your series into four interest-free payments with {vendor}.",
    "Buy now, pay later with {vendor} at checkout.",
)
FINANCING_FALSE: Final = (
    "We do not offer payment plans at this time.",
    "Payment is due in full at the time of service; we do not offer financing.",
    "Unfortunately, financing is not available.",
    "We are unable to offer payment plans or financing.",
    "Please note that we don't provide financing options.",
    "Financing and payment plans are not offered.",
)
SUPERBILL_TRUE: Final = (
    "We can provide a superbill you can submit to your insurance for possible out-of-network reimbursement.",
    "Superbills are available on request.",
    "We will give you a superbill after each visit for out-of-network claims.",
    "Need a superbill? Our front desk can prepare one for you.",
    "We provide detailed superbills so you can file for reimbursement.",
    "Ask for a superbill, which many patients submit to their insurance company.",
)
SUPERBILL_FALSE: Final = (
    "We are unable to provide superbills.",
    "We do not provide superbills for ketamine treatment.",
    "Please note that superbills are not available.",
    "Our clinic does not issue superbills.",
    "Superbills cannot be provided for any of our services.",
    "We don't offer superbills or help with insurance claims.",
)
HSA_TRUE: Final = (
    "HSA and FSA cards are accepted.",
    "You can pay with your Health Savings Account (HSA) or Flexible Spending Account (FSA).",
    "We accept HSA/FSA cards for all treatments.",
    "Treatment is often an eligible HSA or FSA expense.",
    "Payment options include HSA and FSA cards.",
    "Many patients use their HSA or FSA funds to pay for treatment.",
)
HSA_FALSE: Final = (
    "We do not accept HSA or FSA cards.",
    "HSA and FSA cards cannot be used at our clinic.",
    "Please note: HSA/FSA payments are not accepted.",
    "We are unable to accept HSA or FSA cards.",
    "HSA and FSA funds are not accepted for our services.",
    "Unfortunately we cannot process HSA or FSA payments.",
)
CONDITION_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "depression": ("Depression", "Treatment-resistant depression", "Major depressive disorder"),
    "anxiety": ("Anxiety", "Generalized anxiety disorder", "Anxiety disorders"),
    "ptsd": ("PTSD", "Post-traumatic stress disorder (PTSD)", "PTSD and trauma"),
    "ocd": ("OCD", "Obsessive-compulsive disorder"),
    "pain": ("Chronic pain", "CRPS and chronic pain", "Fibromyalgia"),
    "bipolar": ("Bipolar depression",),
    "suicidal": ("Suicidal thoughts", "Suicidal ideation"),
    "postpartum": ("Postpartum depression",),
}
CONDITIONS_INTRO: Final = (
    "Conditions we treat",
    "We help patients with",
    "Ketamine treatment for",
    "Who we help",
    "Conditions treated",
)
PTSD_SENTENCE: Final = (
    "We treat PTSD, including combat-related and complex trauma.",
    "Many of our patients come to us for post-traumatic stress disorder (PTSD).",
    "Ketamine can reduce PTSD symptoms, and we treat PTSD at our clinic.",
    "Our PTSD program is designed for survivors of trauma.",
    "We have helped many people living with PTSD.",
    "We see many patients living with PTSD.",
)
PTSD_NEGATIVE: Final = (
    "At this time our program focuses on depression and anxiety; we do not treat PTSD.",
    "We do not currently accept patients whose primary diagnosis is PTSD, but we are happy to refer you.",
    "PTSD treatment is not offered here; please ask us for a referral to a trauma specialist.",
)
TELEHEALTH: Final = (
    "Initial consultations can be done by secure video visit.",
    "We offer telehealth appointments for residents of {state_name}.",
    "Follow-up visits are available by telehealth.",
    "Virtual consultations are available if you cannot come in person.",
    "Your first appointment can take place online via telemedicine.",
    "Telehealth visits are available for established patients.",
)
VETERANS: Final = (
    "Veterans and first responders receive 10% off every {noun}.",
    "We proudly serve veterans and offer a military discount.",
    "Ask about our discount for veterans, active-duty military and first responders.",
    "Veterans receive $50 off each {noun}.",
    "We offer a dedicated program for veterans and their families.",
    "As a thank you for your service, veterans and first responders receive reduced pricing.",
)

# ---- prices --------------------------------------------------------------------------------

# Per-session prices; {p}, {lo}, {hi} are formatted amounts like "$475".
PRICE_SINGLE: Final = (
    "Each {noun} is {p}.",
    "{p} per {noun}.",
    "Our price is {p}/{noun}.",
    "A single {noun} costs {p}.",
    "The fee for one {noun} is {p}, all-inclusive.",
    "Individual {nouns}: {p} each.",
    "Each {noun} is {p_dollars}.",
    "Per {noun}: {p_usd}.",
)
PRICE_RANGE: Final = (
    "{lo}–{hi} per session, depending on dose and duration.",
    "{nouns_cap} range from {lo} to {hi} per session.",
    "Each {noun} costs between {lo} and {hi}.",
    "Single sessions are {lo} - {hi}.",
    "From {lo} to {hi} per {noun}.",
    "Per-session pricing: {lo}-{hi}.",
)
PRICE_STARTING: Final = (
    "{nouns_cap} starting at {p}.",
    "Sessions start at {p}.",
    "Treatment starts at just {p} per {noun}.",
    "Single {nouns} from {p}.",
    "Pricing starts at {p} per session.",
    "{nouns_cap} begin at {p} each.",
)
PRICE_INTRO: Final = (
    "Your first {noun} is {lo}; subsequent {nouns} are {hi}.",
    "Introductory price: {lo} for your first {noun} (regular price {hi}).",
    "New patients pay {lo} for the first {noun}; after that each {noun} is {hi}.",
    "First {noun}: {lo}. Each additional {noun}: {hi}.",
    "Special introductory rate of {lo} for the first session, then {hi} per session.",
    "Try your first {noun} for {lo}; regular sessions are {hi}.",
)
# Table row labels for per-session prices, by route.
PRICE_ROW_LABELS: Final[dict[str, tuple[str, ...]]] = {
    "iv": ("Single IV infusion", "IV ketamine infusion (per session)", "IV infusion"),
    "im": ("IM injection", "Intramuscular injection (per session)", "IM ketamine session"),
    "intranasal": ("Intranasal ketamine session",),
    "oral": ("Oral ketamine session",),
    "sublingual": ("Lozenge-assisted session", "Sublingual ketamine session"),
    "esketamine": ("Spravato treatment session",),
}
# Fees that are NOT per-session prices (signal other_fees). {p}, {n}, {n_word}.
FEE_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "consult": (
        "Initial consultation: {p}.",
        "The initial consultation fee is {p}.",
        "New patient consultation — {p}.",
        "A {p} consultation fee applies to your first visit.",
        "Consultations are {p} and are required before treatment.",
        "Medical consultation: {p} (applied to your first series).",
        "The intake visit is {p}, separate from the cost of treatment.",
    ),
    "package": (
        "{p} for a series of {n_word} {nouns}.",
        "Package of {n} {nouns}: {p}.",
        "Save when you book the full series: {n} {nouns} for {p}.",
        "The complete {n}-{noun} series is {p}.",
        "Series pricing: {p} for {n} sessions, paid in advance.",
        "Bundle of {n_word} {nouns} — {p}.",
        "{n} {nouns} in total come to {p} when paid upfront.",
    ),
    "membership": (
        "Maintenance membership: {p}/month.",
        "Our monthly wellness membership is {p} per month.",
        "Members pay {p} a month for ongoing support.",
        "Join our care membership for {p} monthly.",
        "Monthly membership — {p}.",
        "A {p}/month plan includes monthly check-ins with our nurses.",
    ),
    "integration": (
        "Integration sessions are {p} each.",
        "Each integration session costs {p}.",
        "Integration therapy: {p} per session.",
        "Add an integration session for {p}.",
        "Integration visits — {p}.",
        "A 50-minute integration session is {p}.",
        "Integration add-on: {p} per session.",
    ),
}
FEE_ROW_LABELS: Final[dict[str, tuple[str, ...]]] = {
    "consult": ("Initial consultation", "Consultation visit", "Consultation"),
    "package": ("Series of {n} {nouns}", "{n}-{noun} package", "Package ({n} sessions)"),
    "membership": ("Monthly membership", "Maintenance membership (per month)"),
    "integration": ("Integration session", "Integration therapy (per session)"),
}
NO_PRICE: Final = (
    "Please call our office for current treatment pricing.",
    "Contact us for a personalized quote.",
    "Pricing is discussed during your consultation.",
    "Treatment costs vary; our team will walk you through your options.",
)
NUMBER_WORDS: Final = {4: "four", 5: "five", 6: "six", 8: "eight"}

RATING_TEXT: Final = (
    "Rated {rating}/5 by {count} patients",
    "{rating} out of 5 stars from {count} reviews",
    "Average rating {rating} out of 5 ({count} reviews)",
    "{rating} stars · {count} Google reviews",
    "Our patients rate us {rating}/5 across {count} reviews",
    "{count} reviews, average {rating} out of 5",
)

# ---- red flags -----------------------------------------------------------------------------

RED_FLAG_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "guarantee_claim": (
        "Guaranteed relief from depression in just one {noun}!",
        "We can cure your depression for good.",
        "Our protocol has a 100% success rate.",
        "Feel better or your money back — guaranteed.",
        "[ptsd]A permanent cure for anxiety and PTSD.",
        "Results guaranteed, or your next {noun} is free.",
    ),
    "no_screening": (
        "No screening required — book today and be treated the same day.",
        "No medical evaluation needed; walk in and start treatment.",
        "Skip the paperwork: no screening or intake appointment necessary.",
        "No psychiatric evaluation required to start.",
        "Start treatment today with no screening and no wait.",
        "No assessment needed before your first {noun}.",
    ),
    "at_home_iv": (
        "Our nurses bring IV ketamine infusions to your home.",
        "Enjoy IV ketamine in the comfort of your own home.",
        "We offer in-home IV ketamine therapy anywhere in {city}.",
        "Mobile IV ketamine: we come to you.",
        "Get your ketamine infusion at home — our nurse sets up the IV in your living room.",
        "At-home IV infusions available seven days a week.",
    ),
}

# ---- hard negatives: must produce neither a signal nor a fact --------------------------------

ROUTE_EDUCATION: Final = (
    "Ketamine can be given by IV, IM, nasal spray or lozenge, and research into each route continues.",
    "In general, ketamine may be administered intravenously, by intramuscular injection, as a nasal spray or orally.",
    "Across the field, clinics use several routes for ketamine: IV, IM, intranasal and sublingual.",
    "Ketamine comes in many forms, from infusions and injections to nasal sprays and lozenges.",
)
ESKETAMINE_EDUCATION: Final = (
    "Spravato (esketamine) is an FDA-approved nasal spray; we do not currently offer it.",
    "You may have heard of Spravato, a nasal spray form of esketamine, which is not available at our clinic.",
    "[iv]Unlike Spravato nasal spray, which we do not provide, our treatment is an IV infusion.",
)
NEGATIONS: Final = (  # (FAQ topic, sentence)
    ("referral", "No referral is needed — you can book a consultation directly."),
    ("at_home", "We do not offer at-home treatment; all {nouns} take place in our clinic."),
    ("results", "While no treatment can be guaranteed, many patients notice improvement."),
    ("results", "Results vary from person to person and are not guaranteed."),
    ("referral", "You don't need a referral from your doctor to contact us."),
)
FLUFF: Final = (
    "Your safety is our top priority.",
    "Compassionate care tailored to your wellness journey.",
    "We believe everyone deserves to feel like themselves again.",
    "Our calm, welcoming space was designed with comfort in mind.",
    "Healing starts with a conversation.",
    "We are committed to excellence in everything we do.",
    "A new path forward for your mental health.",
    "Modern treatment in a relaxing, spa-like setting.",
    "We treat every person who walks through our doors with dignity and respect.",
    "Discover a fresh approach to mental wellness.",
    "Our team is passionate about helping you feel better.",
    "Personalized, compassionate care from people who listen.",
)

# ---- filler (no signals, no facts) ----------------------------------------------------------

HERO_TAGLINES: Final = (
    "Relief can begin sooner than you think.",
    "Ketamine therapy in {city}.",
    "Find your way back to yourself.",
    "A fresh start for mental health in {city}, {state}.",
    "Evidence-based ketamine care in {state_name}.",
    "Hope is closer than it seems.",
    "Where healing feels human.",
)
HOME_PARAGRAPHS: Final = (
    "{name} is an independent clinic serving {city} and the surrounding communities.",
    "Ketamine has been used in medicine for decades, and research into its effects on mood continues to grow.",
    "Our office is a short drive from downtown {city}, with free parking right outside.",
    "Many people who come to us have tried several medications without the results they hoped for.",
    "We keep our clinic intentionally small so that you see familiar faces at every visit.",
    "Our treatment rooms have reclining chairs, soft lighting, blankets and noise-cancelling headphones.",
    "Getting started is simple: reach out by phone or email and our coordinator will explain the next steps.",
    "We opened our doors because we saw how few options existed for people who were still struggling.",
)
ABOUT_PARAGRAPHS: Final = (
    "{name} was founded by clinicians who wanted a calmer, more human setting for ketamine care.",
    "We are a locally owned practice, not part of a national chain.",
    "Our team is small by design, and we get to know each patient by name.",
    "We are proud to be part of the {city} community and to support local mental health organizations.",
)
BIO_SENTENCES: Final = (
    "Outside the clinic, {pronoun} enjoys hiking and cooking for friends.",
    "{pronoun_cap} lives in {city} with {poss} family and two very spoiled dogs.",
    "{pronoun_cap} loves trail running, gardening and live music.",
    "In {poss} free time {pronoun} volunteers with a local food bank.",
    "{pronoun_cap} is an avid reader and a beginner potter.",
    "{pronoun_cap} grew up in {state_name} and is glad to be back home.",
    "When not at work, {pronoun} can usually be found on a bike.",
)
SERVICES_PARAGRAPHS: Final = (
    "Ketamine works differently from traditional antidepressants, which is why it may help when other options have not.",
    "Most patients begin with a short series of treatments over two to three weeks.",
    "Treatment takes place in a private room with a comfortable recliner and calming music.",
    "Many patients describe the experience as dreamlike and relaxing.",
    "Wear comfortable clothes and bring anything that helps you relax, such as a favorite blanket.",
)
CONTACT_PARAGRAPHS: Final = (
    "Have a question? Send us a message and we will get back to you within one business day.",
    "Our front desk is happy to help with scheduling and general questions.",
    "Parking is free and the building is wheelchair accessible.",
    "If you are in crisis, call or text 988 or go to the nearest emergency room.",
)
REVIEWS_INTRO: Final = (
    "Hear from people who have been where you are.",
    "What our patients say",
    "Real stories from our patients.",
    "Patient experiences",
)
NO_REVIEWS: Final = (
    "We love hearing from our patients. Leave us a review on Google or Yelp.",
    "Patient stories are coming soon. In the meantime, feel free to reach out with any questions.",
    "Have you been treated with us? We would be grateful for your feedback.",
)
# Patient testimonials: no signal words, route-neutral ({noun}), PTSD only with [ptsd].
TESTIMONIALS: Final = (
    "I honestly did not expect to feel this different. I can enjoy my mornings again.",
    "The staff made me feel safe from the moment I walked in. I wish I had come sooner.",
    "After years of feeling stuck, I finally have some hope back.",
    "Everyone here was kind and patient with all my questions.",
    "By my third {noun} I noticed the heaviness lifting.",
    "My family says they have their mom back. That says everything.",
    "[ptsd]After years of PTSD I had tried everything. This is the first thing that helped.",
    "[ptsd]My nightmares are less frequent and I sleep through the night most days.",
    "I was nervous, but the team explained every step and I felt at ease.",
    "It is not magic, but it gave me the room I needed to start doing the work.",
    "The office is peaceful and the people are genuinely warm.",
    "I drive an hour each way and it is absolutely worth it.",
    "I can laugh again. I did not realize how long it had been.",
    "Scheduling was easy and they always ran on time.",
    "Five stars. Professional, caring and clean.",
    "My anxiety used to run my life. Now I feel like I am in the driver's seat.",
    "I was skeptical, and I am so glad I gave it a chance.",
    "The front desk team remembered my name from the very first visit.",
    "[ptsd]Living with PTSD had shrunk my world. It is slowly getting bigger again.",
    "Grateful beyond words for this place and these people.",
    "They never rushed me, not once.",
    "I recommend them to anyone who feels like nothing has worked.",
)
# The clinic's own outcome figures (reviews, like testimonials). {pct}, {n}.
OUTCOME_FIGURES: Final = (
    "Of the {n} patients who finished a first series with us last year, {pct}% told us their mood had improved.",
    "Among our own patients, {pct}% reported feeling better after their first three {nouns}.",
    "In our clinic's follow-up survey, {pct} out of 100 patients said they would recommend us to a friend.",
)
TESTIMONIAL_AUTHORS_SUFFIX: Final = ("", ", {city}", ", patient", ", verified patient", " ({state})")

BLOG_POSTS: Final = (
    ("5 self-care ideas for the winter months", "Shorter days can be hard. A walk at lunchtime, a regular bedtime and time with friends all help."),
    ("A short history of ketamine", "Ketamine was first synthesized in the 1960s and has long been used as an anesthetic in hospitals."),
    ("We are moving our front desk hours", "Starting next month, our front desk opens half an hour earlier on weekdays."),
    ("Meet our new clinic dog", "Say hello to Biscuit, a very calm golden retriever who visits on Fridays."),
    ("Journaling prompts for hard days", "Writing for five minutes a day is a simple habit. Here are a few prompts to get started."),
    ("What to bring to your first appointment", "A photo ID, a list of your medications and a comfortable sweater are all you need."),
    ("Our clinic is now open on a new street", "We have grown, and our new space has more natural light and easier parking."),
    ("Mindfulness apps our team likes", "A few minutes of guided breathing each day can be a gentle way to start."),
    ("Celebrating our anniversary", "Thank you to everyone who has trusted us with their care over the years."),
    ("Holiday closure dates", "Our office will be closed on major holidays. Please plan appointments accordingly."),
)
PRIVACY_PARAGRAPHS: Final = (
    "This privacy policy explains how we collect, use and protect information you share with us through this website.",
    "We collect information you provide when you fill out a contact form, such as your name, email address and phone number.",
    "We use cookies to understand how visitors use our website. You can disable cookies in your browser settings.",
    "We never sell your personal information to third parties.",
    "Protected health information is handled in accordance with HIPAA.",
    "Questions about this policy can be sent to our office by email.",
)
CAREERS_PARAGRAPHS: Final = (
    "We are always looking for kind, curious people to join our growing team.",
    "Current openings: front desk coordinator (part-time) and registered nurse (per diem).",
    "We offer competitive pay, paid time off and a supportive work environment.",
    "To apply, email your resume and a short note about why you are interested.",
)
HOURS: Final = (  # weekday hours only: weekend availability would state flexible_schedule
    (("Monday – Friday", "8:00 am – 5:00 pm"), ("Saturday – Sunday", "Closed")),
    (("Mon – Thu", "9am – 6pm"), ("Fri", "9am – 3pm"), ("Sat – Sun", "Closed")),
    (("Monday – Friday", "7:30 AM – 4:30 PM"), ("Weekends", "Closed")),
    (("Tuesday – Friday", "10:00 – 6:00"), ("Monday", "Administrative day")),
)
DISCLAIMERS: Final = (
    "The information on this website is not medical advice. Please consult a qualified professional.",
    "This site is for informational purposes only and does not replace a consultation with a clinician.",
    "Ketamine treatment for depression is considered off-label use.",
)
# fmt: on


def requirement(template: str) -> tuple[str | None, str]:
    """Split ``"[req]text"`` into ``("req", "text")``; plain templates give ``(None, text)``."""
    if template.startswith("["):
        end = template.index("]")
        return template[1:end], template[end + 1 :]
    return None, template
