#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The CI-format tests that run the real binary (registered in tests/CMakeLists.txt):

  ci_test.py junit-schema XSD GOLDEN_DIR         every JUnit golden passes `xmllint --schema`
  ci_test.py fingerprints BIN SRC                fingerprints survive ten lines inserted above
  ci_test.py multi-output BIN SRC                -o FORMAT=PATH x3 == three single runs
  ci_test.py render BIN SRC GOLDEN_DIR           render of every JSON golden == direct output
  ci_test.py github-escapes BIN SRC              workflow commands unescape to the JSON texts

Each prints what differs and exits 1 on a failure."""
import glob
import json
import os
import subprocess
import sys
import tempfile

FORMATS = {"recommend": ["text", "json", "sarif", "github"], "check": ["text", "json", "sarif", "junit", "github"]}


def run(bin_, args, cwd, env_extra=None):
    env = dict(os.environ)
    env.pop("GITHUB_STEP_SUMMARY", None)
    env["NO_COLOR"] = "1"
    env.update(env_extra or {})
    p = subprocess.run([bin_] + args, cwd=cwd, capture_output=True, env=env, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr


def golden_cases(golden_dir, suffix):
    for args_file in sorted(glob.glob(os.path.join(golden_dir, "*", "args"))):
        case = os.path.dirname(args_file)
        if os.path.basename(case).endswith(suffix):
            with open(args_file, encoding="utf-8") as f:
                yield case, f.read().splitlines()


def junit_schema(xsd, golden_dir):
    failed = False
    cases = list(golden_cases(golden_dir, "-junit"))
    if not cases:
        print("no JUnit golden found")
        return 1
    for case, _ in cases:
        out = os.path.join(case, "expected.stdout")
        p = subprocess.run(["xmllint", "--noout", "--schema", xsd, out], capture_output=True, text=True)
        print(p.stderr.strip())
        failed |= p.returncode != 0
    return 1 if failed else 0


def sarif_results(bin_, src, path):
    rc, out, err = run(bin_, ["check", "--fail-on", "none", "--format", "sarif", path], src)
    if rc != 0:
        raise SystemExit(f"check {path} exited {rc}: {err.decode()}")
    return json.loads(out)["runs"][0]["results"]


def fingerprints(bin_, src):
    original = os.path.join(src, "examples", "flawed-plan.yaml")
    with open(original, encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    # Ten comment lines above the first finding's line (after the file's own header).
    shifted_text = "".join(lines[:8] + [f"# inserted line {i}\n" for i in range(10)] + lines[8:])
    with tempfile.TemporaryDirectory(dir=src) as tmp:
        for name, text in (("a.yaml", "".join(lines)), ("b.yaml", shifted_text)):
            with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
                f.write(text)
        rel = os.path.relpath(tmp, src)
        before = sarif_results(bin_, src, os.path.join(rel, "a.yaml"))
        after = sarif_results(bin_, src, os.path.join(rel, "b.yaml"))

    def key(r):
        return r["ruleId"], r["partialFingerprints"]["ghesTopologyFinding/v1"]

    def line(r):
        return r["locations"][0]["physicalLocation"]["region"]["startLine"]

    failed = False
    if len(before) < 5:
        print(f"expected several findings in flawed-plan.yaml, got {len(before)}")
        failed = True
    if sorted(map(key, before)) != sorted(map(key, after)):
        print("fingerprints changed:", sorted(map(key, before)), sorted(map(key, after)))
        failed = True
    lines_before = {key(r): line(r) for r in before}
    for r in after:
        if line(r) != lines_before.get(key(r), -100) + 10:
            print(f"{key(r)}: line {line(r)}, expected {lines_before.get(key(r))} + 10")
            failed = True
    if len(set(map(key, before))) != len(before):
        print("two findings share a fingerprint:", sorted(map(key, before)))
        failed = True
    if not failed:
        print(f"{len(before)} fingerprints unchanged, every line moved by 10")
    return 1 if failed else 0


def multi_output(bin_, src):
    files = ["examples/flawed-plan.yaml", "examples/clustered-with-dr.yaml", "tests/data/scenarios/waivers.yaml"]
    base = ["check", "--fail-on", "warning", "--today", "2026-06-01"]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        outs = {f: os.path.join(tmp, "all." + f) for f in ("sarif", "junit", "github")}
        rc_all, out_all, _ = run(
            bin_, base + ["--format", "json", "-o", os.path.join(tmp, "all.json")]
            + [a for f, p in outs.items() for a in ("-o", f"{f}={p}")] + files, src)
        if out_all:
            print("the run with -o FILE printed on stdout")
            failed = True
        for fmt, path in list(outs.items()) + [("json", os.path.join(tmp, "all.json"))]:
            rc, single, _ = run(bin_, base + ["--format", fmt] + files, src)
            with open(path, "rb") as f:
                together = f.read()
            if rc != rc_all or single != together or not single:
                print(f"{fmt}: exit {rc_all} vs {rc}; {len(together)} bytes vs {len(single)} bytes")
                failed = True
        # `-o text=-` puts the text report on stdout next to a file output.
        rc, text_only, _ = run(bin_, base + ["-o", "text=-", "-o", f"sarif={outs['sarif']}"] + files, src)
        rc1, text_single, _ = run(bin_, base + files, src)
        if text_only != text_single or rc != rc1:
            print("-o text=- differs from the plain text run")
            failed = True
    if not failed:
        print("json, sarif, junit, github: one run == single runs")
    return 1 if failed else 0


def catalog_args(args):
    out = []
    for i, a in enumerate(args):
        if a in ("--rules", "--param") and i + 1 < len(args):
            out += [a, args[i + 1]]
        elif a == "--no-builtin-rules":
            out.append(a)
    return out


def render(bin_, src, golden_dir):
    failed = False
    count = 0
    # Goldens hold `<version>` where the binary prints its version (tests/golden/run_golden.cmake).
    version = run(bin_, ["--version"], src)[1].decode().split()[1].encode()
    for case, args in golden_cases(golden_dir, "-json"):
        command = args[0]
        if command not in FORMATS or "--format" not in args:
            continue
        with open(os.path.join(case, "expected.stdout"), "rb") as f:
            saved = f.read().replace(b"<version>", version)
        if not saved:
            continue
        i = args.index("--format")
        with tempfile.NamedTemporaryFile(suffix=".json") as tmp:
            tmp.write(saved)
            tmp.flush()
            for fmt in FORMATS[command]:
                direct_args = args[:i + 1] + [fmt] + args[i + 2:]
                rc_d, direct, _ = run(bin_, direct_args, src)
                rc_r, rendered, err = run(bin_, ["render", "--format", fmt] + catalog_args(args) + [tmp.name], src)
                count += 1
                if direct != rendered or rc_d != rc_r:
                    print(f"{os.path.basename(case)} --format {fmt}: render differs (exit {rc_d} vs {rc_r}) "
                          f"{err.decode()}")
                    failed = True
    if count == 0:
        print("no JSON golden found")
        return 1
    if not failed:
        print(f"{count} renders byte-identical to the direct output")
    return 1 if failed else 0


def unescape_data(text):
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text):
    return text.replace("%3A", ":").replace("%2C", ",").replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def github_escapes(bin_, src):
    args = ["check", "--fail-on", "none", "--rules", "tests/data/rules/ci-escapes", "examples/flawed-plan.yaml"]
    _, out_json, _ = run(bin_, args[:1] + ["--format", "json"] + args[1:], src)
    _, out_gh, _ = run(bin_, args[:1] + ["--format", "github"] + args[1:], src)
    findings = [f for f in json.loads(out_json)["results"][0]["findings"] if not f["waived"]]
    lines = out_gh.decode().splitlines()
    failed = len(lines) != len(findings)
    for f, line in zip(findings, lines):
        head, sep, data = line.partition("::")[2].partition("::")
        if not sep or "\n" in line or "\r" in line:
            print(f"not one workflow command: {line!r}")
            failed = True
            continue
        props = dict(p.split("=", 1) for p in head.split(" ", 1)[1].split(","))
        want = f["message"] + ("\nFix: " + f["remediation"] if f["remediation"] else "")
        if unescape_data(data) != want:
            print(f"message: {unescape_data(data)!r} != {want!r}")
            failed = True
        if unescape_property(props["title"]) != f["rule"] + ": " + f["title"]:
            print(f"title: {unescape_property(props['title'])!r}")
            failed = True
        if unescape_property(props["file"]) != f["location"]["file"] or int(props["line"]) != f["location"]["line"]:
            print(f"location: {props}")
            failed = True
    odd = [f for f in findings if f["rule"] == "monitoring-odd-message"]
    if not odd or "%" not in odd[0]["message"] or "\n" not in odd[0]["message"] or "::" not in odd[0]["message"]:
        print("the escapes rule did not produce its message")
        failed = True
    # The job summary is appended to $GITHUB_STEP_SUMMARY, after what earlier steps wrote.
    with tempfile.TemporaryDirectory() as tmp:
        summary = os.path.join(tmp, "summary.md")
        with open(summary, "w", encoding="utf-8") as f:
            f.write("earlier step\n")
        files = ["examples/flawed-plan.yaml", "tests/data/scenarios/waivers.yaml", "tests/data/scenarios/sparse.yaml"]
        rc, out, _ = run(bin_, ["check", "--format", "github", "--today", "2026-06-01"] + files, src,
                         {"GITHUB_STEP_SUMMARY": summary})
        _, plain, _ = run(bin_, ["check", "--format", "github", "--today", "2026-06-01"] + files, src)
        with open(summary, encoding="utf-8") as f:
            written = f.read()
        with open(os.path.join(src, "tests", "ci", "step-summary.expected"), encoding="utf-8") as f:
            expected = "earlier step\n" + f.read()
        if written != expected or out != plain or rc != 2:
            print(f"job summary (exit {rc}):\n{written}\nexpected:\n{expected}")
            failed = True
    if not failed:
        print(f"{len(lines)} workflow commands round-trip to the JSON texts; the job summary is appended")
    return 1 if failed else 0


def main(argv):
    what = argv[1]
    if what == "junit-schema":
        return junit_schema(argv[2], argv[3])
    if what == "fingerprints":
        return fingerprints(argv[2], argv[3])
    if what == "multi-output":
        return multi_output(argv[2], argv[3])
    if what == "render":
        return render(argv[2], argv[3], argv[4])
    if what == "github-escapes":
        return github_escapes(argv[2], argv[3])
    print(f"unknown test '{what}'")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
