import type { Client } from '@temporalio/client';
import { claimWorkflowId } from '../../../infra/temporal/claim-starter';
import type { ClaimsWatch } from './claims-watch';
import type { ClaimMessage } from './produce';
import type { PipelineBenchReport } from './report';
import { describeShape, historyShapeOf } from './shape';

/** The shape of the warm-up claim awarded with no officer whose history has the median number of events. */
export async function probeShape(
  client: Client,
  warm: readonly ClaimMessage[],
  watch: ClaimsWatch,
  kindOf: ReadonlyMap<string, string>
): Promise<PipelineBenchReport['shape']> {
  const candidates = warm
    .map((m) => m.key)
    .filter((id) => {
      const t = watch.claims.get(id);
      return t?.stage === 'awarded' && !t.officer;
    });
  const shapes = [];
  for (const claimId of candidates) {
    // The settling event is published inside the workflow's last task: the history is whole once the run has closed.
    const handle = client.workflow.getHandle(claimWorkflowId(claimId));
    await handle.result();
    const history = await handle.fetchHistory();
    shapes.push({ claimId, shape: historyShapeOf(history) });
  }
  shapes.sort((a, b) => a.shape.totals.events - b.shape.totals.events);
  const chosen = shapes[Math.floor((shapes.length - 1) / 2)];
  if (!chosen) return null;
  return {
    claimId: chosen.claimId,
    kind: kindOf.get(chosen.claimId) ?? 'unknown',
    description: describeShape(chosen.shape),
    shape: chosen.shape,
  };
}
