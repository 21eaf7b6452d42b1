"""RFC 3161 time-stamp tokens of chain heads: a third party's word that a registry's
history, up to a head, existed by a time.

What is stamped: the head entry's canonical JSON, the bytes whose SHA-256 is the head
(``Entry.hash``). So a token's message imprint is the head itself (SHA-256), and it
vouches for every entry before the head too, each hash being inside the next entry.
Anyone can check one with OpenSSL alone:
``openssl ts -verify -digest <head> -in <head>.tsr -CAfile <the authority's root>``.

A token is kept as the authority sent it (a DER ``TimeStampResp``) beside the registry,
``docs/<notice>/versions.tsr/<head>.tsr``, and published at the same place under the
site. Reading and checking one is done by ``rfc3161-client`` (its signature, its
certificate chain, the time-stamping key usage); the imprint and the nonce are compared
here.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from notice.core.errors import NoticeError
from notice.record.versions import Entry, Registry

if TYPE_CHECKING:
    from cryptography.x509 import Certificate
    from rfc3161_client import TimeStampResponse

#: The folder beside ``versions.yml`` that holds a notice's tokens.
TIMESTAMPS_DIR = "versions.tsr"
#: The message imprint's hash algorithm: SHA-256, that of the chain.
SHA256_OID = "2.16.840.1.101.3.4.2.1"
_TOKEN_NAME = re.compile(r"([0-9a-f]{64})\.tsr")


class TimestampError(NoticeError):
    """A time-stamp token that does not prove what it is kept for."""


@dataclass(frozen=True)
class Stamp:
    """What a checked token says."""

    head: str
    time: datetime
    """When the authority says the head existed (its ``genTime``, UTC)."""
    authority: str
    """Who says it: the name in the token, else its signing certificate's subject."""
    trusted: bool
    """Its certificate chains to a root the user gave (``--tsa-root``), not only to one
    the token carries itself."""
    signed: bool = True
    """Its signature was checked (not when it carries no root and none was given)."""

    def line(self) -> str:
        return (
            f"head {self.head[:12]} existed by {self.time:%Y-%m-%d %H:%M:%S} UTC "
            f"according to {self.authority}"
        )


def token_name(head: str) -> str:
    """A token's file name in ``versions.tsr/``."""
    return f"{head}.tsr"


def stamped_data(entry: Entry) -> bytes:
    """What a token of ``entry``'s hash stamps: the entry's canonical JSON."""
    data = json.dumps(entry.canonical(), sort_keys=True, separators=(",", ":")).encode("utf-8")
    assert hashlib.sha256(data).hexdigest() == entry.hash, "an entry's hash is its JSON's"
    return data


def timestamp_request(entry: Entry) -> tuple[bytes, int]:
    """A time-stamp request (DER) for ``entry``'s hash, asking for the authority's
    certificate, and its nonce."""
    from rfc3161_client import HashAlgorithm, TimestampRequestBuilder

    request = (
        TimestampRequestBuilder()
        .data(stamped_data(entry))
        .hash_algorithm(HashAlgorithm.SHA256)
        .cert_request(cert_request=True)
        .build()
    )
    return request.as_bytes(), int(request.nonce or 0)


