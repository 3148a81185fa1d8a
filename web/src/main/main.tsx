import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MotionConfig } from 'motion/react';

import { App } from './App';
import './studio/studio.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    {/* Motion's animations follow the system's reduced-motion setting: transforms off, fades kept. */}
    <MotionConfig reducedMotion="user">
      <App path={window.location.pathname} />
    </MotionConfig>
  </StrictMode>,
);
