// SQLite in process: the amalgamation compiled by jitcc (once, then from the
// compile cache), loaded into Node, and driven from TypeScript through its C
// API: sqlite3_open, sqlite3_exec with a JS function as the row callback,
// sqlite3_errmsg, sqlite3_close.
//
// SQLite's sources are not part of this repository: `npm run test:sqlite`
// fetches Debian's sqlite3 source package and generates sqlite3.c into
// ~/.cache/jitcc-sqlite/gen (or set JITCC_SQLITE_DIR to a folder holding an
// amalgamation, e.g. better-sqlite3's deps/sqlite3). The first run compiles
// about 250,000 lines, so give Node a large heap:
//   NODE_OPTIONS=--max-old-space-size=8192 npx tsx examples/sqlite.ts
// With JITCC_SQLITE_OBJECT naming a sqlite3.o that the jitcc command wrote
// (`jitcc -O2 -c sqlite3.c`), that object is loaded instead of compiling.
import koffi from 'koffi';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { compile, loadObject, type Module } from 'jitcc';

const dir = process.env.JITCC_SQLITE_DIR ?? join(homedir(), '.cache', 'jitcc-sqlite', 'gen');
const amalgamation = join(dir, 'sqlite3.c');
if (!existsSync(amalgamation)) {
  console.log(`no ${amalgamation}: run \`npm run test:sqlite\` first (it fetches SQLite), or set JITCC_SQLITE_DIR`);
  process.exit(0);
}

const object = process.env.JITCC_SQLITE_OBJECT;
console.time(object ? 'load sqlite3.o' : 'compile sqlite3.c');
const sqlite: Module = object ? loadObject(readFileSync(object)) : compile({ files: [amalgamation] }, {
  optimize: 1,
  includePaths: [dir],
  // One thread, no extension loading: what an embedded database in a JS process needs.
  defines: { SQLITE_THREADSAFE: 0, SQLITE_OMIT_LOAD_EXTENSION: 1, SQLITE_ENABLE_MATH_FUNCTIONS: 1 },
  cacheDir: join(homedir(), '.cache', 'jitcc-sqlite', 'objects'),
});
console.timeEnd(object ? 'load sqlite3.o' : 'compile sqlite3.c');
console.log('SQLite', sqlite.fn('sqlite3_libversion')());

// sqlite3_open writes the connection handle through its second argument.
const handleOut = new BigUint64Array(1);
if (sqlite.fn('sqlite3_open')(':memory:', handleOut) !== 0) throw new Error('sqlite3_open failed');
const db = handleOut[0]!;

/** Runs SQL; each result row reaches `onRow` as an object of column name → text. */
function exec(sql: string, onRow?: (row: Record<string, string | null>) => void): void {
  const errOut = new BigUint64Array(1);
  const rc = sqlite.fn('sqlite3_exec')(db, sql, onRow ? (_arg: bigint, n: number, values: bigint, names: bigint) => {
    const row: Record<string, string | null> = {};
    for (let i = 0; i < n; i++) {
      const name = koffi.decode(names, i * 8, 'const char *') as string;
      row[name] = koffi.decode(values, i * 8, 'const char *') as string | null;
    }
    onRow(row);
    return 0; // non-zero would abort the statement
  } : null, null, errOut);
  if (rc !== 0) {
    // errOut[0] is the message's char * itself: decode the NUL-terminated chars there ('const char *' would read a pointer at it).
    const message = errOut[0] ? (koffi.decode(errOut[0], 'char', -1) as string) : String(sqlite.fn('sqlite3_errmsg')(db));
    sqlite.fn('sqlite3_free')(errOut[0]);
    throw new Error(`SQLite error ${rc}: ${message}`);
  }
}

exec(`
  CREATE TABLE planet (name TEXT PRIMARY KEY, moons INTEGER, au REAL);
  INSERT INTO planet VALUES ('Mercury', 0, 0.39), ('Venus', 0, 0.72), ('Earth', 1, 1.0),
    ('Mars', 2, 1.52), ('Jupiter', 95, 5.2), ('Saturn', 146, 9.58);
`);
exec(`SELECT name, moons, round(au * 149.6, 1) AS million_km,
        rank() OVER (ORDER BY moons DESC) AS by_moons FROM planet ORDER BY au`, (row) => console.log(row));
exec(`SELECT json_group_array(name) AS rocky FROM planet WHERE au < 2`, (row) => console.log(row));
try {
  exec('SELECT * FROM no_such_table');
} catch (e) {
  console.log((e as Error).message);
}
sqlite.fn('sqlite3_close')(db);
sqlite.dispose();
