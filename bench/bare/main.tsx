/**
 * The bare React Flow page of `npm run bench:ui` (bench/ui.bench.ts): the same graph as the
 * Lanemap map (steps at the same positions and sizes, one edge per flow), drawn by React Flow
 * 12 with its default nodes and nothing else. The bench presses "open" (as it clicks a library
 * card in Lanemap); the page then fetches graph-N.json (N from ?n=) and renders it with fitView.
 */
import { ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createRoot } from 'react-dom/client';

interface Graph {
  nodes: Node[];
  edges: Edge[];
}

const n = new URLSearchParams(window.location.search).get('n') ?? '500';

document.getElementById('open')!.addEventListener('click', () => {
  void fetch(`graph-${n}.json`)
    .then((r) => r.json() as Promise<Graph>)
    .then(({ nodes, edges }) => {
      createRoot(document.getElementById('root')!).render(
        <div style={{ width: '100vw', height: '100vh' }}>
          <ReactFlow nodes={nodes} edges={edges} fitView minZoom={0.05} maxZoom={2.5} proOptions={{ hideAttribution: true }} />
        </div>,
      );
    });
});
