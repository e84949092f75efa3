#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Parses every Markdown golden of recommend and check (tests/golden/{recommend,check}-*markdown*/) with cmark-gfm
(`-e table`, to HTML) and checks that its tables have as many rows as the JSON result of the
same run has items: per file, Scores = verdict.scores, Why = reasons, Findings = findings;
and, for several files of `recommend`, Comparison = results.

usage: markdown_tables.py CMARK_GFM BIN SRC GOLDEN_DIR
Exits 1 on any mismatch (or when no golden was checked)."""
import html.parser
import json
import os
import subprocess
import sys


class Tables(html.parser.HTMLParser):
    """The tables of an HTML document, each with the text of the heading before it and its
    number of body rows; `h1` headings split the document into sections."""

    def __init__(self):
        super().__init__()
        self.sections = []  # [(h1 text, [(heading, rows)])]
        self.heading = ""
        self.in_heading = None
        self.in_body = False
        self.rows = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "h4"):
            self.in_heading = tag
            self.heading = ""
        elif tag == "tbody":
            self.in_body = True
            self.rows = 0
        elif tag == "tr" and self.in_body:
            self.rows += 1
        elif tag == "table":
            self.rows = 0

    def handle_endtag(self, tag):
        if tag == self.in_heading:
            if tag == "h1":
                self.sections.append((self.heading, []))
            self.in_heading = None
        elif tag == "tbody":
            self.in_body = False
        elif tag == "table":
            if not self.sections:
                self.sections.append(("", []))
            self.sections[-1][1].append((self.heading, self.rows))

    def handle_data(self, data):
        if self.in_heading:
            self.heading += data


def run(cmd, cwd=None, stdin=None):
    return subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, check=False)


def expected_rows(result, heading):
    if heading.startswith("Scores"):
        return len(result["verdict"]["scores"]) if result.get("verdict") else None
    if heading.startswith("Why"):
        return len(result["reasons"])
    if heading.startswith("Findings"):
        return len(result["findings"])
    return None


def check_case(cmark, bin_, src, case):
    with open(os.path.join(case, "args"), encoding="utf-8") as f:
        args = [line for line in f.read().split("\n") if line]
    with open(os.path.join(case, "expected.stdout"), "rb") as f:
        markdown = f.read()
    name = os.path.basename(case)
    i = args.index("--format")
    json_args = args[:i + 1] + ["json"] + args[i + 2:]
    result = json.loads(run([bin_] + json_args, cwd=src).stdout)
    parsed = run([cmark, "-e", "table", "--to", "html"], stdin=markdown)
    if parsed.returncode != 0:
        return [f"{name}: cmark-gfm failed: {parsed.stderr.decode()}"]
    tables = Tables()
    tables.feed(parsed.stdout.decode("utf-8"))
    problems = []
    sections = tables.sections
    files = result["results"]
    if sections and sections[0][0] == "Comparison":
        comparison = sections.pop(0)
        rows = comparison[1][0][1] if comparison[1] else -1
        if rows != len(files):
            problems.append(f"{name}: comparison has {rows} rows, JSON has {len(files)} results")
    file_sections = [s for s in sections if not s[0].startswith("Files that could not")]
    if len(file_sections) != len(files):
        return problems + [f"{name}: {len(file_sections)} file sections, JSON has {len(files)} results"]
    checked = 0
    for (title, found), r in zip(file_sections, files):
        for heading, rows in found:
            want = expected_rows(r, heading)
            if want is None:
                continue
            checked += 1
            if rows != want:
                problems.append(f"{name} / {title} / {heading}: {rows} rows, JSON has {want}")
        # Every non-empty array shown as a table must be there.
        headings = [h for h, _ in found]
        for prefix, items in (("Why", r["reasons"] if r.get("verdict") else []), ("Findings", r["findings"])):
            if items and not any(h.startswith(prefix) for h in headings):
                problems.append(f"{name} / {title}: no {prefix} table for {len(items)} items")
    if checked == 0:
        problems.append(f"{name}: no table checked")
    return problems


def main():
    cmark, bin_, src, golden_dir = sys.argv[1:5]
    # The reports of `recommend` and `check` (`diff` has its own test: ci.diff-markdown-tables).
    cases = sorted(os.path.join(golden_dir, d) for d in os.listdir(golden_dir)
                   if "-markdown" in d and d.split("-")[0] in ("recommend", "check")
                   and os.path.exists(os.path.join(golden_dir, d, "args")))
    problems = []
    for case in cases:
        problems += check_case(cmark, bin_, src, case)
    for p in problems:
        print(p)
    if not cases:
        print("no Markdown golden found")
        return 1
    if not problems:
        print(f"{len(cases)} Markdown goldens: every table has as many rows as its JSON array")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