def read_roots(data: bytes, path: str) -> list[bytes]:
    """The certificates of a PEM file (``--tsa-root``), as DER."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    try:
        certificates = x509.load_pem_x509_certificates(data)
    except ValueError as exc:
        raise TimestampError(
            f"not a PEM certificate ({exc})", path, hint="give the authority's root certificate"
        ) from None
    return [c.public_bytes(Encoding.DER) for c in certificates]


def read_stamp(
    token: bytes,
    head: str,
    roots: Sequence[bytes] | None = None,
    *,
    nonce: int | None = None,
    require_root: bool = True,
) -> Stamp:
    """What ``token`` says of ``head``, checked: granted, its imprint is ``head``, and its
    signature verifies with a certificate for time-stamping that chains to one of
    ``roots`` (DER; by default, the self-signed certificates the token carries). Without
    ``require_root``, a token that carries no root and is given none is taken unsigned
    (an authority that sends its own certificate only, checked later with ``--tsa-root``).
    ``TimestampError`` says what fails."""
    from cryptography import x509
    from rfc3161_client import (
        PKIStatus,
        VerificationError,
        VerifierBuilder,
        decode_timestamp_response,
    )

    try:
        response = decode_timestamp_response(token)
    except Exception as exc:  # the parser raises what its ASN.1 reader raises
        raise TimestampError(f"not an RFC 3161 time-stamp response ({exc})") from None
    if response.status not in (PKIStatus.GRANTED, PKIStatus.GRANTED_WITH_MODS):
        said = "; ".join(response.status_string) or f"status {response.status}"
        raise TimestampError(f"the authority refused to stamp it ({said})")
    info = response.tst_info
    imprint = info.message_imprint
    algorithm = imprint.hash_algorithm.dotted_string
    if algorithm != SHA256_OID:
        raise TimestampError(f"it stamps a hash of another kind ({algorithm}), not SHA-256")
    if imprint.message.hex() != head:
        raise TimestampError(f"it stamps {imprint.message.hex()[:12]}, not the head {head[:12]}")
    if nonce is not None and info.nonce != nonce:
        raise TimestampError("it answers another request (its nonce differs)")
    try:
        carried = [x509.load_der_x509_certificate(c) for c in response.signed_data.certificates]
    except ValueError as exc:
        raise TimestampError(f"a certificate it carries does not read ({exc})") from None
    authority = _authority(response, carried)
    anchors = (
        [x509.load_der_x509_certificate(r) for r in roots]
        if roots
        else [c for c in carried if c.issuer == c.subject]
    )
    if not anchors and not require_root:
        return Stamp(head, info.gen_time, authority, trusted=False, signed=False)
    if not anchors:
        raise TimestampError(
            f"it carries no root certificate of {authority} to check its signature with",
            hint="give the authority's root certificate with --tsa-root",
        )
    builder = VerifierBuilder()
    for anchor in anchors:
        builder = builder.add_root_certificate(anchor)
    try:
        builder.build().verify(response, bytes.fromhex(head))
    except VerificationError as exc:
        raise TimestampError(f"its signature does not verify ({exc})") from None
    return Stamp(head, info.gen_time, authority, trusted=bool(roots))


def _authority(response: TimeStampResponse, carried: list[Certificate]) -> str:
    """The authority's name: the subject of the certificate that signed, else the name
    the token states."""
    for certificate in carried:
        for signer in response.signed_data.signer_infos:
            if (
                certificate.issuer == signer.issuer
                and certificate.serial_number == signer.serial_number
            ):
                return certificate.subject.rfc4514_string()
    name = response.tst_info.name
    return str(getattr(name, "value", None) or "an unnamed authority")


def read_tokens(folder: Path, registry: Registry, shown: str) -> dict[str, bytes]:
    """The tokens kept in ``folder`` (``versions.tsr/``), by the head each stamps; each
    named for a head of ``registry``'s chain, stamping it, and signed as it says when it
    carries its root (``notice verify`` checks it against the user's). ``shown`` is the
    folder as messages name it."""
    tokens: dict[str, bytes] = {}
    if not folder.is_dir():
        return tokens
    heads = {entry.hash for entry in registry.entries}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        where = f"{shown}/{path.name}"
        match = _TOKEN_NAME.fullmatch(path.name)
        if match is None or not path.is_file():
            raise TimestampError(
                "not a time-stamp token of this registry (named <head>.tsr)",
                where,
                hint="keep only what notice timestamp writes there",
            )
        head = match.group(1)
        if head not in heads:
            raise TimestampError(
                f"stamps {head[:12]}, which is no entry of the registry's chain", where
            )
        data = path.read_bytes()
        try:
            read_stamp(data, head, require_root=False)
        except TimestampError as exc:
            raise TimestampError(exc.message, where, hint=exc.hint) from None
        tokens[head] = data
    return tokens
