"""Who really sent a mail: DKIM and SPF checked here, or an upstream MTA's
Authentication-Results trusted, and the From: domain's alignment (DMARC-style).

A mail passes when DKIM passes for a domain aligned with the From: domain, or SPF passes
for an envelope sender whose domain is aligned with it. Alignment is relaxed: the same
domain, or one a subdomain of the other.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from email.utils import getaddresses

import authres
import dkim
import dns.resolver
import spf

log = logging.getLogger(__name__)

OFF, VERIFY, UPSTREAM = "off", "verify", "upstream"


@dataclass(frozen=True)
class Verdict:
    method: str  # off | verify | upstream
    from_domain: str | None
    dkim: str = "none"  # pass | fail | none | temperror ...
    dkim_domain: str | None = None
    spf: str = "none"  # pass | fail | softfail | neutral | none | temperror | permerror
    spf_domain: str | None = None
    passed: bool = False

    def summary(self) -> str:
        if self.method == OFF:
            return "not checked"
        return (f"{'pass' if self.passed else 'fail'} ({self.method}: dkim={self.dkim}"
                f"{'@' + self.dkim_domain if self.dkim_domain else ''} spf={self.spf}"
                f"{'@' + self.spf_domain if self.spf_domain else ''} from={self.from_domain})")


def aligned(domain: str | None, from_domain: str | None) -> bool:
    if not domain or not from_domain:
        return False
    domain, from_domain = domain.lower().rstrip("."), from_domain.lower().rstrip(".")
    return domain == from_domain or from_domain.endswith("." + domain) or domain.endswith("." + from_domain)


def from_domain(raw: bytes) -> str | None:
    """The domain of the single From: address; None when there is none or several."""
    headers = BytesHeaderParser(policy=default_policy).parsebytes(raw)
    try:
        values = headers.get_all("From") or []
    except Exception:
        return None
    addresses = [addr for _, addr in getaddresses([str(v) for v in values]) if "@" in addr]
    if len(addresses) != 1:
        return None
    return addresses[0].rpartition("@")[2].lower() or None


def _domain_of(address: str | None) -> str | None:
    if not address or "@" not in address:
        return None
    return address.rpartition("@")[2].strip().strip(">").lower() or None


def _decide(method: str, author: str | None, dkim_result: str, dkim_domain: str | None, spf_result: str,
            spf_domain: str | None) -> Verdict:
    passed = (dkim_result == "pass" and aligned(dkim_domain, author)) or (
        spf_result == "pass" and aligned(spf_domain, author))
    return Verdict(method, author, dkim_result, dkim_domain, spf_result, spf_domain, passed)


def verify(raw: bytes, *, envelope_from: str | None, client_ip: str | None, helo: str | None,
           timeout: float = 5.0) -> Verdict:
    """Check DKIM signatures and the SPF record ourselves (DNS through dnspython's resolver)."""
    author = from_domain(raw)
    dkim_result, dkim_domain = _check_dkim(raw, author, timeout)
    spf_result, spf_domain = "none", _domain_of(envelope_from) or (helo or "").lower() or None
    if client_ip and spf_domain:
        try:
            spf_result, _ = spf.check2(i=client_ip, s=envelope_from or f"postmaster@{helo}", h=helo or spf_domain,
                                       timeout=timeout, querytime=timeout)
        except Exception as err:  # a resolver failure is a temporary error, never a crash
            log.warning("SPF check failed: %s", type(err).__name__)
            spf_result = "temperror"
    return _decide(VERIFY, author, dkim_result, dkim_domain, spf_result, spf_domain)


def _check_dkim(raw: bytes, author: str | None, timeout: float) -> tuple[str, str | None]:
    """The first passing signature, trying the author's domain first; else the first failure."""
    domains = _signature_domains(raw)
    if not domains:
        return "none", None
    verifier = dkim.DKIM(raw, timeout=timeout)
    order = sorted(range(len(domains)), key=lambda i: not aligned(domains[i], author))
    for index in order:
        try:
            if verifier.verify(idx=index):
                return "pass", domains[index]
        except dkim.DKIMException:  # bad signature syntax, key not found or malformed, ...
            continue
    return "fail", domains[order[0]]


def _signature_domains(raw: bytes) -> list[str]:
    headers = BytesHeaderParser(policy=default_policy).parsebytes(raw)
    domains = []
    for value in headers.get_all("DKIM-Signature") or []:
        tags = dict(part.strip().split("=", 1) for part in str(value).split(";") if "=" in part)
        domains.append(tags.get("d", "").strip().lower())
    return domains


def trust_upstream(raw: bytes, authserv_id: str) -> Verdict:
    """Read the Authentication-Results header that our own MTA (``authserv_id``) added.

    Only headers with that id count: anything else in the mail may have been written by
    the sender. When several carry it, the topmost (added last, by our MTA) is used.
    """
    author = from_domain(raw)
    headers = BytesHeaderParser(policy=default_policy).parsebytes(raw)
    for value in headers.get_all("Authentication-Results") or []:
        try:
            parsed = authres.AuthenticationResultsHeader.parse(f"Authentication-Results: {value}")
        except Exception:
            continue
        if str(parsed.authserv_id).lower() != authserv_id.lower():
            continue
        dkim_result, dkim_domain, spf_result, spf_domain = "none", None, "none", None
        for result in parsed.results:
            props = {f"{p.type}.{p.name}": str(p.value) for p in result.properties}
            if result.method == "dkim" and dkim_result != "pass":
                dkim_result, dkim_domain = str(result.result), props.get("header.d") or _domain_of(props.get("header.i"))
            elif result.method == "spf":
                spf_result = str(result.result)
                spf_domain = _domain_of(props.get("smtp.mailfrom")) or props.get("smtp.mailfrom") or props.get("smtp.helo")
        return _decide(UPSTREAM, author, dkim_result, dkim_domain, spf_result, spf_domain)
    return Verdict(UPSTREAM, author)


def use_nameservers(addresses: tuple[str, ...], port: int = 53) -> None:
    """Point dnspython's default resolver (used by dkimpy and pyspf) at these servers."""
    if not addresses:
        return
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = list(addresses)
    resolver.port = port
    dns.resolver.default_resolver = resolver
