// Every real opening under test/fixtures/openings parses, and the facts its
// text shows are read right. Openings are cut off: warnings list what is missing.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { parsePlan } from '../../src/plans/parse.js'
import { OPENINGS_DIR } from '../helper.js'

interface Expected {
  file: string
  id: string
  organization: string
  kind: 'ward' | 'bureau'
  fiscalYear: number
  isDraft: boolean
  pageId: string | null
  updatedOn: string | null
  title: string | null
  goals: number
  missions: number
  firstGoal: string | null
}

const expected: Expected[] = [
    { file: 'abeno-2023.txt', id: 'abeno-2023', organization: '阿倍野区', kind: 'ward', fiscalYear: 2023, isDraft: false, pageId: '594980', updatedOn: '2024-02-01', title: '令和5年度阿倍野区運営方針', goals: 1, missions: 2, firstGoal: '誰もが住みたい、住み続けたいまち「あべの」の実現' },
    { file: 'asahi-2014.txt', id: 'asahi-2014', organization: '旭区', kind: 'ward', fiscalYear: 2014, isDraft: false, pageId: '269860', updatedOn: '2015-06-10', title: '平成26年度 旭区運営方針', goals: 3, missions: 3, firstGoal: '安全で安心できる旭区づくり' },
    { file: 'asahi-2016.txt', id: 'asahi-2016', organization: '旭区', kind: 'ward', fiscalYear: 2016, isDraft: false, pageId: '350945', updatedOn: '2017-06-08', title: '平成28年度 旭区運営方針', goals: 3, missions: 3, firstGoal: 'にぎわいがあり活力ある旭区づくり' },
    { file: 'asahi-2025-draft.txt', id: 'asahi-2025-draft', organization: '旭区', kind: 'ward', fiscalYear: 2025, isDraft: true, pageId: '646010', updatedOn: '2025-02-14', title: '令和7年度 旭区運営方針(案)', goals: 1, missions: 1, firstGoal: '「安心して住み続けられるあたたかいまち 旭区」の実現' },
    { file: 'chuo-2019-draft.txt', id: 'chuo-2019-draft', organization: '中央区', kind: 'ward', fiscalYear: 2019, isDraft: true, pageId: '461919', updatedOn: '2020-06-30', title: '平成31年度中央区運営方針(案)', goals: 1, missions: 1, firstGoal: '大阪を代表する業務・商業、観光の拠点として「にぎわい」あふれるまち、そして豊かなコミュニティのもと地域で支えあい助け合う「ふれあい」あふれるまちの実現' },
    { file: 'chuo-2022.txt', id: 'chuo-2022', organization: '中央区', kind: 'ward', fiscalYear: 2022, isDraft: false, pageId: '565701', updatedOn: '2023-06-09', title: '令和4年度中央区運営方針', goals: 1, missions: 1, firstGoal: '大阪を代表する業務・商業、観光の拠点として「にぎわい」あふれるまち、そして豊かなコミュニティのもと地域で支えあい助け合う「ふれあい」あふれるまちの実現' },
    { file: 'fukushima-2017-draft.txt', id: 'fukushima-2017-draft', organization: '福島区', kind: 'ward', fiscalYear: 2017, isDraft: true, pageId: '390621', updatedOn: '2017-02-16', title: '平成29年度福島区運営方針(案)', goals: 1, missions: 8, firstGoal: '平成33年度を目標に、日常生活においても予期せぬ災害時においても、あらゆる世代に「安全で安心なまち」だと実感してもらえ、また、区外からもたくさんの人々が集まり、花とみどりがあふれる魅力あるまちをめざします。' },
    { file: 'higashinari-2017.txt', id: 'higashinari-2017', organization: '東成区', kind: 'ward', fiscalYear: 2017, isDraft: false, pageId: '397151', updatedOn: '2017-04-14', title: '平成29年度東成区運営方針', goals: 2, missions: 3, firstGoal: '区民ひとりひとりが未来に希望を持てる住みよいまちをめざす' },
    { file: 'higashinari-2020.txt', id: 'higashinari-2020', organization: '東成区', kind: 'ward', fiscalYear: 2020, isDraft: false, pageId: '501612', updatedOn: '2020-04-28', title: '令和2年度東成区運営方針', goals: 1, missions: 2, firstGoal: 'ひがしなりは、SDGsの視点にもとづく「持続可能なまちづくり」をめざします。' },
    { file: 'higashisumiyoshi-2020.txt', id: 'higashisumiyoshi-2020', organization: '東住吉区', kind: 'ward', fiscalYear: 2020, isDraft: false, pageId: '501795', updatedOn: '2021-06-04', title: '令和2年度東住吉区運営方針', goals: 1, missions: 1, firstGoal: '子どもが輝き、みんながしあわせなまち~ゆめ・だんらん・ひがしすみよし~' },
    { file: 'higashiyodogawa-2019.txt', id: 'higashiyodogawa-2019', organization: '東淀川区', kind: 'ward', fiscalYear: 2019, isDraft: false, pageId: '466433', updatedOn: '2019-10-04', title: '令和元年度 東淀川区運営方針', goals: 1, missions: 1, firstGoal: '「住んでよかった、住み続けたい東淀川区」のまちづくり' },
    { file: 'higashiyodogawa-2022.txt', id: 'higashiyodogawa-2022', organization: '東淀川区', kind: 'ward', fiscalYear: 2022, isDraft: false, pageId: '565879', updatedOn: '2023-06-09', title: '令和4年度 東淀川区運営方針', goals: 1, missions: 1, firstGoal: '「住んでよかった、住み続けたい東淀川区」の実現' },
    { file: 'hirano-2023.txt', id: 'hirano-2023', organization: '平野区', kind: 'ward', fiscalYear: 2023, isDraft: false, pageId: '595572', updatedOn: '2024-06-10', title: '令和5年度 平野区運営方針', goals: 3, missions: 2, firstGoal: 'すべての人がお互いを尊重しつつ、つながり、支えあえるまち『ひらの』をめざす。' },
    { file: 'ikuno-2022.txt', id: 'ikuno-2022', organization: '生野区', kind: 'ward', fiscalYear: 2022, isDraft: false, pageId: '565940', updatedOn: '2024-03-21', title: '令和4年度 生野区度運営方針', goals: 1, missions: 3, firstGoal: 'すべての区民に「居場所」と「持ち場」のあるまち' },
    { file: 'joto-2024-draft.txt', id: 'joto-2024-draft', organization: '城東区', kind: 'ward', fiscalYear: 2024, isDraft: true, pageId: '618982', updatedOn: '2024-02-15', title: '令和6年度 城東区運営方針(案)', goals: 5, missions: 6, firstGoal: '城東区に住んでよかったと思えるまち' },
    { file: 'kita-2022.txt', id: 'kita-2022', organization: '北区', kind: 'ward', fiscalYear: 2022, isDraft: false, pageId: '564838', updatedOn: '2023-06-09', title: '令和4年度北区運営方針', goals: 1, missions: 1, firstGoal: '「人が集い、ともに支えあい、絆をはぐくむまち」を実現する。' },
    { file: 'konohana-2022.txt', id: 'konohana-2022', organization: '此花区', kind: 'ward', fiscalYear: 2022, isDraft: false, pageId: '603748', updatedOn: '2024-02-16', title: '令和4年度此花区運営方針', goals: 1, missions: 1, firstGoal: '区民ひとりひとりが元気で笑顔にあふれ、輪になって、いのちが輝き続けるまちを実現する' },
    { file: 'miyakojima-2013.txt', id: 'miyakojima-2013', organization: '都島区', kind: 'ward', fiscalYear: 2013, isDraft: false, pageId: '213683', updatedOn: '2014-06-10', title: '平成25年度 都島区運営方針', goals: 1, missions: 3, firstGoal: '「安心のまち、人がつながるまち、明日に誇れるまち」の実現' },
    { file: 'miyakojima-2023.txt', id: 'miyakojima-2023', organization: '都島区', kind: 'ward', fiscalYear: 2023, isDraft: false, pageId: '597219', updatedOn: '2024-06-10', title: '令和5年度 都島区運営方針', goals: 1, missions: 3, firstGoal: '「安心のまち、人がつながるまち、明日に誇れるまち」の実現' },
    { file: 'miyakojima-2026-draft.txt', id: 'miyakojima-2026-draft', organization: '都島区', kind: 'ward', fiscalYear: 2026, isDraft: true, pageId: '672546', updatedOn: '2026-02-19', title: '令和8年度 都島区運営方針(案)', goals: 1, missions: 4, firstGoal: '「安心・安心のまち、人がつながり・いきいきと暮らせるまち、子どもが輝くまち、明日に誇れるまち」の実現' },
    { file: 'naniwa-2014-draft.txt', id: 'naniwa-2014-draft', organization: '浪速区', kind: 'ward', fiscalYear: 2014, isDraft: true, pageId: '263009', updatedOn: '2014-04-25', title: '平成26年度浪速区運営方針(案)', goals: 1, missions: 3, firstGoal: '「賑わいと活力に満ち溢れるまちの創造」、誰もが「住みたい」「住み続けたい」まちの実現' },
    { file: 'naniwa-2023.txt', id: 'naniwa-2023', organization: '浪速区', kind: 'ward', fiscalYear: 2023, isDraft: false, pageId: '595926', updatedOn: '2024-06-10', title: '令和5年度浪速区運営方針', goals: 1, missions: 1, firstGoal: '「住んで誇りに思える、魅力と活力あふれるまち 浪速区」の実現' },
    { file: 'nishi-2017.txt', id: 'nishi-2017', organization: '西区', kind: 'ward', fiscalYear: 2017, isDraft: false, pageId: '397102', updatedOn: '2018-06-07', title: '平成29年度 西区運営方針', goals: 1, missions: 3, firstGoal: 'ひとが輝き、ぬくもりとうるおいに満ちたまち「きらきら、ぽかぽか。西区」の実現' },
    { file: 'nishi-2023.txt', id: 'nishi-2023', organization: '西区', kind: 'ward', fiscalYear: 2023, isDraft: false, pageId: '594399', updatedOn: '2024-08-12', title: '令和5年度西区運営方針', goals: 2, missions: 3, firstGoal: '「誰もが誇りに思える西区」' },
    { file: 'nishinari-2013.txt', id: 'nishinari-2013', organization: '西成区', kind: 'ward', fiscalYear: 2013, isDraft: false, pageId: '213400', updatedOn: '2014-06-10', title: '平成25年度 西成区運営方針', goals: 1, missions: 3, firstGoal: '生活保護率や高齢化率の高さ、若い世代が少ないなど多くの課題を解決し、子育て世代を中心に人を呼び込み、西成区を活性化させる。' },
    { file: 'nishinari-2015.txt', id: 'nishinari-2015', organization: '西成区', kind: 'ward', fiscalYear: 2015, isDraft: false, pageId: '304542', updatedOn: '2016-06-09', title: '平成27年度西成区運営方針', goals: 1, missions: 1, firstGoal: '“すべてはこどもたちのために~All for Our Children~”をキャッチフレーズに、子育て世代を中心に人を呼び込み、西成区に「住んでいてよかった」とだれもが実感できるまちをめざします。' },
    { file: 'nishinari-2023.txt', id: 'nishinari-2023', organization: '西成区', kind: 'ward', fiscalYear: 2023, isDraft: false, pageId: '601001', updatedOn: '2024-06-06', title: '令和5年度西成区運営方針', goals: 1, missions: 1, firstGoal: '「すべてはこどもたちのために」をキャッチフレーズに、人と人とのつながりを大切に、みんなが笑顔で暮らしやすいまちをめざす。' },
    { file: 'osaka-seisakukikakushitsu-2016-draft.txt', id: 'seisakukikakushitsu-2016-draft', organization: '政策企画室', kind: 'bureau', fiscalYear: 2016, isDraft: true, pageId: '565699', updatedOn: '2022-05-18', title: '平成28年度政策企画室運営方針(案)', goals: 3, missions: 3, firstGoal: '豊かな大阪の実現のためのトップマネジメントの補佐' },
    { file: 'osaka-shiminkyoku-2025.txt', id: 'shimin-2025', organization: '市民局', kind: 'bureau', fiscalYear: 2025, isDraft: false, pageId: '649998', updatedOn: '2025-04-01', title: '令和7年度市民局運営方針', goals: 1, missions: 3, firstGoal: '誰もが尊重され活躍でき、安全に安心して暮らすことができる、活気あふれる地域コミュニティが育まれるまちの実現' },
    { file: 'osaka-somu-2023.txt', id: 'somu-2023', organization: '総務局', kind: 'bureau', fiscalYear: 2023, isDraft: false, pageId: '596185', updatedOn: '2025-05-02', title: '令和5年度総務局運営方針', goals: 2, missions: 3, firstGoal: '行政運営の説明責任を果たし、公正性及び透明性を確保するための制度が各所属において適正に運用されていること。' },
    { file: 'sakai-higashi-2021.txt', id: 'sakai-higashi-2021', organization: '東区', kind: 'ward', fiscalYear: 2021, isDraft: false, pageId: null, updatedOn: '2022-09-12', title: '東区役所', goals: 0, missions: 0, firstGoal: null },
    { file: 'sakai-nishi-2022.txt', id: 'sakai-nishi-2022', organization: '西区', kind: 'ward', fiscalYear: 2022, isDraft: false, pageId: null, updatedOn: '2023-08-01', title: '西区役所', goals: 0, missions: 0, firstGoal: null },
    { file: 'suminoe-2014.txt', id: 'suminoe-2014', organization: '住之江区', kind: 'ward', fiscalYear: 2014, isDraft: false, pageId: '268103', updatedOn: '2014-10-23', title: '平成26年度 住之江区運営方針', goals: 1, missions: 5, firstGoal: '住之江区に住み、働き、学ぶ人々が、未来への夢と希望を持って、安心・安全に、いきいきと、そして幸せに暮らすまち' },
    { file: 'suminoe-2021.txt', id: 'suminoe-2021', organization: '住之江区', kind: 'ward', fiscalYear: 2021, isDraft: false, pageId: '532308', updatedOn: '2021-10-08', title: '令和3年度 住之江区運営方針', goals: 2, missions: 7, firstGoal: '子どもから高齢者まで、住之江区で暮らし、学び、働くすべての人が、自分の将来に夢と希望を持って、地域など、周りの人々と幸せに暮らすことのできるまちをめざす。' },
    { file: 'sumiyoshi-2023.txt', id: 'sumiyoshi-2023', organization: '住吉区', kind: 'ward', fiscalYear: 2023, isDraft: false, pageId: '594475', updatedOn: '2024-06-25', title: '令和5年度住吉区運営方針', goals: 1, missions: 1, firstGoal: '「つながり・見守り・支えあい」を大切にした安全・安心に暮らせる住みよいまち' },
    { file: 'taisho-2017.txt', id: 'taisho-2017', organization: '大正区', kind: 'ward', fiscalYear: 2017, isDraft: false, pageId: '397224', updatedOn: '2018-06-07', title: '平成29年度大正区運営方針', goals: 4, missions: 3, firstGoal: '『みんなで決めて、みんなで動き、活力を生み出す「住み心地の良いまち」へ』' },
    { file: 'taisho-2018.txt', id: 'taisho-2018', organization: '大正区', kind: 'ward', fiscalYear: 2018, isDraft: false, pageId: '431301', updatedOn: '2023-03-10', title: '平成30年度 大正区運営方針', goals: 1, missions: 0, firstGoal: '「子育て・教育、地域福祉、地域防災、地域コミュニティ充実の重点化」を2022年までの区政の基本方針として掲げ、「大正区のブランド価値・大正区民のプライド・大正区民の自律意識」に根差した民主的な区政運営を行うことで、区民それぞれの生活満足度が高い大正区、さらに、区外から見ても「大阪、日本に大正区があってよかった」と思われる大正区をめざす。' },
    { file: 'taisho-2024.txt', id: 'taisho-2024', organization: '大正区', kind: 'ward', fiscalYear: 2024, isDraft: false, pageId: '624101', updatedOn: '2025-07-04', title: '令和6年度大正区運営方針', goals: 1, missions: 1, firstGoal: '人や文化が多様性に富み、幅広い世代が支え合いながら共に生きる「ホッとなまち大正」。安全・安心で、こどもの未来が輝き、愛着をもって住み続けられる、持続可能なまちをめざす。また、このまちのポテンシャル(潜在価値)を活かし、新たなにぎわいと魅力を作り出していく。' },
    { file: 'tennoji-2023.txt', id: 'tennoji-2023', organization: '天王寺区', kind: 'ward', fiscalYear: 2023, isDraft: false, pageId: '596340', updatedOn: '2024-06-10', title: '令和5年度 天王寺区運営方針', goals: 5, missions: 2, firstGoal: 'みんなの「思い」が区政に反映されているまち' },
    { file: 'tsurumi-2019.txt', id: 'tsurumi-2019', organization: '鶴見区', kind: 'ward', fiscalYear: 2019, isDraft: false, pageId: '467947', updatedOn: '2019-04-16', title: '平成31年度鶴見区運営方針', goals: 1, missions: 1, firstGoal: 'つながり、ふれあい、みまもり、支えあう、だれもが安心して暮らせるまち' },
    { file: 'yokohama-naka-2022.txt', id: 'yokohama-naka-2022', organization: '中区', kind: 'ward', fiscalYear: 2022, isDraft: false, pageId: null, updatedOn: '2022-05-16', title: '令和4年度中区運営方針', goals: 6, missions: 0, firstGoal: '誰もが安心と活力を実感するまち中区' },
]

