import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { hit, uploadedFileName } from './util.js';

// Uploads named like a file that configures the server, the application or a user's shell where it lands: an
// arbitrary-upload flaw turns .htaccess (AddType x-httpd-php), .user.ini (auto_prepend_file), web.config, wp-config.php
// or authorized_keys into code execution or a login. Read on uploaded file names only (util.ts uploadedFileName).

/** Files that change how the server runs what is beside them, the application's own configuration, a user's login. */
const TAKEOVER = new Set([
  '.htaccess', '.htpasswd', '.htdigest', '.user.ini', 'php.ini', 'web.config', 'settings.php', 'localsettings.php', 'configuration.php',
  'config.inc.php', '.bashrc', '.bash_profile', '.bash_login', '.profile', '.zshrc', '.netrc', '.npmrc', '.pypirc', '.pgpass',
  '.boto', '.s3cfg', '.git-credentials', 'authorized_keys', 'authorized_keys2',
]);
/** Framework configuration (Symfony's app/config): also a name a user's own file may have, so high, not critical. */
const FRAMEWORK = /^(?:config(?:_(?:dev|prod|test))?|parameters|services|routing|security)\.ya?ml$/;
/** WordPress's configuration in any spelling (wp-config.php.bak, wp-config_php.txt): never a user's upload. */
const WP_CONFIG = /^wp-config(?:$|[._ -])/;

const detector: Detector = {
  category: 'rce',
  triggers: 0,
  kinds: ['filename', 'header'],
  scan(v: ScanValue, ctx: ScanContext): void {
    if (!uploadedFileName(v)) return;
    const l = v.lower;
    const slash = Math.max(l.lastIndexOf('/'), l.lastIndexOf('\\'));
    const full = slash >= 0 ? l.slice(slash + 1) : l;
    // Windows drops trailing dots and spaces from a name ("config.yml ", ".htaccess."): a filter's check sees another
    const name = full.replace(/[. ]{1,8}$/, '').trimStart();
    if (name.length < 4 || name.length > 80) return;
    const padded = name !== full.trimStart();
    if (TAKEOVER.has(name) || WP_CONFIG.test(name)) hit(ctx, 'rce.config-upload', 5, full.slice(-60));
    else if (FRAMEWORK.test(name)) hit(ctx, 'rce.config-upload', padded ? 5 : 4, full.slice(-60));
  },
};

registerDetector(detector);
