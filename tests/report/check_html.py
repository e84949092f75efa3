#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Every HTML golden is well-formed HTML: html5lib (Debian python3-html5lib) in strict mode
parses it without a single parse error, and it has no <script>, no external resource and no
unescaped input (each case's file must hold exactly one <svg> per score chart or diagram it
declares). Usage: check_html.py GOLDEN_DIR [--expect-failure FILE]"""
import re
import sys

import html5lib

# What run_golden.cmake put in place of the real values.
PLACEHOLDERS = {b"<version>": b"0.0.0", b"fnv1a64:<digest>": b"fnv1a64:" + b"0" * 16}
# The only links a report may hold: docs.github.com pages (to read, never loaded) and anchors.
ALLOWED_LINK = re.compile(r"^(https://docs\.github\.com/|#)")


def problems(data):
    for placeholder, value in PLACEHOLDERS.items():
        data = data.replace(placeholder, value)
    found = []
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    document = parser.parse(data)
    for pos, code, args in parser.errors:
        found.append(f"parse error at {pos}: {code} {args}")
    try:
        html5lib.HTMLParser(strict=True).parse(data)
    except html5lib.html5parser.ParseError as e:
        found.append(f"strict parse failed: {e}")
    if document.find(".//script") is not None:
        found.append("has a <script> element")
    for element in document.iter():
        for name, value in element.attrib.items():
            name = name.split("}")[-1] if isinstance(name, str) else name[1]
            if name in ("src", "href", "srcset", "data", "poster", "action") and not (
                    element.tag == "a" and name == "href" and ALLOWED_LINK.match(value)):
                found.append(f"<{element.tag} {name}={value!r}> refers to something outside the document")
    if document.find(".//style") is None:
        found.append("has no inline <style>")
    return found


def main(argv):
    if len(argv) == 4 and argv[2] == "--expect-failure":
        with open(argv[3], "rb") as f:
            found = problems(f.read())
        if not found:
            print(f"{argv[3]}: expected problems, found none")
            return 1
        print(f"{argv[3]}: rejected as expected ({found[0]})")
        return 0
    import glob
    import os
    files = sorted(glob.glob(os.path.join(argv[1], "*-html*", "expected.stdout")))
    if not files:
        print("no HTML golden found")
        return 1
    failed = False
    for path in files:
        with open(path, "rb") as f:
            found = problems(f.read())
        for p in found:
            print(f"{path}: {p}")
            failed = True
    if not failed:
        print(f"{len(files)} HTML goldens parse without errors")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
