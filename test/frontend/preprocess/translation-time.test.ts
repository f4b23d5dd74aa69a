// __DATE__ and __TIME__: the local time by default; with SOURCE_DATE_EPOCH
// that instant in UTC, as gcc prints it; a malformed value is an error at
// the use, with the value named.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translationTime } from '../../../src/frontend/preprocess/translation-time.js';
import { pp, testOptions, tokensOf } from './helpers.js';
import { testNeedingTools } from '../../tools.js';

test('the local time when no SOURCE_DATE_EPOCH is set', (t) => {
  const now = new Date(2026, 0, 5, 7, 8, 9);
  t.deepEqual(translationTime(now, undefined), { date: 'Jan  5 2026', time: '07:08:09' });
});

test('SOURCE_DATE_EPOCH gives that instant in UTC, whatever the clock says', (t) => {
  t.deepEqual(translationTime(new Date(), '0'), { date: 'Jan  1 1970', time: '00:00:00' });
  t.deepEqual(translationTime(new Date(), '1700000000'), { date: 'Nov 14 2023', time: '22:13:20' });
  t.deepEqual(translationTime(new Date(), '253402300799'), { date: 'Dec 31 9999', time: '23:59:59' });
});

test('a malformed SOURCE_DATE_EPOCH is refused, naming the value', (t) => {
  for (const bad of ['-1', '12abc', '1.5', '253402300800']) {
    const r = translationTime(new Date(), bad);
    t.true('error' in r && r.error.includes(`'${bad}'`), `${bad}: ${JSON.stringify(r)}`);
  }
});

test('the preprocessor reports a malformed SOURCE_DATE_EPOCH at __DATE__', (t) => {
  const old = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = 'soon';
  try {
    const r = pp('const char *d = __DATE__;\n', testOptions(), 'when.c');
    t.is(r.sink.errorCount, 1);
    t.regex(r.diagnostics, /when\.c:1:17: error: SOURCE_DATE_EPOCH must be .*'soon'/);
  } finally {
    if (old === undefined) delete process.env.SOURCE_DATE_EPOCH; else process.env.SOURCE_DATE_EPOCH = old;
  }
});

testNeedingTools(['gcc'])('with SOURCE_DATE_EPOCH, __DATE__ and __TIME__ expand as gcc expands them', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-date-'));
  const file = join(dir, 'd.c');
  writeFileSync(file, 'const char *d = __DATE__, *tm = __TIME__;\n');
  const old = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = '1234567890';
  try {
    const gcc = tokensOf(execFileSync('gcc', ['-E', '-P', file], { encoding: 'utf8' }));
    const ours = pp('const char *d = __DATE__, *tm = __TIME__;\n', testOptions(), file);
    t.is(ours.text, gcc);
    t.regex(gcc, /"Feb 13 2009"/);
  } finally {
    if (old === undefined) delete process.env.SOURCE_DATE_EPOCH; else process.env.SOURCE_DATE_EPOCH = old;
  }
});
