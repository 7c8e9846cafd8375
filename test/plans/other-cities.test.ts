// Ward names recur across cities (西区 is Osaka's, Sakai's, Yokohama's and Fukuoka's): a page of
// another city's site is that city's ward, never Osaka's.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PlanParseError } from '../../src/plans/errors.js'
import { organizationOfPage, resolveOrganization } from '../../src/plans/organizations.js'
import { parsePlan } from '../../src/plans/parse.js'
import { OPENINGS_DIR } from '../helper.js'

t.test("another city's 西区 is not Osaka's", async (t) => {
  const cases: [string, string, string][] = [
    ['https://www.city.sakai.lg.jp/shisei/gyosei/hoshin/r4_soshikiuneihoshin/r4_nishiku.html', 'sakai-nishi', '堺市'],
    ['https://www.city.yokohama.lg.jp/nishi/kusei/uneihoshin-yosan/unei/r07unei.files/0010_20250523.txt', 'yokohama-nishi', '横浜市'],
    ['https://www.city.fukuoka.lg.jp/nishiku/c-shinko/kusei/R4_nishikuuneihoshin.html', 'fukuoka-nishi', '福岡市'],
  ]
  for (const [sourceUrl, id, city] of cases) {
    const result = resolveOrganization({ nameInTitle: '西区', sourceUrl })
    t.match(result, { organization: { id, name: '西区', city } }, sourceUrl)
  }
  t.match(resolveOrganization({ nameInTitle: '西区', sourceUrl: null }), { organization: { id: 'nishi', city: '大阪市' } }, 'without an address, Osaka')
})

t.test('a catalogued page tells its organization before its text is read', async (t) => {
  t.same(organizationOfPage('shiminkyoku', 'https://www.city.osaka.lg.jp/shimin/page/0000649998.html'), { id: 'shimin', name: '市民局', city: '大阪市' })
  t.same(organizationOfPage('higashiyodogawa', 'http://higashiyodogawa.com/gyosei/20121115-2/'), { id: 'higashiyodogawa', name: '東淀川区', city: '大阪市' }, "a ward's own site")
  t.same(organizationOfPage('fukuoka-nishi', 'https://www.city.fukuoka.lg.jp/nishiku/c-shinko/kusei/R4_nishikuuneihoshin.html'), { id: 'fukuoka-nishi', name: null, city: '福岡市' })
  t.same(organizationOfPage('port', 'https://www.city.osaka.lg.jp/port/page/0000566139.html'), { id: 'port', name: null, city: '大阪市' }, 'a bureau these tables do not name')
})

t.test("a plan's id and its catalogue entry's agree, by one rule", async (t) => {
  // Every catalogued page of a host whose URLs name the organization: the plan its text gives has the catalogue's id.
  const cases: [string, string, string][] = [
    ['fukuoka-nishi', 'https://www.city.fukuoka.lg.jp/nishiku/c-shinko/kusei/R4_nishikuuneihoshin.html', '西区'],
    ['sakai-nishi', 'https://www.city.sakai.lg.jp/shisei/gyosei/hoshin/r4_soshikiuneihoshin/r4_nishiku.html', '西区役所'],
    ['sakai-higashi', 'https://www.city.sakai.lg.jp/shisei/gyosei/hoshin/r3_soshikiuneihoshin/r3_higashi.html', '東区役所'],
    ['yokohama-naka', 'https://www.city.yokohama.lg.jp/naka/kusei/uneihoshin-yosan/unei/20220517.html', '中区'],
    ['shiminkyoku', 'https://www.city.osaka.lg.jp/shimin/page/0000649998.html', '市民局'],
  ]
  for (const [slug, url, name] of cases) {
    const page = organizationOfPage(slug, url)
    t.match(resolveOrganization({ nameInTitle: name, sourceUrl: url }), { organization: { id: page.id, city: page.city } }, url)
  }
  t.same(organizationOfPage('fukuoka-nishi', 'https://www.city.fukuoka.lg.jp/nishiku/c-shinko/kusei/R4_nishikuuneihoshin.html').id, 'fukuoka-nishi', "Fukuoka's /nishiku/ is fukuoka-nishi, as the catalogue says")
})

t.test("a page of an unknown city's site is not taken for Osaka's ward of the same name", async (t) => {
  const kobe = 'https://www.city.kobe.lg.jp/nishiku/kusei/unei.html'
  t.match(resolveOrganization({ nameInTitle: '西区', sourceUrl: kobe }), { problem: /host www\.city\.kobe\.lg\.jp is not a site this service knows.*its city is unknown/ })
  t.same(organizationOfPage('nishi', kobe), { id: 'nishi', name: null, city: null }, 'catalogued: its city unknown, not guessed from the slug')
  t.match(resolveOrganization({ nameInTitle: '東淀川区', sourceUrl: 'http://higashiyodogawa.com/gyosei/20121115-2/' }), { organization: { id: 'higashiyodogawa', city: '大阪市' } }, "an Osaka ward's own site, named after it, is that ward's")
  t.match(resolveOrganization({ nameInTitle: '西区', sourceUrl: 'http://higashiyodogawa.com/gyosei/' }), { problem: /not a site this service knows/ }, "a ward's site does not vouch for another ward")
})

t.test("a plan text from an unknown city's site is refused, naming the host", async (t) => {
  const text = 'source: https://www.city.kobe.lg.jp/nishiku/kusei/unei.html\n令和5年度 西区運営方針\n【区の目標(何をめざすのか)】\n・ 住みよいまち\n'
  t.throws(() => parsePlan(text, 'kobe.txt'), PlanParseError)
  try {
    parsePlan(text, 'kobe.txt')
  } catch (error) {
    t.match((error as Error).message, /^kobe\.txt:2: the source URL's host www\.city\.kobe\.lg\.jp is not a site this service knows/)
  }
})

t.test("Sakai's pages: the office's heading is the title, and the city stays", async (t) => {
  const plan = parsePlan(readFileSync(join(OPENINGS_DIR, 'sakai-higashi-2021.txt'), 'utf8'), 'sakai-higashi-2021.txt')
  t.equal(plan.title, '東区役所', 'the page is headed 東区役所, as published')
  t.same(plan.notes.slice(0, 2), ['東区長 山下 勝利', 'このように行財政改革に取り組みます'], 'the heading is not a note; a section of Sakai\'s template is')
  t.ok(plan.notes.includes('各種事業の執行については、区民(地域)に与える影響を熟考し、縮小や廃止等を視野に再構築をするなど、財政負担の軽減を図ります。'), "its text is kept in the notes as published, not dropped")
  t.ok(plan.warnings.includes("lines 9-10: section 'このように行財政改革に取り組みます' is not part of the plan template: kept in the plan's notes as published"))
  t.equal(plan.pageId, null, 'Sakai\'s pages carry no ページ番号')
  t.same([plan.organization.id, plan.organization.name, plan.organization.city], ['sakai-higashi', '東区', '堺市'])
})

t.test("a copy of Osaka's page (a mirror, the tests' loopback server) is Osaka's, by the shape of its address", async (t) => {
  t.match(resolveOrganization({ nameInTitle: '旭区', sourceUrl: 'http://127.0.0.1:8080/asahi/page/0000397263.html' }), { organization: { id: 'asahi', city: '大阪市' } })
  t.same(organizationOfPage('asahi', 'http://127.0.0.1:8080/asahi/page/0000397263.html'), { id: 'asahi', name: '旭区', city: '大阪市' })
})
