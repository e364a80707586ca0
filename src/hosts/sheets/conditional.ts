import { columnLetter, type ConditionalFormat, type RangeRef } from '../../register/workbook';
import { COLORS } from '../../register/style';

type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

/**
 * The port's conditional formats as Sheets' own rules. Sheets has no icon sets, so the traffic lights
 * on a score column are the same green, amber and red fills the status column carries, one custom
 * formula rule per colour. The formulas test ISNUMBER first: a KPI that has not reported (a blank
 * score) gets no colour at all, where Sheets' "less than" rule would paint a blank cell red.
 */
export function conditionalRules(
  app: App,
  target: GoogleAppsScript.Spreadsheet.Range,
  ref: RangeRef,
  format: ConditionalFormat,
): Rule[] {
  if (format.kind === 'trafficLights') {
    const cell = `${columnLetter(ref.col)}${ref.row}`;
    const number = `ISNUMBER(${cell})`;
    const lights: [string, keyof typeof COLORS.status][] = [
      [`=AND(${number},${cell}>=${format.greenAt})`, 'GREEN'],
      [`=AND(${number},${cell}>=${format.amberAt},${cell}<${format.greenAt})`, 'AMBER'],
      [`=AND(${number},${cell}<${format.amberAt})`, 'RED'],
    ];
    return lights.map(([formula, status]) =>
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied(formula)
        .setBackground(COLORS.status[status].fill)
        .setFontColor(COLORS.status[status].fontColor)
        .setRanges([target])
        .build(),
    );
  }
  let builder = app.newConditionalFormatRule();
  if (format.kind === 'textEquals') builder = builder.whenTextEqualTo(format.text);
  else if (format.operator === 'lessThan') builder = builder.whenNumberLessThan(format.value);
  else if (format.operator === 'greaterThanOrEqual')
    builder = builder.whenNumberGreaterThanOrEqualTo(format.value);
  else builder = builder.whenNumberBetween(format.value, format.value2 ?? format.value);
  builder = builder.setBackground(format.fill);
  if (format.fontColor) builder = builder.setFontColor(format.fontColor);
  return [builder.setRanges([target]).build()];
}
