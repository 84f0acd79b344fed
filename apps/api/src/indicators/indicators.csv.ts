import { IndicatorReport } from '@psp/projections';
import { CsvColumn } from '../infrastructure/csv';

/** One published figure per CSV line; a suppressed one has an empty value and status `suppressed`. */
export interface IndicatorCsvRow {
  readonly year: number;
  readonly section: 'table' | 'rate' | 'lead_time';
  readonly indicator: string;
  readonly item: string;
  readonly departement: string;
  readonly measure: string;
  readonly value: number | null;
}

export const INDICATOR_CSV_COLUMNS: readonly CsvColumn<IndicatorCsvRow>[] = [
  { header: 'year', value: (r) => r.year },
  { header: 'section', value: (r) => r.section },
  { header: 'indicator', value: (r) => r.indicator },
  { header: 'item_7_3', value: (r) => r.item },
  { header: 'departement', value: (r) => r.departement },
  { header: 'measure', value: (r) => r.measure },
  { header: 'value', value: (r) => r.value },
  { header: 'status', value: (r) => (r.value === null ? 'suppressed' : 'published') },
];

export function indicatorCsvRows(report: IndicatorReport): IndicatorCsvRow[] {
  const year = report.year;
  const out: IndicatorCsvRow[] = [];
  for (const t of report.tables) {
    for (const row of [...t.rows, t.national]) {
      t.columns.forEach((measure, c) =>
        out.push({
          year,
          section: 'table',
          indicator: t.id,
          item: t.item,
          departement: row.departement,
          measure,
          value: row.values[c],
        }),
      );
      if (row.total !== undefined) {
        out.push({
          year,
          section: 'table',
          indicator: t.id,
          item: t.item,
          departement: row.departement,
          measure: 'total',
          value: row.total,
        });
      }
    }
  }
  for (const r of report.rates) {
    for (const row of [...r.rows, r.national]) {
      out.push({
        year,
        section: 'rate',
        indicator: r.id,
        item: r.item,
        departement: row.departement,
        measure: 'rate',
        value: row.value,
      });
    }
  }
  for (const l of report.leadTimes) {
    for (const row of [...l.rows, l.national]) {
      out.push({
        year,
        section: 'lead_time',
        indicator: l.id,
        item: l.item,
        departement: row.departement,
        measure: 'median_days',
        value: row.medianDays,
      });
      out.push({
        year,
        section: 'lead_time',
        indicator: l.id,
        item: l.item,
        departement: row.departement,
        measure: 'p90_days',
        value: row.p90Days,
      });
    }
  }
  return out;
}
