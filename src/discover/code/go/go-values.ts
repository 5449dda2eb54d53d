import type { GoFramework } from './go-frameworks.js';
import type { TypeRef } from './go-packages.js';
import type { RouteRecord } from './router-graph.js';

// What the evaluator knows about a Go expression: only what matters for routing.

export interface RouterValue {
  kind: 'router';
  node: string;
  framework: GoFramework;
}

/** An http.Handler that may be a router (a function returning http.Handler, a router wrapped in middleware). */
export interface HandlerValue {
  kind: 'handler';
  node: string;
  /** http.StripPrefix around it. */
  stripPrefix?: string;
}

export interface FuncValue {
  kind: 'func';
  key: string;
  /** Per parameter: the router framework when the parameter is a router. */
  routerParams: (GoFramework | undefined)[];
  /** Parameters typed http.Handler: a router passed there may come back out (middleware). */
  handlerParams: boolean[];
  result?: Value;
}

/** gorilla/mux's route builder: r.Path("/x").Methods("GET").HandlerFunc(h), r.HandleFunc(...).Methods(...). */
export interface GorillaRouteValue {
  kind: 'gorillaRoute';
  node: string;
  path?: string;
  prefix?: string;
  methods?: string[];
  /** Set once a handler is attached: later .Methods() calls update it. */
  record?: RouteRecord;
}

export type Value =
  | RouterValue
  | HandlerValue
  | FuncValue
  | GorillaRouteValue
  | { kind: 'string'; value: string }
  /** A value of a named (or anonymous) struct type; `fields` when it is a literal: route tables' rows. */
  | { kind: 'typed'; type: TypeRef; fields?: Map<string, Value | undefined> }
  /** A slice, array or map literal (a route table), row by row. */
  | { kind: 'table'; rows: { key: Value | undefined; value: Value | undefined }[] };

/** The node a value mounts, and the prefix http.StripPrefix takes off, when it may be a router. */
export function mountable(v: Value | undefined): { node: string; prefix: string } | undefined {
  if (v?.kind === 'router') return { node: v.node, prefix: '' };
  if (v?.kind === 'handler') return { node: v.node, prefix: v.stripPrefix ?? '' };
  return undefined;
}
