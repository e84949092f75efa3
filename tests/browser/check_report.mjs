// SPDX-License-Identifier: Apache-2.0
// The HTML report in a real browser (Debian chromium, headless, driven by puppeteer-core):
//   node check_report.mjs --bin BIN --src SRC            reports of every example (recommend;
//                                                        check where there is a plan; all at once)
//   node check_report.mjs --expect-failure FILE.html     a broken report must fail the checks
// Each report must load with no console error and no request other than the file itself;
// every topology SVG must draw one node element per appliance and one label per link of the
// diagram (the counts the renderer states from the Diagram, next to the SVG it drew); the
// screenshot must not be blank and page.pdf() must give a PDF. With GHES_TOPOLOGY_SCREENSHOT
// set to a path, the first report's screenshot (top of the page) is written there
// (docs/images/report-html.png).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, "")] = argv[i + 1];
  return out;
}

// The number of distinct colours in a PNG, decoded by the browser itself in a blank page.
async function distinctColours(browser, png) {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = "data:image/png;base64," + b64;
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext("2d");
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      const seen = new Set();
      for (let i = 0; i < data.length && seen.size < 64; i += 4 * 7) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return seen.size;
    }, Buffer.from(png).toString("base64"));
  } finally {
    await page.close();
  }
}

// The problems of one report file; empty when it passes.
async function check(browser, file, screenshotPath) {
  const problems = [];
  const url = pathToFileURL(resolve(file)).href;
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 1400 });
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (request.url() === url) return request.continue();
    problems.push(`network request: ${request.url()}`);
    return request.abort();
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url, { waitUntil: "load" });

  const diagrams = await page.$$eval("div.diagram-block", (blocks) =>
    blocks.map((b) => ({
      expectedNodes: Number(b.dataset.expectedNodes),
      expectedLinks: Number(b.dataset.expectedLinks),
      nodes: b.querySelectorAll("svg.topology g.node").length,
      labels: b.querySelectorAll("svg.topology g.link-label").length,
      titled: b.querySelectorAll("svg.topology g.node > title").length,
      visible: b.querySelector("svg.topology")?.getBoundingClientRect().height > 0,
    })),
  );
  const sections = await page.$$eval("section.file-section", (s) => s.length);
  if (sections === 0) problems.push("no file section");
  if (diagrams.length === 0) problems.push("no topology diagram");
  diagrams.forEach((d, i) => {
    if (d.nodes !== d.expectedNodes) problems.push(`diagram ${i + 1}: ${d.nodes} node elements, the diagram has ${d.expectedNodes}`);
    if (d.labels !== d.expectedLinks) problems.push(`diagram ${i + 1}: ${d.labels} link labels, the diagram has ${d.expectedLinks} links`);
    if (d.titled !== d.nodes) problems.push(`diagram ${i + 1}: ${d.nodes - d.titled} node(s) without a <title>`);
    if (!d.visible) problems.push(`diagram ${i + 1}: not visible`);
  });

  const png = await page.screenshot({ fullPage: true, type: "png" });
  const colours = await distinctColours(browser, png);
  if (colours < 2) problems.push(`blank screenshot (${colours} colour)`);
  if (screenshotPath) {
    writeFileSync(screenshotPath, await page.screenshot({ type: "png", clip: { x: 0, y: 0, width: 1100, height: 1400 } }));
  }
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  if (pdf.length < 1000 || Buffer.from(pdf.subarray(0, 5)).toString() !== "%PDF-") problems.push(`no PDF (${pdf.length} bytes)`);
  await page.close();
  return problems;
}

async function main() {
  const a = args();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  let failed = false;
  const dir = mkdtempSync(join(tmpdir(), "ghes-topology-html-"));
  try {
    if (a["expect-failure"]) {
      const problems = await check(browser, a["expect-failure"]);
      if (problems.length === 0) {
        console.log(`${a["expect-failure"]}: expected problems, found none`);
        failed = true;
      } else {
        console.log(`${a["expect-failure"]}: rejected as expected:\n  ${problems.join("\n  ")}`);
      }
      return failed;
    }
    const examples = readdirSync(join(a.src, "examples")).filter((f) => f.endsWith(".yaml")).sort().map((f) => `examples/${f}`);
    const reports = [];
    const run = (name, argv) => {
      const out = join(dir, name);
      // Exit codes are not this test's business (check exits 1 with findings): the file is.
      try {
        execFileSync(a.bin, [...argv, "--today", "2026-06-01", "-o", `html=${out}`], { cwd: a.src, stdio: ["ignore", "ignore", "pipe"] });
      } catch (e) {
        if (e.status !== 1) throw e;
      }
      reports.push(out);
    };
    for (const ex of examples) {
      const base = ex.replace(/^examples\/|\.yaml$/g, "");
      run(`recommend-${base}.html`, ["recommend", ex]);
      if (/^plan:/m.test(readFileSync(join(a.src, ex), "utf8"))) run(`check-${base}.html`, ["check", "--fail-on", "none", ex]);
    }
    run("recommend-all.html", ["recommend", ...examples]);
    const shotOf = (f) => (process.env.GHES_TOPOLOGY_SCREENSHOT && f.endsWith("check-flawed-plan.html") ? process.env.GHES_TOPOLOGY_SCREENSHOT : undefined);
    for (const report of reports) {
      const problems = await check(browser, report, shotOf(report));
      for (const p of problems) console.log(`${report}: ${p}`);
      failed ||= problems.length > 0;
    }
    if (!failed) console.log(`${reports.length} reports load offline without errors, with complete diagrams, a screenshot and a PDF`);
    return failed;
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (failed) => process.exit(failed ? 1 : 0),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
