/** If drawing ever fails, say so and offer a way back instead of a blank window. */
import { Component, type ReactNode } from 'react';
import { t } from '../i18n';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    // the error's own words are technical (and English): kept out of the way under "Details"
    return (
      <div className="editor-empty" role="alert">
        <h2>{t('errors.boundary.title')}</h2>
        <p className="muted">{t('errors.boundary.saved')}</p>
        <details className="muted">
          <summary>{t('errors.boundary.details')}</summary>
          <code translate="no">{this.state.error.message}</code>
        </details>
        <button className="primary" onClick={() => window.location.reload()}>
          {t('errors.boundary.reload')}
        </button>
      </div>
    );
  }
}
