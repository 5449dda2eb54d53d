// A validation plan (plan.yaml) after its JSON Schema has accepted it.

export interface LoginSpec {
  method?: string;
  path: string;
  body: Record<string, unknown>;
  /** A JSON pointer into the answer, default /token. */
  token_pointer?: string;
}

export interface IdentitySpec {
  /** A bearer token, or `env:NAME`. */
  token?: string;
  login?: LoginSpec;
  /** Header that carries the token; default Authorization (as `Bearer …`). */
  header?: string;
  admin?: boolean;
}

export interface SigningKeySpec {
  /** HS* shared secret or `env:NAME`. */
  secret?: string;
  /** PEM private key for RS/ES/PS algorithms. */
  private_key_file?: string;
  algorithm: string;
  issuer?: string;
  audience?: string;
  subject?: string;
}

export interface RequestSpec {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface OwnedObject {
  path: string;
  owner: string;
  /** Methods to try as the other user; default GET. Writes send `write_body`. */
  methods?: string[];
  write_body?: unknown;
}

export interface MassAssignmentSpec {
  identity: string;
  create: RequestSpec;
  /** Where to read the object back; `{id}` is replaced by the created object's id. */
  read: RequestSpec;
  /** JSON pointer of the id in the create answer; default /id. */
  id_pointer?: string;
}

export interface Expectation {
  name: string;
  request: RequestSpec;
  identity?: string;
  /** Expected status, or any of a list. */
  status: number | number[];
}

export interface ValidationPlan {
  origin?: string;
  identities: Record<string, IdentitySpec>;
  jwt?: SigningKeySpec;
  objects: OwnedObject[];
  admin_routes: RequestSpec[];
  privilege_fields: Record<string, unknown>;
  mass_assignment: MassAssignmentSpec[];
  expect: Expectation[];
  required_headers: string[];
  /** Routes (policy names or paths) to send attack probes to; default every enforced route the probes can reach. */
  attack_routes?: string[];
  file?: string;
}
