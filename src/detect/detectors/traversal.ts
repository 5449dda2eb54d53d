import { C, QUOTES } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { Matcher } from '../match/aho.js';
import { proseWords } from '../match/prose-words.js';
import { hit } from './util.js';
import { codeSpansInProse } from './cmdi-prose.js';

// Path traversal and local file inclusion: dot-dot segments in any encoding (decoding already undid %2e, %c0%ae, %u002e,
// \x2e...), and names of sensitive files, matched on a slash-normalised view with a multi-pattern matcher.

const SENSITIVE = [
  'etc/passwd', 'etc/shadow', 'etc/group', 'etc/hosts', 'etc/issue', 'etc/motd', 'etc/crontab', 'etc/sudoers', 'etc/fstab',
  'etc/hostname', 'etc/resolv.conf', 'etc/mysql/my.cnf', 'etc/httpd/', 'etc/apache2/', 'etc/nginx/', 'etc/ssh/', 'etc/profile', 'etc/environment',
  'etc/security/', 'etc/master.passwd', 'etc/pwd.db', 'etc/spwd.db', 'etc/bashrc', 'etc/inittab',
  'proc/', 'sys/class/', 'sys/kernel/', 'sys/devices/', 'sys/block/', 'sys/firmware/', '.docker/', 'proc/self/', 'proc/version', 'proc/cpuinfo', 'proc/meminfo', 'proc/net/', 'proc/mounts', 'proc/1/', 'dev/tcp/', 'dev/udp/',
  'var/log/', 'var/run/secrets', 'var/lib/mysql', 'usr/local/apps', 'usr/local/etc', 'root/.', 'home/.', 'opt/lampp',
  'win.ini', 'system.ini', 'boot.ini', 'windows/system32', 'drivers/etc/hosts', 'winnt/system32', 'windows/win.ini', 'system32/config', 'windows/repair',
  'inetpub/', 'autoexec.bat', 'config.sys', 'httpd.conf', 'apache2.conf', 'php.ini', 'my.cnf', 'my.ini', 'nginx.conf', 'web.config',
  'applicationhost.config', 'machine.config', 'wp-config.php', 'configuration.php', 'localsettings.php', 'settings.php', 'config.inc.php',
  '.htaccess', '.htpasswd', '.htdigest', '.env', '.git/', '.gitconfig', '.svn/', '.hg/', '.bzr/', '.ssh/', 'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519',
  'authorized_keys', 'known_hosts', '.bash_history', '.bashrc', '.bash_profile', '.zsh_history', '.mysql_history', '.psql_history', '.viminfo',
  '.netrc', '.pgpass', '.boto', '.s3cfg', '.aws/credentials', '.aws/config', '.docker/config.json', '.kube/config', '.npmrc', '.pypirc', '.git-credentials',
  '.ds_store', '.idea/', '.vscode/', '.cursor/', '.claude/', '.windsurf/', '.aider', '.rovodev/', '.continue/', '.codeium/', 'mcp.json',
  '.zed/', '.cline/', '.kiro/', '.codex/', '.opencode/', '.junie/', '.aiignore', '.cursorignore', '.cursorrules', 'wp-content/debug.log', 'sys/class',
  'web-inf/', 'meta-inf/', 'cmdline', 'environ', 'shadow', 'passwd', 'credentials.json', 'secrets.yml', 'secrets.json', 'docker-compose.yml',
  'dockerfile', '.travis.yml', '.gitlab-ci.yml', 'composer.json', 'package.json', 'yarn.lock', 'server.key', 'privatekey', 'database.yml',
  'backup.sql', 'dump.sql', '.sqlite', '.mdb', '.bak', '.old', '.swp', '~',
];
/** Names that are sensitive only as a whole path segment (passwd, environ...) and extensions that need a file before them. */
const SEGMENT_ONLY = new Set(['cmdline', 'environ', 'shadow', 'passwd', 'dockerfile', 'package.json', 'composer.json', 'yarn.lock', 'mcp.json', '.bak', '.old', '.swp', '~', '.sqlite', '.mdb', 'privatekey']);
const LOW = new Set(['package.json', 'composer.json', 'yarn.lock', 'docker-compose.yml', 'dockerfile', '.travis.yml', '.gitlab-ci.yml', '.bak', '.old', '.swp', '~', '.sqlite', '.mdb', 'etc/hosts', 'etc/hostname']);

