import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { Matcher, wordBounded } from '../match/aho.js';
import { browserAgent, hit, skipSpace } from './util.js';

// PHP code injection: open tags, stream wrappers, calls to functions that run code or commands, superglobals,
// serialized objects, variable-function calls, ini directives and uploads of PHP files.

const HIGH = ['eval', 'assert', 'system', 'exec', 'shell_exec', 'passthru', 'popen', 'proc_open', 'pcntl_exec', 'create_function', 'call_user_func', 'call_user_func_array', 'preg_replace', 'phpinfo', 'base64_decode', 'gzinflate', 'gzuncompress', 'gzdecode', 'str_rot13', 'file_get_contents', 'file_put_contents', 'fopen', 'fwrite', 'fputs', 'readfile', 'include', 'include_once', 'require', 'require_once', 'move_uploaded_file', 'unserialize', 'array_map', 'usort', 'uasort', 'array_filter', 'array_walk', 'register_shutdown_function', 'register_tick_function', 'ob_start', 'posix_getpwuid', 'posix_kill', 'posix_setuid', 'dl', 'putenv', 'ini_set', 'set_include_path', 'symlink', 'chmod', 'unlink', 'rmdir', 'mkdir', 'copy', 'rename', 'highlight_file', 'show_source', 'php_uname', 'getenv', 'get_current_user', 'getcwd', 'scandir', 'glob', 'opendir', 'readdir', 'curl_exec', 'curl_init', 'fsockopen', 'pfsockopen', 'stream_socket_client', 'mail', 'chr', 'ord', 'hex2bin', 'bin2hex', 'convert_uudecode', 'str_replace', 'strrev', 'escapeshellcmd', 'escapeshellarg', 'var_dump', 'print_r', 'var_export', 'extract', 'parse_str', 'compact', 'define', 'constant', 'func_get_args', 'reflectionfunction', 'invoke', 'invokeargs', 'mb_ereg_replace', 'preg_replace_callback', 'iterator_apply', 'forward_static_call', 'session_start', 'header', 'md5', 'sha1', 'crc32', 'strlen', 'substr', 'explode', 'implode', 'is_file', 'file_exists', 'file', 'fread', 'fgets', 'fclose', 'stream_get_contents', 'get_defined_vars', 'get_defined_functions', 'array_merge', 'sprintf', 'printf', 'echo', 'print', 'die', 'exit'];
/** Function names that are also ordinary words: a call alone scores low. */
const WORDS = new Set(['system', 'exec', 'assert', 'include', 'require', 'file', 'copy', 'rename', 'mail', 'header', 'define', 'constant', 'extract', 'compact', 'echo', 'print', 'die', 'exit', 'invoke', 'glob', 'chr', 'ord', 'md5', 'sha1', 'crc32', 'strlen', 'substr', 'explode', 'implode', 'sprintf', 'printf', 'mkdir', 'chmod', 'unlink', 'rmdir', 'symlink', 'array_map', 'usort', 'array_filter', 'array_merge', 'fclose', 'dl', 'getenv']);
const CRITICAL = new Set(['eval', 'assert', 'system', 'exec', 'shell_exec', 'passthru', 'popen', 'proc_open', 'pcntl_exec', 'create_function', 'phpinfo', 'base64_decode', 'gzinflate', 'str_rot13', 'file_put_contents', 'file_get_contents', 'move_uploaded_file', 'fsockopen', 'php_uname', 'highlight_file', 'show_source', 'call_user_func', 'call_user_func_array', 'preg_replace', 'unserialize', 'readfile', 'fopen', 'fwrite', 'include_once', 'require_once', 'curl_exec', 'posix_getpwuid', 'hex2bin', 'convert_uudecode', 'get_defined_vars']);
const functions = new Matcher(HIGH);
const WRAPPERS = ['php://', 'phar://', 'zip://', 'expect://', 'zlib://', 'compress.zlib://', 'compress.bzip2://', 'glob://', 'ogg://', 'rar://', 'ssh2.shell://', 'ssh2.exec://', 'ssh2.tunnel://', 'data://text/plain', 'data:text/plain;base64'];
const SUPERGLOBALS = /\$(?:_get|_post|_request|_server|_cookie|_files|_env|_session|globals|http_raw_post_data|http_(?:get|post|server|cookie)_vars)\b/;
const INI = /\b(?:allow_url_include|allow_url_fopen|auto_prepend_file|auto_append_file|disable_functions|open_basedir|safe_mode|register_globals|magic_quotes_gpc|enable_dl|suhosin\.[a-z_.]+|output_handler|error_log|include_path|sendmail_path|mail\.add_x_header)\s*=/;

