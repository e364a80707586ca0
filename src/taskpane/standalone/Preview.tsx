import { makeStyles, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { SheetSnapshot, WorkbookSnapshot } from '../../hosts/memory';
import { columnLetter, type RangeRef } from '../../register/workbook';
import { useText } from '../i18n';
import { showCell, type Light } from './cells';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0, height: '100%' },
  tabs: { overflowX: 'auto', flexShrink: 0 },
  scroller: {
    overflow: 'auto',
    flexGrow: 1,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    // A sheet is paper: black on white in either theme, as in Excel.
    backgroundColor: '#FFFFFF',
    color: '#1A1A1A',
  },
  table: { borderCollapse: 'collapse', fontSize: '12px', whiteSpace: 'nowrap' },
  head: {
    position: 'sticky',
    top: 0,
    backgroundColor: '#F0F0F0',
    color: '#333333',
    fontWeight: 'normal',
    border: '1px solid #D0D0D0',
    padding: '2px 6px',
    zIndex: 1,
  },
  rowHead: {
    position: 'sticky',
    left: 0,
    backgroundColor: '#F0F0F0',
    color: '#333333',
    fontWeight: 'normal',
    border: '1px solid #D0D0D0',
    padding: '2px 6px',
    textAlign: 'right',
  },
  cell: {
    border: '1px solid #E0E0E0',
    padding: '2px 6px',
    maxWidth: '22em',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  note: { padding: tokens.spacingVerticalS },
});

const LIGHT_COLOR: Record<Light, string> = { green: '#107C10', amber: '#C19C00', red: '#C50F1F' };
const MAX_ROWS = 200;
const MAX_COLS = 40;

function SheetTable({ sheet, selection }: { sheet: SheetSnapshot; selection?: RangeRef }) {
  const { t } = useText();
  const styles = useStyles();
  const selectedRow = useRef<HTMLTableRowElement>(null);
  const selected =
    selection && selection.sheet.toUpperCase() === sheet.name.toUpperCase() ? selection : undefined;
  useEffect(() => selectedRow.current?.scrollIntoView({ block: 'center' }), [selected]);
  if (sheet.rows === 0) return <Text className={styles.note}>{t('standalone.emptySheet')}</Text>;
  const cols = Math.min(sheet.cols, MAX_COLS);
  // Rows shown: the first MAX_ROWS, or a window around the selected row.
  const first = selected && selected.row > MAX_ROWS ? Math.max(1, selected.row - MAX_ROWS / 2) : 1;
  const last = Math.min(sheet.rows, first + MAX_ROWS - 1);
  const rows = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return (
    <>
      <table className={styles.table} aria-label={sheet.name}>
        <thead>
          <tr>
            <td className={styles.head} />
            {Array.from({ length: cols }, (_, c) => (
              <th key={c} scope="col" className={styles.head}>
                {columnLetter(c + 1)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const isSelected =
              selected !== undefined && row >= selected.row && row < selected.row + selected.rows;
            return (
              <tr
                key={row}
                ref={isSelected && row === selected?.row ? selectedRow : undefined}
                className={isSelected ? styles.selected : undefined}
                data-selected={isSelected || undefined}
                data-row={row}
              >
                <th scope="row" className={styles.rowHead}>
                  {row}
                </th>
                {Array.from({ length: cols }, (_, c) => {
                  const cell = showCell(sheet, row, c + 1);
                  return (
                    <td
                      key={c}
                      className={styles.cell}
                      data-light={cell.light}
                      style={{
                        backgroundColor: cell.style.fill,
                        color: cell.style.fontColor,
                        fontWeight: cell.style.bold ? 'bold' : undefined,
                        fontStyle: cell.style.italic ? 'italic' : undefined,
                        textAlign: cell.style.horizontal ?? (cell.numeric ? 'right' : 'left'),
                      }}
                    >
                      {cell.light && (
                        <span
                          style={{ color: LIGHT_COLOR[cell.light] }}
                          role="img"
                          aria-label={t(`light.${cell.light}`)}
                        >
                          ●{' '}
                        </span>
                      )}
                      {cell.text}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {last < sheet.rows && (
        <Text className={styles.note}>{t('standalone.moreRows', { count: sheet.rows - last })}</Text>
      )}
    </>
  );
}

export interface PreviewProps {
  snapshot: WorkbookSnapshot;
  sheet: string;
  onSheet(name: string): void;
  selection?: RangeRef;
}

/** The workbook beside the task pane: one tab per sheet, cells with their fills and status lights. */
export function Preview({ snapshot, sheet, onSheet, selection }: PreviewProps) {
  const { t } = useText();
  const styles = useStyles();
  const shown = snapshot.sheets.find((s) => s.name === sheet) ?? snapshot.sheets[0];
  return (
    <section className={styles.root} aria-label={t('standalone.preview')}>
      <div className={styles.tabs}>
        <TabList
          size="small"
          selectedValue={shown?.name}
          onTabSelect={(_, data) => onSheet(String(data.value))}
          aria-label={t('standalone.sheets')}
        >
          {snapshot.sheets.map((s) => (
            <Tab key={s.name} value={s.name}>
              {s.name}
            </Tab>
          ))}
        </TabList>
      </div>
      <div
        className={styles.scroller}
        tabIndex={0}
        role="region"
        aria-label={shown?.name ?? t('standalone.preview')}
      >
        {shown && <SheetTable sheet={shown} selection={selection} />}
      </div>
    </section>
  );
}
