import { parseDocument } from 'yaml';

/** What {@link parseFrontMatter} found at the start of a text. */
export interface FrontMatter {
  /** Offset where the body (the text to index) starts; 0 when there is no usable front matter. */
  bodyStart: number;
  /** Parsed YAML mapping (JSON-safe); empty when absent or malformed. */
  metadata: Record<string, unknown>;
  /** `title` from the front matter, when it is a non-empty string or number. */
  title?: string;
  /** One line per problem (malformed YAML, not a mapping). */
  warnings: string[];
}

// `---` alone on the first line, then everything up to a line that is `---` or `...`.
const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/**
 * Parses YAML front matter (`---` … `---` at the very start of the text). Malformed YAML
 * yields no metadata and a warning, and the block then stays in the body so nothing is lost.
 * TOML (`+++`) front matter is not recognised and stays in the text.
 */
export function parseFrontMatter(text: string): FrontMatter {
  const none: FrontMatter = { bodyStart: 0, metadata: {}, warnings: [] };
  const open = OPEN.exec(text);
  if (open === null) return none;
  const yamlStart = open[0].length;
  const rest = text.slice(yamlStart);
  const close = CLOSE.exec(rest);
  if (close === null) return none; // no closing line: a thematic break, not front matter
  const yamlSource = rest.slice(0, close.index);
  const bodyStart = yamlStart + close.index + close[0].length;

  const doc = parseDocument(yamlSource, { logLevel: 'silent', prettyErrors: true });
  const problem = doc.errors[0];
  if (problem !== undefined) {
    const firstLine = problem.message.split('\n')[0] ?? problem.message;
    return { ...none, warnings: [`front matter is not valid YAML, kept as text: ${firstLine}`] };
  }
  let metadata: Record<string, unknown>;
  try {
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return { bodyStart, metadata: {}, warnings: [] };
    if (typeof value !== 'object' || Array.isArray(value)) {
      return { ...none, warnings: ['front matter is not a YAML mapping, kept as text'] };
    }
    // Round-trip through JSON so metadata is storable (drops undefined, NaN/Infinity → null).
    metadata = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...none, warnings: [`front matter could not be converted, kept as text: ${message}`] };
  }
  const raw = metadata['title'];
  const title = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
  return title === '' ? { bodyStart, metadata, warnings: [] } : { bodyStart, metadata, title, warnings: [] };
}
