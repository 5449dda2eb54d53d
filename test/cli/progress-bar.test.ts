import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progressBar, renderProgressBar } from '../../src/cli/progress-bar.js';

test('renderProgressBar: filled share, percentage and counts, the label cut from the left to fit', () => {
  assert.equal(renderProgressBar({ total: 2740, done: 1233, label: 'src/app.ts' }, 80), '[#########-----------]  45% 1,233/2,740 src/app.ts');
  assert.equal(renderProgressBar({ total: 10, done: 10, label: '' }, 80), '[####################] 100% 10/10');
  assert.equal(renderProgressBar({ total: 10, done: 0, label: 'a' }, 80), '[--------------------]   0% 0/10 a');
  const long = 'packages/very/deeply/nested/directory/structure/with/a/long/file-name.ts';
  const line = renderProgressBar({ total: 300, done: 150, label: long }, 60);
  assert.equal(line.length, 60);
  assert.ok(line.endsWith('…' + long.slice(long.length - (60 - '[#######--------]  50% 150/300 '.length) + 1)), line);
  assert.ok(line.startsWith('[#######--------]  50% 150/300 …'), line);
  // a narrow terminal: the bar alone, never wider than the columns
  assert.ok(renderProgressBar({ total: 300, done: 150, label: long }, 20).length <= 20);
});

test('renderProgressBar: control characters in file names never reach the terminal', () => {
  const line = renderProgressBar({ total: 2, done: 1, label: 'evil\u001b]0;pwned\u0007\r\n.ts' }, 100);
  assert.doesNotMatch(line, /[\u0000-\u001f\u007f]/);
  assert.ok(line.endsWith('evil?]0;pwned???.ts'), line);
});

test('progressBar: nothing for small trees, throttled redraws, the last one always drawn, cleared at the end', () => {
  const writes: string[] = [];
  let clock = 0;
  const out = { columns: 81, write: (s: string) => writes.push(s) };
  const small = progressBar(out, { minTotal: 200, intervalMs: 100, now: () => clock });
  for (let done = 1; done <= 200; done++) small.update({ total: 200, done, label: 'x.ts' });
  small.clear();
  assert.deepEqual(writes, []);

  const bar = progressBar(out, { minTotal: 200, intervalMs: 100, now: () => clock });
  for (let done = 1; done <= 1000; done++) {
    clock += 1; // 1 ms per file: one redraw per 100 files
    bar.update({ total: 1000, done, label: `f${done}.ts` });
  }
  assert.equal(writes.length, 11);
  assert.equal(writes[0], `\r\x1b[K${renderProgressBar({ total: 1000, done: 1, label: 'f1.ts' }, 80)}`);
  assert.equal(writes.at(-1), `\r\x1b[K${renderProgressBar({ total: 1000, done: 1000, label: 'f1000.ts' }, 80)}`);
  bar.clear();
  assert.equal(writes.at(-1), '\r\x1b[K');
});
