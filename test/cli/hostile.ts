import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { readStoredZip, writeZip, type DeflatedEntry, type ZipEntry } from '../../src/hosts/file/zip';
import { BIN, type RunResult } from './cli-helpers';

/** A small KPI list as a stored (uncompressed) zip's entries, to be altered part by part. */
export async function kpiListEntries(rows = 3): Promise<ZipEntry[]> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('KPIs');
  sheet.addRow(['ID', 'KPI', 'Parent', 'Target']);
  for (let i = 1; i <= rows; i++) sheet.addRow([`K${i}`, `Revenue growth ${i}`, i === 1 ? null : 'K1', 0.1]);
  const stored = await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as never);
  return readStoredZip(new Uint8Array(stored as ArrayBuffer)).map((e) => ({
    ...e,
    data: Buffer.from(e.data),
  }));
}

/**
 * A part of `megabytes` MB: `head`, then spaces, then `tail`, deflated as pieces that each start afresh
 * (sync flushes), so a few hundred MB cost a few hundred KB and are never held in memory at once.
 * `declared` replaces the true size in the zip's headers (a bomb that lies about its size).
 */
export function bombPart(
  name: string,
  head: string,
  tail: string,
  megabytes: number,
  declared?: number,
): DeflatedEntry {
  const piece = Buffer.alloc(1024 * 1024, 0x20);
  const flush = { finishFlush: constants.Z_SYNC_FLUSH, level: 9 };
  const packedPiece = deflateRawSync(piece, flush);
  const packed = [deflateRawSync(Buffer.from(head), flush)];
  let crc = crc32(Buffer.from(head));
  for (let i = 0; i < megabytes; i++) {
    packed.push(packedPiece);
    crc = crc32(piece, crc);
  }
  packed.push(deflateRawSync(Buffer.from(tail), flush), Buffer.from([0x03, 0x00]));
  crc = crc32(Buffer.from(tail), crc);
  const size = head.length + tail.length + megabytes * piece.length;
  return { name, deflated: { packed, size: declared ?? size, crc } };
}

/** Writes a workbook whose entries are `entries` with some replaced. */
export function writeWorkbook(
  file: string,
  entries: readonly ZipEntry[],
  replace: readonly DeflatedEntry[],
): void {
  const byName = new Map(replace.map((entry) => [entry.name, entry]));
  writeFileSync(
    file,
    writeZip(
      entries.map((entry) => byName.get(entry.name) ?? entry),
      6,
    ),
  );
}

export const THEME_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><!--';
export const THEME_TAIL = '--></a:theme>';

export interface BoundedRun extends RunResult {
  /** The child's peak resident memory in MB. */
  peakMb: number;
}

/**
 * Runs the command with a small JavaScript heap and reports its peak memory: a bomb that were inflated
 * would either exceed the heap (and crash) or show in the peak.
 */
export function runBounded(args: readonly string[], cwd: string, heapMb = 160): Promise<BoundedRun> {
  const report = path.join(tmpdir(), `kpi-peak-${process.pid}-${Date.now()}.txt`);
  const preload = path.join(__dirname, 'peak-memory.js');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${heapMb}`, '--require', preload, BIN, ...args],
      {
        cwd,
        env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', KPI_PEAK_MEMORY_FILE: report },
        stdio: 'pipe',
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      let peakMb = Infinity;
      try {
        peakMb = Number(readFileSync(report, 'utf8')) / 1024;
        rmSync(report, { force: true });
      } catch {
        // no report: the child crashed before exiting normally
      }
      resolve({ code, stdout, stderr, peakMb });
    });
  });
}
