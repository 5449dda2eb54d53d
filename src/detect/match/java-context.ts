// Where a Java name stands in a value decides what it says. Error reports carry stack traces (`at sun.reflect.
// NativeMethodAccessorImpl.invoke0(Native Method)`, `Caused by: org.springframework...Exception: ...`), dependency APIs
// carry Maven coordinates (`org.springframework.boot:spring-boot-starter-web:3.2.1`), monitoring carries JMX names
// (`java.lang:type=Memory`), and tickets talk about classes in sentences. None of them runs anything; a name that is a
// type id, an expression's operand or a call does.

import { proseWords } from './prose-words.js';

/** A stack frame line: at pkg.Class.method(File.java:12) / (Native Method) / (Unknown Source), module prefix allowed. */
const FRAME = /^\s*at [a-z0-9_$./<>-]{3,300}\((?:[a-z0-9_$ .-]{1,100}\.(?:java|kt|scala|groovy|clj)(?::\d{1,7})?|native method|unknown source)\)/;
/** An exception line: [Caused by: ] pkg.SomethingException[: message] */
const EXCEPTION_LINE = /^\s*(?:caused by: |suppressed: |exception in thread "[^"\n]{0,100}" )?[a-z_$][a-z0-9_$]*(?:\.[a-z0-9_$]+)+(?:exception|error|throwable)(?::|\s*$)/;

const OTHER = 0;
const FRAME_LINE = 1;
const EXCEPTION = 2;

function nameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 36;
}

export class JavaContext {
  /** Hits arrive in increasing order within a pass: the current line is found by walking forward (linear in total). */
  private cursor = 0;
  private lineStart = 0;
  private nextNewline = -2;
  private kindStart = -1;
  private lineKind = OTHER;
  /** The identifier run last checked for a coordinate, and the answer. */
  private identFrom = -1;
  private identEnd = -1;
  private identCoordinate = false;
  private prose: boolean | undefined;
  /** `s`: the value lower-cased; `original`: as sent (Java class names are case-sensitive and capitalised). */
  constructor(
    private readonly s: string,
    private readonly original: string,
  ) {}

  /**
   * A dotted name without a capitalised segment names a package, not a class. Used for the libraries whose packages are
   * also Maven group ids (<groupId>org.springframework.boot</groupId>): their gadgets always name a class.
   */
  packageOnly(start: number, end: number): boolean {
    const o = this.original;
    if (o.length !== this.s.length) return false;
    let i = start;
    while (i > 0 && start - i < 200 && nameChar(this.s.charCodeAt(i - 1))) i--;
    let j = end;
    while (j < o.length && j - end < 200 && nameChar(this.s.charCodeAt(j))) j++;
    for (let k = i; k < j; k++) {
      const c = o.charCodeAt(k);
      if (c >= 65 && c <= 90) return false;
    }
    return true;
  }

  private kindOfLine(at: number): number {
    const s = this.s;
    if (at < this.cursor || this.nextNewline === -2) {
      this.lineStart = 0;
      this.nextNewline = s.indexOf('\n');
    }
    this.cursor = at;
    while (this.nextNewline >= 0 && this.nextNewline < at) {
      this.lineStart = this.nextNewline + 1;
      this.nextNewline = s.indexOf('\n', this.lineStart);
    }
    if (this.lineStart !== this.kindStart) {
      this.kindStart = this.lineStart;
      const line = s.slice(this.lineStart, this.lineStart + 400);
      this.lineKind = FRAME.test(line) ? FRAME_LINE : EXCEPTION_LINE.test(line) ? EXCEPTION : OTHER;
    }
    return this.lineKind;
  }

  /** A package or class name ending at `end` followed by `:artifact` (Maven) or `:key=value` (a JMX object name). */
  private coordinate(end: number): boolean {
    const s = this.s;
    // hits inside one dotted name share its end: answered once per name
    if (end >= this.identFrom && end <= this.identEnd) return this.identCoordinate;
    let i = end;
    while (i < s.length && i - end < 200 && nameChar(s.charCodeAt(i))) i++;
    this.identFrom = end;
    this.identEnd = i;
    this.identCoordinate = false;
    if (s[i] !== ':') return false;
    let j = i + 1;
    while (j < s.length && j - i < 100 && (nameChar(s.charCodeAt(j)) || s[j] === '-')) j++;
    if (j === i + 1) return false;
    const next = s[j];
    this.identCoordinate = next === undefined || next === ':' || next === '@' || next === '=' || next === ',' || next === ' ' || next === '\n' || next === '"' || next === "'";
    return this.identCoordinate;
  }

  /** A package URL names an artifact: pkg:maven/org.springframework.boot/spring-boot@3.2.1 */
  private packageUrl(start: number): boolean {
    let i = start;
    while (i > 0 && start - i < 200 && nameChar(this.s.charCodeAt(i - 1))) i--;
    return this.s.startsWith('pkg:maven/', i - 10);
  }

  /** The most a class or package name at [start, end) can score here. */
  nameCeiling(start: number, end: number): number {
    const line = this.kindOfLine(start);
    if (line === FRAME_LINE || this.coordinate(end) || this.packageUrl(start)) return 0;
    if (line === EXCEPTION) return 2;
    if ((this.prose ??= proseWords(this.s, 6, true) >= 5)) return 3;
    return 5;
  }

  /** The most code (a call, a member access) at `start` can score here: a stack frame names methods, it calls none. */
  codeCeiling(start: number): number {
    return this.kindOfLine(start) === FRAME_LINE ? 0 : 5;
  }
}
