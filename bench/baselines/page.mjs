// The ERB route's page (bench/apps/kiln/views), written as a template
// literal with the same escaping, for the plain JS baseline.
import { users } from './users.mjs';

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const h = (s) => String(s).replace(/[&<>"']/g, (c) => ESC[c]);

export function page() {
  const title = 'Users & scores';
  const rows = users().map((u) => `
  <tr class="${u.active ? 'on' : 'off'}"><td>${u.id}</td><td>${h(u.name)}</td><td>${h(u.email)}</td><td>${u.score}</td></tr>`).join('');
  return `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>${h(title)}</title></head>
<body>
<h1>${h(title)}</h1>
<table>${rows}
</table>
</body>
</html>
`;
}
