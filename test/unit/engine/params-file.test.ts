import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadEngineParamsFile } from '../../../infra/engine/params-file';
import { EngineParams } from '../../../schemas/benefits/params';

const dir = mkdtempSync(path.join(tmpdir(), 'engine-params-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('ENGINE_PARAMS_FILE (infra/engine/params-file.ts)', () => {
  it('PAY-COLA-001: when the file adds a cost-of-living round, then the worker gets it with every other parameter at its default', () => {
    const round = {
      id: 'COLA-2027',
      effectiveDate: '2027-01-01',
      benefitTypes: ['invalidity-pension', 'survivors-pension'],
      rows: [{ startYearFrom: 1970, startYearTo: 2026, pct: '3.5' }],
    };
    const params = EngineParams.parse(
      loadEngineParamsFile(file('ok.json', JSON.stringify({ revision: { extraRounds: [round] } })))
    );
    expect(params.revision.extraRounds).toEqual([round]);
    expect(params.payment.suspensionMonths).toBe(6);
  });

  it('when a round has a malformed date, then loading fails naming the file and the field', () => {
    const bad = { revision: { extraRounds: [{ id: 'X', effectiveDate: '1 Jan 2027', benefitTypes: [], rows: [] }] } };
    expect(() => loadEngineParamsFile(file('bad.json', JSON.stringify(bad)))).toThrow(
      /ENGINE_PARAMS_FILE .*bad\.json: .*revision\.extraRounds\[0\]\.effectiveDate/
    );
  });

  it('when the file is not JSON, then loading fails saying so', () => {
    expect(() => loadEngineParamsFile(file('broken.json', '{ revision: '))).toThrow(/not readable JSON/);
    expect(() => loadEngineParamsFile(path.join(dir, 'missing.json'))).toThrow(/not readable JSON/);
  });
});
