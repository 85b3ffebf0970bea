"""Extract again, from the stored (redacted) text lines, after an upgrade of the rules.

Receipts keep their id, image and redaction counts; their fields, line items and verdict
are replaced. A receipt judged a duplicate stays one. Each touched panelist-month is settled
again, which can earn a reward that better extraction now justifies but never a second
one (the ledger's unique key).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import sqlite_utils

from receiptd.config import Config
from panel.eligibility import ACCEPTED, Rules, judge, judge_readable
from panel.rewards import settle
from parse.extract import dated_by_mail, extract_receipt
from redact import RedactionPolicy, redact_receipt
from store import panel as panel_store
from store.db import immediate
from store.records import lines_from_json, receipt_fields, replace_line_items


@dataclass(frozen=True)
class ReprocessResult:
    receipts: int
    changed: int
    rewards: int


def candidates(db: sqlite_utils.Database, since: dt.date) -> list[int]:
    return [row[0] for row in db.execute(
        "SELECT r.id FROM receipts r JOIN receipt_lines l ON l.receipt_id = r.id "
        "WHERE r.created_at >= ? ORDER BY r.id", [since.isoformat()])]


def reprocess(db: sqlite_utils.Database, config: Config, receipt_ids: list[int],
              progress: Callable[[Iterator[int]], Iterator[int]] = iter) -> ReprocessResult:
    policy = RedactionPolicy(keep_card_last4=config.redact.keep_card_last4, extra_terms=config.redact.extra_terms)
    rules = Rules.from_config(config.panel) if config.panel.enabled else None
    changed, months = 0, set()
    for receipt_id in progress(receipt_ids):
        with immediate(db):
            row = db.execute(
                "SELECT r.status, r.reason, r.panelist_id, r.panel_month, m.received_at, l.lines FROM receipts r "
                "JOIN messages m ON m.id = r.message_id JOIN receipt_lines l ON l.receipt_id = r.id WHERE r.id = ?",
                [receipt_id]).fetchone()
            if row is None:
                continue  # deleted meanwhile
            status, reason, panelist_id, month, received_at, lines = row
            lines = lines_from_json(lines)
            received = dt.datetime.fromisoformat(received_at).date()
            receipt = redact_receipt(dated_by_mail(extract_receipt(lines), lines, received), lines, policy).receipt
            new_status, new_reason = _verdict(receipt, status, reason, received_at, rules)
            fields = {**receipt_fields(receipt), "status": new_status, "reason": new_reason}
            before = db.table("receipts").get(receipt_id)
            if any(before[key] != value for key, value in fields.items()):
                changed += 1
                db.table("receipts").update(receipt_id, fields)
            replace_line_items(db, receipt_id, receipt if new_status == ACCEPTED else None)
            if panelist_id is not None and month:
                months.add((panelist_id, month))
    rewards = 0
    for panelist_id, month in sorted(months):
        with immediate(db):
            panelist = panel_store.get_panelist_by_id(db, panelist_id)
            if panelist is not None and settle(db, panelist, month, config.panel, queue_id=None).new_reward:
                rewards += 1
    return ReprocessResult(receipts=len(receipt_ids), changed=changed, rewards=rewards)


def _verdict(receipt, status: str, reason: str | None, received_at: str, rules: Rules | None):
    if reason == "duplicate":
        return status, reason
    if rules is None:
        return judge_readable(receipt)
    received = dt.datetime.fromisoformat(received_at)
    if received.tzinfo is None:
        received = received.replace(tzinfo=dt.timezone.utc)
    return judge(receipt, received, rules)


