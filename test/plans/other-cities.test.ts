// Ward names recur across cities (西区 is Osaka's, Sakai's, Yokohama's and Fukuoka's): a page of
// another city's site is that city's ward, never Osaka's.
import t from 'tap'
import { organizationOfPage, resolveOrganization } from '../../src/plans/organizations.js'

t.test("another city's 西区 is not Osaka's", async (t) => {
  const cases: [string, string, string][] = [
    ['https://www.city.sakai.lg.jp/shisei/gyosei/hoshin/r4_soshikiuneihoshin/r4_nishiku.html', 'sakai-nishi', '堺市'],
    ['https://www.city.yokohama.lg.jp/nishi/kusei/uneihoshin-yosan/unei/r07unei.files/0010_20250523.txt', 'yokohama-nishi', '横浜市'],
    ['https://www.city.fukuoka.lg.jp/nishiku/c-shinko/kusei/R4_nishikuuneihoshin.html', 'fukuoka-nishiku', '福岡市'],
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
