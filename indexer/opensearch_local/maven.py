"""The node's jars, resolved by Maven run through the Maven Wrapper beside this file.

The wrapper (the Apache project's ``mvnw``, with its jar) fetches the Maven pinned in
``.mvn/wrapper/maven-wrapper.properties`` from Maven Central on first use and runs it on the
given Java: no Maven needs to be installed, and Java alone downloads it. Both steps report
their progress and sizes on stderr, since the first one takes a minute.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree

from tqdm import tqdm

from indexer.opensearch_local.java import JavaRuntime

HERE = Path(__file__).parent
POM = HERE / "pom.xml"
MVNW = HERE / "mvnw"
WRAPPER_PROPERTIES = HERE / ".mvn" / "wrapper" / "maven-wrapper.properties"
# Named in full, so every machine runs the same plugin whatever Maven's defaults.
BUILD_CLASSPATH = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath"
_DOWNLOADED = re.compile(
    r"^(?:\[INFO\] )?Downloaded from \S+: (\S+) \((\d+(?:\.\d+)?) (B|kB|MB|GB)"
)
_UNITS = {"B": 1, "kB": 1000, "MB": 1000**2, "GB": 1000**3}


class MavenError(RuntimeError):
    pass


def maven_version() -> str:
    for line in WRAPPER_PROPERTIES.read_text().splitlines():
        if line.startswith("distributionUrl="):
            return line.rsplit("/", 2)[-2]
    raise MavenError(f"no distributionUrl in {WRAPPER_PROPERTIES}")


def node_artifact() -> str:
    """``group:artifact:version`` of what the pom resolves, for the messages."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    dep = ElementTree.parse(POM).getroot().find("m:dependencies/m:dependency", ns)
    assert dep is not None
    return ":".join(dep.findtext(f"m:{k}", "", ns) for k in ("groupId", "artifactId", "version"))


def maven_user_home() -> Path:
    return Path(os.environ.get("MAVEN_USER_HOME") or Path.home() / ".m2")


def maven_installed() -> Path | None:
    version = maven_version()
    found = sorted(
        maven_user_home().glob(f"wrapper/dists/apache-maven-{version}-bin/*/apache-maven-{version}")
    )
    return found[0] if found else None


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _mb(size: float) -> str:
    return f"{size / 1e6:.1f} MB"


class Maven:
    def __init__(self, java: JavaRuntime, jvm_options: Sequence[str] = ()) -> None:
        self.java = java
        self.jvm_options = list(jvm_options)

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["JAVA_HOME"] = str(self.java.home)
        # Where the wrapper keeps Maven, said explicitly: Java's own idea of the home
        # directory (the password database) may not be $HOME.
        env["MAVEN_USER_HOME"] = str(maven_user_home())
        # Read by mvnw for the wrapper's JVM and by Maven for its own.
        env["MAVEN_OPTS"] = " ".join([*self.jvm_options, env.get("MAVEN_OPTS", "")]).strip()
        return env

    def ensure_installed(self) -> None:
        """Fetch Maven through the wrapper unless it already did."""
        if maven_installed() is not None:
            return
        version = maven_version()
        say(f"Fetching Maven {version} with the Maven Wrapper (first start only)…")
        started = time.monotonic()
        result = subprocess.run(
            [str(MVNW), "-B", "--version"], env=self._env(), capture_output=True, text=True
        )
        home = maven_installed()
        if result.returncode != 0 or home is None:
            tail = (result.stdout + result.stderr)[-3000:]
            raise MavenError(f"the Maven Wrapper could not fetch Maven {version}:\n{tail}")
        say(f"  Maven {version}: {_mb(_size(home))} in {time.monotonic() - started:.0f} s")

    def build_classpath(self, output: Path) -> list[Path]:
        """Resolve the pom's runtime jars into ``output`` (one line, os.pathsep-separated)."""
        self.ensure_installed()
        say(f"Resolving {node_artifact()} and its jars from Maven Central (first start only)…")
        started = time.monotonic()
        command = [
            str(MVNW),
            "-B",
            "-f",
            str(POM),
            BUILD_CLASSPATH,
            "-Dmdep.includeScope=runtime",
            f"-Dmdep.outputFile={output}",
        ]
        lines: list[str] = []
        with (
            subprocess.Popen(
                command,
                env=self._env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            ) as process,
            tqdm(unit="B", unit_scale=True, desc="  downloads", file=sys.stderr) as bar,
        ):
            assert process.stdout is not None
            files = 0
            for line in process.stdout:
                lines.append(line)
                if found := _DOWNLOADED.match(line.strip()):
                    files += 1
                    bar.set_postfix(files=files, refresh=False)
                    bar.update(round(float(found.group(2)) * _UNITS[found.group(3)]))
        if process.returncode != 0 or not output.exists():
            tail = "".join(lines)[-3000:]
            raise MavenError(f"Maven could not resolve the OpenSearch jars:\n{tail}")
        jars = [Path(p) for p in output.read_text().strip().split(os.pathsep)]
        total = sum(j.stat().st_size for j in jars)
        say(
            f"  {len(jars)} jars, {_mb(total)} ({files} files downloaded) "
            f"in {time.monotonic() - started:.0f} s"
        )
        return jars


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
