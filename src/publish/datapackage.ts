// datapackage.json: the bulk CSV files as a Frictionless Tabular Data
// Package (https://specs.frictionlessdata.io/): a Table Schema per file, with
// its fields' types and descriptions, primary and foreign keys, made from the
// same column definitions that write the files (formats/tables.ts), and the
// licence and attribution the dataset states.
import { LIST_SEPARATOR, type AnyTable } from '../formats/tables.js'
import type { DownloadTable } from './download-tables.js'

export const DATAPACKAGE_FILE = 'datapackage.json'

export interface PackageFacts {
  title: string
  description: string
  license: { name: string; url: string }
  /** The credit owed with the whole data. */
  attribution: string
  /** Each city's credit, with its site. */
  sources: { title: string; path?: string }[]
  generatedAt: string
  /** The database's content version the files were written from. */
  dataVersion: string
}

interface Field {
  name: string
  type: string
  description: string
  constraints?: { required?: true; enum?: readonly string[] }
}

/** A table's Table Schema fields: one per CSV column, a list's JSON array (`array`) and its text beside it. */
export function tableSchemaFields(table: AnyTable): Field[] {
  return table.columns.flatMap((column): Field[] => {
    if (column.type === 'list') {
      return [
        { name: column.name, type: 'array', description: `${column.description} A JSON array.` },
        { name: `${column.name}Text`, type: 'string', description: `${column.name} as text: the items joined by "${LIST_SEPARATOR}" (empty for none).` },
      ]
    }
    const constraints = { ...(column.required ? { required: true as const } : {}), ...(column.enum ? { enum: column.enum } : {}) }
    return [{ name: column.name, type: column.type, description: column.description, ...(Object.keys(constraints).length > 0 ? { constraints } : {}) }]
  })
}

/** The descriptor of the CSV files of `tables`, with each file's size and SHA-256 (hex) as written. */
export function dataPackage(facts: PackageFacts, tables: readonly DownloadTable[], written: ReadonlyMap<string, { bytes: number; sha256: string }>): object {
  return {
    profile: 'tabular-data-package',
    name: 'ward-plans',
    title: facts.title,
    description: facts.description,
    licenses: [{ title: facts.license.name, path: facts.license.url }],
    sources: facts.sources,
    created: facts.generatedAt,
    // Beyond the specification (allowed by it): the credit to show, and the version of the data.
    attribution: facts.attribution,
    dataVersion: facts.dataVersion,
    resources: tables.map(({ name, title, table }) => {
      const path = `${name}.csv`
      const file = written.get(path)
      return {
        profile: 'tabular-data-resource',
        name,
        path,
        title,
        format: 'csv',
        mediatype: 'text/csv',
        // The files start with a byte order mark (for spreadsheet programs); UTF-8 readers skip it.
        encoding: 'utf-8',
        ...(file ? { bytes: file.bytes, hash: `sha256:${file.sha256}` } : {}),
        dialect: { delimiter: ',', doubleQuote: true, header: true, lineTerminator: '\n', quoteChar: '"' },
        schema: {
          fields: tableSchemaFields(table),
          missingValues: [''],
          ...(table.primaryKey ? { primaryKey: table.primaryKey } : {}),
          ...(table.foreignKeys ? { foreignKeys: table.foreignKeys } : {}),
        },
      }
    }),
  }
}
