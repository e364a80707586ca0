import { format, LANGS, type Catalog, type Lang } from '../i18n';
import type { LocalText, RuleId, Severity } from './types';

/** Short names of the rules, for the dashboard and the task pane. */
export const RULE_TITLES: Catalog<RuleId> = {
  en: {
    smart: 'Not SMART',
    focus: 'Too many core KPIs',
    'leading-lagging': 'No leading KPI',
    orphan: 'Broken cascade',
    weights: 'Weights do not add up',
    'ratio-volume': 'Ratio up, volume down',
    overdue: 'Review overdue',
    'cadence-type': 'Cadence does not fit type',
  },
  'zh-HK': {
    smart: '不符合 SMART',
    focus: '核心指標過多',
    'leading-lagging': '欠缺領先指標',
    orphan: '層級關係斷裂',
    weights: '權重合計不等於 100%',
    'ratio-volume': '比率達標、數量下滑',
    overdue: '檢討逾期',
    'cadence-type': '檢討頻率與類型不符',
  },
};

export const SEVERITY_LABELS: Catalog<Severity> = {
  en: { error: 'Error', warning: 'Warning', info: 'Advice' },
  'zh-HK': { error: '錯誤', warning: '警告', info: '建議' },
};

export type HealthMessageKey =
  | 'list.separator'
  | 'smart.message'
  | 'smart.fix'
  | 'focus.owner.message'
  | 'focus.department.message'
  | 'focus.fix'
  | 'leadingLagging.message'
  | 'leadingLagging.fix'
  | 'orphan.blank.message'
  | 'orphan.blank.fix'
  | 'orphan.missing.message'
  | 'orphan.missing.fix'
  | 'orphan.cycle.message'
  | 'orphan.cycle.fix'
  | 'orphan.duplicate.message'
  | 'orphan.duplicate.fix'
  | 'weights.sum.message'
  | 'weights.sum.fix'
  | 'weights.partial.message'
  | 'weights.partial.fix'
  | 'ratio.message'
  | 'ratio.fix'
  | 'ratio.missing.message'
  | 'ratio.missing.fix'
  | 'overdue.message'
  | 'overdue.never.message'
  | 'overdue.fix'
  | 'cadence.strategic.message'
  | 'cadence.strategic.fix'
  | 'cadence.operational.message'
  | 'cadence.operational.fix';

