import { format, type Catalog, type Lang } from '../core/i18n';

/**
 * Every text the `kpi-register` command shows, in English and Traditional Chinese (zh-HK).
 * Errors are one line each: what went wrong and, where it helps, what to do next.
 */
export type MessageKey =
  // help
  | 'program.description'
  | 'help.option'
  | 'help.command'
  | 'help.usage'
  | 'help.options'
  | 'help.commands'
  | 'help.arguments'
  | 'help.globalOptions'
  | 'option.lang'
  | 'option.today'
  | 'option.force'
  | 'option.portable'
  | 'option.formulas'
  | 'demo.description'
  | 'demo.option.output'
  | 'init.description'
  | 'init.argument'
  | 'init.option.output'
  | 'init.option.sheet'
  | 'check.description'
  | 'check.argument'
  | 'check.option.json'
  // command-line usage errors
  | 'usage.unknownOption'
  | 'usage.unknownCommand'
  | 'usage.missingArgument'
  | 'usage.optionMissingArgument'
  | 'usage.excessArguments'
  | 'usage.other'
  | 'usage.badLang'
  | 'usage.badDate'
  | 'usage.badFormulas'
  | 'usage.formulasConflict'
  | 'usage.seeHelp'
  // input and output errors
  | 'error.prefix'
  | 'error.fileMissing'
  | 'error.notFile'
  | 'error.notRegister'
  | 'error.outputExists'
  | 'error.outputIsInput'
  | 'error.outputNotWritable'
  | 'error.outputNoFolder'
  | 'error.outputFolderIsFile'
  | 'error.outputIsFolder'
  | 'error.unexpected'
  // progress
  | 'progress.reading'
  | 'stage.register'
  | 'stage.check-ins'
  | 'stage.cascade'
  | 'stage.dashboard'
  | 'stage.saving'
  // demo
  | 'demo.written'
  | 'demo.hint'
  // init
  | 'init.sheet'
  | 'init.mapped'
  | 'init.kept'
  | 'init.defaultsTitle'
  | 'init.default'
  | 'init.problemsTitle'
  | 'init.problem'
  | 'init.blanksTitle'
  | 'init.problemRows'
  | 'init.written'
  | 'init.hint'
  | 'rows.more'
  | 'rows.one'
  | 'rows.many'
  // check
  | 'check.clean'
  | 'check.summary'
  | 'check.readProblems'
  | 'check.moreProblems'
  | 'check.col.severity'
  | 'check.col.rule'
  | 'check.col.finding'
  | 'check.fix'
  // limits and unexpected failures (issue 9)
  | 'error.tooManyRows'
  | 'error.unexpectedFile'
  | 'error.outputNotFile'
  | 'error.outputIsInputLink'
  | 'error.outputDiskFull'
  | 'error.outputDenied'
  | 'error.outputNameTooLong'
  | 'error.tooLargeToSave'
  | 'progress.adopting'
  | 'progress.checking'
  | 'error.tooLargeForMemory';

