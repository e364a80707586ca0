'use strict';
// Preloaded (node --require) by test/cli/hostile.ts: writes the process's peak resident memory (KB) to
// the file named by KPI_PEAK_MEMORY_FILE when it exits normally.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.KPI_PEAK_MEMORY_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
