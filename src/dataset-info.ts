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