t.test('the table covers every opening', async (t) => {
  t.same(expected.map((e) => e.file).sort(), readdirSync(OPENINGS_DIR).filter((f) => f.endsWith('.txt')).sort())
})

for (const e of expected) {
  t.test(e.file, async (t) => {
    const text = readFileSync(join(OPENINGS_DIR, e.file), 'utf8')
    const plan = parsePlan(text, e.file)
    t.equal(plan.id, e.id, 'plan id')
    t.equal(plan.organization.name, e.organization, 'organization name')
    t.equal(plan.organization.kind, e.kind, 'organization kind')
    t.equal(plan.fiscalYear, e.fiscalYear, 'fiscal year')
    t.equal(plan.isDraft, e.isDraft, 'draft flag')
    t.equal(plan.pageId, e.pageId, 'page id')
    t.equal(plan.updatedOn, e.updatedOn, 'update date')
    t.equal(plan.title, e.title, 'title as published')
    t.equal(plan.goals.length, e.goals, 'number of goals')
    t.equal(plan.missions.length, e.missions, 'number of missions')
    t.equal(plan.goals[0] ?? null, e.firstGoal, 'first goal as published')
    t.equal(plan.sourceUrl, text.split('\n')[0].replace(/^source:\s*/, '').trim(), 'source URL from the first line')
    t.ok(plan.warnings.some((w) => w.startsWith('not found')), 'a cut-off opening says what is missing')
  })
}

