// The personal values the test suites use, and a search for them in logs and files in every
// encoding a leak is likely to take. Used by the end-of-run log scan (global-teardown.js) and by
// the privacy end-to-end specs. CommonJS, so that jest's global teardown can load it untransformed.
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
/** Where test persons are written: the black-box specs and the demo the CLI seeds. */
const SOURCES = [join(ROOT, 'test'), join(ROOT, 'apps', 'cli', 'src', 'demo')];
/** Fields of a person record (libs/security PersonRecord) whose literal values are personal. */
const FIELD =
  /\b(givenName|familyName|birthDate|birthPlace|nationalityName|phone|email|address|number)\s*:\s*'([^'\n]{4,})'/g;
/** Extra literals a spec marks as personal with a trailing `// personal` comment. */
const MARKED = /'([^'\n]{4,})'[,;)\]]*\s*\/\/\s*personal\b/g;

function sourceFiles(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.ts$/.test(name)) files.push(path);
  }
  return files;
}

/** Every personal value written in a test source: `givenName: '…'`, `birthDate: '…'`, phone, email… */
function collectPersonalValues() {
  const values = new Set();
  for (const file of SOURCES.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(FIELD)) values.add(match[2]);
    for (const match of text.matchAll(MARKED)) values.add(match[1]);
  }
  return [...values].sort();
}

/** The byte patterns a value may take: UTF-8, UTF-16LE, Latin-1, JSON-escaped, and base64 at every alignment. */
function encodingsOf(value) {
  const utf8 = Buffer.from(value, 'utf8');
  const forms = [
    ['utf8', utf8],
    ['utf16le', Buffer.from(value, 'utf16le')],
    ['latin1', Buffer.from(value, 'latin1')],
    ['json', Buffer.from(JSON.stringify(value).slice(1, -1))],
    [
      'json-ascii',
      Buffer.from(
        value.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
      ),
    ],
  ];
  for (let offset = 0; offset < 3; offset += 1) {
    const b64 = Buffer.concat([Buffer.alloc(offset), utf8]).toString('base64');
    // Drop the groups that mix in the bytes around the value.
    const stable = b64.slice(offset === 0 ? 0 : 4, -4);
    if (stable.length >= 8) forms.push([`base64+${offset}`, Buffer.from(stable)]);
  }
  const unique = new Map();
  for (const [name, bytes] of forms)
    if (!unique.has(bytes.toString('hex'))) unique.set(bytes.toString('hex'), [name, bytes]);
  return [...unique.values()];
}

/** Which of the values appear in the bytes, and in which encoding. */
function findPersonalValues(bytes, values) {
  const found = [];
  for (const value of values) {
    for (const [encoding, pattern] of encodingsOf(value)) {
      if (bytes.indexOf(pattern) >= 0) found.push({ value, encoding });
    }
  }
  return found;
}

module.exports = { collectPersonalValues, encodingsOf, findPersonalValues };
