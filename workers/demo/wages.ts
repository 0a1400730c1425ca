import type { ContributionCategory } from '../../schemas';
import type { Random } from './random';

/** The insured-wage ceiling from 1 Oct 2024, RM6,000.00 (WB-CEIL-001); the demo history lies after that date. */
export const WAGE_CEILING_SEN = 600_000;

/** Malaysia's minimum monthly wage (RM1,700.00 from Feb 2025), the floor of generated wages. */
export const MINIMUM_WAGE_SEN = 170_000;

/**
 * A base monthly wage spread across the bands (WB-BAND-001): most workers in the lower and middle bands, about one in
 * eight above the RM6,000.00 ceiling (their wage counts at the ceiling, cases B and D of the benefit rules). Foreign
 * workers cluster at the low end. Whole ringgit.
 */
export function sampleBaseWageSen(rng: Random, foreign: boolean): number {
  const [lo, hi] = foreign
    ? rng.weighted<[number, number]>([
        [[1_700, 2_200], 60],
        [[2_200, 3_200], 35],
        [[3_200, 4_500], 5],
      ])
    : rng.weighted<[number, number]>([
        [[1_700, 2_500], 30],
        [[2_500, 4_000], 32],
        [[4_000, 6_000], 25],
        [[6_000, 15_000], 13],
      ]);
  return rng.int(lo, hi) * 100;
}

/** A month's actual wage: the base with an annual raise and some overtime or unpaid leave, never below the minimum. */
export function monthlyWageSen(rng: Random, baseSen: number, yearsOfRaises: number): number {
  const raised = baseSen * Math.pow(1.03, yearsOfRaises);
  const wobble = 1 + (rng.next() - 0.4) * 0.15;
  return Math.max(MINIMUM_WAGE_SEN, Math.round((raised * wobble) / 100) * 100);
}

/**
 * The assumed monthly wage of the RM100.00 band a wage falls in: the band's upper bound less RM50.00, capped at the
 * top band's RM5,950.00 (WB-BAND-001, WB-CEIL-001).
 */
export function assumedWageSen(actualSen: number): number {
  const upper = Math.min(Math.ceil(actualSen / 10_000) * 10_000, WAGE_CEILING_SEN);
  return Math.max(upper, 10_000) - 5_000;
}

const roundUpTo5Sen = (sen: number): number => Math.ceil(sen / 5) * 5;

/**
 * The month's Act 4 contribution (employer and employee), approximating the printed tables (WB-CON-001): first
 * category 2.25 % of the assumed wage (RM133.90 at the top band), second category 1.25 % (RM74.40). The demo only
 * needs plausible amounts; the engine reads wages, not contributions.
 */
export function eiContributionSen(actualSen: number, category: ContributionCategory): number {
  return roundUpTo5Sen(assumedWageSen(actualSen) * (category === 'first' ? 0.0225 : 0.0125));
}

/** The LINDUNG 24 Jam employee contribution in phase 1: 0.75 % of the assumed wage (RM44.65 at the top band, NEI-CON-001). */
export function neiContributionSen(actualSen: number): number {
  return roundUpTo5Sen(assumedWageSen(actualSen) * 0.0075);
}
