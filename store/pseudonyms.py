"""Panelist pseudonyms (``analyst_pseudonyms``): what analysts see instead of an address or a row id.

A trigger (migration 0100) gives every new panelist a random one (``p`` + 16 hex digits); with
``[analytics] pseudonym_salt`` set, :func:`sync_pseudonyms` replaces it by ``p`` +
HMAC-SHA256(salt, address)[:16], stable across databases.
"""
from __future__ import annotations

import hashlib
import hmac


def salt_fingerprint(salt: str) -> str:
    return hashlib.sha256(b"receiptd-pseudonym-salt\0" + salt.encode()).hexdigest()[:12]


def keyed_pseudonym(salt: str, address: str) -> str:
    return "p" + hmac.new(salt.encode(), address.strip().lower().encode(), hashlib.sha256).hexdigest()[:16]


def assign_pseudonym(db, panelist_id: int, address: str | None, salt: str) -> str:
    """The pseudonym of one panelist, (re)derived from the salt when one is configured.

    The panel code may call this right after creating a panelist; without the call the row gets
    a random pseudonym from the trigger, re-keyed by the next :func:`sync_pseudonyms`.
    """
    if salt and address:
        pseudonym = keyed_pseudonym(salt, address)
        db.execute(
            """INSERT INTO analyst_pseudonyms (panelist_id, pseudonym, keyed) VALUES (?, ?, ?)
               ON CONFLICT (panelist_id) DO UPDATE SET pseudonym = excluded.pseudonym, keyed = excluded.keyed""",
            [panelist_id, pseudonym, salt_fingerprint(salt)],
        )
        return pseudonym
    db.execute("INSERT OR IGNORE INTO analyst_pseudonyms (panelist_id, pseudonym) VALUES (?, 'p' || lower(hex(randomblob(8))))",
               [panelist_id])
    return db.execute("SELECT pseudonym FROM analyst_pseudonyms WHERE panelist_id = ?", [panelist_id]).fetchone()[0]


def sync_pseudonyms(db, salt: str) -> int:
    """Give every panelist a pseudonym; with a salt, key those not keyed with it yet (and whose
    address is still known: a panelist who left keeps the pseudonym they had). Returns rows changed."""
    changed = db.execute(
        "INSERT OR IGNORE INTO analyst_pseudonyms (panelist_id, pseudonym) "
        "SELECT id, 'p' || lower(hex(randomblob(8))) FROM panelists").rowcount
    if not salt:
        return changed
    fingerprint = salt_fingerprint(salt)
    rows = db.execute(
        """SELECT p.id, p.address FROM panelists p JOIN analyst_pseudonyms a ON a.panelist_id = p.id
           WHERE p.address IS NOT NULL AND (a.keyed IS NULL OR a.keyed != ?)""",
        [fingerprint],
    ).fetchall()
    for panelist_id, address in rows:
        assign_pseudonym(db, panelist_id, address, salt)
    return changed + len(rows)
