import { z } from 'zod';

/**
 * What an operator may do with the `claims` CLI. Each role covers one kind of authority; every command that changes
 * a claim or an award needs exactly one role ({@link COMMAND_ROLES}). Read-only commands (`status`, `list`,
 * `award-status`, `reconcile`, `award`, `schema`) and `submit` (the intake channel, as a claimant's form arrives)
 * need none. There is no `reject` role: a claim is refused by the rules, and the CLI has no reject command.
 */
export const Role = z.enum([
  /** Records a Medical Board decision (`assess`) or a Medical Board review of constant attendance (`caa-review`). */
  'assess',
  /** Gives a waiting claim its documents or MCs (`provide-info`). */
  'provide-info',
  /** Sets the amount of a line the rules referred to an officer (`decide`), up to `approveUpToSen`. */
  'decide',
  /** Second-officer approval of an award (`approve`) whose total is at most `approveUpToSen`. */
  'approve',
  /** Withdraws a claim before it is awarded (`withdraw`). */
  'withdraw',
  /** Suspends, resumes or stops a periodic award (`suspend`, `resume`, `stop`). */
  'suspend',
  /**
   * Records new bank details for a periodic award (`bank-account`, BKA-1) or a held lump sum
   * (`payment-bank-account`), and re-sends a held lump sum (`payment-retry`).
   */
  'bank-account',
  /** Records a beneficiary's declaration, death or marriage (`declaration`, `death`, `marriage`). */
  'life-event',
  /** Re-publishes a dead-lettered message (or a corrected body) to its original topic (`dlq replay`). */
  'dlq-replay',
]);
export type Role = z.infer<typeof Role>;

/** The roles whose authority has a money limit: the operator's `approveUpToSen`. */
export const LIMITED_ROLES: readonly Role[] = ['approve', 'decide'];

/**
 * The role each operator command needs. The keys are the CLI's command names, which are also the `refused:<command>`
 * audit actions; a command added to the CLI that changes a claim or an award must be added here.
 */
export const COMMAND_ROLES = {
  assess: 'assess',
  'provide-info': 'provide-info',
  decide: 'decide',
  approve: 'approve',
  withdraw: 'withdraw',
  suspend: 'suspend',
  resume: 'suspend',
  stop: 'suspend',
  'bank-account': 'bank-account',
  declaration: 'life-event',
  death: 'life-event',
  marriage: 'life-event',
  'caa-review': 'assess',
  'payment-bank-account': 'bank-account',
  'payment-retry': 'bank-account',
  'dlq replay': 'dlq-replay',
} as const satisfies Record<string, Role>;

/** A CLI command that changes a claim or an award, and so is checked against the operators file. */
export type OperatorCommand = keyof typeof COMMAND_ROLES;
