import type { Catalog } from '../i18n';

/** The reasons SMARTCHECK gives for a failing criterion: short, and each says what to add. */
export type SmartMessageKey =
  | 's.vague'
  | 's.area'
  | 's.noScope'
  | 's.population'
  | 'm.noNumber'
  | 'a.noBaseline'
  | 'a.noTarget'
  | 'a.tooHigh'
  | 'a.tooLow'
  | 'a.riseTooHigh'
  | 'a.cutTooDeep'
  | 'a.zero'
  | 'r.noParent'
  | 't.noTime'
  | 't.vague'
  | 't.responseOnly';

export const SMART_MESSAGES: Catalog<SmartMessageKey> = {
  en: {
    's.vague': '"{words}" names no measure — say what is measured, for whom or where',
    's.area':
      '"{area}" is an area, not a measure — say what is counted (e.g. revenue, orders) and for whom or where',
    's.noScope':
      'says what is measured ({metric}) but not for whom or where — add a region, channel, team, segment or product',
    's.population':
      'says what is measured ({metric}) but "{population}" is everyone — name the segment, channel, team, product or place',
    'm.noNumber':
      'no numeric target — add a number with a unit or scale (%, HK$, customers, days, score out of 5)',
    'a.noBaseline':
      'no baseline — state the current level (e.g. "from 12% to 18%") so the target can be judged',
    'a.noTarget': 'a baseline ({baseline}) but no target to compare it with',
    'a.tooHigh':
      '{baseline} → {target} is more than {factor}× the baseline — unrealistic; set a stretch target nearer the recent level',
    'a.tooLow':
      '{baseline} → {target} cuts the baseline to less than 1/{factor} — unrealistic; set a stretch target nearer the recent level',
    'a.riseTooHigh':
      'a rise of {change} is more than {factor}× the current level — unrealistic; set a stretch target nearer it',
    'a.cutTooDeep':
      'a cut of {change} leaves less than 1/{factor} of the current level — unrealistic; set a stretch target nearer it',
    'a.zero':
      '{baseline} → {target} cannot be judged from a zero level — state a non-zero baseline or target',
    'r.noParent': 'no parent objective — align it to a company or department KPI',
    't.noTime':
      'no deadline or period — add a date (by 30 June 2026), a quarter (Q1 2026) or a cadence (monthly)',
    't.responseOnly':
      '"{window}" is a response time for each case, not a deadline — add the period it is measured over (in 2026, monthly, Q1 2026)',
    't.vague':
      '"{word}" is not a deadline — add a date (by 30 June 2026), a quarter (Q1 2026) or a cadence (monthly)',
  },
  'zh-HK': {
    's.vague': '「{words}」未說明衡量甚麼、對象或範圍',
    's.area': '「{area}」只是範疇,未說明衡量甚麼(例如營業額、訂單數)、對象或範圍',
    's.noScope': '已說明衡量「{metric}」,但未說明對象或範圍(地區、渠道、團隊、客群或產品)',
    's.population':
      '已說明衡量「{metric}」,但「{population}」是全體,未說明對象或範圍(客群、渠道、團隊、產品或地區)',
    'm.noNumber': '沒有數字目標,請加上數值及單位(%、港元、客戶數、日數、分數)',
    'a.noBaseline': '沒有基線,請寫明現時水平(例如「從 12% 提升至 18%」),才能判斷目標是否可達成',
    'a.noTarget': '有基線({baseline})但沒有可比較的目標',
    'a.tooHigh':
      '由 {baseline} 到 {target} 超過基線的 {factor} 倍,不切實際;請參考近期水平訂立有挑戰但可達成的目標',
    'a.tooLow':
      '由 {baseline} 到 {target} 減至基線的 1/{factor} 以下,不切實際;請參考近期水平訂立有挑戰但可達成的目標',
    'a.riseTooHigh': '增加 {change} 會超過現時水平的 {factor} 倍,不切實際;請訂立接近近期水平而有挑戰的目標',
    'a.cutTooDeep': '減少 {change} 會低於現時水平的 1/{factor},不切實際;請訂立接近近期水平而有挑戰的目標',
    'a.zero': '由 {baseline} 到 {target} 涉及零水平,無法判斷可達成性;請寫明非零的基線或目標',
    'r.noParent': '未連結上層目標,請對齊公司或部門的 KPI',
    't.noTime': '沒有期限或週期,請加上日期(2026 年 6 月 30 日前)、季度(2026 年第一季)或週期(每月)',
    't.responseOnly': '「{window}」是每宗個案的回應時間,不是期限;請加上量度期(2026 年、每月、2026 年第一季)',
    't.vague': '「{word}」不是期限,請加上日期(2026 年 6 月 30 日前)、季度(2026 年第一季)或週期(每月)',
  },
};
