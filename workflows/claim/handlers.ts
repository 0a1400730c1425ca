import { ApplicationFailure, condition, setHandler, type CancellationScope } from '@temporalio/workflow';
import type { z } from 'zod';
import { formatZodIssues } from '../../schemas/common/errors';
import { ApproveAward, DecideAwardLine, ProvideInformation, WithdrawClaim } from '../../schemas/claim/operator-inputs';
import type { ClaimStage } from '../../schemas/claim/stage';
import { MedicalBoardDecision } from '../../schemas/medical/board-decision';
import { FailureType } from '../../schemas/failures';
import {
  approveAwardUpdate,
  decideAwardLineUpdate,
  getClaimStatusQuery,
  provideInformationUpdate,
  RecordMedicalCertificate,
  recordMedicalCertificateUpdate,
  submitMedicalAssessmentUpdate,
  withdrawClaimUpdate,
} from './messages';
import type { ClaimState } from './state';

const FINAL: readonly ClaimStage[] = ['awarded', 'rejected', 'withdrawn'];

/** Validates an update argument with its zod contract; the failure names each bad field, never its value. */
function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw ApplicationFailure.nonRetryable(formatZodIssues(result.error).join('; '), FailureType.InvalidInput);
  }
  return result.data;
}

function refuse(message: string, type: string = FailureType.InvalidState): never {
  throw ApplicationFailure.nonRetryable(message, type);
}

/**
 * Registers the claim workflow's query and update handlers. Validators reuse the zod contracts and check the stage,
 * so a refused update never reaches history; handlers only record the input; the workflow body acts on it.
 */
export function registerHandlers(state: ClaimState, mainScope: CancellationScope): void {
  const stage = () => state.status.stage;
  /** The lines of a pending award that the rules left to an officer. */
  const referredLines = (awardId: string): string[] =>
    (state.status.awards.find((a) => a.awardId === awardId)?.lines ?? [])
      .filter((l) => l.status === 'officer-review' || l.status === 'decided')
      .map((l) => l.lineId);
  const snapshot = (): typeof state.status => JSON.parse(JSON.stringify(state.status)) as typeof state.status;

  setHandler(getClaimStatusQuery, snapshot);

  setHandler(
    provideInformationUpdate,
    (input) => {
      state.claim = { ...state.claim, attachments: [...state.claim.attachments, ...input.attachments] };
      input.medicalCertificates.forEach((mc) => state.queueCertificate(mc));
      state.lastActorId = input.actorId;
      state.informationReceived = true;
      return snapshot();
    },
    {
      validator: (input) => {
        parse(ProvideInformation, input);
        if (stage() !== 'awaiting-information') refuse(`the claim is ${stage()}, not awaiting-information`);
      },
    }
  );

  setHandler(
    submitMedicalAssessmentUpdate,
    (decision) => {
      // A redelivered decision (same assessmentId) is ignored; the first one stands.
      if (!state.seenAssessmentIds.has(decision.assessmentId)) {
        state.seenAssessmentIds.add(decision.assessmentId);
        state.decision ??= decision;
      }
      return snapshot();
    },
    {
      validator: (decision) => {
        const d = parse(MedicalBoardDecision, decision);
        if (d.claimId !== state.claim.claimId) refuse('the decision is for another claim', FailureType.InvalidInput);
        if (FINAL.includes(stage())) refuse(`the claim is already ${stage()}`);
      },
    }
  );

  setHandler(
    recordMedicalCertificateUpdate,
    (input) => {
      if (state.queueCertificate(input.certificate)) state.lastActorId = input.actorId;
      return snapshot();
    },
    {
      validator: (input) => {
        parse(RecordMedicalCertificate, input);
        // An MC period's TDB award may wait for approval while the claim still takes certificates.
        if (state.finalAwardStarted || ['awarding', ...FINAL].includes(stage())) {
          refuse(`the claim is ${stage()}: certificates are taken until the final award`);
        }
      },
    }
  );

  setHandler(
    approveAwardUpdate,
    (input) => {
      if (!state.approvals.has(input.awardId)) state.approvals.set(input.awardId, input);
      return snapshot();
    },
    {
      validator: (input) => {
        const a = parse(ApproveAward, input);
        if (stage() !== 'awaiting-approval') refuse(`the claim is ${stage()}`);
        if (state.approvals.has(a.awardId)) refuse(`award ${a.awardId} is already approved`);
        if (!state.status.pendingApprovals.includes(a.awardId))
          refuse(`award ${a.awardId} is not pending`, FailureType.NotFound);
        if (a.actorId === state.makerId) refuse('maker-checker: the maker of an award cannot approve it');
        const undecided = referredLines(a.awardId).filter((l) => !state.lineDecisions.has(`${a.awardId}/${l}`));
        if (undecided.length > 0) {
          refuse(`line(s) ${undecided.join(', ')} need an officer's amount first (claims decide)`);
        }
      },
    }
  );

  setHandler(
    decideAwardLineUpdate,
    (input) => {
      state.lineDecisions.set(`${input.awardId}/${input.lineId}`, input);
      // The deciding officer shaped the award: the approval must come from someone else.
      state.lastActorId = input.actorId;
      state.makerId = input.actorId;
      const award = state.status.awards.find((x) => x.awardId === input.awardId);
      const line = award?.lines.find((l) => l.lineId === input.lineId);
      if (award && line) {
        award.totalSen = (award.totalSen - line.amountSen + input.amountSen) as typeof award.totalSen;
        Object.assign(line, { amountSen: input.amountSen, status: 'decided' });
      }
      return snapshot();
    },
    {
      validator: (input) => {
        const d = parse(DecideAwardLine, input);
        if (stage() !== 'awaiting-approval') refuse(`the claim is ${stage()}`);
        if (!state.status.pendingApprovals.includes(d.awardId))
          refuse(`award ${d.awardId} is not pending`, FailureType.NotFound);
        if (!referredLines(d.awardId).includes(d.lineId)) {
          refuse(`line ${d.lineId} of ${d.awardId} is not referred to an officer`, FailureType.NotFound);
        }
        if (state.lineDecisions.has(`${d.awardId}/${d.lineId}`)) refuse(`line ${d.lineId} is already decided`);
      },
    }
  );

  setHandler(
    withdrawClaimUpdate,
    async (input) => {
      state.withdrawal = input;
      mainScope.cancel();
      await condition(() => state.closed);
      return snapshot();
    },
    {
      validator: (input) => {
        parse(WithdrawClaim, input);
        if (state.withdrawal !== undefined || ['awarding', ...FINAL].includes(stage())) {
          refuse(`the claim is ${stage()} and can no longer be withdrawn`);
        }
      },
    }
  );
}
