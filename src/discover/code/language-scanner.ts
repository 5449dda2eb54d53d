import type { CodeRoute } from './route-model.js';

/** One language's route finder; scan-code walks the tree once and hands each scanner the files it accepts. */
export interface LanguageScanner {
  name: string;
  /** Whether a file (absolute path) is one this scanner reads. */
  accepts(file: string): boolean;
  /**
   * Routes declared in `files` (absolute paths under the absolute `root`); CodeRoute.file relative to root.
   * `progress` is called once per file read.
   */
  scan(files: string[], root: string, progress: (file: string) => void): Promise<CodeRoute[]>;
}
