import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { everywhere, inspect } from './helpers.js';

// Java deserialization: serialized streams (the magic and a stream, not the magic alone) and XML gadgets read from the
// document's structure (XStream, XMLDecoder), not from a class name that is only an element or attribute name.

const xml = (body: string) => inspect({ body, contentType: 'application/xml' });
const rules = (r: ReturnType<typeof inspect>): string => JSON.stringify(r.findings.map((f) => `${f.rule}@${f.location}`));

/** A serialized PriorityQueue's first bytes: magic, TC_OBJECT, TC_CLASSDESC, the class name. */
const STREAM = Buffer.concat([Buffer.from([0xac, 0xed, 0x00, 0x05, 0x73, 0x72, 0x00, 0x17]), Buffer.from('java.util.PriorityQueue\x94\xda\x30\xb4\xfb\x3f\x82\xb1\x03\x00\x02I\x00\x04sizeL\x00\ncomparatort', 'latin1')]);

test('serialized Java objects in base64 (three alignments), gzip-base64 and hex are flagged', () => {
  const forms = [
    STREAM.toString('base64'),
    Buffer.concat([Buffer.from([0x01]), STREAM]).toString('base64'),
    Buffer.concat([Buffer.from([0x01, 0x02]), STREAM]).toString('base64'),
    STREAM.toString('base64url'),
    gzipSync(STREAM).toString('base64'),
    STREAM.toString('hex'),
    `viewstate:${STREAM.toString('base64')}`,
  ];
  for (const f of forms) {
    for (const r of [...everywhere(f), { headers: { cookie: `rememberMe=${f}` } }]) {
      const res = inspect(r);
      assert.ok(res.findings.some((x) => x.rule === 'java.serialized-object') && res.attack, `${f.slice(0, 30)} ${JSON.stringify(r).slice(0, 60)} → ${rules(res)}`);
    }
  }
});

test('the stream magic where a base64 token starts (a probe, or an object cut short) is flagged at every alignment', () => {
  for (const f of ['rO0ABQ', 'rO0ABQ==', 'rO0ABXQ', 'KztAAU', 'AKztAAU=', 'Cs7QAF', 'ABCs7QAF']) {
    for (const r of [...everywhere(f), { headers: { cookie: `JSESSIONDATA=${f}` } }, { body: JSON.stringify({ [f]: 'test' }), contentType: 'application/json' }]) {
      const res = inspect(r);
      assert.ok(res.attack && res.findings.some((x) => x.rule === 'java.serialization-magic'), `${f} ${JSON.stringify(r).slice(0, 60)} → ${rules(res)}`);
    }
  }
});

test('the magic inside a blob, in hex alone, or named in a sentence is weak evidence (paranoia 3 and up)', () => {
  for (const f of ['aced0005', 'xrO0ABQ', 'abcdefrO0ABQxyz', 'A serialized Java object starts with rO0AB in base64, as our scanner says']) {
    for (const r of everywhere(f)) {
      assert.equal(inspect(r).attack, false, `${f} flagged at paranoia 1`);
      assert.ok(inspect(r, { paranoia: 4 }).attack, `${f} not flagged at paranoia 4`);
    }
  }
});

test('base64 and gzip-base64 of ordinary data is not a serialized object', () => {
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
  const gz = gzipSync(Buffer.from(JSON.stringify({ events: Array.from({ length: 20 }, (_, i) => ({ id: i, type: 'click' })) }))).toString('base64');
  for (const v of [png, `data:image/png;base64,${png}`, gz, 'H4sIAAAAAAAAA', 'deadbeefaced0005', 'rO0ABx', 'rO0AB', 'KztAAA', 'sk_live_Cs7QAF0q']) {
    for (const r of everywhere(v)) assert.equal(inspect(r).attack, false, `${v.slice(0, 30)} → ${rules(inspect(r))}`);
  }
});

