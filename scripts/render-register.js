#!/usr/bin/env node
/**
 * Renders the sample register the way a colleague without the add-in sees it: the portable demo,
 * recomputed by LibreOffice, exported to PDF and turned into PNGs for the README
 * (`assets/register.png`, `assets/dashboard.png`; `assets/register-zh-HK.png`).
 *
 *   node scripts/render-register.js        (needs the CLI build: npm run build:cli; soffice; pdftoppm)
 */
const { execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const ExcelJS = require('exceljs');
const { encodePng } = require('./make-icons.js');

const ROOT = path.join(__dirname, '..');
const ASSETS = path.join(ROOT, 'assets');

// LibreOffice trusts cached results in .xlsx by default; recalculate so the picture proves the formulas.
const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

const { FIELD_HEADERS } = require('../lib/core/fields.js');
// The register columns a reader looks at first; the rest are hidden in the picture (not in the file).
const SHOWN = ['name', 'owner', 'level', 'department', 'type', 'timing', 'unit', 'baseline', 'target', 'actual',
  'score', 'status', 'smart', 'next_review'];
const shownHeaders = new Set(
  SHOWN.flatMap((key) => [FIELD_HEADERS.en[key], FIELD_HEADERS['zh-HK'][key]]).filter(Boolean),
);

/** Keeps one sheet visible, landscape, fitted to one page wide, and clips it to its first rows. */
async function onlySheet(source, target, sheetIndex, maxRows, onlyKeyColumns = false) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(source);
  workbook.worksheets.forEach((sheet, index) => {
    if (index !== sheetIndex) sheet.state = 'hidden';
  });
  const sheet = workbook.worksheets[sheetIndex];
  sheet.state = 'visible';
  if (onlyKeyColumns) {
    sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
      if (!shownHeaders.has(String(cell.value ?? '').trim())) sheet.getColumn(col).hidden = true;
    });
  }
  workbook.views = [{ activeTab: sheetIndex, firstSheet: 0, visibility: 'visible' }];
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation: 'landscape',
    paperSize: 9, // A4
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.2, right: 0.2, top: 0.2, bottom: 0.2, header: 0, footer: 0 },
    printArea: `A1:${sheet.getColumn(sheet.actualColumnCount).letter}${Math.min(maxRows, sheet.rowCount)}`,
  };
  await workbook.xlsx.writeFile(target);
  return sheet.name;
}

function toPng(soffice, profile, xlsx, outDir, pngName) {
  execFileSync(
    soffice,
    [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, xlsx],
    { stdio: 'ignore', timeout: 120_000 },
  );
  const pdf = path.join(outDir, path.basename(xlsx, '.xlsx') + '.pdf');
  const prefix = path.join(outDir, pngName);
  execFileSync('pdftoppm', ['-r', '130', '-f', '1', '-l', '1', '-singlefile', pdf, prefix]);
  writeFileSync(path.join(ASSETS, `${pngName}.png`), trimmedPng(readFileSync(`${prefix}.ppm`)));
}

/** The page (a binary PPM from pdftoppm) cut to what is printed on it, with a small margin, as PNG. */
function trimmedPng(ppm) {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a binary PPM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = ppm.subarray(header[0].length);
  let [right, bottom] = [0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (pixels[i] < 245 || pixels[i + 1] < 245 || pixels[i + 2] < 245) {
        if (x > right) right = x;
        bottom = y;
      }
    }
  }
  const [w, h] = [Math.min(width, right + 16), Math.min(height, bottom + 16)];
  const rgba = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const from = (y * width + x) * 3;
      const to = (y * w + x) * 4;
      rgba[to] = pixels[from];
      rgba[to + 1] = pixels[from + 1];
      rgba[to + 2] = pixels[from + 2];
      rgba[to + 3] = 255;
    }
  }
  return encodePng(w, rgba, h);
}

async function main() {
  const soffice = process.env.SOFFICE || 'soffice';
  const work = mkdtempSync(path.join(tmpdir(), 'kpi-render-'));
  const profile = path.join(work, 'profile');
  mkdirSync(path.join(profile, 'user'), { recursive: true });
  writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  try {
    for (const lang of ['en', 'zh-HK']) {
      const demo = path.join(work, `demo-${lang}.xlsx`);
      execFileSync(process.execPath, [
        path.join(ROOT, 'bin/kpi-register.js'), 'demo', '--portable', '--lang', lang,
        '--today', '2026-11-26', '-o', demo,
      ]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(demo);
      const names = workbook.worksheets.map((sheet) => sheet.name);
      // The register is the sheet with the most columns; the dashboard is the builder's first sheet.
      const widest = workbook.worksheets.reduce((best, sheet, index, all) =>
        sheet.actualColumnCount > all[best].actualColumnCount ? index : best, 0);
      const suffix = lang === 'en' ? '' : `-${lang}`;
      const register = path.join(work, `register${suffix}.xlsx`);
      await onlySheet(demo, register, widest, 30, true);
      toPng(soffice, profile, register, work, `register${suffix}`);
      if (lang === 'en') {
        const dashboard = path.join(work, 'dashboard.xlsx');
        await onlySheet(demo, dashboard, 0, 60);
        toPng(soffice, profile, dashboard, work, 'dashboard');
      }
      process.stdout.write(`${lang}: rendered ${names[widest]} (and the dashboard) from ${names.length} sheets\n`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