t.test('organization codes carry the check digit', async (t) => {
  const code = (file: string) => parsePlan(readFileSync(join(OPENINGS_DIR, file), 'utf8'), file).organization.code
  t.equal(code('kita-2022.txt'), '271276', '北区 27127 -> 271276')
  t.equal(code('miyakojima-2013.txt'), '271021')
  t.equal(code('osaka-somu-2023.txt'), null, 'bureaus have no code')
  t.equal(code('sakai-higashi-2021.txt'), null, 'other cities: unknown, so null')
})

t.test('variants of the issue, strategy and initiative headers', async (t) => {
  const parse = (file: string) => parsePlan(readFileSync(join(OPENINGS_DIR, file), 'utf8'), file)
  const kita = parse('kita-2022.txt')
  t.equal(kita.issues[0].title, '地域コミュニティ', '【経営課題1】 title')
  t.equal(kita.issues[0].strategies[0].title, '地域活動協議会による自律的な地域運営の向上', 'unnumbered 【主な戦略 title】')
  t.same(kita.issues[0].strategies[0].initiatives[0].budget, { amountYen: 77_800_000, fiscalYear: 2022, text: '(77,800千円)' }, 'budget inside the initiative header')
  t.equal(kita.issues[0].strategies[0].initiatives[0].title, '地域活動の支援')

  const nishinari = parse('nishinari-2013.txt')
  t.equal(nishinari.issues[0].title, '地域主権の確立に向けた区民主体の地域運営の推進', '経営課題1【title】')
  const i114 = nishinari.issues[0].strategies[0].initiatives[0]
  t.equal(i114.number, '1-1-4')
  t.same(i114.budget, { amountYen: 29_474_000, fiscalYear: 2013, text: '〔25予算額 29,474 千円〕' }, 'short-year budget, spaced 千円')

  const asahi2014 = parse('asahi-2014.txt')
  t.equal(asahi2014.issues[0].number, 1, '【経営課題1:title (cut off): the number is read')
  t.equal(asahi2014.issues[0].title, null, 'the cut title is not stored as if whole')
  t.ok(asahi2014.warnings.includes("line 33: the text stops in this line, so only '【経営課題1' of it was read; the line is kept in the plan's notes as published: '【経営課題1:区民サービス'"), 'a warning quotes the cut line')
  t.equal(asahi2014.notes.at(-1), '【経営課題1:区民サービス', 'the cut line is kept in the notes')

  const shimin = parse('osaka-shiminkyoku-2025.txt')
  t.same(
    shimin.issues[0].strategies.map((s) => [s.number, s.title]),
    [
      ['1-1', '多文化共生の社会づくりの推進'],
      ['1-2', '犯罪被害者等への支援の充実'],
    ],
    'unnumbered strategies under 主な戦略 are numbered by position',
  )

  const sumiyoshi = parse('sumiyoshi-2023.txt')
  t.same(
    sumiyoshi.issues[0].budgets,
    [
      { kind: 'settlement', amountYen: 69_000_000, fiscalYear: 2021, text: '令和3年度決算額 6千9百万円' },
      { kind: 'budget', amountYen: 53_000_000, fiscalYear: 2022, text: '令和4年度予算額 5千3百万円' },
      { kind: 'budget', amountYen: 54_000_000, fiscalYear: 2023, text: '令和5年度予算額 5千4百万円' },
    ],
    'issue-level budget and settlement lines (FY2023 on)',
  )

  const nishinari2023 = parse('nishinari-2023.txt')
  t.equal(nishinari2023.issues[0].strategies.length, 3, 'a numbered list under 主な戦略 gives one strategy per item')
})