test('XStream and XMLDecoder gadgets are flagged from the document structure', () => {
  const gadgets = [
    // XStream: a dangerous class as an element that is an object (children), with custom serialization, or a dynamic proxy
    '<java.lang.ProcessBuilder><command><string>id</string></command></java.lang.ProcessBuilder>',
    '<java.lang.ProcessBuilder> <!-- a --><?x y?>\n<command><string>id</string></command></java.lang.ProcessBuilder>',
    '<map><entry><org.example.Key><x>1</x></org.example.Key><java.lang.ProcessBuilder>\n  <command><string>calc</string></command>\n</java.lang.ProcessBuilder></entry></map>',
    '<java.util.PriorityQueue serialization="custom"><unserializable-parents/><java.util.PriorityQueue><default><size>2</size></default><int>3</int><javax.naming.ldap.Rdn_-RdnEntry><type>1</type></javax.naming.ldap.Rdn_-RdnEntry></java.util.PriorityQueue></java.util.PriorityQueue>',
    '<sorted-set><string>foo</string><dynamic-proxy><interface>org.example.Api</interface><handler class="org.example.Handler"><target>x</target></handler></dynamic-proxy></sorted-set>',
    // XMLDecoder programs, even with class names the scan does not know
    '<java version="1.8.0" class="x.Decoder"><object class="org.example.Launcher"><void method="go"><string>x</string></void></object></java>',
    '<?xml version="1.0"?><java><void class="org.example.Tool" method="run"><array class="x.S" length="1"/></void></java>',
  ];
  for (const g of gadgets) {
    const res = xml(g);
    assert.ok(res.attack && res.findings.some((f) => f.category === 'java'), `${g.slice(0, 60)} → ${rules(res)}`);
  }
});

test('class names that are only XML element or attribute names with harmless values are not flagged', () => {
  const benign = [
    '<?xml version="1.0"?><xml><java.lang.Runtime attribute_name="attribute_value">value</java.lang.Runtime></xml>',
    '<?xml version="1.0"?><xml><element java.lang.ProcessBuilder="attribute_value">element_value</element></xml>',
    '<?xml version="1.0"?><xml><ProcessBuilder.evil.invokertransformer a="b">value</ProcessBuilder.evil.invokertransformer></xml>',
    '<?xml version="1.0"?><xml><rO0ABQ attribute_name="attribute_value">value</rO0ABQ></xml>',
    '<config><java.lang.Runtime/></config>',
    // XStream of an application's own classes
    '<com.example.Order><id>1</id><items><com.example.Item><sku>A-1</sku><qty>2</qty></com.example.Item></items></com.example.Order>',
    // XHTML and feeds with object, java and handler elements
    '<html><body><object class="video" data="movie.mp4"><param name="autoplay" value="false"/></object></body></html>',
    '<jobs><java><version>21</version><vendor>temurin</vendor></java><handler>email</handler></jobs>',
  ];
  for (const b of benign) assert.equal(xml(b).attack, false, `${b.slice(0, 60)} → ${rules(xml(b))}`);
});

test('stack traces, Maven coordinates, JMX names and sentences about Java classes are not flagged', () => {
  const trace = [
    'java.lang.IllegalStateException: Failed to execute CommandLineRunner',
    '\tat org.springframework.boot.SpringApplication.callRunner(SpringApplication.java:771)',
    '\tat sun.reflect.NativeMethodAccessorImpl.invoke0(Native Method)',
    '\tat java.lang.reflect.Method.invoke(Method.java:498)',
    '\tat java.base/java.lang.ProcessBuilder.start(ProcessBuilder.java:1048)',
    '\tat java.lang.Runtime.exec(Runtime.java:620)',
    '\tat java.lang.Class.forName0(Native Method)',
    '\tat com.sun.proxy.$Proxy12.find(Unknown Source)',
    'Caused by: org.springframework.beans.factory.BeanCreationException: Error creating bean with name "dataSource"',
    '\t... 12 more',
  ].join('\n');
  const benign = [
    trace,
    'java.lang.ClassCastException: class java.lang.String cannot be cast to class java.lang.Integer (java.lang.String and java.lang.Integer are in module java.base of loader "bootstrap")',
    'org.springframework.boot:spring-boot-starter-web:3.2.1',
    'com.sun.xml.bind:jaxb-impl:2.3.1',
    "implementation 'org.springframework:spring-core:6.1.2'",
    'pkg:maven/org.springframework.boot/spring-boot@3.2.1',
    'org.springframework.boot',
    'org.codehaus.groovy',
    'java.lang:type=Memory',
    'com.sun.management:type=HotSpotDiagnostic',
    'Our service shells out with java.lang.ProcessBuilder and it hangs on Windows, any idea why?',
    'We upgraded org.apache.commons.collections to 3.2.2 last week',
  ];
  for (const b of benign) {
    for (const r of everywhere(b)) assert.equal(inspect(r).attack, false, `${b.slice(0, 50)} → ${rules(inspect(r))}`);
  }
});

