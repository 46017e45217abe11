"""A socket guard: every attempt to reach another machine is recorded and refused.

Loopback (127.0.0.1, ::1, localhost) and local (Unix) sockets stay allowed: Jupyter's kernels
talk to their client through them. Everything else (a connection, a datagram, a name lookup)
is an attempt to use the network. ``install(log)`` guards this process; used as
``sitecustomize`` (with ``QI_KIT_SOCKET_LOG`` set) it guards a kernel too.
"""

from __future__ import annotations

import os
import socket

LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "", "0.0.0.0", "ip6-localhost"}
_real = {}


def _local(family, address) -> bool:
    if family == getattr(socket, "AF_UNIX", None) or isinstance(address, (str, bytes)):
        return True
    host = address[0] if isinstance(address, tuple) and address else address
    if isinstance(host, bytes):
        host = host.decode()
    return str(host) in LOCAL_NAMES or str(host).startswith("127.")


def install(attempts: list | None = None, log: str | None = None):
    """Guard this process; attempts go into ``attempts`` (and are appended to the file ``log``)."""
    if _real:
        return attempts

    def note(what):
        if attempts is not None:
            attempts.append(what)
        if log:
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(f"{what}\n")
        raise OSError(f"qi_kit tests: network blocked ({what})")

    _real.update(connect=socket.socket.connect, connect_ex=socket.socket.connect_ex,
                 sendto=socket.socket.sendto, getaddrinfo=socket.getaddrinfo)

    def connect(self, address):
        if not _local(self.family, address):
            note(f"connect {address!r}")
        return _real["connect"](self, address)

    def connect_ex(self, address):
        if not _local(self.family, address):
            note(f"connect {address!r}")
        return _real["connect_ex"](self, address)

    def sendto(self, data, *args):
        address = args[-1]
        if not _local(self.family, address):
            note(f"sendto {address!r}")
        return _real["sendto"](self, data, *args)

    def getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and str(name) not in LOCAL_NAMES and not str(name).startswith("127."):
            note(f"look up {name!r}")
        return _real["getaddrinfo"](host, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto = connect, connect_ex, sendto
    socket.getaddrinfo = getaddrinfo
    return attempts


def uninstall() -> None:
    if not _real:
        return
    socket.socket.connect, socket.socket.connect_ex = _real["connect"], _real["connect_ex"]
    socket.socket.sendto, socket.getaddrinfo = _real["sendto"], _real["getaddrinfo"]
    _real.clear()


if os.environ.get("QI_KIT_SOCKET_LOG"):  # imported as sitecustomize in a kernel
    install(log=os.environ["QI_KIT_SOCKET_LOG"])
