/** If drawing ever fails, say so and offer a way back instead of a blank window. */
import { Component, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="editor-empty" role="alert">
        <h2>Something went wrong while drawing this screen.</h2>
        <p className="muted">Your edits up to now are saved. ({this.state.error.message})</p>
        <button className="primary" onClick={() => window.location.reload()}>
          Reload Lanemap
        </button>
      </div>
    );
  }
}
