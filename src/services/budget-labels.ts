// How a budget group's key gets its label, for initiative and issue budget totals alike.
import { type SQL, sql } from 'drizzle-orm'

export type LabelledGroup = 'plan' | 'organization' | 'fiscalYear' | 'issue' | 'strategy'

// Names such as 西区 or 中区 recur across cities: labels of organizations and plans lead with the city.
export const GROUP_LABELS: Record<LabelledGroup, (key: SQL) => SQL> = {
  plan: (key) => sql`(select o.city || ' ' || coalesce(p.title, p.id) from plans p join organizations o on o.id = p.organization_id where p.id = ${key})`,
  organization: (key) => sql`(select city || name from organizations where organizations.id = ${key})`,
  fiscalYear: (key) => sql`${key} || '年度'`,
  issue: (key) => sql`(select title from management_issues where management_issues.id = ${key})`,
  strategy: (key) => sql`(select title from strategies where strategies.id = ${key})`,
}
