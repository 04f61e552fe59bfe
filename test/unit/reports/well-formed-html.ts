/**
 * A small strict well-formedness check for the report HTML (test helper): every non-void element
 * is closed in order, attributes are quoted, text holds no raw `<` and every `&` starts a known
 * entity. Fails on unbalanced or misnested tags. Not a full HTML parser: the report is generated
 * in an XHTML-like subset, and this checks that subset.
 */
const VOID = new Set(['meta', 'br', 'hr', 'img', 'link', 'input']);
const RAW_TEXT = new Set(['style', 'script', 'title']);

export function checkWellFormedHtml(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let i = 0;
  const text = (s: string, at: number) => {
    if (/&(?!(amp|lt|gt|quot|#39|#\d+);)/.test(s)) problems.push(`bare & in text at ${at}`);
    if (s.includes('>')) problems.push(`raw > in text at ${at}`);
  };
  if (!html.startsWith('<!DOCTYPE html>')) problems.push('missing <!DOCTYPE html>');
  else i = '<!DOCTYPE html>'.length;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      text(html.slice(i), i);
      break;
    }
    text(html.slice(i, lt), i);
    const gt = html.indexOf('>', lt);
    if (gt === -1) {
      problems.push(`unterminated tag at ${lt}`);
      break;
    }
    const tag = html.slice(lt + 1, gt);
    const close = /^\/([a-z][a-z0-9]*)$/.exec(tag);
    const open = /^([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*(\/)?$/.exec(tag);
    if (close) {
      const top = stack.pop();
      if (top !== close[1]) problems.push(`</${close[1]}> at ${lt} closes <${top ?? 'nothing'}>`);
      i = gt + 1;
    } else if (open) {
      const name = open[1]!;
      if (VOID.has(name)) {
        i = gt + 1;
        continue;
      }
      if (open[3]) problems.push(`self-closed non-void <${name}/> at ${lt}`);
      stack.push(name);
      i = gt + 1;
      if (RAW_TEXT.has(name)) {
        const end = html.indexOf(`</${name}>`, i);
        if (end === -1) {
          problems.push(`<${name}> never closed`);
          break;
        }
        if (name !== 'style' && html.slice(i, end).includes('<')) problems.push(`markup inside <${name}>`);
        i = end;
      }
    } else {
      problems.push(`malformed tag <${tag.slice(0, 40)}> at ${lt}`);
      i = gt + 1;
    }
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  return problems;
}
