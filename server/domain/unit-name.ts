/**
 * The matching key of a unit name (DESIGN.md §2): full-width → half-width (NFKC), no spaces or punctuation,
 * the county prefix stripped ("示例县公安局", "县公安局" → "公安局"), and the trailing 人民政府 / 办事处 of
 * townships and streets stripped ("城关镇人民政府" → "城关镇"). A name that would normalise to nothing (the county
 * government itself) keeps its stripped suffix.
 */
export function normalizeUnitName(name: string, countyPrefixes: readonly string[]): string {
  let s = name.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
  for (const prefix of [...countyPrefixes].sort((a, b) => b.length - a.length)) {
    if (s.startsWith(prefix) && s.length > prefix.length) {
      s = s.slice(prefix.length);
      break;
    }
  }
  for (const suffix of ['人民政府', '办事处']) {
    if (s.endsWith(suffix) && s.length > suffix.length) {
      s = s.slice(0, -suffix.length);
      break;
    }
  }
  return s;
}

/** The county prefixes stripped when matching: the county's own name and the bare "县". */
export function countyPrefixes(countyName: string): string[] {
  return [countyName, '县'];
}
