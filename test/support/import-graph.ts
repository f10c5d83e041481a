/**
 * The static import graph of TypeScript sources, built from text so it needs no compiler: `import … from`,
 * `export … from` and bare `import '…'` specifiers, with relative paths resolved the way the bundler and tsc do
 * (as written, then `.ts`, `.tsx`, `/index.ts`, `/index.tsx`; a `.js` suffix names the `.ts` file). Package
 * imports are left out: a cycle needs two of our own modules. Type-only imports count too, since a cycle of types
 * still ties two modules into one.
 */
import { posix } from 'node:path';

export interface ImportGraph {
  /** Module path → the module paths it imports, in the order written. */
  readonly edges: ReadonlyMap<string, readonly string[]>;
  /** Relative specifiers that name no source module, as `from: specifier`: a parser miss or a broken import. */
  readonly unresolved: readonly string[];
}

const FROM_CLAUSE = /^\s*(?:import|export)\s+(?:type\s+)?[\w*\s{},$]*?\bfrom\s*['"]([^'"\n]+)['"]/gm;
const BARE_IMPORT = /^\s*import\s*['"]([^'"\n]+)['"]/gm;
const SOURCE_EXTENSION = /\.(?:ts|tsx|js|mjs|cjs|jsx)$/;
const ANY_EXTENSION = /\.[a-z0-9]+$/i;

/** Block comments and whole-line `//` comments go first, so a commented-out import is not an edge. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/^\s*\/\/.*$/gm, '');
}

export function importSpecifiers(source: string): string[] {
  const text = withoutComments(source);
  const found: { index: number; specifier: string }[] = [];
  for (const pattern of [FROM_CLAUSE, BARE_IMPORT]) {
    for (const match of text.matchAll(pattern)) found.push({ index: match.index, specifier: match[1]! });
  }
  return found.sort((a, b) => a.index - b.index).map((entry) => entry.specifier);
}

function resolveSpecifier(from: string, specifier: string, modules: ReadonlySet<string>): string | null | 'not-source' {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  const stem = base.replace(/\.(?:js|mjs|cjs|jsx)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  const hit = candidates.find((candidate) => modules.has(candidate));
  if (hit) return hit;
  // A stylesheet, image or JSON file is not a module of ours and cannot close a cycle.
  if (ANY_EXTENSION.test(specifier) && !SOURCE_EXTENSION.test(specifier)) return 'not-source';
  return null;
}

/** `sources` maps each module's path (posix, relative to one root) to its text. */
export function buildImportGraph(sources: ReadonlyMap<string, string>): ImportGraph {
  const modules = new Set(sources.keys());
  const edges = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const [path, source] of sources) {
    const targets: string[] = [];
    for (const specifier of importSpecifiers(source)) {
      if (!specifier.startsWith('.')) continue;
      const target = resolveSpecifier(path, specifier, modules);
      if (target === 'not-source') continue;
      if (target === null) unresolved.push(`${path}: ${specifier}`);
      else if (!targets.includes(target)) targets.push(target);
    }
    edges.set(path, targets);
  }
  return { edges, unresolved };
}

/**
 * Every cycle as one concrete path that starts and ends at the same module (`a → b → a`): one per strongly
 * connected component of more than one module, or a module that imports itself. Found with Tarjan's algorithm,
 * iteratively, so a deep graph cannot overflow the stack.
 */
export function findImportCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of [...edges.keys()].sort()) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter);
    counter += 1;
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next]!;
        frame.next += 1;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter);
          counter += 1;
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfLoop = component.length === 1 && (edges.get(frame.node) ?? []).includes(frame.node);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  }
  return components.map((component) => cycleThrough(component, edges)).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** A shortest path from the component's first module (by name) back to itself, staying inside the component. */
function cycleThrough(component: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head += 1) {
    const node = queue[head]!;
    for (const target of edges.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let step: string | undefined = node; step !== undefined && step !== start; step = cameFrom.get(step)) path.splice(1, 0, step);
        return [...path, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  throw new Error(`no cycle through ${start} inside its component`);
}
