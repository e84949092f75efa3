// SPDX-License-Identifier: Apache-2.0
// Validates every ```mermaid block of the Markdown files given on the command line with the
// real Mermaid parser (mermaid.parse), in headless Chromium driven by puppeteer-core.
//
//   node mermaid_parse.mjs [--chromium PATH] FILE.md...
//
// Prints one line per block ("ok FILE#N" or "FAIL FILE#N: error") and exits 1 when any block
// fails to parse or a file has no block at all, 2 on a usage or browser problem.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let chromium = '/usr/bin/chromium';
if (args[0] === '--chromium') {
  chromium = args[1];
  args.splice(0, 2);
}
if (args.length === 0) {
  console.error('usage: node mermaid_parse.mjs [--chromium PATH] FILE.md...');
  process.exit(2);
}

// The ```mermaid blocks of a Markdown text, in order (a fence of three or more backticks).
function blocks(text) {
  const found = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; ++i) {
    const open = /^(`{3,})mermaid\s*$/.exec(lines[i]);
    if (!open)
      continue;
    const body = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith(open[1]))
      body.push(lines[j++]);
    found.push(body.join('\n'));
    i = j;
  }
  return found;
}

let browser;
try {
  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
} catch (e) {
  console.error(`cannot start ${chromium}: ${e.message}`);
  process.exit(2);
}
let failed = false;
try {
  const page = await browser.newPage();
  await page.setContent('<!DOCTYPE html><html><body></body></html>');
  await page.addScriptTag({ path: join(here, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js') });
  await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false }));
  for (const file of args) {
    const found = blocks(readFileSync(file, 'utf8'));
    if (found.length === 0) {
      console.log(`FAIL ${file}: no mermaid block`);
      failed = true;
    }
    for (let n = 0; n < found.length; ++n) {
      const error = await page.evaluate(async (text) => {
        try {
          await window.mermaid.parse(text);
          return null;
        } catch (e) {
          return String(e && e.message ? e.message : e);
        }
      }, found[n]);
      if (error === null) {
        console.log(`ok ${file}#${n + 1}`);
      } else {
        console.log(`FAIL ${file}#${n + 1}: ${error.split('\n').join(' | ')}`);
        failed = true;
      }
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
