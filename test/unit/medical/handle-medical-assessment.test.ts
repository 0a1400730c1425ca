import type { KafkaMessage } from 'kafkajs';
import type { DeadLetterWriter } from '../../../workers/kafka-messages';
import {
  handleMedicalAssessment,
  newAssessmentCounters,
  type AssessmentDelivery,
} from '../../../workers/medical/handle-medical-assessment';
import { aMedicalAssessmentDecided } from '../../support/builders';

const message = (value: string): KafkaMessage =>
  ({
    key: Buffer.from('C-2026-000123'),
    value: Buffer.from(value),
    offset: '3',
    timestamp: '0',
    attributes: 0,
    headers: {},
  }) as KafkaMessage;

function ports(result: 'delivered' | { refused: string } | Error) {
  const dead: Parameters<DeadLetterWriter['write']>[0][] = [];
  const delivery: AssessmentDelivery = {
    deliver: jest.fn(async () => {
      if (result instanceof Error) throw result;
      return result;
    }),
  };
  return { delivery, dlq: { write: jest.fn(async (r) => void dead.push(r)) }, counters: newAssessmentCounters(), dead };
}

const source = (m: KafkaMessage) => ({ topic: 'medical.assessments', partition: 0, message: m });

describe('medical.assessments: a Medical Board decision for a claim', () => {
  it('when the claim accepts the decision, then it is delivered once and counted', async () => {
    const p = ports('delivered');
    const event = aMedicalAssessmentDecided();
    expect(await handleMedicalAssessment(source(message(JSON.stringify(event))), p)).toBe('delivered');
    expect(p.delivery.deliver).toHaveBeenCalledWith(event.decision);
    expect(p.counters).toEqual({ received: 1, delivered: 1, deadLettered: 0 });
  });

  it('when the claim refuses it (closed or wrong stage), then it goes to the DLQ with the reason', async () => {
    const p = ports({ refused: 'claim C-2026-000123 is closed' });
    await handleMedicalAssessment(source(message(JSON.stringify(aMedicalAssessmentDecided()))), p);
    expect(String(p.dead[0]?.headers['x-dlq-reason'])).toBe('refused: claim C-2026-000123 is closed');
    expect(p.counters).toEqual({ received: 1, delivered: 0, deadLettered: 1 });
  });

  it('when the message is malformed, then it goes to the DLQ and nothing is delivered', async () => {
    const p = ports('delivered');
    await handleMedicalAssessment(source(message('{"schemaVersion":')), p);
    expect(p.delivery.deliver).not.toHaveBeenCalled();
    expect(String(p.dead[0]?.headers['x-dlq-reason'])).toMatch(/^malformed JSON/);
    expect(p.dead[0]?.value?.toString()).toBe('{"schemaVersion":');
  });

  it('when Temporal is unreachable, then the handler throws so the message is redelivered', async () => {
    const p = ports(new Error('UNAVAILABLE'));
    await expect(
      handleMedicalAssessment(source(message(JSON.stringify(aMedicalAssessmentDecided()))), p)
    ).rejects.toThrow('UNAVAILABLE');
    expect(p.counters.received).toBe(0);
  });

  it('when the key is another claim than the decision names, then it goes to the DLQ and nothing is delivered', async () => {
    const p = ports('delivered');
    const keyed = { ...message(JSON.stringify(aMedicalAssessmentDecided())), key: Buffer.from('C-2026-000999') };
    expect(await handleMedicalAssessment(source(keyed), p)).toBe('dead-lettered');
    expect(p.delivery.deliver).not.toHaveBeenCalled();
    expect(String(p.dead[0]?.headers['x-dlq-reason'])).toBe('key: the message key must equal decision.claimId');
  });
});
