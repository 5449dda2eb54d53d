import { basename, dirname, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readSource } from '../read-source.js';

// Spring Boot's application.properties / application.yml: the servlet context path and DispatcherServlet path that
// prefix every controller route, and the properties `${…}` placeholders in mappings resolve from. Profile-specific
// files and profile documents are left out: which profile runs is only known at deploy time.

export type SpringProperties = Map<string, string>;

const CONFIG_NAMES = new Set(['application.properties', 'application.yml', 'application.yaml']);

export function isSpringConfig(file: string): boolean {
  return CONFIG_NAMES.has(basename(file)) && !file.includes(`${sep}src${sep}test${sep}`);
}

function parseProperties(text: string, into: SpringProperties): void {
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = pending + raw.trimStart();
    if (line.endsWith('\\') && !line.endsWith('\\\\')) {
      pending = line.slice(0, -1);
      continue;
    }
    pending = '';
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const sepAt = line.search(/[=:\s]/);
    if (sepAt <= 0) continue;
    const key = line.slice(0, sepAt).trim();
    const value = line.slice(sepAt).replace(/^\s*[=:]?\s*/, '').trim();
    into.set(key, value);
  }
}

function flatten(value: unknown, prefix: string, into: SpringProperties): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, into);
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') into.set(prefix, String(value));
}

function parseYaml(text: string, into: SpringProperties): void {
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) continue;
    const flat: SpringProperties = new Map();
    flatten(doc.toJS(), '', flat);
    if (flat.has('spring.config.activate.on-profile') || flat.has('spring.profiles')) continue;
    for (const [k, v] of flat) into.set(k, v);
  }
}

/** The directory whose sources a config file configures: the module above src/main/resources, else its folder. */
export function configRoot(file: string): string {
  const dir = dirname(file);
  const marker = `${sep}src${sep}main${sep}resources`;
  const at = dir.lastIndexOf(marker);
  if (at >= 0) return dir.slice(0, at);
  return basename(dir) === 'config' ? dirname(dir) : dir;
}

/** Properties per module root; .properties wins over .yml in the same module, as in Spring Boot. */
export function loadSpringConfigs(files: string[]): Map<string, SpringProperties> {
  const byRoot = new Map<string, SpringProperties>();
  const ordered = [...files].sort((a, b) => (a.endsWith('.properties') ? 1 : 0) - (b.endsWith('.properties') ? 1 : 0));
  for (const f of ordered) {
    const root = configRoot(f);
    const props = byRoot.get(root) ?? new Map<string, string>();
    const text = readSource(f);
    if (text === undefined) continue;
    if (f.endsWith('.properties')) parseProperties(text, props);
    else parseYaml(text, props);
    byRoot.set(root, props);
  }
  return byRoot;
}

/** The properties of the innermost module containing `file`. */
export function propertiesFor(file: string, configs: Map<string, SpringProperties>): SpringProperties {
  let best: string | undefined;
  for (const root of configs.keys()) {
    if ((file.startsWith(root + sep) || root === '') && (best === undefined || root.length > best.length)) best = root;
  }
  return best === undefined ? new Map() : configs.get(best)!;
}

/** `${key}` / `${key:default}` from the properties; undefined when a placeholder has neither. */
export function resolvePlaceholders(text: string, props: SpringProperties, depth = 0): string | undefined {
  if (!text.includes('${')) return text;
  if (depth > 8) return undefined;
  let out = '';
  let rest = text;
  for (let at = rest.indexOf('${'); at >= 0; at = rest.indexOf('${')) {
    const end = rest.indexOf('}', at);
    if (end < 0) return undefined;
    const inner = rest.slice(at + 2, end);
    const colon = inner.indexOf(':');
    const key = colon >= 0 ? inner.slice(0, colon) : inner;
    const fallback = colon >= 0 ? inner.slice(colon + 1) : undefined;
    const raw = props.get(key) ?? fallback;
    if (raw === undefined) return undefined;
    const value = resolvePlaceholders(raw, props, depth + 1);
    if (value === undefined) return undefined;
    out += rest.slice(0, at) + value;
    rest = rest.slice(end + 1);
  }
  return out + rest;
}

/** server.servlet.context-path then spring.mvc.servlet.path (and their Spring Boot 1 names). */
export function servletPrefix(props: SpringProperties): string {
  const pick = (...keys: string[]): string => {
    for (const k of keys) {
      const v = props.get(k);
      if (v !== undefined) return resolvePlaceholders(v, props) ?? '';
    }
    return '';
  };
  const context = pick('server.servlet.context-path', 'server.servlet.contextPath', 'server.context-path');
  const servlet = pick('spring.mvc.servlet.path', 'spring.mvc.servlet-path', 'server.servlet-path', 'server.servlet.path');
  return `${context}/${servlet.replace(/\/\*+$/, '')}`;
}