test('Java code and type ids stay flagged next to a stack frame, an exception name or a coordinate', () => {
  const attacks = [
    'java.lang.RuntimeException: x\n\tat a.B.c(B.java:1)\njava.lang.Runtime.getRuntime().exec("id")',
    'java.lang.IllegalStateException: ${T(java.lang.Runtime).getRuntime().exec("id")}',
    'com.sun.rowset.JdbcRowSetImpl',
    'org.apache.commons.collections.functors.InvokerTransformer',
    'java.lang.Runtime',
    "new java.lang.ProcessBuilder('sh','-c','id').start()",
    'org.springframework.context.support.ClassPathXmlApplicationContext',
    'T(org.springframework.util.StreamUtils).copy(a,b)',
  ];
  for (const a of attacks) {
    for (const r of everywhere(a)) assert.ok(inspect(r).attack, `${a.slice(0, 50)} not flagged`);
  }
});

test('gadget classes as type ids (Jackson, fastjson, @class) are flagged; configured classes are not', () => {
  const json = (body: string) => inspect({ body, contentType: 'application/json' });
  const gadgets = [
    '["org.apache.xbean.propertyeditor.JndiConverter",{"asText":"x"}]',
    '{"@class":"ch.qos.logback.core.db.JNDIConnectionSource","jndiLocation":"x"}',
    '{"@type":"org.apache.ibatis.datasource.jndi.JndiDataSourceFactory","properties":{"data_source":"x"}}',
    '["com.mchange.v2.c3p0.WrapperConnectionPoolDataSource",{"userOverridesAsString":"HexAsciiSerializedMap:ACED"}]',
    '{"@type":"com.sun.rowset.JdbcRowSetImpl","dataSourceName":"x","autoCommit":true}',
  ];
  for (const g of gadgets) assert.ok(json(g).attack, `${g} → ${rules(json(g))}`);
  const pom = '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>';
  assert.equal(xml(pom).attack, false, rules(xml(pom)));
  const config = '{"spring.datasource.type":"com.mchange.v2.c3p0.ComboPooledDataSource","spring.jpa.properties.hibernate.dialect":"org.hibernate.dialect.PostgreSQLDialect","driverClassName":"com.mysql.cj.jdbc.Driver","pool":"com.zaxxer.hikari.HikariDataSource","key.converter":"org.apache.kafka.connect.json.JsonConverter"}';
  assert.equal(json(config).attack, false, rules(json(config)));
});

test('a CORBA package or class as a whole value or key is a gadget type; in a sentence or an error line it is not', () => {
  for (const f of ['org.omg.CORBA', 'org.omg.CORBA.ORB', 'org.omg.CORBA_2_3.portable.InputStream']) {
    for (const r of [...everywhere(f), { body: JSON.stringify({ [f]: 'test' }), contentType: 'application/json' }]) {
      assert.ok(inspect(r).attack, `${f} ${JSON.stringify(r).slice(0, 60)} not flagged`);
    }
  }
  for (const f of ['We see org.omg.CORBA.COMM_FAILURE when the client connects to the naming service', 'org.omg.CORBA.COMM_FAILURE: vmcid: 0x0 minor code: 201 completed: No']) {
    for (const r of everywhere(f)) assert.equal(inspect(r).attack, false, `${f} → ${rules(inspect(r))}`);
  }
});

test('type keys and method names that other ecosystems share are not Java by themselves', () => {
  const json = (v: unknown) => inspect({ body: JSON.stringify(v), contentType: 'application/json' });
  for (const text of [
    'Dependencies: [@types/node](https://npmjs.com/package/@types/node)',
    'TypeScript definitions are bundled, so no extra `@types` package is needed.',
    '# `@typescript-eslint/parser`',
    'The boot sequence starts when `.start()` or `.ready()` is called.',
    '{"@context":"https://schema.org","@type":"Product","name":"Lamp"}',
  ])
    assert.equal(json({ comment: text }).attack, false, `${text} → ${rules(json({ comment: text }))}`);
  assert.equal(json({ '@context': 'https://schema.org', '@type': 'Person', name: 'Jane' }).attack, false);
  // a fastjson type id naming a gadget, as a key or inside a string, and a ProcessBuilder started, still are
  assert.ok(json({ '@type': 'com.sun.rowset.JdbcRowSetImpl', dataSourceName: 'rmi://x/y', autoCommit: true }).attack);
  assert.ok(json({ a: '{"@type":"com.sun.rowset.JdbcRowSetImpl","dataSourceName":"rmi://x"}' }).attack);
  assert.ok(json({ x: 'new java.lang.ProcessBuilder("id").start()' }).attack);
});
