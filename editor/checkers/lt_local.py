"""copydesk's own LanguageTool: one pinned version fetched from Maven Central
with Maven, kept in copydesk's cache folder, and run with Java.

LanguageTool publishes its server and its English module as ordinary Maven
artifacts (``org.languagetool:languagetool-server`` and ``language-en``,
LGPL-2.1). ``fetch`` resolves them and every dependency into
``<cache>/languagetool/<version>/lib`` (``mvn dependency:copy-dependencies``,
reusing ``~/.m2``); ``find`` says whether that is done; ``server_command`` is
the command line that serves it. Nothing here runs unless asked:
``copydesk languagetool fetch`` is the only way anything is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from editor.cache import default_cache_dir
from editor.errors import EngineError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "ENV_HOME",
    "JAVA_MEMORY",
    "VERSION",
    "Install",
    "fetch",
    "find",
    "install_dir",
]

#: The LanguageTool release copydesk fetches and tests against.
VERSION = "6.6"
#: Environment variable: the folder of the fetched LanguageTool (default:
#: ``languagetool/VERSION`` in copydesk's cache folder).
ENV_HOME = "COPYDESK_LT_HOME"
#: The server's heap limit. English with its default rules settles at about
#: 600-700 MB resident; 1 GB of heap leaves room for long texts without
#: letting a runaway request take the machine.
JAVA_MEMORY = "-Xmx1g"
SERVER_CLASS = "org.languagetool.server.HTTPServer"

_NAME = "languagetool"
_DONE = "FETCHED"
_POM = """\
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>copydesk.local</groupId>
  <artifactId>languagetool-for-copydesk</artifactId>
  <version>{version}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>languagetool-server</artifactId>
      <version>{version}</version>
    </dependency>
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>language-en</artifactId>
      <version>{version}</version>
    </dependency>
  </dependencies>
</project>
"""
#: Other ways to get LanguageTool, for when Maven or Java is missing.
OTHER_WAYS = (
    "or run a server another way (the official download's languagetool-server.jar, "
    "or a container) and set COPYDESK_LT_SERVER; see 'copydesk engines'"
)


@dataclass(frozen=True, slots=True)
class Install:
    """A fetched LanguageTool: its folder, its class path and its version."""

    folder: Path
    version: str

    @property
    def classpath(self) -> str:
        return str(self.folder / "lib" / "*")


def install_dir(env: Mapping[str, str] = os.environ) -> Path:
    """Where ``fetch`` puts LanguageTool: ``COPYDESK_LT_HOME``, else
    ``languagetool/VERSION`` in copydesk's cache folder."""
    override = env.get(ENV_HOME)
    if override:
        return Path(override)
    base = env.get("COPYDESK_CACHE_DIR")
    return (Path(base) if base else default_cache_dir()) / _NAME / VERSION


def find(env: Mapping[str, str] = os.environ) -> Install | None:
    """The fetched LanguageTool, or ``None`` when ``fetch`` has not completed."""
    folder = install_dir(env)
    marker = folder / _DONE
    try:
        version = marker.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Install(folder, version or VERSION) if (folder / "lib").is_dir() else None


def fetch(env: Mapping[str, str] = os.environ) -> tuple[Install, bool]:
    """Resolve the pinned LanguageTool with Maven (idempotent): the install, and
    whether anything was fetched now. ``EngineError`` in one line when Maven or
    Java is missing or the resolution fails."""
    found = find(env)
    if found is not None:
        return found, False
    mvn = shutil.which("mvn", path=env.get("PATH"))
    java = shutil.which("java", path=env.get("PATH"))
    if mvn is None or java is None:
        missing = " and ".join(
            name for name, path in (("Maven", mvn), ("Java 17+", java)) if not path
        )
        raise EngineError(
            _NAME,
            f"cannot fetch LanguageTool: {missing} not found (apt-get install maven "
            f"default-jre-headless), {OTHER_WAYS}",
        )
    folder = install_dir(env)
    partial = folder / "lib.partial"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(partial, ignore_errors=True)
        (folder / "pom.xml").write_text(_POM.format(version=VERSION), encoding="utf-8")
    except OSError as exc:
        raise EngineError(_NAME, f"cannot write {folder}: {exc.strerror or exc}") from None
    command = [
        mvn,
        "-q",
        "-B",
        "-f",
        str(folder / "pom.xml"),
        "dependency:copy-dependencies",
        f"-DoutputDirectory={partial}",
        "-DincludeScope=runtime",
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, env=dict(env), check=False, timeout=1800
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EngineError(_NAME, f"cannot fetch LanguageTool with Maven: {exc}") from None
    if done.returncode != 0:
        lines = [
            line.strip()
            for line in (done.stdout + done.stderr).splitlines()
            if "ERROR" in line and line.strip()
        ]
        cause = lines[0] if lines else f"mvn exited with code {done.returncode}"
        raise EngineError(
            _NAME, f"cannot fetch LanguageTool {VERSION} with Maven: {cause[:300]}; {OTHER_WAYS}"
        )
    lib = folder / "lib"
    shutil.rmtree(lib, ignore_errors=True)
    partial.rename(lib)
    (folder / _DONE).write_text(f"{VERSION}\n", encoding="utf-8")
    return Install(folder, VERSION), True
