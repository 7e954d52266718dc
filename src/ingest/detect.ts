import { basename, extname } from 'node:path';
import type { DocumentFormat } from './types.js';

/** File extension (lower-case, with the dot) → format, for prose formats. */
const PROSE_EXTENSIONS: Record<string, DocumentFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdx': 'markdown',
  '.mdown': 'markdown',
  '.mkd': 'markdown',
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.rst': 'rst',
  '.rest': 'rst',
  '.adoc': 'asciidoc',
  '.asciidoc': 'asciidoc',
  '.asc': 'asciidoc',
};

/** Source code extension → language name (recorded as `metadata.language`). */
const CODE_EXTENSIONS: Record<string, string> = {
  '.ts': 'typescript', '.tsx': 'typescript', '.mts': 'typescript', '.cts': 'typescript',
  '.js': 'javascript', '.jsx': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript',
  '.py': 'python', '.pyi': 'python', '.go': 'go', '.rs': 'rust', '.java': 'java',
  '.kt': 'kotlin', '.kts': 'kotlin', '.c': 'c', '.h': 'c', '.cpp': 'cpp', '.hpp': 'cpp',
  '.cc': 'cpp', '.cxx': 'cpp', '.hh': 'cpp', '.cs': 'csharp', '.fs': 'fsharp', '.rb': 'ruby',
  '.php': 'php', '.swift': 'swift', '.scala': 'scala', '.sh': 'shell', '.bash': 'shell',
  '.zsh': 'shell', '.fish': 'shell', '.ps1': 'powershell', '.sql': 'sql', '.yaml': 'yaml',
  '.yml': 'yaml', '.toml': 'toml', '.json': 'json', '.jsonc': 'json', '.ini': 'ini',
  '.cfg': 'ini', '.conf': 'config', '.xml': 'xml', '.css': 'css', '.scss': 'scss',
  '.sass': 'sass', '.less': 'less', '.lua': 'lua', '.r': 'r', '.m': 'objective-c',
  '.mm': 'objective-c', '.pl': 'perl', '.pm': 'perl', '.ex': 'elixir', '.exs': 'elixir',
  '.erl': 'erlang', '.hs': 'haskell', '.ml': 'ocaml', '.mli': 'ocaml', '.clj': 'clojure',
  '.cljs': 'clojure', '.dart': 'dart', '.vue': 'vue', '.svelte': 'svelte', '.zig': 'zig',
  '.nim': 'nim', '.jl': 'julia', '.groovy': 'groovy', '.gradle': 'groovy', '.tf': 'terraform',
  '.proto': 'protobuf', '.graphql': 'graphql', '.gql': 'graphql', '.cmake': 'cmake',
};

/** Extensionless (or fixed) file names, matched case-insensitively. */
const CODE_NAMES: Record<string, string> = {
  dockerfile: 'dockerfile', containerfile: 'dockerfile', makefile: 'make', gnumakefile: 'make',
  'cmakelists.txt': 'cmake', rakefile: 'ruby', gemfile: 'ruby', justfile: 'just',
  procfile: 'procfile', vagrantfile: 'ruby', jenkinsfile: 'groovy',
};

/** Well-known extensionless prose files. */
const TEXT_NAMES = new Set([
  'readme', 'license', 'licence', 'copying', 'changelog', 'changes', 'history', 'news',
  'notice', 'authors', 'contributors', 'contributing', 'install', 'todo', 'security',
  'code_of_conduct', 'maintainers', 'thanks',
]);

/** The format quire parses `path` as, or null when the file type is not supported. */
export function detectFormat(path: string): DocumentFormat | null {
  const name = basename(path).toLowerCase();
  if (CODE_NAMES[name] !== undefined) return 'code';
  const ext = extname(name);
  if (ext === '') return TEXT_NAMES.has(name) ? 'text' : null;
  const prose = PROSE_EXTENSIONS[ext];
  // Sphinx and MkDocs publish sources as `page.rst.txt` / `page.md.txt`: the inner extension decides.
  if (prose === 'text') {
    const inner = PROSE_EXTENSIONS[extname(name.slice(0, name.length - ext.length))];
    if (inner !== undefined && inner !== 'html') return inner;
  }
  if (prose !== undefined) return prose;
  if (CODE_EXTENSIONS[ext] !== undefined) return 'code';
  // `Dockerfile.dev`, `Makefile.am`: the stem decides.
  const stem = name.slice(0, name.length - ext.length);
  if (CODE_NAMES[stem] !== undefined) return 'code';
  return null;
}

/** Programming language of a code file (`python`, `dockerfile`), when known. */
export function languageOf(path: string): string | undefined {
  const name = basename(path).toLowerCase();
  const ext = extname(name);
  return CODE_NAMES[name] ?? CODE_EXTENSIONS[ext] ?? CODE_NAMES[name.slice(0, name.length - ext.length)];
}

/** True when the buffer looks binary: a NUL byte within its first 8 KiB. */
export function isProbablyBinary(buffer: Uint8Array): boolean {
  const n = Math.min(buffer.length, 8192);
  for (let i = 0; i < n; i++) if (buffer[i] === 0) return true;
  return false;
}

/**
 * Decodes UTF-8 strictly: returns null on any invalid byte sequence. A leading BOM is
 * removed (readDocument puts it back in `originalText` and shifts source maps by one, so
 * offsets index the text as `readFileSync(path, 'utf8')` gives it).
 */
export function decodeUtf8Strict(buffer: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return null;
  }
}

/**
 * True for machine-generated one-line files (minified bundles, search indexes, lock data): a
 * line longer than 5,000 characters, or long lines on average. Their "text" is noise that would
 * crowd real matches out of results.
 */
export function looksMinified(text: string): boolean {
  if (text.length < 5000) return false;
  let lines = 1;
  let longest = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      longest = Math.max(longest, i - lineStart);
      lineStart = i + 1;
      lines++;
    }
  }
  longest = Math.max(longest, text.length - lineStart);
  return longest > 5000 || text.length / lines > 1000;
}
