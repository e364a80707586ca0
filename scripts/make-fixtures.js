#!/usr/bin/env node
/**
 * Writes the test fixtures in test/fixtures/: two KPI workbooks in the style a finance team keeps
 * (a title row, a blank row, merged cells, a totals row, comments, a second sheet with formulas),
 * one in English and one in Traditional Chinese with a couple of rows `init` cannot read.
 * The .xlsx files are committed; run `npm run fixtures` after changing this script.
 */
const path = require('node:path');
const ExcelJS = require('exceljs');

const OUT = path.join(__dirname, '..', 'test', 'fixtures');
// Fixed workbook dates, so regenerating gives the same cells and properties.
const STAMP = new Date(Date.UTC(2026, 0, 5, 9, 0, 0));

const HEADER_STYLE = {
  font: { bold: true, color: { argb: 'FFFFFFFF' } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  border: { bottom: { style: 'thin', color: { argb: 'FF000000' } } },
};

function newWorkbook() {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Finance team';
  workbook.created = STAMP;
  workbook.modified = STAMP;
  return workbook;
}

function styleHeader(row) {
  row.eachCell((cell) => Object.assign(cell, { style: { ...HEADER_STYLE } }));
  row.height = 30;
}

const utcDate = (y, m, d) => new Date(Date.UTC(y, m - 1, d));

/** The English tracker: KPIs with a merged department column, a totals row and cell comments. */
async function englishWorkbook() {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet('KPIs FY2026');
  sheet.getCell('A1').value = 'Finance KPI tracker FY2026 (confidential)';
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.mergeCells('A1:J1');
  // Row 2 stays blank, as in most hand-made trackers.
  const headers = [
    'KPI',
    'Owner',
    'Dept',
    'Baseline',
    'Target',
    'Actual (YTD)',
    'Unit',
    'Deadline',
    'Notes',
    'Reviewed by',
  ];
  sheet.getRow(3).values = headers;
  styleHeader(sheet.getRow(3));

  const rows = [
    [
      'Revenue growth (year on year)',
      'Ng Hoi Yan',
      'Finance',
      0.06,
      0.12,
      0.095,
      '%',
      utcDate(2026, 12, 31),
      'Board target',
      'CFO',
    ],
    ['Gross margin', 'Ng Hoi Yan', 'Finance', 0.38, 0.41, 0.392, '%', utcDate(2026, 12, 31), null, 'CFO'],
    [
      'Reduce receivable days (DSO)',
      'Mak Chun Hei',
      'Finance',
      62,
      50,
      56,
      'days',
      utcDate(2026, 12, 31),
      'Chase invoices over 45 days',
      'CFO',
    ],
    [
      'Cash conversion cycle',
      'Mak Chun Hei',
      'Finance',
      75,
      60,
      68,
      'days',
      '31/12/2026',
      'Lower is better',
      'CFO',
    ],
    [
      'Monthly closing completed by working day 5',
      'Chow Pui Shan',
      'Accounting',
      0.6,
      1,
      0.83,
      '%',
      utcDate(2026, 6, 30),
      null,
      'Controller',
    ],
    [
      'Budget variance of operating expenses',
      'Chow Pui Shan',
      'Accounting',
      null,
      0.02,
      0.035,
      '%',
      utcDate(2026, 12, 31),
      'Keep within ±2%',
      'Controller',
    ],
    [
      'Procurement cost savings',
      'Cheung Siu Lun',
      'Procurement',
      0,
      '4%',
      '2.5%',
      '%',
      utcDate(2026, 12, 31),
      null,
      'COO',
    ],
    [
      'Supplier invoices paid on time',
      'Cheung Siu Lun',
      'Procurement',
      0.85,
      0.95,
      0.9,
      '%',
      utcDate(2026, 9, 30),
      null,
      'COO',
    ],
    [
      '=Cost per invoice processed',
      'Chow Pui Shan',
      'Accounting',
      48,
      40,
      44,
      'HKD',
      utcDate(2026, 12, 31),
      'Name starts with = on purpose',
      'Controller',
    ],
  ];
  rows.forEach((values, index) => {
    const row = sheet.getRow(4 + index);
    row.values = values;
    if (typeof values[3] === 'number' && values[6] === '%') row.getCell(4).numFmt = '0.0%';
    if (typeof values[4] === 'number' && values[6] === '%') row.getCell(5).numFmt = '0.0%';
    if (typeof values[5] === 'number' && values[6] === '%') row.getCell(6).numFmt = '0.0%';
    if (values[7] instanceof Date) row.getCell(8).numFmt = 'dd/mm/yyyy';
  });
  // Department merged down its block: only the first cell of a merge holds the value.
  sheet.mergeCells('C4:C7');
  sheet.mergeCells('C8:C9');
  sheet.mergeCells('C10:C11');
  sheet.getCell('C4').alignment = { vertical: 'middle' };

  const last = 3 + rows.length;
  const totals = sheet.getRow(last + 1);
  totals.getCell(1).value = 'Total KPIs tracked';
  totals.getCell(2).value = { formula: `COUNTA(A4:A${last})`, result: rows.length };
  totals.font = { bold: true };
  totals.getCell(1).border = { top: { style: 'double' } };

  sheet.getCell('A6').note = 'DSO = receivables / revenue × days. Source: ledger.';
  sheet.getCell('E10').note = 'Target agreed with suppliers in January.';
  sheet.columns.forEach((column, index) => {
    column.width = [40, 16, 14, 10, 10, 12, 8, 12, 30, 12][index];
  });
  sheet.views = [{ state: 'frozen', ySplit: 3 }];

  addBudgetSheet(
    workbook,
    'Budget',
    ['Line item', 'Q1', 'Q2', 'Q3', 'Q4', 'Full year'],
    [
      ['Staff costs', 4200000, 4250000, 4300000, 4400000],
      ['Rent', 1800000, 1800000, 1800000, 1850000],
      ['Marketing', 950000, 1100000, 1200000, 1400000],
      ['IT and systems', 300000, 320000, 310000, 330000],
    ],
    'Total',
  );

  await workbook.xlsx.writeFile(path.join(OUT, 'finance-kpis-en.xlsx'));
}

/** The Chinese tracker: headers in Chinese, plus two rows `init` must report (text target, no name). */
async function chineseWorkbook() {
  const workbook = newWorkbook();
  // A cover sheet first: init must find the KPI list by its headers, not by its position.
  const cover = workbook.addWorksheet('說明');
  cover.getCell('A1').value = '使用說明';
  cover.getCell('A1').font = { bold: true };
  cover.getCell('A2').value = '每月五號前更新「實際」一欄;目標由財務部確認。';
  cover.getColumn(1).width = 60;
  const sheet = workbook.addWorksheet('關鍵績效指標');
  sheet.getCell('A1').value = '2026 年度部門關鍵績效指標一覽';
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.mergeCells('A1:I1');
  const headers = ['指標名稱', '負責人', '部門', '基線', '目標', '實際', '單位', '截止日期', '備註'];
  sheet.getRow(3).values = headers;
  styleHeader(sheet.getRow(3));

  const rows = [
    [
      '每月新增客戶數',
      '陳詠欣',
      '銷售部',
      80,
      120,
      96,
      '個客戶',
      utcDate(2026, 12, 31),
      '由 80 個提升至 120 個',
    ],
    ['平均訂單金額', '陳詠欣', '銷售部', 850, 950, 905, '港元', utcDate(2026, 12, 31), null],
    [
      '降低平均處理時間(AHT)',
      '張兆倫',
      '客戶服務部',
      360,
      300,
      330,
      '秒',
      utcDate(2026, 6, 30),
      '熱線及網上客服',
    ],
    ['首次解決率', '張兆倫', '客戶服務部', 0.68, 0.78, 0.74, '%', utcDate(2026, 12, 31), null],
    ['減少客戶投訴宗數', '張兆倫', '客戶服務部', 120, 80, 95, '宗', utcDate(2026, 12, 31), '每月計'],
    ['員工離職率', '李美玲', '人力資源部', 0.18, 0.12, 0.15, '%', utcDate(2026, 12, 31), '越低越好'],
    ['招聘到職天數', '李美玲', '人力資源部', 45, '待定', null, '日', utcDate(2026, 12, 31), '目標未定'],
    [null, '李美玲', '人力資源部', null, 0.9, 0.8, '%', utcDate(2026, 12, 31), '名稱漏填'],
    ['供應商交貨準時率', '張兆倫', '採購部', 0.85, 0.95, 0.9, '%', '2026-09-30', null],
  ];
  rows.forEach((values, index) => {
    const row = sheet.getRow(4 + index);
    row.values = values;
    for (const col of [4, 5, 6])
      if (typeof values[col - 1] === 'number' && values[6] === '%') row.getCell(col).numFmt = '0%';
    if (values[7] instanceof Date) row.getCell(8).numFmt = 'yyyy年m月d日';
  });
  sheet.getCell('E10').note = '目標有待管理層審批';
  sheet.columns.forEach((column, index) => {
    column.width = [28, 10, 14, 8, 8, 8, 8, 14, 24][index];
  });

  addBudgetSheet(
    workbook,
    '預算',
    ['項目', '第一季', '第二季', '第三季', '第四季', '全年'],
    [
      ['員工成本', 4200000, 4250000, 4300000, 4400000],
      ['租金', 1800000, 1800000, 1800000, 1850000],
      ['市場推廣', 950000, 1100000, 1200000, 1400000],
    ],
    '總計',
  );

  await workbook.xlsx.writeFile(path.join(OUT, 'finance-kpis-zh-HK.xlsx'));
}

/** An unrelated sheet with row and column totals as formulas (with cached results), which init must not touch. */
function addBudgetSheet(workbook, name, headers, lines, totalLabel) {
  const sheet = workbook.addWorksheet(name);
  sheet.getRow(1).values = headers;
  styleHeader(sheet.getRow(1));
  lines.forEach((line, index) => {
    const r = index + 2;
    const row = sheet.getRow(r);
    row.values = line;
    const sum = line.slice(1).reduce((a, b) => a + b, 0);
    row.getCell(6).value = { formula: `SUM(B${r}:E${r})`, result: sum };
    for (let c = 2; c <= 6; c++) row.getCell(c).numFmt = '"HK$"#,##0';
  });
  const last = lines.length + 1;
  const total = sheet.getRow(last + 1);
  total.getCell(1).value = totalLabel;
  for (let c = 2; c <= 6; c++) {
    const letter = String.fromCharCode(64 + c);
    const result = lines.reduce(
      (acc, line) => acc + (c === 6 ? line.slice(1).reduce((a, b) => a + b, 0) : line[c - 1]),
      0,
    );
    total.getCell(c).value = { formula: `SUM(${letter}2:${letter}${last})`, result };
    total.getCell(c).numFmt = '"HK$"#,##0';
  }
  total.font = { bold: true };
  sheet.columns.forEach((column, index) => {
    column.width = index === 0 ? 18 : 14;
  });
}

async function main() {
  await englishWorkbook();
  await chineseWorkbook();
  console.log(`Wrote ${path.relative(process.cwd(), OUT)}/finance-kpis-en.xlsx and finance-kpis-zh-HK.xlsx`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
