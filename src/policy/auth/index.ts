export { createAuthControl } from './auth-control.js';
export type { JwtVerifierOptions } from './jwt-verifier.js';
