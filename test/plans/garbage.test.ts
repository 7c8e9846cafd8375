// Input that is not a plan: a clear error naming the file and line, never a crash.
import t, { type Test } from 'tap'
import { PlanParseError } from '../../src/plans/errors.js'
import { parsePlan } from '../../src/plans/parse.js'
import { decodePlanBytes } from '../../src/plans/text.js'

const refused = (t: Test, text: string, line: number, pattern: RegExp) => {
  let error: unknown
  try {
    parsePlan(text, 'bad.txt')
  } catch (caught) {
    error = caught
  }
  t.ok(error instanceof PlanParseError, 'refused with a PlanParseError')
  const e = error as PlanParseError
  t.equal(e.file, 'bad.txt', 'names the file')
  t.equal(e.line, line, 'names the line')
  t.match(e.message, pattern)
  t.match(e.message, /expected /, 'says what was expected')
}

t.test('empty and blank files', async (t) => {
  refused(t, '', 1, /empty/)
  refused(t, '\n \n\u3000\n', 1, /empty/)
  refused(t, 'source: https://www.city.osaka.lg.jp/asahi/page/1.html\n', 2, /no text/)
})

t.test('binary input', async (t) => {
  t.throws(() => decodePlanBytes(new Uint8Array([0x41, 0x0a, 0xff, 0xfe, 0x00]), 'bin.dat'), /bin\.dat:2: .*not UTF-8/)
  refused(t, 'abc\u0000\u0001def', 1, /binary/)
  // A string built in code may hold half of a pair, which no UTF-8 file can: refused at its line, not left to the importer.
  refused(t, '平成29年度 旭区運営方針\n【区の目標】\n・目標\ud800A\n', 3, /lone UTF-16 surrogate/)
  refused(t, '平成29年度 旭区運営方針\n\udc00', 2, /lone UTF-16 surrogate/)
  t.equal(parsePlan('平成29年度 旭区運営方針\n【区の目標】\n・目標😀。\n', 'pair.txt').goals[0], '目標😀。', 'a whole pair is a character like any')
})

t.test('an HTML page of something else', async (t) => {
  refused(t, '<!DOCTYPE html>\n<html><head><title>天気予報</title></head></html>', 1, /HTML/)
  refused(t, '今日の天気\n晴れのち曇り\n', 1, /no plan title/)
})

t.test('a strategy before any management issue', async (t) => {
  const text = ['平成29年度 旭区運営方針', '【区の目標(何をめざすのか)】', '・ 目標', '【戦略1-1 早すぎる戦略】', '・ 内容'].join('\n')
  refused(t, text, 4, /strategy 1-1 appears before any management issue/)
})

t.test('an initiative before any management issue', async (t) => {
  const text = ['平成29年度 旭区運営方針', '【具体的取組1-1-1 早すぎる取組】'].join('\n')
  refused(t, text, 2, /initiative 1-1-1 appears before any management issue/)
})

t.test("a title's fiscal year that no plan can have", async (t) => {
  for (const year of ['9999年度', '令和9999年度', '平成0年度', '0年度', '100年度', '1000年度', '2101年度']) {
    refused(t, `${year} 旭区運営方針\n【区の目標】\n・目標。\n`, 1, new RegExp(`the title's fiscal year '${year}' is no year from 1989 to 2100`))
  }
  refused(t, 'source: https://www.city.sakai.lg.jp/kuyakusho/nishiku/r999999_keikaku.html\n西区役所\n【区の目標】\n・目標。\n', 1, /the source URL's fiscal year 1002017 is no year from 1989 to 2100/)
  t.equal(parsePlan('平成31年度 旭区運営方針\n【区の目標】\n・目標。\n').fiscalYear, 2019, '平成31 is 2019')
  t.equal(parsePlan('令和元年度 旭区運営方針\n【区の目標】\n・目標。\n').fiscalYear, 2019)
  t.equal(parsePlan('2100年度 旭区運営方針\n【区の目標】\n・目標。\n').fiscalYear, 2100, 'the last year the API takes')
})

t.test('a source URL whose organization id is no slug is refused at its line, not left to the importer', async (t) => {
  for (const segment of ['som%EF%BD%9E', 'a'.repeat(65), '-somu']) {
    refused(t, `source: https://www.city.osaka.lg.jp/${segment}/page/0000123456.html\n令和5年度総務局運営方針\n【局の目標】\n・目標。\n`, 1, /the source URL gives the organization id .* which is no slug of 1 to 64 ASCII letters/)
  }
  refused(t, `source: https://www.city.sakai.lg.jp/kuyakusho/r5_${'n'.repeat(70)}ku.html\n東区役所\n【区の目標】\n・目標。\n`, 1, /no slug/)
  t.equal(parsePlan('source: https://www.city.osaka.lg.jp/somu/page/0000123456.html\n令和5年度総務局運営方針\n【局の目標】\n・目標。\n').organization.id, 'somu')
})

t.test("a title naming another organization than the table's for the source URL's is refused at the title's line", async (t) => {
  refused(t, 'source: https://www.city.osaka.lg.jp/shimin/page/0000123456.html\n令和5年度総務局運営方針\n【局の目標】\n・目標。\n', 2, /the title names '総務局', but the source URL's organization 'shimin' is 市民局/)
  refused(t, 'source: https://www.city.osaka.lg.jp/asahi/page/0000397263.html\n平成29年度 旭運営方針\n【区の目標】\n・目標。\n', 2, /the title names '旭', but the source URL's organization 'asahi' is 旭区/)
  t.equal(parsePlan('source: https://www.city.osaka.lg.jp/kodomo/page/0000123456.html\n令和5年度こども青少年局運営方針\n【局の目標】\n・目標。\n').organization.name, 'こども青少年局', 'an organization outside the table takes the title\'s name')
})

t.test('a title and nothing of a plan', async (t) => {
  refused(t, '平成29年度 旭区運営方針\nこんにちは\n', 1, /no plan sections/)
})

t.test('an unknown organization without a source URL', async (t) => {
  refused(t, '令和5年度 何某局運営方針\n【局の目標(何をめざすのか)】\n・ 目標\n', 1, /unknown organization '何某局'.*source: URL/)
})