const files = new Matcher(SENSITIVE);
// (the Windows system directory too: process paths in telemetry and error reports name it; its files of interest,
// system32/config and drivers/etc/hosts, are patterns of their own)
const DIRECTORIES = new Set(['var/log/', 'usr/local/apps', 'usr/local/etc', 'opt/lampp', 'inetpub/', 'etc/httpd/', 'etc/apache2/', 'etc/nginx/', 'windows/system32', 'winnt/system32']);
/** ../ then a relative path to an ordinary asset (no further climbing): ../assets/logo.svg, ../guide/setup.md */
const RELATIVE_ASSET = /^\.\.\/[a-z0-9_-]{1,40}(?:\/[a-z0-9_.-]{1,60}){0,6}\.(?:svg|png|jpe?g|gif|webp|ico|css|scss|js|mjs|ts|tsx|jsx|md|html?|json|txt|csv|pdf|vue)$/;

function sep(c: string | undefined): boolean {
  return c === undefined || c === '/' || c === '=' || c === ':' || c === ' ' || c === '"' || c === "'" || c === '\0' || c === '?' || c === '&' || c === ';' || c === '|' || c === '<' || c === '>' || c === ',' || c === '`' || c === ')' || c === '\n';
}

function dotdot(s: string): { count: number; at: number } {
  let count = 0;
  let at = -1;
  // the next search starts after this segment's dots and parameter (a run of dots is read once: linear)
  for (let i = s.indexOf('..'), j = 0; i >= 0 && count < 64; i = s.indexOf('..', Math.max(i + 2, j))) {
    // ../ ..\ ..;/ .../ and a trailing .. (dir/..); Tomcat drops a path parameter from a segment: ..;x=1/ is ../
    j = i + 2;
    while (s[j] === '.') j++;
    if (s[j] === ';') {
      const end = j + 64;
      j++;
      while (j < s.length && j < end && s[j] !== '/' && s[j] !== '?' && s[j] !== '#' && s[j] !== ' ' && s[j] !== '&') j++;
    }
    const next = s[j];
    const prev = s[i - 1];
    if (next === '/' || (next === undefined && prev === '/')) {
      if (prev === undefined || prev === '/' || prev === '=' || prev === ' ' || prev === '.' || prev === ':' || prev === '"' || prev === "'" || prev === '\0' || prev === ';' || prev === '|' || prev === '&' || prev === '(') {
        count++;
        if (at < 0) at = i;
      }
    }
  }
  return { count, at };
}

/** Hidden directories that web servers legitimately serve (ACME, host platform endpoints). */
const SERVED_HIDDEN = /^\/\.(?:well-known|netlify|auth|vercel|nuxt|next)\//;
/** A file in a hidden directory of the URL path: tool state and secrets (/.n8n/config, /.tool/secrets.env). */
const HIDDEN_FILE = /\/\.[a-z0-9_][a-z0-9_.-]{0,40}\/(?:[a-z0-9_.-]{1,60}\/){0,4}([a-z0-9_.-]{1,60})$/;
/** Log files requested by URL (/wp-content/error.log): they hold paths, tokens and stack traces. */
const LOG_FILE = /\/(?:error|errors|debug|php_errors|error_log|debug_log)(?:\.log|_log)?(?:\.[0-9])?$/;

/** Vite dev-server file access (/@fs/ + an absolute path, /@id/__x00__ virtual modules): never an API's path. */
const DEV_SERVER_FILE = /^\/@(?:fs\/|id\/__x00__)/;

function hiddenPath(s: string, ctx: ScanContext): void {
  if (DEV_SERVER_FILE.test(s)) return hit(ctx, 'lfi.dev-server-file', 5, s.slice(0, 60));
  if (LOG_FILE.test(s) && /\.log|_log/.test(s)) return hit(ctx, 'lfi.log-file', 5, s.slice(-60));
  if (SERVED_HIDDEN.test(s)) return;
  const m = HIDDEN_FILE.exec(s);
  if (!m) return;
  const secretish = /(?:^|[._-])(?:env|config|conf|cfg|ini|toml|ya?ml|json|pem|key|db|sqlite3?|credentials|secrets?|token|history|log)$/.test(m[1]!);
  hit(ctx, 'lfi.hidden-file', secretish ? 5 : 4, s.slice(Math.max(0, m.index), m.index + 60));
}

/** The value is a sentence quoting code in markdown spans, and no dot-dot segment is outside a span. */
function allInCodeSpans(s: string): boolean {
  const spans = codeSpansInProse(s);
  if (!spans) return false;
  let outside = '';
  let last = 0;
  for (const [a, b] of spans) {
    outside += `${s.slice(last, a)} `;
    last = b + 1;
  }
  return dotdot(outside + s.slice(last)).count === 0;
}

