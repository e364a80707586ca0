/**
 * Writes an ordinary KPI workbook of `count` KPIs, as a large company might keep one: a title row,
 * ten company KPIs, department KPIs under them, individual KPIs under those, and a Notes column that
 * `init` keeps as it is. Deterministic for a given count.
 */
const ExcelJS = require('exceljs');

const DEPARTMENTS = [
  'Sales',
  'Marketing',
  'Customer Service',
  'Operations',
  'Finance',
  'HR',
  'Procurement',
  'Manufacturing',
];
const UNITS = ['%', 'HKD', 'customers', 'days'];
const CADENCES = ['monthly', 'quarterly', 'weekly', 'monthly'];

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** The KPI rows (without the header), so the benchmark child can make the matching history. */
function kpiRows(count) {
  const next = random(count);
  const rows = [];
  const companyCount = Math.min(10, count);
  const departmentCount = Math.min(DEPARTMENTS.length * 20, Math.max(0, count - companyCount));
  for (let i = 0; i < count; i++) {
    const id = `K${String(i + 1).padStart(5, '0')}`;
    const unit = UNITS[i % UNITS.length];
    const baseline = unit === '%' ? 0.5 + next() * 0.3 : Math.round(50 + next() * 950);
    const target = unit === 'days' ? baseline * 0.8 : baseline * 1.2;
    const actual = baseline + (target - baseline) * (0.5 + next() * 0.7);
    let level;
    let department = null;
    let parent = null;
    let owner;
    if (i < companyCount) {
      level = 'company';
      owner = 'Wong Ka Ming';
    } else if (i < companyCount + departmentCount) {
      level = 'department';
      department = DEPARTMENTS[i % DEPARTMENTS.length];
      parent = `K${String((i % companyCount) + 1).padStart(5, '0')}`;
      owner = `${department} head ${1 + (i % 3)}`;
    } else {
      level = 'individual';
      const parentIndex = companyCount + Math.floor(next() * departmentCount);
      department = DEPARTMENTS[parentIndex % DEPARTMENTS.length];
      parent = `K${String(parentIndex + 1).padStart(5, '0')}`;
      owner = `Staff ${Math.floor(i / 4)}`;
    }
    rows.push([
      id,
      `${level === 'company' ? 'Company' : department} KPI ${i + 1}: ${unit === '%' ? 'rate' : unit} in Hong Kong`,
      owner,
      department,
      parent,
      level,
      unit === '%' ? round(baseline, 4) : baseline,
      unit === '%' ? round(target, 4) : Math.round(target),
      unit === '%' ? round(actual, 4) : Math.round(actual),
      unit,
      new Date(Date.UTC(2026, 11, 31)),
      CADENCES[i % CADENCES.length],
      i % 7 === 0 ? `Note for row ${i + 1}` : null,
    ]);
  }
  return rows;
}

const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;

async function writeKpiWorkbook(file, count) {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(Date.UTC(2026, 0, 5));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('KPIs');
  sheet.addRow([`KPI list (${count.toLocaleString('en-US')} KPIs)`]);
  sheet.addRow([]);
  sheet.addRow([
    'ID',
    'KPI',
    'Owner',
    'Dept',
    'Parent',
    'Level',
    'Baseline',
    'Target',
    'Actual',
    'Unit',
    'Deadline',
    'Review cadence',
    'Notes',
  ]);
  sheet.getRow(3).font = { bold: true };
  sheet.addRows(kpiRows(count));
  await workbook.xlsx.writeFile(file);
}

module.exports = { kpiRows, writeKpiWorkbook };
