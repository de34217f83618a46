/** Internal: tiny assertion helpers so the conformance suite runs under any test framework. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`conformance: ${message}`);
}

export function checkEqual<T>(actual: T, expected: T, message: string): void {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new Error(`conformance: ${message}\n  expected: ${e}\n  actual:   ${a}`);
}
