"""Proof of when, from a third party: a time-stamping authority (RFC 3161) stamps chain
heads at `notice release` and `notice timestamp`, the tokens are kept beside the registry
and published with it, and `notice verify` checks each one (and refuses a forged one).

The authority is real: OpenSSL's `openssl ts -reply`, with a root and a time-stamping
certificate made here, answering over HTTP from a thread of this process."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MAPPED_DAY, copy_project, release_the_wording, run_notice, serve

OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
TSA_NAME = "O=Notice tests,CN=Notice Test TSA"
STAMP = (
    r"head (?P<head>[0-9a-f]{12}) existed by \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC "
    rf"according to {re.escape(TSA_NAME)}"
)

_EXTENSIONS = """
[req]
distinguished_name = dn
[dn]
[root]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[signer]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
default_tsa = this
[this]
serial = {folder}/serial
signer_cert = {folder}/tsa.pem
{certs}
signer_key = {folder}/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ess_cert_id_alg = sha256
"""


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run([OPENSSL, *args], cwd=cwd, check=True, capture_output=True)


def make_authority(
    folder: Path, root_name: str = "/CN=Notice Test Root", root: bool = True
) -> Path:
    """A root, a time-stamping certificate it signs, and OpenSSL's configuration of an
    authority that answers with them (its token carries its own certificate, and with
    ``root`` the root's too).

    The time-stamping key is an elliptic curve's, so that its certificate is the shorter:
    DER orders the certificates of a token by their bytes (``SET OF``), ``rfc3161-client``
    reads DER strictly, and OpenSSL writes its own certificate first."""
    folder.mkdir(parents=True)
    config = folder / "tsa.cnf"
    certs = f"certs = {folder}/root.pem" if root else ""
    config.write_text(_EXTENSIONS.format(folder=folder, certs=certs), encoding="utf-8")
    (folder / "serial").write_text("01\n", encoding="utf-8")
    _openssl(
        "req", "-x509", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key",
        "-out", "root.pem", "-days", "3650", "-subj", root_name, "-config", str(config),
        "-extensions", "root", cwd=folder,
    )  # fmt: skip
    _openssl(
        "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "tsa.key", "-out", "tsa.csr",
        "-subj", "/CN=Notice Test TSA/O=Notice tests", "-config", str(config), cwd=folder,
    )  # fmt: skip
    _openssl(
        "x509", "-req", "-in", "tsa.csr", "-CA", "root.pem", "-CAkey", "root.key",
        "-CAcreateserial", "-out", "tsa.pem", "-days", "3650", "-extfile", str(config),
        "-extensions", "signer", cwd=folder,
    )  # fmt: skip
    return config


class Authority(http.server.BaseHTTPRequestHandler):
    """An RFC 3161 authority over HTTP: each query answered by `openssl ts -reply`."""

    def __init__(self, config: Path, lock: threading.Lock, *args: object) -> None:
        self.config = config
        self.lock = lock
        super().__init__(*args)  # type: ignore[arg-type]

    def do_POST(self) -> None:
        query = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers["Content-Type"] != "application/timestamp-query":
            self.send_error(415)
            return
        folder = self.config.parent
        with self.lock:
            (folder / "query.tsq").write_bytes(query)
            _openssl(
                "ts", "-reply", "-queryfile", "query.tsq", "-config", str(self.config),
                "-out", "reply.tsr", cwd=folder,
            )  # fmt: skip
            reply = (folder / "reply.tsr").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args: object) -> None:
        pass


#: Its tests share module-scoped fixtures: one process runs them all (``--dist loadgroup``).
pytestmark = pytest.mark.xdist_group("timestamps")


@pytest.fixture(scope="module")
def authority(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The authority's address and its root certificate."""
    config = make_authority(tmp_path_factory.mktemp("authority") / "tsa")
    handler = functools.partial(Authority, config, threading.Lock())
    with serve(handler) as origin:
        yield f"{origin}/tsr", config.parent / "root.pem"


def with_authority(project: Path, url: str) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    contact = "      contact: personvern@fjordkontor.example\n"
    assert contact in text
    config.write_text(text.replace(contact, f"{contact}      timestamp_url: {url}\n"), "utf-8")
    return project


@pytest.fixture(scope="module")
def stamped(tmp_path_factory: pytest.TempPathFactory, authority: tuple[str, Path]) -> Path:
    """The sample with an authority: its privacy notice's head stamped by `notice
    timestamp`, then a release (stamped by `notice release`), then built."""
    project = copy_project(tmp_path_factory.mktemp("stamped") / "project")
    with_authority(project, authority[0])
    first = run_notice(project, "timestamp", "privacy")
    assert first.returncode == 0, first.stderr
    release_the_wording(project)
    built = run_notice(project, "build", "--date", MAPPED_DAY, "--site-dir", "site")
    assert built.returncode == 0, built.stderr
    return project


def heads(project: Path) -> list[str]:
    """The privacy notice's registry's entries' hashes, in chain order."""
    from notice.record.registry_file import parse_registry

    text = (project / "docs/privacy/versions.yml").read_text(encoding="utf-8")
    return [entry.hash for entry in parse_registry(text, "privacy", "versions.yml").entries]


def test_notice_timestamp_stamps_the_head_and_keeps_the_token_beside_the_registry(
    tmp_path: Path, authority: tuple[str, Path]
) -> None:
    project = with_authority(copy_project(tmp_path / "project"), authority[0])
    head = heads(project)[-1]
    result = run_notice(project, "timestamp", "privacy")
    assert result.returncode == 0, result.stderr
    token = f"docs/privacy/versions.tsr/{head}.tsr"
    assert re.fullmatch(rf"wrote {token}\ntimestamped privacy: {STAMP}\n", result.stdout)
    assert result.stdout.split("head ")[1].startswith(head[:12])
    # What is stamped is the head itself: OpenSSL checks the token against it alone.
    checked = subprocess.run(
        [OPENSSL, "ts", "-verify", "-digest", head, "-in", token, "-CAfile", str(authority[1])],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.stdout.strip() == "Verification: OK", checked.stderr
    again = run_notice(project, "timestamp", "privacy")
    assert again.returncode == 0, again.stderr
    assert again.stdout == f"privacy: head {head[:12]} is timestamped already ({token})\n"


def test_a_release_stamps_its_new_head(stamped: Path) -> None:
    chain = heads(stamped)
    kept = sorted(p.name for p in (stamped / "docs/privacy/versions.tsr").iterdir())
    assert len(chain) >= 2
    assert chain[-1] != chain[-2]
    assert f"{chain[-1]}.tsr" in kept  # by notice release
    assert len(kept) == 2


def test_the_tokens_are_published_beside_the_registry(stamped: Path) -> None:
    site = stamped / "site"
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    privacy = next(n for n in index["notices"] if n["id"] == "privacy")
    listed = privacy["registry"]["timestamps"]
    kept = {p.name: p for p in (stamped / "docs/privacy/versions.tsr").iterdir()}
    assert [t["head"] + ".tsr" for t in listed] == [
        f"{head}.tsr" for head in heads(stamped) if f"{head}.tsr" in kept
    ]
    for token in listed:
        url = f"https://personvern.fjordkontor.example/privacy/versions.tsr/{token['head']}.tsr"
        assert token["url"] == url
        published = site / "privacy/versions.tsr" / f"{token['head']}.tsr"
        assert published.read_bytes() == kept[published.name].read_bytes()
    rules = (site / "_headers").read_text(encoding="utf-8")
    for token in listed:
        path = f"/privacy/versions.tsr/{token['head']}.tsr"
        assert f"{path}\n  Content-Type: application/timestamp-reply\n" in rules
    cookies = next(n for n in index["notices"] if n["id"] == "cookies")
    assert "timestamps" not in cookies["registry"]  # without a token, nothing changes


def test_verify_says_when_each_head_existed_and_whose_root_it_trusts(
    stamped: Path, authority: tuple[str, Path]
) -> None:
    site = str(stamped / "site")
    alone = run_notice(stamped, "verify", site)
    assert alone.returncode == 0, alone.stderr
    lines = alone.stdout.splitlines()
    assert len(lines) == 4
    assert lines[0].endswith(
        f"privacy {heads(stamped)[-1][:12]} (not anchored: its timestamps' authority is not "
        "one given with --tsa-root)"
    )
    itself = " (signed by a root it carries itself: give --tsa-root to trust it)"
    for line in lines[1:-1]:
        assert re.fullmatch(rf"privacy: {STAMP}{re.escape(itself)}", line), line
    assert lines[-1] == (
        "not anchored: the chains of cookies and privacy are internally consistent, but a "
        "history rewritten as a whole would pass too; anchor them with --head NOTICE=HEAD (a "
        "head printed by an earlier verify, or kept elsewhere) or with --tsa-root PEM, to "
        "check the RFC 3161 timestamps published beside the registry"
    )
    trusted = run_notice(stamped, "verify", site, "--tsa-root", str(authority[1]))
    assert trusted.returncode == 0, trusted.stderr
    lines = trusted.stdout.splitlines()
    assert lines[0].endswith(f"privacy {heads(stamped)[-1][:12]} (anchored by a timestamp)")
    found = [re.fullmatch(rf"privacy: {STAMP}", line) for line in lines[1:-1]]
    assert [m.group("head") if m else line for m, line in zip(found, lines[1:-1], strict=True)] == [
        heads(stamped)[n][:12] for n in _stamped_numbers(stamped)
    ]
    assert lines[-1].startswith("not anchored: the chain of cookies is internally consistent")


def _stamped_numbers(project: Path) -> list[int]:
    kept = {p.stem for p in (project / "docs/privacy/versions.tsr").iterdir()}
    return [n for n, head in enumerate(heads(project)) if head in kept]


def forged(stamped: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the built site, and its token of the newest head."""
    copy = tmp_path / "site"
    shutil.copytree(stamped / "site", copy)
    return copy, copy / "privacy/versions.tsr" / f"{heads(stamped)[-1]}.tsr"


def test_verify_refuses_a_token_of_another_head(stamped: Path, tmp_path: Path) -> None:
    site, token = forged(stamped, tmp_path)
    older = heads(stamped)[_stamped_numbers(stamped)[0]]
    shutil.copyfile(token.with_name(f"{older}.tsr"), token)
    result = run_notice(stamped, "verify", str(site))
    assert result.returncode == 1
    new = heads(stamped)[-1]
    assert result.stderr == (
        f"error: {token}: the time-stamp token of head {new[:12]} is refused: it stamps "
        f"{older[:12]}, not the head {new[:12]}\n"
    )


def test_verify_refuses_a_token_whose_signature_was_changed(stamped: Path, tmp_path: Path) -> None:
    site, token = forged(stamped, tmp_path)
    data = bytearray(token.read_bytes())
    data[-1] ^= 0x01  # the last byte of the signature
    token.write_bytes(bytes(data))
    result = run_notice(stamped, "verify", str(site))
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"error: {token}: the time-stamp token of head {heads(stamped)[-1][:12]} is refused: "
        "its signature does not verify ("
    )


def test_verify_refuses_a_token_from_an_authority_not_trusted(
    stamped: Path, tmp_path: Path, authority: tuple[str, Path]
) -> None:
    """A token made by someone else's authority, for the right head: signed as it says,
    so without --tsa-root it is reported as vouched for by its own root only; with the
    root one trusts, it is refused."""
    site, token = forged(stamped, tmp_path)
    other = make_authority(tmp_path / "other", root_name="/CN=Notice Test Root")
    head = heads(stamped)[-1]
    _openssl("ts", "-query", "-digest", head, "-sha256", "-cert", "-out", "q.tsq", cwd=other.parent)
    _openssl(
        "ts", "-reply", "-queryfile", "q.tsq", "-config", str(other), "-out", str(token),
        cwd=other.parent,
    )  # fmt: skip
    alone = run_notice(stamped, "verify", str(site))
    assert alone.returncode == 0, alone.stderr
    assert "(not anchored: its timestamps' authority is not one given with --tsa-root)" in (
        alone.stdout
    )
    trusted = run_notice(stamped, "verify", str(site), "--tsa-root", str(authority[1]))
    assert trusted.returncode == 1
    assert trusted.stderr.startswith(
        f"error: {token}: the time-stamp token of head {head[:12]} is refused: its signature "
        "does not verify (Error while verifying certificates: "
    )


def test_the_build_refuses_a_token_that_stamps_another_head(stamped: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(stamped, project, ignore=shutil.ignore_patterns("site", ".cache"))
    folder = project / "docs/privacy/versions.tsr"
    older, newer = (heads(project)[n] for n in _stamped_numbers(project))
    shutil.copyfile(folder / f"{older}.tsr", folder / f"{newer}.tsr")
    result = run_notice(project, "build", "--date", MAPPED_DAY, "--site-dir", "site")
    assert result.returncode == 1
    assert result.stderr == (
        f"error: docs/privacy/versions.tsr/{newer}.tsr: it stamps {older[:12]}, not the head "
        f"{newer[:12]}\n"
    )


def test_without_an_authority_timestamp_says_what_to_configure(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = run_notice(project, "timestamp", "privacy")
    assert result.returncode == 1
    assert result.stderr == (
        "error: mkdocs.yml: no time-stamping authority is configured (set timestamp_url in "
        "the notice plugin's options to an RFC 3161 authority)\n"
    )
    assert not (project / "docs/privacy/versions.tsr").exists()


def test_an_authority_that_does_not_answer_is_named(tmp_path: Path) -> None:
    project = with_authority(copy_project(tmp_path / "project"), "http://127.0.0.1:9/tsr")
    result = run_notice(project, "timestamp", "privacy")
    assert result.returncode == 1
    assert result.stderr.startswith(
        "error: http://127.0.0.1:9/tsr: the time-stamping authority does not answer ("
    )
    assert result.stderr.endswith("(check timestamp_url, or try again later)\n")


def test_a_token_without_its_root_is_checked_with_the_root_given(
    tmp_path: Path, authority: tuple[str, Path]
) -> None:
    """An authority that sends its own certificate only: its token is kept (its imprint
    and nonce checked) and published; verify checks its signature once given the root."""
    config = make_authority(tmp_path / "bare", root=False)
    with serve(functools.partial(Authority, config, threading.Lock())) as origin:
        project = with_authority(copy_project(tmp_path / "project"), f"{origin}/")
        result = run_notice(project, "timestamp", "privacy")
    assert result.returncode == 0, result.stderr
    built = run_notice(project, "build", "--date", "2026-11-24", "--site-dir", "site")
    assert built.returncode == 0, built.stderr
    alone = run_notice(project, "verify", "site")
    assert alone.returncode == 0, alone.stderr
    assert re.fullmatch(
        rf"privacy: {STAMP} \(its signature is not checked: it carries no root; give "
        r"--tsa-root\)",
        alone.stdout.splitlines()[1],
    )
    given = run_notice(project, "verify", "site", "--tsa-root", str(config.parent / "root.pem"))
    assert given.returncode == 0, given.stderr
    assert given.stdout.splitlines()[0].endswith(
        f"privacy {heads(project)[-1][:12]} (anchored by a timestamp)"
    )
    wrong = run_notice(project, "verify", "site", "--tsa-root", str(authority[1]))
    assert wrong.returncode == 1
    assert "its signature does not verify (" in wrong.stderr


def test_verify_takes_back_the_head_it_prints(stamped: Path) -> None:
    """`--head` takes the 12 digits verify prints (any 8 or more), and the summary says
    how much of the chain it anchors."""
    site = str(stamped / "site")
    first = run_notice(stamped, "verify", site)
    printed = re.search(r"privacy ([0-9a-f]{12}) ", first.stdout)
    assert printed is not None, first.stdout
    again = run_notice(stamped, "verify", site, "--head", f"privacy={printed.group(1)}")
    assert again.returncode == 0, again.stderr
    assert f"privacy {printed.group(1)} (anchored by --head)" in again.stdout
    chain = heads(stamped)
    older = run_notice(stamped, "verify", site, "--head", f"privacy={chain[0][:8].upper()}")
    assert older.returncode == 0, older.stderr
    assert f"(anchored up to entry 1 of {len(chain)} by --head)" in older.stdout
    short = run_notice(stamped, "verify", site, "--head", f"privacy={chain[-1][:7]}")
    assert short.returncode == 1
    assert short.stderr == (
        f"error: --head privacy={chain[-1][:7]}: expected NOTICE=HEAD (the chain head's "
        "SHA-256, or its first 8 or more hex digits)\n"
    )
    unknown = "0" * 8 if not any(h.startswith("0" * 8) for h in chain) else "f" * 8
    other = run_notice(stamped, "verify", site, "--head", f"privacy={unknown}")
    assert other.returncode == 1
    assert other.stderr == (
        f"error: {stamped / 'site/privacy/versions.yml'}: the chain head {unknown} recorded "
        "earlier is not in the registry's chain: its history was rewritten\n"
    )
