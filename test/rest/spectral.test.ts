// Spectral's oas ruleset (.spectral.yaml) finds nothing in openapi/openapi.json: no error, warning, hint or information.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import t from 'tap'
import { tempDir } from '../helper.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

t.test('spectral lint openapi/openapi.json: 0 problems', async (t) => {
  const output = `${tempDir(t, 'spectral')}/results.json`
  const spectral = `${root}node_modules/.bin/spectral`
  const args = ['lint', 'openapi/openapi.json', '--ruleset', '.spectral.yaml', '--format', 'json', '--output', output, '--fail-severity', 'hint']
  // It exits 1 when it finds anything: the results say what.
  const exit = await promisify(execFile)(spectral, args, { cwd: root }).then(() => 0, (error: { code?: number }) => error.code ?? -1)
  const results = JSON.parse(readFileSync(output, 'utf8')) as { code: string; message: string; path: string[] }[]
  t.same(results.map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`), [])
  t.equal(exit, 0)
  t.match(readFileSync(`${root}.spectral.yaml`, 'utf8'), /extends: \["spectral:oas"\]/, 'the whole oas ruleset')
})
