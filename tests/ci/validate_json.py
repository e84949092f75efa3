#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Validates JSON files against a JSON Schema (draft 2020-12) with python3-jsonschema.
Usage: validate_json.py SCHEMA FILE...; prints one line per file, exits 1 naming each problem."""
import json
import sys

import jsonschema


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    if len(sys.argv) < 3:
        print("no file to validate")
        return 1
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors:
            print(f"{path}: schema: /{'/'.join(map(str, e.absolute_path))}: {e.message}")
        if errors:
            failed = True
        else:
            print(f"{path}: valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
