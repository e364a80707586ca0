import { z } from 'zod';
import { CADENCE, FRAMEWORK, POLARITY, type Cadence, type Framework, type Polarity } from './words';

/**
 * The register's data model: one row per KPI or key result (see shared/spec/register.md).
 * Keys are canonical and never change; headers and labels are localised in `fields.ts`.
 */
export const LEVELS = ['company', 'department', 'team', 'individual'] as const;
export const KPI_TYPES = ['strategic', 'operational', 'functional'] as const;
export const TIMINGS = ['leading', 'lagging'] as const;
export const FORMS = ['count', 'ratio', 'average', 'change'] as const;
export const ROLES = ['core', 'monitor'] as const;
export const POLARITIES = Object.keys(POLARITY) as Polarity[];
export const FRAMEWORKS = Object.keys(FRAMEWORK) as Framework[];
export const CADENCES = Object.keys(CADENCE) as Cadence[];
export const STATUSES = ['GREEN', 'AMBER', 'RED'] as const;

export type Level = (typeof LEVELS)[number];
export type KpiType = (typeof KPI_TYPES)[number];
export type Timing = (typeof TIMINGS)[number];
export type Form = (typeof FORMS)[number];
export type Role = (typeof ROLES)[number];
export type Status = (typeof STATUSES)[number];
export type { Cadence, Framework, Polarity };

const optionalNumber = z.number().finite().optional();
const optionalText = z.string().optional();

/** A KPI as stored in the register (input fields only; score, status, smart, next_review are computed). */
export const kpiSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: optionalText,
  owner: z.string().min(1),
  level: z.enum(LEVELS),
  department: optionalText,
  parent_id: optionalText,
  type: z.enum(KPI_TYPES),
  timing: z.enum(TIMINGS),
  form: z.enum(FORMS),
  unit: optionalText,
  polarity: z.enum(POLARITIES as [Polarity, ...Polarity[]]),
  baseline: optionalNumber,
  target: optionalNumber,
  actual: optionalNumber,
  weight: z.number().finite().min(0).optional(),
  role: z.enum(ROLES),
  framework: z.enum(FRAMEWORKS as [Framework, ...Framework[]]),
  start: z.date().optional(),
  deadline: z.date().optional(),
  cadence: z.enum(CADENCES as [Cadence, ...Cadence[]]),
  last_review: z.date().optional(),
  /**
   * For a `ratio` KPI: the id of the volume (count) KPI it is a ratio of, so health rule 6 can see
   * "indicator met, business failed". Not in the original field list; added because the spec asks the
   * register to link a ratio to its volume KPI.
   */
  volume_id: optionalText,
});
export type Kpi = z.infer<typeof kpiSchema>;

/** One row of the append-only Check-ins sheet. */
export const checkInSchema = z.object({
  kpi_id: z.string().min(1),
  period_end: z.date(),
  actual: z.number().finite(),
  note: optionalText,
  entered_by: optionalText,
  entered_at: z.date().optional(),
});
export type CheckIn = z.infer<typeof checkInSchema>;

/** The computed columns of a register row. */
export interface KpiComputed {
  score: number | '';
  status: Status | '';
  smart: string;
  next_review: Date | '';
}
