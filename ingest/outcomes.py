"""How a mail ends: the values of ``messages.outcome``, named once for the whole house.

A mail the queue took (SMTP 250, IMAP action) ends as exactly one of these; the last two are
what processing reports when it did not end the mail (it stays in the queue).
"""
from __future__ import annotations

PROCESSED = "processed"        # receipts stored
NO_RECEIPT = "no_receipt"      # read, nothing in it was a receipt
REJECTED = "rejected"          # the mail itself cannot be read (``parse.mail.MailRejected``)
NOT_PANELIST = "not_panelist"  # a stranger: waitlisted, nothing read
SPOOFED = "spoofed"            # From: failed sender authentication: nothing read, no reply
COMMAND = "command"            # a command (STATUS, DELETE, EXPORT, LEAVE) and no receipt
SURVEY = "survey"              # answers to a survey mail
DEAD_LETTER = "dead_letter"    # set aside for an operator (``receiptctl deadletter``)
DROPPED = "dropped"            # an operator gave up on a dead letter

ENDED = (PROCESSED, NO_RECEIPT, REJECTED, NOT_PANELIST, SPOOFED, COMMAND, SURVEY, DEAD_LETTER, DROPPED)

# not an end: the mail stays queued
RETRY = "retry"                # failed this attempt; tried again later (or dead-lettered at the cap)
LOST_CLAIM = "lost_claim"      # another worker took the mail over; this result was dropped
