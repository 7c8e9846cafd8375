// compareSqlValues (services/sql-order.ts) orders values as SQLite does: the
// budget groups' cursors and the facets' ties rely on it agreeing with SQL.
import Database from 'better-sqlite3'
import t from 'tap'
import { compareSqlValues } from '../../src/services/sql-order.js'

const VALUES: (string | number | null)[] = [null, 2017, -1, 0.5, 2e9, '2017', 'asahi', 'asahi-2017', 'asahi-2017.1', 'Asahi', '旭区', '北区', '区', '\u{20BB7}', '\uFF21', 'ｱ', '', 'a\u0000b', 'kita']

t.test('the order SQLite gives the same values (numbers before texts, texts by UTF-8 bytes)', async (t) => {
  const sqlite = new Database(':memory:')
  t.teardown(() => sqlite.close())
  sqlite.exec('create table v (value)')
  const insert = sqlite.prepare('insert into v values (?)')
  for (const value of VALUES) insert.run(value)
  const bySql = sqlite.prepare('select value from v order by value').pluck().all()
  t.same([...VALUES].sort(compareSqlValues), bySql)
  const after = sqlite.prepare('select count(*) from v where value > ?').pluck()
  for (const key of VALUES.filter((value) => value !== null)) {
    t.equal(VALUES.filter((value) => compareSqlValues(value, key) > 0).length, after.get(key), `as many values after ${JSON.stringify(key)} as \`value > ?\` finds`)
  }
})
