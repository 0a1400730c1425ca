/**
 * Every rule id of the domain reference (benefit-rules.md) that the engine implements: each appears in the rule ids
 * of a computed line or of an eligibility decision over the test fixtures (test/unit/benefits/coverage.test.ts).
 */
export const RULE_IDS = [
  // Conventions and wage base
  'GEN-MNY-001',
  'GEN-RND-001',
  'GEN-DATE-001',
  'WB-CEIL-001',
  'WB-BAND-001',
  'WB-AAMW-001',
  'WB-AAMW-002',
  'WB-DAY-001',
  'WB-FALL-001',
  'WB-INJ-001',
  // Employment injury (Act 4)
  'EI-COV-001',
  'EI-COV-002',
  'EI-COV-003',
  'EI-COV-004',
  'EI-COV-005',
  'EI-MED-001',
  'EI-MED-002',
  'EI-MED-003',
  'EI-TDB-001',
  'EI-TDB-002',
  'EI-TDB-003',
  'EI-TDB-004',
  'EI-TDB-005',
  'EI-PDB-001',
  'EI-PDB-002',
  'EI-PDB-003',
  'EI-PDB-004',
  'EI-PDB-005',
  'EI-PDB-006',
  'EI-PDB-007',
  'EI-PDB-008',
  'EI-PDB-009',
  'EI-CAA-001',
  'EI-CAA-002',
  'EI-CAA-003',
  'EI-DEP-001',
  'EI-DEP-002',
  'EI-DEP-003',
  'EI-DEP-004',
  'EI-DEP-005',
  'EI-DEP-006',
  'EI-DEP-007',
  'EI-FUN-001',
  'EI-FUN-002',
  'EI-FUN-003',
  'EI-REH-001',
  'EI-REH-002',
  'EI-REH-003',
  'EI-EDU-001',
  'EI-EDU-002',
  'EI-EDU-003',
  // Invalidity scheme
  'INV-DEF-001',
  'INV-AGE-001',
  'INV-QP-001',
  'INV-QP-002',
  'INV-PEN-001',
  'INV-PEN-002',
  'INV-PEN-003',
  'INV-PEN-004',
  'INV-GRT-001',
  'INV-SUR-001',
  'INV-SUR-002',
  'INV-SUR-003',
  'INV-SUR-004',
  // LINDUNG 24 Jam
  'NEI-LAW-001',
  'NEI-DEF-001',
  'NEI-CLS-001',
  'NEI-EXC-001',
  'NEI-EXC-002',
  'NEI-EXC-003',
  'NEI-BEN-001',
  'NEI-PH-001',
  'NEI-RATE-001',
  'NEI-RATE-002',
  'NEI-CON-001',
  'NEI-PART-001',
  'NEI-PART-002',
  'NEI-OVL-001',
  // EIS (Act 800), a separate scheme
  'EIS-COV-001',
  'EIS-ELG-001',
  'EIS-ELG-002',
  'EIS-LOE-001',
  'EIS-JSA-001',
  'EIS-JSA-002',
  'EIS-JSA-003',
  'EIS-RIA-001',
  'EIS-ERA-001',
  'EIS-TRN-001',
  // Claim deadlines and payment rules the award states (the workflows enforce them over time)
  'CLM-DL-001',
  'CLM-DL-002',
  'CLM-DL-003',
  'CLM-DL-004',
  'CLM-DL-005',
  'CLM-MB-001',
  'PAY-MON-001',
  'PAY-STOP-001',
  'PAY-STUDY-001',
  'PAY-PROV-001',
  'PAY-COLA-001',
  'PAY-MIN-001',
  'PAY-ARR-001',
  // Self-employment (Act 789) and gig workers: the same benefits on their own cover rules and wage base
  'SE-COV-001',
  'SE-CON-001',
  'SE-BEN-001',
  'SE-OVL-001',
  'GIG-CON-001',
  'GIG-COM-001',
  'GIG-BEN-001',
  // Review signals raised as flags
  'FRD-002',
  'FRD-004',
  'FRD-007',
  'FRD-008',
] as const;

/**
 * Rules of the domain reference implemented outside the engine, in the workflows and activities that run the claim
 * and its payments: each id with the files that implement it (each file cites the id; the coverage test checks).
 */
export const OUTSIDE_ENGINE: Readonly<Record<string, readonly string[]>> = {
  'CLM-FLOW-001': ['workflows/claim/claim-processing.ts'],
  'PAY-BANK-001': ['activities/periodic/index.ts'],
  'PAY-CAL-001': ['activities/periodic/calendar.ts'],
  'PAY-DECL-001': ['workflows/periodic/periodic-award.ts'],
  'PAY-SUSP-001': ['workflows/periodic/handlers.ts'],
  'PAY-OVP-001': ['activities/periodic/overpayment.ts'],
  'FRD-009': ['activities/claims/verification.ts'],
};

/**
 * Rule ids of the domain reference that nothing implements, with the reason. The coverage test requires every
 * GEN/WB/EI/NEI/INV/EIS/SE/GIG/CLM/PAY/FRD id of the reference to be in {@link RULE_IDS}, {@link OUTSIDE_ENGINE} or
 * here. A reason must be true: "not built" says so.
 */
export const OUT_OF_ENGINE: Readonly<Record<string, string>> = {
  // Contributions are read from PERKESO's printed tables by the registry, never computed by the benefits engine.
  'WB-CON-001':
    'contributions are registry data (printed tables); the engine reads contribution months, it never computes contributions',
  'CLM-DL-006':
    'not built: appeals to the Appellate Medical Board or JRKS are not modelled, and nothing reads clm.appealWindowDays yet',
  'CLM-SLA-001':
    'not built as a measure: no payment target per benefit is tracked; only the Medical Board and approval waits have SLAs (their 3-day default cites it)',
  'FRD-001': 'not built: no shared address, phone or bank account signal across claimants',
  'FRD-003': 'not built: no fraud case is modelled; an operator suspension (PAY-SUSP-001) is the manual route',
  'FRD-005': 'not built: no extra scrutiny signal on invalidity notices',
  'FRD-006':
    'not built: no death-registry match; an overdue declaration suspends the award (PAY-DECL-001) but raises no fraud signal',
  'FRD-010': 'not built: no search-and-serve claim-candidate event; only the intake channel exists',
};
