"""The consumer panel: who may send receipts, which receipts count, rewards, replies, commands.

Rules here are pure (eligibility, commands, replies); writes go through ``store.panel``; the
steps of ``ingest.steps`` call :class:`panel.flow.Panel` (before OCR to admit a mail, then inside
the one transaction that finishes it).
"""
