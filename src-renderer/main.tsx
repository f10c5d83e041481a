/**
 * src-renderer/: the React UI, sandboxed: screens, components, the session hook, formatting and the words for
 * each error code. It talks to main only through window.strongroom (api.ts) and may import nothing but types
 * from src-main/contract/: no other main-process code, no electron, and no Node APIs (fs, path, os,
 * child_process).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('Strongroom: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