const INI_AT_START = /^\s*(?:memory_limit|max_execution_time|max_input_time|post_max_size|upload_max_filesize|upload_tmp_dir|extension|zend_extension|extension_dir|opcache\.[a-z_.]{2,40}|mbstring\.[a-z_.]{2,40}|pcre\.[a-z_.]{2,40}|session\.[a-z_.]{2,40}|smtp|smtp_port|sendmail_from|display_errors|display_startup_errors|log_errors|html_errors|short_open_tag|expose_php|variables_order|request_order|file_uploads|user_ini\.[a-z_]{2,20}|phar\.[a-z_]{2,20}|assert\.[a-z_]{2,20}|xdebug\.[a-z_.]{2,40}|date\.timezone)\s*=/;
const OBFUSCATED_NAME = /[([]\s{0,8}["']?\s{0,8}(?:system|exec|shell_exec|passthru|popen|proc_open|assert|eval|phpinfo|pcntl_exec)\s{0,8}["']?\s{0,8}[)\]]|["'](?:system|shell_exec|passthru|popen|proc_open|phpinfo|pcntl_exec)["']\s{0,8}\(/;
const PHP_API_CALL = /^\s*(?:posix|ldap|pg|mysqli|tidy|sodium|openssl|pcntl|proc|stream|socket|curl|ftp|gz|bz|zip|mb|iconv|xml|xmlrpc|libxml|simplexml|dom|json|array|str|date|is|get|set|ini|ob|session|filter|func|call|class|method|property|ctype|hash|mcrypt|imap|exif|finfo|image|gd|intl|apcu|opcache|spl|iterator|debug|error|highlight|php|zend|sys|disk|fs|file|dir|readline|shmop|sem|msg|shm|sapi|getmy|inet|dns|gethostby|mail|mhash|bcmath|gmp|ftok|lcg|uniqid|random|mt|var)_[a-z0-9_]{2,40}\s*(?:\/\*[^*]{0,20}\*\/\s*)?\(\s*\)?\s*$/;

const detector: Detector = {
  category: 'php',
  triggers: C.LT | C.PAREN | C.COLON | C.DOLLAR | C.DOT | C.EQ | C.BRACE,
  kinds: ['path', 'query', 'query-key', 'header', 'cookie', 'cookie-key', 'body', 'body-key', 'filename', 'raw-body'],
  scan(v: ScanValue, ctx: ScanContext): void {
    if (browserAgent(v)) return;
    const s = v.lower;
    if (v.classes & C.LT) {
      const open = s.indexOf('<?');
      if (open >= 0) {
        const nx = s.slice(open + 2, open + 6);
        if (nx.startsWith('php') || nx.startsWith('=')) return hit(ctx, 'php.open-tag', 5, s.slice(open, open + 60));
        // <? php echo, <?xml:echo 1;, <? echo test: PHP statements after a short tag (an XML declaration is not one)
        const after = s.slice(open + 2, open + 200);
        if (!/^xml\s+(?:version|encoding)/.test(after) && /^[a-z]{0,5}[\s:(]{0,12}(?:php\b|echo\b|print\b|eval\b|system\b|exec\b|passthru\b|include\b|require\b|\$[a-z_]|\(\)\s*;)/.test(after)) return hit(ctx, 'php.open-tag', 5, s.slice(open, open + 60));
        if (/^\s/.test(nx) && /[($;]/.test(s.slice(open, open + 200))) return hit(ctx, 'php.open-tag', 5, s.slice(open, open + 60));
      }
    }
    if (v.classes & C.COLON) {
      const w = WRAPPERS.find((x) => s.includes(x));
      if (w) return hit(ctx, 'php.stream-wrapper', 5, s.slice(s.indexOf(w), s.indexOf(w) + 60));
    }
    if (v.classes & C.DOLLAR && SUPERGLOBALS.test(s)) {
      const m = SUPERGLOBALS.exec(s)!;
      hit(ctx, 'php.superglobal', 5, s.slice(m.index, m.index + 40));
    }
    // {php}...{/php} (Smarty) and [php]...[/php] blocks with code in them
    if (v.classes & (C.BRACE | C.BRACKET) && /[[{]\/?php[\]}]/.test(s) && /[[{]php[\]}][^]{0,200}(?:echo|print|\$|;|\()|(?:echo|print|\$|;|\()[^]{0,200}[[{]\/php[\]}]/.test(s)) hit(ctx, 'php.open-tag', 5, s.slice(0, 60));
    if (v.classes & C.EQ && INI_AT_START.test(s)) hit(ctx, 'php.ini-directive', 5, s.slice(0, 60));
    if (v.classes & C.EQ && INI.test(s)) {
      const m = INI.exec(s)!;
      hit(ctx, 'php.ini-directive', 5, s.slice(m.index, m.index + 60));
    }
    if (v.classes & C.COLON && /(?:^|[;{])\s*o:\+?[0-9]{1,4}:"[a-z_\\][a-z0-9_\\]{0,100}":[0-9]{1,4}:\{/.test(s)) hit(ctx, 'php.serialized-object', 5, s.slice(0, 60));
    if (v.classes & C.PAREN) {
      let best = 0;
      let ev = '';
      functions.scan(s, (h) => {
        if (!wordBounded(s, h) || s[h.start - 1] === '.' || s[h.start - 1] === '-') return;
        let j = skipSpace(s, h.end);
        if (s[j] === '/' && s[j + 1] === '*') {
          const c = s.indexOf('*/', j);
          if (c > 0) j = skipSpace(s, c + 2);
        }
        if (s[j] !== '(') return;
        const arg = s[skipSpace(s, j + 1)];
        const codeArg = arg === '$' || arg === '"' || arg === "'" || arg === ')' || arg === '`' || (arg !== undefined && /[a-z_]/.test(arg) && /^[a-z_0-9]+\s*\(/.test(s.slice(skipSpace(s, j + 1), skipSpace(s, j + 1) + 40)));
        const word = WORDS.has(h.pattern);
        let score = CRITICAL.has(h.pattern) ? (codeArg ? 5 : word ? 3 : 4) : codeArg && !word ? 4 : word ? 0 : 2;
        if (score === 0) return;
        if (h.start > 0 && /[;})]\s*$|^\s*$/.test(s.slice(Math.max(0, h.start - 3), h.start)) === false && word && !codeArg) score = Math.min(score, 2);
        if (score > best) {
          best = score;
          ev = s.slice(h.start, h.end + 40);
        }
        return best >= 5;
      });
      if (best) hit(ctx, 'php.function-call', best, ev, best >= 3 ? 1 : 2);
      // variable functions and obfuscated calls: $f(...), ${'_GET'}, ("sys"."tem")("id"), $_x[0](...)
      if (v.classes & C.DOLLAR && /\$[a-z_][a-z0-9_]{0,30}\s*(?:(?:\[[^\]]{0,30}\]|\{[^}]{0,30}\})\s*){0,4}(?:\/\*[^*]{0,40}\*\/\s*)?\(|\$\{[^}]{1,30}\}\s*(?:\[[^\]]{0,30}\]\s*){0,3}\(/.test(s)) hit(ctx, 'php.variable-function', 5, s.slice(0, 60));
      // a command function's name in brackets or quotes, then called: (system)(ls), [system][0](ls), "system"(ls)
      const ob = OBFUSCATED_NAME.exec(s);
      if (ob && s.indexOf('(', ob.index + ob[0].length) >= 0 && s.indexOf('(', ob.index + ob[0].length) - (ob.index + ob[0].length) < 40) hit(ctx, 'php.obfuscated-call', 5, s.slice(ob.index, ob.index + 60));
      // a PHP extension function called as the whole value: posix_getegid(), ldap_get_entries(), tidy_parse_string()
      if (PHP_API_CALL.test(s)) hit(ctx, 'php.function-call', 4, s.slice(0, 60));
      if (/\(\s*["'][a-z_]{1,20}["']\s*\.\s*["'][a-z_]{1,20}["']/.test(s) || (/\)\s*\(\s*["'][a-z]/.test(s) && /\(\s*["'(a-z]/.test(s)) || /["'][a-z_]{2,30}["']\s*\(\s*["'$]/.test(s)) hit(ctx, 'php.obfuscated-call', 5, s.slice(0, 60));
    }
    if ((v.kind === 'filename' || (v.kind === 'header' && /^x[-_.]?file[-_.]?name$/.test(v.name ?? ''))) && /\.(?:php[0-9s]?|phtml|phar|pht|phps|pgif|inc)[.\s]*$/.test(s)) hit(ctx, 'php.file-upload', 5, s.slice(-60));
    if (v.classes & C.DOLLAR && /\$\s*\{\s*[a-z_]+\s*\}/.test(s)) hit(ctx, 'php.variable-variable', 3, s.slice(0, 40), 2);
    // ${'_GET'}, $ {'a'.'b'}: a variable named by a string expression
    if (v.classes & C.DOLLAR && /\$\s{0,8}\{\s{0,8}["'][^"'\n]{0,40}["']\s{0,8}[.}]/.test(s)) hit(ctx, 'php.variable-variable', 5, s.slice(0, 40));
  },
};

registerDetector(detector);
