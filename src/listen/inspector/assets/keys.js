// Keys: j/k or the arrows move, Enter opens, / searches, r replays, Esc closes.

import { moveSelection, selectedGroup } from './list.js';
import { replayShown, hashQuery } from './detail.js';

export function initKeys() {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = event.target.closest('input, textarea, select');
    if (event.key === 'Escape') {
      if (typing) { event.target.blur(); if (event.target.id !== 'search') return; }
      if (location.hash.startsWith('#/deliveries/') || location.hash.startsWith('#/compare/')) {
        location.hash = '#/' + hashQuery();
      }
      return;
    }
    if (typing) return;
    switch (event.key) {
      case 'j': case 'ArrowDown': moveSelection(1); break;
      case 'k': case 'ArrowUp': moveSelection(-1); break;
      case 'Enter': {
        const group = selectedGroup();
        if (group) location.hash = `#/deliveries/${group.last.id}${hashQuery()}`;
        break;
      }
      case '/': document.getElementById('search').focus(); break;
      case 'r': replayShown(); break;
      default: return;
    }
    event.preventDefault();
  });
}
