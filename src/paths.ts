// Where the project's own files are (migrations, data, manifests, static pages), found the same way whether this
// module runs from src/ under tsx or inlined into the bundle that `npm start` builds (dist/main.mjs): the nearest
// folder above it holding package.json. Paths relative to a module's own file would break once it is bundled.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** The project's folder (holds package.json, src/, data/, manifests/, cards/). */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the project, e.g. projectPath('data', 'demo-directory.json'). */
export function projectPath(...parts: string[]): string {
  return join(ROOT, ...parts);
}
