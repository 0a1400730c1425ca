import type { z } from 'zod';

/**
 * Joins a zod issue path into the field name an operator reads: `claimant.identity.icNumber`,
 * `dependants[0].personal.name`, or `(root)` for the object itself.
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      const name = String(segment);
      out += out === '' ? name : `.${name}`;
    }
  }
  return out === '' ? '(root)' : out;
}

/**
 * Turns a zod error into one line per problem, each starting with the field it concerns, e.g.
 * `claimant.identity.icNumber: expected 12 digits`. Unknown fields get one line each under their own name, so
 * a DLQ reason or a CLI message always names the field (CLI exit code 2).
 */
export function formatZodIssues(error: z.ZodError): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        lines.push(`${formatIssuePath([...issue.path, key])}: unrecognized field`);
      }
    } else {
      lines.push(`${formatIssuePath(issue.path)}: ${issue.message}`);
    }
  }
  return lines;
}
