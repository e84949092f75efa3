#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The Markdown of `diff` parses with cmark-gfm (GitHub's parser, table extension), and each
table has one row per element of the JSON array it shows: Scores = `scores`, Facts = `facts`,
Findings = `findings` of the JSON golden of the same case.
Usage: diff_markdown_tables.py GOLDEN_DIR; prints one line per case, exits 1 on a mismatch."""
import json
import pathlib
import re
import subprocess
import sys


def table_rows(html):
    """{section title: number of body rows of the table in that section} for every <h3>."""
    rows = {}
    for section in html.split("<h3>")[1:]:
        title = section.split("</h3>", 1)[0].split(":", 1)[0].strip()
        if "<table>" in section:
            body = section.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in section else ""
            rows[title] = len(re.findall(r"<tr>", body))
        else:
            rows[title] = 0
    return rows


def main():
    golden = pathlib.Path(sys.argv[1])
    cases = sorted(golden.glob("diff-markdown-*"))
    if not cases:
        print("no diff-markdown-* golden")
        return 1
    failed = False
    for case in cases:
        name = case.name[len("diff-markdown-"):]
        markdown = (case / "expected.stdout").read_text(encoding="utf-8")
        data = json.loads((golden / f"diff-json-{name}" / "expected.stdout").read_text(encoding="utf-8"))
        html = subprocess.run(["cmark-gfm", "--extension", "table", "--extension", "strikethrough",
                               "--unsafe"], input=markdown, capture_output=True, text=True, check=True).stdout
        rows = table_rows(html)
        want = {"Scores": len(data["scores"]), "Facts": len(data["facts"]), "Findings": len(data["findings"])}
        got = {k: rows.get(k) for k in want}
        if got != want:
            print(f"{case.name}: table rows {got}, JSON arrays {want}")
            failed = True
        else:
            print(f"{case.name}: tables match the JSON ({want})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
