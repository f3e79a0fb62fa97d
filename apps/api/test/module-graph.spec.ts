import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

type Graph = Map<string, Map<string, string>>;
interface ModuleGraph {
  API_SRC: string;
  INFRASTRUCTURE: string[];
  folderGraph(srcDir?: string): Graph;
  findCycles(graph: Graph, infrastructure?: string[]): string[][];
  describeGraph(graph: Graph): string;
}

// The same code as `node scripts/check-module-graph.mjs`, so npm test fails on what it fails on.
const SCRIPT = path.resolve(import.meta.dirname, '../../../scripts/check-module-graph.mjs');
let check: ModuleGraph;

beforeAll(async () => {
  check = (await import(SCRIPT)) as ModuleGraph;
});

function graphOf(edges: Record<string, string[]>): Graph {
  return new Map(Object.entries(edges).map(([from, to]) => [from, new Map(to.map((folder) => [folder, `${from}/x.ts`]))]));
}

describe('the API folders', () => {
  it('import each other in one direction only', () => {
    const graph = check.folderGraph();
    const cycles = check.findCycles(graph);
    if (cycles.length) throw new Error(`Import cycles: ${cycles.map((c) => c.join(' → ')).join('; ')}\n${check.describeGraph(graph)}`);
    expect(cycles).toEqual([]);
  });

  it('keep courses <- enrolments <- learning -> certificates', () => {
    const graph = check.folderGraph();
    const imports = (folder: string) => [...(graph.get(folder)?.keys() ?? [])];
    expect(imports('learning')).toEqual(expect.arrayContaining(['courses', 'enrolments', 'certificates']));
    expect(imports('enrolments')).toContain('courses');
    expect(imports('courses').filter((f) => ['enrolments', 'learning', 'certificates'].includes(f))).toEqual([]);
    expect(imports('enrolments').filter((f) => ['learning', 'certificates'].includes(f))).toEqual([]);
    expect(imports('certificates')).not.toContain('learning');
  });
});

describe('the cycle check', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ctlp-graph-'));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    write('alpha/alpha.service.ts', `import {\n  Beta,\n} from '../beta/beta.service.js';\nimport { Common } from '../common/x.js';\n`);
    write('beta/beta.service.ts', `import type { Gamma } from '../gamma/dto/gamma.dto.js';\n`);
    write('gamma/dto/gamma.dto.ts', `export { Alpha } from '../../alpha/alpha.service.js';\n`);
    write('common/x.ts', `import { Alpha } from '../alpha/alpha.service.js';\n`);
    write('alpha/alpha.e2e-spec.ts', `import { Delta } from '../delta/delta.js';\n`);
    write('app.module.ts', `import { Alpha } from './alpha/alpha.service.js';\n`);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads multi-line, type-only and re-export imports, but not tests or files outside a folder', () => {
    const graph = check.folderGraph(dir);
    expect(Object.fromEntries([...graph].map(([from, to]) => [from, [...to.keys()].sort()]))).toEqual({
      alpha: ['beta', 'common'],
      beta: ['gamma'],
      gamma: ['alpha'],
      common: ['alpha'],
    });
  });

  it('finds a cycle through several folders, and none through infrastructure', () => {
    expect(check.findCycles(check.folderGraph(dir), ['common'])).toEqual([['alpha', 'beta', 'gamma', 'alpha']]);
    expect(check.findCycles(graphOf({ a: ['b'], b: ['a'], c: ['a'] }), [])).toEqual([['a', 'b', 'a']]);
    expect(check.findCycles(graphOf({ a: ['common'], common: ['a'] }), ['common'])).toEqual([]);
    expect(check.findCycles(graphOf({ a: ['b'], b: ['c'], c: [] }), [])).toEqual([]);
  });
});
