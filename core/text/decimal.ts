/**
 * How many digits a plain decimal number has before its point ("38" 2, "101" 3, "38.5" 2), or 0 when
 * the token is not one: what /^(\d+)(\.\d+)?$/ says, without running a pattern for every token.
 */
export function integerDigits(token: string): number {
  const n = token.length;
  let i = 0;
  while (i < n && isDigit(token.charCodeAt(i))) i++;
  if (i === 0) return 0;
  if (i === n) return i;
  if (token.charCodeAt(i) !== 46 || i + 1 === n) return 0;
  for (let k = i + 1; k < n; k++) if (!isDigit(token.charCodeAt(k))) return 0;
  return i;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
