"""The words of every reply, in the panelist's language. Pure: data in, (subject, body) out.

The texts are template files (panel/templates.py); this module only chooses the pieces and
fills in the values, formatted per locale. Replies name receipts by their number, shop, date
and total only; never card numbers, line items or anything else read from the photo.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from store.records import from_minor

from . import templates
from .rewards import Progress, reward_amount
from .templates import part


@dataclass(frozen=True)
class Decision:
    receipt_id: int
    merchant: str | None
    date: str | None
    currency: str | None
    total: int | None  # minor units
    status: str
    reason: str | None


# -- for the operator's command line (English, no locale) ----------------------------------------

def month_name(month: str) -> str:
    return dt.date.fromisoformat(month + "-01").strftime("%B %Y")


def money(amount: int | None, currency: str | None) -> str:
    value = from_minor(amount, currency)
    return "?" if value is None else f"{value} {currency or ''}".strip()


# -- for panelists, in their language ------------------------------------------------------------

def reward_words(reward: dict, language: str) -> str:
    amount = templates.money(reward["amount"], reward["currency"], language)
    if reward["kind"] == "donation" or (reward["kind"] == "survey" and reward["charity"]):  # a survey's, donated
        charity = reward["charity"] or part("common", language, "charity_unknown")
        return part("common", language, "donation", amount=amount, charity=charity)
    return part("common", language, "credit", amount=amount)


def reason_words(code: str | None, language: str, *, max_age_days: int) -> str:
    """Why a receipt was not accepted (``receipts.reason``), as the reply says it."""
    try:
        return part("reasons", language, code or "other", max_age_days=max_age_days)
    except templates.TemplateError:
        return part("reasons", language, "other")


def progress_lines(progress: Progress, language: str) -> list[str]:
    counted = min(progress.count, progress.threshold)
    values = {"month": templates.month(progress.month, language), "counted": counted,
              "threshold": progress.threshold, "sent": progress.count}
    lines = [part("reply", language, "progress_sent" if progress.count > progress.threshold else "progress", **values)]
    if progress.reward:
        which = "reward_new" if progress.new_reward else "reward_earned"
        lines.append(part("reply", language, which, reward=reward_words(progress.reward, language)))
    else:
        lines.append(part("reply", language, "reward_missing", missing=progress.threshold - progress.count))
    return lines


def summary(decisions: list[Decision], progress: Progress, language: str) -> str:
    accepted = sum(1 for d in decisions if d.status == "accepted")
    return part("reply", language, "summary", accepted=accepted, rejected=len(decisions) - accepted,
                counted=min(progress.count, progress.threshold), threshold=progress.threshold)


def _receipt_line(d: Decision, language: str) -> str:
    return part("reply", language, "receipt", number=d.receipt_id,
                shop=d.merchant or part("reply", language, "unknown_shop"),
                date=templates.date(d.date, language) or part("reply", language, "no_date"),
                total=templates.money(d.total, d.currency, language))


def receipts_section(decisions: list[Decision], *, skipped: int, max_age_days: int, language: str) -> list[str]:
    accepted = [d for d in decisions if d.status == "accepted"]
    rejected = [d for d in decisions if d.status != "accepted"]
    lines: list[str] = []
    if accepted:
        lines += [part("reply", language, "accepted")] + [_receipt_line(d, language) for d in accepted] + [""]
    if rejected:
        lines.append(part("reply", language, "not_accepted"))
        for d in rejected:
            lines.append(_receipt_line(d, language))
            reason = reason_words(d.reason, language, max_age_days=max_age_days)
            lines.append(part("reply", language, "because", reason=reason, code=d.reason or "not_eligible"))
        lines.append("")
    if not decisions:
        lines += [part("reply", language, "no_receipt"), ""]
    if skipped:
        lines += [part("reply", language, "skipped", count=skipped), ""]
    return lines


def status_section(rewards: list[dict], counts: dict[str, int], language: str) -> list[str]:
    lines = [part("reply", language, "status", accepted=counts.get("accepted", 0),
                  rejected=counts.get("rejected", 0))]
    if rewards:
        lines.append(part("reply", language, "rewards"))
        lines += [part("reply", language, "reward_line", month=templates.month(r["month"], language),
                       reward=reward_words(r, language)) for r in rewards]
    else:
        lines.append(part("reply", language, "no_rewards"))
    return lines + [""]


def deleted_section(receipt_id: int | None, deleted: int, language: str) -> list[str]:
    if receipt_id is not None:
        text = part("reply", language, "deleted_one" if deleted else "deleted_none", number=receipt_id)
    else:
        text = part("reply", language, "deleted_all", count=deleted)
    return [text, part("reply", language, "rewards_kept"), ""]


def export_section(outcome: str, language: str, *, moment: dt.datetime, last: dt.datetime | None = None,
                   next_allowed: dt.datetime | None = None) -> list[str]:
    """What became of EXPORT: ``attached``, ``unverified`` (sender authentication is off) or
    ``later`` (already sent within a day: ``last`` and ``next_allowed`` say when)."""
    if outcome == "attached":
        return [part("reply", language, "export_attached", moment=templates.moment(moment, language)), ""]
    if outcome == "later":
        return [part("reply", language, "export_later", last=templates.moment(last, language),
                     next=templates.moment(next_allowed, language)), ""]
    return [part("reply", language, "export_unverified"), ""]


def compose(subject: str | None, summary_text: str, sections: list[list[str]], language: str) -> tuple[str, str]:
    """One reply: the sections in order, then how to use the commands."""
    lines = [line for section in sections for line in section]
    fallback, body = templates.render("reply", language, summary=summary_text, sections="\n".join(lines),
                                      commands=part("common", language, "commands"))
    return reply_subject(subject, fallback), body


def waitlisted_reply(subject: str | None, language: str = templates.DEFAULT_LANGUAGE) -> tuple[str, str]:
    """A stranger's language is not known: the default, unless the caller knows better."""
    fallback, body = templates.render("waitlisted", language)
    return reply_subject(subject, fallback), body


def left_reply(subject: str | None, language: str) -> tuple[str, str]:
    fallback, body = templates.render("left", language)
    return reply_subject(subject, fallback), body


def welcome_mail(panel, panelist: dict, address: str | None) -> tuple[str, str]:
    """The mail a new panelist gets, in their language: how to take part, the reward, privacy,
    the commands. ``panel`` is the panel configuration; ``address`` the one receipts are sent to."""
    language = templates.language_of(panelist)
    reward = {"amount": reward_amount(panel), "currency": panel.reward_currency,
              "kind": panelist["reward"], "charity": panelist["charity"]}
    categories = ", ".join(_category(name, language) for name in panel.excluded_categories)
    excluded = (part("welcome", language, "exclusions", categories=categories) if categories
                else part("welcome", language, "no_exclusions"))
    return templates.render(
        "welcome", language, address=address or part("welcome", language, "no_address"), excluded=excluded,
        max_age_days=panel.max_age_days, threshold=panel.reward_receipts, reward=reward_words(reward, language),
        commands=part("common", language, "commands"),
    )


def _category(name: str, language: str) -> str:
    try:
        return part("categories", language, name)
    except templates.TemplateError:
        return name.replace("_", " ")


def reply_subject(subject: str | None, fallback: str) -> str:
    """``Re: <subject>`` (kept as is where it already says Re: or AW:), ``fallback`` for none."""
    subject = " ".join((subject or "").split())[:150]
    if not subject:
        return fallback
    return subject if subject.lower().startswith(("re:", "aw:")) else f"Re: {subject}"
