import { spawn, type ChildProcess } from 'node:child_process';

export interface VigilProcess {
  child: ChildProcess;
  ports: number[];
  adminPort?: number;
  output: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
}

/** Starts `vigil gateway ...` as a real process and waits until it prints where it listens. */
export async function startVigil(args: string[], timeoutMs = 15000): Promise<VigilProcess> {
  const child = spawn(process.execPath, ['bin/vigil.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const waitFor = async (text: string | RegExp, ms = timeoutMs) => {
    const until = Date.now() + ms;
    while (!(typeof text === 'string' ? out.includes(text) : text.test(out))) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${String(text)}; output:\n${out}`);
      if (child.exitCode !== null) throw new Error(`vigil exited (${child.exitCode}); output:\n${out}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await waitFor(/unmatched requests are/);
  const ports = [...out.matchAll(/listening on https?:\/\/[^\s]+:(\d+)/g)].map((m) => Number(m[1]));
  const admin = /admin \(health, metrics\) on http:\/\/[^\s]+:(\d+)/.exec(out);
  return { child, ports, adminPort: admin ? Number(admin[1]) : undefined, output: () => out, exited, waitFor };
}
