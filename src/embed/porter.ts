/**
 * The Porter (1980) stemmer, following Martin Porter's reference C implementation (the same
 * algorithm SQLite FTS5's `porter` tokenizer uses). Input: a lowercase word. Words shorter than
 * 3 letters, longer than 30, or containing anything but a–z are returned unchanged.
 *
 * Kept in-tree (not a dependency) because the local embedder's output — and so its id — must not
 * change when a dependency is upgraded.
 */

function isConsonant(w: string, i: number): boolean {
  switch (w.charCodeAt(i)) {
    case 97: // a
    case 101: // e
    case 105: // i
    case 111: // o
    case 117: // u
      return false;
    case 121: // y
      return i === 0 ? true : !isConsonant(w, i - 1);
    default:
      return true;
  }
}

/** m() of the reference implementation: the number of VC sequences in w[0, end). */
function measure(w: string, end: number): number {
  let n = 0;
  let i = 0;
  while (i < end && isConsonant(w, i)) i++;
  while (i < end) {
    while (i < end && !isConsonant(w, i)) i++;
    if (i >= end) break;
    while (i < end && isConsonant(w, i)) i++;
    n++;
  }
  return n;
}

function hasVowel(w: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (!isConsonant(w, i)) return true;
  return false;
}

/** Ends with a double consonant (at position end-1). */
function doubleConsonant(w: string, end: number): boolean {
  return end >= 2 && w[end - 1] === w[end - 2] && isConsonant(w, end - 1);
}

/** cvc at end-3..end-1 where the final c is not w, x or y. */
function cvc(w: string, end: number): boolean {
  if (end < 3) return false;
  if (!isConsonant(w, end - 1) || isConsonant(w, end - 2) || !isConsonant(w, end - 3)) {
    return false;
  }
  const c = w[end - 1];
  return c !== 'w' && c !== 'x' && c !== 'y';
}

type Rule = readonly [suffix: string, replacement: string];

const STEP2: readonly Rule[] = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'],
  ['bli', 'ble'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'],
  ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'],
  ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'],
  ['logi', 'log'],
];

const STEP3: readonly Rule[] = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''],
  ['ness', ''],
];

const STEP4: readonly string[] = [
  'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou',
  'ism', 'ate', 'iti', 'ous', 'ive', 'ize',
];

/**
 * Finds the longest suffix of `w` among `rules` and, when the measure of the stem before it
 * exceeds `minMeasure`, replaces it. (The reference implementation tests the suffixes of a step
 * in an order where a longer one always precedes any suffix of it, and stops at the first match
 * whether or not its condition holds: the same as taking the longest match.)
 */
function applyRules(w: string, rules: readonly Rule[], minMeasure: number): string {
  let match: Rule | undefined;
  for (const rule of rules) {
    if (w.endsWith(rule[0]) && (match === undefined || rule[0].length > match[0].length)) {
      match = rule;
    }
  }
  if (match === undefined) return w;
  const stemEnd = w.length - match[0].length;
  return measure(w, stemEnd) > minMeasure ? w.slice(0, stemEnd) + match[1] : w;
}

function step1ab(w: string): string {
  // Step 1a
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (!w.endsWith('ss') && w.endsWith('s')) w = w.slice(0, -1);

  // Step 1b
  if (w.endsWith('eed')) {
    if (measure(w, w.length - 3) > 0) w = w.slice(0, -1);
    return w;
  }
  let cut = 0;
  if (w.endsWith('ed') && hasVowel(w, w.length - 2)) cut = 2;
  else if (w.endsWith('ing') && hasVowel(w, w.length - 3)) cut = 3;
  if (cut === 0) return w;
  w = w.slice(0, -cut);
  if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) return w + 'e';
  if (doubleConsonant(w, w.length)) {
    const c = w[w.length - 1];
    return c === 'l' || c === 's' || c === 'z' ? w : w.slice(0, -1);
  }
  if (measure(w, w.length) === 1 && cvc(w, w.length)) return w + 'e';
  return w;
}

function step4(w: string): string {
  let suffix: string | undefined;
  for (const s of STEP4) {
    if (w.endsWith(s) && (suffix === undefined || s.length > suffix.length)) suffix = s;
  }
  if (suffix === undefined) return w;
  const stemEnd = w.length - suffix.length;
  if (suffix === 'ion') {
    const c = w[stemEnd - 1];
    if (c !== 's' && c !== 't') return w;
  }
  return measure(w, stemEnd) > 1 ? w.slice(0, stemEnd) : w;
}

function step5(w: string): string {
  if (w.endsWith('e')) {
    const m = measure(w, w.length - 1);
    if (m > 1 || (m === 1 && !cvc(w, w.length - 1))) w = w.slice(0, -1);
  }
  if (w.endsWith('ll') && measure(w, w.length) > 1) w = w.slice(0, -1);
  return w;
}

const LOWER_ASCII = /^[a-z]+$/;

/** Porter stem of a lowercase word. */
export function porterStem(word: string): string {
  if (word.length < 3 || word.length > 30 || !LOWER_ASCII.test(word)) return word;
  let w = step1ab(word);
  // Step 1c
  if (w.endsWith('y') && hasVowel(w, w.length - 1)) w = w.slice(0, -1) + 'i';
  w = applyRules(w, STEP2, 0);
  w = applyRules(w, STEP3, 0);
  w = step4(w);
  return step5(w);
}
