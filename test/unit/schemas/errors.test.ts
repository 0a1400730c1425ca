import { z } from 'zod';
import { formatIssuePath, formatZodIssues } from '../../../schemas/common/errors';

describe('formatZodIssues', () => {
  test.each([
    [[], '(root)'],
    [['claimId'], 'claimId'],
    [['claimant', 'identity', 'icNumber'], 'claimant.identity.icNumber'],
    [['dependants', 0, 'personal', 'name'], 'dependants[0].personal.name'],
  ])('when the path is %j, then it reads %s', (path, expected) => {
    expect(formatIssuePath(path)).toBe(expected);
  });

  test('when fields are wrong or unknown, then each line names its field', () => {
    const schema = z.object({ claimant: z.object({ icNumber: z.string() }).strict() }).strict();
    const result = schema.safeParse({ claimant: { icNumber: 123, extra: 1 }, other: true });
    expect(result.success).toBe(false);
    expect(formatZodIssues(result.error!)).toEqual([
      'claimant.icNumber: Invalid input: expected string, received number',
      'claimant.extra: unrecognized field',
      'other: unrecognized field',
    ]);
  });
});
