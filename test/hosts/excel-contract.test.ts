import { ExcelWorkbook } from '../../src/hosts/excel/excelWorkbook';
import { workbookContract } from './contract';
import { FakeExcel } from './excel-fake';
import { inspectExcel } from './excel-inspect';

// The Excel host over the strict Office.js fake: every write queued and synced, every read loaded first.
// A new ExcelWorkbook on the same document is what the next Excel.run sees, so it stands for "reopening".
const documents = new WeakMap<ExcelWorkbook, FakeExcel>();

workbookContract(
  'ExcelWorkbook (Office.js)',
  () => {
    const excel = new FakeExcel();
    excel.addSheet('Sheet1');
    const wb = new ExcelWorkbook(excel.context);
    documents.set(wb, excel);
    return wb;
  },
  async (wb) => {
    const excel = documents.get(wb as ExcelWorkbook) as FakeExcel;
    const again = new ExcelWorkbook(excel.context);
    documents.set(again, excel);
    return again;
  },
  // The formatting checks read back what the host asked Office.js to do, translated from Office.js terms.
  { inspect: (wb) => inspectExcel(documents.get(wb as ExcelWorkbook) as FakeExcel) },
);
