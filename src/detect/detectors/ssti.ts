import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { hit, occurrences } from './util.js';

// Server-side template injection: template delimiters ({{ }}, ${ }, #{ }, <%= %>, {% %}, *{ }, @( )) whose content
// is an expression (arithmetic, attribute walks, calls) rather than a plain placeholder such as {{name}}.

const DUNDER = /__(?:class|mro|subclasses|globals|builtins|import|init|base|bases|getattribute|dict|code|func_globals)__/;
const GADGETS = /\b(?:config|self|request|lipsum|cycler|joiner|namespace|range|application|session)\b\s*[.|[]|\bt\s*\(\s*java\.|\.getclass\s*\(|\.forname\s*\(|getruntime|freemarker\.template|new\(\)|\?new\b|\bexecute\s*\(|popen|os\.system|subprocess|\bsystem\s*\(|\beval\s*\(|\bexec\s*\(|\|attr\b|\|safe\b|\|\s*(?:filter|map|reduce|sort)\s*\(\s*["'](?:system|exec|passthru|shell_exec|popen|proc_open)["']|java\.lang|\bprocess\.|\bglobal\.|\brequire\s*\(/;
/** A control tag whose condition is a constant ({% if True %}, <% if 1==1 %>, {{#if true}}): a probe, not a template. */
const CONSTANT_IF = /^\s*[#-]?\s*(?:if|elif|elsif|unless|while)\s*\(?\s*(?:true|false|1|0|[0-9]{1,6}\s*(?:==|!=|<=|>=|<|>)\s*[0-9]{1,6}|'[a-z0-9]{0,8}'\s*==\s*'[a-z0-9]{0,8}'|"[a-z0-9]{0,8}"\s*==\s*"[a-z0-9]{0,8}")\s*\)?\s*[-:]?\s*$/;
const ARITH = /^\s*-?[0-9]+\s*[-+*/%]\s*-?[0-9]+\s*$|^\s*["'][^"']{0,20}["']\s*\*\s*[0-9]+\s*$|^\s*[0-9]+\s*\*\s*["'][^"']{0,20}["']\s*$/;

/** Values that are known probes by themselves: {{config}}, {{self}}, {% debug %}, {$smarty.version}. */
const WHOLE_PROBE = /^\s*(?:\{\{\s*(?:config|self|_self|request|settings)(?:\.items\(\))?\s*\}\}|\{%\s*debug\s*%\}|\{\$smarty\.[a-z_.]{1,30}\})\s*$/;
/**
 * Engine-specific gadgets outside the usual delimiters: Handlebars' {{#with "s" as |string|}} chain, FreeMarker and
 * Velocity assignments of arithmetic ([#assign x=7*7], #set($x=7*7)), Twig's dump(app), Java class-loader walks.
 */
const ENGINE_GADGETS = /\{\{#with\s+["'][^"']{0,40}["']\s+as\s+\||[<[]#assign\s+[a-z_][a-z0-9_]{0,30}\s*=\s*[0-9]+\s*[-+*/]\s*[0-9]+|#set\s*\(\s*\$[a-z_][a-z0-9_]{0,30}\s*=\s*[0-9]+\s*[-+*/]\s*[0-9]+\s*\)|\bdump\s*\(\s*(?:app|_context|_self)\b|\.getclassloader\s*\(/;
const POLYGLOT_PARTS = ['${', '{{', '<%', '[%', '#{', '}}', '%>', '%}'];

/** ${{<%[%'"}}%\. : one short value opening many template syntaxes at once, a fuzzing string to see which one breaks. */
function polyglot(s: string): boolean {
  if (s.length > 40 || !/["']/.test(s)) return false;
  let n = 0;
  for (const d of POLYGLOT_PARTS) if (s.includes(d)) n++;
  return n >= 5;
}

const OPEN: [string, string][] = [
  ['{{', '}}'],
  ['${', '}'],
  ['#{', '}'],
  ['*{', '}'],
  ['@{', '}'],
  ['<%=', '%>'],
  ['<%', '%>'],
  ['{%', '%}'],
  ['{#', '#}'],
  ['[[', ']]'],
  ['{{=', '}}'],
  ['@(', ')'],
];

const detector: Detector = {
  category: 'ssti',
  triggers: C.BRACE | C.LT | C.BRACKET | C.AT | C.HASH,
  scan(v: ScanValue, ctx: ScanContext): void {
    const s = v.lower;
    if (DUNDER.test(s)) return hit(ctx, 'ssti.python-dunder', 5, s.slice(0, 80));
    if (s.length <= 64 && WHOLE_PROBE.test(s)) return hit(ctx, 'ssti.probe', 5, s.slice(0, 60));
    const g = ENGINE_GADGETS.exec(s);
    if (g) return hit(ctx, 'ssti.gadget', 5, s.slice(g.index, g.index + 60));
    if (polyglot(s)) return hit(ctx, 'ssti.polyglot', 5, s);
    for (const [open, close] of OPEN) {
      for (const i of occurrences(s, open, 32)) {
        const w = s.slice(i + open.length, i + open.length + 400).indexOf(close);
        const end = w < 0 ? -1 : i + open.length + w;
        const inner = s.slice(i + open.length, end < 0 ? Math.min(s.length, i + 200) : Math.min(end, i + 400));
        if (end < 0 && open !== '<%' && open !== '{%') continue;
        if (open === '${' && inner.startsWith('jndi:')) continue; // the jndi detector's
        if (ARITH.test(inner)) return hit(ctx, 'ssti.expression', 5, s.slice(i, i + 60));
        if (GADGETS.test(inner)) return hit(ctx, 'ssti.gadget', 5, s.slice(i, i + 80));
        if ((open === '<%' || open === '<%=') && /[a-z]+\s*[.(]/.test(inner)) return hit(ctx, 'ssti.erb-code', 4, s.slice(i, i + 60));
        if (open === '{%' && /^\s*(?:import|include|set|for|if|load|debug|extends|macro)\b/.test(inner) && /[.(]|\bos\b/.test(inner)) return hit(ctx, 'ssti.tag', 4, s.slice(i, i + 60));
        if (open === '@{' && inner.startsWith('[')) return hit(ctx, 'ssti.perl-interpolation', 5, s.slice(i, i + 60));
        // a short value built around it is a probe; a whole template may switch a block off with {% if false %}
        if (end >= 0 && CONSTANT_IF.test(inner)) return hit(ctx, 'ssti.constant-condition', s.length <= 160 ? 5 : 3, s.slice(i, i + 60));
      }
    }
  },
};

registerDetector(detector);
