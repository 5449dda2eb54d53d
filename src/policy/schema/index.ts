export { loadSpec } from './load-spec.js';
export { LoadedSpec, type CompiledOperation, type SpecMatch } from './loaded-spec.js';
export { SpecError } from './spec-error.js';
export { createSchemaControl } from './schema-control.js';
