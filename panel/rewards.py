"""Monthly rewards: the ``reward_receipts``-th eligible receipt of a calendar month earns one.

The ledger row is written in the transaction that stores the receipt, under a unique
(panelist, month) key: a reprocessed mail, a crash before commit, or receipts deleted and
sent again can never earn a month twice, and deleting receipts never takes a reward back.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sqlite_utils

from store import panel as store
from store.records import to_minor


@dataclass(frozen=True)
class Progress:
    """A panelist's month: eligible receipts counted against the threshold, and its reward."""

    month: str  # YYYY-MM
    count: int
    threshold: int
    reward: dict | None  # this month's ledger row, if earned
    new_reward: bool = False


def reward_amount(panel_config) -> int:
    return to_minor(Decimal(panel_config.reward_amount), panel_config.reward_currency)


def progress(db: sqlite_utils.Database, panelist: dict, month: str, panel_config) -> Progress:
    return Progress(
        month=month,
        count=store.month_count(db, panelist["id"], month),
        threshold=panel_config.reward_receipts,
        reward=store.reward_for_month(db, panelist["id"], month),
    )


def settle(db: sqlite_utils.Database, panelist: dict, month: str, panel_config, *,
           queue_id: int | None) -> Progress:
    """Count the month and, at the threshold, write the reward (at most once). Call inside the
    transaction that stored the month's newest receipts."""
    now = progress(db, panelist, month, panel_config)
    if now.count >= now.threshold and now.reward is None:
        reward = store.award(
            db, panelist=panelist, month=month, threshold=now.threshold, amount=reward_amount(panel_config),
            currency=panel_config.reward_currency, queue_id=queue_id,
            receipt_id=store.nth_accepted(db, panelist["id"], month, now.threshold),
        )
        return Progress(month, now.count, now.threshold, reward, new_reward=reward is not None)
    return now
