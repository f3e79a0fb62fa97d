#!/usr/bin/env node
// The API's folders and which import which: `node scripts/check-module-graph.mjs` prints the graph
// and fails when feature folders import each other in a cycle (a imports b, b imports a, directly
// or through others). Infrastructure folders may be imported by any feature, so imports of them
// are shown but never make a cycle. apps/api/test/module-graph.spec.ts runs the same check in
// `npm test`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const API_SRC = fileURLToPath(new URL('../apps/api/src/', import.meta.url));

/** Folders any feature may use; they hold no feature of their own. */
export const INFRASTRUCTURE = ['access', 'common', 'config', 'jobs'];

const TEST_FILE = /\.(e2e-)?spec\.ts$/;
// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, over several lines.
const SPECIFIERS = [/\b(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*\(?\s*['"]([^'"]+)['"]/g];

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !TEST_FILE.test(entry.name) ? [full] : [];
  });
}

/** The top folder under `srcDir` a path is in; undefined for files directly in it (app.module.ts …) or outside it. */
function folderOf(srcDir, file) {
  const parts = path.relative(srcDir, file).split(path.sep);
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : undefined;
}

/**
 * Folder → the folders its files import (relative imports only), and for each edge one file that
 * makes it, to say where to look.
 */
export function folderGraph(srcDir = API_SRC) {
  const graph = new Map();
  for (const file of sourceFiles(srcDir)) {
    const from = folderOf(srcDir, file);
    if (!from) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    const text = readFileSync(file, 'utf8');
    for (const pattern of SPECIFIERS) {
      for (const [, specifier] of text.matchAll(pattern)) {
        if (!specifier.startsWith('.')) continue;
        const to = folderOf(srcDir, path.resolve(path.dirname(file), specifier));
        if (to && to !== from && !graph.get(from).has(to)) graph.get(from).set(to, path.relative(srcDir, file));
      }
    }
  }
  return graph;
}

/**
 * Every cycle among the folders that are not infrastructure, each as a path that returns to its
 * start (`['courses', 'enrolments', 'courses']`): one per strongly connected group of folders.
 */
export function findCycles(graph, infrastructure = INFRASTRUCTURE) {
  const nodes = [...graph.keys()].filter((node) => !infrastructure.includes(node)).sort();
  const next = (node) => [...(graph.get(node)?.keys() ?? [])].filter((to) => !infrastructure.includes(to)).sort();
  // Tarjan's strongly connected components.
  let index = 0;
  const order = new Map();
  const low = new Map();
  const stack = [];
  const components = [];
  const visit = (node) => {
    order.set(node, index);
    low.set(node, index++);
    stack.push(node);
    for (const to of next(node)) {
      if (!order.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (stack.includes(to)) low.set(node, Math.min(low.get(node), order.get(to)));
    }
    if (low.get(node) === order.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of nodes) if (!order.has(node)) visit(node);
  // A path through each group: breadth-first from its first folder back to it.
  return components.map((component) => {
    const start = component[0];
    const previous = new Map();
    const queue = [start];
    while (queue.length) {
      const node = queue.shift();
      for (const to of next(node).filter((n) => component.includes(n))) {
        if (to === start) {
          const cycle = [start];
          for (let at = node; at !== start; at = previous.get(at)) cycle.splice(1, 0, at);
          return [...cycle, start];
        }
        if (!previous.has(to)) {
          previous.set(to, node);
          queue.push(to);
        }
      }
    }
    return [...component, start];
  });
}

/** One line per folder: what it imports, infrastructure marked with *. */
export function describeGraph(graph, infrastructure = INFRASTRUCTURE) {
  return [...graph.keys()]
    .sort()
    .map((from) => {
      const targets = [...graph.get(from).keys()].sort().map((to) => (infrastructure.includes(to) ? `${to}*` : to));
      return `${from}${infrastructure.includes(from) ? '*' : ''} → ${targets.join(', ') || '(nothing)'}`;
    })
    .join('\n');
}

function main() {
  const graph = folderGraph();
  console.log(`apps/api/src folders and the folders they import (* infrastructure):\n${describeGraph(graph)}`);
  const cycles = findCycles(graph);
  if (!cycles.length) {
    console.log('\nNo import cycle between feature folders.');
    return;
  }
  console.error('\nImport cycles between feature folders:');
  for (const cycle of cycles) {
    const edges = cycle.slice(0, -1).map((from, i) => `${from} → ${cycle[i + 1]} (${graph.get(from).get(cycle[i + 1])})`);
    console.error(`  ${cycle.join(' → ')}\n    ${edges.join('\n    ')}`);
  }
  process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
