import type { Alert } from '../../alerts/alert.js';
import type { ExchangeRecord, RecordRow } from '../record.js';
import type { AlertFilter, FindOptions, RetentionPolicy, RetentionResult, TrafficFilter, TrafficStats, TrafficStore } from '../store.js';
import type { PostgresStore, PostgresStoreOptions } from './postgres-store.js';

/**
 * The PostgreSQL store for callers that need a store at once (the admin server starts synchronously): it connects
 * on first use, and again on the next use when PostgreSQL was unreachable, so an admin started before PostgreSQL
 * answers its queries once it is up. The driver module is loaded on first use too: a gateway that never reads
 * PostgreSQL does not pay for loading `pg` in each of its processes.
 */
export class DeferredPostgresStore implements TrafficStore {
  private opening?: Promise<PostgresStore>;
  private closed = false;

  constructor(private readonly opts: PostgresStoreOptions) {}

  private store(): Promise<PostgresStore> {
    if (this.closed) return Promise.reject(new Error('store closed'));
    this.opening ??= import('./postgres-store.js').then(({ PostgresStore }) => PostgresStore.open(this.opts)).catch((e: Error) => {
      this.opening = undefined;
      throw e;
    });
    return this.opening;
  }

  async insert(rows: readonly RecordRow[]): Promise<number> {
    return (await this.store()).insert(rows);
  }
  async upsertAlerts(alerts: readonly Alert[]): Promise<void> {
    return (await this.store()).upsertAlerts(alerts);
  }
  async find(filter: TrafficFilter, options: FindOptions): Promise<ExchangeRecord[]> {
    return (await this.store()).find(filter, options);
  }
  async count(filter: TrafficFilter): Promise<number> {
    return (await this.store()).count(filter);
  }
  async stats(filter: TrafficFilter, top: number): Promise<TrafficStats> {
    return (await this.store()).stats(filter, top);
  }
  async findAlerts(filter: AlertFilter): Promise<Alert[]> {
    return (await this.store()).findAlerts(filter);
  }
  async applyRetention(policy: RetentionPolicy): Promise<RetentionResult> {
    return (await this.store()).applyRetention(policy);
  }
  async close(): Promise<void> {
    this.closed = true;
    const opening = this.opening;
    this.opening = undefined;
    if (opening) await (await opening.catch(() => undefined))?.close();
  }
}