export const MESSAGES: Catalog<MessageKey> = {
  en: {
    'program.description': 'Build, adopt and check KPI registers (.xlsx workbooks).',
    'help.option': 'show help for a command',
    'help.command': 'show help for a command',
    'help.usage': 'Usage:',
    'help.options': 'Options:',
    'help.commands': 'Commands:',
    'help.arguments': 'Arguments:',
    'help.globalOptions': 'Global options:',
    'option.lang': 'language of messages and of a new register: en or zh-HK (default: from LANG/LC_ALL)',
    'option.today': 'the date to treat as today, YYYY-MM-DD (default: today)',
    'option.force': 'replace the output file if it exists',
    'option.portable': 'write plain formulas instead of KPI.* functions, for people without the add-in',
    'option.formulas':
      'formulas to write: kpi (KPI.* functions; need the add-in to recalculate) or portable (plain formulas that compute everywhere) (default: kpi)',
    'demo.description': 'write a sample register for a Hong Kong company, with twelve months of check-ins',
    'demo.option.output': 'output file (default: kpi-register-demo.xlsx)',
    'init.description': 'turn an ordinary workbook that lists KPIs into a register (writes a new file)',
    'init.argument': 'the workbook that lists your KPIs',
    'init.option.output': 'output file (default: <name>.register.xlsx beside the input)',
    'init.option.sheet': 'the sheet that lists the KPIs (default: found by its headers)',
    'check.description': 'report register health findings (exit 0 clean, 1 findings, 2 unusable input)',
    'check.argument': 'the register workbook',
    'check.option.json': 'print the findings as JSON',
    'usage.unknownOption': 'Unknown option {option}.',
    'usage.unknownCommand': 'Unknown command {command}: use demo, init or check.',
    'usage.missingArgument': 'Missing argument {argument}.',
    'usage.optionMissingArgument': 'Option {option} needs a value.',
    'usage.excessArguments': 'Too many arguments.',
    'usage.other': '{message}',
    'usage.badLang': 'Unknown language "{value}": use en or zh-HK.',
    'usage.badDate': '"{value}" is not a date: use YYYY-MM-DD.',
    'usage.badFormulas': 'Unknown formulas "{value}": use kpi or portable.',
    'usage.formulasConflict': '--portable and --formulas {value} disagree: give one of them.',
    'usage.seeHelp': '(see kpi-register --help)',
    'error.prefix': 'kpi-register:',
    'error.fileMissing': 'File not found: {path}',
    'error.notFile': '{path} is a folder, not a workbook file.',
    'error.notRegister':
      "{path} is not a KPI register (no sheet has the register's columns): run kpi-register init on it first.",
    'error.outputExists': '{path} already exists: use --force to replace it, or -o to choose another file.',
    'error.outputIsInput': 'The output would replace the input {path}: choose another file with -o.',
    'error.outputNotWritable': 'Cannot write {path}: {reason}',
    'error.outputNoFolder': 'Cannot write {path}: the folder {folder} does not exist.',
    'error.outputFolderIsFile':
      'Cannot write {path}: {folder} is a file, not a folder; choose another file with -o.',
    'error.outputIsFolder': 'Cannot write {path}: it is a folder.',
    'error.unexpected': 'Unexpected error: {message}',
    'progress.reading': 'Reading',
    'stage.register': 'Building the Register sheet',
    'stage.check-ins': 'Writing check-ins',
    'stage.cascade': 'Building the cascade sheets',
    'stage.dashboard': 'Building the Dashboard',
    'stage.saving': 'Saving',
    'demo.written': 'Wrote {path}: {kpis} KPIs and key results, {checkIns} check-ins.',
    'demo.hint': 'Open it in Excel, or run: kpi-register check {path}',
    'init.sheet': 'Sheet "{sheet}", headers on row {row}:',
    'init.mapped': '  {col}  {header}  →  {field}',
    'init.kept': '  {col}  {header}  →  kept as is',
    'init.defaultsTitle': 'Filled in (not in your sheet):',
    'init.default': '  {field}: {value}, {rows}',
    'init.problemsTitle': 'Rows not adopted:',
    'init.problem': '  row {row}: {reason}',
    'init.blanksTitle': 'Left blank (could not be read; the KPIs are adopted):',
    'init.problemRows': '  rows {rows} ({count} rows): {reason}',
    'init.written': 'Wrote {path}: {kpis} KPIs (rows not adopted: {skipped}). Your own sheets are unchanged.',
    'init.hint': 'Next: open it, fill in what was filled in for you, then run: kpi-register check {path}',
    'rows.more': '… and {count} more',
    'rows.one': 'row {rows}',
    'rows.many': 'rows {rows}',
    'check.clean': 'No findings: the register is healthy ({kpis} KPIs).',
    'check.summary': '{count} findings in {kpis} KPIs.',
    'check.readProblems': 'Rows that could not be read: {count}',
    'check.moreProblems': '  … and {count} more (all of them with --json)',
    'check.col.severity': 'Severity',
    'check.col.rule': 'Rule',
    'check.col.finding': 'Finding',
    'check.fix': 'Fix: {fix}',
    'error.tooManyRows':
      'The register\'s "{sheet}" sheet would need {rows} rows, more than Excel\'s {max}: split the KPIs into several workbooks.',
    'error.unexpectedFile':
      '{path} could not be processed ({message}): open it in Excel, save it again as .xlsx and retry; if it still fails, report it with the file.',
    'error.outputNotFile':
      'Cannot write {path}: it is not an ordinary file (a device or other special file); choose another file with -o.',
    'error.outputIsInputLink':
      'The output {path} is the input {input} under another name (a link): choose another file with -o.',
    'error.outputDiskFull':
      'Cannot write {path}: the disk is full; free some space or choose another folder with -o.',
    'error.outputDenied': 'Cannot write {path}: permission denied; choose a folder you can write to with -o.',
    'error.outputNameTooLong':
      'Cannot write {path}: the file name is too long; choose a shorter one with -o.',
    'error.tooLargeToSave':
      'The register for {path} is too large to build in memory ({message}): split the KPIs into several workbooks.',
    'progress.adopting': 'Reading the KPI list',
    'progress.checking': 'Checking the register',
    'error.tooLargeForMemory':
      '{path} is too large for the memory this command has ({rows} rows, {cells} cells: about {needed} GB needed, {available} GB available): split it into several workbooks, or give node more memory (NODE_OPTIONS=--max-old-space-size=8192).',
  },
  'zh-HK': {
    'program.description': '建立、轉換及檢查 KPI 登記冊（.xlsx 活頁簿）。',
    'help.option': '顯示指令說明',
    'help.command': '顯示指令說明',
    'help.usage': '用法：',
    'help.options': '選項：',
    'help.commands': '指令：',
    'help.arguments': '參數：',
    'help.globalOptions': '通用選項：',
    'option.lang': '訊息及新登記冊的語言：en 或 zh-HK（預設按 LANG/LC_ALL）',
    'option.today': '視為今日的日期，格式 YYYY-MM-DD（預設為今日）',
    'option.force': '如輸出檔案已存在，則取代它',
    'option.portable': '以一般公式代替 KPI.* 函數，方便未安裝增益集的同事使用',
    'option.formulas':
      '要寫入的公式：kpi（KPI.* 函數，須安裝增益集才會重新計算）或 portable（任何試算表都能計算的一般公式）（預設：kpi）',
    'demo.description': '建立一間香港公司的示範登記冊，附十二個月的進度記錄',
    'demo.option.output': '輸出檔案（預設：kpi-register-demo.xlsx）',
    'init.description': '把列出 KPI 的一般活頁簿轉為登記冊（另存新檔）',
    'init.argument': '列出 KPI 的活頁簿',
    'init.option.output': '輸出檔案（預設：與輸入檔同一資料夾的 <名稱>.register.xlsx）',
    'init.option.sheet': '列出 KPI 的工作表（預設按標題自動尋找）',
    'check.description': '列出登記冊的健康檢查結果（結束碼 0 正常、1 有問題、2 無法使用輸入）',
    'check.argument': '登記冊活頁簿',
    'check.option.json': '以 JSON 輸出檢查結果',
    'usage.unknownOption': '不明選項 {option}。',
    'usage.unknownCommand': '不明指令 {command}：請用 demo、init 或 check。',
    'usage.missingArgument': '缺少參數 {argument}。',
    'usage.optionMissingArgument': '選項 {option} 需要一個值。',
    'usage.excessArguments': '參數太多。',
    'usage.other': '{message}',
    'usage.badLang': '不明語言「{value}」：請用 en 或 zh-HK。',
    'usage.badDate': '「{value}」不是日期：請用 YYYY-MM-DD 格式。',
    'usage.badFormulas': '不明公式類型「{value}」：請用 kpi 或 portable。',
    'usage.formulasConflict': '--portable 與 --formulas {value} 互相矛盾：請只用其中一個。',
    'usage.seeHelp': '（請參閱 kpi-register --help）',
    'error.prefix': 'kpi-register:',
    'error.fileMissing': '找不到檔案：{path}',
    'error.notFile': '{path} 是資料夾，不是活頁簿檔案。',
    'error.notRegister': '{path} 不是 KPI 登記冊（沒有工作表具備登記冊的欄位）：請先執行 kpi-register init。',
    'error.outputExists': '{path} 已存在：如要取代請加 --force，或用 -o 指定另一個檔案。',
    'error.outputIsInput': '輸出會取代輸入檔 {path}：請用 -o 指定另一個檔案。',
    'error.outputNotWritable': '無法寫入 {path}：{reason}',
    'error.outputNoFolder': '無法寫入 {path}：資料夾 {folder} 不存在。',
    'error.outputFolderIsFile': '無法寫入 {path}：{folder} 是檔案，不是資料夾；請用 -o 指定另一個檔案。',
    'error.outputIsFolder': '無法寫入 {path}：這是一個資料夾。',
    'error.unexpected': '發生未預期的錯誤：{message}',
    'progress.reading': '讀取中',
    'stage.register': '建立登記冊工作表',
    'stage.check-ins': '寫入進度記錄',
    'stage.cascade': '建立層級工作表',
    'stage.dashboard': '建立儀表板',
    'stage.saving': '儲存中',
    'demo.written': '已寫入 {path}：{kpis} 個 KPI 及關鍵結果，{checkIns} 筆進度記錄。',
    'demo.hint': '可用 Excel 開啟，或執行：kpi-register check {path}',
    'init.sheet': '工作表「{sheet}」，標題在第 {row} 行：',
    'init.mapped': '  {col}  {header}  →  {field}',
    'init.kept': '  {col}  {header}  →  原樣保留',
    'init.defaultsTitle': '已代為填寫（表中沒有）：',
    'init.default': '  {field}：{value}，{rows}',
    'init.problemsTitle': '未能轉換的行：',
    'init.problem': '  第 {row} 行：{reason}',
    'init.blanksTitle': '已留空（無法讀取；有關 KPI 已轉換）：',
    'init.problemRows': '  第 {rows} 行（共 {count} 行）：{reason}',
    'init.written': '已寫入 {path}：{kpis} 個 KPI（未能轉換的行：{skipped}）。你原有的工作表保持不變。',
    'init.hint': '下一步：開啟檔案，核對代為填寫的欄位，然後執行：kpi-register check {path}',
    'rows.more': '……另有 {count} 項',
    'rows.one': '第 {rows} 行',
    'rows.many': '第 {rows} 行',
    'check.clean': '沒有發現問題：登記冊狀況良好（共 {kpis} 個 KPI）。',
    'check.summary': '{kpis} 個 KPI 中發現 {count} 項問題。',
    'check.readProblems': '無法讀取的行：{count}',
    'check.moreProblems': '  ……另有 {count} 項（加 --json 可列出全部）',
    'check.col.severity': '嚴重程度',
    'check.col.rule': '規則',
    'check.col.finding': '問題',
    'check.fix': '建議：{fix}',
    'error.tooManyRows':
      '登記冊的「{sheet}」工作表需要 {rows} 行，超出 Excel 的上限 {max} 行：請把 KPI 分拆到多個活頁簿。',
    'error.unexpectedFile':
      '無法處理 {path}（{message}）：請在 Excel 開啟、另存為 .xlsx 後再試；如仍然失敗，請連同檔案回報。',
    'error.outputNotFile':
      '無法寫入 {path}：這不是一般檔案（是裝置或其他特殊檔案）；請用 -o 指定另一個檔案。',
    'error.outputIsInputLink': '輸出檔 {path} 其實是輸入檔 {input}（經由連結）：請用 -o 指定另一個檔案。',
    'error.outputDiskFull': '無法寫入 {path}：磁碟已滿；請騰出空間，或用 -o 指定另一個資料夾。',
    'error.outputDenied': '無法寫入 {path}：沒有權限；請用 -o 指定一個你可寫入的資料夾。',
    'error.outputNameTooLong': '無法寫入 {path}：檔案名稱太長；請用 -o 指定較短的名稱。',
    'error.tooLargeToSave':
      '{path} 的登記冊太大，無法在記憶體中建立（{message}）：請把 KPI 分拆到多個活頁簿。',
    'progress.adopting': '讀取 KPI 清單',
    'progress.checking': '檢查登記冊',
    'error.tooLargeForMemory':
      '{path} 太大，超出此指令可用的記憶體（{rows} 行、{cells} 個儲存格：約需 {needed} GB，可用 {available} GB）：請分拆成多個活頁簿，或給 node 更多記憶體（NODE_OPTIONS=--max-old-space-size=8192）。',
  },
};

/** A message in the given language, with `{name}` placeholders filled. */
export function message(
  lang: Lang,
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return format(MESSAGES[lang][key], params);
}
