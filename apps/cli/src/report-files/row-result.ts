import { ImportedReport } from '@phonetrust/reporting';

/** A mapped row: a report ready to import, or why it was refused (a short reason, counted per kind). */
export type RowResult = { readonly ok: true; readonly report: ImportedReport } | { readonly ok: false; readonly reason: string };

export const refuse = (reason: string): RowResult => ({ ok: false, reason });

/** Options every layout shares. */
export interface MapOptions {
  /** ISO alpha-2 for national numbers (the FTC layout defaults to US). */
  readonly country?: string;
  /** The moment a row without a time of its own is counted at (seconds): the import's start. */
  readonly nowSeconds: number;
}
