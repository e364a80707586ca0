import { existsSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { main, type CliIo } from '../../src/cli/main';
import { removeTempDirs, tempDir } from './cli-helpers';

/** A terminal stand-in: what the command draws on stderr, and stdout's lines. */
function terminal(cwd: string) {
  const drawn: string[] = [];
  const printed: string[] = [];
  const io: CliIo = {
    stdout: { isTTY: false, write: (text: string) => printed.push(text) },
    stderr: { isTTY: true, columns: 100, write: (text: string) => drawn.push(text) },
    env: { LANG: 'C.UTF-8' },
    cwd,
    now: () => new Date(2026, 5, 15),
  };
  // The labels drawn, in order (each redraw starts with a carriage return and a line clear).
  const labels = () =>
    drawn
      .map((text) => text.replace('\r\u001b[2K', '').replace(/….*$/, ''))
      .filter((label, i, all) => label !== '' && label !== all[i - 1]);
  return { io, labels };
}

it('shows progress through every long stage of init and check on a terminal', async () => {
  const dir = tempDir('progress');
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('KPIs').addRows([
    ['ID', 'KPI', 'Target'],
    ['K1', 'Monthly new customers in Hong Kong', 120],
  ]);
  await workbook.xlsx.writeFile(path.join(dir, 'kpis.xlsx'));

  const init = terminal(dir);
  expect(await main(['init', 'kpis.xlsx'], init.io)).toBe(0);
  expect(existsSync(path.join(dir, 'kpis.register.xlsx'))).toBe(true);
  expect(init.labels()).toEqual([
    'Reading',
    'Reading the KPI list',
    'Building the Register sheet',
    'Writing check-ins',
    'Building the cascade sheets',
    'Building the Dashboard',
    'Saving',
  ]);

  const check = terminal(dir);
  expect(await main(['check', 'kpis.register.xlsx'], check.io)).toBeLessThanOrEqual(1);
  expect(check.labels()).toEqual(['Reading', 'Checking the register']);
}, 60_000);

afterAll(removeTempDirs);