t.test('SDGs lines and sub-numbered issues in the openings', async (t) => {
  const parse = (file: string) => parsePlan(readFileSync(join(OPENINGS_DIR, file), 'utf8'), file)
  t.same(parse('sumiyoshi-2023.txt').issues[0].sdgs, [11, 13, 16, 17], '関連するSDGs 11住み続けられるまちづくりを, one goal a line')
  const suminoe = parse('suminoe-2021.txt')
  t.same(suminoe.issues[0].sdgs, [1, 3, 4], '主なSDGsゴール then goal lines; the cut last line (5) is not read')
  t.ok(suminoe.warnings.some((w) => w.startsWith('line 46: the text stops in this line')), 'the cut line is named')
  const nishi = parse('nishi-2023.txt')
  t.same(nishi.issues.map((i) => [i.id, i.number, i.subNumber, i.title]), [['nishi-2023.1.1', 1, 1, '地域コミュニティの活性化']], '経営課題1-(1): id {plan}.1.1')
})

t.test('excerpts: a cut last line is never stored as if whole', async (t) => {
  for (const file of readdirSync(OPENINGS_DIR).filter((f) => f.endsWith('.txt'))) {
    const text = readFileSync(join(OPENINGS_DIR, file), 'utf8')
    const plan = parsePlan(text, file)
    t.equal(plan.completeness, 'excerpt', `${file} is an excerpt`)
    const last = text.trimEnd().split('\n').pop()!.trim()
    // A sentence's end (with what closes around it), or a line wholly in brackets; a closing bracket alone ends nothing.
    const norm = last.normalize('NFKC')
    const finished = /[。.!?][」』)\]】≫〉》>〕"”’]*$/.test(norm) || /^[【≪<《〈\[〔(][^【≪<《〈\[〔(]*[】≫>》〉\]〕)]$/.test(norm)
    // A bullet mark alone (-) holds no text that could be cut.
    const empty = /^[-・•]$/.test(norm)
    const warned = plan.warnings.some((w) => w.includes('the text stops in this line') && w.endsWith(`'${last}'`))
    t.equal(warned, !finished && !empty, `${file}: the last line ${finished ? 'ends a sentence and is read' : empty ? 'is a bullet mark alone' : 'is cut and named in a warning'}`)
    if (warned) t.equal(plan.notes.at(-1), last.replace(/^[・•]\s*|^-\s+/, ''), `${file}: the cut line is kept in the notes`)
  }
})
