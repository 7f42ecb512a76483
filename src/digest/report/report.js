(() => {
  'use strict';
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const $ = (id) => document.getElementById(id);
  const q = $('q'), outlet = $('outlet'), date = $('date'), count = $('count'), empty = $('empty');
  const groups = Array.from(document.querySelectorAll('section.group')).map((el) => ({
    el,
    articles: Array.from(el.querySelectorAll('article.article')).map((a, _, all) => ({
      el: a,
      // An article alone in its group shows its title and summary in the group's head.
      head: fold(a.querySelector('.article-head').textContent + ' ' + Array.from(a.querySelectorAll('ol.summary li')).map((li) => li.textContent).join(' ') +
        (all.length === 1 ? ' ' + el.querySelector('.group-head').textContent + ' ' + el.querySelector('.group-summary').textContent : '')),
      full: a.querySelector('details.fulltext'),
      rows: Array.from(a.querySelectorAll('tr.sentence')).map((r) => ({ el: r, text: fold(r.textContent) })),
    })),
  }));
  const total = groups.reduce((n, g) => n + g.articles.length, 0);
  // Without embedded full texts there are no sentence rows to count.
  const hasRows = groups.some((g) => g.articles.some((a) => a.rows.length > 0));
  const openedBySearch = new Set();
  const plural = (n, w) => n + ' ' + w + (n === 1 ? '' : 's');

  function apply() {
    const terms = fold(q.value).split(/\s+/).filter(Boolean);
    const matches = (text) => terms.every((t) => text.includes(t));
    let shown = 0, sentences = 0;
    for (const g of groups) {
      let visible = 0;
      for (const a of g.articles) {
        const passes = (!outlet.value || a.el.dataset.outlet === outlet.value) && (!date.value || a.el.dataset.date === date.value);
        let hits = 0;
        for (const r of a.rows) {
          const hit = terms.length === 0 || matches(r.text);
          r.el.hidden = !hit;
          if (hit) hits++;
        }
        const headHit = terms.length > 0 && matches(a.head);
        const show = passes && (terms.length === 0 || hits > 0 || headHit);
        if (show && terms.length > 0 && hits === 0) for (const r of a.rows) r.el.hidden = false;
        a.el.hidden = !show;
        if (show && terms.length > 0 && hits > 0 && a.full && !a.full.open) { a.full.open = true; openedBySearch.add(a.full); }
        if (show) { visible++; if (terms.length > 0) sentences += hits; }
      }
      g.el.hidden = visible === 0;
      shown += visible;
    }
    if (terms.length === 0) { for (const d of openedBySearch) d.open = false; openedBySearch.clear(); }
    count.textContent = (shown === total ? plural(total, 'article') : shown + ' of ' + plural(total, 'article')) + (terms.length > 0 && hasRows ? ', ' + plural(sentences, 'matching sentence') : '');
    empty.hidden = shown > 0;
  }

  function reveal() {
    if (!location.hash) return;
    const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!el) return;
    el.hidden = false;
    for (let p = el.parentElement; p; p = p.parentElement) if (p.tagName === 'DETAILS') p.open = true;
    el.scrollIntoView({ block: 'center' });
  }

  q.addEventListener('input', apply);
  outlet.addEventListener('change', apply);
  date.addEventListener('change', apply);
  document.querySelector('form.filters').addEventListener('submit', (e) => e.preventDefault());
  window.addEventListener('hashchange', reveal);
  document.addEventListener('click', (e) => {
    const link = e.target instanceof Element ? e.target.closest('a[href^="#"]') : null;
    if (link && link.getAttribute('href') === location.hash) reveal();
  });
  if (q.value || outlet.value || date.value) apply();
  reveal();
})();
