/**
 * Decides which flows are loops back (drawn right to left, around the steps) before ELK sees
 * the graph, so ELK gets an acyclic graph and every other flow is guaranteed to read left to
 * right.
 */

/**
 * Marks each edge as a loop back. Nodes are numbered in "model order" (phase, then current x,
 * y, id), so a lower number means "drawn earlier". An edge u -> v is a loop back when
 * - it is a self loop, or
 * - it goes to an earlier phase, or
 * - u and v are in the same phase and the same strongly connected component and v is not
 *   later than u in model order (the flow that closes a cycle, as the user drew it).
 * Edges between different components are never reversed, so an acyclic map keeps every flow
 * forward whatever its current positions. The remaining edges form a DAG: inside a component
 * they all increase the model order, and between components they follow the condensation.
 */
export function classifyBackEdges(nodeCount: number, from: number[], to: number[], phase: number[]): boolean[] {
  const comp = stronglyConnected(nodeCount, from, to);
  return from.map((u, e) => {
    const v = to[e]!;
    if (u === v) return true;
    if (phase[v]! < phase[u]!) return true;
    if (phase[v]! > phase[u]!) return false;
    return comp[u] === comp[v] && v < u;
  });
}

/** Tarjan's algorithm, iterative (maps with thousands of steps would overflow recursion). */
export function stronglyConnected(n: number, from: number[], to: number[]): Int32Array {
  const start = new Int32Array(n + 1);
  for (const u of from) start[u + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const adj = new Int32Array(from.length);
  const fill = start.slice(0, n);
  from.forEach((u, e) => {
    adj[fill[u]!++] = to[e]!;
  });
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const callStack: number[] = [];
  const edgePos = new Int32Array(n);
  let counter = 0;
  let compCount = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    callStack.push(root);
    index[root] = low[root] = counter++;
    edgePos[root] = start[root]!;
    stack.push(root);
    onStack[root] = 1;
    while (callStack.length > 0) {
      const u = callStack[callStack.length - 1]!;
      if (edgePos[u]! < start[u + 1]!) {
        const v = adj[edgePos[u]!++]!;
        if (index[v] === -1) {
          index[v] = low[v] = counter++;
          edgePos[v] = start[v]!;
          stack.push(v);
          onStack[v] = 1;
          callStack.push(v);
        } else if (onStack[v]) {
          low[u] = Math.min(low[u]!, index[v]!);
        }
        continue;
      }
      callStack.pop();
      const parent = callStack[callStack.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent]!, low[u]!);
      if (low[u] === index[u]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp[w] = compCount;
        } while (w !== u);
        compCount++;
      }
    }
  }
  return comp;
}
