// Every detector registers itself on import; the engine iterates the registry without knowing their names.
// To add one: write detectors/NAME.ts that calls registerDetector(...), and import it here.
import './sqli.js';
import './xss.js';
import './traversal.js';
import './cmdi.js';
import './ssrf.js';
import './rfi.js';
import './xxe.js';
import './ssti.js';
import './jndi.js';
import './nosql.js';
import './prototype-pollution.js';
import './ldap.js';
import './crlf.js';
import './php.js';
import './java.js';
import './java-xml.js';
import './node.js';
import './session-fixation.js';
import './scanner.js';
import './mail.js';
import './orm.js';
import './upload-names.js';
