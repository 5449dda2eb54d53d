import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { Matcher, wordBounded } from '../match/aho.js';
import { proseWords } from '../match/prose-words.js';
import { browserAgent, hit, skipSpace, uploadedFileName } from './util.js';

// PHP code injection: open tags, stream wrappers, calls to functions that run code or commands, superglobals,
// serialized objects, variable-function calls, ini directives and uploads of PHP files.

const HIGH = ['eval', 'assert', 'system', 'exec', 'shell_exec', 'passthru', 'popen', 'proc_open', 'pcntl_exec', 'create_function', 'call_user_func', 'call_user_func_array', 'preg_replace', 'phpinfo', 'base64_decode', 'gzinflate', 'gzuncompress', 'gzdecode', 'str_rot13', 'file_get_contents', 'file_put_contents', 'fopen', 'fwrite', 'fputs', 'readfile', 'include', 'include_once', 'require', 'require_once', 'move_uploaded_file', 'unserialize', 'array_map', 'usort', 'uasort', 'array_filter', 'array_walk', 'register_shutdown_function', 'register_tick_function', 'ob_start', 'posix_getpwuid', 'posix_kill', 'posix_setuid', 'dl', 'putenv', 'ini_set', 'set_include_path', 'symlink', 'chmod', 'unlink', 'rmdir', 'mkdir', 'copy', 'rename', 'highlight_file', 'show_source', 'php_uname', 'getenv', 'get_current_user', 'getcwd', 'scandir', 'glob', 'opendir', 'readdir', 'curl_exec', 'curl_init', 'fsockopen', 'pfsockopen', 'stream_socket_client', 'mail', 'chr', 'ord', 'hex2bin', 'bin2hex', 'convert_uudecode', 'str_replace', 'strrev', 'escapeshellcmd', 'escapeshellarg', 'var_dump', 'print_r', 'var_export', 'extract', 'parse_str', 'compact', 'define', 'constant', 'func_get_args', 'reflectionfunction', 'invoke', 'invokeargs', 'mb_ereg_replace', 'preg_replace_callback', 'iterator_apply', 'forward_static_call', 'session_start', 'header', 'md5', 'sha1', 'crc32', 'strlen', 'substr', 'explode', 'implode', 'is_file', 'file_exists', 'file', 'fread', 'fgets', 'fclose', 'stream_get_contents', 'get_defined_vars', 'get_defined_functions', 'array_merge', 'sprintf', 'printf', 'echo', 'print', 'die', 'exit', 'bzdecompress', 'zlib_decode', 'gzcompress', 'gzencode', 'assert_options', 'stream_socket_server', 'socket_create', 'filegroup', 'fileowner', 'fileperms', 'gethostbyname', 'strip_tags', 'unpack', 'serialize', 'apache_setenv', 'virtual', 'get_cfg_var', 'ini_get', 'ini_get_all', 'set_error_handler', 'set_exception_handler', 'spl_autoload_register'];
/** Function names that are also ordinary words: a call alone scores low. */
const WORDS = new Set(['system', 'exec', 'assert', 'include', 'require', 'file', 'copy', 'rename', 'mail', 'header', 'define', 'constant', 'extract', 'compact', 'echo', 'print', 'die', 'exit', 'invoke', 'glob', 'chr', 'ord', 'md5', 'sha1', 'crc32', 'strlen', 'substr', 'explode', 'implode', 'sprintf', 'printf', 'mkdir', 'chmod', 'unlink', 'rmdir', 'symlink', 'array_map', 'usort', 'array_filter', 'array_merge', 'fclose', 'dl', 'getenv']);
const CRITICAL = new Set(['eval', 'assert', 'system', 'exec', 'shell_exec', 'passthru', 'popen', 'proc_open', 'pcntl_exec', 'create_function', 'phpinfo', 'base64_decode', 'gzinflate', 'str_rot13', 'file_put_contents', 'file_get_contents', 'move_uploaded_file', 'fsockopen', 'php_uname', 'highlight_file', 'show_source', 'call_user_func', 'call_user_func_array', 'preg_replace', 'unserialize', 'readfile', 'fopen', 'fwrite', 'include_once', 'require_once', 'curl_exec', 'posix_getpwuid', 'hex2bin', 'convert_uudecode', 'get_defined_vars']);
const functions = new Matcher(HIGH);
const WRAPPERS = ['php://', 'phar://', 'zip://', 'expect://', 'zlib://', 'compress.zlib://', 'compress.bzip2://', 'glob://', 'ogg://', 'rar://', 'ssh2.shell://', 'ssh2.exec://', 'ssh2.tunnel://', 'ssh2.sftp://', 'ssh2.scp://', 'data://text/plain', 'data:text/plain;base64'];
const SUPERGLOBALS = /\$\{?(?:_get|_post|_request|_server|_cookie|_files|_env|_session|globals|http_raw_post_data|http_(?:get|post|server|cookie)_vars)\b/;
const INI = /\b(?:allow_url_include|allow_url_fopen|auto_prepend_file|auto_append_file|disable_functions|open_basedir|safe_mode|register_globals|magic_quotes_gpc|enable_dl|suhosin\.[a-z_.]+|output_handler|error_log|include_path|sendmail_path|mail\.add_x_header)\s*=/;

const INI_AT_START = /^\s*(?:memory_limit|max_execution_time|max_input_time|post_max_size|upload_max_filesize|upload_tmp_dir|extension|zend_extension|extension_dir|opcache\.[a-z_.]{2,40}|mbstring\.[a-z_.]{2,40}|pcre\.[a-z_.]{2,40}|session\.[a-z_.]{2,40}|smtp|smtp_port|sendmail_from|display_errors|display_startup_errors|log_errors|html_errors|short_open_tag|expose_php|variables_order|request_order|file_uploads|user_ini\.[a-z_]{2,20}|phar\.[a-z_]{2,20}|assert\.[a-z_]{2,20}|xdebug\.[a-z_.]{2,40}|date\.timezone|unserialize_max_depth|unserialize_callback_func|serialize_precision|zend\.assertions|zend\.exception_ignore_args|realpath_cache_size|max_input_vars|max_input_nesting_level)\s*=/;
const OBFUSCATED_NAME = /[([]\s{0,8}["']?\s{0,8}(?:system|exec|shell_exec|passthru|popen|proc_open|assert|eval|phpinfo|pcntl_exec)\s{0,8}["']?\s{0,8}[)\]]|["'](?:system|shell_exec|passthru|popen|proc_open|phpinfo|pcntl_exec)["']\s{0,8}\(/;
const PHP_API_CALL = /^\s*(?:posix|ldap|pg|mysqli|tidy|sodium|openssl|pcntl|proc|stream|socket|curl|ftp|gz|bz|zip|mb|iconv|xml|xmlrpc|libxml|simplexml|dom|json|array|str|date|is|get|set|ini|ob|session|filter|func|call|class|method|property|ctype|hash|mcrypt|imap|exif|finfo|image|gd|intl|apcu|opcache|spl|iterator|debug|error|highlight|php|zend|sys|disk|fs|file|dir|readline|shmop|sem|msg|shm|sapi|getmy|inet|dns|gethostby|mail|mhash|bcmath|gmp|ftok|lcg|uniqid|random|mt|var|odbc)_[a-z0-9_]{2,40}\s*(?:\/\*[^*]{0,20}\*\/\s*)?\(\s*\)?\s*$/;
/** PHP function names as other languages' APIs spell them (Node's fs.readFile, Java's invokeArgs, Deno's readDir). */
const CAMEL_NAMES = /^(?:readFile|invokeArgs|getEnv|readDir|openDir|getCwd|fileGroup|fileOwner|filePerms|md5File|strRev)$/;
/** A PHP-only extension function called with a variable, as the whole value: odbc_exec($c, $q), pg_query($db, "…"). */
const PHP_ONLY_CALL = /^\s*(?:posix|pg|mysqli|sodium|openssl|pcntl|odbc|imap|mb|array)_[a-z0-9_]{2,40}\s*\(\s*\$[a-z_][^()]{0,200}\)\s*;?\s*$/;
/** The extension prefixes only PHP names functions with (array_diff, pg_query, sodium_…); get_, is_, str_ are everyone's. */
const PHP_ONLY_PREFIX = /^\s*(?:posix|pg|mysqli|sodium|openssl|pcntl|libxml|simplexml|mcrypt|imap|exif|finfo|apcu|opcache|spl|zend|readline|shmop|sapi|getmy|mhash|odbc|array|ctype|mb|gz|bz|ob|ini|xmlrpc|tidy)_/;

const PHP_UPLOAD = /\.\s{0,4}(?:php[0-9]{0,4}[st]?|phtml|phar|pht|phps|pgif|inc)(?:[.\s]*$|\s{0,4}\.[a-z0-9]{2,5}\s*$)/;
/** A name, a block comment, then a call: touch/*x*\/(), checkdate /*a*\/ (). Prose never puts a comment there. */
const COMMENTED_CALL = /[a-z_][a-z0-9_]{1,40}\s{0,8}\/\*[^*]{0,60}\*\/\s{0,8}\(/;
/** After the call's opening parenthesis: the rest of the value is the call (its argument list and an optional ;). */
const WHOLE_CALL = /^\(\s*[^()]{0,200}(?:\)\s*(?:\[[0-9]{1,3}\]\s*)?;?\s*)?$/;
/** A parenthesised name (or one with comments), then optional [n] subscripts and comments, then a call. */
const EXPRESSION_CALL = /\(\s{0,8}(?:\/\*[^*]{0,40}\*\/\s{0,8})?([a-z_][a-z0-9_]{0,30})\s{0,8}(?:\/\*[^*]{0,40}\*\/\s{0,8})?\)\s{0,8}(?:\/\*[^*]{0,40}\*\/\s{0,8})?(?:\[[0-9]{1,3}\]\s{0,4}){0,4}\(/;

/** PHP functions that call a function named in their arguments, with a command or code function named in quotes. */
const CALLBACK_CALL = /\b(?:reflectionfunction|array_map|array_filter|array_walk|array_walk_recursive|array_reduce|usort|uasort|uksort|call_user_func|call_user_func_array|forward_static_call|forward_static_call_array|register_shutdown_function|register_tick_function|iterator_apply|ob_start|set_error_handler|set_exception_handler|preg_replace_callback|preg_replace_callback_array|spl_autoload_register|header_register_callback)\s{0,8}\([^()]{0,80}?["'](?:system|exec|shell_exec|passthru|popen|proc_open|pcntl_exec|assert|eval|create_function|phpinfo|include|require)["']/;

/** A parenthesised concatenation of pieces, then a call: ('sy'.'stem')('id'), (sy.(st).em)(@id). Group 1: the pieces. */
const CONCATENATED_CALL = /\(\s{0,4}((?:\(?\s{0,4}["']?[a-z_]{1,20}["']?\s{0,4}\)?\s{0,4}\.\s{0,4}){1,8}\(?\s{0,4}["']?[a-z_]{1,20}["']?\s{0,4}\)?)\s{0,4}\)\s{0,4}\(/;

/**
 * A name in mixed case no convention writes: two or more capitals after a lower-case letter (subSTR, unPACK) or case
 * flipping three times (ZlIb). camelCase (readFile, invokeArgs) and Title Case (Exec) are how other languages write.
 */
function caseEvasion(name: string): boolean {
  let flips = 0;
  let prevUpper: boolean | undefined;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    if (!upper && !(c >= 97 && c <= 122)) {
      prevUpper = undefined;
      continue;
    }
    if (prevUpper !== undefined && upper !== prevUpper) flips++;
    if (upper && prevUpper && i >= 2 && /[a-z]/.test(name[i - 2]!)) return true;
    prevUpper = upper;
  }
  return flips >= 3;
}

/**
 * Skips whitespace and PHP comments (/* *\/, # and // to the end of the line) after a function name, bounded.
 * Returns the next index and whether a comment was skipped.
 */
function skipCodeGap(s: string, i: number): [number, boolean] {
  let j = skipSpace(s, i);
  let commented = false;
  for (let n = 0; n < 4; n++) {
    if (s[j] === '/' && s[j + 1] === '*') {
      const c = s.indexOf('*/', j + 2);
      if (c < 0 || c - j > 200) break;
      j = skipSpace(s, c + 2);
    } else if (s[j] === '#' || (s[j] === '/' && s[j + 1] === '/')) {
      const c = s.indexOf('\n', j);
      if (c < 0 || c - j > 200) break;
      j = skipSpace(s, c + 1);
    } else break;
    commented = true;
  }
  return [j, commented];
}

/**
 * A variable called as a function: $f(…), $_[0](…), $__[$_[1]](7), $x /*c*\/ [@5] /*c*\/ (), ${@_.__}(31), $a //x\n().
 * Scans each $ once with bounded look-ahead (subscripts may nest one level). Returns the index of the $, or -1.
 */
function variableCall(s: string): number {
  let at = s.indexOf('$');
  for (let n = 0; at >= 0 && n < 64; n++, at = s.indexOf('$', at + 1)) {
    let j = skipSpace(s, at + 1);
    if (s[j] === '{') {
      const c = s.indexOf('}', j);
      // ${}: an empty name
      if (c < 0 || c - j > 40 || !s.slice(j + 1, c).trim()) continue;
      j = c + 1;
    } else {
      const k = j;
      while (j < s.length && j - k < 40 && /[a-z0-9_]/.test(s[j]!)) j++;
      if (j === k || /[0-9]/.test(s[k]!)) continue;
    }
    // subscripts and comments, then (
    for (let steps = 0; steps < 8; steps++) {
      const [g] = skipCodeGap(s, j);
      j = g;
      if (s[j] !== '[' && s[j] !== '{') break;
      const open = s[j];
      const close = open === '[' ? ']' : '}';
      let depth = 0;
      let k = j;
      for (; k < s.length && k - j < 60; k++) {
        if (s[k] === open) depth++;
        else if (s[k] === close && --depth === 0) break;
      }
      if (depth !== 0 || k >= s.length) break;
      // $a[]() and $a{}() read nothing (PHP refuses [] for reading): no function name comes out of them
      if (/^[[{]\s*[\]}]$/.test(s.slice(j, k + 1))) {
        j = -1;
        break;
      }
      j = k + 1;
    }
    if (j >= 0 && s[j] === '(') return at;
  }
  return -1;
}

const detector: Detector = {
  category: 'php',
  triggers: C.LT | C.PAREN | C.COLON | C.DOLLAR | C.DOT | C.EQ | C.BRACE | C.BRACKET,
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
        // <?xml :fputcsv($f, …): a call with a variable or string argument right after the tag
        if (/^[a-z]{0,5}[\s:]{1,12}[a-z_][a-z0-9_]{1,40}\s{0,4}\(\s{0,4}[$"']/.test(after)) return hit(ctx, 'php.open-tag', 5, s.slice(open, open + 60));
        if (/^\s/.test(nx) && /[($;]/.test(s.slice(open, open + 200))) return hit(ctx, 'php.open-tag', 5, s.slice(open, open + 60));
        // a short open tag that ends the value (test<?): the start of code cut off by the application's own text
        if (open === s.length - 2 && open > 0) hit(ctx, 'php.open-tag', 4, s.slice(Math.max(0, open - 20)));
      }
    }
    if (v.classes & C.COLON) {
      // include/require of a remote or wrapped file: require_once "http://…", include('php://input')
      const inc = s.includes('://') ? /\b(?:include|require)(?:_once)?\s{0,8}\(?\s{0,8}["'](?:https?|ftps?|php|data|expect|phar|zip|zlib|compress\.zlib):\/\//.exec(s) : null;
      if (inc) return hit(ctx, 'php.remote-include', 5, s.slice(inc.index, inc.index + 60));
      const w = WRAPPERS.find((x) => s.includes(x));
      if (w) return hit(ctx, 'php.stream-wrapper', 5, s.slice(s.indexOf(w), s.indexOf(w) + 60));
    }
    if (v.classes & C.DOLLAR && SUPERGLOBALS.test(s)) {
      const m = SUPERGLOBALS.exec(s)!;
      hit(ctx, 'php.superglobal', 5, s.slice(m.index, m.index + 40));
    }
    // {php}...{/php} (Smarty) and [php]...[/php] blocks with code in them
    if (v.classes & (C.BRACE | C.BRACKET) && /[[{][/\\]?php[\]}](?!\()/.test(s)) {
      // a closing tag, or an opening one with code after it: [php]echo 1;[/php], {php}x{/php}, code[/php]
      const code = /[[{]php[\]}][^]{0,200}(?:echo|print|\$|;|\()|(?:echo|print|\$|;|\()[^]{0,200}[[{][/\\]php[\]}]/.test(s);
      const close = /[[{][/\\]php[\]}]/.test(s);
      if (code || close) hit(ctx, 'php.open-tag', code || /[[{]php[\]}]/.test(s) ? 5 : 4, s.slice(0, 60));
    }
    if (v.classes & C.EQ && INI_AT_START.test(s)) hit(ctx, 'php.ini-directive', 5, s.slice(0, 60));
    if (v.classes & C.EQ && INI.test(s)) {
      const m = INI.exec(s)!;
      hit(ctx, 'php.ini-directive', 5, s.slice(m.index, m.index + 60));
    }
    if (v.classes & C.COLON && /(?:^|[;{])\s*[oc]:\+?[0-9]{1,4}:"[a-z_\\][a-z0-9_\\]{0,100}":[0-9]{1,4}:\{/.test(s)) hit(ctx, 'php.serialized-object', 5, s.slice(0, 60));
    if (v.classes & C.PAREN) {
      let best = 0;
      let ev = '';
      functions.scan(s, (h) => {
        // obj.system( and a-exec( are other names; '.system('id').' is a string broken and a call concatenated into it
        const concatenated = s[h.start - 1] === '.' && /["']\s{0,4}\.$/.test(s.slice(Math.max(0, h.start - 6), h.start));
        if ((s[h.start - 1] === '.' && !concatenated) || s[h.start - 1] === '-') return;
        // a distinctive name glued to other letters still calls it (FOOgzinflate()); a common word does not
        const distinctive = !WORDS.has(h.pattern) && (h.pattern.includes('_') || h.pattern.length >= 8);
        if (!wordBounded(s, h) && !(distinctive && !/[a-z0-9_]/.test(s[h.end] ?? ''))) return;
        const [j, commented] = skipCodeGap(s, h.end);
        if (s[j] !== '(') return;
        // a comment between a function name and its parenthesis is code written to evade (exec/*x*/(), system#\n())
        if (commented) {
          best = 5;
          ev = s.slice(h.start, h.end + 40);
          return true;
        }
        const arg = s[skipSpace(s, j + 1)];
        const codeArg = arg === '$' || arg === '"' || arg === "'" || arg === ')' || arg === '`' || (arg !== undefined && /[a-z_]/.test(arg) && /^[a-z_0-9]+\s*\(/.test(s.slice(skipSpace(s, j + 1), skipSpace(s, j + 1) + 40)));
        const word = WORDS.has(h.pattern);
        if (concatenated && CRITICAL.has(h.pattern) && codeArg) {
          best = 5;
          ev = s.slice(Math.max(0, h.start - 2), h.end + 40);
          return true;
        }
        // PHP names are case-insensitive and written in lower case: subSTR(, unPACK(, ZlIb_DeCoDe( are spelled to evade
        if (v.decoded.length === s.length && caseEvasion(v.decoded.slice(h.start, h.end))) {
          best = 5;
          ev = s.slice(h.start, h.end + 40);
          return true;
        }
        let score = CRITICAL.has(h.pattern) ? (codeArg ? 5 : word ? 3 : 4) : codeArg && !word ? 4 : word ? 0 : 2;
        // an empty call of a common word in a sentence names the function ("exec() and fork()"); phpinfo() stays
        if (score === 5 && word && arg === ')' && proseWords(s) >= 5) score = 3;
        // and so does a markdown code span in a sentence ("ignore all `eval()` calls"), which the XSS scan reads too
        // (any empty call named so: "`resolve()` and `serialize()` throw")
        if (score >= 4 && s[h.start - 1] === '`' && arg === ')' && proseWords(s) >= 5) score = 2;
        // the whole value is one call to a function that runs code, commands or files (system(whoami), fopen (x)), or
        // to a PHP function with a name no prose uses (curl_init(), gzdecode(, FOOfsockopen())
        // (a common word needs the parenthesis glued to it: "system(whoami)" is code, "exec (summary)" a title)
        if ((CRITICAL.has(h.pattern) || distinctive) && (!WORDS.has(h.pattern) || j === h.end || codeArg) && (h.start === skipSpace(s, 0) || (distinctive && !wordBounded(s, h) && /^[a-z0-9_]{1,20}$/.test(s.slice(0, h.start)))) && WHOLE_CALL.test(s.slice(j))) score = 5;
        // camelCase is another language's name (readFile(path) in Node, invokeArgs in Java); PHP writes readfile
        if (arg !== '$' && v.decoded.length === s.length && CAMEL_NAMES.test(v.decoded.slice(h.start, h.end))) score = Math.min(score, 3);
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
      if (v.classes & C.DOLLAR) {
        const at = variableCall(s);
        if (at >= 0) hit(ctx, 'php.variable-function', 5, s.slice(at, at + 60));
      }
      // the result of an expression called: (system)(ls), (x)/*c*/('uname'), (z)[0][0]('id')
      const ec = EXPRESSION_CALL.exec(s);
      if (ec && (CRITICAL.has(ec[1]!) || /^\s*["'$]/.test(s.slice(ec.index + ec[0].length, ec.index + ec[0].length + 8)))) hit(ctx, 'php.obfuscated-call', 5, s.slice(ec.index, ec.index + 60));
      // a command function's name in brackets or quotes, then called: (system)(ls), [system][0](ls), "system"(ls)
      const ob = OBFUSCATED_NAME.exec(s);
      if (ob && (ob[0].endsWith('(') || (s.indexOf('(', ob.index + ob[0].length) >= 0 && s.indexOf('(', ob.index + ob[0].length) - (ob.index + ob[0].length) < 40))) hit(ctx, 'php.obfuscated-call', 5, s.slice(ob.index, ob.index + 60));
      // the pieces joined name a function that runs code or commands
      const cc = v.classes & C.DOT ? CONCATENATED_CALL.exec(s) : null;
      if (cc && CRITICAL.has(cc[1]!.replace(/[^a-z_]/g, ''))) hit(ctx, 'php.obfuscated-call', 5, s.slice(cc.index, cc.index + 60));
      // a command function handed by name to a function that calls it back: array_map('system', …), usort($a, 'assert')
      const cb = v.classes & (C.SQUOTE | C.DQUOTE) ? CALLBACK_CALL.exec(s) : null;
      if (cb) hit(ctx, 'php.callback-call', 5, s.slice(cb.index, cb.index + 60));
      // a string built from character codes: chr(115).chr(121).chr(115)
      if (v.classes & C.DOT && /\bchr\s{0,4}\(\s{0,4}[0-9]{1,3}\s{0,4}\)\s{0,4}\.\s{0,4}chr\s{0,4}\(\s{0,4}[0-9]{1,3}\s{0,4}\)\s{0,4}\.\s{0,4}chr\s{0,4}\(/.test(s)) hit(ctx, 'php.obfuscated-call', 5, s.slice(0, 60));
      if (COMMENTED_CALL.test(s)) hit(ctx, 'php.obfuscated-call', 5, s.slice(0, 60));
      // a PHP extension function called as the whole value: posix_getegid(), ldap_get_entries(), tidy_parse_string()
      // (the last segment of a path too: /get/array_diff ( )
      const call = v.kind === 'path' ? s.slice(s.lastIndexOf('/') + 1) : s;
      if (PHP_ONLY_CALL.test(call)) hit(ctx, 'php.function-call', 5, call.slice(0, 60));
      else if (PHP_API_CALL.test(call)) hit(ctx, 'php.function-call', PHP_ONLY_PREFIX.test(call) ? 5 : 4, call.slice(0, 60));
      if (/\(\s*["'][a-z_]{1,20}["']\s*\.\s*["'][a-z_]{1,20}["']/.test(s) || (/\)\s*\(\s*["'][a-z]/.test(s) && /\(\s*["'(a-z]/.test(s)) || /["'][a-z_]{2,30}["']\s*\(\s*["'$]/.test(s)) hit(ctx, 'php.obfuscated-call', 5, s.slice(0, 60));
    }
    if (v.classes & C.DOLLAR && /\$\s*\{\s*[a-z_]+\s*\}/.test(s)) hit(ctx, 'php.variable-variable', 3, s.slice(0, 40), 2);
    // ${$a}, $ { $name }: a variable named by another variable's value, as the whole value (no template writes $ in braces)
    if (v.classes & C.DOLLAR && s.length < 80 && /^\s*\$\s*\{\s*\$[a-z_][a-z0-9_]{0,30}\s*\}\s*$/.test(s)) hit(ctx, 'php.variable-variable', 5, s.slice(0, 40));
    // ${'_GET'}, $ {'a'.'b'}: a variable named by a string expression
    if (v.classes & C.DOLLAR && /\$\s{0,8}\{\s{0,8}["'][^"'\n]{0,40}["']\s{0,8}[.}]/.test(s)) hit(ctx, 'php.variable-variable', 5, s.slice(0, 40));
  },
};

registerDetector(detector);

/** Uploaded file names (multipart file names and X-File-Name style headers), plain names included. */
const uploads: Detector = {
  category: 'php',
  triggers: 0,
  kinds: ['filename', 'header'],
  scan(v: ScanValue, ctx: ScanContext): void {
    if (!uploadedFileName(v)) return;
    const s = v.lower;
    // shell.php, photo. php, x.php7..., and x.php.jpg (Apache runs a file with .php anywhere among its extensions)
    if (PHP_UPLOAD.test(s)) hit(ctx, 'php.file-upload', 5, s.slice(-60));
    // a PHP session file (sess_ and a session id): writing one plants a session
    else if (/(?:^|[/\\])sess_[a-z0-9,-]{20,256}$/.test(s)) hit(ctx, 'php.session-file', 5, s.slice(-60));
  },
};

registerDetector(uploads);
