"""A clinic's website plan: its pages, paths, link texts and content blocks, theme-agnostic.

The plan is drawn from ``random.Random(f"{seed}:{clinic.id}")``, so it is the same whether it
is built first or last, and can be built lazily when a page of the site is requested. Every
sentence that states a signal or a fact is recorded as a ``Statement`` (the evidence the
ground truth promises) at the moment it is placed on a page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Final

from sampleweb import names, phrases
from sampleweb.model import Clinic, Clinician
from sampleweb.places import format_phone
from sampleweb.sitewords import (
    LEGACY_PATHS,
    LINK_TEXTS,
    LIST_TITLES,
    PATHS,
    SPECIALTIES,
    THERAPIST_ROLES,
    TITLES,
)

CORE_KINDS: Final = ("home", "team", "services", "pricing", "faq", "reviews", "contact")


@dataclass(frozen=True)
class Statement:
    """One sentence on one page that states signals or facts (``tags``), as rendered text.

    ``where`` is ``text`` (visible page text) or ``jsonld`` (the page's JSON-LD block).
    Tags are rubric signal ids, fact names (routes, insurance, financing, superbill, hsa_fsa,
    ptsd, telehealth, veterans, rating), ``red_flag:<id>`` or ``negative:<what>``.
    """

    tags: tuple[str, ...]
    path: str
    text: str
    where: str = "text"


@dataclass
class Block:
    """A unit of page content; themes decide the markup.

    kinds: h2, p, ul (items: str), faq (items: (question, answer)), table (head, items: rows),
    team (items: (Clinician, bio)), testimonials (items: (quote, author)), rating (data),
    contact, hours (items: rows), links (items: (text, href)), cta (title=text, data=href).
    """

    kind: str
    title: str = ""
    items: list[Any] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Page:
    """One page of a clinic site."""

    kind: str
    path: str
    title: str
    link_text: str
    blocks: list[Block] = field(default_factory=list)
    jsonld: bool = False


@dataclass
class SitePlan:
    """A whole clinic site: pages by path, navigation, and the statements placed on it."""

    clinic: Clinic
    legacy: bool
    pages: dict[str, Page]  # by kind or "post:<n>" / "portal"
    nav: list[str]  # page keys in the main navigation
    footer: list[str]  # page keys linked in the footer
    socials: list[tuple[str, str]]  # (url, label) of external profiles
    booking_url: str | None
    statements: list[Statement]
    rating_place: str | None  # page kind showing the rating text, if any
    phone_style: str
    hours: tuple[tuple[str, str], ...]
    disclaimer: str
    by_path: dict[str, Page] = field(default_factory=dict)

    def page_for(self, path: str) -> Page | None:
        """The page served at ``path`` (trailing slash and ``index.html`` tolerated)."""
        return self.by_path.get(normalize_path(path))


def normalize_path(path: str) -> str:
    """Drop query and fragment, ``index.html`` and a trailing slash (except the root)."""
    path = path.split("#", 1)[0].split("?", 1)[0] or "/"
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path.rstrip("/") or "/"


def money(usd: int, cents: bool = False) -> str:
    """``$2,400`` or ``$475.00``."""
    return f"${usd:,}.00" if cents else f"${usd:,}"


def join_words(items: list[str] | tuple[str, ...]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class _Builder:
    """Builds one SitePlan; methods are the steps, in the order ``build`` calls them."""

    def __init__(self, clinic: Clinic, seed: int) -> None:
        self.c = clinic
        self.rng = random.Random(f"{seed}:{clinic.id}")
        self.statements: list[Statement] = []
        self.faq_used: set[str] = set()
        self.vocab = self._vocabulary()

    # -- helpers -----------------------------------------------------------------------------

    def _vocabulary(self) -> dict[str, str]:
        c, rng = self.c, self.rng
        main = c.routes[0]
        noun, nouns = phrases.ROUTE_NOUNS[main]
        specialty, specialist, board = rng.choice(SPECIALTIES)
        doctor, therapist = c.doctor, c.therapist
        years = 2025 - c.founded + rng.choice((0, 3, 8, 12))
        return {
            "noun": noun,
            "nouns": nouns,
            "nouns_cap": nouns.capitalize(),
            "name": c.name,
            "city": c.place.city,
            "state": c.place.state,
            "state_name": names.STATE_NAMES[c.place.state],
            "doctor_full": doctor.display if doctor else "",
            "doctor": f"Dr. {doctor.last}" if doctor else "",
            "therapist": therapist.display if therapist else "",
            "therapist_role": THERAPIST_ROLES[therapist.cred] if therapist else "",
            "specialty": specialty,
            "specialist": specialist,
            "board": board,
            "since": str(c.founded),
            "years": str(max(3, years)),
            "patients": f"{rng.choice((500, 800, 1000, 1200, 1500, 2000, 2500, 3000, 5000)):,}",
        }

    def has(self, requirement: str | None) -> bool:
        """Whether the clinic meets a phrase requirement (signal id or fact)."""
        c = self.c
        facts = {"ptsd": c.ptsd, "iv": "iv" in c.routes, "esketamine": "esketamine" in c.routes}
        if requirement is None:
            return True
        return facts.get(requirement, requirement in c.signals)

    def pick(self, templates: tuple[str, ...], **extra: str) -> str:
        """Choose a usable template and fill it."""
        usable = [t for req, t in map(phrases.requirement, templates) if self.has(req)]
        return self.rng.choice(usable).format(**self.vocab, **extra)

    def state(self, page: Page, tags: tuple[str, ...], text: str, where: str = "text") -> str:
        """Record that ``text`` on ``page`` states ``tags``; returns the text."""
        self.statements.append(Statement(tags, page.path, text, where))
        return text

    def faq_question(self, topic: str) -> str:
        """A question for an FAQ answer, not used before on this site."""
        options = [q for q in phrases.FAQ_QUESTIONS.get(topic, ()) if q not in self.faq_used]
        if options:
            question = self.rng.choice(options)
        else:
            question = self.rng.choice(("Anything else?", "Good to know", "Also worth knowing"))
            question = f"{question} ({len(self.faq_used) + 1})"
        self.faq_used.add(question)
        return question

    def put(self, page: Page, tags: tuple[str, ...], text: str, topic: str = "") -> None:
        """Place one stated sentence on a page, as an FAQ answer, a list item or a paragraph."""
        self.state(page, tags, text)
        if page.kind == "faq":
            faq = _block(page, "faq")
            faq.items.append((self.faq_question(topic or tags[0]), text))
        elif self.rng.random() < 0.45:
            _block(page, "ul", self.rng.choice(LIST_TITLES[page.kind])).items.append(text)
        else:
            page.blocks.append(Block("p", items=[text]))

    # -- steps ---------------------------------------------------------------------------------

    def pages(self, legacy: bool) -> dict[str, Page]:
        rng, c = self.rng, self.c
        pages: dict[str, Page] = {}
        taglines = phrases.HERO_TAGLINES
        pages["home"] = Page(
            "home", "/", rng.choice(taglines).format(**self.vocab), rng.choice(LINK_TEXTS["home"])
        )
        used_texts: set[str] = set()
        for kind in (
            "team",
            "services",
            "pricing",
            "faq",
            "reviews",
            "contact",
            "blog",
            "privacy",
            "careers",
        ):
            path = LEGACY_PATHS[kind] if legacy else rng.choice(PATHS[kind])
            text = rng.choice(
                [t for t in LINK_TEXTS[kind] if t not in used_texts] or list(LINK_TEXTS[kind])
            )
            used_texts.add(text)
            title = rng.choice(TITLES[kind]).format(name=c.name)
            pages[kind] = Page(kind, path, title, text)
        posts = rng.sample(phrases.BLOG_POSTS, rng.randrange(2, 6))
        for n, (title, _) in enumerate(posts):
            slug = "-".join(title.lower().replace(",", "").split()[:6])
            if legacy:
                path = f"/news-{slug}.html"
            else:
                path = f"{pages['blog'].path.rstrip('/')}/{slug}" + (
                    "/" if rng.random() < 0.6 else ""
                )
            pages[f"post:{n}"] = Page("post", path, title, title)
        if c.robots_disallow:
            pages["portal"] = Page("portal", c.robots_disallow, "Patient Portal", "Patient Login")
        return pages

    def home(self, pages: dict[str, Page]) -> None:
        c, rng, home = self.c, self.rng, pages["home"]
        for text in rng.sample(phrases.HOME_PARAGRAPHS, 2):
            home.blocks.append(Block("p", items=[text.format(**self.vocab)]))
        for text in rng.sample(phrases.FLUFF, rng.randrange(1, 4)):
            home.blocks.append(Block("p", items=[text]))
        for flag in c.red_flags:
            where = home if flag != "at_home_iv" or rng.random() < 0.5 else pages["services"]
            text = self.pick(phrases.RED_FLAG_PHRASES[flag])
            self.state(where, (f"red_flag:{flag}",), text)
            where.blocks.insert(min(1, len(where.blocks)), Block("p", items=[text]))

    def signals(self, pages: dict[str, Page]) -> None:
        for sid, _ in _FREE_SIGNAL_ORDER:
            if sid not in self.c.signals:
                continue
            kind = self.rng.choice(phrases.SIGNAL_PAGES[sid])
            self.put(pages[kind], (sid,), self.pick(phrases.SIGNAL_PHRASES[sid]), sid)

    def routes(self, pages: dict[str, Page]) -> None:
        c, rng = self.c, self.rng
        words = [rng.choice(phrases.ROUTE_WORDS[r]) for r in c.routes]
        multi = len(c.routes) > 1
        template = rng.choice(phrases.ROUTES_MULTI if multi else phrases.ROUTES_SINGLE)
        text = template.format(routes=join_words(words))
        tags = ("multiple_routes", "routes") if multi else ("routes",)
        services = pages["services"]
        self.state(services, tags, text)
        services.blocks.insert(0, Block("p", items=[text]))
        for paragraph in rng.sample(phrases.SERVICES_PARAGRAPHS, 2):
            services.blocks.append(Block("p", items=[paragraph]))
        if not multi and rng.random() < 0.4:
            target = pages["faq"] if rng.random() < 0.7 else pages["services"]
            self.put(
                target,
                ("negative:route_education",),
                rng.choice(phrases.ROUTE_EDUCATION),
                "education",
            )
        if "esketamine" not in c.routes and rng.random() < 0.12:
            self.put(
                pages["faq"],
                ("negative:esketamine",),
                self.pick(phrases.ESKETAMINE_EDUCATION),
                "education",
            )

    def conditions(self, pages: dict[str, Page]) -> None:
        c, rng = self.c, self.rng
        page = pages["home"] if rng.random() < 0.5 else pages["services"]
        labels = [rng.choice(phrases.CONDITION_NAMES[k]) for k in c.conditions]
        block = Block("ul", rng.choice(phrases.CONDITIONS_INTRO), labels)
        page.blocks.append(block)
        if c.ptsd:
            if rng.random() < 0.3:
                self.put(page, ("ptsd",), rng.choice(phrases.PTSD_SENTENCE), "ptsd")
            else:
                self.state(page, ("ptsd",), labels[c.conditions.index("ptsd")])
        elif c.ptsd_negative:
            self.put(pages["faq"], ("negative:ptsd",), rng.choice(phrases.PTSD_NEGATIVE), "ptsd")

    def pricing(self, pages: dict[str, Page]) -> None:
        c, rng, page = self.c, self.rng, pages["pricing"]
        cents = rng.random() < 0.12
        p = c.pricing
        as_table = rng.random() < (0.8 if p.mode == "per_route" else 0.4)
        rows: list[tuple[str, str]] = []
        noun = self.vocab["noun"]
        main = c.routes[0]
        if p.mode and as_table:
            label = rng.choice(phrases.PRICE_ROW_LABELS.get(main, ("Single session",)))
            amounts = dict(p.items)
            if p.mode == "single":
                rows.append((label, money(amounts[main], cents)))
            elif p.mode == "starting":
                rows.append((label, "from " + money(amounts[main], cents)))
            elif p.mode == "range":
                rows.append(
                    (label, f"{money(amounts['low'], cents)} – {money(amounts['high'], cents)}")
                )
            elif p.mode == "intro":
                rows.append((f"First {noun} (introductory price)", money(amounts["intro"], cents)))
                rows.append((f"Each additional {noun}", money(amounts["regular"], cents)))
            else:
                for route, usd in p.items:
                    rows.append((rng.choice(phrases.PRICE_ROW_LABELS[route]), money(usd, cents)))
            self.state(page, ("session_price",), f"{rows[0][0]} {rows[0][1]}")
        elif p.mode:
            text = self._price_sentence(cents)
            self.put(page, ("session_price",), text, "fees")
        else:
            page.blocks.append(Block("p", items=[rng.choice(phrases.NO_PRICE)]))
        fee_rows: list[tuple[str, str]] = []
        for fee in p.fees:
            extra = {
                "p": money(fee.usd, cents),
                "n": str(fee.sessions),
                "n_word": phrases.NUMBER_WORDS.get(fee.sessions, str(fee.sessions)),
            }
            if rows or (as_table and rng.random() < 0.7):
                label = rng.choice(phrases.FEE_ROW_LABELS[fee.kind]).format(**self.vocab, **extra)
                fee_rows.append(
                    (label, extra["p"] + ("/month" if fee.kind == "membership" else ""))
                )
                self.state(page, ("other_fees",), f"{fee_rows[-1][0]} {fee_rows[-1][1]}")
            else:
                self.put(
                    page, ("other_fees",), self.pick(phrases.FEE_PHRASES[fee.kind], **extra), "fees"
                )
        if rows or fee_rows:
            head = rng.choice((("Service", "Fee"), ("Treatment", "Price"), ("", "Cost")))
            all_rows = rows + fee_rows
            if rng.random() < 0.5:
                all_rows = fee_rows[:1] + rows + fee_rows[1:]
            page.blocks.insert(
                0,
                Block(
                    "table",
                    rng.choice(("Our fees", "Pricing", "Self-pay rates")),
                    all_rows,
                    {"head": head},
                ),
            )

    def _price_sentence(self, cents: bool) -> str:
        c, rng = self.c, self.rng
        p = c.pricing
        amounts = dict(p.items)
        m = {k: money(v, cents) for k, v in amounts.items()}
        main = c.routes[0]
        if p.mode == "single":
            usd = amounts[main]  # also written out: "475 dollars", "USD 475"
            return self.pick(
                phrases.PRICE_SINGLE, p=m[main], p_dollars=f"{usd:,} dollars", p_usd=f"USD {usd:,}"
            )
        if p.mode == "starting":
            return self.pick(phrases.PRICE_STARTING, p=m[main])
        if p.mode == "range":
            return self.pick(phrases.PRICE_RANGE, lo=m["low"], hi=m["high"])
        if p.mode == "intro":
            return self.pick(phrases.PRICE_INTRO, lo=m["intro"], hi=m["regular"])
        parts = [f"{rng.choice(phrases.PRICE_ROW_LABELS[r])}: {m[r]}" for r, _ in p.items]
        return "; ".join(parts) + "."

    def payment(self, pages: dict[str, Page]) -> None:
        c, rng = self.c, self.rng

        def where() -> Page:
            return pages["pricing"] if rng.random() < 0.75 else pages["faq"]

        if c.insurance:
            insurers = join_words(list(c.insurers)) if c.insurers else ""
            page = where()
            pool = phrases.INSURANCE_PHRASES[c.insurance]
            if page.kind == "faq":
                pool += phrases.INSURANCE_FAQ_ANSWERS.get(c.insurance, ())
            text = self.pick(pool, insurers=insurers)
            self.put(page, ("insurance_policy", "insurance"), text, "insurance")
        tags: tuple[str, ...]
        if c.financing is not None:
            pool = phrases.FINANCING_TRUE if c.financing else phrases.FINANCING_FALSE
            tags = ("financing",) if c.financing else ("negative:financing",)
            self.put(where(), tags, self.pick(pool, vendor=c.financing_vendor), "financing")
        if c.superbill is not None:
            pool = phrases.SUPERBILL_TRUE if c.superbill else phrases.SUPERBILL_FALSE
            tags = ("superbill_hsa", "superbill") if c.superbill else ("negative:superbill",)
            self.put(where(), tags, self.pick(pool), "superbill")
        if c.hsa_fsa is not None:
            pool = phrases.HSA_TRUE if c.hsa_fsa else phrases.HSA_FALSE
            tags = ("superbill_hsa", "hsa_fsa") if c.hsa_fsa else ("negative:hsa_fsa",)
            self.put(where(), tags, self.pick(pool), "hsa_fsa")
        if c.veterans:
            page = pages["pricing"] if rng.random() < 0.6 else pages["home"]
            self.put(page, ("veterans",), self.pick(phrases.VETERANS), "veterans")
        if c.telehealth:
            page = pages[rng.choice(("services", "contact", "faq"))]
            self.put(page, ("telehealth",), self.pick(phrases.TELEHEALTH), "telehealth")

    def negatives(self, pages: dict[str, Page]) -> None:
        c, rng = self.c, self.rng
        blocked: set[str] = set()
        if "at_home_iv" in c.red_flags:
            blocked.add("at_home")
        if "guarantee_claim" in c.red_flags:
            blocked.add("results")
        options = [(topic, text) for topic, text in phrases.NEGATIONS if topic not in blocked]
        for topic, text in rng.sample(options, rng.randrange(0, 3)):
            page = pages[rng.choice(("faq", "home", "services"))]
            self.put(page, ("negative:claim",), text.format(**self.vocab), topic)
        for kind in ("services", "team", "pricing"):
            if rng.random() < 0.4:
                pages[kind].blocks.append(Block("p", items=[rng.choice(phrases.FLUFF)]))

    def team(self, pages: dict[str, Page]) -> None:
        c, rng, page = self.c, self.rng, pages["team"]
        page.blocks.insert(
            0, Block("p", items=[rng.choice(phrases.ABOUT_PARAGRAPHS).format(**self.vocab)])
        )
        cards: list[tuple[Clinician, str]] = []
        for person in c.clinicians:
            bio = rng.choice(phrases.BIO_SENTENCES).format(
                pronoun="she" if person.female else "he",
                pronoun_cap="She" if person.female else "He",
                poss="her" if person.female else "his",
                **self.vocab,
            )
            cards.append((person, bio))
        if cards:
            page.blocks.append(
                Block(
                    "team", rng.choice(("Our Providers", "Meet the Team", "Clinical Team")), cards
                )
            )
        else:
            page.blocks.append(
                Block(
                    "p",
                    items=[
                        "Our small team of nurses and support staff looks forward to meeting you."
                    ],
                )
            )

    def reviews(self, pages: dict[str, Page]) -> str | None:
        c, rng, page = self.c, self.rng, pages["reviews"]
        page.blocks.append(Block("p", items=[rng.choice(phrases.REVIEWS_INTRO)]))
        rating_place = None
        if c.rating is not None:
            text_visible = c.markup != "jsonld" or rng.random() < 0.5
            if c.markup == "jsonld":
                self.statements.append(
                    Statement(
                        ("aggregate_rating", "rating"),
                        "/",
                        f"{c.rating} {c.review_count}",
                        "jsonld",
                    )
                )
            if text_visible:
                rating_place = "reviews" if rng.random() < 0.6 else "home"
                target = pages[rating_place]
                template = rng.choice(phrases.RATING_TEXT)
                text = template.format(rating=c.rating, count=c.review_count)
                tags = ("aggregate_rating", "rating") if c.markup != "jsonld" else ("rating",)
                self.state(target, tags, text)
                block = Block("rating", data={"template": template})
                target.blocks.insert(min(1, len(target.blocks)), block)
        if c.testimonials:
            quotes = [
                q for req, q in map(phrases.requirement, phrases.TESTIMONIALS) if self.has(req)
            ]
            chosen = rng.sample(quotes, rng.randrange(2, 6))
            items = []
            for quote in chosen:
                first = rng.choice(names.FIRST_NAMES_F + names.FIRST_NAMES_M)
                suffix = rng.choice(phrases.TESTIMONIAL_AUTHORS_SUFFIX).format(**self.vocab)
                items.append(
                    (
                        quote.format(**self.vocab),
                        f"{first} {rng.choice(names.LAST_NAMES)[0]}.{suffix}",
                    )
                )
            self.state(page, ("testimonials",), items[0][0])
            page.blocks.append(Block("testimonials", items=items))
            if rng.random() < 0.35:
                figure = self.pick(
                    phrases.OUTCOME_FIGURES,
                    pct=str(rng.randrange(55, 86)),
                    n=str(rng.randrange(40, 400)),
                )
                self.state(page, ("testimonials",), figure)
                page.blocks.append(Block("p", items=[figure]))
        else:
            page.blocks.append(Block("p", items=[rng.choice(phrases.NO_REVIEWS)]))
        return rating_place

    def filler(self, pages: dict[str, Page]) -> None:
        rng = self.rng
        contact = pages["contact"]
        contact.blocks.insert(0, Block("contact"))
        contact.blocks.append(Block("p", items=[rng.choice(phrases.CONTACT_PARAGRAPHS[:3])]))
        contact.blocks.append(Block("p", items=[phrases.CONTACT_PARAGRAPHS[3]]))
        pages["privacy"].blocks = [Block("p", items=[t]) for t in phrases.PRIVACY_PARAGRAPHS]
        pages["careers"].blocks = [Block("p", items=[t]) for t in phrases.CAREERS_PARAGRAPHS]
        posts = [p for k, p in pages.items() if k.startswith("post:")]
        pages["blog"].blocks = [Block("links", items=[(p.title, p.path) for p in posts])]
        bodies = dict(phrases.BLOG_POSTS)
        for post in posts:
            post.blocks = [Block("p", items=[bodies[post.title]])]
        if "portal" in pages:
            pages["portal"].blocks = [
                Block("p", items=["Private area. Please sign in to continue."])
            ]


_FREE_SIGNAL_ORDER: Final = tuple(phrases.SIGNAL_PAGES.items())


def _block(page: Page, kind: str, title: str = "") -> Block:
    """The page's first block of ``kind`` (created at the end when missing)."""
    for block in page.blocks:
        if block.kind == kind:
            return block
    block = Block(kind, title)
    page.blocks.append(block)
    return block


def build_site(clinic: Clinic, seed: int) -> SitePlan:
    """The full plan of one clinic's website."""
    b = _Builder(clinic, seed)
    rng = b.rng
    legacy = clinic.theme == 3
    pages = b.pages(legacy)
    b.home(pages)
    b.routes(pages)
    b.signals(pages)
    b.conditions(pages)
    b.pricing(pages)
    b.payment(pages)
    b.negatives(pages)
    b.team(pages)
    rating_place = b.reviews(pages)
    b.filler(pages)
    pages["home"].jsonld = clinic.markup == "jsonld"
    pages["contact"].jsonld = clinic.markup == "jsonld" and rng.random() < 0.5

    core = ["services", "team", "pricing", "faq", "reviews", "contact"]
    rng.shuffle(core)
    core.sort(key=lambda k: k == "contact")  # contact goes last, as on most sites
    nav = ["home", *core] if rng.random() < 0.7 else core
    if rng.random() < 0.5:
        nav.insert(len(nav) - 1, "blog")
    footer = [
        k
        for k in ("blog", "careers", "privacy")
        if k not in nav and (k != "careers" or rng.random() < 0.7)
    ]
    if "portal" in pages:
        footer.append("portal")
    if "careers" not in footer and "careers" not in nav:
        del pages["careers"]
    socials = [
        (f"http://{host}/{clinic.domain.split('.')[0]}", label)
        for host, label in rng.sample(names.SOCIAL_HOSTS, rng.randrange(1, 4))
    ]
    booking = (
        f"http://{rng.choice(names.BOOKING_HOSTS)}/{clinic.domain.split('.')[0]}"
        if rng.random() < 0.3
        else None
    )
    plan = SitePlan(
        clinic=clinic,
        legacy=legacy,
        pages=pages,
        nav=nav,
        footer=footer,
        socials=socials,
        booking_url=booking,
        statements=b.statements,
        rating_place=rating_place,
        phone_style=rng.choice(("paren", "paren", "dash", "dot")),
        hours=rng.choice(phrases.HOURS),
        disclaimer=rng.choice(phrases.DISCLAIMERS),
    )
    for page in pages.values():
        plan.by_path[normalize_path(page.path)] = page
    if legacy:
        plan.by_path["/index.html"] = pages["home"]
    return plan


def phone_text(plan: SitePlan) -> str:
    """The clinic phone as this site writes it."""
    return format_phone(plan.clinic.phone, plan.phone_style)
