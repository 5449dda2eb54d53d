// Java class names that matter to an attacker, shared by the value scan (java.ts) and the XML gadget scan (java-xml.ts).

/** Class names that run code or commands, whatever package they are written under. */
export const DANGEROUS_CLASSES = new Set([
  'runtime', 'processbuilder', 'processimpl', 'classloader', 'urlclassloader', 'scriptenginemanager', 'scriptengine', 'methodutils',
  'invokertransformer', 'templatesimpl', 'eventhandler', 'jdbcrowsetimpl', 'chainedtransformer', 'constanttransformer', 'instantiatetransformer',
  'clonetransformer', 'forclosure', 'whileclosure', 'instantiatefactory', 'prototypeclonefactory', 'prototypeserializationfactory',
  'beancomparator', 'nativestring', 'jndiconverter', 'xmldecoder', 'expressionutils', 'jndirefforwardingdatasource',
  'wrapperconnectionpooldatasource', 'jndidatasourcefactory', 'jndiobjectfactory', 'jndiconnectionsource', 'jndiconfiguration',
]);

/** Packages whose classes are gadget-chain parts or run code: a class named under one is dangerous in a type position. */
export const DANGEROUS_PACKAGES = [
  'java.lang.reflect.', 'java.lang.invoke.', 'java.beans.', 'java.rmi.', 'javax.naming.', 'javax.script.', 'javax.management.', 'javax.imageio.spi.',
  'javax.crypto.cipherinputstream', 'com.sun.', 'sun.', 'jdk.nashorn.', 'org.apache.commons.collections', 'org.apache.commons.beanutils',
  'org.apache.xalan.', 'org.apache.xbean.', 'org.codehaus.groovy.', 'groovy.lang.', 'bsh.', 'org.mozilla.javascript.', 'org.springframework.beans.factory.',
  'ch.qos.logback.core.db.', 'org.omg.corba',
];

/** A fully-qualified class name (dotted; XStream writes $ as _-) that names a dangerous class or package. */
export function dangerousClassName(lowerName: string): boolean {
  if (lowerName.indexOf('.') < 0) return false;
  for (const p of DANGEROUS_PACKAGES) if (lowerName.startsWith(p)) return true;
  for (const seg of lowerName.split(/[.$]|_-/)) if (DANGEROUS_CLASSES.has(seg)) return true;
  return false;
}

/** A fully-qualified class name and nothing else (three or more segments). */
const FQCN = /^[a-z_$][a-z0-9_$]*(?:\.[a-z_$][a-z0-9_$]*){2,}$/;

/**
 * A value that is only a class name, in a type-id position (Jackson `["cls", {...}]`, fastjson `@type`, `@class`,
 * XStream and XMLDecoder `class=`), naming a gadget: a dangerous class or package, or a JNDI-loading class.
 */
export function gadgetTypeId(lower: string): boolean {
  if (lower.length > 200 || !FQCN.test(lower)) return false;
  if (dangerousClassName(lower)) return true;
  return lower.slice(lower.lastIndexOf('.') + 1).includes('jndi');
}
