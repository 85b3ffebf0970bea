"""Named schema migrations, applied in order at start-up, each in its own transaction."""
from __future__ import annotations

import sqlite3

from sqlite_utils import Migrations

migrations = Migrations("receiptd")


def _execute_script(db, script: str) -> None:
    """Run statements one by one: ``executescript`` would COMMIT the migration's transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError("incomplete SQL statement at the end of a migration")


@migrations(name="0001_initial")
def initial(db) -> None:
    _execute_script(
        db,
        """
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            message_id TEXT,              -- the Message-ID header
            sha256 TEXT NOT NULL,         -- of the raw bytes as received
            source TEXT NOT NULL,         -- 'smtp' or 'imap'
            envelope_from TEXT,
            recipients TEXT,              -- JSON list of accepted envelope recipients
            sender TEXT,                  -- address in From:, set once the mail is parsed
            mail_date TEXT,               -- Date: header, ISO 8601
            received_at TEXT NOT NULL,    -- ISO 8601 UTC
            size INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'queued',  -- queued | claimed | done
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            claimed_at TEXT,
            claim_token TEXT,             -- which worker holds the claim (fences a stale worker)
            finished_at TEXT,
            outcome TEXT,                 -- NULL until done: processed | no_receipt | rejected | dead_letter
            error TEXT
        );
        CREATE UNIQUE INDEX messages_identity ON messages (coalesce(message_id, ''), sha256);
        CREATE INDEX messages_queue ON messages (status, id);
        CREATE INDEX messages_outcome ON messages (outcome);

        -- raw mail bytes, kept only until the message is done (or retain_raw_days)
        CREATE TABLE spool (
            message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            raw BLOB NOT NULL
        );

        CREATE TABLE message_parts (
            id INTEGER PRIMARY KEY,
            message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            filename TEXT,
            declared_type TEXT,
            media_type TEXT,
            size INTEGER,
            outcome TEXT NOT NULL,        -- receipt | skipped
            reason TEXT
        );
        CREATE INDEX message_parts_message ON message_parts (message_id);

        CREATE TABLE receipts (
            id INTEGER PRIMARY KEY,
            message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,    -- which part of the mail
            sender TEXT,
            media_type TEXT,
            merchant TEXT,
            merchant_address TEXT,
            merchant_phone TEXT,
            purchase_date TEXT,           -- ISO 8601 date
            purchase_time TEXT,           -- HH:MM
            currency TEXT,                -- ISO 4217
            total INTEGER,                -- minor units (cents)
            subtotal INTEGER,
            tax INTEGER,
            tax_rate TEXT,                -- percent, decimal string
            tip INTEGER,
            payment TEXT,
            receipt_number TEXT,
            category TEXT,
            redacted_items INTEGER NOT NULL DEFAULT 0,
            redacted_amount INTEGER,
            status TEXT NOT NULL,         -- accepted | rejected
            reason TEXT,                  -- why rejected
            confidence TEXT,              -- JSON {field: 0..1}
            flags TEXT,                   -- JSON consistency flags
            ocr_seconds REAL,
            image_sha256 TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (message_id, position)
        );
        CREATE INDEX receipts_sender ON receipts (sender);
        CREATE INDEX receipts_date ON receipts (purchase_date);

        CREATE TABLE line_items (
            id INTEGER PRIMARY KEY,
            receipt_id INTEGER NOT NULL REFERENCES receipts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            description TEXT NOT NULL,
            quantity REAL,
            unit_price INTEGER,           -- minor units
            amount INTEGER                -- minor units
        );
        CREATE INDEX line_items_receipt ON line_items (receipt_id);

        CREATE TABLE redactions (
            id INTEGER PRIMARY KEY,
            receipt_id INTEGER NOT NULL REFERENCES receipts(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            count INTEGER NOT NULL
        );
        CREATE INDEX redactions_receipt ON redactions (receipt_id);

        -- only the redacted, downscaled image: the original photo never reaches this file
        CREATE TABLE receipt_images (
            receipt_id INTEGER PRIMARY KEY REFERENCES receipts(id) ON DELETE CASCADE,
            media_type TEXT NOT NULL,
            image BLOB NOT NULL
        );
        """
    )


@migrations(name="0002_imap_ledger")
def imap_ledger(db) -> None:
    _execute_script(
        db,
        """
        -- one row per mail fetched from an IMAP folder: the proof it is queued, and whether the
        -- account's action (move, flag, seen, delete) has been applied to it on the server
        CREATE TABLE imap_ledger (
            account TEXT NOT NULL,
            folder TEXT NOT NULL,
            uidvalidity INTEGER NOT NULL,
            uid INTEGER NOT NULL,
            queue_id INTEGER NOT NULL,    -- messages.id (no foreign key: the ledger outlives a dropped message)
            message_id TEXT,              -- the Message-ID header (with sha256: found again after a UIDVALIDITY change)
            sha256 TEXT NOT NULL,         -- of the bytes fetched
            size INTEGER NOT NULL,
            fetched_at TEXT NOT NULL,     -- ISO 8601 UTC
            action TEXT NOT NULL,         -- the action due: move | flag | seen | delete
            action_done_at TEXT,          -- NULL until the action is applied
            PRIMARY KEY (account, folder, uidvalidity, uid)
        );
        CREATE INDEX imap_ledger_identity ON imap_ledger (account, sha256, message_id);
        CREATE INDEX imap_ledger_queue ON imap_ledger (queue_id);

        -- per folder: the UIDVALIDITY last seen and the highest UID below which all is done
        CREATE TABLE imap_folders (
            account TEXT NOT NULL,
            folder TEXT NOT NULL,
            uidvalidity INTEGER NOT NULL,
            done_uid INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (account, folder)
        );
        """,
    )


@migrations(name="0003_panel")
def panel(db) -> None:
    """Panelists, eligibility bookkeeping on receipts, the reward ledger and recorded replies."""
    _execute_script(
        db,
        """
        CREATE TABLE panelists (
            id INTEGER PRIMARY KEY,
            address TEXT UNIQUE,          -- lower case; NULL once the panelist left (data erased)
            status TEXT NOT NULL,         -- invited | active | waitlisted | left
            country TEXT,                 -- ISO 3166-1 alpha-2
            reward TEXT NOT NULL DEFAULT 'credit',  -- credit | donation
            charity TEXT,                 -- named charity when reward = 'donation'
            invited_at TEXT,
            joined_at TEXT,               -- first mail as a panelist
            waitlisted_at TEXT,
            left_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX panelists_status ON panelists (status);

        ALTER TABLE receipts ADD COLUMN panelist_id INTEGER REFERENCES panelists(id) ON DELETE SET NULL;
        ALTER TABLE receipts ADD COLUMN panel_month TEXT;   -- YYYY-MM the mail arrived (panel time zone)
        ALTER TABLE receipts ADD COLUMN phash TEXT;         -- 64-bit perceptual hash of the image, hex
        ALTER TABLE receipts ADD COLUMN dedupe_key TEXT;    -- merchant|date|time|total, NULL if incomplete
        CREATE INDEX receipts_panel_month ON receipts (panelist_id, panel_month, status);
        CREATE INDEX receipts_dedupe ON receipts (dedupe_key);
        CREATE INDEX receipts_image_sha256 ON receipts (image_sha256);
        CREATE INDEX receipts_created ON receipts (created_at);

        -- the reward ledger: one row per panelist and month, never taken back; when a panelist
        -- leaves, their rows stay with the (then anonymous) panelist id
        CREATE TABLE rewards (
            id INTEGER PRIMARY KEY,
            panelist_id INTEGER REFERENCES panelists(id) ON DELETE SET NULL,
            month TEXT NOT NULL,          -- YYYY-MM
            threshold INTEGER NOT NULL,   -- eligible receipts it took
            amount INTEGER NOT NULL,      -- minor units
            currency TEXT NOT NULL,
            kind TEXT NOT NULL,           -- credit | donation
            charity TEXT,
            receipt_id INTEGER REFERENCES receipts(id) ON DELETE SET NULL,   -- the receipt that earned it
            message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            UNIQUE (panelist_id, month)
        );

        -- replies: recorded in the transaction that finishes their mail, sent after commit
        CREATE TABLE outbound (
            id INTEGER PRIMARY KEY,
            message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,  -- the mail answered
            panelist_id INTEGER REFERENCES panelists(id) ON DELETE SET NULL,
            kind TEXT NOT NULL,           -- receipts | waitlisted | status | deleted | left
            recipient TEXT,               -- NULL once erased (after a LEAVE confirmation is sent)
            subject TEXT,
            body TEXT,
            header_message_id TEXT NOT NULL,
            in_reply_to TEXT,
            status TEXT NOT NULL,         -- pending | sent | failed | recorded (no relay) | suppressed
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            sent_at TEXT,
            error TEXT,
            forget INTEGER NOT NULL DEFAULT 0,  -- erase recipient, subject and body once sent
            created_at TEXT NOT NULL
        );
        CREATE INDEX outbound_due ON outbound (status, next_attempt_at);
        CREATE INDEX outbound_recipient ON outbound (recipient, created_at);

        -- when periodic jobs (retention purge) last ran
        CREATE TABLE maintenance (
            name TEXT PRIMARY KEY,
            last_run TEXT NOT NULL
        );
        """
    )


@migrations(name="0004_sender_auth")
def sender_auth(db) -> None:
    _execute_script(
        db,
        """
        ALTER TABLE messages ADD COLUMN peer_ip TEXT;  -- the SMTP client, for SPF
        ALTER TABLE messages ADD COLUMN helo TEXT;
        ALTER TABLE messages ADD COLUMN auth TEXT;     -- sender authentication verdict, e.g. 'pass (verify: dkim=pass...)'
        """,
    )


@migrations(name="0005_receipt_lines")
def receipt_lines(db) -> None:
    _execute_script(
        db,
        """
        -- the receipt's text lines AFTER redaction, with their boxes: what `receiptctl reprocess`
        -- extracts again after an upgrade (the photo itself is never kept)
        CREATE TABLE receipt_lines (
            receipt_id INTEGER PRIMARY KEY REFERENCES receipts(id) ON DELETE CASCADE,
            lines TEXT NOT NULL           -- JSON: [{"text", "box", "confidence", "words": [...]}]
        );
        """,
    )


@migrations(name="0006_part_extension")
def part_extension(db) -> None:
    # a file name is a MIME header the sender wrote ("Befund_<name>_<diagnosis>.png"):
    # only its extension is kept
    _execute_script(
        db,
        """
        ALTER TABLE message_parts RENAME COLUMN filename TO extension;
        UPDATE message_parts SET extension = lower(substr(extension, instr(extension, '.') + 1))
            WHERE extension LIKE '%.%';
        """,
    )


@migrations(name="0007_receipt_brand")
def receipt_brand(db) -> None:
    # merchant becomes the canonical brand where parse/brands knows it; what was printed and the
    # brand's id stand beside it (rows stored before keep NULL until `receiptctl reprocess`)
    _execute_script(
        db,
        """
        ALTER TABLE receipts ADD COLUMN merchant_raw TEXT;    -- the merchant line or web address as printed
        ALTER TABLE receipts ADD COLUMN brand_wikidata TEXT;  -- the brand's Wikidata id ('Q125054'), NULL if unknown
        """,
    )


# The analyst views (01xx) are registered after every table migration, which is the order pending
# migrations run in: a table migration added later goes above this line, so a fresh file has its
# columns before the views are made; an existing file gets them from a new 01xx migration.
from . import analytics  # noqa: E402,F401
