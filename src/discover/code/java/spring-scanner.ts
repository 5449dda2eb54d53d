import { relative, sep } from 'node:path';
import type { LanguageScanner } from '../language-scanner.js';
import { readSource } from '../read-source.js';
import { joinPaths, type CodeRoute } from '../route-model.js';
import { parserFor, withTree } from '../tree-sitter.js';
import type { JavaAnnotation, JavaFile, JavaType } from './java-model.js';
import { parseJavaFile } from './java-parse.js';
import { JavaTypeIndex } from './java-types.js';
import { isSpringConfig, loadSpringConfigs, propertiesFor, resolvePlaceholders, servletPrefix, type SpringProperties } from './spring-config.js';
import { normaliseSpringPath } from './spring-paths.js';

// Spring MVC / Spring Boot controllers: @Controller / @RestController classes, their type-level @RequestMapping and
// method-level @GetMapping … @RequestMapping (also @HttpExchange, which Spring 6 serves on controllers), found on the
// class itself or inherited from its interfaces and superclasses (OpenAPI-generated APIs put them on an interface).

const VERB_ANNOTATIONS: Record<string, string> = {
  GetMapping: 'GET',
  PostMapping: 'POST',
  PutMapping: 'PUT',
  DeleteMapping: 'DELETE',
  PatchMapping: 'PATCH',
  GetExchange: 'GET',
  PostExchange: 'POST',
  PutExchange: 'PUT',
  DeleteExchange: 'DELETE',
  PatchExchange: 'PATCH',
};
const GENERIC_ANNOTATIONS = new Set(['RequestMapping', 'HttpExchange']);
const CONTROLLER_ANNOTATIONS = new Set(['Controller', 'RestController']);
const PATH_ATTRIBUTES = ['path', 'value', 'url'];

interface Mapping {
  paths: string[];
  methods: string[];
  annotation: JavaAnnotation;
  declaredIn: JavaType;
}

function isMapping(a: JavaAnnotation): boolean {
  return a.name in VERB_ANNOTATIONS || GENERIC_ANNOTATIONS.has(a.name);
}

function isTestSource(file: string): boolean {
  return file.includes(`${sep}src${sep}test${sep}`);
}

function httpMethods(a: JavaAnnotation): string[] {
  const verb = VERB_ANNOTATIONS[a.name];
  if (verb) return [verb];
  const expr = a.args.get('method');
  const items = expr ? (expr.kind === 'array' ? expr.items : [expr]) : [];
  const names = items.flatMap((i) => (i.kind === 'ref' ? [i.name] : i.kind === 'string' ? [i.value.toUpperCase()] : []));
  return names.length > 0 ? names : ['ANY'];
}

/** Path patterns of a mapping; undefined when one is not a constant the project declares. */
function mappingPaths(a: JavaAnnotation, declaredIn: JavaType, index: JavaTypeIndex, props: SpringProperties): string[] | undefined {
  const attribute = PATH_ATTRIBUTES.find((k) => a.args.has(k));
  if (!attribute) return [''];
  const values = index.strings(a.args.get(attribute)!, declaredIn);
  if (!values) return undefined;
  if (values.length === 0) return [''];
  const resolved = values.map((v) => resolvePlaceholders(v, props));
  return resolved.every((v) => v !== undefined) ? resolved.map(normaliseSpringPath) : undefined;
}

/** Types in the order Spring's hierarchy search visits them: the type, then its interfaces, then its superclass. */
function hierarchy(t: JavaType, index: JavaTypeIndex, seen = new Set<JavaType>()): JavaType[] {
  if (seen.has(t)) return [];
  seen.add(t);
  return [t, ...index.supertypesOf(t).flatMap((s) => hierarchy(s, index, seen))];
}

function isController(t: JavaType): boolean {
  if (t.kind !== 'class' || t.abstract) return false;
  if (t.annotations.some((a) => a.name === 'FeignClient')) return false;
  return t.annotations.some((a) => CONTROLLER_ANNOTATIONS.has(a.name) || GENERIC_ANNOTATIONS.has(a.name));
}

function controllerRoutes(t: JavaType, index: JavaTypeIndex, configs: Map<string, SpringProperties>, root: string): CodeRoute[] {
  const props = propertiesFor(t.file.path, configs);
  const types = hierarchy(t, index);
  const typeLevel = types.flatMap((h) => h.annotations.filter((a) => GENERIC_ANNOTATIONS.has(a.name)).map((a) => ({ a, h })))[0];
  const classPaths = typeLevel ? mappingPaths(typeLevel.a, typeLevel.h, index, props) : [''];
  if (!classPaths) return [];
  const handlers = new Map<string, Mapping | null>();
  for (const h of types) {
    for (const m of h.methods) {
      const key = `${m.name}/${m.arity}`;
      if (handlers.get(key)) continue;
      const a = m.annotations.find(isMapping);
      if (!a) continue;
      const paths = mappingPaths(a, h, index, props);
      handlers.set(key, paths ? { paths, methods: httpMethods(a), annotation: a, declaredIn: h } : null);
    }
  }
  const prefix = servletPrefix(props);
  const out: CodeRoute[] = [];
  for (const mapping of handlers.values()) {
    if (!mapping) continue;
    const file = relative(root, mapping.declaredIn.file.path);
    for (const classPath of classPaths) {
      for (const path of mapping.paths) {
        for (const method of mapping.methods) out.push({ method, path: joinPaths(prefix, classPath, path), file, line: mapping.annotation.line, framework: 'spring' });
      }
    }
  }
  return out;
}

async function scanSpring(files: string[], root: string, progress: (file: string) => void): Promise<CodeRoute[]> {
  const configs = loadSpringConfigs(files.filter(isSpringConfig));
  const parser = await parserFor('java');
  const javaFiles: JavaFile[] = [];
  try {
    for (const f of files) {
      const source = f.endsWith('.java') ? readSource(f) : undefined;
      if (source !== undefined) javaFiles.push(withTree(parser, source, (tree) => parseJavaFile(tree, f)));
      progress(f);
    }
  } finally {
    parser.delete();
  }
  const index = new JavaTypeIndex(javaFiles);
  const seen = new Set<string>();
  const out: CodeRoute[] = [];
  for (const t of index.all()) {
    if (!isController(t)) continue;
    for (const r of controllerRoutes(t, index, configs, root)) {
      const key = `${r.method} ${r.path} ${r.file}:${r.line}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(r);
      }
    }
  }
  return out;
}

export const springScanner: LanguageScanner = {
  name: 'spring',
  accepts: (file) => (file.endsWith('.java') && !isTestSource(file)) || isSpringConfig(file),
  scan: scanSpring,
};
