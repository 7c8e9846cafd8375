import type { FastifyInstance } from 'fastify'
import { BUDGET_GROUPS, BUDGET_SOURCES, type BudgetGroup, type BudgetRow, type BudgetSort, type BudgetSource, budgetTotals } from '../services/budgets.js'
import type { InitiativeFilter } from '../services/initiatives.js'
import { initiativeFilterProperties } from './initiatives.js'
import { budgetGroupTable } from '../formats/tables.js'
import { listRoute } from './list-route.js'

export default async function budgetRoutes(app: FastifyInstance) {
  listRoute<InitiativeFilter & { groupBy: BudgetGroup; source?: BudgetSource; sort: BudgetSort }, BudgetRow>(app, {
    url: '/budgets',
    schema: {
      tags: ['budgets'],
      operationId: 'budgetTotals',
      summary: 'Budgets summed by plan, organization, fiscal year, issue or strategy: of initiatives, or of issues (source=issues)',
      entity: 'BudgetGroup',
      required: ['groupBy'],
      query: {
        groupBy: { type: 'string', enum: [...BUDGET_GROUPS], description: 'What one row sums: one per plan, organization, fiscal year, issue or strategy.' },
        source: {
          type: 'string',
          enum: [...BUDGET_SOURCES],
          default: 'initiatives',
          description:
            "initiatives: the initiatives' 予算額. issues: the management issues' own lines (FY2023 plans on): each issue's 予算額 for its plan's fiscal year in totalYen, its latest 決算額 beside it in settlementYen; the amount filters apply to that budget; strategy, q and groupBy=strategy do not apply.",
        },
        ...initiativeFilterProperties,
      },
    },
    sorts: 'key: by the group\'s key (plan id, organization id, fiscal year…); totalYen: by the sum, groups without an amount last (-totalYen too), then by key.',
    list: ({ groupBy, source, sort, limit, cursor, ...filter }) => budgetTotals(app.db, groupBy, filter, { limit, cursor }, source, sort),
    table: budgetGroupTable,
  })
}
