// Preloaded into a child (node --import): at exit, writes the process's peak resident memory (kilobytes, the
// kernel's high-water mark) to stderr as one line the benchmark reads.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nPEAK_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});
