import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict, detectFormat, isProbablyBinary, languageOf, looksMinified } from '../../src/ingest/detect.js';

describe('detectFormat', () => {
  it('recognises formats by extension and well-known names', () => {
    const cases: Array<[string, string | null]> = [
      ['docs/a.md', 'markdown'],
      ['A.MARKDOWN', 'markdown'],
      ['page.mdx', 'markdown'],
      ['x.mdown', 'markdown'],
      ['notes.txt', 'text'],
      ['README', 'text'],
      ['/repo/LICENSE', 'text'],
      ['CHANGELOG', 'text'],
      ['NOTICE', 'text'],
      ['AUTHORS', 'text'],
      ['CONTRIBUTING', 'text'],
      ['index.html', 'html'],
      ['old.HTM', 'html'],
      ['a.xhtml', 'html'],
      ['guide.rst', 'rst'],
      ['guide.rest', 'rst'],
      ['book.adoc', 'asciidoc'],
      ['book.asciidoc', 'asciidoc'],
      ['book.asc', 'asciidoc'],
      ['main.ts', 'code'],
      ['app.tsx', 'code'],
      ['server.py', 'code'],
      ['lib.rs', 'code'],
      ['config.yaml', 'code'],
      ['Cargo.toml', 'code'],
      ['package.json', 'code'],
      ['Dockerfile', 'code'],
      ['Dockerfile.dev', 'code'],
      ['Makefile', 'code'],
      ['CMakeLists.txt', 'code'],
      ['photo.png', null],
      ['archive.tar.gz', null],
      ['randomname', null],
      ['data.bin', null],
    ];
    expect(cases.map(([p]) => [p, detectFormat(p)])).toEqual(cases);
  });
  it('names the language of code files', () => {
    expect(languageOf('src/main.ts')).toBe('typescript');
    expect(languageOf('x/Dockerfile')).toBe('dockerfile');
    expect(languageOf('Dockerfile.prod')).toBe('dockerfile');
    expect(languageOf('a.py')).toBe('python');
    expect(languageOf('README.md')).toBeUndefined();
  });
});

describe('isProbablyBinary', () => {
  it('looks for NUL in the first 8 KiB only', () => {
    expect(isProbablyBinary(Buffer.from('hello\n'))).toBe(false);
    expect(isProbablyBinary(Buffer.from([0x68, 0x00, 0x69]))).toBe(true);
    const late = Buffer.alloc(9000, 0x61);
    late[8500] = 0;
    expect(isProbablyBinary(late)).toBe(false);
    late[8191] = 0;
    expect(isProbablyBinary(late)).toBe(true);
    expect(isProbablyBinary(Buffer.alloc(0))).toBe(false);
  });
});

describe('decodeUtf8Strict', () => {
  it('decodes valid UTF-8 and strips a BOM', () => {
    expect(decodeUtf8Strict(Buffer.from('héllo — 世界 🎉'))).toBe('héllo — 世界 🎉');
    expect(decodeUtf8Strict(Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0x0a]))).toBe('A\n');
  });
  it('returns null on invalid sequences', () => {
    expect(decodeUtf8Strict(Buffer.from([0x41, 0xff, 0x42]))).toBeNull();
    expect(decodeUtf8Strict(Buffer.from([0xe2, 0x82]))).toBeNull(); // truncated
    expect(decodeUtf8Strict(Buffer.from([0xc0, 0xaf]))).toBeNull(); // overlong
  });
});

describe('published sources and generated files', () => {
  it('reads page.rst.txt as reStructuredText and page.md.txt as Markdown', () => {
    expect(detectFormat('/docs/_sources/library/os.rst.txt')).toBe('rst');
    expect(detectFormat('notes.md.txt')).toBe('markdown');
    expect(detectFormat('page.html.txt')).toBe('text');
    expect(detectFormat('plain.txt')).toBe('text');
  });

  it('flags minified one-line files but not ordinary text', () => {
    expect(looksMinified('x'.repeat(6000))).toBe(true);
    expect(looksMinified(('a'.repeat(1200) + '\n').repeat(10))).toBe(true);
    expect(looksMinified(('word '.repeat(16) + '\n').repeat(500))).toBe(false);
    expect(looksMinified('short')).toBe(false);
  });
});
