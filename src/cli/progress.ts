/**
 * Progress for long operations, on stderr and only on a terminal: redirected output and CI logs stay
 * quiet. One line is redrawn in place and cleared when the work is done.
 */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  /** `done` of `total` in the named stage; `total` 0 means the size is not known. */
  update(label: string, done: number, total: number): void;
  /** Clears the line. */
  end(): void;
}

const QUIET: Progress = { update: () => undefined, end: () => undefined };

/** Redraws at most this often: a 20,000-row build would otherwise spend its time drawing. */
const MIN_INTERVAL_MS = 100;

export function progressOn(stream: ProgressStream, now: () => number = Date.now): Progress {
  if (!stream.isTTY) return QUIET;
  let shown = false;
  let lastDraw = -Infinity;
  let lastLabel = '';
  return {
    update(label, done, total) {
      const time = now();
      const finished = total > 0 && done >= total;
      if (label === lastLabel && !finished && time - lastDraw < MIN_INTERVAL_MS) return;
      lastDraw = time;
      lastLabel = label;
      const count =
        total > 0 ? ` ${done}/${total} (${Math.floor((100 * Math.min(done, total)) / total)}%)` : '';
      // A pseudo-terminal may report 0 columns: assume the usual 80 then.
      const width = Math.max(20, (stream.columns || 80) - 1);
      stream.write(`\r\x1b[2K${`${label}…${count}`.slice(0, width)}`);
      shown = true;
    },
    end() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
