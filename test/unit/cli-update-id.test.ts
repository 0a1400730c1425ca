import { InvalidInputError, operatorUpdateId } from '../../workers/cli/input';

describe('operatorUpdateId (the update id of an operator command)', () => {
  const input = { actorId: 'officer.aziz', reason: 'Investigation', extra: { b: 1, a: 2 } };

  it('when the same command is run again with the same arguments, then the id is the same (key order does not matter)', () => {
    const reordered = { extra: { a: 2, b: 1 }, reason: 'Investigation', actorId: 'officer.aziz' };
    expect(operatorUpdateId('suspend', 'award-A-IP-1', input)).toBe(
      operatorUpdateId('suspend', 'award-A-IP-1', reordered)
    );
    expect(operatorUpdateId('suspend', 'award-A-IP-1', input)).toMatch(/^cli-suspend-[0-9a-f]{32}$/);
  });

  it('when the command, the workflow or an argument differs, then the id differs', () => {
    const id = operatorUpdateId('suspend', 'award-A-IP-1', input);
    expect(operatorUpdateId('resume', 'award-A-IP-1', input)).not.toBe(id);
    expect(operatorUpdateId('suspend', 'award-B-IP-1', input)).not.toBe(id);
    expect(operatorUpdateId('suspend', 'award-A-IP-1', { ...input, reason: 'Other' })).not.toBe(id);
  });

  it('when the operator gives --request-id, then it is the key; a malformed one is refused naming the option', () => {
    expect(operatorUpdateId('suspend', 'award-A-IP-1', input, 'ticket-4711')).toBe('req-ticket-4711');
    expect(() => operatorUpdateId('suspend', 'award-A-IP-1', input, 'two words')).toThrow(InvalidInputError);
    expect(() => operatorUpdateId('suspend', 'award-A-IP-1', input, 'two words')).toThrow(/--request-id/);
  });
});
