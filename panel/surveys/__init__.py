"""Surveys by mail for extra rewards (issue 17, part 1).

- :mod:`.definition`: the survey file (TOML), checked; pure.
- :mod:`.catalog`: surveys stored and loaded; :mod:`.sending`: the survey mail to the audience.
- :mod:`.answers`: answers read out of a reply; pure. :mod:`.inbox`: which survey a mail answers,
  and storing + rewarding complete answers in the transaction that finishes the mail.
- :mod:`.wording`: the mails' words, from panel/templates/survey*.toml, in the panelist's language.
- :mod:`.results` (pure) and :mod:`.chart`: k-suppressed aggregates for `receiptctl survey results`.
"""
