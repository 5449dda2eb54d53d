// The Go router packages scan-code knows: import paths, router types and constructors.

export type GoFramework = 'net/http' | 'gin' | 'echo' | 'chi' | 'gorilla';

export function frameworkOfImport(importPath: string): GoFramework | undefined {
  if (importPath === 'net/http') return 'net/http';
  if (importPath === 'github.com/gin-gonic/gin') return 'gin';
  if (/^github\.com\/labstack\/echo(\/v\d+)?$/.test(importPath)) return 'echo';
  if (/^github\.com\/(go-chi|pressly)\/chi(\/v\d+)?$/.test(importPath)) return 'chi';
  if (importPath === 'github.com/gorilla/mux') return 'gorilla';
  return undefined;
}

const ROUTER_TYPES: Record<GoFramework, readonly string[]> = {
  'net/http': ['ServeMux'],
  gin: ['Engine', 'RouterGroup', 'IRouter', 'IRoutes'],
  echo: ['Echo', 'Group'],
  chi: ['Router', 'Mux', 'Routes'],
  gorilla: ['Router'],
};

const CONSTRUCTORS: Record<GoFramework, readonly string[]> = {
  'net/http': ['NewServeMux'],
  gin: ['Default', 'New'],
  echo: ['New'],
  chi: ['NewRouter', 'NewMux'],
  gorilla: ['NewRouter'],
};

/** The framework whose router a type (package import path + type name) is. */
export function routerTypeFramework(importPath: string, typeName: string): GoFramework | undefined {
  const fw = frameworkOfImport(importPath);
  return fw && ROUTER_TYPES[fw].includes(typeName) ? fw : undefined;
}

export function constructorFramework(importPath: string, functionName: string): GoFramework | undefined {
  const fw = frameworkOfImport(importPath);
  return fw && CONSTRUCTORS[fw].includes(functionName) ? fw : undefined;
}

/** Interface types a function may return a router as (http.Handler): the caller may mount the result. */
export function isHandlerInterface(importPath: string, typeName: string): boolean {
  return (importPath === 'net/http' && typeName === 'Handler') || typeName === 'any' || typeName === 'interface{}';
}
