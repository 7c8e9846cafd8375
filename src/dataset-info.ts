// What the dataset says about itself: title, publisher, licence and the
// attribution shown with every download. Configurable (DATASET_* variables).

export interface DatasetInfo {
  title: string
  description: string
  publisher: string
  license: { name: string; url: string }
  attribution: string
}

export const DEFAULT_DATASET_INFO: DatasetInfo = {
  title: '大阪市 区・局運営方針データ (ward-plans)',
  description:
    '大阪市の各区・局が毎年度公表する運営方針(区運営方針)を、公開されたページの本文から読み取ったオープンデータです。目標・使命・経営課題・戦略・具体的取組・予算額を REST / GraphQL / 一括ダウンロードで提供します。 Osaka City ward and bureau operating plans as open data, read from the published pages.',
  publisher: 'ward-plans',
  license: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/deed.ja' },
  attribution: '出典: 大阪市ホームページ 各区・局「運営方針」(https://www.city.osaka.lg.jp/) を加工して作成',
}

/** The city whose site `attribution` credits; plans of other cities credit their own city's site. */
export const HOME_CITY = '大阪市'

/** The credit (出典) owed to one city for its plans. */
export interface CityAttribution {
  city: string
  attribution: string
}

/** One credit per city with plans in the data, the home city first: its configured one, and for the others their own site. */
export function cityAttributions(homeAttribution: string, sources: readonly { city: string; url: string | null }[]): CityAttribution[] {
  const sites = new Map<string, Set<string>>()
  for (const { city, url } of sources) {
    const citySites = sites.get(city) ?? new Set<string>()
    sites.set(city, citySites)
    if (url && URL.canParse(url)) citySites.add(`${new URL(url).origin}/`)
  }
  const cities = [...sites.keys()].sort((a, b) => Number(b === HOME_CITY) - Number(a === HOME_CITY) || a.localeCompare(b))
  return cities.map((city) => ({
    city,
    attribution: city === HOME_CITY ? homeAttribution : `出典: ${city}ホームページ${[...sites.get(city)!].map((site) => ` (${site})`).join('')} の各区「運営方針」を加工して作成`,
  }))
}

/** The credit to show with the whole data: each city's, joined; the home city's alone while no other city has plans. */
export function combinedAttribution(homeAttribution: string, sources: readonly { city: string; url: string | null }[]): string {
  const others = cityAttributions(homeAttribution, sources).filter((a) => a.city !== HOME_CITY)
  return [homeAttribution, ...others.map((a) => a.attribution)].join(' / ')
}
