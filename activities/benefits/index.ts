// The benefits engine (STYLE H9): pure functions, no I/O, no clock. Re-exports only.
export { computeAward, defaultAsOf } from './engine';
export { loadRateTables } from './tables';
export { averageAssumedMonthlyWage, assumedWage, NoWageBaseError } from './wage-base';
export { countMcDays, tdbDailyRate, temporaryDisablement } from './temporary-disablement';
export { pdbDailyRate, permanentDisablement } from './permanent-disablement';
export { constantAttendance } from './constant-attendance';
export { dependantsBenefit, dependantsFullRate } from './dependants';
export { funeralBenefit, funeralHeirs } from './funeral';
export { medicalEntitlement, medicalReimbursements } from './medical';
export { rehabilitation } from './rehabilitation';
export { educationLoans } from './education';
export { qualifyingPeriod, pensionMonthly, applyCola } from './invalidity';
export { survivorsPension, resolveSameDeathOverlap } from './survivors';
export { eisAllowances, eisEligibility } from './eis-job-search';
export { classifyInjury, neiCovered } from './eligibility';
export { RULE_IDS, OUT_OF_ENGINE } from './rule-ids';
export type { Computed } from './common';
export { RateTableGapError } from './common';
