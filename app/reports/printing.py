"""Printing agreements as a piece of work: choose them (one recipient's, or every one of a
kind waiting to be signed), make one PDF, and mark them printed through
app.care.programmes.mark_printed (stamped and audited); record the signed paper copy with
its date and scan; find the record a scanned QR code belongs to. No Qt here."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import programmes
from app.care.attachments import attach_file
from app.care.context import Actor, this_office
from app.care.errors import NotFoundError, ServiceError, ValidationError
from app.care.recipients import get_recipient
from app.care.registers import agreement_parties
from app.models import Agreement, Recipient
from app.models.codes import AgreementKind, AgreementStatus, AttachmentKind
from app.reports import qr
from app.reports.agreement_data import agreements_by_id, load_docs
from app.reports.agreements import refuse_unprintable, unprintable, write_agreements
from app.reports.audit_export import record_id_disclosure, require_disclosure

WAITING = (AgreementStatus.drafted.value, AgreementStatus.printed.value)


@dataclass(frozen=True)
class PrintResult:
    path: Path
    agreements: int
    pages: int
    marked: int  # newly marked printed (drafted before)
    numbers: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"file": str(self.path), "agreements": self.agreements, "pages": self.pages,
                "marked_printed": self.marked, "numbers": list(self.numbers)}


def kind_code(kind: str) -> str:
    """`family-support` (CLI) or `family_support` (code name) → the code name."""
    code = kind.strip().replace("-", "_")
    if code not in {k.value for k in AgreementKind}:
        names = "、".join(f"{k.zh}({k.value.replace('_', '-')})" for k in AgreementKind)
        raise ValidationError(f"协议类别：“{kind}”无效，可选：{names}。",
                              f"Unknown agreement kind {kind!r}.", field="kind")
    return code


def pending_ids(session: Session, kind: str) -> list[str]:
    """This office's agreements of the kind waiting to be signed (drafted or printed),
    village by village, in number order."""
    q = (select(Agreement.id).join(Recipient, Recipient.id == Agreement.recipient_id)
         .where(Agreement.deleted.is_(False), Agreement.kind == kind_code(kind),
                Agreement.status.in_(WAITING), Recipient.deleted.is_(False),
                Recipient.village_code.like(f"{this_office(session).code}%"))
         .order_by(Recipient.village_code, Agreement.number))
    return list(session.scalars(q))


def agreement_for(session: Session, actor: Actor, kind: str, recipient_id: str,
                  on: dt.date | None = None, *, term_start: dt.date | None = None,
                  term_end: dt.date | None = None, backdated: bool = False) -> Agreement:
    """The recipient's agreement of the kind to print: the newest one waiting to be
    signed; else the signed one (a copy); else a new draft naming the guardian of the kind
    (the entrusted carer, the temporary guardian, the supporter: programmes.guardian_for_kind)
    or the paired responsible person. An entrusted-guardianship confirmation with no
    entrusted carer recorded is refused, saying whom to record."""
    code = kind_code(kind)
    r = get_recipient(session, recipient_id)
    found = list(session.scalars(select(Agreement).where(
        Agreement.recipient_id == r.id, Agreement.kind == code, Agreement.deleted.is_(False),
        Agreement.status != AgreementStatus.void.value)
        .order_by(Agreement.drafted_on.desc(), Agreement.number.desc())))
    for a in found:
        if a.status in WAITING:
            return a
    if found:
        return found[0]
    parties = agreement_parties(session, r.id, on=on)
    guardian = parties.guardian_for(code)
    if guardian is None and code == AgreementKind.entrusted_guardianship:
        raise programmes.no_entrusted_carer(r.name)
    person = parties.persons[0].id if parties.persons and code == AgreementKind.care_responsibility else None
    return programmes.draft_agreement(session, actor, r.id, kind=code, guardian_id=guardian,
                                      responsible_person_id=person, on=on, term_start=term_start,
                                      term_end=term_end, backdated=backdated)


@dataclass(frozen=True)
class PendingBatch:
    """What 打印全部待签 would print and mark, for the question asked before it does."""

    kind: str
    ids: tuple[str, ...]
    villages: tuple[tuple[str, str, int], ...]  # (code, name, how many), in village order
    drafted: int  # of them not yet marked printed


def pending_batch(session: Session, kind: str) -> PendingBatch:
    from app.care.offices import office_names

    rows = session.execute(
        select(Agreement.id, Recipient.village_code, Agreement.status)
        .join(Recipient, Recipient.id == Agreement.recipient_id)
        .where(Agreement.deleted.is_(False), Agreement.kind == kind_code(kind),
               Agreement.status.in_(WAITING), Recipient.deleted.is_(False),
               Recipient.village_code.like(f"{this_office(session).code}%"))
        .order_by(Recipient.village_code, Agreement.number)).all()  # as pending_ids
    counts: dict[str, int] = {}
    for _id, village, _status in rows:
        counts[village] = counts.get(village, 0) + 1
    names = office_names(session)
    return PendingBatch(kind_code(kind), tuple(r[0] for r in rows),
                        tuple((code, names.get(code, code), n) for code, n in counts.items()),
                        sum(1 for r in rows if r[2] == AgreementStatus.drafted))


def mark_batch_printed(session: Session, actor: Actor, agreement_ids: list[str], *,
                       on: dt.date | None = None) -> int:
    """After the PDF was written and shown: those of the agreements still waiting to be
    signed are marked printed (one transaction); how many were drafted before."""
    held = agreements_by_id(session, agreement_ids)
    marked = 0
    for agreement_id in agreement_ids:
        a = held.get(agreement_id)
        if a is not None and a.status in WAITING:
            marked += a.status == AgreementStatus.drafted
            programmes.mark_printed(session, actor, agreement_id, on=on)
    return marked


def print_agreements(session: Session, actor: Actor, agreement_ids: list[str], out: Path, *,
                     on: dt.date | None = None, mark: bool = True) -> PrintResult:
    """One PDF of the agreements; those waiting to be signed are marked printed (a signed
    one printed again is a copy and stays signed) — or, with `mark=False`, left as they are
    for the app to mark once the PDF was shown (mark_batch_printed). Refused, with nothing
    written, when a character would not print or an agreement is void."""
    require_disclosure(session)  # before the file: a refusal writes nothing
    # Held while they are marked: mark_printed then finds each in the session's identity
    # map instead of a query and an autoflush apiece (half the time of a 500 batch's marks).
    held = agreements_by_id(session, agreement_ids)
    docs = load_docs(session, agreement_ids, held)
    if not docs:
        raise ServiceError("没有要打印的协议。", "No agreements to print.")
    void = [d.number for d in docs if d.status == AgreementStatus.void]
    if void:
        raise ValidationError(f"协议 {'、'.join(void)} 已作废，不能打印；请重新起草。",
                              f"Agreements {', '.join(void)} are void.", field="status")
    refuse_unprintable(unprintable(docs))
    marked = 0
    for d in docs if mark else ():
        if d.status in WAITING:
            marked += d.status == AgreementStatus.drafted
            programmes.mark_printed(session, actor, d.id, on=on)
    session.flush()
    pages = write_agreements(docs, out)  # a failure here rolls the marks back
    people = {d.recipient.id for d in docs}
    record_id_disclosure(session, document="agreement", people=len(people), path=out, actor=actor,
                         recipient_id=next(iter(people)) if len(people) == 1 else None)
    return PrintResult(Path(out), len(docs), pages, marked, tuple(d.number for d in docs))


def print_one(session: Session, actor: Actor, kind: str, recipient_id: str, out: Path, *,
              on: dt.date | None = None, term_start: dt.date | None = None,
              term_end: dt.date | None = None, backdated: bool = False) -> PrintResult:
    """The recipient's agreement of the kind, printed; the term (and its back-dating) only
    counts when a new one is drafted."""
    a = agreement_for(session, actor, kind, recipient_id, on=on, term_start=term_start,
                      term_end=term_end, backdated=backdated)
    session.flush()
    return print_agreements(session, actor, [a.id], out, on=on)


def print_pending(session: Session, actor: Actor, kind: str, out: Path, *,
                  on: dt.date | None = None) -> PrintResult:
    ids = pending_ids(session, kind)
    if not ids:
        label = AgreementKind(kind_code(kind)).zh
        raise ServiceError(f"没有等待签订的{label}，未生成文件。", f"No {kind} agreement is waiting to be signed.")
    return print_agreements(session, actor, ids, out, on=on)


def record_signed(session: Session, actor: Actor, store: Path, agreement_id: str, *, on: dt.date,
                  scan: Path | None = None) -> Agreement:
    """The signed paper copy came back: its date, and the scan kept as evidence (attached
    to the agreement; its SHA-256 on the agreement record)."""
    digest = None
    if scan is not None:
        attachment = attach_file(session, actor, store, source=Path(scan), owner_table="agreements",
                                 owner_id=agreement_id, kind=AttachmentKind.scan.value,
                                 caption="签字协议扫描件", taken_on=on)
        digest = attachment.sha256
    return programmes.mark_signed(session, actor, agreement_id, on=on, scan_sha256=digest)


@dataclass(frozen=True)
class AgreementMatch:
    """The agreement a scanned code (or a typed number) names, for the screen and the CLI."""

    id: str
    number: str
    kind: str
    status: str
    recipient_id: str
    recipient: str
    village_code: str

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "number": self.number, "kind": self.kind, "kind_zh": AgreementKind(self.kind).zh,
                "status": self.status, "recipient_id": self.recipient_id, "recipient": self.recipient,
                "village_code": self.village_code}


def match_agreement(session: Session, text: str) -> AgreementMatch:
    """What a USB scanner typed from a signed copy's QR code — or the agreement number
    typed by hand — to its agreement. Full-width characters (a scanner typing through a
    Chinese input method) and a lower-case payload (caps lock) are read as meant; a code
    whose checksum does not match is refused, never matched to the nearest record."""
    t = unicodedata.normalize("NFKC", text).strip()
    if not t:
        raise ValidationError("扫码查找：请扫描协议右上角的二维码，或输入协议编号。",
                              "Scan the agreement's QR code or type its number.", field="qr")
    a = find_by_qr(session, t) if t.upper().startswith(qr.PREFIX) else find_by_number(session, t)
    r = session.get(Recipient, a.recipient_id)
    return AgreementMatch(a.id, a.number, a.kind, a.status, a.recipient_id, r.name if r else "",
                          r.village_code if r else "")


def find_by_number(session: Session, text: str) -> Agreement:
    """The one agreement with exactly this number (a laptop tag typed in lower case is
    read as meant). Two agreements may share a number drafted before numbers carried the
    laptop's tag (two laptops of an office, offline): then neither is returned — the
    family's own copy is found by its QR code, never another family's by a shared number."""
    number = text.strip().upper()
    found = list(session.scalars(select(Agreement).where(Agreement.number == number,
                                                        Agreement.deleted.is_(False))))
    if not found:
        raise NotFoundError(f"找不到编号为“{number}”的协议：请核对编号，或扫描协议右上角的二维码。",
                            f"No agreement numbered {number!r}.", field="qr")
    if len(found) > 1:
        people = "、".join(sorted({r.name for r in session.scalars(select(Recipient).where(
            Recipient.id.in_([a.recipient_id for a in found])))}))
        raise ValidationError(
            f"编号“{number}”有 {len(found)} 份协议（{people}），是升级前两台电脑离线起草时重号的；"
            f"请扫描协议右上角的二维码查找。",
            f"{len(found)} agreements share the number {number!r}; scan the QR code instead.", field="qr")
    return found[0]


def find_by_qr(session: Session, text: str) -> Agreement:
    """The agreement a scanned QR code names (refused when the checksum does not match)."""
    ident = qr.parse(text)
    if ident is None:
        raise ValidationError("二维码不是本系统打印的协议，或读取有误（校验码不符），请重新扫描。",
                              "Not an agreement QR code, or misread (checksum mismatch).", field="qr")
    a = session.get(Agreement, ident)
    if a is None or a.deleted:
        raise NotFoundError(f"找不到二维码对应的协议（{ident}）：可能来自另一台电脑，请先导入数据包。",
                            f"No agreement {ident} here.", field="qr")
    return a
