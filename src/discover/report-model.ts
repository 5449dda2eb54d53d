import type { AuthScheme } from './auth-schemes.js';
import type { SensitiveClass } from './sensitive-classes.js';
import type { FieldConfidence } from './field-list.js';

// The discovery result as `vigil discover --json` prints it.

/** `unused`: declared in the code (`--code`), never called and in no spec. */
export type EndpointStatus = 'documented' | 'shadow' | 'zombie' | 'orphan' | 'unused';
export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type FindingType = 'shadow' | 'zombie' | 'orphan' | 'drift' | 'auth-mismatch' | 'not-in-code' | 'unused';
export type EndpointSource = 'traffic' | 'spec' | 'code';

/** Where the code declares an endpoint. */
export interface CodeLocation {
  file: string;
  line: number;
  framework: string;
}

export interface ParameterEntry {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Record<string, unknown>;
  /** Requests in which it was seen: the confidence behind `required` and the schema. */
  samples: number;
}

export interface EndpointEntry {
  method: string;
  host: string;
  path: string;
  status: EndpointStatus;
  sources: EndpointSource[];
  auth: AuthScheme[];
  sensitive: { class: SensitiveClass; location: string; count: number }[];
  requests: number;
  errorRate: number;
  firstSeen?: string;
  lastSeen?: string;
  statuses: Record<string, number>;
  parameters: ParameterEntry[];
  requestBody?: { mediaTypes: string[]; schema: Record<string, unknown>; samples: number };
  responses: Record<string, { schema: Record<string, unknown>; samples: number }>;
  /** Request and response body fields with the samples behind each (confidence per field). */
  fields: FieldConfidence[];
  /** The spec operation it matched: file and template. */
  spec?: { file: string; path: string; deprecated: boolean };
  /** The routes declaring it, with `--code`. */
  code?: CodeLocation[];
}

export interface DiscoveryFinding {
  type: FindingType;
  severity: Severity;
  method: string;
  path: string;
  detail: string;
}

export interface DiscoveryReport {
  endpoints: EndpointEntry[];
  findings: DiscoveryFinding[];
}
