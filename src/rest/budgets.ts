import type { FastifyInstance } from 'fastify'
import { BUDGET_GROUPS, type BudgetGroup, type BudgetRow, budgetTotals } from '../services/budgets.js'
import type { InitiativeFilter } from '../services/initiatives.js'
import { initiativeFilterProperties } from './initiatives.js'
import { budgetGroupTable } from '../formats/tables.js'
import { listRoute } from './list-route.js'

export default async function budgetRoutes(app: FastifyInstance) {
  listRoute<InitiativeFilter & { groupBy: BudgetGroup }, BudgetRow>(app, {
    url: '/budgets',
    schema: {
      tags: ['budgets'],
      operationId: 'budgetTotals',
      summary: 'Initiative budgets summed by plan, organization, fiscal year, issue or strategy',
      entity: 'BudgetGroup',
      required: ['groupBy'],
      query: { groupBy: { type: 'string', enum: [...BUDGET_GROUPS] }, ...initiativeFilterProperties },
    },
    list: ({ groupBy, limit, cursor, ...filter }) => budgetTotals(app.db, groupBy, filter, { limit, cursor }),
    table: budgetGroupTable,
  })
}
