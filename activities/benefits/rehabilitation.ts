import type { AwardLine } from '../../schemas/benefits/award';
import type { RehabilitationReferral } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { DecisionLog } from './common';
import { line } from './common';

/**
 * EI-REH-001 to EI-REH-003 (KPI-004 context): rehabilitation in kind. Each referral becomes an entitlement decision;
 * a centre above `reh.capacityAlertPct` (default 90 %) wait-lists the referral and raises an operator alert.
 * Dialysis belongs to the invalidity scheme only (EI-REH-001); vocational training to PDB recipients.
 */
export function rehabilitation(args: {
  referrals: readonly RehabilitationReferral[];
  beneficiaryId: string;
  invalidityScheme: boolean;
  pdbRecipient: boolean;
  params: EngineParams;
  log: DecisionLog;
}): AwardLine[] {
  return args.referrals.map((r, i) => {
    const notCovered =
      (r.kind === 'dialysis' && !args.invalidityScheme) || (r.kind === 'vocational-training' && !args.pdbRecipient);
    const waitListed = r.occupancyPct !== undefined && r.occupancyPct > args.params.reh.capacityAlertPct;
    if (waitListed) {
      args.log.add(
        'REHAB_CAPACITY_ALERT',
        'flag',
        ['EI-REH-003'],
        `${r.centre} is at ${r.occupancyPct} % occupancy (alert above ${args.params.reh.capacityAlertPct} %): referral ${r.referralId} is wait-listed.`
      );
    }
    if (notCovered) {
      args.log.add(
        'REHAB_NOT_COVERED',
        'info',
        ['EI-REH-001'],
        `Referral ${r.referralId} (${r.kind}) is not part of this scheme's rehabilitation.`
      );
    }
    return line({
      lineId: `REH-${i + 1}`,
      benefitType: 'rehabilitation',
      kind: 'entitlement-decision',
      status: notCovered ? 'not-payable' : 'payable',
      amountSen: 0,
      amountBasis: 'none',
      startDate: r.referredOn,
      stopConditions: [],
      beneficiaryId: args.beneficiaryId,
      relationship: 'self',
      ruleIds: ['EI-REH-001', 'EI-REH-002', 'EI-REH-003'],
      rateTableVersions: [],
      inputs: {
        referralId: r.referralId,
        kind: r.kind,
        centre: r.centre,
        occupancyPct: r.occupancyPct ?? 'unknown',
        capacityAlertPct: args.params.reh.capacityAlertPct,
        waitListed: waitListed ? 'yes' : 'no',
      },
      explanation: `Rehabilitation in kind (${r.kind}) at ${r.centre}${waitListed ? ', wait-listed' : ''}${notCovered ? ': not covered' : ''}.`,
    });
  });
}
