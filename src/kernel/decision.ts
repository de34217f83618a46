import type { RuleId } from './rule-catalogue.js';

/**
 * One reason a decision was refused: the rule it breaks, a stable machine code, a plain
 * sentence the user can act on, and optional data (the threshold, the actual value…).
 */
export interface Violation {
  readonly rule: RuleId;
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * The outcome of a pure rule: allowed, or refused with **every** violated rule.
 *
 * @example
 * ```ts
 * import { canGenerateAdCode, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * const d = canGenerateAdCode(facts, DEFAULT_POLICY);
 * if (!d.allowed) for (const v of d.violations) console.log(v.rule, v.message);
 * ```
 */
export type Decision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly violations: readonly [Violation, ...Violation[]] };

const ALLOWED: Decision = Object.freeze({ allowed: true });

/**
 * Builds a Decision from the list of violations found: allowed when the list is empty. For
 * writing your own rules in the same shape.
 *
 * @example
 * ```ts
 * const v: Violation[] = [];
 * if (!budgetApproved) v.push({ rule: 'ADV-01', code: 'acme.budget_missing', message: 'Approve the budget first.' });
 * return decide(v);
 * ```
 */
export function decide(violations: readonly Violation[]): Decision {
  if (violations.length === 0) return ALLOWED;
  return { allowed: false, violations: violations as readonly [Violation, ...Violation[]] };
}
