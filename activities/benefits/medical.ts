import type { AwardLine } from '../../schemas/benefits/award';
import type { MedicalBillFact } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { DecisionLog } from './common';
import { line } from './common';

/**
 * EI-MED-001: treatment in kind at panel or government clinics until full recovery (an entitlement decision; for
 * LINDUNG 24 Jam the costs are financed by PERKESO too, NEI-BEN-001).
 */
export function medicalEntitlement(beneficiaryId: string, from: string, extraRuleIds: AwardLine['ruleIds']): AwardLine {
  return line({
    lineId: 'MED-1',
    benefitType: 'medical',
    kind: 'entitlement-decision',
    status: 'payable',
    amountSen: 0,
    amountBasis: 'none',
    period: { from },
    startDate: from,
    stopConditions: [{ kind: 'recovery' }],
    beneficiaryId,
    relationship: 'self',
    ruleIds: ['EI-MED-001', ...extraRuleIds],
    rateTableVersions: [],
    inputs: { inKind: 'panel or government clinic; second-class ward and specialist care for serious injury' },
    explanation:
      'Medical benefit: free treatment at PERKESO panel or government clinics and hospitals until full recovery.',
  });
}

/**
 * EI-MED-002/003: reimbursement of non-panel bills, per item at the lower of the charge and the dated Fees Act 1951
 * rate, with no flat cap (`med.reimbursementCap`, default none). Unlisted items and bills without original receipts
 * go to an officer. Panel bills are treatment in kind and are not reimbursed.
 */
export function medicalReimbursements(
  bills: readonly MedicalBillFact[],
  beneficiaryId: string,
  params: EngineParams,
  log: DecisionLog
): AwardLine[] {
  return bills
    .filter((b) => !b.panel)
    .map((bill, i) => {
      const listed = bill.items.filter((it) => it.feesActRateSen !== null);
      const unlisted = bill.items.length - listed.length;
      let amount = listed.reduce((s, it) => s + Math.min(it.chargedSen, it.feesActRateSen ?? 0), 0);
      if (params.med.reimbursementCapSen !== null) amount = Math.min(amount, params.med.reimbursementCapSen);
      const review = unlisted > 0 || !bill.originalReceipts;
      if (unlisted > 0)
        log.add(
          'MED_UNLISTED_ITEM',
          'officer-review',
          ['EI-MED-003'],
          `Bill ${bill.billId}: ${unlisted} item(s) have no Fees Act 1951 rate; an officer prices them.`
        );
      if (!bill.originalReceipts)
        log.add(
          'MED_NO_ORIGINAL_RECEIPTS',
          'officer-review',
          ['EI-MED-002'],
          `Bill ${bill.billId}: reimbursement needs the original receipts.`
        );
      return line({
        lineId: `MED-R${i + 1}`,
        benefitType: 'medical',
        kind: 'lump-sum',
        status: review ? 'officer-review' : 'payable',
        amountSen: amount,
        amountBasis: 'lump-sum',
        startDate: bill.date,
        stopConditions: [],
        beneficiaryId,
        relationship: 'self',
        ruleIds: ['EI-MED-002', 'EI-MED-003', 'GEN-MNY-001'],
        rateTableVersions: [],
        inputs: {
          billId: bill.billId,
          itemsCharged: bill.items.reduce((s, it) => s + it.chargedSen, 0),
          itemsListed: listed.length,
          itemsUnlisted: unlisted,
          reimbursementCapSen: params.med.reimbursementCapSen ?? 'none',
        },
        explanation: `Reimbursement of non-panel bill ${bill.billId}: each item at the lower of the charge and its Fees Act 1951 rate.`,
      });
    });
}
