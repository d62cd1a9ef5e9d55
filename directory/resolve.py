"""Entity resolution: one clinic seen on several sources is one row.

Exact keys first (website domain, then E.164 phone, then folded name + ZIP); then a fuzzy
name match (rapidfuzz) within a block of clinics sharing the ZIP code, or city and state.
Keys are stored in `clinic_keys`, whose unique constraint makes resolution idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from directory.models import Clinic, ClinicKey
from directory.normalize import name_key

FUZZY_THRESHOLD = 90.0


@dataclass(frozen=True)
class Identity:
    """What a source tells about who a clinic is."""

    name: str | None = None
    domain: str | None = None
    phone: str | None = None
    zip: str | None = None
    city: str | None = None
    state: str | None = None

    def match_keys(self) -> list[tuple[str, str]]:
        keys: list[tuple[str, str]] = []
        if self.domain:
            keys.append(("domain", self.domain))
        if self.phone:
            keys.append(("phone", self.phone))
        folded = name_key(self.name)
        if folded and self.zip:
            keys.append(("name_zip", f"{folded}|{self.zip}"))
        return keys


def find_clinic(session: Session, ident: Identity) -> int | None:
    """The id of the clinic this identity belongs to, or None if it is new."""
    for kind, value in ident.match_keys():
        hit = session.scalar(
            select(ClinicKey.clinic_id).where(ClinicKey.kind == kind, ClinicKey.value == value)
        )
        if hit is not None:
            if kind != "domain" and ident.domain and _has_other_domain(session, hit, ident.domain):
                continue  # same phone or name, different website: a different clinic
            return hit
    return _fuzzy_match(session, ident)


def _has_other_domain(session: Session, clinic_id: int, domain: str) -> bool:
    other = session.scalar(select(Clinic.domain).where(Clinic.id == clinic_id))
    return other is not None and other != domain


def _fuzzy_match(session: Session, ident: Identity) -> int | None:
    folded = name_key(ident.name)
    if not folded:
        return None
    query = select(Clinic.id, Clinic.name, Clinic.domain)
    if ident.zip:
        query = query.where(Clinic.zip == ident.zip)
    elif ident.city and ident.state:
        query = query.where(Clinic.city == ident.city, Clinic.state == ident.state)
    else:
        return None
    best: tuple[float, int] | None = None
    for clinic_id, name, domain in session.execute(query.limit(500)):
        if ident.domain and domain and domain != ident.domain:
            continue
        similarity = fuzz.token_set_ratio(folded, name_key(name))
        if similarity >= FUZZY_THRESHOLD and (best is None or similarity > best[0]):
            best = (similarity, clinic_id)
    return best[1] if best else None


def add_keys(session: Session, clinic_id: int, ident: Identity) -> None:
    """Record the identity's keys for the clinic; keys already taken are left as they are."""
    rows = [{"clinic_id": clinic_id, "kind": k, "value": v} for k, v in ident.match_keys()]
    if not rows:
        return
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(ClinicKey).values(rows).on_conflict_do_nothing(index_elements=["kind", "value"])
    )
