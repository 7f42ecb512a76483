(() => {
  'use strict';
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const $ = (id) => document.getElementById(id);
  const root = document.documentElement;
  const q = $('q'), outlet = $('outlet'), from = $('from'), to = $('to'), newOnly = $('new-only'), lang = $('lang'), count = $('count'), empty = $('empty');
  const entityFilter = $('entity-filter'), entityName = $('entity-name'), entityClear = $('entity-clear');
  /** The name button whose articles alone are shown, or null. */
  let entity = null;
  let entityArticles = new Set();
  const groups = Array.from(document.querySelectorAll('section.group')).map((el) => ({
    el,
    entry: document.querySelector('#overview li[data-group="' + el.dataset.group + '"]'),
    summary: Array.from(el.querySelectorAll('.group-summary li[data-article]')),
    filtered: el.querySelector('.group-summary .summary-filtered'),
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
  const LANGUAGES = ['en', 'both', 'id'];
  const STORED_LANGUAGE = 'warta.language';

  function showLanguage(value, remember) {
    if (!LANGUAGES.includes(value)) value = 'en';
    root.dataset.show = value;
    lang.value = value;
    if (remember) try { localStorage.setItem(STORED_LANGUAGE, value); } catch (e) { /* storage may be off for file:// pages */ }
  }

  function passesFilters(a) {
    const d = a.dataset.date;
    return (!outlet.value || a.dataset.outlet === outlet.value) &&
      (!from.value || (d && d >= from.value)) && (!to.value || (d && d <= to.value)) &&
      (!newOnly.checked || a.hasAttribute('data-new')) &&
      (entity === null || entityArticles.has(a.dataset.article));
  }

  /** Shows only the articles that mention the name of `button` (null: every article again). */
  function filterByEntity(button) {
    if (entity) entity.setAttribute('aria-pressed', 'false');
    entity = button;
    entityArticles = new Set(button ? button.dataset.articles.split(' ') : []);
    if (button) button.setAttribute('aria-pressed', 'true');
    entityName.textContent = button ? button.dataset.name : '';
    entityFilter.hidden = !button;
    apply();
  }

  function apply() {
    const terms = fold(q.value).split(/\s+/).filter(Boolean);
    const matches = (text) => terms.every((t) => text.includes(t));
    let shown = 0, sentences = 0;
    for (const g of groups) {
      let visible = 0;
      const passing = new Set();
      for (const a of g.articles) {
        const passes = passesFilters(a.el);
        if (passes) passing.add(a.el.dataset.article);
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
      // A group's summary shows only sentences from the articles the filters let through.
      for (const li of g.summary) li.hidden = !passing.has(li.dataset.article);
      if (g.filtered) g.filtered.hidden = g.summary.length === 0 || g.summary.some((li) => !li.hidden);
      g.el.hidden = visible === 0;
      if (g.entry) g.entry.hidden = visible === 0;
      shown += visible;
    }
    if (terms.length === 0) { for (const d of openedBySearch) d.open = false; openedBySearch.clear(); }
    count.textContent = (shown === total ? plural(total, 'article') : shown + ' of ' + plural(total, 'article')) + (terms.length > 0 && hasRows ? ', ' + plural(sentences, 'matching sentence') : '');
    empty.hidden = shown > 0;
    highlight(terms);
    saveState();
  }

  /** Marks each search term in the visible texts, as text nodes: no markup is ever parsed. */
  function highlight(terms) {
    for (const mark of Array.from(document.querySelectorAll('main mark.hit'))) {
      const parent = mark.parentNode;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    }
    if (terms.length === 0) return;
    const scopes = document.querySelectorAll('main h2, main h3, main ol.summary p:not(.ref), main tr.sentence td.en, main tr.sentence td.id');
    for (const scope of Array.from(scopes)) {
      if (scope.closest('[hidden]')) continue;
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      const nodes = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
      for (const node of nodes) markTerms(node, terms);
    }
  }

  function markTerms(node, terms) {
    const text = node.nodeValue, folded = fold(text);
    // Folding drops combining marks, so positions are mapped back character by character.
    if (folded.length !== text.length) return;
    const ranges = [];
    for (const t of terms) for (let i = folded.indexOf(t); i >= 0; i = folded.indexOf(t, i + t.length)) ranges.push([i, i + t.length]);
    if (ranges.length === 0) return;
    ranges.sort((x, y) => x[0] - y[0]);
    const frag = document.createDocumentFragment();
    let at = 0;
    for (const [start, end] of ranges) {
      if (start < at) continue;
      frag.appendChild(document.createTextNode(text.slice(at, start)));
      const mark = document.createElement('mark');
      mark.className = 'hit';
      mark.textContent = text.slice(start, end);
      frag.appendChild(mark);
      at = end;
    }
    frag.appendChild(document.createTextNode(text.slice(at)));
    node.parentNode.replaceChild(frag, node);
  }

  const STATE_KEYS = { q: () => q, outlet: () => outlet, from: () => from, to: () => to };

  /** The view (search, filters) in the URL hash, so it survives a reload and can be shared. */
  function saveState() {
    const params = new URLSearchParams();
    for (const [key, el] of Object.entries(STATE_KEYS)) if (el().value) params.set(key, el().value);
    if (newOnly.checked) params.set('new', '1');
    const hash = params.toString();
    const current = location.hash.slice(1);
    if (hash === current || (hash === '' && !isState(current))) return;
    history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
  }

  const isState = (hash) => /^(q|outlet|from|to|new)=/.test(hash);

  function loadState() {
    const hash = location.hash.slice(1);
    if (!isState(hash)) return false;
    const params = new URLSearchParams(hash);
    for (const [key, el] of Object.entries(STATE_KEYS)) el().value = params.get(key) || '';
    newOnly.checked = params.get('new') === '1';
    return true;
  }

  function reveal() {
    if (!location.hash || isState(location.hash.slice(1))) return;
    const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!el) return;
    el.hidden = false;
    for (let p = el.parentElement; p; p = p.parentElement) if (p.tagName === 'DETAILS') p.open = true;
    el.scrollIntoView({ block: el.tagName === 'TR' ? 'center' : 'start' });
  }

  /** Printing shows everything folded away; what it opened is folded again afterwards. */
  const openedForPrint = [];
  function expandForPrint() {
    for (const d of Array.from(document.querySelectorAll('details:not([open])'))) { d.open = true; openedForPrint.push(d); }
  }
  function foldAfterPrint() {
    for (const d of openedForPrint.splice(0)) d.open = false;
  }

  function clearSearch() {
    q.value = '';
    apply();
  }

  const typing = (el) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName));

  q.addEventListener('input', apply);
  for (const el of [outlet, from, to, newOnly]) el.addEventListener('change', apply);
  lang.addEventListener('change', () => showLanguage(lang.value, true));
  document.querySelector('form.filters').addEventListener('submit', (e) => e.preventDefault());
  window.addEventListener('hashchange', () => { if (loadState()) apply(); else reveal(); });
  window.addEventListener('beforeprint', expandForPrint);
  window.addEventListener('afterprint', foldAfterPrint);
  const printing = window.matchMedia('print');
  printing.addEventListener('change', () => (printing.matches ? expandForPrint() : foldAfterPrint()));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && (document.activeElement === q || q.value)) { clearSearch(); q.blur(); e.preventDefault(); return; }
    if (e.key === 'Escape' && entity) { filterByEntity(null); e.preventDefault(); return; }
    if (typing(document.activeElement) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '/') { q.focus(); q.select(); e.preventDefault(); }
    else if (e.key === 'l' || e.key === 'L') showLanguage(LANGUAGES[(LANGUAGES.indexOf(root.dataset.show) + 1) % LANGUAGES.length], true);
  });
  entityClear.addEventListener('click', () => filterByEntity(null));
  document.addEventListener('click', (e) => {
    const name = e.target instanceof Element ? e.target.closest('button.entity') : null;
    if (name) { filterByEntity(name === entity ? null : name); return; }
    const link = e.target instanceof Element ? e.target.closest('a[href^="#"]') : null;
    if (link && link.getAttribute('href') === location.hash) reveal();
  });

  let stored = null;
  try { stored = localStorage.getItem(STORED_LANGUAGE); } catch (e) { /* storage may be off for file:// pages */ }
  showLanguage(stored || 'en', false);
  const made = $('made');
  const written = new Date(document.lastModified);
  if (made && !isNaN(written)) made.textContent = ' on ' + written.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  if (loadState() || q.value || outlet.value || from.value || to.value || newOnly.checked) apply();
  reveal();
})();
