"""The words of every reply. Pure: data in, (subject, body) out.

Replies name receipts by their number, shop, date and total only; never card numbers,
line items or anything else read from the photo.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from store.records import from_minor

REASONS = {
    "amazon_merchant": "it is from Amazon or a store Amazon owns; the panel is about other shops",
    "excluded_category": "it is from a kind of purchase the panel does not cover "
                         "(such as casinos, gun stores, transit fares, tuition or rent)",
    "too_old": "it is dated more than {max_age_days} days before we received it",
    "future_date": "its date is later than the day we received it; please check the date on the receipt",
    "unreadable": "we could not read its total, date or shop name; a sharp photo of the whole receipt, "
                  "flat and in good light, usually works",
    "date_unreadable": "we read its shop and total but not its date; please send a photo in which the "
                       "date is sharp (receipts usually print it at the top near the shop's address, or at "
                       "the bottom beside the time, the till and receipt numbers)",
    "duplicate": "the same receipt has already been sent to us",
}

COMMANDS = ("  STATUS            your progress this month and your rewards\n"
            "  DELETE <number>   delete one of your receipts, e.g. DELETE 42\n"
            "  DELETE ALL        delete all your receipts\n"
            "  LEAVE             leave the panel and erase all your data")
HELP = "You can reply with one of these words as the subject:\n" + COMMANDS


@dataclass(frozen=True)
class Decision:
    receipt_id: int
    merchant: str | None
    date: str | None
    currency: str | None
    total: int | None  # minor units
    status: str
    reason: str | None


@dataclass(frozen=True)
class Progress:
    month: str  # YYYY-MM
    count: int
    threshold: int
    reward: dict | None  # this month's ledger row, if earned
    new_reward: bool = False


def month_name(month: str) -> str:
    return dt.date.fromisoformat(month + "-01").strftime("%B %Y")


def money(amount: int | None, currency: str | None) -> str:
    value = from_minor(amount, currency)
    return "?" if value is None else f"{value} {currency or ''}".strip()


def reward_words(reward: dict) -> str:
    amount = money(reward["amount"], reward["currency"])
    if reward["kind"] == "donation":
        return f"a donation of {amount} to {reward['charity'] or 'the charity you chose'}"
    return f"a credit of {amount}"


def progress_lines(progress: Progress) -> list[str]:
    lines = [f"{month_name(progress.month)}: {min(progress.count, progress.threshold)} of {progress.threshold} "
             f"eligible receipts" + (f" ({progress.count} sent)" if progress.count > progress.threshold else "") + "."]
    if progress.new_reward and progress.reward:
        lines.append(f"Congratulations: you earned this month's reward, {reward_words(progress.reward)}.")
    elif progress.reward:
        lines.append(f"You have earned this month's reward ({reward_words(progress.reward)}); "
                     "receipts you send this month still help the panel.")
    else:
        lines.append(f"{progress.threshold - progress.count} more this month earn your reward.")
    return lines


def _receipt_line(d: Decision) -> str:
    shop = d.merchant or "unknown shop"
    return f"  #{d.receipt_id}  {shop}, {d.date or 'no date'}, {money(d.total, d.currency)}"


def receipts_section(decisions: list[Decision], *, skipped: int, max_age_days: int) -> list[str]:
    accepted = [d for d in decisions if d.status == "accepted"]
    rejected = [d for d in decisions if d.status != "accepted"]
    lines: list[str] = []
    if accepted:
        lines += ["Accepted:"] + [_receipt_line(d) for d in accepted] + [""]
    if rejected:
        lines.append("Not accepted:")
        for d in rejected:
            lines.append(_receipt_line(d))
            reason = REASONS.get(d.reason or "", d.reason or "not eligible").format(max_age_days=max_age_days)
            lines.append(f"      because {reason} ({d.reason}).")
        lines.append("")
    if not decisions:
        lines += ["We found no receipt in your mail. Please attach a photo of the receipt (JPEG, PNG, HEIC) "
                  "or the PDF of an e-receipt.", ""]
    if skipped:
        lines += [f"{skipped} attachment(s) were not receipts we could read (too small, or not an image or PDF).", ""]
    return lines


def status_section(rewards: list[dict], counts: dict[str, int]) -> list[str]:
    lines = [f"Receipts we hold for you: {counts.get('accepted', 0)} accepted, "
             f"{counts.get('rejected', 0)} not accepted."]
    if rewards:
        lines += ["Your rewards:"] + [f"  {month_name(r['month'])}: {reward_words(r)}" for r in rewards]
    else:
        lines.append("No rewards yet.")
    return lines + [""]


def deleted_section(receipt_id: int | None, deleted: int) -> list[str]:
    if receipt_id is not None and deleted:
        text = f"Receipt #{receipt_id} and everything we read from it are deleted."
    elif receipt_id is not None:
        text = f"We found no receipt #{receipt_id} of yours, so nothing was deleted."
    else:
        text = f"All your receipts ({deleted}) and everything we read from them are deleted."
    return [text, "Rewards you have already earned are not affected.", ""]


def compose(subject: str | None, summary: str, sections: list[list[str]]) -> tuple[str, str]:
    """One reply: the sections in order, then how to use the commands."""
    lines = ["Thank you for your mail.", ""]
    for section in sections:
        lines += section
    lines.append(HELP)
    return _re(subject, summary), "\n".join(lines) + "\n"


def waitlisted_reply(subject: str | None) -> tuple[str, str]:
    body = ("Thank you for your interest in the receipts panel.\n\n"
            "This address is not a member of the panel yet, so we have not read the receipts in your mail. "
            "We have put you on the waiting list; the panel team will contact you when a place is free.\n"
            "Please do not send receipts before then; we will not write about this again.\n")
    return _re(subject, "you are on the waiting list"), body


def left_reply(subject: str | None) -> tuple[str, str]:
    body = ("You have left the receipts panel. Your receipts, the mails you sent us and your address are erased; "
            "this is the last mail we send you.\nThank you for taking part.\n")
    return _re(subject, "you have left the panel"), body


def welcome_mail(panel, panelist: dict, address: str | None) -> tuple[str, str]:
    """The mail a new panelist gets: how to take part, the reward, privacy, the commands.
    ``panel`` is the panel configuration; ``address`` the one receipts are sent to."""
    from .rewards import reward_amount  # rewards imports this module

    to = address or "the panel's address"
    reward = {"amount": reward_amount(panel), "currency": panel.reward_currency,
              "kind": panelist["reward"], "charity": panelist["charity"]}
    excluded = ", ".join(c.replace("_", " ") for c in panel.excluded_categories)
    body = [
        "Welcome to the receipts panel.",
        "",
        f"Send photos of your shop receipts to {to} as attachments (JPEG, PNG or HEIC photos, or the PDF "
        "of an e-receipt; several in one mail are fine). Receipts from supermarkets, drug stores, "
        "restaurants, cafes, cinemas and other shops count; receipts from Amazon or a store Amazon owns "
        "do not" + (f", nor these kinds of purchase: {excluded}." if excluded else "."),
        f"A receipt counts when it is dated at most {panel.max_age_days} days before your mail arrives, "
        "and only once.",
        "",
        f"{panel.reward_receipts} eligible receipts in a calendar month (the month your mail arrives) "
        f"earn that month's reward: {reward_words(reward)}. We answer each mail with the receipts we "
        "accepted and your progress this month.",
        "",
        "Sensitive purchases such as medication are erased from the receipts we keep, and so are card "
        "numbers, names and other personal details.",
        "",
        f"Send a mail to {to} with one of these words as the subject (or the first line of the text):",
        COMMANDS,
        "",
        "To leave the panel, send LEAVE at any time: we erase your receipts, the mails you sent us "
        "and your address.",
    ]
    return "Welcome to the receipts panel", "\n".join(body) + "\n"


def _re(subject: str | None, fallback: str) -> str:
    subject = " ".join((subject or "").split())[:150]
    if not subject:
        return f"Your receipts: {fallback}"
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"
