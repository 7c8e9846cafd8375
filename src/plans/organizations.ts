// Which organization a plan belongs to: its id (the romaji slug of the
// city's URL), kind and local government code. The ward table is reference
// data from shared/API.md, not plan data.
import type { Organization } from './types.js'

/** Osaka's 24 wards: name, URL slug, 5-digit local government code. */
const OSAKA_WARDS: ReadonlyArray<readonly [string, string, string]> = [
  ['都島区', 'miyakojima', '27102'], ['福島区', 'fukushima', '27103'], ['此花区', 'konohana', '27104'],
  ['西区', 'nishi', '27106'], ['港区', 'minato', '27107'], ['大正区', 'taisho', '27108'],
  ['天王寺区', 'tennoji', '27109'], ['浪速区', 'naniwa', '27111'], ['西淀川区', 'nishiyodogawa', '27113'],
  ['東淀川区', 'higashiyodogawa', '27114'], ['東成区', 'higashinari', '27115'], ['生野区', 'ikuno', '27116'],
  ['旭区', 'asahi', '27117'], ['城東区', 'joto', '27118'], ['阿倍野区', 'abeno', '27119'],
  ['住吉区', 'sumiyoshi', '27120'], ['東住吉区', 'higashisumiyoshi', '27121'], ['西成区', 'nishinari', '27122'],
  ['淀川区', 'yodogawa', '27123'], ['鶴見区', 'tsurumi', '27124'], ['住之江区', 'suminoe', '27125'],
  ['平野区', 'hirano', '27126'], ['北区', 'kita', '27127'], ['中央区', 'chuo', '27128'],
]

/** Bureaus whose slug is known without a source URL. */
const OSAKA_BUREAUS: Readonly<Record<string, string>> = {
  総務局: 'somu',
  市民局: 'shimin',
  政策企画室: 'seisakukikakushitsu',
}

/**
 * Other cities whose ward plans this reader knows, by the host of their site.
 * A ward's id is the city's prefix and the ward's romaji as the city's URL
 * spells it, without 区's "ku" (堺市西区 …/r4_nishiku.html and 福岡市西区
 * /nishiku/… are sakai-nishi and fukuoka-nishi; Yokohama's /naka/ is
 * yokohama-naka). The catalogue's slugs follow the same rule.
 */
