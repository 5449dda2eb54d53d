import type { Alert } from '../../alerts/alert.js';
import type { TrafficStore } from '../../store/store.js';

/**
 * Alerts on their way to the shared store: queued (the alert engine records synchronously), written in batches by
 * upsert (an alert recorded again, e.g. an update, replaces its row). A write that fails keeps the alerts queued
 * for the next flush, up to `maxQueued` (the oldest are dropped beyond it).
 */
export class AlertWriter {
  private queue: Alert[] = [];
  private writing?: Promise<void>;
  dropped = 0;
  written = 0;

  constructor(
    private readonly store: Pick<TrafficStore, 'upsertAlerts'>,
    private readonly maxQueued = 10_000,
    private readonly log?: (line: string) => void,
  ) {}

  record(alerts: readonly Alert[]): void {
    this.queue.push(...alerts.map((a) => structuredClone(a)));
    const over = this.queue.length - this.maxQueued;
    if (over > 0) {
      this.queue.splice(0, over);
      this.dropped += over;
    }
  }

  /** Writes what is queued; resolves when written or, on failure, kept for the next call. */
  flush(): Promise<void> {
    // the reset runs after the assignment (a finally callback is always asynchronous)
    this.writing ??= this.writeQueued().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.store.upsertAlerts(batch);
        this.written += batch.length;
      } catch (e) {
        this.queue.unshift(...batch);
        this.log?.(`alert write failed, ${batch.length} alert(s) kept for the next try: ${(e as Error).message}`);
        return;
      }
    }
  }
}