const detector: Detector = {
  category: 'lfi',
  triggers: C.DOT | C.SLASH | C.BSLASH | C.TILDE_CARET,
  kinds: ['path', 'query', 'query-key', 'header', 'cookie', 'body', 'body-key', 'filename', 'raw-body'],
  scan(v: ScanValue, ctx: ScanContext): void {
    // a path spelled with shell evasions (/et$@c/pas''swd, /e"t"c/passwd) names the same file
    // (not with backslashes: they are Windows separators here, which the shell view would drop)
    const evasive = !(v.classes & C.BSLASH) && v.classes & C.SLASH && (v.classes & C.DOLLAR || (v.classes & QUOTES && /[a-z/]['"`]+[a-z/]/.test(v.lower)));
    const base = evasive ? v.view('shell-unquote,lower') : v.lower;
    let s = base.indexOf('\\') >= 0 ? base.replace(/\\+/g, '/') : base;
    // 0x2e 0x2f 0x5c spelled out (0x2e0x2e0x2f = ../)
    if (s.includes('0x')) s = s.replace(/0x2e/g, '.').replace(/0x2f|0x5c/g, '/');
    const dd = dotdot(s);
    let climb = 0;
    if (dd.count > 0 && !(v.kind === 'header' && (v.name === 'referer' || v.name === 'origin') && dd.count < 2)) {
      // one ../ in front of an ordinary relative path (../assets/logo.svg) is how people write paths; climbing twice is not
      const leading = (dd.at === 0 && !RELATIVE_ASSET.test(s) && !/^\.\.\/\s/.test(s)) || (dd.at === 1 && s[0] === '/');
      climb = dd.count >= 2 || v.kind === 'filename' || leading ? 5 : 4;
    }
    // a referer is a URL; one that is a bare path or a command line is a payload, read like any value
    if (v.kind === 'header' && v.name === 'referer' && /^[a-z][a-z0-9+.-]{0,20}:\/\//.test(s)) return;
    if (v.kind === 'path') hiddenPath(s, ctx);
    // a path mentioned in a sentence ("the last lines of /var/log/app.log") is not a path the application opens
    const mayBeProse = v.kind !== 'path' && v.kind !== 'filename' && dd.count === 0;
    // counted only when a file name is found (most values have none)
    let prose: boolean | undefined;
    const isProse = (): boolean => (prose ??= mayBeProse && proseWords(s) >= 5);
    let best = 0;
    let evidence = '';
    files.scan(s, (h) => {
      const before = s[h.start - 1];
      const first = h.pattern[0];
      const after = s[h.end];
      const lastSlash = h.pattern.endsWith('/');
      if (!lastSlash && !(sep(after) || after === '.' || after === '\\' || after === '#' || after === '%')) return;
      const anchored = first === '.' || first === '~' ? /[a-z0-9_-]/.test(before ?? '') === false || h.pattern.length > 4 : sep(before) || before === '.' || before === '\\';
      if (!anchored) return;
      if (SEGMENT_ONLY.has(h.pattern) && (first === '.' || first === '~') && !/[a-z0-9_-]/.test(before ?? '')) return; // ".bak" needs a file name before it
      if (SEGMENT_ONLY.has(h.pattern) && first !== '.' && first !== '~' && before !== '/') return;
      const pathLike = s.startsWith('/', h.start - 1) || h.start === 0 || dd.count > 0 || v.kind === 'path' || v.kind === 'filename' || s.startsWith('file:');
      let score = LOW.has(h.pattern) ? 3 : pathLike ? 5 : 4;
      if (v.kind === 'body' && !pathLike && s.length > 80) score = Math.min(score, 3);
      if (h.start > 1 && isProse()) score = Math.min(score, 3);
      // a directory of logs or configuration named without traversal: worth a look, not proof
      if (DIRECTORIES.has(h.pattern) && dd.count === 0 && v.kind !== 'path') score = Math.min(score, 4);
      if (score > best) {
        best = score;
        evidence = s.slice(Math.max(0, h.start - 10), h.end + 20);
      }
      return best >= 5;
    });
    if (climb) {
      // a relative link in a sentence ("[open an issue](../../issues/new)", "`../x` resolves to"): the dots follow a
      // bracket, a backtick or a space, so no path a file API opens has them as a segment; with a file worth reading at
      // the end it stays a traversal
      const opener = s[dd.at - 1];
      // (or every dot-dot segment sits in a code span of a sentence: "`a/../b` → `b`, `../x` stays `../x`")
      const mention = v.kind !== 'path' && v.kind !== 'filename' && best < 4 && (((opener === '(' || opener === '`' || opener === ' ') && proseWords(s) >= 5) || (v.classes & C.BACKTICK && allInCodeSpans(s)));
      hit(ctx, 'lfi.path-traversal', mention ? 3 : climb, s.slice(dd.at, dd.at + 60));
    }
    if (best) hit(ctx, 'lfi.sensitive-file', best, evidence, best >= 4 || (best === 3 && isProse()) ? 1 : 2);
  },
};

registerDetector(detector);
