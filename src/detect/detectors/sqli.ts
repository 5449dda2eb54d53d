import { C, SPECIAL } from '../charclass.js';
import { registerDetector } from '../registry.js';
import { analyze, type SqlSignal } from '../sqli/grammar.js';
import { tokenize, type Token } from '../sqli/tokenizer.js';
import type { Detector, ScanValue, ScanContext } from '../types.js';

// SQL injection: the value is tokenized as SQL three ways (as is, as if injected inside '...', inside "..."),
// and the grammar analysis reports the constructs the token stream forms.

function signals(text: string, quote: string | undefined, out: SqlSignal[]): Token[] {
  const raw = tokenize(text, quote);
  const ts = raw.filter((t) => t.t !== 'c');
  const commentEnd = raw.length > 0 && raw[raw.length - 1]!.t === 'c';
  analyze(ts, quote !== undefined, commentEnd, out);
  return ts;
}

function severity(score: number): 'critical' | 'high' | 'medium' | 'low' {
  return score >= 5 ? 'critical' : score === 4 ? 'high' : score === 3 ? 'medium' : 'low';
}

const detector: Detector = {
  category: 'sqli',
  triggers: SPECIAL | C.SPACE,
  scan(v: ScanValue, ctx: ScanContext): void {
    const text = v.decoded;
    const contexts: (string | undefined)[] = [undefined];
    if (v.classes & C.SQUOTE) contexts.push("'");
    if (v.classes & C.DQUOTE) contexts.push('"');
    for (const q of contexts) {
      const out: SqlSignal[] = [];
      const ts = signals(text, q, out);
      for (const s of out) {
        const a = ts[Math.max(0, s.from)];
        const b = ts[Math.min(ts.length, Math.max(s.to, s.from + 1)) - 1];
        const evidence = a && b ? text.slice(a.start, b.end) : text;
        ctx.report({ rule: s.rule, severity: severity(s.score), confidence: s.score / 5, score: s.score, evidence, paranoia: s.paranoia });
      }
    }
  },
};

registerDetector(detector);
