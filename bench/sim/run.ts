import { loadRules } from '../../src/behaviour/rule-load.js';
import { scoreSimulation } from './score.js';
import { simulate } from './simulate.js';

// npm run bench:behaviour [-- --users N --hours H --seed S]: simulate benign traffic with every attack scenario,
// run signatures + context + behaviour, report detection per scenario and false alerts per 100k benign requests.

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}

const t0 = performance.now();
const sim = simulate({ seed: arg('seed', 42), users: arg('users', 2500), hours: arg('hours', 6) });
const genMs = performance.now() - t0;
const score = scoreSimulation(sim, loadRules());
const fmt = (ms: number | undefined): string => (ms === undefined ? '-' : ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 60_000).toFixed(1)} min`);
console.log(`simulated ${sim.events.length} requests (${sim.benign} benign, ${sim.events.length - sim.benign} attack) in ${Math.round(genMs)} ms; analysed in ${Math.round(score.analyzeMs)} ms (${Math.round(sim.events.length / (score.analyzeMs / 1000))} req/s)`);
console.log('');
console.log('scenario                   requests  detected  time to detect  alert types');
for (const s of score.scenarios) console.log(`${s.id.padEnd(26)} ${String(s.requests).padStart(8)}  ${(s.detected ? 'yes' : 'NO').padEnd(8)}  ${fmt(s.timeToDetectMs).padStart(14)}  ${s.detectedAs.join(', ')}`);
console.log('');
console.log(`alerts: ${score.alerts}; false alerts: ${score.falseAlerts.length} = ${score.falsePer100k.toFixed(2)} per 100k benign requests`);
for (const a of score.falseAlerts.slice(0, 20)) console.log(`  false: ${a.rule} ${a.summary}`);
const missed = score.scenarios.filter((s) => !s.detected).length;
process.exitCode = missed === 0 && score.falsePer100k <= 5 ? 0 : 1;
