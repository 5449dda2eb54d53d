// What the Spring scanner keeps of a Java file once its syntax tree is freed: types, their annotations, constant
// fields and methods, with annotation values kept as small expressions so constants can be resolved across files.

export type JavaExpr =
  | { kind: 'string'; value: string }
  /** `NAME`, `Cls.NAME` or `pkg.Cls.NAME`: qualifier holds the parts before the name. */
  | { kind: 'ref'; qualifier: string[]; name: string }
  | { kind: 'concat'; parts: JavaExpr[] }
  | { kind: 'array'; items: JavaExpr[] }
  | { kind: 'other' };

export interface JavaAnnotation {
  /** Simple name: `GetMapping` also for `@org.springframework…GetMapping`. */
  name: string;
  line: number;
  /** Attribute name → value; the single unnamed value is `value`. */
  args: Map<string, JavaExpr>;
}

export interface JavaMethod {
  name: string;
  arity: number;
  annotations: JavaAnnotation[];
}

export interface JavaType {
  /** Binary-style name with dots: com.example.Outer.Inner. */
  fqn: string;
  simpleName: string;
  kind: 'class' | 'interface' | 'enum' | 'record';
  abstract: boolean;
  annotations: JavaAnnotation[];
  /** Superclass and implemented/extended interfaces as written (generic arguments dropped). */
  supertypes: string[];
  constants: Map<string, JavaExpr>;
  methods: JavaMethod[];
  /** The enclosing type's fqn for a nested type. */
  outer?: string;
  file: JavaFile;
}

export interface JavaFile {
  /** Absolute path. */
  path: string;
  packageName: string;
  /** Simple name → fully qualified name, from `import a.b.C;`. */
  singleImports: Map<string, string>;
  /** Packages (or types) imported with `.*`. */
  wildcardImports: string[];
  /** Member name → owning type, from `import static a.b.C.NAME;`. */
  staticImports: Map<string, string>;
  /** Types whose static members are all imported: `import static a.b.C.*;`. */
  staticWildcardImports: string[];
  types: JavaType[];
}
