import { defineErrors } from '@phonetrust/platform';

export type ReportingErrorCode = 'verdict_already_given';

export const ReportingError = defineErrors<ReportingErrorCode>('ReportingError', {
  /** A report gets one verdict; changing it is a case decision (review), not a second verdict. */
  verdict_already_given: 409,
});
export type ReportingError = InstanceType<typeof ReportingError>;
