#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Validates SARIF files against the vendored official SARIF 2.1.0 JSON Schema, then checks
GitHub code scanning's upload constraints: every result has a `ruleId` that `tool.driver.rules`
describes, a partial fingerprint, and only relative artifact URIs (resolved against a
`uriBaseId`). Usage: validate_sarif.py SCHEMA FILE...; exits 1 naming each problem."""
import json
import sys
import urllib.parse

import jsonschema


def github_problems(doc):
    problems = []
    for r, run in enumerate(doc.get("runs", [])):
        rules = {rule["id"] for rule in run.get("tool", {}).get("driver", {}).get("rules", [])}
        for i, result in enumerate(run.get("results", [])):
            where = f"runs[{r}].results[{i}]"
            rule = result.get("ruleId")
            if not rule:
                problems.append(f"{where}: no ruleId")
            elif rule not in rules:
                problems.append(f"{where}: ruleId '{rule}' is not in tool.driver.rules")
            if not result.get("partialFingerprints"):
                problems.append(f"{where}: no partialFingerprints")
            if not result.get("locations"):
                problems.append(f"{where}: no locations")
            for location in result.get("locations", []):
                artifact = location.get("physicalLocation", {}).get("artifactLocation")
                if artifact is None:
                    continue
                uri = artifact.get("uri", "")
                if urllib.parse.urlparse(uri).scheme or uri.startswith("/"):
                    problems.append(f"{where}: artifact URI '{uri}' is not relative")
                elif "uriBaseId" not in artifact:
                    problems.append(f"{where}: relative URI '{uri}' without uriBaseId")
    return problems


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema)
    failed = False
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors:
            print(f"{path}: schema: {'/'.join(map(str, e.absolute_path))}: {e.message}")
        problems = github_problems(doc)
        for p in problems:
            print(f"{path}: github: {p}")
        if errors or problems:
            failed = True
        else:
            print(f"{path}: valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
