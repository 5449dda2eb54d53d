import type { Exchange, Finding } from '../exchange/exchange.js';

// The detection engine's units: values extracted from a request, the views (decoded forms) of a value,
// and detectors that read values and report findings. The engine iterates the registries and never names a detector.

/** Where a value came from. `key` kinds are parameter names (JSON keys, query names, cookie names). */
export type ValueKind =
  | 'path'
  | 'query'
  | 'query-key'
  | 'header'
  | 'cookie'
  | 'cookie-key'
  | 'body'
  | 'body-key'
  | 'filename'
  | 'raw-body'
  /** A whole XML document (its values are extracted separately): read by document-level detectors such as XXE. */
  | 'xml-doc';

export interface RawValue {
  kind: ValueKind;
  /** e.g. path, query:id, header:user-agent, cookie:sid, body:/user/name, body:comment, filename:avatar */
  location: string;
  text: string;
  /** Header or parameter name, lower-cased, when there is one (lets detectors weigh free-text fields). */
  name?: string;
}

export type Severity = Finding['severity'];

/** What a detector reports; the engine adds the location and scores it. */
export interface Report {
  /** Stable rule id, e.g. sqli.union-select. */
  rule: string;
  severity: Severity;
  /** 0..1: how sure the detector is that this is an attack and not a look-alike. */
  confidence: number;
  /** The matched text (the engine shortens it). */
  evidence: string;
  /** Lowest paranoia level at which the rule counts (1 = always). Default 1. */
  paranoia?: number;
  /**
   * The evidence is as ordinary in a parameter name as in a value (SQL kept as data: a map keyed by query text), so a
   * name does not make it stronger (see score.ts).
   */
  nameNeutral?: boolean;
  /** Overrides the score derived from severity and confidence. */
  score?: number;
}

/** One value as detectors see it: its decoded text, lower-cased view and character classes, computed once. */
export interface ScanValue extends RawValue {
  /** Fully decoded text (URL, entities, escapes, overlong UTF-8, NUL removal), bounded depth. */
  decoded: string;
  /** decoded, lower-cased. */
  lower: string;
  /** Character class bitmask of `decoded` (see charclass.ts). */
  classes: number;
  /** A named transformation chain applied to `decoded`, memoised per value (see decode/registry.ts). */
  view(chain: string): string;
}

export interface DetectOptions {
  /** Paranoia level 1-4 (default 1): higher levels enable more aggressive rules. */
  paranoia: number;
  /** Score at which a request is an attack (default 5). */
  threshold: number;
  exclusions: { rule?: string; category?: string; location?: string }[];
  /** Maximum decoded characters scanned per request; the rest is skipped and reported (default 1 MiB). */
  budget: number;
}

export interface ScanContext {
  readonly paranoia: number;
  readonly exchange: Exchange;
  report(r: Report): void;
}

export interface Detector {
  /** Category, e.g. sqli, xss, lfi. Every rule id it reports starts with it. */
  readonly category: string;
  /**
   * Character classes that make a value worth scanning: the detector runs on a value only when the value has
   * at least one of them (0 = every value). A cheap pre-filter that keeps plain values fast.
   */
  readonly triggers: number;
  /**
   * For values made only of letters, digits, '_' and '-' (identifiers, SKUs, enum values): the shortest such value the
   * detector can have anything to say about. Shorter ones skip it. Undefined: every length.
   */
  readonly plainMin?: number;
  /** Value kinds it reads; default all. */
  readonly kinds?: readonly ValueKind[];
  /**
   * Its attack class lives in parameter names (ORM lookups, operator keys, __proto__): a finding in a name is the
   * ordinary case, not the stronger evidence it is for code found where a name should be (see score.ts).
   */
  readonly namesAreItsInput?: boolean;
  scan?(v: ScanValue, ctx: ScanContext): void;
  /** Request-level checks (user agent, referer vs session ids, raw XML body). */
  scanExchange?(ex: Exchange, values: readonly ScanValue[], ctx: ScanContext): void;
}

export interface InspectResult {
  score: number;
  attack: boolean;
  findings: Finding[];
}
