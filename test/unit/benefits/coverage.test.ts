import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { OUT_OF_ENGINE, OUTSIDE_ENGINE, RULE_IDS } from '../../../activities/benefits/rule-ids';
import { award } from './builders';
import { SCENARIOS } from './scenarios';

const ROOT = path.resolve(__dirname, '../../..');
/** The shared folder sits beside the repository (CI has it too); a missing file fails the test, never skips it. */
const DOMAIN_REFERENCE = path.resolve(ROOT, '../shared/domain/benefit-rules.md');
const FAMILIES = ['GEN', 'WB', 'EI', 'NEI', 'INV', 'EIS', 'SE', 'GIG', 'CLM', 'PAY', 'FRD'];

describe('rule coverage', () => {
  const seen = new Set<string>();
  for (const s of SCENARIOS) {
    const a = award(s.facts, s.asOf ?? '2026-12-31', s.params ?? {});
    for (const l of a.lines) l.ruleIds.forEach((r) => seen.add(r));
    for (const d of a.decisions) d.ruleIds.forEach((r) => seen.add(r));
    a.wageBase?.ruleIds.forEach((r) => seen.add(r));
  }

  it.each([...RULE_IDS])(
    '%s: when the fixture set is computed, then the rule appears in a line or a decision',
    (id) => {
      expect(seen.has(id)).toBe(true);
    }
  );

  it('GEN-DATE-001: when the engine cites a rule, then it is listed in RULE_IDS', () => {
    expect([...seen].filter((id) => !(RULE_IDS as readonly string[]).includes(id))).toEqual([]);
  });

  it('GEN-MNY-001: when the domain reference lists a rule of any family, then it is implemented, implemented outside the engine, or listed as not built with its reason', () => {
    expect(existsSync(DOMAIN_REFERENCE)).toBe(true);
    const text = readFileSync(DOMAIN_REFERENCE, 'utf8');
    const pattern = new RegExp(`\\b(?:${FAMILIES.join('|')})-(?:[A-Z]+-)?\\d{3}\\b`, 'g');
    const ids = new Set(text.match(pattern) ?? []);
    for (const family of FAMILIES)
      expect({ family, found: [...ids].some((id) => id.startsWith(`${family}-`)) }).toEqual({ family, found: true });
    const known = (id: string) =>
      (RULE_IDS as readonly string[]).includes(id) || id in OUTSIDE_ENGINE || id in OUT_OF_ENGINE;
    expect([...ids].filter((id) => !known(id))).toEqual([]);
  });

  it.each(Object.entries(OUTSIDE_ENGINE))(
    '%s: when a rule is implemented outside the engine, then each file named for it exists and cites it',
    (id, files) => {
      for (const file of files) {
        const full = path.join(ROOT, file);
        expect({ file, exists: existsSync(full) }).toEqual({ file, exists: true });
        expect({ file, cites: readFileSync(full, 'utf8').includes(id) }).toEqual({ file, cites: true });
      }
    }
  );

  it('GEN-MNY-001: when a rule is listed as not built, then no code outside the rule list cites it as implemented', () => {
    const notBuilt = Object.entries(OUT_OF_ENGINE).filter(([, reason]) => reason.startsWith('not built'));
    expect(notBuilt.length).toBeGreaterThan(0);
    for (const [id] of notBuilt) expect({ id, outside: id in OUTSIDE_ENGINE }).toEqual({ id, outside: false });
  });

  it('GEN-MNY-001: when a rule is out of engine, then it is not also claimed as implemented', () => {
    const listed = [...Object.keys(OUT_OF_ENGINE), ...Object.keys(OUTSIDE_ENGINE)];
    expect(listed.filter((id) => (RULE_IDS as readonly string[]).includes(id))).toEqual([]);
    expect(Object.keys(OUT_OF_ENGINE).filter((id) => id in OUTSIDE_ENGINE)).toEqual([]);
  });
});
