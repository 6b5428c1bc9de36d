import { defineErrors } from '@phonetrust/platform';

export type ReviewErrorCode = 'case_already_resolved' | 'appeal_already_open' | 'number_not_restricted' | 'report_not_in_case';

export const ReviewError = defineErrors<ReviewErrorCode>('ReviewError', {
  /** The case was resolved (by another analyst, or by a reinstatement on the number's route): nothing to decide. */
  case_already_resolved: 409,
  /** The number already has an appeal waiting for an analyst. */
  appeal_already_open: 409,
  /** Only a restricted or suspended number can be appealed. */
  number_not_restricted: 409,
  /** A verdict names a report that is not one of the case's number's reports. */
  report_not_in_case: 422,
});
export type ReviewError = InstanceType<typeof ReviewError>;
