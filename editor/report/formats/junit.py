"""``--format junit``: JUnit XML, for CI systems that show test reports.

One test suite per file; each finding is a failed test case named by its
rule and place, and a file without findings is one passing case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    from editor.report.formats import Checked, RunInfo

__all__ = ["JunitFormatter"]


class JunitFormatter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.suites: list[str] = []
        self.tests = 0
        self.failures = 0

    def start(self) -> None:
        pass

    def file(self, checked: Checked) -> None:
        # The totals head the document, so the suites wait (small: text only).
        path = checked.path
        cases: list[str] = []
        for item in checked.suggestions:
            name = f"{item.rule} {path}:{item.line}:{item.column}"
            body = f"{path}:{item.line}:{item.column}: {item.message}"
            if item.replacements:
                body += f"\nfix: {item.replacements[0]}"
            cases.append(
                f"    <testcase name={quoteattr(name)} classname={quoteattr(path)}>\n"
                f"      <failure message={quoteattr(item.message)} type={quoteattr(item.rule)}>"
                f"{escape(body)}</failure>\n"
                "    </testcase>\n"
            )
        if not cases:
            cases.append(f"    <testcase name={quoteattr(path)} classname={quoteattr(path)}/>\n")
        failures = len(checked.suggestions)
        self.tests += len(cases)
        self.failures += failures
        self.suites.append(
            f'  <testsuite name={quoteattr(path)} tests="{len(cases)}" '
            f'failures="{failures}" errors="0" skipped="0">\n' + "".join(cases) + "  </testsuite>\n"
        )

    def finish(self, run: RunInfo) -> None:
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(
            f'<testsuites name="copydesk" tests="{self.tests + len(run.errors)}" '
            f'failures="{self.failures}" '
            f'errors="{len(run.errors)}">\n'
        )
        self.out.write("".join(self.suites))
        if run.errors:
            self.out.write(
                '  <testsuite name="copydesk" tests="{0}" failures="0" errors="{0}">\n'.format(
                    len(run.errors)
                )
            )
            for error in run.errors:
                self.out.write(
                    f'    <testcase name={quoteattr(error)} classname="copydesk">\n'
                    f"      <error message={quoteattr(error)}/>\n    </testcase>\n"
                )
            self.out.write("  </testsuite>\n")
        self.out.write("</testsuites>\n")
