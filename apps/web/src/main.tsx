import './lib/zod-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startHelpDirectory } from './help/use-help-directory';
import { applyIdentity } from './lib/disguise';
import { loadPrefs } from './lib/prefs';
import { listenForShiftExit } from './lib/quick-exit';
import './styles.css';
import './phone.css';

// Before anything renders: the neutral name and icon if chosen, and the Shift×3 exit.
applyIdentity(loadPrefs());
listenForShiftExit();
// The help directory is checked at start-up, so a broken deployed file shows at once on Help.
void startHelpDirectory();

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
    // Without the service worker the app still works; it just will not open offline.
  });
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
