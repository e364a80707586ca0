import type { Finding } from '../core/health/types';
import type { Lang } from '../core/i18n';
import type { CheckIn, Kpi, Status } from '../core/model';
import type { InputKey } from '../core/fields';
import type { BuildReport, BuildStage } from '../register/build';
import type { CellValue, RangeRef } from '../register/workbook';

/** What the open workbook is, as Home shows it. */
export type WorkbookStatus =
  | { kind: 'register'; lang: Lang; kpis: number; checkIns: number; owners: string[]; problems: string[] }
  | { kind: 'adoptable'; sheet: string }
  | { kind: 'blank' };

/** A register read for the task pane's screens (one read serves the wizard's pickers). */
export interface RegisterView {
  lang: Lang;
  kpis: Kpi[];
  checkIns: CheckIn[];
}

/** One column of the sheet being adopted, and the register field it fills (the user may change it). */
export interface AdoptionColumn {
  col: number;
  header: string;
  field?: InputKey;
  /** The first few values under the header, for the preview. */
  samples: CellValue[];
}

export interface AdoptionPreview {
  sheet: string;
  headerRow: number;
  columns: AdoptionColumn[];
  kpiCount: number;
  /** Rows that will not become KPIs, with the reason (nothing is dropped silently); a kind found on many
   * rows is one entry (summariseFindings). */
  problems: { row: number; reason: string }[];
  /** How many rows will not become KPIs. */
  problemRows: number;
  /** Cells that cannot be read (TBC, N/A, a formula never calculated): their KPIs are adopted, these left blank. */
  blanks: { row: number; reason: string }[];
  /** Defaults the adoption will fill in, in words. */
  defaults: string[];
  sheetLang: Lang;
}

/** A new KPI as the wizard fills it: everything but the id, which the register generates. */
export type KpiDraft = Omit<Kpi, 'id' | 'actual' | 'last_review'>;

export interface AddedKpi {
  id: string;
  /** The row it was written to (in the Register sheet). */
  range: RangeRef;
}

export interface DueCheckIn {
  kpi: Kpi;
  /** When the check-in is due (the day after the last review, stepped by the cadence). */
  due: Date;
  overdue: boolean;
  lastActual?: number;
}

export interface CheckInEntry {
  kpiId: string;
  actual: number;
  note?: string;
  /** The end of the period the actual is for; today when omitted. */
  periodEnd?: Date;
  enteredBy?: string;
}

export interface CascadeNode {
  kpi: Kpi;
  score: number | '';
  status: Status | '';
  /** The children's roll-up (weighted), when there are children with scores. */
  rollup: number | '';
  rollupStatus: Status | '';
  children: CascadeNode[];
}

export type Progress = (stage: BuildStage, done: number, total: number) => void;

export interface SetUpOptions {
  lang: Lang;
  /** Fill the new register with the sample data instead of leaving it empty. */
  sample?: boolean;
  today?: Date;
  onProgress?: Progress;
}

/**
 * The user actions the task pane offers, bound to a host: the React components receive this object as a
 * prop and know nothing of Office.js or workbooks. Each call is one host action (one `Excel.run`).
 */
export interface TaskpaneActions {
  status(): Promise<WorkbookStatus>;
  register(): Promise<RegisterView>;
  setUpRegister(options: SetUpOptions): Promise<BuildReport>;
  previewAdoption(lang: Lang): Promise<AdoptionPreview>;
  adopt(preview: AdoptionPreview, options: SetUpOptions): Promise<BuildReport>;
  addKpi(draft: KpiDraft): Promise<AddedKpi>;
  /** KPIs due for a check-in by `today`: one owner's, or everyone's when no owner is given. */
  dueCheckIns(owner: string | undefined, today: Date): Promise<DueCheckIn[]>;
  recordCheckIns(entries: CheckInEntry[]): Promise<void>;
  cascadeTree(): Promise<CascadeNode[]>;
  health(today: Date): Promise<Finding[]>;
  /** Selects the KPI's row in the sheet. */
  goTo(kpiId: string): Promise<void>;
}
