// Builds the dashboard when its sources changed since the last build (npm run build calls it): type-checks the
// UI (its own tsconfig: DOM, JSX) and bundles it with Vite into src/admin/ui/dist. Offline; no network at run time.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const stamp = join(here, 'dist', 'index.html');

function newest(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((n) => newest(join(p, n))));
}
const inputs = [join(here, 'src'), join(here, 'index.html'), join(here, 'vite.config.ts'), join(here, '..', 'api-types.ts')];
if (existsSync(stamp) && statSync(stamp).mtimeMs > Math.max(...inputs.map(newest)) && !process.argv.includes('--force')) process.exit(0);

const tsc = spawnSync(process.execPath, [join(here, '../../../node_modules/typescript/bin/tsc'), '-p', join(here, 'tsconfig.json')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const { build } = await import('vite');
await build({ configFile: join(here, 'vite.config.ts') });
