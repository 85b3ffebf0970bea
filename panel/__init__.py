"""The consumer panel: who may send receipts, which receipts count, rewards, replies, commands.

Rules here are pure (eligibility, commands, replies); writes go through ``store.panel``; the
worker calls :class:`panel.flow.Panel` inside the one transaction that finishes a message.
"""
