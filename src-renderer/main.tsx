import '@fontsource/inter/400.css';
import '@fontsource/inter/600.css';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import './i18n';
import { loadSettings } from './settings/settingsStore';
import { startListing } from './library/startListing';

// the library's list is asked for now, beside the settings, when the app opens on the library
if (!new URLSearchParams(window.location.hash.slice(1)).get('map')) startListing();
// the first screen is drawn in the chosen language (the system's until settings are read)
void loadSettings().finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  ),
);
