"""End to end, through the real SMTP path: nothing sensitive reaches the database, the logs
or the stored image.

One daemon (real SMTP, real queue, real OCR, DEBUG logging) reads a seeded corpus
(``privacy_corpus.build_corpus``): clean scans, photo-like JPEGs and PDF e-receipts with a
text layer, each carrying a card number, cardholder, cashier and server names, a member id,
a customer phone, an e-mail address, card-terminal and transaction numbers and sensitive
purchases among harmless grocery items; the mails add seeded text in body, subject and
headers. The tests then look for every seeded value in every column of every table, in the
daemon's log and in every stored image read again by the project's OCR, and count the
harmless items that survived.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import formatdate
from pathlib import Path

import pytest

from conftest import Daemon, daemon_sections, query, receipt_mail, send, wait_done, write_config
from images import encode, receipt_image
from privacy_corpus import (
    Document,
    Secret,
    as_text,
    black_block,
    build_corpus,
    find_leaks,
    image_of,
    item_survives,
    mail_secrets,
    squash,
)

SENDER = "panelist@example.org"
# documents (by index into the corpus) mailed together; clean scans, photos and PDFs mixed
MAILS = [(0, 1, 8), (2, 4), (3, 5), (6, 7, 9)]
N_CLEAN, N_PHOTO, N_PDF = 4, 4, 2
# a small attachment that is skipped (too small), named after a person and a diagnosis
SKIPPED_NAME = "Befund_Wendelgard_Pfitzinger_Diabetes.png"


@dataclass
class Run:
    database: Path
    docs: list[Document]
    log: str
    mail_values: dict[str, str]
    message_ids: list[str]  # Message-ID of each mail in MAILS

    def receipt_of(self, doc_index: int) -> tuple | None:
        """(receipt id, redacted_items, status) of a document, found by its mail and position."""
        for mail_no, group in enumerate(MAILS):
            if doc_index in group:
                rows = query(
                    self.database,
                    "SELECT r.id, r.redacted_items, r.status FROM receipts r JOIN messages m ON m.id = r.message_id"
                    " WHERE m.message_id = ? AND r.position = ?",
                    (self.message_ids[mail_no], group.index(doc_index)),
                )
                return rows[0] if rows else None
        return None


def mail_text_secrets(values: dict[str, str]) -> list[Secret]:
    numeric = {"body_card": "card", "body_phone": "phone"}
    return [Secret(numeric.get(key, "mail_text"), value) for key, value in values.items()]


def all_secrets(run: Run) -> list[Secret]:
    return [s for doc in run.docs for s in doc.secrets] + mail_text_secrets(run.mail_values)


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    tmp = tmp_path_factory.mktemp("privacy")
    docs = build_corpus(n_clean=N_CLEAN, n_photo=N_PHOTO, n_pdf=N_PDF)
    assert sorted(i for group in MAILS for i in group) == list(range(len(docs)))
    values = mail_secrets()
    config = write_config(
        tmp / "config.toml", daemon_sections(tmp, ocr={"preload": True}, log={"level": "DEBUG"})
    )
    daemon = Daemon(config).start()
    message_ids = []
    try:
        for mail_no, group in enumerate(MAILS):
            attachments = [(docs[i].data, docs[i].media_type, docs[i].filename) for i in group]
            if mail_no == len(MAILS) - 1:
                logo = encode(receipt_image(["ACME"], width=150, size=14), "PNG")
                attachments.append((logo, "image/png", SKIPPED_NAME))
            message_id = f"<privacy-{mail_no}@example.org>"
            msg = receipt_mail(
                attachments,
                sender=str(Address(values["display_name"], addr_spec=SENDER)),
                subject=values["subject_token"],
                body=(f"Hallo, anbei der Beleg. {values['body_token']}\nMeine Karte {values['body_card']},"
                      f" erreichbar unter {values['body_phone']}.\n"),
                message_id=message_id,
            )
            msg["Date"] = formatdate(localtime=False)
            msg["Reply-To"] = values["reply_to"]
            msg["X-Insurance-Reference"] = values["header_token"]
            send(daemon.port, msg, mail_from=SENDER)
            message_ids.append(message_id)
        wait_done(tmp / "receiptd.db", count=len(MAILS), timeout=1500)
    finally:
        daemon.stop()
    return Run(tmp / "receiptd.db", docs, daemon.log, values, message_ids)


def all_cells(database: Path):
    """(table.column, value) for every cell of every table: FTS tables (their text, their
    shadow tables and, for FTS5, every indexed term) included."""
    conn = sqlite3.connect(str(database))
    try:
        tables = conn.execute("SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
        assert {"messages", "receipts", "line_items", "receipt_images"} <= {name for name, _ in tables}
        for table, sql in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                for column, value in zip(columns, row):
                    yield f"{table}.{column}", value
            if re.search(r"using\s+fts5", sql, re.IGNORECASE):
                # the index stores its terms prefix-compressed: read them back whole
                conn.execute(f'CREATE VIRTUAL TABLE temp."vocab_{table}" USING fts5vocab(main, "{table}", row)')
                for (term,) in conn.execute(f'SELECT term FROM temp."vocab_{table}"'):
                    yield f"{table}(terms)", term
    finally:
        conn.close()


def db_leaks(run: Run, secrets: list[Secret]) -> list[str]:
    leaks = []
    for where, value in all_cells(run.database):
        # binary cells (images, FTS blocks) get the exact checks only: decoded leniently, their
        # bytes glue into words that look like anything
        binary = isinstance(value, (bytes, bytearray, memoryview))
        leaks += find_leaks(as_text(value), secrets, fuzzy=not binary, where=where)
    return leaks


def test_every_mail_was_processed_and_left_the_queue(run):
    assert query(run.database, "SELECT outcome, count(*) FROM messages GROUP BY outcome") == [("processed", len(MAILS))]
    assert query(run.database, "SELECT count(*) FROM spool") == [(0,)]
    # every document became a receipt
    assert all(run.receipt_of(i) is not None for i in range(len(run.docs)))


def test_no_seeded_value_in_any_column_of_any_table(run):
    secrets = all_secrets(run)
    assert len(secrets) >= 60
    leaks = db_leaks(run, secrets)
    assert leaks == [], "\n".join(leaks)


def test_mail_body_subject_and_extra_headers_are_not_stored(run):
    leaks = db_leaks(run, mail_text_secrets(run.mail_values))
    assert leaks == [], "\n".join(leaks)
    # what the pipeline needs is there: the sender address, the Message-ID and the date
    rows = query(run.database, "SELECT message_id, sender, mail_date FROM messages ORDER BY id")
    assert [r[0] for r in rows] == run.message_ids
    assert all(r[1] == SENDER and r[2] for r in rows)


def test_attachment_file_names_are_not_stored(run):
    secret = [Secret("mail_text", "Wendelgard Pfitzinger"), Secret("medication", "Diabetes")]
    leaks = db_leaks(run, secret)
    assert leaks == [], "\n".join(leaks)


def test_log_has_no_seeded_value_mail_text_or_ocr_text_at_debug_level(run):
    assert "receiptd ready" in run.log
    secrets = all_secrets(run)
    # raw OCR text: any whole receipt line, harmless ones included
    lines = {squash(line) for doc in run.docs for line in doc.lines if len(line) >= 8}
    secrets += [Secret("ocr_text", line) for line in lines]
    leaks = []
    for number, line in enumerate(run.log.splitlines()):
        leaks += find_leaks(line, secrets, fuzzy=False, where=f"log line {number}")
        leaks += [f"log line {number}: OCR line {t!r}" for t in lines if t in squash(line)]
    assert leaks == [], "\n".join(leaks) + "\n\n" + run.log[-3000:]


def test_original_image_never_stored_only_a_downscaled_redacted_jpeg(run):
    images = query(run.database, "SELECT receipt_id, media_type, image FROM receipt_images")
    originals = {i: doc.data for i, doc in enumerate(run.docs)}
    for _, value in all_cells(run.database):
        if isinstance(value, bytes) and len(value) > 1000:
            assert not any(original in value or value in original for original in originals.values())
    stored = {row[0]: row for row in images}
    for i, doc in enumerate(run.docs):
        receipt_id, redacted_items, status = run.receipt_of(i)
        if doc.style == "pdf":
            assert receipt_id not in stored  # a text layer has no picture to keep
            continue
        assert receipt_id in stored, f"{doc.name}: no redacted image stored"
        _, media_type, data = stored[receipt_id]
        assert media_type == "image/jpeg" and data[:3] == b"\xff\xd8\xff" and data != doc.data
        picture = image_of(data)
        original = image_of(doc.data)
        assert max(picture.size) <= 1600
        if max(original.size) > 1600:
            assert max(picture.size) < max(original.size)
        assert not picture.info.get("exif")
        assert black_block(picture), f"{doc.name}: no blacked-out region in the stored image"


def test_stored_images_read_again_by_ocr_show_no_seeded_value(run, tmp_path):
    from parse.ocr import OcrEngine, OcrSettings

    engine = OcrEngine(OcrSettings(network_dir=str(tmp_path / "easyocr")))
    secrets = all_secrets(run)
    leaks, read = [], 0
    for receipt_id, data in query(run.database, "SELECT receipt_id, image FROM receipt_images ORDER BY receipt_id"):
        text = "\n".join(line.text for line in engine.read(image_of(data)))
        assert text.strip(), f"receipt {receipt_id}: the stored image reads as nothing at all"
        read += 1
        leaks += find_leaks(text, secrets, where=f"receipt_images[{receipt_id}] (OCR)")
    assert read == N_CLEAN + N_PHOTO
    assert leaks == [], "\n".join(leaks)


def test_harmless_items_survive_and_redaction_removed_only_the_sensitive_ones(run):
    """Redaction removes exactly the seeded sensitive purchases, not one harmless item more,
    on every receipt; and at least 99 % of the harmless items end up in line_items.

    End to end, an item could also be lost before redaction (a photo whose date OCR misreads
    is rejected and keeps no items): at most one such photo is tolerated, and the 99 % bound
    holds both end to end and on what redaction removed of what extraction found."""
    found = total = 0
    extracted = removed_harmless = 0
    lost: list[str] = []
    rejected: list[str] = []
    for i, doc in enumerate(run.docs):
        receipt_id, redacted_items, status = run.receipt_of(i)
        # redaction removed the sensitive purchases (all: the leak tests find none) and nothing else
        assert redacted_items == len(doc.sensitive_items), (doc.name, redacted_items, doc.sensitive_items)
        removed_harmless += redacted_items - len(doc.sensitive_items)
        if status != "accepted":
            assert doc.style == "photo", (doc.name, status)  # only OCR on a photo may fail to read a receipt
            rejected.append(doc.name)
            continue
        descriptions = [d for (d,) in query(run.database, "SELECT description FROM line_items WHERE receipt_id = ?", (receipt_id,))]
        extracted += len(descriptions) + redacted_items
        survived = [item for item in doc.harmless if item_survives(item, descriptions)]
        lost += [f"{doc.name}: {item}" for item in doc.harmless if item not in survived]
        found += len(survived)
        total += len(doc.harmless)
    summary = (f"{found}/{total} harmless items on accepted receipts survived ({100 * found / total:.1f} %); "
               f"redaction removed {removed_harmless} harmless of {extracted} items extracted; "
               f"rejected (unreadable photo): {rejected}; lost by extraction: {lost}")
    print(summary)
    assert len(rejected) <= 1 and total >= 190, summary
    assert removed_harmless / extracted < 0.01, summary
    assert found / total >= 0.99, summary
    # and no harmless line was blacked out as sensitive either
    sensitive_lines = query(run.database, "SELECT coalesce(sum(count), 0) FROM redactions WHERE kind = 'sensitive_line'")
    assert sensitive_lines == [(0,)], summary


def test_deleted_mail_bytes_do_not_linger_in_the_database_file(run):
    """The spool row is deleted once a message is done; its bytes must not stay readable in
    the file's free pages (or WAL) either."""
    raw = b"".join(p.read_bytes() for p in run.database.parent.glob(run.database.name + "*"))
    lingering = [key for key in ("body_token", "subject_token", "header_token", "reply_to")
                 if run.mail_values[key].encode() in raw]
    assert lingering == [], f"deleted mail text still in the SQLite file's bytes: {lingering}"
