// ActiveSupport's English singularisation, which Rails uses for nested resource params (`photos` → `:photo_id`).
// Rules are tried last-defined first, as ActiveSupport does; they run on identifiers from routes.rb only.

const UNCOUNTABLE = ['equipment', 'information', 'rice', 'money', 'species', 'series', 'fish', 'sheep', 'jeans', 'police'];

const IRREGULAR: [string, string][] = [
  ['person', 'people'],
  ['man', 'men'],
  ['child', 'children'],
  ['sex', 'sexes'],
  ['move', 'moves'],
  ['zombie', 'zombies'],
];

const RULES: [RegExp, string][] = [
  [/s$/i, ''],
  [/(ss)$/i, '$1'],
  [/(n)ews$/i, '$1ews'],
  [/([ti])a$/i, '$1um'],
  [/((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)(sis|ses)$/i, '$1sis'],
  [/(^analy)(sis|ses)$/i, '$1sis'],
  [/([^f])ves$/i, '$1fe'],
  [/(hive)s$/i, '$1'],
  [/(tive)s$/i, '$1'],
  [/([lr])ves$/i, '$1f'],
  [/([^aeiouy]|qu)ies$/i, '$1y'],
  [/(s)eries$/i, '$1eries'],
  [/(m)ovies$/i, '$1ovie'],
  [/(x|ch|ss|sh)es$/i, '$1'],
  [/^(m|l)ice$/i, '$1ouse'],
  [/(bus)(es)?$/i, '$1'],
  [/(o)es$/i, '$1'],
  [/(shoe)s$/i, '$1'],
  [/(cris|test)(is|es)$/i, '$1is'],
  [/^(a)x[ie]s$/i, '$1xis'],
  [/(octop|vir)(us|i)$/i, '$1us'],
  [/(alias|status)(es)?$/i, '$1'],
  [/^(ox)en/i, '$1'],
  [/(vert|ind)ices$/i, '$1ex'],
  [/(matr)ices$/i, '$1ix'],
  [/(quiz)zes$/i, '$1'],
  [/(database)s$/i, '$1'],
  ...IRREGULAR.map(([singular, plural]): [RegExp, string] => [new RegExp(`(${plural[0]})${plural.slice(1)}$`, 'i'), `$1${singular.slice(1)}`]),
];

export function singularize(word: string): string {
  const lower = word.toLowerCase();
  if (UNCOUNTABLE.some((u) => lower === u || lower.endsWith(` ${u}`))) return word;
  for (let i = RULES.length - 1; i >= 0; i--) {
    const [pattern, replacement] = RULES[i]!;
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  return word;
}