export const HEALTH_MESSAGES: Catalog<HealthMessageKey> = {
  en: {
    'list.separator': ', ',
    'smart.message': '{id} "{name}" is not SMART — {reasons}.',
    'smart.fix':
      'Rewrite the definition or fill in the missing fields (target, unit, baseline, deadline, parent) until each criterion is met.',
    'focus.owner.message': '{owner} owns {count} core KPIs ({ids}); focus is lost past 3–5.',
    'focus.department.message':
      'The {department} department has {count} core KPIs ({ids}); focus is lost past 3–5.',
    'focus.fix':
      'Keep 3–5 core KPIs: set the role of the others, or of those that conflict, to monitor (they stay in the register).',
    'leadingLagging.message':
      '{id} "{name}" is a lagging KPI with no leading KPI among its children or siblings, so nothing warns early.',
    'leadingLagging.fix':
      'Add a leading KPI that drives it (a process or activity measure) under it or beside it.',
    'orphan.blank.message':
      '{id} "{name}" is at {level} level but aligns to nothing: its parent ID is blank.',
    'orphan.blank.fix': 'Enter the ID of the KPI it supports in Parent ID, or make it a company-level KPI.',
    'orphan.missing.message': '{id} "{name}" aligns to {parent}, which is not in the register.',
    'orphan.missing.fix': 'Correct the parent ID, or add the KPI it aligns to.',
    'orphan.cycle.message': 'The cascade goes round in a circle: {path}.',
    'orphan.cycle.fix':
      'Break the circle: one of these KPIs must align to a KPI outside it, or be a company-level KPI.',
    'orphan.duplicate.message': 'The ID {id} is used by {count} KPIs.',
    'orphan.duplicate.fix':
      'Give each KPI its own ID (copied rows keep the ID of the row they were copied from).',
    'weights.sum.message': 'The weights of the KPIs under {parent} ({ids}) add up to {total}, not 100%.',
    'weights.sum.fix': 'Adjust them to add up to 100%, or blank all of them for equal weights.',
    'weights.partial.message': 'Under {parent}, {blank} have no weight while {weighted} do.',
    'weights.partial.fix': 'Give every KPI under {parent} a weight, or blank all of them for equal weights.',
    'ratio.message':
      '{id} "{name}" is green while its volume {volumeId} "{volumeName}" went from {from} to {to}: indicator met, business failed.',
    'ratio.fix': 'Judge the ratio together with its volume: give the volume a target and make it a core KPI.',
    'ratio.missing.message': '{id} "{name}" is a ratio of {volumeId}, which is not in the register.',
    'ratio.missing.fix': 'Correct the volume KPI ID so the ratio can be checked against its volume.',
    'overdue.message': '{id} "{name}" was due for its {cadence} review on {due}, {days} days ago.',
    'overdue.never.message':
      '{id} "{name}" has never been reviewed; its first {cadence} review was due on {due}, {days} days ago.',
    'overdue.fix': 'Review it now and enter the date in Last review.',
    'cadence.strategic.message':
      '{id} "{name}" is strategic but reviewed {cadence}; strategic KPIs are reviewed quarterly or half-yearly.',
    'cadence.strategic.fix':
      'Review it quarterly or semiannually, or change its type to operational if that is what it is.',
    'cadence.operational.message':
      '{id} "{name}" is operational but reviewed only {cadence}; operational KPIs are reviewed weekly or monthly to correct course in time.',
    'cadence.operational.fix':
      'Review it weekly or monthly, or change its type to strategic if that is what it is.',
  },
  'zh-HK': {
    'list.separator': '、',
    'smart.message': '{id}「{name}」不符合 SMART:{reasons}。',
    'smart.fix': '改寫定義或補回欠缺的欄位(目標、單位、基準、截止日期、上級指標),直至每項準則都符合。',
    'focus.owner.message': '{owner} 負責 {count} 個核心指標({ids}),超過 3–5 個便會失去焦點。',
    'focus.department.message': '{department}部門有 {count} 個核心指標({ids}),超過 3–5 個便會失去焦點。',
    'focus.fix': '只保留 3–5 個核心指標:把其餘或互相衝突的指標的角色改為監控指標(指標仍保留在登記冊)。',
    'leadingLagging.message': '{id}「{name}」是落後指標,但其下級或同級都沒有領先指標,無法及早發現問題。',
    'leadingLagging.fix': '在其下級或同級加入一個驅動它的領先指標(過程或行動指標)。',
    'orphan.blank.message': '{id}「{name}」屬{level}層級,但上級指標編號空白,沒有對齊任何指標。',
    'orphan.blank.fix': '在「上級指標編號」填上它所支持的指標編號,或把它改為公司層級指標。',
    'orphan.missing.message': '{id}「{name}」對齊的 {parent} 不在登記冊內。',
    'orphan.missing.fix': '更正上級指標編號,或加入它所對齊的指標。',
    'orphan.cycle.message': '層級關係形成循環:{path}。',
    'orphan.cycle.fix': '打破循環:其中一個指標必須對齊循環以外的指標,或改為公司層級指標。',
    'orphan.duplicate.message': '編號 {id} 被 {count} 個指標重複使用。',
    'orphan.duplicate.fix': '每個指標要有自己的編號(複製的行會沿用原來那行的編號)。',
    'weights.sum.message': '{parent} 之下的指標({ids})權重合計為 {total},不等於 100%。',
    'weights.sum.fix': '調整權重使合計為 100%,或全部留空以平均分配。',
    'weights.partial.message': '{parent} 之下,{blank} 沒有權重,但 {weighted} 有。',
    'weights.partial.fix': '為 {parent} 之下每個指標填上權重,或全部留空以平均分配。',
    'ratio.message':
      '{id}「{name}」顯示綠燈,但其數量指標 {volumeId}「{volumeName}」由 {from} 變為 {to}:指標達標,業績失敗。',
    'ratio.fix': '把比率與其數量一併檢視:為數量指標訂立目標,並把它設為核心指標。',
    'ratio.missing.message': '{id}「{name}」所屬的數量指標 {volumeId} 不在登記冊內。',
    'ratio.missing.fix': '更正數量指標編號,以便檢查比率與其數量。',
    'overdue.message': '{id}「{name}」應於 {due} 進行{cadence}檢討,已逾期 {days} 日。',
    'overdue.never.message': '{id}「{name}」從未檢討;首次{cadence}檢討應於 {due} 進行,已逾期 {days} 日。',
    'overdue.fix': '立即檢討,並在「上次檢討」填上日期。',
    'cadence.strategic.message':
      '{id}「{name}」是戰略性指標,卻{cadence}檢討;戰略性指標通常每季或每半年檢討。',
    'cadence.strategic.fix': '改為每季或每半年檢討;如它其實是營運性指標,請更改類型。',
    'cadence.operational.message':
      '{id}「{name}」是營運性指標,卻只{cadence}檢討一次;營運性指標應每週或每月檢討,以便及時糾正。',
    'cadence.operational.fix': '改為每週或每月檢討;如它其實是戰略性指標,請更改類型。',
  },
};

export type Params = Readonly<Record<string, string | number>>;

/** A message in every language; parameters that differ by language (labels, lists) come from a function. */
export function localise(key: HealthMessageKey, params: Params | ((lang: Lang) => Params) = {}): LocalText {
  const text = {} as Record<Lang, string>;
  for (const lang of LANGS) {
    text[lang] = format(HEALTH_MESSAGES[lang][key], typeof params === 'function' ? params(lang) : params);
  }
  return text;
}

/** A list of ids or names in the language's own way (`A, B` or `A、B`). */
export function list(items: readonly string[], lang: Lang): string {
  return items.join(HEALTH_MESSAGES[lang]['list.separator']);
}
