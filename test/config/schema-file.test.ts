import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { configSchema } from '../../src/config/schema.js';
import { loadConfig, parseConfig, ConfigError } from '../../src/config/load.js';

test('the published schema file is the one the loader validates with', () => {
  const published = JSON.parse(readFileSync('schema/vigil.schema.json', 'utf8')) as unknown;
  assert.deepEqual(published, JSON.parse(JSON.stringify(configSchema)), 'run: node bin/vigil.js config schema > schema/vigil.schema.json');
});

test('the example and benchmark policies are valid', () => {
  for (const f of ['examples/demo/vigil.yaml', 'bench/gateway/vigil-bench.yaml']) assert.ok(loadConfig(f).routes.length > 0, f);
});

test('errors name the line and key, for YAML syntax, unknown settings and bad values', () => {
  const cases: [string, RegExp][] = [
    ['upstreams:\n  a: { url: "http://x" }\nroutes: [ {', /^t\.yaml:3: \(top level\): invalid YAML/],
    ['upstreams:\n  a: { url: "http://x" }\nlisten: 8080\nworkerz: 2\n', /^t\.yaml:4: workerz: is not a known setting/],
    ['upstreams:\n  a: { url: "http://x" }\nroutes:\n  - name: r\n    match: { path: /r }\n    mode: block\n', /^t\.yaml:6: routes\[0\]\.mode: must be one of enforce, monitor, off/],
    ['upstreams:\n  a: { url: "http://x" }\ntrusted_proxies: [10.0.0.0/33]\n', /^t\.yaml:3: trusted_proxies\[0\]: "10\.0\.0\.0\/33" is not an IP address or CIDR/],
    ['upstreams:\n  a: { url: "http://x" }\nauth:\n  jwt:\n    j: { jwks_url: "http://k", algorithms: [HS256] }\n', /^t\.yaml:5: auth\.jwt\.j\.algorithms: HS\* algorithms need a secret/],
  ];
  for (const [yaml, re] of cases) {
    assert.throws(() => parseConfig(yaml, 't.yaml'), (e: unknown) => e instanceof ConfigError && re.test(e.message), yaml);
  }
});
