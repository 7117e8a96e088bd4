"""The README stays a short user's guide whose links work: at most 300 lines,
every relative link and image pointing at a file of the repository, and the
screenshots it shows committed under docs/ and small."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import PROJECT

README = PROJECT / "README.md"
MAX_LINES = 300
SCREENSHOTS = ("docs/report.png", "docs/docs-site.png")
MAX_SCREENSHOT_BYTES = 300_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"(`+).+?\1", re.DOTALL)
# [text](target) and ![alt](target), with an optional "title"
MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# [text]: target (reference definitions)
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$", re.MULTILINE)
HTML_LINK = re.compile(r"<(?:img|a)\b[^>]*?\b(?:src|href)\s*=\s*[\"']([^\"']+)[\"']",
                       re.IGNORECASE)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def links(text: str) -> list[str]:
    """Every link and image target of a Markdown text, outside code."""
    prose = INLINE_CODE.sub("", FENCE.sub("", text))
    return [m.group(1) for pattern in (MARKDOWN_LINK, REFERENCE, HTML_LINK)
            for m in pattern.finditer(prose)]


def heading_anchors(text: str) -> set[str]:
    """The anchors GitHub gives the headings (lower case, punctuation dropped,
    spaces to hyphens)."""
    anchors = set()
    for line in FENCE.sub("", text).splitlines():
        match = re.match(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if match:
            slug = re.sub(r"[^\w\- ]", "", match.group(1).lower()).replace(" ", "-")
            anchors.add(slug)
    return anchors


def problems(readme: Path) -> list[str]:
    """What is wrong with a README: too long, a relative link or image to a file
    that does not exist (or an in-page anchor to no heading), a screenshot
    missing, not shown, not a PNG or too large."""
    text = readme.read_text(encoding="utf-8")
    root = readme.parent
    found = []
    lines = len(text.splitlines())
    if lines > MAX_LINES:
        found.append(f"README.md has {lines} lines, more than {MAX_LINES}")
    anchors = heading_anchors(text)
    for target in links(text):
        if SCHEME.match(target) or target.startswith("//"):
            continue
        path, _, fragment = target.partition("#")
        path = path.partition("?")[0]
        if not path:
            if fragment and fragment.lower() not in anchors:
                found.append(f"link to #{fragment}: no such heading")
            continue
        if not (root / path).exists():
            found.append(f"link to {target}: no such file")
    targets = {target.partition("#")[0].removeprefix("./") for target in links(text)}
    for shot in SCREENSHOTS:
        path = root / shot
        if not path.is_file():
            found.append(f"screenshot {shot} is missing")
            continue
        if shot not in targets:
            found.append(f"screenshot {shot} is not shown in the README")
        if path.read_bytes()[:8] != PNG_SIGNATURE:
            found.append(f"screenshot {shot} is not a PNG")
        if path.stat().st_size > MAX_SCREENSHOT_BYTES:
            found.append(f"screenshot {shot} is {path.stat().st_size:,} bytes, "
                         f"more than {MAX_SCREENSHOT_BYTES:,}")
    return found


def test_the_readme_is_short_with_working_links_and_its_screenshots():
    assert problems(README) == []


# ---- the check is not blind: each kind of problem is reported


def _project(tmp_path: Path, readme: str, shots: tuple[str, ...] = SCREENSHOTS) -> Path:
    for shot in shots:
        (tmp_path / shot).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / shot).write_bytes(PNG_SIGNATURE + b"\0" * 16)
    (tmp_path / "CONTRIBUTING.md").write_text("# Contributing\n")
    path = tmp_path / "README.md"
    path.write_text(readme, encoding="utf-8")
    return path


GOOD = ("# Title\n\n## Quick start\n\nSee [CONTRIBUTING.md](CONTRIBUTING.md), "
        "[the start](#quick-start) and <https://example.com>.\n\n"
        "![report](docs/report.png)\n![docs](./docs/docs-site.png)\n")


def test_a_good_readme_passes(tmp_path):
    assert problems(_project(tmp_path, GOOD)) == []


def test_a_readme_over_300_lines_is_reported(tmp_path):
    found = problems(_project(tmp_path, GOOD + "line\n" * MAX_LINES))
    assert len(found) == 1 and "more than 300" in found[0]


def test_a_link_to_a_missing_file_is_reported(tmp_path):
    text = GOOD + "\nSee [the guide](docs/guide.md#setup) and ![a chart](docs/chart.svg).\n"
    assert problems(_project(tmp_path, text)) == [
        "link to docs/guide.md#setup: no such file",
        "link to docs/chart.svg: no such file",
    ]


def test_an_html_image_and_a_reference_link_are_checked(tmp_path):
    text = GOOD + '\n<img src="docs/gone.png" width="400">\n\n[ref]: docs/missing.md\n'
    assert sorted(problems(_project(tmp_path, text))) == [
        "link to docs/gone.png: no such file",
        "link to docs/missing.md: no such file",
    ]


def test_an_anchor_to_no_heading_is_reported(tmp_path):
    found = problems(_project(tmp_path, GOOD + "\nSee [below](#no-such-section).\n"))
    assert found == ["link to #no-such-section: no such heading"]


def test_links_in_code_are_not_links(tmp_path):
    text = GOOD + "\n```\n[x](nowhere.md)\n```\n\nRun `[y](nowhere.md)`.\n"
    assert problems(_project(tmp_path, text)) == []


def test_a_missing_screenshot_is_reported(tmp_path):
    text = GOOD.replace("![docs](./docs/docs-site.png)\n", "")
    found = problems(_project(tmp_path, text, shots=("docs/report.png",)))
    assert found == ["screenshot docs/docs-site.png is missing"]


def test_a_screenshot_the_readme_does_not_show_is_reported(tmp_path):
    text = GOOD.replace("![docs](./docs/docs-site.png)\n", "")
    assert problems(_project(tmp_path, text)) == [
        "screenshot docs/docs-site.png is not shown in the README"]


def test_a_large_or_non_png_screenshot_is_reported(tmp_path):
    path = _project(tmp_path, GOOD)
    (tmp_path / "docs/report.png").write_bytes(PNG_SIGNATURE + b"\0" * MAX_SCREENSHOT_BYTES)
    (tmp_path / "docs/docs-site.png").write_bytes(b"GIF89a")
    assert problems(path) == [
        f"screenshot docs/report.png is {MAX_SCREENSHOT_BYTES + 8:,} bytes, more than 300,000",
        "screenshot docs/docs-site.png is not a PNG",
    ]