const OTHER_CITIES: Readonly<Record<string, { prefix: string; name: string; ward: RegExp }>> = {
  'www.city.sakai.lg.jp': { prefix: 'sakai', name: '堺市', ward: /\/r\d+_([a-z]+?)(?:ku)?\.html$/ },
  'www.city.yokohama.lg.jp': { prefix: 'yokohama', name: '横浜市', ward: /^\/([a-z]+)\// },
  'www.city.fukuoka.lg.jp': { prefix: 'fukuoka', name: '福岡市', ward: /^\/([a-z]+?)ku\// },
}

const OSAKA = '大阪市'
const OSAKA_HOST = 'www.city.osaka.lg.jp'
/** The shape of Osaka's plan page addresses (/asahi/page/0000397263.html): on another host, a copy of Osaka's page (a mirror, a local server). */
const OSAKA_PAGE_PATH = /^\/[a-z]+\/page\/\d+\.html$/

/** 全国地方公共団体コード check digit: s = 6d1+5d2+4d3+3d4+2d5, (11 - s mod 11) mod 10. */
export function withCheckDigit(code5: string): string {
  const s = [...code5].reduce((sum, d, i) => sum + Number(d) * (6 - i), 0)
  return code5 + String((11 - (s % 11)) % 10)
}

export interface OrganizationClue {
  /** The organization name as the title spells it, e.g. 旭区, 生野区度, 総務局. */
  nameInTitle: string | null
  sourceUrl: string | null
}

/** `atSource`: the source URL (line 1) is at fault, not the title. */
export type OrganizationResult = { organization: Organization; warning?: string } | { problem: string; expected?: string; atSource?: true }

/** An organization id: a URL slug, short enough that every id built on it stays within the API's bounds. */
export const ORGANIZATION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

/** A problem for an organization id the source URL gives that is no slug (/asah%CC%81/…, a segment of 100 letters). */
function slugProblem(id: string): OrganizationResult | undefined {
  if (ORGANIZATION_ID.test(id)) return undefined
  const shown = JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}…` : id)
  return { problem: `the source URL gives the organization id ${shown}, which is no slug of 1 to 64 ASCII letters, digits, '-' or '_'`, expected: "a source URL whose first path segment names the organization (/asahi/page/…, /somu/…)", atSource: true }
}

/**
 * What a page's address says of its organization, by one rule for the
 * plans' ids and the catalogue's: on Osaka's site, or in an address of its
 * pages' shape, the first path segment (/asahi/…); on another city's site
 * known here that city's ward (see OTHER_CITIES); elsewhere (a ward's own
 * site, an unknown city) nothing.
 */
function organizationAtUrl(url: URL): { id: string | null; city: string } | undefined {
  if (url.host === OSAKA_HOST || OSAKA_PAGE_PATH.test(url.pathname)) return { id: url.pathname.split('/')[1] || null, city: OSAKA }
  // Own keys only: a host such as `constructor` or `__proto__` is no city (it read Object's, a 500).
  const city = Object.hasOwn(OTHER_CITIES, url.host) ? OTHER_CITIES[url.host] : undefined
  if (!city) return undefined
  const ward = city.ward.exec(url.pathname)?.[1]
  return { id: ward ? `${city.prefix}-${ward}` : null, city: city.name }
}

/**
 * Resolves the organization from the title's name and the source URL. A page
 * of another host is Osaka's only when the host names the ward the title
 * names (higashiyodogawa.com, a ward's own site): ward names recur across
 * cities (西区, 中区, 東区), so a page of an unknown city's site is refused
 * rather than taken for Osaka's.
 */
export function resolveOrganization({ nameInTitle, sourceUrl }: OrganizationClue): OrganizationResult {
  const url = parseUrl(sourceUrl)
  const atUrl = url ? organizationAtUrl(url) : undefined
  if (atUrl && atUrl.city !== OSAKA) {
    if (!atUrl.id) return { problem: `cannot read the ward from the source URL ${url!.href}` }
    const problem = slugProblem(atUrl.id)
    if (problem) return problem
    return otherCityOrganization({ id: atUrl.id, city: atUrl.city }, nameInTitle)
  }

  const ward = nameInTitle ? osakaWardIn(nameInTitle) : undefined
  if (url && !atUrl && !(ward && hostNamesWard(url, ward[1]))) {
    return {
      problem: `the source URL's host ${url.host} is not a site this service knows: Osaka City's (${OSAKA_HOST}, or a copy of its /{ward}/page/{number}.html pages), an Osaka ward's own site named after it, or ${Object.keys(OTHER_CITIES).join(', ')}; its city is unknown, and a ward name such as ${nameInTitle?.trim() || '西区'} does not tell which city it is`,
      expected: `a source URL on ${OSAKA_HOST}, an Osaka ward's own site, or another city's site listed in src/plans/organizations.ts`,
    }
  }
  const urlSlug = atUrl?.id ?? null
  if (ward) {
    const [name, slug] = ward
    const organization = tableOrganization(slug)!
    if (urlSlug && urlSlug !== slug) {
      return { organization, warning: `the source URL names '${urlSlug}' but the title names ${name} (${slug})` }
    }
    return { organization }
  }
  if (!nameInTitle) return { problem: 'no organization name in the title' }
  const name = nameInTitle.trim()
  const slug = urlSlug ?? (Object.hasOwn(OSAKA_BUREAUS, name) ? OSAKA_BUREAUS[name] : undefined)
  if (!slug) {
    return { problem: `unknown organization '${name}': add a first line 'source: URL' with the plan's page on www.city.osaka.lg.jp` }
  }
  const problem = slugProblem(slug)
  if (problem) return problem
  // 総務局 under 市民局's address, 旭 under /asahi/: a known organization's facts are the table's, which no plan renames.
  const known = tableOrganization(slug)
  if (known && known.name !== name) {
    return {
      problem: `the title names '${name}', but the source URL's organization '${slug}' is ${known.name}`,
      expected: `the title of ${known.name}'s plan (${known.name}), or the source URL of ${name}'s page`,
    }
  }
  return { organization: known ?? { id: slug, name, kind: name.endsWith('区') ? 'ward' : 'bureau', code: null, city: OSAKA } }
}

