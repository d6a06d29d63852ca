// Drives the meeting page in a real Chromium (puppeteer-core, no browser download):
//   node browser.mjs PAGE.html CHROMIUM [--screenshot OUT.png]
// Prints one JSON object with what every interaction did; tests/browser.rs asserts on it.
// Expected sets are computed here from the DOM's data-* attributes, independently of the
// page's own script.
import puppeteer from 'puppeteer-core';
import { pathToFileURL } from 'node:url';

const [page_path, chromium, flag, out] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
});
const problems = [];
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1600, height: 1000 });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warn') { problems.push(m.type() + ': ' + m.text()); } });
  page.on('pageerror', (e) => problems.push('pageerror: ' + e.message));
  await page.goto(pathToFileURL(page_path).href, { waitUntil: 'load' });
  if (flag === '--screenshot') {
    await page.screenshot({ path: out });
    console.log(JSON.stringify({ problems }));
    process.exit(problems.length === 0 ? 0 : 1);
  }
  const result = { problems };
  // Waits until smooth scrolling has come to rest (positions unchanged over 200 ms).
  const settle = async () => {
    let last = '';
    for (let i = 0; i < 50; i += 1) {
      await new Promise((r) => setTimeout(r, 200));
      const now = await page.evaluate(() => { const c = document.getElementById('canvas'); return [scrollX, scrollY, c.scrollLeft, c.scrollTop].join(); });
      if (now === last) { return; }
      last = now;
    }
  };
  // The state of the drawing: which nodes are lit (not dimmed), hidden, selected.
  const state = () => page.evaluate(() => {
    const nodes = [...document.querySelectorAll('svg.kientruc-graph g.node')];
    const canvas = document.getElementById('canvas').getBoundingClientRect();
    const selected = nodes.filter((n) => n.classList.contains('selected')).map((n) => {
      const r = n.getBoundingClientRect();
      return { id: n.getAttribute('data-id'), visible: r.left >= canvas.left && r.right <= canvas.right && r.top >= Math.max(document.querySelector('header').getBoundingClientRect().bottom, canvas.top) && r.bottom <= Math.min(window.innerHeight, canvas.bottom) };
    });
    return {
      lit: nodes.filter((n) => !n.classList.contains('dim')).map((n) => n.getAttribute('data-id')).sort(),
      hidden: nodes.filter((n) => getComputedStyle(n).display === 'none').map((n) => n.getAttribute('data-id')).sort(),
      selected,
      count: (document.getElementById('search-count') || {}).textContent || '',
    };
  });
  const graph = await page.evaluate(() => {
    const fold = (t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
    const nodes = [...document.querySelectorAll('svg.kientruc-graph g.node')].map((n) => ({
      id: n.getAttribute('data-id'), search: fold(n.getAttribute('data-search') || ''),
      layer: n.getAttribute('data-layer'), owners: (n.getAttribute('data-owners') || '').split(' '),
    }));
    const edges = [...document.querySelectorAll('svg.kientruc-graph path.edge')].map((e) => [e.getAttribute('data-from'), e.getAttribute('data-to')]);
    return { nodes, edges };
  });
  result.nodes = graph.nodes.length;
  const around = (id, depth, direction) => {
    const set = new Set([id]);
    let frontier = [id];
    for (let s = 0; s < depth; s += 1) {
      const next = [];
      for (const f of frontier) {
        for (const [a, b] of graph.edges) {
          const m = direction !== 'used-by' && a === f ? b : direction !== 'uses' && b === f ? a : null;
          if (m && !set.has(m)) { set.add(m); next.push(m); }
        }
      }
      frontier = next;
    }
    return [...set].sort();
  };

  // Search without diacritics, over owners too; Enter steps to the next match.
  const query = 'y te';
  await page.click('#search');
  await page.keyboard.type(query);
  await settle();
  const first = await state();
  await page.keyboard.press('Enter');
  await settle();
  const second = await state();
  result.search = {
    expected: graph.nodes.filter((n) => n.search.includes(query)).map((n) => n.id).sort(),
    lit: first.lit, count: first.count, first: first.selected, second: second.selected, second_count: second.count,
  };
  await page.click('#reset');
  // Search by a rule code of the findings.
  const code = await page.$eval('#findings li b', (b) => b.textContent);
  await page.click('#search', { clickCount: 3 });
  await page.keyboard.type(code);
  await settle();
  result.code_search = { code, expected: graph.nodes.filter((n) => n.search.includes(code.toLowerCase())).map((n) => n.id).sort(), lit: (await state()).lit };
  await page.click('#reset');

  // Focus with depth and direction.
  result.focus = [];
  const hub = graph.nodes.find((n) => n.id === 'lgsp' || n.id.endsWith('.lgsp')) || graph.nodes[0];
  for (const [depth, direction] of [['1', 'both'], ['2', 'both'], ['1', 'uses'], ['1', 'used-by']]) {
    await page.select('#depth', depth);
    await page.select('#direction', direction);
    await page.$eval(`g.node[data-id="${hub.id}"]`, (n) => n.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    await settle();
    const s = await state();
    result.focus.push({ depth, direction, expected: around(hub.id, Number(depth), direction), lit: s.lit, selected: s.selected });
  }
  await page.click('#reset');

  // Filters: a layer, and an owner with its sub-agencies.
  const layer = await page.$$eval('#filter-layer option', (o) => o.map((x) => x.value).filter(Boolean)[0]);
  await page.select('#filter-layer', layer);
  await settle();
  result.layer = { layer, expected_hidden: graph.nodes.filter((n) => n.layer !== layer).map((n) => n.id).sort(), hidden: (await state()).hidden };
  await page.select('#filter-layer', '');
  const owner = (await page.$$eval('#filter-owner option', (o) => o.map((x) => x.value))).find((v) => v === 'so-y-te' || v.endsWith('.so-y-te')) || '';
  await page.select('#filter-owner', owner);
  await settle();
  result.owner = { owner, expected_hidden: graph.nodes.filter((n) => !n.owners.includes(owner)).map((n) => n.id).sort(), hidden: (await state()).hidden };
  await page.select('#filter-owner', '');

  // The findings panel: count, order, rendered code spans; a click leads to the node.
  result.findings = await page.$$eval('#findings li', (lis) => lis.map((li) => ({ severity: li.className, id: li.getAttribute('data-id'), text: li.textContent, codes: li.querySelectorAll('code').length })));
  result.heading = await page.$eval('aside h2', (h) => h.textContent);
  const target = result.findings.findIndex((f) => f.id);
  await page.evaluate((i) => document.querySelectorAll('#findings li')[i].click(), target);
  await settle();
  result.finding_click = { id: result.findings[target].id, selected: (await state()).selected };
  await page.click('#reset');

  // Zoom.
  const width = () => page.$eval('svg.kientruc-graph', (s) => s.getBoundingClientRect().width);
  const press = (id) => page.$eval(id, (b) => b.click());
  const before = await width();
  await press('#zoom-in');
  const bigger = await width();
  await press('#zoom-out');
  await press('#zoom-out');
  result.zoom = { before, bigger, smaller: await width() };

  // Print: controls hidden, an A3 landscape PDF.
  await page.emulateMediaType('print');
  result.print = { search_display: await page.$eval('#search', (s) => getComputedStyle(s).display) };
  const pdf = await page.pdf({ format: 'A3', landscape: true });
  result.print.pdf = Buffer.from(pdf.slice(0, 4)).toString('latin1');
  result.print.bytes = pdf.length;
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
