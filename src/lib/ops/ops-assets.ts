/**
 * The page's only script and stylesheet, served by the ops function itself at `/ops/ops.js` and
 * `/ops/ops.css` (the CSP is `script-src 'self'; style-src 'self'`, so nothing inline). The script
 * refetches the page every few seconds and swaps in its live section; with JavaScript off the page
 * shows the figures as of the moment it was loaded.
 */
export const OPS_SCRIPT = `(() => {
  const every = 5000;
  const tick = async () => {
    try {
      const answer = await fetch(location.pathname, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (answer.status === 401) return location.reload();
      if (!answer.ok) throw new Error(String(answer.status));
      const next = new DOMParser().parseFromString(await answer.text(), 'text/html').getElementById('live');
      const live = document.getElementById('live');
      if (next && live) live.replaceWith(next);
      document.documentElement.dataset.refreshed = new Date().toISOString();
    } catch {
      document.getElementById('live')?.setAttribute('data-stale', 'true');
    }
    setTimeout(tick, every);
  };
  setTimeout(tick, every);
})();
`;

export const OPS_STYLES = `
body { font: 15px/1.4 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem; color: #1a1a1a; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: .5rem; margin: 0 0 1rem; }
.figures div { border: 1px solid #ccc; border-radius: 6px; padding: .5rem; }
.figures dt { font-size: .8rem; color: #555; }
.figures dd { margin: 0; font-size: 1.5rem; font-weight: 600; }
.clears { font-size: 1.2rem; font-weight: 600; margin: .5rem 0 1rem; }
.bad { color: #a00; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
.chart { margin: 0; } .chart svg { width: 100%; height: auto; }
.chart figcaption { font-weight: 600; }
.legend { display: flex; gap: 1rem; list-style: none; padding: 0; margin: .25rem 0; font-size: .85rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: middle; }
.swatch-1f77b4 { background: #1f77b4; } .swatch-d62728 { background: #d62728; }
.swatch-ff7f0e { background: #ff7f0e; } .swatch-2ca02c { background: #2ca02c; } .swatch-7f7f7f { background: #7f7f7f; }
table { border-collapse: collapse; font-size: .85rem; } th, td { border: 1px solid #ddd; padding: .2rem .5rem; text-align: right; }
th[scope=row], caption { text-align: left; }
[data-stale] .asof::after { content: ' (stale: refresh failed)'; color: #a00; }
form.action { display: inline-block; border: 1px solid #ccc; border-radius: 6px; padding: .5rem; margin: 0 .5rem .5rem 0; }
`;
