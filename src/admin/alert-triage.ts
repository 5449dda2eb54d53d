import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AlertNote, AlertStatus } from './api-types.js';

interface TriageState {
  status: AlertStatus;
  notes: AlertNote[];
}

const OPEN: TriageState = { status: 'open', notes: [] };
const MAX_NOTES = 50;

/**
 * Triage of alerts (acknowledged, resolved, notes), kept by the admin server beside the store in a small JSON file
 * (written atomically on each change), or in memory without a file. The store keeps the alerts themselves.
 */
export class AlertTriage {
  private readonly states = new Map<string, TriageState>();

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      try {
        const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, TriageState>;
        for (const [id, s] of Object.entries(saved)) this.states.set(id, s);
      } catch {
        // an unreadable file starts empty; the next change rewrites it
      }
    }
  }

  get(id: string): TriageState {
    return this.states.get(id) ?? OPEN;
  }

  setStatus(id: string, status: AlertStatus): TriageState {
    const s = { ...this.get(id), status };
    this.states.set(id, s);
    this.save();
    return s;
  }

  addNote(id: string, note: AlertNote): TriageState {
    const prev = this.get(id);
    const s = { ...prev, notes: [...prev.notes, note].slice(-MAX_NOTES) };
    this.states.set(id, s);
    this.save();
    return s;
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.states)));
    renameSync(tmp, this.file);
  }
}
