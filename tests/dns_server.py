"""A real DNS server on loopback (dnslib), answering TXT queries from a dict: test zones
for DKIM keys and SPF records."""
from __future__ import annotations

from dnslib import QTYPE, RCODE, RR, TXT
from dnslib.server import BaseResolver, DNSServer


class ZoneResolver(BaseResolver):
    def __init__(self, txt: dict[str, str]):
        self.txt = {name.lower().rstrip("."): value for name, value in txt.items()}

    def resolve(self, request, handler):
        reply = request.reply()
        name = str(request.q.qname).lower().rstrip(".")
        value = self.txt.get(name)
        if value is not None and QTYPE[request.q.qtype] == "TXT":
            chunks = [value[i:i + 250] for i in range(0, len(value), 250)]
            reply.add_answer(RR(request.q.qname, QTYPE.TXT, rdata=TXT(chunks), ttl=60))
        elif value is None and not any(n.endswith("." + name) for n in self.txt):
            reply.header.rcode = RCODE.NXDOMAIN
        return reply


class LoopbackDns:
    """``with LoopbackDns({...}) as dns:`` then ``dns.port``."""

    def __init__(self, txt: dict[str, str]):
        self.server = DNSServer(ZoneResolver(txt), address="127.0.0.1", port=0)

    def __enter__(self) -> "LoopbackDns":
        self.server.start_thread()
        self.port = self.server.server.server_address[1]
        return self

    def __exit__(self, *exc) -> None:
        self.server.stop()
