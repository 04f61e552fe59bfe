import t from 'tap';
import { checkWellFormedHtml } from './well-formed-html.js';

t.test('the checker accepts well-formed pages and rejects broken ones', async (t) => {
  const ok = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8" /><title>a &amp; b</title><style>p > b { }</style></head><body><p>x &lt; y</p></body></html>\n';
  t.same(checkWellFormedHtml(ok), []);
  const bad: [string, RegExp][] = [
    [ok.replace('</p>', ''), /closes|unclosed/],
    [ok.replace('<p>x', '<p><b>x').replace('</p>', '</p></b>'), /closes/],
    [ok.replace('x &lt; y', 'x < y'), /malformed|unterminated|closes/],
    [ok.replace('x &lt; y', 'x & y'), /bare &/],
    [ok.replace('lang="en"', 'lang=en'), /malformed/],
    [ok.replace('<!DOCTYPE html>', ''), /DOCTYPE/],
  ];
  for (const [html, problem] of bad) t.match(checkWellFormedHtml(html).join('\n'), problem);
});
