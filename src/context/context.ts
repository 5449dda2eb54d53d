import type { EndpointRole } from './role.js';
import type { ObjectRef } from './objects.js';
import type { Outcome } from './outcome.js';
import type { ParamAnomaly } from './param-profile.js';

/** Everything behaviour rules read about one exchange, computed once. */
export interface ExchangeContext {
  /** Position in the stream (the HAR entry index for captures). */
  seq: number;
  requestId: string;
  time: number;
  ip: string;
  fingerprint: string;
  nonBrowser: boolean;
  principal?: string;
  principalVerified: boolean;
  /** The account concerned: the username in a credential attempt, else the principal's account. */
  account?: string;
  method: string;
  endpoint: string;
  role: EndpointRole;
  status: number;
  outcome?: Outcome;
  objects: ObjectRef[];
  /** Objects read or changed that belong to another principal. */
  foreignObjects: ObjectRef[];
  /** Owners of the objects touched (for grouping by target). */
  owners: string[];
  card?: string;
  amount?: number;
  /** A page / offset / cursor value, when the request pages through a list. */
  page?: string;
  privilegeFields: string[];
  unknownFields: string[];
  findings: string[];
  /** The signature engine's score and verdict. */
  signatureScore: number;
  signatureAttack: boolean;
  paramAnomalies: ParamAnomaly[];
  /** The highest parameter anomaly plus signature score at the same location. */
  anomalyScore: number;
  /** status and size bucket: differing shapes for one kind of attempt reveal what the server knows. */
  responseShape: string;
}