function otherCityOrganization(atUrl: { id: string; city: string }, nameInTitle: string | null): OrganizationResult {
  const name = nameInTitle?.replace(/役所$/, '').trim() || null
  if (!name) return { problem: 'no organization name found' }
  return { organization: { id: atUrl.id, name, kind: 'ward', code: null, city: atUrl.city } }
}

/** A host that names the ward: one of its labels starts with the ward's slug (higashiyodogawa.com). */
function hostNamesWard(url: URL, slug: string): boolean {
  return url.hostname.split(/[.-]/).some((label) => label.startsWith(slug))
}

/** The longest Osaka ward name inside the text (東淀川区 before 淀川区; 生野区度 -> 生野区). */
function osakaWardIn(text: string) {
  let best: (typeof OSAKA_WARDS)[number] | undefined
  for (const ward of OSAKA_WARDS) {
    if (text.includes(ward[0]) && (!best || ward[0].length > best[0].length)) best = ward
  }
  return best
}

function parseUrl(text: string | null): URL | null {
  if (!text) return null
  try {
    return new URL(text)
  } catch {
    return null
  }
}

export function isOtherCityUrl(sourceUrl: string | null): boolean {
  const url = parseUrl(sourceUrl)
  return !!url && url.host in OTHER_CITIES
}

export function fiscalYearFromUrl(sourceUrl: string | null): number | undefined {
  const m = sourceUrl ? /\/r(\d+)_/.exec(sourceUrl) : null
  return m ? 2018 + Number(m[1]) : undefined
}

/** The organizations this table knows by id (Osaka's wards and the bureaus above), with their facts. */
const TABLE_BY_ID: ReadonlyMap<string, Organization> = new Map([
  ...OSAKA_WARDS.map(([name, id, code]): [string, Organization] => [id, { id, name, kind: 'ward', code: withCheckDigit(code), city: OSAKA }]),
  ...Object.entries(OSAKA_BUREAUS).map(([name, id]): [string, Organization] => [id, { id, name, kind: 'bureau', code: null, city: OSAKA }]),
])

/** The facts of a known organization, or undefined for an id outside the table. */
export function tableOrganization(id: string): Organization | undefined {
  return TABLE_BY_ID.get(id)
}

/** What a plan page's address tells of its organization before its text is read; null where it does not tell. */
export interface PageOrganization {
  id: string
  name: string | null
  city: string | null
}

/**
 * The organization of a catalogued plan page: the id its plans get, by the
 * rule of organizationAtUrl (so the catalogue's slug is a label only where
 * the address tells the organization: shiminkyoku's pages are /shimin/), the
 * catalogue's slug elsewhere; its name and city where these tables know them.
 * A page of an unknown host is Osaka's ward only when the host names it.
 */
export function organizationOfPage(slug: string, pageUrl: string): PageOrganization {
  const url = parseUrl(pageUrl)
  const atUrl = url ? organizationAtUrl(url) : undefined
  const id = atUrl?.id ?? slug
  if (atUrl && atUrl.city !== OSAKA) return { id, name: null, city: atUrl.city }
  const known = tableOrganization(id)
  if (atUrl) return { id, name: known?.name ?? null, city: OSAKA }
  if (known?.kind === 'ward' && url && hostNamesWard(url, id)) return { id, name: known.name, city: OSAKA }
  return { id, name: null, city: null }
}
