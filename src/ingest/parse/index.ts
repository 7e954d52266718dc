import { basename, extname } from 'node:path';
import { languageOf } from '../detect.js';
import type { DocumentFormat, ParsedDocument } from '../types.js';
import { parseAsciidoc } from './asciidoc.js';
import { parseCode } from './code.js';
import { parseHtml } from './html.js';
import { parseMarkdown } from './markdown.js';
import { parseRst } from './rst.js';
import { parsePlainText } from './text.js';

export { parseAsciidoc, parseCode, parseHtml, parseMarkdown, parsePlainText, parseRst };

/**
 * Parses `originalText` as `format`. `path` (optional) gives code files their language and
 * is the fallback title when the document has none of its own: the file name without its
 * extension (`install-linux`), or the whole name for code (`server.py`, `Dockerfile`).
 * May throw on pathological input; file readers turn that into a 'parse-error' skip.
 */
export function parseText(originalText: string, format: DocumentFormat, path?: string): ParsedDocument {
  const parsed = dispatch(originalText, format, path);
  if (parsed.title === undefined && path !== undefined && path !== '') {
    const name = basename(path);
    const fallback = format === 'code' ? name : name.slice(0, name.length - extname(name).length) || name;
    if (fallback !== '') parsed.title = fallback;
  }
  return parsed;
}

function dispatch(text: string, format: DocumentFormat, path: string | undefined): ParsedDocument {
  switch (format) {
    case 'markdown':
      return parseMarkdown(text);
    case 'html':
      return parseHtml(text);
    case 'rst':
      return parseRst(text);
    case 'asciidoc':
      return parseAsciidoc(text);
    case 'code':
      return parseCode(text, path === undefined ? undefined : languageOf(path));
    case 'text':
      return parsePlainText(text);
  }
}
